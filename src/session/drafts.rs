//! Edits not saved yet, kept for the whole session by conference. A moderator pulled away in the middle of
//! an edit (to another conference, the list, with the Back button, even to another server's profile) finds
//! it where they left it, and the conferences list marks the conferences that hold one. Only leaving the
//! panel itself (a reload, closing the tab) would lose an edit, and the browser asks first.

use std::collections::HashMap;

use ccmp::xcon::Conference;
use leptos::prelude::*;

use super::Conn;
use crate::state::admission::AllowedRow;
use crate::state::conf_form::ConfForm;
use crate::state::uri_key;

/// The edit tab's work.
#[derive(Clone, Copy)]
pub struct EditDraft {
    /// The document the edit began from.
    pub base_doc: RwSignal<Option<Conference>>,
    /// That document as a form, and the form as the moderator edits it.
    pub base: RwSignal<ConfForm>,
    pub form: RwSignal<ConfForm>,
}

impl EditDraft {
    pub fn new() -> EditDraft {
        EditDraft {
            base_doc: RwSignal::new(None),
            base: RwSignal::new(ConfForm::default()),
            form: RwSignal::new(ConfForm::default()),
        }
    }

    /// Whether the moderator changed something not saved yet.
    pub fn dirty(&self) -> bool {
        self.form.try_with(|f| self.base.try_with(|b| !f.changed_fields(b).is_empty())).flatten().unwrap_or(false)
    }
}

impl Default for EditDraft {
    fn default() -> Self {
        Self::new()
    }
}

/// The allowed-users list being edited; it is saved as a whole, merged with whatever the server has by then.
#[derive(Clone, Copy)]
pub struct AllowedDraft {
    /// The list as read when the edit began, and the list as the moderator edits it.
    pub base: RwSignal<Vec<AllowedRow>>,
    pub draft: RwSignal<Vec<AllowedRow>>,
}

impl AllowedDraft {
    pub fn new() -> AllowedDraft {
        AllowedDraft { base: RwSignal::new(Vec::new()), draft: RwSignal::new(Vec::new()) }
    }

    /// Whether the moderator changed the list without saving it.
    pub fn dirty(&self) -> bool {
        self.draft.try_with(|d| self.base.try_with(|b| d != b)).flatten().unwrap_or(false)
    }
}

impl Default for AllowedDraft {
    fn default() -> Self {
        Self::new()
    }
}

/// One conference's work in progress.
#[derive(Clone, Copy)]
pub struct ConfDrafts {
    pub edit: EditDraft,
    pub allowed: AllowedDraft,
}

impl ConfDrafts {
    pub fn dirty(&self) -> bool {
        self.edit.dirty() || self.allowed.dirty()
    }
}

#[derive(Clone, Copy)]
pub struct Drafts {
    /// By server, moderator and conference (see [`key`]): the same URI on another server is another
    /// conference.
    by_conf: RwSignal<HashMap<String, ConfDrafts>>,
    /// The session's owner. The drafts' signals are made under it, not under the page that shows them, so
    /// that they outlive the page.
    owner: StoredValue<Option<Owner>>,
}

impl Drafts {
    /// Made once, by `session::provide`, whose owner lives as long as the panel.
    pub fn new() -> Self {
        Drafts { by_conf: RwSignal::new(HashMap::new()), owner: StoredValue::new(Owner::current()) }
    }

    /// The drafts of `uri` on the connection `conn`, made empty on the first visit.
    pub fn of(&self, conn: &Conn, uri: &str) -> ConfDrafts {
        let key = key(conn, uri);
        if let Some(found) = self.by_conf.with_untracked(|m| m.get(&key).copied()) {
            return found;
        }
        let make = || ConfDrafts { edit: EditDraft::new(), allowed: AllowedDraft::new() };
        let made = match self.owner.get_value() {
            Some(owner) => owner.with(make),
            None => make(),
        };
        self.by_conf.update(|m| {
            m.insert(key, made);
        });
        made
    }

    /// Forgets the drafts of a conference that is gone.
    pub fn discard(&self, conn: &Conn, uri: &str) {
        let key = key(conn, uri);
        if let Some(gone) = self.by_conf.try_update(|m| m.remove(&key)).flatten() {
            gone.edit.form.set(gone.edit.base.get_untracked());
            gone.allowed.draft.set(gone.allowed.base.get_untracked());
        }
    }

    /// Whether any conference holds an unsaved edit (not tracked: for the `beforeunload` listener).
    pub fn any_unsaved(&self) -> bool {
        self.by_conf.with_untracked(|m| m.values().any(|d| d.dirty()))
    }

    /// The conferences of `conn` with an unsaved edit, by [`uri_key`], each with the tab of the conference
    /// page that holds it (tracked: for the list's marks).
    pub fn unsaved(&self, conn: &Conn) -> HashMap<String, &'static str> {
        let prefix = key(conn, "");
        self.by_conf.with(|m| {
            m.iter()
                .filter(|(k, _)| k.starts_with(&prefix))
                .filter_map(|(k, d)| {
                    let tab = if d.edit.dirty() {
                        "edit"
                    } else if d.allowed.dirty() {
                        "admission"
                    } else {
                        return None;
                    };
                    Some((k[prefix.len()..].to_owned(), tab))
                })
                .collect()
        })
    }
}

impl Default for Drafts {
    fn default() -> Self {
        Self::new()
    }
}

/// `server`, `moderator`, conference: a line each, the conference last (so that a prefix names a
/// connection's drafts).
fn key(conn: &Conn, uri: &str) -> String {
    format!("{}\n{}\n{}", conn.server.trim(), uri_key(conn.user.as_str()), uri_key(uri))
}

/// Holds the moderator back from leaving the panel with an edit not saved: the browser's own "Leave
/// site?" on a reload or when the tab is closed.
pub fn guard_unload(drafts: Drafts) {
    // For the panel's lifetime: the handle is dropped, the listener stays.
    let _ = window_event_listener(leptos::ev::beforeunload, move |event| {
        if drafts.any_unsaved() {
            event.prevent_default();
        }
    });
}

pub fn use_drafts() -> Drafts {
    expect_context()
}
