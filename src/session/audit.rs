//! The audit hook: every change the panel makes (create, update, delete of any object) is recorded here
//! with who, what, target, when and the response code. Part 2 shows and exports it.

use leptos::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// The server the request went to (the CCMP URL, as the connection has it): the same conference URI
    /// may name another conference on another server.
    pub server: String,
    /// The moderator's confUserID.
    pub who: String,
    /// `confRequest update`.
    pub what: String,
    /// The confObjID, and the user entity for user requests.
    pub target: String,
    /// What the moderator called the conference then (its display-text; after a rename, the new one), empty
    /// when the panel knew no name: a URI alone does not say which conference a line of the log was about,
    /// least of all once it is deleted (QA).
    pub name: String,
    /// ISO 8601, UTC.
    pub when: String,
    /// The CCMP response code, or `None` when the request failed in transport.
    pub code: Option<u16>,
    /// What the panel meant by it (`Rename conference`).
    pub action: String,
}

#[derive(Clone, Copy)]
pub struct Audit {
    /// This tab's changes, oldest first.
    pub entries: RwSignal<Vec<AuditEntry>>,
    /// The changes the other tabs of this browser made (closed ones included), tab by tab: see `audit_keep`
    /// (the Audit log page puts them in time order with this tab's).
    pub others: RwSignal<Vec<AuditEntry>>,
    /// Counts this tab's changes to `entries`, so that `audit_keep` writes the record only when it changed.
    pub revision: StoredValue<u64>,
}

impl Audit {
    pub fn new() -> Self {
        Audit { entries: RwSignal::new(Vec::new()), others: RwSignal::new(Vec::new()), revision: StoredValue::new(0) }
    }

    pub fn record(&self, entry: AuditEntry) {
        self.entries.update(|e| e.push(entry));
        self.revision.update_value(|r| *r += 1);
    }

    /// Says what a read found of the latest change `action` that got no answer ("no response"), so that
    /// the log does not leave a change the server made as one that may not have been.
    pub fn read_back(&self, action: &str, made: bool) {
        self.entries.update(|e| {
            if let Some(entry) = e.iter_mut().rev().find(|x| x.action == action && x.code.is_none()) {
                let found = if made { "made" } else { "not seen" };
                entry.action = format!("{action} (no answer; a read after it found it {found})");
            }
        });
        self.revision.update_value(|r| *r += 1);
    }
}

impl Default for Audit {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_audit() -> Audit {
    expect_context()
}
