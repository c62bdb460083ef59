//! The conferences list: one row per conference (from confsResponse, filled by each confResponse),
//! filtering, sorting, and the diff between two reads that auto-refresh highlights.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use ccmp::xcon::{Conference, UriEntry, User};

use super::schedule::Schedule;
use super::uri_key;
use super::waiting::{holds_joiners, in_count, is_pending, waiting_count};

/// Whether a row's own confRequest has come back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowLoad {
    Pending,
    Loaded,
    /// The retrieve failed; the text says how (a response code or a transport failure).
    Failed(String),
}

/// One conference as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfRow {
    pub uri: String,
    pub display_text: Option<String>,
    pub subject: Option<String>,
    pub user_count: Option<u32>,
    /// How many wait to be admitted, in a conference that confirms each join (`None` elsewhere).
    pub waiting: Option<u32>,
    pub active: Option<bool>,
    pub locked: Option<bool>,
    pub version: Option<u64>,
    /// When it is scheduled, for the list to say it is on now or when it is next.
    pub schedule: Option<Schedule>,
    pub load: RowLoad,
    /// Who is in it (or waiting to join), as the last read listed them: the filter finds a conference by
    /// the people in it. Shared, as rows are cloned with each change of the list.
    pub people: Arc<[Person]>,
}

/// Someone in a conference, as the list's filter knows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// What the moderator calls them: the display-text, else their user ID or first address.
    pub name: String,
    /// Not in yet: waiting for a moderator to admit them.
    pub waiting: bool,
    /// The name, the user ID and every address, folded (`super::fold`): what the filter looks in.
    haystack: String,
}

impl Person {
    /// `user`, who is `waiting` to be admitted or not.
    pub fn new(user: &User, waiting: bool) -> Person {
        let name = user.display_text.as_deref().map(str::trim).filter(|t| !t.is_empty());
        let endpoints = user.endpoints.iter().filter_map(|e| e.entity.as_deref());
        let aors = user.associated_aors.iter().flat_map(|a| &a.entries).map(|e| e.uri.as_str());
        let addresses = user.entity.as_deref().into_iter().chain(endpoints).chain(aors);
        let mut haystack = super::fold::folded(name.unwrap_or_default());
        for address in addresses.clone() {
            haystack.push('\n');
            haystack.push_str(&super::fold::folded(super::without_user_scheme(address)));
        }
        let name = name.or_else(|| addresses.clone().find(|a| !a.trim().is_empty())).unwrap_or("someone");
        Person { name: name.trim().to_owned(), waiting, haystack }
    }

    fn matches(&self, words: &[String]) -> bool {
        words.iter().all(|word| super::fold::holds(&self.haystack, word))
    }
}

impl ConfRow {
    /// A row from a confsResponse entry, before its confRequest retrieve.
    pub fn from_entry(entry: &UriEntry) -> ConfRow {
        ConfRow {
            uri: entry.uri.trim().to_owned(),
            display_text: entry.display_text.clone(),
            subject: None,
            user_count: None,
            waiting: None,
            active: None,
            locked: None,
            version: None,
            schedule: None,
            load: RowLoad::Pending,
            people: Arc::from([]),
        }
    }

    /// Fills the row from the retrieved document; `version` is the response's (or the document's).
    pub fn apply(&mut self, conf: &Conference, version: Option<u64>) {
        let d = conf.description.as_ref();
        if let Some(text) = d.and_then(|d| d.display_text.clone()) {
            self.display_text = Some(text);
        }
        self.subject = d.and_then(|d| d.subject.clone());
        let state = conf.conference_state.as_ref();
        self.user_count = in_count(conf);
        self.waiting = waiting_count(conf);
        self.active = state.and_then(|s| s.active);
        self.locked = state.and_then(|s| s.locked);
        self.version = version.or(conf.version.map(u64::from));
        self.schedule = Schedule::of(d.and_then(|d| d.conference_time.as_ref()));
        self.load = RowLoad::Loaded;
        // A read without the users element (a server may leave it out) says nothing of who is in.
        if let Some(users) = &conf.users {
            let holds = holds_joiners(users);
            self.people = users.users.iter().map(|u| Person::new(u, holds && is_pending(u))).collect();
        }
    }

    /// What the moderator calls it: the display-text, or the URI when there is none.
    pub fn name(&self) -> &str {
        self.display_text.as_deref().map(str::trim).filter(|t| !t.is_empty()).unwrap_or(&self.uri)
    }

    pub fn key(&self) -> String {
        uri_key(&self.uri)
    }

    /// The fields that differ from `before` (only loaded values count: a pending row has not changed).
    pub fn changed_fields(&self, before: &ConfRow) -> Vec<&'static str> {
        if self.load != RowLoad::Loaded || before.load != RowLoad::Loaded {
            return Vec::new();
        }
        let mut fields = Vec::new();
        if self.display_text != before.display_text {
            fields.push("name");
        }
        if self.subject != before.subject {
            fields.push("subject");
        }
        if self.user_count != before.user_count {
            fields.push("users");
        }
        if self.waiting != before.waiting {
            fields.push("waiting");
        }
        if self.active != before.active {
            fields.push("active");
        }
        if self.locked != before.locked {
            fields.push("locked");
        }
        if self.schedule != before.schedule {
            fields.push("schedule");
        }
        if self.version != before.version {
            fields.push("version");
        }
        fields
    }
}

/// What changed between two reads of the list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlights {
    /// Keys of rows that were not there before.
    pub added: BTreeSet<String>,
    /// Keys of rows that changed, with the fields that did.
    pub changed: BTreeMap<String, Vec<&'static str>>,
    /// Rows that were there and are gone (shown struck through while their mark lasts).
    pub removed: Vec<ConfRow>,
    /// When each mark above was made (milliseconds since the epoch, by key): a mark lasts [`MARKS_LAST_MS`].
    pub marked_at: BTreeMap<String, u64>,
}

/// How long a mark stays after the read that made it. An auto-refresh every 5 s would otherwise wipe it
/// 5 s later, and a moderator who looked away for a moment (at the video, at the chat) would miss it.
pub const MARKS_LAST_MS: u64 = 60_000;

impl Highlights {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }

    /// `2 added, 1 changed, 1 removed`, for the live region.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if !self.added.is_empty() {
            parts.push(format!("{} added", self.added.len()));
        }
        if !self.changed.is_empty() {
            parts.push(format!("{} changed", self.changed.len()));
        }
        if !self.removed.is_empty() {
            parts.push(format!("{} removed", self.removed.len()));
        }
        if parts.is_empty() {
            "no change".into()
        } else {
            parts.join(", ")
        }
    }
}

impl Highlights {
    /// This read's marks (`self`, a [`diff`] made at `now`) with those of `older` reads not yet
    /// [`MARKS_LAST_MS`] old, for the rows that are still as they were marked (`rows`: the new read). A row
    /// added then changed stays "new"; fields changed in two reads are listed once, in order.
    pub fn carry(mut self, older: &Highlights, rows: &[ConfRow], now: u64) -> Highlights {
        for key in self.added.iter().chain(self.changed.keys()) {
            self.marked_at.insert(key.clone(), now);
        }
        for row in &self.removed {
            self.marked_at.insert(row.key(), now);
        }
        let young = |key: &str| older.marked_at.get(key).is_some_and(|at| now.saturating_sub(*at) < MARKS_LAST_MS);
        let listed: BTreeSet<String> = rows.iter().map(ConfRow::key).collect();
        let keep = |h: &mut Highlights, key: &str| {
            h.marked_at.entry(key.to_owned()).or_insert(older.marked_at.get(key).copied().unwrap_or(now));
        };
        for key in older.added.iter().filter(|k| young(k) && listed.contains(*k)) {
            self.changed.remove(key);
            self.added.insert(key.clone());
            keep(&mut self, key);
        }
        for (key, fields) in older.changed.iter().filter(|(k, _)| young(k) && listed.contains(*k)) {
            if self.added.contains(key) {
                continue;
            }
            let now_changed = self.changed.entry(key.clone()).or_default();
            let mut all = fields.clone();
            all.extend(now_changed.iter().filter(|f| !fields.contains(f)));
            *now_changed = all;
            keep(&mut self, key);
        }
        // Earlier removals, once each: this read may have removed one again, if the store listed it meanwhile
        // (a page read it).
        for row in older.removed.iter().filter(|r| young(&r.key()) && !listed.contains(&r.key())) {
            if !self.removed.iter().any(|r2| r2.key() == row.key()) {
                self.removed.push(row.clone());
                keep(&mut self, &row.key());
            }
        }
        self
    }
}

/// Compares two reads of the list.
pub fn diff(before: &[ConfRow], after: &[ConfRow]) -> Highlights {
    let old: BTreeMap<String, &ConfRow> = before.iter().map(|r| (r.key(), r)).collect();
    let new: BTreeSet<String> = after.iter().map(ConfRow::key).collect();
    let mut h = Highlights::default();
    for row in after {
        match old.get(&row.key()) {
            None => {
                h.added.insert(row.key());
            }
            Some(prev) => {
                let fields = row.changed_fields(prev);
                if !fields.is_empty() {
                    h.changed.insert(row.key(), fields);
                }
            }
        }
    }
    h.removed = before.iter().filter(|r| !new.contains(&r.key())).cloned().collect();
    h
}

/// How a row matches the list's filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// By its own name, subject or URI (or the filter is empty).
    Itself,
    /// By the people in it: the first one the filter names, and how many more it does.
    People { first: Person, more: usize },
}

impl Found {
    /// What the row says of a match by its people: "with Erin Walsh", "with Erin Walsh (waiting to join)
    /// and 2 more".
    pub fn note(&self) -> Option<String> {
        let Found::People { first, more } = self else { return None };
        let state = if first.waiting { " (waiting to join)" } else { "" };
        let more = if *more > 0 { format!(" and {more} more") } else { String::new() };
        Some(format!("with {}{state}{more}", first.name))
    }
}

/// Whether a row matches a free-text filter, and how (case- and accent-insensitive, `super::fold`; every word must match): by the
/// conference's name, subject and URI together, or by one person in it (name, user ID and addresses), so
/// that "where is Erin?" is answered from the list.
pub fn find(row: &ConfRow, filter: &str) -> Option<Found> {
    let words: Vec<String> = super::fold::folded(filter).split_whitespace().map(str::to_owned).collect();
    let own = super::fold::folded(&format!("{} {} {}", row.name(), row.subject.as_deref().unwrap_or(""), row.uri));
    if words.iter().all(|word| super::fold::holds(&own, word)) {
        return Some(Found::Itself);
    }
    let people_words = super::people_search_words(filter);
    let mut found = row.people.iter().filter(|p| p.matches(&people_words));
    let first = found.next()?.clone();
    Some(Found::People { first, more: found.count() })
}

/// The columns the list sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Name,
    Subject,
    Users,
    Active,
    Locked,
    Version,
}

impl SortKey {
    const ALL: [(SortKey, &'static str); 6] = [
        (SortKey::Name, "name"),
        (SortKey::Subject, "subject"),
        (SortKey::Users, "users"),
        (SortKey::Active, "active"),
        (SortKey::Locked, "locked"),
        (SortKey::Version, "version"),
    ];

    /// A sort as text for keeping it (`users:desc`), and back; `None` for text that is not one.
    pub fn encode(key: SortKey, ascending: bool) -> String {
        let name = SortKey::ALL.iter().find(|(k, _)| *k == key).map_or("name", |(_, n)| n);
        format!("{name}:{}", if ascending { "asc" } else { "desc" })
    }

    pub fn decode(text: &str) -> Option<(SortKey, bool)> {
        let (name, direction) = text.split_once(':')?;
        let key = SortKey::ALL.iter().find(|(_, n)| *n == name)?.0;
        match direction {
            "asc" => Some((key, true)),
            "desc" => Some((key, false)),
            _ => None,
        }
    }
}

/// Sorts in place; missing values sort last whatever the direction, ties by name then URI.
pub fn sort(rows: &mut [ConfRow], key: SortKey, ascending: bool) {
    use std::cmp::Ordering;
    fn opt<T: Ord>(a: &Option<T>, b: &Option<T>, ascending: bool) -> Ordering {
        match (a, b) {
            (Some(a), Some(b)) if ascending => a.cmp(b),
            (Some(a), Some(b)) => b.cmp(a),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    rows.sort_by(|a, b| {
        let by_name = || super::natural::compare(a.name(), b.name()).then_with(|| a.key().cmp(&b.key()));
        let primary = match key {
            SortKey::Name => {
                let o = by_name();
                return if ascending { o } else { o.reverse() };
            }
            SortKey::Subject => match (&a.subject, &b.subject) {
                (Some(x), Some(y)) if ascending => super::natural::compare(x, y),
                (Some(x), Some(y)) => super::natural::compare(y, x),
                (x, y) => opt(&x.as_ref().map(|_| ()), &y.as_ref().map(|_| ()), ascending),
            },
            SortKey::Users => opt(&a.user_count, &b.user_count, ascending),
            SortKey::Active => opt(&a.active, &b.active, ascending),
            SortKey::Locked => opt(&a.locked, &b.locked, ascending),
            SortKey::Version => opt(&a.version, &b.version, ascending),
        };
        primary.then_with(by_name)
    });
}

/// Puts `rows` (sorted) back in the order of `before` (their keys, as last shown), those not in it after
/// the others, in their sorted order: the list holds still under the moderator's pointer while reads
/// change what it sorts by (QA: sorted by users, the row under the pointer changed twice in 45 s).
pub fn keep_order(rows: &mut [ConfRow], before: &[String]) {
    let at: std::collections::HashMap<&str, usize> =
        before.iter().enumerate().map(|(i, key)| (key.as_str(), i)).collect();
    // Stable: rows not shown before keep their sorted order, after those that were.
    rows.sort_by_cached_key(|r| at.get(r.key().as_str()).copied().unwrap_or(usize::MAX));
}

#[cfg(test)]
mod tests {
    use super::*;
    use ccmp::xcon::{ConferenceDescription, ConferenceState, Endpoint, EndpointStatus, JoinHandling, Users};

    fn row(uri: &str, name: &str, users: Option<u32>, version: u64) -> ConfRow {
        let mut r = ConfRow::from_entry(&UriEntry::new(uri));
        let conf = Conference {
            description: Some(ConferenceDescription { display_text: Some(name.into()), ..Default::default() }),
            conference_state: Some(ConferenceState { user_count: users, active: Some(true), ..Default::default() }),
            ..Conference::new(uri)
        };
        r.apply(&conf, Some(version));
        r
    }

    #[test]
    fn diff_finds_added_removed_and_changed() {
        let before =
            vec![row("xcon:a@x", "A", Some(1), 1), row("xcon:b@x", "B", Some(2), 1), row("xcon:c@x", "C", None, 3)];
        let after =
            vec![row("XCON:A@x", "A", Some(1), 1), row("xcon:b@x", "Bee", Some(2), 2), row("xcon:d@x", "D", None, 1)];
        let h = diff(&before, &after);
        assert_eq!(h.added, BTreeSet::from(["xcon:d@x".to_owned()]));
        assert_eq!(h.changed, BTreeMap::from([("xcon:b@x".to_owned(), vec!["name", "version"])]));
        assert_eq!(h.removed.iter().map(|r| r.uri.as_str()).collect::<Vec<_>>(), ["xcon:c@x"]);
        assert_eq!(h.summary(), "1 added, 1 changed, 1 removed");
        assert!(diff(&after, &after).is_empty());
    }

    #[test]
    fn marks_last_a_minute_across_reads_that_find_nothing_new() {
        let first = vec![row("xcon:a@x", "A", Some(1), 1), row("xcon:b@x", "B", Some(2), 1)];
        let second =
            vec![row("xcon:a@x", "Ay", Some(1), 2), row("xcon:c@x", "C", None, 1), row("xcon:d@x", "D", None, 1)];
        let marks = diff(&first, &second).carry(&Highlights::default(), &second, 1_000);
        assert_eq!(marks.summary(), "2 added, 1 changed, 1 removed");

        // 5 s later the auto-refresh reads the same list: the marks stay.
        let again = diff(&second, &second).carry(&marks, &second, 6_000);
        assert_eq!(again, marks, "nothing changed, every mark kept with its time");

        // Then a's subject changes, c gets a new name (still "new"), and d goes (its "new" goes with it).
        let mut third = vec![row("xcon:a@x", "Ay", Some(3), 3), row("xcon:c@x", "Cee", None, 2)];
        let later = diff(&second, &third).carry(&again, &third, 30_000);
        assert_eq!(later.added, BTreeSet::from(["xcon:c@x".to_owned()]), "added then changed is still new");
        assert_eq!(later.changed.get("xcon:a@x"), Some(&vec!["name", "version", "users"]), "fields of both reads");
        let removed: Vec<_> = later.removed.iter().map(|r| r.uri.as_str()).collect();
        assert_eq!(removed, ["xcon:d@x", "xcon:b@x"], "this read's removal, and the earlier one still young");
        assert_eq!(later.marked_at.get("xcon:a@x"), Some(&30_000), "a's mark renewed by its new change");

        // A minute after the first read, what it alone marked is gone; a later mark is not.
        third[0] = row("xcon:a@x", "Ay", Some(3), 3);
        let expired = diff(&third, &third).carry(&later, &third, 61_000);
        assert!(expired.added.contains("xcon:c@x"), "c's mark renewed by its change at 30 s");
        assert!(expired.removed.iter().all(|r| r.uri == "xcon:d@x"), "b's removal is a minute old");
        assert!(expired.changed.contains_key("xcon:a@x"));
        // A conference removed and then back is not shown removed.
        let back = vec![third[0].clone(), third[1].clone(), row("xcon:d@x", "D", None, 1)];
        let returned = diff(&third, &back).carry(&expired, &back, 62_000);
        assert!(returned.removed.is_empty());
        assert!(returned.added.contains("xcon:d@x"));
    }

    #[test]
    fn a_newcomer_waiting_to_be_admitted_is_a_change_the_list_shows() {
        use ccmp::xcon::{Endpoint, EndpointStatus, JoinHandling, User, Users};
        let read = |statuses: &[EndpointStatus]| {
            let mut conf = Conference::new("xcon:lobby@x");
            conf.users = Some(Users {
                join_handling: Some(JoinHandling::Confirm),
                users: statuses
                    .iter()
                    .map(|s| User {
                        endpoints: vec![Endpoint { status: Some(*s), ..Default::default() }],
                        ..User::new("u")
                    })
                    .collect(),
                ..Default::default()
            });
            let mut r = ConfRow::from_entry(&UriEntry::new("xcon:lobby@x"));
            r.apply(&conf, Some(1));
            r
        };
        let before = read(&[EndpointStatus::Connected]);
        assert_eq!(before.waiting, Some(0));
        let after = read(&[EndpointStatus::Connected, EndpointStatus::Pending]);
        assert_eq!(after.waiting, Some(1));
        // Someone waiting is not in yet: the count of who is in stays.
        assert_eq!((before.user_count, after.user_count), (Some(1), Some(1)));
        assert_eq!(after.changed_fields(&before), ["waiting"]);
    }

    #[test]
    fn pending_rows_are_not_changes() {
        let before = vec![row("xcon:a@x", "A", Some(1), 1)];
        let pending = vec![ConfRow::from_entry(&UriEntry::new("xcon:a@x"))];
        assert!(diff(&before, &pending).is_empty());
    }

    #[test]
    fn filter_matches_every_word_anywhere() {
        let mut r = row("xcon:weekly@example.com", "Weekly sync", None, 1);
        r.subject = Some("Roadmap".into());
        assert_eq!(find(&r, "week ROAD"), Some(Found::Itself));
        assert_eq!(find(&r, "example.com"), Some(Found::Itself));
        assert_eq!(find(&r, "  "), Some(Found::Itself));
        assert_eq!(find(&r, "weekly daily"), None);
    }

    fn with_people(people: &[(Option<&str>, &str, &[&str])]) -> ConfRow {
        let users = people
            .iter()
            .map(|(name, id, addresses)| User {
                display_text: name.map(str::to_owned),
                endpoints: addresses.iter().map(|a| Endpoint::new(*a)).collect(),
                ..User::new(*id)
            })
            .collect();
        let conf = Conference {
            description: Some(ConferenceDescription { display_text: Some("Town hall".into()), ..Default::default() }),
            users: Some(Users { users, ..Default::default() }),
            ..Conference::new("xcon:town@example.com")
        };
        let mut r = ConfRow::from_entry(&UriEntry::new("xcon:town@example.com"));
        r.apply(&conf, Some(1));
        r
    }

    #[test]
    fn the_filter_finds_a_conference_by_the_people_in_it() {
        let r = with_people(&[
            (Some("Erin Walsh"), "xcon-userid:erin@example.com", &["sip:erin@example.org"]),
            (Some("Frank Muller"), "xcon-userid:frank@example.com", &["tel:+15550001"]),
            (None, "xcon-userid:gwen@example.com", &[]),
            (Some("Erin Brook"), "xcon-userid:eb@example.com", &[]),
        ]);
        let note = |filter: &str| find(&r, filter).map(|found| found.note());
        let with = |text: &str| Some(Some(text.to_owned()));
        // By name, every word in the same person.
        assert_eq!(note("erin WALSH"), with("with Erin Walsh"));
        assert_eq!(note("erin"), with("with Erin Walsh and 1 more"));
        assert_eq!(note("walsh muller"), None, "two people do not make one match");
        // By user ID or address.
        assert_eq!(note("+1555"), with("with Frank Muller"));
        assert_eq!(note("sip:erin@"), with("with Erin Walsh"));
        // Someone without a display-text is called by their user ID.
        assert_eq!(note("gwen"), with("with xcon-userid:gwen@example.com"));
        // The conference's own text first: found, with no note.
        assert_eq!(find(&r, "town"), Some(Found::Itself));
        assert_eq!(note("town"), Some(None));
        assert_eq!(note("zoe"), None);
        // Not by the scheme every user ID has, which would find everyone; an ID typed whole still finds its user.
        assert_eq!(note("userid"), None);
        assert_eq!(note("xcon-userid:frank@"), with("with Frank Muller"));
    }

    #[test]
    fn the_filter_finds_names_without_their_accents() {
        let r = with_people(&[(Some("Se\u{e1}n O\u{2019}Brien"), "xcon-userid:sob@example.com", &[])]);
        let note = |filter: &str| find(&r, filter).and_then(|found| found.note());
        assert_eq!(note("sean o'brien").as_deref(), Some("with Se\u{e1}n O\u{2019}Brien"));
        assert_eq!(note("Sea\u{301}n").as_deref(), Some("with Se\u{e1}n O\u{2019}Brien"), "an accent typed apart");
    }

    #[test]
    fn an_address_of_record_counts_and_someone_waiting_is_said_to_be() {
        let user = User {
            display_text: Some("Frank Muller".into()),
            associated_aors: Some(ccmp::xcon::Uris::new(vec![UriEntry::new("sip:frank@home.example")])),
            endpoints: vec![Endpoint { status: Some(EndpointStatus::Pending), ..Endpoint::new("sip:frank@x") }],
            ..User::new("xcon-userid:frank@example.com")
        };
        let read = |join_handling| {
            let conf = Conference {
                users: Some(Users { users: vec![user.clone()], join_handling, ..Default::default() }),
                ..Conference::new("xcon:town@example.com")
            };
            let mut r = ConfRow::from_entry(&UriEntry::new("xcon:town@example.com"));
            r.apply(&conf, Some(1));
            find(&r, "sip:frank@home").and_then(|found| found.note())
        };
        // Pending in a conference that confirms joins: waiting for a moderator.
        assert_eq!(read(Some(JoinHandling::Confirm)).as_deref(), Some("with Frank Muller (waiting to join)"));
        // Pending elsewhere: a call the conference is making, not a waiting room.
        assert_eq!(read(Some(JoinHandling::Allow)).as_deref(), Some("with Frank Muller"));
    }

    #[test]
    fn a_read_without_users_keeps_the_people_known() {
        let mut r = with_people(&[(Some("Erin Walsh"), "xcon-userid:erin@example.com", &[])]);
        r.apply(&Conference::new("xcon:town@example.com"), Some(2));
        assert!(find(&r, "erin").is_some());
        assert_eq!(r.version, Some(2));
    }

    #[test]
    fn sorting_puts_missing_values_last() {
        let mut rows =
            vec![row("xcon:b@x", "b", None, 1), row("xcon:a@x", "A", Some(5), 2), row("xcon:c@x", "C", Some(2), 3)];
        sort(&mut rows, SortKey::Users, true);
        assert_eq!(rows.iter().map(ConfRow::name).collect::<Vec<_>>(), ["C", "A", "b"]);
        sort(&mut rows, SortKey::Users, false);
        assert_eq!(rows.iter().map(ConfRow::name).collect::<Vec<_>>(), ["A", "C", "b"]);
        sort(&mut rows, SortKey::Name, true);
        assert_eq!(rows.iter().map(ConfRow::name).collect::<Vec<_>>(), ["A", "b", "C"]);
        sort(&mut rows, SortKey::Version, false);
        assert_eq!(rows.iter().map(ConfRow::name).collect::<Vec<_>>(), ["C", "A", "b"]);
    }

    #[test]
    fn names_with_numbers_sort_by_the_number() {
        let mut rows = vec![
            row("xcon:a@x", "Breakout 10", None, 1),
            row("xcon:b@x", "Breakout 9", None, 1),
            row("xcon:c@x", "breakout 1", None, 1),
        ];
        sort(&mut rows, SortKey::Name, true);
        assert_eq!(rows.iter().map(ConfRow::name).collect::<Vec<_>>(), ["breakout 1", "Breakout 9", "Breakout 10"]);
    }

    #[test]
    fn name_falls_back_to_the_uri() {
        let r = ConfRow::from_entry(&UriEntry::new(" xcon:x@y "));
        assert_eq!(r.name(), "xcon:x@y");
        let blank = ConfRow { display_text: Some("  ".into()), ..r };
        assert_eq!(blank.name(), "xcon:x@y");
    }

    #[test]
    fn a_sort_survives_as_text() {
        for (key, _) in SortKey::ALL {
            for ascending in [true, false] {
                assert_eq!(SortKey::decode(&SortKey::encode(key, ascending)), Some((key, ascending)));
            }
        }
        assert_eq!(SortKey::encode(SortKey::Users, false), "users:desc");
        for garbage in ["", "users", "users:up", "colour:asc", ":asc"] {
            assert_eq!(SortKey::decode(garbage), None, "{garbage:?}");
        }
    }

    #[test]
    fn a_held_list_keeps_its_order_and_puts_newcomers_last() {
        let mut rows: Vec<ConfRow> = [("a", 9), ("b", 1), ("c", 5), ("d", 7)]
            .map(|(n, users)| row(&format!("xcon:{n}@x"), n, Some(users), 1))
            .to_vec();
        sort(&mut rows, SortKey::Users, false);
        let shown: Vec<String> = ["xcon:b@x", "xcon:a@x"].map(String::from).to_vec();
        keep_order(&mut rows, &shown);
        let keys: Vec<String> = rows.iter().map(ConfRow::key).collect();
        assert_eq!(keys, ["xcon:b@x", "xcon:a@x", "xcon:d@x", "xcon:c@x"], "newcomers last, by users");
    }
}
