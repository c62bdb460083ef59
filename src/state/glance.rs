//! What the overview of a conference (or blueprint) shows: the document without its user entries, and
//! what it counts of them. A read of a 10,000-user conference is 7 MB of model; the overview, redrawn
//! when a read brings a change, would otherwise copy all of it each time, and redraw for a change it does
//! not show (someone's status).

use ccmp::xcon::{Conference, ConferenceDescription, ConferenceState};

use super::floor_form::FloorsForm;
use super::waiting::{in_count, waiting_count};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glance {
    pub entity: String,
    pub description: ConferenceDescription,
    pub state: ConferenceState,
    /// How many users the conference has: its own count, else how many the document lists.
    pub users: Option<usize>,
    pub join_handling: Option<String>,
    /// How many wait to be admitted, in a conference that holds newcomers.
    pub waiting: Option<usize>,
    /// The version the response carried, else the document's own.
    pub version: Option<u64>,
    /// The floor control in words, a line each (`state::floor_form`); empty when it has none.
    pub floor: Vec<String>,
}

impl Glance {
    pub fn of(conf: &Conference, version: Option<u64>) -> Glance {
        let state = conf.conference_state.clone().unwrap_or_default();
        Glance {
            entity: conf.entity.clone(),
            description: conf.description.clone().unwrap_or_default(),
            users: in_count(conf).map(|n| n as usize),
            state,
            join_handling: conf.users.as_ref().and_then(|u| u.join_handling.as_ref()).map(|j| j.as_str().to_owned()),
            waiting: waiting_count(conf).map(|n| n as usize),
            version: version.or(conf.version.map(u64::from)),
            floor: FloorsForm::of(
                conf.floor_information.as_ref(),
                conf.description.as_ref().and_then(|d| d.available_media.as_ref()),
            )
            .map(|f| f.in_words())
            .unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use ccmp::xcon::{Endpoint, EndpointStatus, JoinHandling, User, Users};

    use super::*;

    fn conference(people: usize, join: JoinHandling) -> Conference {
        let users = (0..people)
            .map(|i| User {
                entity: Some(format!("xcon-userid:u{i}@example.com")),
                endpoints: vec![Endpoint { status: Some(EndpointStatus::Connected), ..Default::default() }],
                ..Default::default()
            })
            .collect();
        let mut conf = Conference::new("xcon:budget@example.com");
        conf.description_mut().display_text = Some("Budget".into());
        conf.version = Some(4);
        conf.users = Some(Users { users, join_handling: Some(join), ..Default::default() });
        conf
    }

    #[test]
    fn counts_the_users_and_those_waiting_without_keeping_them() {
        let mut conf = conference(3, JoinHandling::Confirm);
        conf.users.as_mut().unwrap().users[1].endpoints[0].status = Some(EndpointStatus::Pending);
        let glance = Glance::of(&conf, None);
        assert_eq!(glance.users, Some(2), "who is in: not the one waiting");
        assert_eq!(glance.waiting, Some(1));
        // A server that counts everyone listed, the one waiting too: they are taken off its count.
        conf.conference_state = Some(ConferenceState { user_count: Some(3), ..Default::default() });
        assert_eq!(Glance::of(&conf, None).users, Some(2));
        assert_eq!(glance.join_handling.as_deref(), Some("confirm"));
        assert_eq!(glance.description.display_text.as_deref(), Some("Budget"));
        assert_eq!(glance.version, Some(4), "the document's version when the response carried none");
        assert_eq!(Glance::of(&conf, Some(9)).version, Some(9), "the response's, when it did");
    }

    #[test]
    fn the_conferences_own_count_comes_first_and_only_a_conference_that_holds_newcomers_counts_waiting() {
        let mut conf = conference(2, JoinHandling::Allow);
        conf.conference_state = Some(ConferenceState { user_count: Some(250), ..Default::default() });
        let glance = Glance::of(&conf, None);
        assert_eq!(glance.users, Some(250));
        assert_eq!(glance.waiting, None);
    }

    #[test]
    fn a_read_that_changes_only_what_the_overview_does_not_show_leaves_it_as_it_was() {
        let before = conference(3, JoinHandling::Allow);
        let mut after = before.clone();
        after.users.as_mut().unwrap().users[2].display_text = Some("Erin Walsh".into());
        assert_eq!(Glance::of(&before, Some(4)), Glance::of(&after, Some(4)));
        after.users.as_mut().unwrap().users.pop();
        assert_ne!(Glance::of(&before, Some(4)), Glance::of(&after, Some(4)), "one user fewer shows");
    }
}
