//! Keeps the audit log in localStorage, one record per browser tab, so that the log is this browser's: a
//! reload in the middle of an event does not lose what the tab changed, and the Audit log page of any tab
//! lists the changes of the others too, a tab closed since included (QA: a tab closed in the middle of a
//! bulk removal took the record of the three it removed with it). Each tab keeps at most its last [`KEEP`]
//! changes, written at most once a second; a record whose last change is older than [`FORGET_AFTER_MS`]
//! is dropped when a page starts (the CSV export is how a log is kept longer).

use std::time::Duration;

use leptos::prelude::*;

use super::{Audit, AuditEntry};
use crate::api::{local_get, local_keys, local_remove, local_set, now_epoch_ms, session_get, session_set};
use crate::state::instant::parse_iso;

/// Each tab's record is `PREFIX` and the tab's id.
const PREFIX: &str = "ccmp-panel:audit:";
/// This tab's id, in sessionStorage (kept across reloads of the tab, gone with it).
const TAB_ID_KEY: &str = "ccmp-panel:tab-id";
/// Where earlier versions kept the tab's log (sessionStorage): read once, so that an upgrade mid-event loses
/// nothing.
const OLD_KEY: &str = "ccmp-panel:audit";
/// The most changes kept per tab.
pub const KEEP: usize = 2000;
/// Two days: an event's record outlives the night, not the week.
const FORGET_AFTER_MS: f64 = 2.0 * 24.0 * 3600.0 * 1000.0;

/// Restores the log this tab kept before a reload, reads the other tabs' records (and follows them as they
/// change), then keeps this tab's as it grows.
pub fn keep(audit: Audit) {
    let tab = session_get(TAB_ID_KEY).unwrap_or_else(|| {
        let id = format!("{:x}{:x}", now_epoch_ms() as u64, (js_sys::Math::random() * 1e12) as u64);
        session_set(TAB_ID_KEY, &id);
        id
    });
    let own_key = format!("{PREFIX}{tab}");
    let restored = local_get(&own_key).or_else(|| session_get(OLD_KEY)).map(|j| parse(&j)).unwrap_or_default();
    audit.entries.update(|e| {
        if e.is_empty() {
            *e = restored;
        }
    });
    forget_old_records();
    let others = {
        let own_key = own_key.clone();
        move || {
            let keys = local_keys(PREFIX).into_iter().filter(|k| *k != own_key);
            keys.filter_map(|k| local_get(&k)).flat_map(|j| parse(&j)).collect::<Vec<AuditEntry>>()
        }
    };
    audit.others.set(others());
    // Another tab wrote its record (or the browser cleared the storage: no key).
    let own = own_key.clone();
    let listener = window_event_listener(leptos::ev::storage, move |event| {
        if event.key().is_none_or(|k| k.starts_with(PREFIX) && k != own) {
            audit.others.try_set(others());
        }
    });
    // For the page's whole life: the session is provided once.
    std::mem::forget(listener);
    // Written once a second when it changed, and as the page goes (a reload within that second). A timer
    // and not an effect on the entries: the effect stopped running after the first change that followed a
    // conference's creation, and the changes after it were lost at the next reload (found by the lifecycle
    // journey's audit check).
    let written = StoredValue::new(0u64);
    let write = move || {
        let revision = audit.revision.try_get_value().unwrap_or(0);
        if written.try_get_value() == Some(revision) {
            return;
        }
        let Some(json) = audit.entries.try_with_untracked(|e| {
            let rows: Vec<[String; 8]> = e.iter().rev().take(KEEP).rev().map(row_of).collect();
            serde_json::to_string(&rows).unwrap_or_default()
        }) else {
            return;
        };
        if json != "[]" && local_set(&own_key, &json) {
            written.set_value(revision);
        }
    };
    // Both for the page's whole life, as the listener above: the interval is never cleared.
    let _ = set_interval_with_handle(write.clone(), Duration::from_secs(1));
    std::mem::forget(window_event_listener_untyped("pagehide", move |_| write()));
}

/// Drops the records whose last change is older than [`FORGET_AFTER_MS`] (or that cannot be read).
fn forget_old_records() {
    let now = now_epoch_ms();
    for key in local_keys(PREFIX) {
        let last = local_get(&key).map(|j| parse(&j)).and_then(|e| e.last().and_then(|x| parse_iso(&x.when)));
        if last.is_none_or(|t| now - t as f64 > FORGET_AFTER_MS) {
            local_remove(&key);
        }
    }
}

fn parse(json: &str) -> Vec<AuditEntry> {
    serde_json::from_str::<Vec<Vec<String>>>(json)
        .map(|rows| rows.into_iter().filter_map(entry_of).collect())
        .unwrap_or_default()
}

fn row_of(e: &AuditEntry) -> [String; 8] {
    let code = e.code.map(|c| c.to_string()).unwrap_or_default();
    let (who, what, target, when, action) = (&e.who, &e.what, &e.target, &e.when, &e.action);
    [who, what, target, when, &code, action, &e.server, &e.name].map(String::clone)
}

/// A kept row; one kept by an earlier version has no server (six fields), or no name (seven).
fn entry_of(row: Vec<String>) -> Option<AuditEntry> {
    let mut fields = row.into_iter();
    let mut next = || fields.next();
    let (who, what, target, when, code, action) = (next()?, next()?, next()?, next()?, next()?, next()?);
    let (server, name) = (next().unwrap_or_default(), next().unwrap_or_default());
    Some(AuditEntry { server, who, what, target, name, when, code: code.parse().ok(), action })
}
