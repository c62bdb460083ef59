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
    /// ISO 8601, UTC.
    pub when: String,
    /// The CCMP response code, or `None` when the request failed in transport.
    pub code: Option<u16>,
    /// What the panel meant by it (`Rename conference`).
    pub action: String,
}

#[derive(Clone, Copy)]
pub struct Audit {
    pub entries: RwSignal<Vec<AuditEntry>>,
}

impl Audit {
    pub fn new() -> Self {
        Audit { entries: RwSignal::new(Vec::new()) }
    }

    pub fn record(&self, entry: AuditEntry) {
        self.entries.update(|e| e.push(entry));
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
