//! What someone else changed in a conference (or the moderator, in another tab), as its page tells the
//! moderator ("Changed elsewhere (…): Subject: Budget → Travel"): one line per setting, from what the
//! moderator last saw to what the server has now. The page reads its conference again and again while it is
//! on screen, so news is merged into what the banner already says rather than replacing it: a second change
//! of the same setting keeps the value the moderator saw first, and a setting changed back to it drops out.

use ccmp::xcon::Conference;

use super::bidi::isolate;
use super::conf_form::{ConfForm, ShowTime};
use super::yes_no;

/// One setting someone else changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The setting, as the form names it (`Name`, `Locked`).
    pub what: &'static str,
    pub before: String,
    pub after: String,
    /// When the panel last saw it change, on the moderator's clock (empty until [`seen_at`] says): the
    /// banner stays until dismissed, and a change from half an hour ago must not read as news (QA).
    pub seen: String,
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The values are the server's text: a name's own direction stays inside it (`super::bidi`).
        write!(f, "{}: {} \u{2192} {}", self.what, isolate(&self.before), isolate(&self.after))?;
        if !self.seen.is_empty() {
            write!(f, " (seen at {})", self.seen)?;
        }
        Ok(())
    }
}

/// `changes`, as seen at `time`.
pub fn seen_at(mut changes: Vec<Change>, time: &str) -> Vec<Change> {
    for change in &mut changes {
        change.seen = time.to_owned();
    }
    changes
}

/// The settings that differ between two reads of a conference: the editable description, the state's
/// locked and active, and the join handling (a waiting room opened elsewhere lets people walk in). Who is in
/// is not among them: the overview shows the count as read, and people joining would otherwise keep the
/// banner up through the whole event. `time` shows a scheduled time.
pub fn describe(before: &Conference, after: &Conference, time: ShowTime) -> Vec<Change> {
    let (a, b) = (ConfForm::from_conference(before), ConfForm::from_conference(after));
    let mut changes: Vec<Change> = (b.changed_fields(&a).into_iter())
        .map(|f| Change { what: f.title(), before: a.show(f, time), after: b.show(f, time), seen: String::new() })
        .collect();
    let state = |c: &Conference| c.conference_state.clone().unwrap_or_default();
    let (sa, sb) = (state(before), state(after));
    for (what, x, y) in [("Locked", sa.locked, sb.locked), ("Active", sa.active, sb.active)] {
        if x != y {
            changes.push(Change { what, before: yes_no(x).into(), after: yes_no(y).into(), seen: String::new() });
        }
    }
    // Only between two reads that both carry the users element (a read without it says nothing of them).
    let join = |c: &Conference| {
        let users = c.users.as_ref()?;
        Some(users.join_handling.as_ref().map_or("not set", |j| j.as_str()).to_owned())
    };
    if let (Some(x), Some(y)) = (join(before), join(after)) {
        if x != y {
            changes.push(Change { what: "Join handling", before: x, after: y, seen: String::new() });
        }
    }
    changes
}

/// What a version that moved from `known` to `now` says when no setting the page shows changed, nor who is
/// in: something it cannot show did. Most often the conference password, which a server never sends back
/// (QA: a co-moderator set a PIN, and the other moderator's page said nothing while participants met 423).
pub fn unseen(known: u64, now: u64) -> Change {
    Change {
        what: "A change this page cannot show (the conference password, or a breakout room, say)",
        before: format!("version {known}"),
        after: format!("version {now}"),
        seen: String::new(),
    }
}

/// Adds `news` to what the banner `shown` says: a setting it already lists keeps its first value, and goes
/// when it is back to it.
pub fn merge(shown: &mut Vec<Change>, news: Vec<Change>) {
    for change in news {
        match shown.iter().position(|c| c.what == change.what) {
            Some(i) if shown[i].before == change.after => {
                shown.remove(i);
            }
            Some(i) => {
                shown[i].after = change.after;
                shown[i].seen = change.seen;
            }
            None => shown.push(change),
        }
    }
}

/// What a screen reader is told of the banner `changes` make: its title and each change; empty for none.
pub fn spoken(changes: &[Change]) -> String {
    if changes.is_empty() {
        return String::new();
    }
    let said: Vec<String> = changes.iter().map(ToString::to_string).collect();
    format!("Changed elsewhere (by someone else, or by you in another tab): {}.", said.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ccmp::xcon::{ConferenceDescription, ConferenceState};

    fn conf(subject: Option<&str>, locked: Option<bool>, users: Option<u32>) -> Conference {
        Conference {
            description: Some(ConferenceDescription { subject: subject.map(str::to_owned), ..Default::default() }),
            conference_state: Some(ConferenceState { locked, user_count: users, ..Default::default() }),
            ..Conference::new("xcon:a@example.com")
        }
    }

    fn lines(changes: &[Change]) -> Vec<String> {
        changes.iter().map(Change::to_string).collect()
    }

    #[test]
    fn settings_and_state_changes_are_described_but_not_who_is_in() {
        let before = conf(None, Some(false), Some(3));
        let after = conf(Some("Budget"), Some(true), Some(7));
        assert_eq!(
            lines(&describe(&before, &after, str::to_owned)),
            ["Subject: (none) \u{2192} Budget", "Locked: no \u{2192} yes"]
        );
        assert!(describe(&conf(None, None, Some(3)), &conf(None, None, Some(4)), str::to_owned).is_empty());
    }

    #[test]
    fn a_waiting_room_opened_elsewhere_is_told() {
        use ccmp::xcon::{JoinHandling, Users};
        let with = |join: Option<JoinHandling>, people: usize| Conference {
            users: Some(Users {
                join_handling: join,
                users: vec![ccmp::xcon::User::default(); people],
                ..Default::default()
            }),
            ..conf(None, None, None)
        };
        let confirm = with(Some(JoinHandling::Confirm), 2);
        assert_eq!(
            lines(&describe(&confirm, &with(Some(JoinHandling::Allow), 2), str::to_owned)),
            ["Join handling: confirm \u{2192} allow"]
        );
        assert_eq!(
            lines(&describe(&with(None, 2), &confirm, str::to_owned)),
            ["Join handling: not set \u{2192} confirm"]
        );
        assert!(describe(&confirm, &with(Some(JoinHandling::Confirm), 5), str::to_owned).is_empty(), "who is in");
        assert!(describe(&confirm, &conf(None, None, None), str::to_owned).is_empty(), "a read without the users");
    }

    #[test]
    fn a_change_the_page_cannot_show_is_told_by_its_versions() {
        let mut shown = vec![unseen(5, 6)];
        merge(&mut shown, vec![unseen(6, 7)]);
        assert_eq!(
            lines(&shown),
            ["A change this page cannot show (the conference password, or a breakout room, say): version 5 \u{2192} version 7"]
        );
    }

    #[test]
    fn news_of_another_setting_is_added_to_what_the_banner_says() {
        let mut shown =
            describe(&conf(None, Some(false), None), &conf(Some("Budget"), Some(false), None), str::to_owned);
        let (budget, locked) = (conf(Some("Budget"), Some(false), None), conf(Some("Budget"), Some(true), None));
        merge(&mut shown, describe(&budget, &locked, str::to_owned));
        assert_eq!(lines(&shown), ["Subject: (none) \u{2192} Budget", "Locked: no \u{2192} yes"]);
    }

    #[test]
    fn a_setting_changed_twice_keeps_the_value_first_seen_and_goes_when_changed_back() {
        let (a, b, c) = (conf(Some("A"), None, None), conf(Some("B"), None, None), conf(Some("C"), None, None));
        let mut shown = describe(&a, &b, str::to_owned);
        merge(&mut shown, seen_at(describe(&b, &c, str::to_owned), "10:42:07"));
        assert_eq!(lines(&shown), ["Subject: A \u{2192} C (seen at 10:42:07)"], "the latest change's time");
        merge(&mut shown, describe(&c, &a, str::to_owned));
        assert!(shown.is_empty(), "back to what the moderator saw: {shown:?}");
    }

    #[test]
    fn a_name_cannot_turn_the_line_around_it() {
        let (a, b) = (conf(Some("Renamed\u{202e} by co-mod"), None, None), conf(Some("Again"), None, None));
        let shown = seen_at(describe(&a, &b, str::to_owned), "5:10:59 PM");
        assert_eq!(
            lines(&shown),
            ["Subject: \u{2068}Renamed\u{202e} by co-mod\u{2069} \u{2192} Again (seen at 5:10:59 PM)"],
            "the override ends with the old value, before the arrow and the time"
        );
    }
}
