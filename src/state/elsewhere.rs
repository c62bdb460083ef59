//! What someone else changed in a conference (or the moderator, in another tab), as its page tells the
//! moderator ("Changed elsewhere (…): Subject: Budget → Travel"): one line per setting, from what the
//! moderator last saw to what the server has now. The page reads its conference again and again while it is
//! on screen, so news is merged into what the banner already says rather than replacing it: a second change
//! of the same setting keeps the value the moderator saw first, and a setting changed back to it drops out.

use ccmp::xcon::Conference;

use super::bidi::isolate;
use super::conf_form::{ConfForm, Field, ShowTime};
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
    /// For a list of names (the breakout rooms, who is allowed in or kept out), the lists before and after
    /// whole: the moderator's own change to the list is taken out of the line by name (QA: a room closed
    /// elsewhere, then one closed here, read "Red, Blue → none", as though the co-moderator closed both).
    pub names: Option<(Vec<String>, Vec<String>)>,
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The values are the server's text: a name's own direction stays inside it (`super::bidi`).
        match self.list_difference() {
            Some(difference) => write!(f, "{}: {difference}", self.what)?,
            // The names before and after, room by room: `Room B → Green 1, Room C → Green 2`.
            None if self.what == RENAMED => {
                let (was, now) = self.names.as_ref().map(|(w, n)| (w.as_slice(), n.as_slice())).unwrap_or_default();
                let pairs: Vec<String> =
                    was.iter().zip(now).map(|(w, n)| format!("{} \u{2192} {}", isolate(w), isolate(n))).collect();
                write!(f, "{}: {}", self.what, pairs.join(", "))?
            }
            None => write!(f, "{}: {} \u{2192} {}", self.what, isolate(&self.before), isolate(&self.after))?,
        }
        if !self.seen.is_empty() {
            write!(f, " (seen at {})", self.seen)?;
        }
        Ok(())
    }
}

impl Change {
    /// For a list, what came and what went (`Late 3 opened; Team 2 closed`) rather than the list before and
    /// after: cut at five names each, they hid the room that changed in "and 1 more" (QA).
    fn list_difference(&self) -> Option<String> {
        let (was, now) = self.names.as_ref().filter(|_| self.what != RENAMED)?;
        let came: Vec<String> = now.iter().filter(|n| !was.contains(n)).cloned().collect();
        let went: Vec<String> = was.iter().filter(|n| !now.contains(n)).cloned().collect();
        let (added, removed) = if self.what == ROOMS { ("opened", "closed") } else { ("added", "taken off") };
        let said: Vec<String> = [(came, added), (went, removed)]
            .into_iter()
            .filter(|(names, _)| !names.is_empty())
            .map(|(names, how)| format!("{} {how}", isolate(&listed(&names))))
            .collect();
        (!said.is_empty()).then(|| said.join("; "))
    }

    /// Whether `news` brings this line's setting back to what it was before: a list by its names, not by its
    /// line, which shows five of them (a sixth swapped back and forth read as back already).
    fn is_back(&self, news: &Change) -> bool {
        match (&self.names, &news.names) {
            (Some((before, _)), Some((_, now))) => same_names(before, now),
            _ => self.before == news.after,
        }
    }

    /// Makes a list's line go from `before` to `now`, by name; `false` when both hold the same names and the
    /// line has nothing left to say.
    fn relist(&mut self, before: Vec<String>, now: Vec<String>) -> bool {
        if same_names(&before, &now) {
            return false;
        }
        (self.before, self.after) = (listed(&before), listed(&now));
        self.names = Some((before, now));
        true
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
/// locked and active, the join handling (a waiting room opened elsewhere lets people walk in), the breakout
/// rooms by name, and who is allowed in or kept out (QA: a co-moderator's split, or their change to the
/// allowed list, was "a change this page cannot show"). Who is in
/// is not among them: the overview shows the count as read, and people joining would otherwise keep the
/// banner up through the whole event. `time` shows a scheduled time.
pub fn describe(before: &Conference, after: &Conference, time: ShowTime) -> Vec<Change> {
    // The form's fields by their values (a new conference password differs, though both show hidden).
    let (a, b) = (ConfForm::from_conference(before), ConfForm::from_conference(after));
    let mut changes: Vec<Change> = (b.changed_fields(&a).into_iter())
        .map(|f| Change {
            what: f.title(),
            before: a.show(f, time),
            after: b.show(f, time),
            seen: String::new(),
            names: None,
        })
        .collect();
    // A room renamed is one room, not one closed and another opened (QA): the rooms before are compared
    // under their new names, and the renames said on a line of their own.
    let renames = room_renames(before, after);
    let (x, y) = (state_settings(before), state_settings(after));
    for ((what, x), (_, y)) in x.into_iter().zip(y) {
        let x = match x {
            Some(Value { list: Some(names), .. }) if what == ROOMS && !renames.is_empty() => {
                let renamed = |n: &String| renames.iter().find(|(w, _)| w == n).map_or(n, |(_, now)| now).clone();
                Some(Value::names(&names.iter().map(renamed).collect::<Vec<_>>()))
            }
            x => x,
        };
        if let (Some(x), Some(y)) = (x, y) {
            if x.whole != y.whole {
                let names = x.list.zip(y.list);
                changes.push(Change { what, before: x.shown, after: y.shown, seen: String::new(), names });
            }
        }
    }
    if !renames.is_empty() {
        let (was, now): (Vec<String>, Vec<String>) = renames.into_iter().unzip();
        let (before, after) = (listed(&was), listed(&now));
        changes.push(Change { what: RENAMED, before, after, seen: String::new(), names: Some((was, now)) });
    }
    changes
}

/// The rooms (by value and by reference) both reads list, by URI, under another name: (then, now).
fn room_renames(before: &Conference, after: &Conference) -> Vec<(String, String)> {
    let rooms = |c: &Conference| -> Vec<(String, String)> {
        let named = |text: Option<&str>, id: &str| {
            (super::uri_key(id), text.map(str::trim).filter(|n| !n.is_empty()).unwrap_or(id.trim()).to_owned())
        };
        let by_val = c.sidebars_by_val.iter().flat_map(|s| &s.entries).map(|r| named(r.display_text(), &r.entity));
        let by_ref =
            c.sidebars_by_ref.iter().flat_map(|s| &s.entries).map(|e| named(e.display_text.as_deref(), &e.uri));
        by_val.chain(by_ref).collect()
    };
    let then = rooms(before);
    rooms(after)
        .into_iter()
        .filter_map(|(uri, now)| {
            let (_, was) = then.iter().find(|(u, _)| *u == uri)?;
            (*was != now).then(|| (was.clone(), now))
        })
        .collect()
}

/// Brings the lines `shown` up to the conference as read `now`: a setting back at the value the moderator
/// first saw goes, and the others show the value it has now. The moderator's own changes are no news, but
/// they move on what a line says (QA: a room opened elsewhere, then closed, left "Breakout rooms: Q&A → Q&A,
/// Side room" standing). A line the read cannot tell of (the conference password) stays as it is. Whether
/// a line changed or went.
pub fn settle(shown: &mut Vec<Change>, now: &Conference, time: ShowTime) -> bool {
    if shown.is_empty() {
        return false;
    }
    let before = shown.clone();
    let form = ConfForm::from_conference(now);
    let mut values: Vec<(&'static str, Option<Value>)> = (Field::ALL.into_iter())
        .filter(|f| *f != Field::ConferencePassword)
        .map(|f| (f.title(), Some(Value::plain(form.show(f, time)))))
        .collect();
    values.extend(state_settings(now));
    shown.retain_mut(|line| {
        let Some((_, Some(value))) = values.iter().find(|(what, _)| *what == line.what) else { return true };
        if let (Some((was, then)), Some(now)) = (&mut line.names, &value.list) {
            // What someone else did to the list, applied to it as it is now: the names they took out are
            // put back before it, the names they added taken out of it.
            let added: Vec<&String> = then.iter().filter(|n| !was.contains(n)).collect();
            let removed: Vec<&String> = was.iter().filter(|n| !then.contains(n)).collect();
            let mut before: Vec<String> = now.iter().filter(|n| !added.contains(n)).cloned().collect();
            before.extend(removed.into_iter().filter(|n| !now.contains(n)).cloned());
            return line.relist(before, now.clone());
        }
        if value.shown == line.before {
            return false;
        }
        line.after.clone_from(&value.shown);
        true
    });
    *shown != before
}

/// A setting's value: whole, to compare, and as a line shows it (a list of more than five names is cut short),
/// with the names of a list.
struct Value {
    whole: String,
    shown: String,
    list: Option<Vec<String>>,
}

impl Value {
    fn plain(text: impl Into<String>) -> Value {
        let text = text.into();
        Value { whole: text.clone(), shown: text, list: None }
    }

    fn names(names: &[String]) -> Value {
        Value { whole: names.join("\n"), shown: listed(names), list: Some(names.to_vec()) }
    }
}

/// The settings beyond the form's, each with its value; `None` where the read does not tell (a read without
/// the users element says nothing of the join handling or of who is allowed in).
fn state_settings(c: &Conference) -> [(&'static str, Option<Value>); 6] {
    let state = c.conference_state.clone().unwrap_or_default();
    let users = c.users.as_ref();
    let join = users.map(|u| u.join_handling.as_ref().map_or("not set", |j| j.as_str()).to_owned());
    // The rooms by name (not by who is in them, which changes as people leave the conference).
    let named =
        |text: Option<&str>, id: &str| text.map(str::trim).filter(|n| !n.is_empty()).unwrap_or(id.trim()).to_owned();
    let by_val = c.sidebars_by_val.iter().flat_map(|s| &s.entries).map(|r| named(r.display_text(), &r.entity));
    let by_ref = c.sidebars_by_ref.iter().flat_map(|s| &s.entries).map(|e| named(e.display_text.as_deref(), &e.uri));
    let rooms: Vec<String> = by_val.chain(by_ref).collect();
    let allowed = users.map(|u| addresses(u.allowed_users_list.iter().flat_map(|l| &l.targets).map(|t| &t.uri)));
    let denied = users.map(|u| addresses(u.deny_users_list.iter().flat_map(|l| &l.targets).map(|t| &t.uri)));
    [
        ("Locked", Some(Value::plain(yes_no(state.locked)))),
        ("Active", Some(Value::plain(yes_no(state.active)))),
        ("Join handling", join.map(Value::plain)),
        (ROOMS, Some(Value::names(&rooms))),
        ("Allowed to join", allowed.as_deref().map(Value::names)),
        ("Kept out", denied.as_deref().map(Value::names)),
    ]
}

/// The people a list of URIs names, as the Admission tab shows them: by address, whatever the scheme
/// (`sip:ann@example.com` and `xcon-userid:ann@example.com` are one), each once, in the list's order.
fn addresses<'a>(uris: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for uri in uris {
        let address = super::admission::address_of(uri);
        if !out.iter().any(|a| a.eq_ignore_ascii_case(address)) {
            out.push(address.to_owned());
        }
    }
    out
}

/// Whether two lists hold the same names, in whatever order.
fn same_names(a: &[String], b: &[String]) -> bool {
    let sorted = |names: &[String]| {
        let mut names = names.to_vec();
        names.sort();
        names
    };
    sorted(a) == sorted(b)
}

/// The breakout rooms' line.
const ROOMS: &str = "Breakout rooms";

/// The line of the rooms renamed.
const RENAMED: &str = "Breakout rooms renamed";

/// How many names a line of the banner lists; the others are counted.
const LISTED: usize = 5;

/// `Red, Blue and 3 more`; `none` for no names.
fn listed(names: &[String]) -> String {
    match names.len() {
        0 => "none".to_owned(),
        n if n <= LISTED => names.join(", "),
        n => format!("{} and {} more", names[..LISTED].join(", "), n - LISTED),
    }
}

/// What a version that moved from `known` to `now` says when no setting the page shows changed, nor who is
/// in: something it cannot show did. Most often the conference password, which a server never sends back
/// (QA: a co-moderator set a PIN, and the other moderator's page said nothing while participants met 423).
pub fn unseen(known: u64, now: u64) -> Change {
    Change {
        what: "A change this page cannot show (the conference password, or who is in a breakout room, say)",
        before: format!("version {known}"),
        after: format!("version {now}"),
        seen: String::new(),
        names: None,
    }
}

/// Takes out of `news` what the panel itself did to the breakout rooms (`opened`, `closed`, by name), which a
/// read that also brings someone else's change shows with it (QA: a room closed elsewhere, then one closed here
/// before the page read again, read "Red, Blue → none").
pub fn without_own_rooms(news: &mut Vec<Change>, opened: &[String], closed: &[String]) {
    if opened.is_empty() && closed.is_empty() {
        return;
    }
    news.retain_mut(|line| {
        let (true, Some((was, now))) = (line.what == ROOMS, &mut line.names) else { return true };
        let mut before: Vec<String> = was.iter().filter(|n| !closed.contains(n)).cloned().collect();
        let added: Vec<String> = opened.iter().filter(|n| now.contains(n) && !before.contains(n)).cloned().collect();
        before.extend(added);
        let now = now.clone();
        line.relist(before, now)
    });
}

/// Adds `news` to what the banner `shown` says: a setting it already lists keeps its first value, and goes
/// when it is back to it.
pub fn merge(shown: &mut Vec<Change>, news: Vec<Change>) {
    for change in news {
        let at = shown.iter().position(|c| c.what == change.what);
        if let (Some(i), RENAMED) = (at, change.what) {
            rename_again(&mut shown[i], change);
            if shown[i].names.as_ref().is_some_and(|(was, _)| was.is_empty()) {
                shown.remove(i);
            }
            continue;
        }
        match at {
            Some(i) if shown[i].is_back(&change) => {
                shown.remove(i);
            }
            Some(i) => {
                shown[i].after = change.after;
                shown[i].seen = change.seen;
                if let (Some((_, then)), Some((_, now))) = (&mut shown[i].names, change.names) {
                    *then = now;
                }
            }
            None => shown.push(change),
        }
    }
}

/// Adds the renames `news` to the line `shown` of those seen before: a room renamed again keeps the name the
/// moderator saw first, and goes when it has it back.
fn rename_again(shown: &mut Change, news: Change) {
    let (Some((was, now)), Some((from, to))) = (&mut shown.names, news.names) else { return };
    for (from, to) in from.into_iter().zip(to) {
        match now.iter().position(|n| *n == from) {
            Some(i) if was[i] == to => {
                was.remove(i);
                now.remove(i);
            }
            Some(i) => now[i] = to,
            None => {
                was.push(from);
                now.push(to);
            }
        }
    }
    (shown.before, shown.after) = (listed(was), listed(now));
    shown.seen = news.seen;
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
    fn a_rule_taken_off_is_told() {
        use ccmp::xcon::{ConferenceTime, TimeEntry};
        let at = |rrule: &str| {
            let base = format!("BEGIN:VEVENT\r\nDTSTART:20261201T100000Z\r\n{rrule}END:VEVENT\r\n");
            let mut c = conf(None, None, None);
            c.description_mut().conference_time =
                Some(ConferenceTime { entries: vec![TimeEntry { base, ..Default::default() }], ..Default::default() });
            c
        };
        let weekly = at("RRULE:FREQ=WEEKLY;COUNT=10\r\n");
        assert_eq!(lines(&describe(&weekly, &at(""), str::to_owned)), ["Repeats: every week, 10 times \u{2192} no"]);
    }

    #[test]
    fn a_line_follows_the_conference_as_read_and_goes_when_back_to_what_was_seen() {
        let (a, b, c) =
            (conf(Some("A"), Some(false), None), conf(Some("B"), Some(true), None), conf(Some("C"), Some(true), None));
        let mut shown = describe(&a, &b, str::to_owned);
        assert!(settle(&mut shown, &c, str::to_owned), "the subject moved on");
        assert_eq!(lines(&shown), ["Subject: A \u{2192} C", "Locked: no \u{2192} yes"]);
        assert!(!settle(&mut shown, &c, str::to_owned), "nothing new");
        let unlocked = conf(Some("C"), Some(false), None);
        assert!(settle(&mut shown, &unlocked, str::to_owned));
        assert_eq!(lines(&shown), ["Subject: A \u{2192} C"], "unlocked again, as first seen");
        // A password line is not told by a read: it stays.
        let mut password = vec![Change {
            what: "Conference password",
            before: "(hidden)".into(),
            after: "(hidden)".into(),
            seen: String::new(),
            names: None,
        }];
        assert!(!settle(&mut password, &a, str::to_owned));
        assert_eq!(password.len(), 1);
    }

    #[test]
    fn a_room_renamed_is_told_as_renamed_and_again_from_its_first_name() {
        use ccmp::xcon::SidebarsByVal;
        // Rooms by their URI (`xcon:red@…`) and the name they have.
        let with = |rooms: &[(&str, &str)]| Conference {
            sidebars_by_val: Some(SidebarsByVal {
                entries: (rooms.iter())
                    .map(|(id, name)| {
                        let mut r = Conference::new(format!("xcon:{id}@example.com"));
                        r.description_mut().display_text = Some((*name).to_owned());
                        r
                    })
                    .collect(),
                ..Default::default()
            }),
            ..conf(None, None, None)
        };
        let first = with(&[("b", "Room B"), ("c", "Room C")]);
        let renamed = with(&[("b", "Green 1"), ("c", "Room C"), ("d", "Late")]);
        let mut shown = describe(&first, &renamed, str::to_owned);
        // QA: "Green 1 opened; Room B closed".
        assert_eq!(lines(&shown), ["Breakout rooms: Late opened", "Breakout rooms renamed: Room B \u{2192} Green 1"]);
        // Renamed again, and another: told from the name first seen.
        let again = with(&[("b", "Red 2"), ("c", "Blue"), ("d", "Late")]);
        merge(&mut shown, describe(&renamed, &again, str::to_owned));
        assert_eq!(
            lines(&shown),
            ["Breakout rooms: Late opened", "Breakout rooms renamed: Room B \u{2192} Red 2, Room C \u{2192} Blue"]
        );
        // Back to its first name: that room's rename goes.
        let back = with(&[("b", "Room B"), ("c", "Blue"), ("d", "Late")]);
        merge(&mut shown, describe(&again, &back, str::to_owned));
        assert_eq!(lines(&shown), ["Breakout rooms: Late opened", "Breakout rooms renamed: Room C \u{2192} Blue"]);
    }

    #[test]
    fn breakout_rooms_and_who_is_allowed_in_or_kept_out_are_described() {
        use ccmp::xcon::{DenyTarget, DenyUsersList, SidebarsByVal, Users};
        let room = |name: &str| {
            let mut r = Conference::new(format!("xcon:{name}@example.com"));
            r.description_mut().display_text = Some(name.to_owned());
            r
        };
        let with = |rooms: &[&str], denied: &[&str]| Conference {
            sidebars_by_val: Some(SidebarsByVal {
                entries: rooms.iter().map(|r| room(r)).collect(),
                ..Default::default()
            }),
            users: Some(Users {
                deny_users_list: Some(DenyUsersList {
                    targets: denied
                        .iter()
                        .map(|d| DenyTarget {
                            uri: if d.contains(':') { d.to_string() } else { format!("xcon-userid:{d}") },
                            ..Default::default()
                        })
                        .collect(),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            ..conf(None, None, None)
        };
        let before = with(&[], &["spam@example.com"]);
        let after = with(&["Red", "Blue"], &[]);
        assert_eq!(
            lines(&describe(&before, &after, str::to_owned)),
            ["Breakout rooms: Red, Blue opened", "Kept out: spam@example.com taken off"]
        );
        // One person under two schemes is one name; one of their entries taken off is no change to who.
        let both = with(&[], &["sip:spam@example.com", "spam@example.com"]);
        assert_eq!(lines(&describe(&before, &both, str::to_owned)), Vec::<String>::new());
        let many: Vec<String> = (1..=7).map(|n| format!("Room {n}")).collect();
        assert_eq!(listed(&many), "Room 1, Room 2, Room 3, Room 4, Room 5 and 2 more");
        // Blue closed elsewhere, then Red here: the line tells of Blue alone.
        let split = with(&["Red", "Blue"], &[]);
        let mut shown = describe(&split, &with(&["Red"], &[]), str::to_owned);
        assert_eq!(lines(&shown), ["Breakout rooms: Blue closed"]);
        assert!(settle(&mut shown, &with(&[], &[]), str::to_owned));
        assert_eq!(lines(&shown), ["Breakout rooms: Blue closed"]);
        assert_eq!(shown[0].after, "none", "the list after, as the next read compares it");
        assert!(!settle(&mut shown, &with(&[], &[]), str::to_owned), "nothing new");
        // A room opened elsewhere stays told while one is opened here; more news adds to the line; once the
        // moderator has undone what the others did, it goes.
        let mut shown = describe(&split, &with(&["Red", "Blue", "Side"], &[]), str::to_owned);
        settle(&mut shown, &with(&["Red", "Blue", "Side", "Mine"], &[]), str::to_owned);
        assert_eq!(lines(&shown), ["Breakout rooms: Side opened"]);
        let (all, blue_closed) = (with(&["Red", "Blue", "Side", "Mine"], &[]), with(&["Red", "Side", "Mine"], &[]));
        merge(&mut shown, describe(&all, &blue_closed, str::to_owned));
        settle(&mut shown, &blue_closed, str::to_owned);
        assert_eq!(lines(&shown), ["Breakout rooms: Side opened; Blue closed"]);
        assert!(settle(&mut shown, &with(&["Red", "Blue", "Mine"], &[]), str::to_owned));
        assert!(shown.is_empty(), "{:?}", lines(&shown));
        // Blue closed elsewhere and Red here, both before the page read again: Blue alone is someone else's.
        let mut news = describe(&split, &with(&[], &[]), str::to_owned);
        without_own_rooms(&mut news, &[], &["Red".to_owned()]);
        assert_eq!(lines(&news), ["Breakout rooms: Blue closed"]);
        // A room opened here with one opened elsewhere; and what was all the panel's own is no news.
        let mut news = describe(&split, &with(&["Red", "Blue", "Mine", "Theirs"], &[]), str::to_owned);
        without_own_rooms(&mut news, &["Mine".to_owned()], &[]);
        assert_eq!(lines(&news), ["Breakout rooms: Theirs opened"]);
        let mut news = describe(&split, &with(&["Red"], &[]), str::to_owned);
        without_own_rooms(&mut news, &[], &["Blue".to_owned()]);
        assert!(news.is_empty(), "{:?}", lines(&news));
        // A read without the users element says nothing of the lists.
        let without = Conference { users: None, ..with(&["Red", "Blue"], &[]) };
        assert!(describe(&before, &without, str::to_owned).iter().all(|c| c.what != "Kept out"));
        // A sixth name swapped is a change, and the line says which (QA: "and 1 more → and 1 more").
        let six = |last: &str| with(&["1", "2", "3", "4", "5", last], &[]);
        assert_eq!(lines(&describe(&six("6"), &six("Six"), str::to_owned)), ["Breakout rooms: Six opened; 6 closed"]);
        // More news of that sixth room: the line follows it, and goes once the list is back as it was.
        let mut shown = describe(&six("6"), &six("Six"), str::to_owned);
        merge(&mut shown, describe(&six("Six"), &six("Sechs"), str::to_owned));
        assert_eq!(lines(&shown), ["Breakout rooms: Sechs opened; 6 closed"]);
        merge(&mut shown, describe(&six("Sechs"), &six("6"), str::to_owned));
        assert!(shown.is_empty(), "{:?}", lines(&shown));
        // The rooms closed again (by the moderator, say): the line goes, the other one stays.
        let mut shown = describe(&before, &after, str::to_owned);
        settle(&mut shown, &with(&[], &[]), str::to_owned);
        assert_eq!(lines(&shown), ["Kept out: spam@example.com taken off"]);
        settle(&mut shown, &without, str::to_owned);
        assert_eq!(shown.len(), 1, "a read without the users says nothing of who is kept out");
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
            ["A change this page cannot show (the conference password, or who is in a breakout room, say): version 5 \u{2192} version 7"]
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
