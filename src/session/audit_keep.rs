//! Keeps the audit log in sessionStorage, so that a reload in the middle of an event does not lose the
//! record of what the panel changed. sessionStorage belongs to the browser tab and ends with it; at most
//! the last [`KEEP`] changes are kept, written at most once a second.

use std::time::Duration;

use leptos::prelude::*;

use super::{Audit, AuditEntry};

const KEY: &str = "ccmp-panel:audit";
/// The most changes kept across a reload.
pub const KEEP: usize = 2000;

/// Restores the log kept by an earlier page of this tab, then keeps it as it grows.
pub fn keep(audit: Audit) {
    if let Some(saved) = storage().and_then(|s| s.get_item(KEY).ok().flatten()) {
        let restored: Vec<AuditEntry> = serde_json::from_str::<Vec<Vec<String>>>(&saved)
            .map(|rows| rows.into_iter().filter_map(entry_of).collect())
            .unwrap_or_default();
        audit.entries.update(|e| {
            if e.is_empty() {
                *e = restored;
            }
        });
    }
    let pending = StoredValue::new(false);
    Effect::new(move |_| {
        audit.entries.track();
        if pending.get_value() {
            return;
        }
        pending.set_value(true);
        set_timeout(
            move || {
                pending.set_value(false);
                let Some(json) = audit.entries.try_with_untracked(|e| {
                    let rows: Vec<[String; 7]> = e.iter().rev().take(KEEP).rev().map(row_of).collect();
                    serde_json::to_string(&rows).unwrap_or_default()
                }) else {
                    return;
                };
                if let Some(s) = storage() {
                    let _ = s.set_item(KEY, &json);
                }
            },
            Duration::from_secs(1),
        );
    });
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn row_of(e: &AuditEntry) -> [String; 7] {
    let code = e.code.map(|c| c.to_string()).unwrap_or_default();
    [e.who.clone(), e.what.clone(), e.target.clone(), e.when.clone(), code, e.action.clone(), e.server.clone()]
}

/// A kept row; one kept by an earlier version has no server (six fields).
fn entry_of(row: Vec<String>) -> Option<AuditEntry> {
    let mut fields = row.into_iter();
    let mut next = || fields.next();
    let (who, what, target, when, code, action) = (next()?, next()?, next()?, next()?, next()?, next()?);
    let server = next().unwrap_or_default();
    Some(AuditEntry { server, who, what, target, when, code: code.parse().ok(), action })
}
