//! The waiting room. A conference whose join-handling is `confirm` (or `directed-operator`) holds
//! whoever joins on their own with their endpoints `pending` (RFC 4575: not in the conference yet)
//! until a moderator admits them. The panel lists them apart from the others, and admits by setting
//! those endpoints `connected` in a userRequest update; turning someone away is a removal.

use std::collections::BTreeSet;

use ccmp::xcon::{Conference, Endpoint, EndpointStatus, JoinHandling, User, Users};

use super::notice::{Notice, Tone};
use super::users::UserRow;

/// Whether the conference holds newcomers until a moderator admits them.
pub fn holds_joiners(users: &Users) -> bool {
    holds(users.join_handling.as_ref())
}

/// Whether this join-handling holds newcomers until a moderator admits them.
pub fn holds(join_handling: Option<&JoinHandling>) -> bool {
    matches!(join_handling, Some(JoinHandling::Confirm | JoinHandling::DirectedOperator))
}

/// Whether changing join-handling from `before` to `after` closes the waiting room: whoever waits
/// then would stay pending, no longer listed apart, unless the moderator lets them in too. Not so for
/// `block`, which lets nobody in on their own: a moderator who blocks joins means to keep people out.
pub fn closes_waiting_room(before: Option<&JoinHandling>, after: Option<&JoinHandling>) -> bool {
    holds(before) && !holds(after) && after != Some(&JoinHandling::Block)
}

/// Whether `user` is not in the conference yet: one of their endpoints is `pending`.
pub fn is_pending(user: &User) -> bool {
    user.endpoints.iter().any(|e| e.status == Some(EndpointStatus::Pending))
}

/// Someone in the waiting room, as the panel lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiting {
    /// The user's key in the users list ([`UserRow::key_of`]).
    pub key: String,
    /// The display-text, or the entity.
    pub name: String,
    /// Where they call from: the pending endpoint's address (empty when the server gave none).
    pub address: String,
    /// The partial user that admits them ([`admit_change`]); `None` when no request can name them (the
    /// server gave them no entity).
    pub admit: Option<User>,
    /// Their roles as read: the undo of their admission holds them again only while they keep them.
    pub roles: Vec<String>,
}

/// The users waiting to be admitted, in the server's order; none in a conference that admits at once
/// (there, a pending user is one the focus expects to call in, not one waiting for a moderator).
pub fn waiting(users: &Users) -> Vec<Waiting> {
    if !holds_joiners(users) {
        return Vec::new();
    }
    pending_people(users)
}

/// Every user not in the conference yet, whatever its join-handling, as [`waiting`] lists them.
pub fn pending_people(users: &Users) -> Vec<Waiting> {
    let address = |u: &User| {
        let pending = u.endpoints.iter().filter(|e| e.status == Some(EndpointStatus::Pending));
        pending.filter_map(|e| e.entity.clone()).next().unwrap_or_default()
    };
    (users.users.iter().enumerate())
        .filter(|(_, u)| is_pending(u))
        .map(|(i, u)| Waiting {
            key: UserRow::key_of(u, i),
            name: UserRow::new(u, i).name,
            address: address(u),
            admit: admit_change(u),
            roles: u.role_names().to_vec(),
        })
        .collect()
}

/// `1 person`, `3 people`.
pub fn people(n: usize) -> String {
    if n == 1 {
        "1 person".to_owned()
    } else {
        format!("{n} people")
    }
}

/// How many are in `conf`, not counting those waiting to be admitted. The state's user-count comes first
/// (a server may list only some of its users); when it counts exactly the users listed, those waiting
/// among them are taken off, as a moderator counts who is in (the reference server counts everyone
/// listed). Without a count, the users listed who are not waiting.
pub fn in_count(conf: &Conference) -> Option<u32> {
    let listed = conf.users.as_ref().map(|u| &u.users);
    let pending = listed.map_or(0, |l| l.iter().filter(|u| is_pending(u)).count()) as u32;
    let listed = listed.map(|l| l.len() as u32);
    match (conf.conference_state.as_ref().and_then(|s| s.user_count), listed) {
        (Some(n), Some(l)) if n == l => Some(n.saturating_sub(pending)),
        (Some(n), _) => Some(n),
        (None, l) => l.map(|l| l.saturating_sub(pending)),
    }
}

/// How many of those in `conf` (not waiting) have a medium of one of the types `kinds` (`audio`): whose
/// streams taking those media from the conference may end. A moderator on the panel alone, with no
/// endpoint, has none (QA: "Remove text while 1 person is in it?" with nobody joined). Without the users
/// listed, everyone counted in.
pub fn using(conf: &Conference, kinds: &[&str]) -> u32 {
    let Some(users) = conf.users.as_ref() else { return in_count(conf).unwrap_or(0) };
    let uses = |u: &&User| {
        let mut media = u.endpoints.iter().flat_map(|e| &e.media);
        !is_pending(u) && media.any(|m| kinds.iter().any(|k| super::users::is_type(m, k)))
    };
    users.users.iter().filter(uses).count() as u32
}

/// The keys (`UserRow::key_of`) of those in the conference `conf`, not waiting to be let in: who a delete would
/// cut off, to tell someone new from someone gone (a head count misses one leaving as another joins: QA).
pub fn present_keys(conf: &Conference) -> Vec<String> {
    let users = conf.users.iter().flat_map(|u| &u.users);
    users.filter(|u| u.entity.is_some() && !is_pending(u)).map(|u| super::users::UserRow::key_of(u, 0)).collect()
}

/// How many wait in a conference as read, for the conferences list; `None` when the conference (or
/// the document read) has no waiting room.
pub fn waiting_count(conf: &Conference) -> Option<u32> {
    conf.users.as_ref().and_then(waiting_in)
}

/// How many of `users` wait to be admitted; `None` when they are not a waiting room's (elsewhere a pending
/// endpoint is one being dialled).
pub fn waiting_in(users: &Users) -> Option<u32> {
    holds_joiners(users).then(|| users.users.iter().filter(|u| is_pending(u)).count() as u32)
}

/// The notice that tells the moderator who waits to join `conference` (its name); `None` when nobody
/// does. A warning, so that it stays until the moderator acts or nobody waits any more. When more than
/// three wait, it names the `latest` to arrive (keys) first: those are whom a moderator who has seen
/// the notice before does not know of yet.
pub fn knock(conference: &str, waiting: &[Waiting], latest: &BTreeSet<String>) -> Option<Notice> {
    let names: Vec<&str> = waiting.iter().map(|w| w.name.as_str()).collect();
    let newest: Vec<&str> = waiting.iter().filter(|w| latest.contains(&w.key)).map(|w| w.name.as_str()).collect();
    let (title, who) = match names.as_slice() {
        [] => return None,
        [one] => (format!("{one} is waiting to join {conference}"), String::new()),
        _ => (
            format!("{} people are waiting to join {conference}", names.len()),
            if names.len() > 3 && !newest.is_empty() && newest.len() < names.len() {
                format!("Latest: {}; {} waiting longer. ", some_of(&newest), names.len() - newest.len())
            } else {
                format!("{}. ", some_of(&names))
            },
        ),
    };
    Some(Notice::plain(
        Tone::Warning,
        title,
        format!("{who}The conference confirms each join: they are not in it until a moderator admits them."),
    ))
}

/// `A`, `A and B`, `A, B and C`, or the first two and how many more.
fn some_of(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [a, b] => format!("{a} and {b}"),
        [a, b, c] => format!("{a}, {b} and {c}"),
        [a, b, rest @ ..] => format!("{a}, {b} and {} more", rest.len()),
    }
}

/// The notice about people who were waiting to join `conference` when it stopped confirming joins
/// (changed elsewhere than on the Admission tab, where the moderator decides about them): still `pending`, they are no longer in a waiting room, and
/// nobody lets them in unless a moderator does. `None` when nobody is left so.
pub fn stranded(conference: &str, left: &[Waiting]) -> Option<Notice> {
    let (title, who) = match left {
        [] => return None,
        [one] => (format!("{} is still not in {conference}", one.name), String::new()),
        [a, b] => (format!("2 people are still not in {conference}"), format!("{} and {}. ", a.name, b.name)),
        [a, rest @ ..] => (
            format!("{} people are still not in {conference}", left.len()),
            format!("{} and {} more. ", a.name, rest.len()),
        ),
    };
    Some(Notice::plain(
        Tone::Warning,
        title,
        format!(
            "{who}They were waiting to be admitted when the conference stopped confirming each join: no \
             waiting room lists them now, and they stay out unless a moderator lets them in."
        ),
    ))
}

/// The partial user that admits `user`: each pending endpoint `connected`. `None` when nothing of
/// theirs is pending or the server gave them no entity to address.
pub fn admit_change(user: &User) -> Option<User> {
    let entity = user.entity.clone().filter(|e| !e.trim().is_empty())?;
    let endpoints: Vec<Endpoint> = user
        .endpoints
        .iter()
        .filter(|e| e.status == Some(EndpointStatus::Pending))
        .map(|e| Endpoint { entity: e.entity.clone(), status: Some(EndpointStatus::Connected), ..Default::default() })
        .collect();
    if endpoints.is_empty() {
        return None;
    }
    Some(User { endpoints, ..User::new(entity) })
}

/// The change that undoes `admit` (an [`admit_change`]): the same endpoints `pending` again.
pub fn hold_change(admit: &User) -> User {
    let endpoints = (admit.endpoints.iter())
        .map(|e| Endpoint { entity: e.entity.clone(), status: Some(EndpointStatus::Pending), ..Default::default() })
        .collect();
    User { endpoints, ..User::new(admit.entity.clone().unwrap_or_default()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joiner(name: &str, status: EndpointStatus) -> User {
        User {
            endpoints: vec![Endpoint { status: Some(status), ..Endpoint::new(format!("sip:{name}@example.com")) }],
            ..User::new(format!("xcon-userid:{name}@example.com"))
        }
    }

    #[test]
    fn those_present_are_those_not_waiting() {
        let mut conf = Conference::new("xcon:c@example.com");
        conf.users = Some(room(
            JoinHandling::Confirm,
            vec![joiner("Ann", EndpointStatus::Connected), joiner("ben", EndpointStatus::Pending)],
        ));
        assert_eq!(present_keys(&conf), ["xcon-userid:ann@example.com"]);
    }

    #[test]
    fn those_a_medium_taken_away_reaches_are_those_in_with_it() {
        let with_audio = |name: &str, status: EndpointStatus| {
            let mut u = joiner(name, status);
            let audio = ccmp::xcon::Media { media_type: Some("audio".into()), ..ccmp::xcon::Media::new("1") };
            u.endpoints[0].media.push(audio);
            u
        };
        let mut conf = Conference::new("xcon:c@example.com");
        // The moderator (no endpoint), Ann with audio, Ben with audio waiting to join, Cy with none.
        conf.users = Some(room(
            JoinHandling::Confirm,
            vec![
                User::new("xcon-userid:moderator@example.com"),
                with_audio("ann", EndpointStatus::Connected),
                with_audio("ben", EndpointStatus::Pending),
                joiner("cy", EndpointStatus::Connected),
            ],
        ));
        assert_eq!(using(&conf, &["audio"]), 1);
        assert_eq!(using(&conf, &["text"]), 0);
        assert_eq!(using(&conf, &["video", "Audio"]), 1);
    }

    fn room(join: JoinHandling, users: Vec<User>) -> Users {
        Users { join_handling: Some(join), users, ..Default::default() }
    }

    #[test]
    fn people_are_counted_in_words() {
        assert_eq!(people(1), "1 person");
        assert_eq!(people(0), "0 people");
        assert_eq!(people(3), "3 people");
    }

    #[test]
    fn the_waiting_room_closes_when_joins_are_no_longer_confirmed_but_not_when_blocked() {
        use JoinHandling::*;
        assert!(closes_waiting_room(Some(&Confirm), Some(&Allow)));
        assert!(closes_waiting_room(Some(&DirectedOperator), None), "not set: the server decides");
        assert!(closes_waiting_room(Some(&Confirm), Some(&Authenticate)));
        assert!(!closes_waiting_room(Some(&Confirm), Some(&Block)), "nobody gets in on their own");
        assert!(!closes_waiting_room(Some(&Confirm), Some(&DirectedOperator)), "still held");
        assert!(!closes_waiting_room(Some(&Allow), Some(&Authenticate)), "there was no waiting room");
    }

    #[test]
    fn only_a_conference_that_confirms_joins_has_people_waiting() {
        let people = vec![joiner("zoe", EndpointStatus::Pending), joiner("bob", EndpointStatus::Connected)];
        let confirm = room(JoinHandling::Confirm, people.clone());
        let listed = waiting(&confirm);
        assert_eq!(
            listed,
            [Waiting {
                key: "xcon-userid:zoe@example.com".into(),
                name: "xcon-userid:zoe@example.com".into(),
                address: "sip:zoe@example.com".into(),
                admit: admit_change(&people[0]),
                roles: Vec::new(),
            }]
        );
        assert_eq!(waiting(&room(JoinHandling::DirectedOperator, people.clone())).len(), 1);
        let mut nameless = joiner("x", EndpointStatus::Pending);
        nameless.entity = None;
        let listed = waiting(&room(JoinHandling::Confirm, vec![nameless]));
        assert_eq!(
            (listed[0].key.as_str(), listed[0].admit.is_some()),
            ("#0", false),
            "listed, but no request can name them"
        );
        assert!(waiting(&room(JoinHandling::Allow, people.clone())).is_empty(), "a pending user there is expected");
        assert!(waiting(&Users { users: people, ..Default::default() }).is_empty());
    }

    #[test]
    fn the_list_counts_who_waits_only_where_someone_can() {
        let mut conf = Conference::new("xcon:room@example.com");
        assert_eq!(waiting_count(&conf), None, "no users element read");
        conf.users = Some(room(JoinHandling::Allow, vec![joiner("zoe", EndpointStatus::Pending)]));
        assert_eq!(waiting_count(&conf), None);
        conf.users = Some(room(JoinHandling::Confirm, vec![joiner("bob", EndpointStatus::Connected)]));
        assert_eq!(waiting_count(&conf), Some(0));
        conf.users.as_mut().unwrap().users.push(joiner("zoe", EndpointStatus::Pending));
        assert_eq!(waiting_count(&conf), Some(1));
    }

    #[test]
    fn people_left_out_by_a_closed_waiting_room_are_named() {
        let person = |name: &str| Waiting {
            key: name.into(),
            name: name.into(),
            address: String::new(),
            admit: None,
            roles: Vec::new(),
        };
        assert_eq!(stranded("Town meeting", &[]), None);
        let one = stranded("Town meeting", &[person("Zoe")]).expect("one left");
        assert_eq!(one.title, "Zoe is still not in Town meeting");
        assert!(one.detail.contains("stay out unless a moderator lets them in"), "{}", one.detail);
        let two = stranded("Town meeting", &[person("Zoe"), person("Yann")]).expect("two left");
        assert_eq!(two.title, "2 people are still not in Town meeting");
        assert!(two.detail.starts_with("Zoe and Yann. "), "{}", two.detail);
        let three = stranded("T", &[person("Zoe"), person("Yann"), person("Uma")]).expect("three left");
        assert!(three.detail.starts_with("Zoe and 2 more. "), "{}", three.detail);
    }

    #[test]
    fn pending_people_are_listed_whatever_the_join_handling() {
        let users = room(
            JoinHandling::Allow,
            vec![joiner("zoe", EndpointStatus::Pending), joiner("ann", EndpointStatus::Connected)],
        );
        assert!(waiting(&users).is_empty(), "no waiting room");
        let pending: Vec<String> = pending_people(&users).into_iter().map(|w| w.name).collect();
        assert_eq!(pending, ["xcon-userid:zoe@example.com"]);
    }

    #[test]
    fn the_knock_names_who_waits() {
        let person = |name: &str| Waiting {
            key: name.to_lowercase(),
            name: name.into(),
            address: String::new(),
            admit: None,
            roles: Vec::new(),
        };
        let none = BTreeSet::new();
        assert_eq!(knock("Town meeting", &[], &none), None);
        let one = knock("Town meeting", &[person("Zoe")], &none).expect("someone waits");
        assert_eq!(one.title, "Zoe is waiting to join Town meeting");
        assert!(one.sticky(), "it stays until she is admitted");
        assert!(one.detail.starts_with("The conference confirms each join"), "{}", one.detail);
        let two = knock("Town meeting", &[person("Zoe"), person("Yann")], &none).expect("two wait");
        assert_eq!(two.title, "2 people are waiting to join Town meeting");
        assert!(two.detail.starts_with("Zoe and Yann. "), "{}", two.detail);
        let four: Vec<Waiting> = ["Zoe", "Yann", "Xavier", "Walt"].map(person).into();
        assert!(knock("T", &four, &none).expect("four wait").detail.starts_with("Zoe, Yann and 2 more. "));
        // Someone who arrives later is named, not lost among "and 2 more".
        let mut five = four.clone();
        five.push(person("Vera"));
        let latest: BTreeSet<String> = ["vera".to_owned()].into();
        let notice = knock("T", &five, &latest).expect("five wait");
        assert_eq!(notice.title, "5 people are waiting to join T");
        assert!(notice.detail.starts_with("Latest: Vera; 4 waiting longer. "), "{}", notice.detail);
        // Everyone new (the first read) is the plain list.
        let all: BTreeSet<String> = five.iter().map(|w| w.key.clone()).collect();
        assert!(knock("T", &five, &all).unwrap().detail.starts_with("Zoe, Yann and 3 more. "));
    }

    #[test]
    fn admitting_connects_the_pending_endpoints_and_nothing_else() {
        let mut zoe = joiner("zoe", EndpointStatus::Pending);
        zoe.display_text = Some("Zoe".into());
        zoe.endpoints.push(Endpoint { status: Some(EndpointStatus::OnHold), ..Endpoint::new("tel:+1555") });
        let change = admit_change(&zoe).expect("she waits");
        assert_eq!(change.entity, zoe.entity);
        assert_eq!(change.display_text, None, "only what changes");
        assert_eq!(change.endpoints.len(), 1);
        assert_eq!(change.endpoints[0].entity.as_deref(), Some("sip:zoe@example.com"));
        assert_eq!(change.endpoints[0].status, Some(EndpointStatus::Connected));
        assert!(change.endpoints[0].media.is_empty());

        let mut held = zoe.clone();
        held.endpoints.truncate(1);
        assert_eq!(hold_change(&change), User { display_text: None, ..held }, "undone, she waits again");

        assert_eq!(admit_change(&joiner("bob", EndpointStatus::Connected)), None, "nobody to admit");
        let mut nameless = joiner("x", EndpointStatus::Pending);
        nameless.entity = None;
        assert_eq!(admit_change(&nameless), None);
    }
}
