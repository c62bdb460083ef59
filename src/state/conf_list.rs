//! The conferences list: one row per conference (from confsResponse, filled by each confResponse),
//! filtering, sorting, and the diff between two reads that auto-refresh highlights.

use std::collections::{BTreeMap, BTreeSet};

use ccmp::xcon::{Conference, UriEntry};

use super::uri_key;
use super::waiting::waiting_count;

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
    pub load: RowLoad,
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
            load: RowLoad::Pending,
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
        let counted = conf.users.as_ref().map(|u| u.users.len() as u32);
        self.user_count = state.and_then(|s| s.user_count).or(counted);
        self.waiting = waiting_count(conf);
        self.active = state.and_then(|s| s.active);
        self.locked = state.and_then(|s| s.locked);
        self.version = version.or(conf.version.map(u64::from));
        self.load = RowLoad::Loaded;
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
    /// Rows that were there and are gone (shown struck through until the next read).
    pub removed: Vec<ConfRow>,
}

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

/// The rows matching a free-text filter (case-insensitive, on name, subject and URI; every word must match).
pub fn matches(row: &ConfRow, filter: &str) -> bool {
    let haystack = format!("{} {} {}", row.name(), row.subject.as_deref().unwrap_or(""), row.uri).to_lowercase();
    filter.to_lowercase().split_whitespace().all(|word| haystack.contains(word))
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
        let by_name = || a.name().to_lowercase().cmp(&b.name().to_lowercase()).then_with(|| a.key().cmp(&b.key()));
        let primary = match key {
            SortKey::Name => {
                let o = by_name();
                return if ascending { o } else { o.reverse() };
            }
            SortKey::Subject => opt(
                &a.subject.as_ref().map(|s| s.to_lowercase()),
                &b.subject.as_ref().map(|s| s.to_lowercase()),
                ascending,
            ),
            SortKey::Users => opt(&a.user_count, &b.user_count, ascending),
            SortKey::Active => opt(&a.active, &b.active, ascending),
            SortKey::Locked => opt(&a.locked, &b.locked, ascending),
            SortKey::Version => opt(&a.version, &b.version, ascending),
        };
        primary.then_with(by_name)
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use ccmp::xcon::{ConferenceDescription, ConferenceState};

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
        assert_eq!(after.changed_fields(&before), ["users", "waiting"]);
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
        assert!(matches(&r, "week ROAD"));
        assert!(matches(&r, "example.com"));
        assert!(matches(&r, "  "));
        assert!(!matches(&r, "weekly daily"));
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
    fn name_falls_back_to_the_uri() {
        let r = ConfRow::from_entry(&UriEntry::new(" xcon:x@y "));
        assert_eq!(r.name(), "xcon:x@y");
        let blank = ConfRow { display_text: Some("  ".into()), ..r };
        assert_eq!(blank.name(), "xcon:x@y");
    }
}
