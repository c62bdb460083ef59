//! Edits not saved yet, kept for the whole session by conference. A moderator pulled away in the middle of
//! an edit (to another conference, the list, with the Back button, even to another server's profile) finds
//! it where they left it, and the conferences list marks the conferences that hold one. They are also kept
//! in the tab's sessionStorage, so that a reload (or a crash of the panel) loses none; closing the browser
//! tab would, and the browser asks first. A new conference password typed into the form is the one thing
//! not kept: passwords are never stored in plain text.

use std::collections::{HashMap, HashSet};

use ccmp::xcon::{Conference, SidebarsByVal, TargetMethod};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::Conn;
use crate::api::{session_get, session_remove, session_set};
use crate::state::admission::AllowedRow;
use crate::state::conf_form::ConfForm;
use crate::state::uri_key;

/// The sessionStorage entries: a JSON object of [`Saved`] drafts by [`key`], and the new conference form.
const STORAGE_KEY: &str = "ccmp-panel:drafts";
const NEW_CONFERENCE_KEY: &str = "ccmp-panel:new-conference";

/// What became of the unsaved edits of a conference that is gone ([`Drafts::discard`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Discarded {
    /// It had none.
    Nothing,
    /// They are gone with it; what the moderator had typed in its edit form, when anything, to be said.
    Lost(String),
    /// Its edit form is now the New conference form, to create it again.
    KeptAsNew,
}

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
#[derive(Clone, Copy, Default)]
pub struct ConfDrafts {
    pub edit: EditDraft,
    pub allowed: AllowedDraft,
}

impl ConfDrafts {
    pub fn dirty(&self) -> bool {
        self.edit.dirty() || self.allowed.dirty()
    }

    /// The tabs of the conference page that hold unsaved changes (tracked), edit first.
    pub fn unsaved_tabs(&self) -> Vec<&'static str> {
        [(self.edit.dirty(), "edit"), (self.allowed.dirty(), "admission")]
            .into_iter()
            .filter_map(|(dirty, tab)| dirty.then_some(tab))
            .collect()
    }
}

/// A conference's drafts as sessionStorage keeps them: only the dirty ones, without passwords.
#[derive(Serialize, Deserialize)]
struct Saved {
    edit: Option<SavedEdit>,
    allowed: Option<SavedAllowed>,
}

#[derive(Serialize, Deserialize)]
struct SavedEdit {
    /// The document the edit began from, as conference-info XML (the merge on save needs it).
    base_doc: Option<String>,
    base: ConfForm,
    form: ConfForm,
}

/// Rows as (URI, method).
#[derive(Serialize, Deserialize)]
struct SavedAllowed {
    base: Vec<(String, String)>,
    draft: Vec<(String, String)>,
}

impl Saved {
    /// What to keep of `drafts` (tracked); `None` when nothing is unsaved.
    fn of(drafts: &ConfDrafts) -> Option<Saved> {
        let edit = drafts.edit.dirty().then(|| {
            let base_doc = drafts.edit.base_doc.with(|doc| {
                doc.as_ref().map(|doc| {
                    // What the edit form, the merge on save and the "changed elsewhere" banner look at: not
                    // the users (thousands of them, copied and written out again at every keystroke), nor
                    // who is in each room. Without the floor control or the rooms, a reload told them as
                    // changed by someone else (QA: "Floor control: (none) → …").
                    let mut kept = Conference::new(doc.entity.clone());
                    kept.version = doc.version;
                    kept.description = doc.description.clone();
                    kept.conference_state = doc.conference_state.clone();
                    kept.floor_information = doc.floor_information.clone();
                    kept.sidebars_by_ref = doc.sidebars_by_ref.clone();
                    kept.sidebars_by_val = doc.sidebars_by_val.as_ref().map(|rooms| SidebarsByVal {
                        entries: (rooms.entries.iter())
                            .map(|r| Conference {
                                description: r.description.clone(),
                                ..Conference::new(r.entity.clone())
                            })
                            .collect(),
                        ..SidebarsByVal::default()
                    });
                    if let Some(description) = kept.description.as_mut() {
                        description.conference_password = None;
                    }
                    ccmp::codec::encode_conference_info(&kept)
                })
            });
            SavedEdit {
                base_doc,
                base: drafts.edit.base.with(ConfForm::without_password),
                form: drafts.edit.form.with(ConfForm::without_password),
            }
        });
        let rows =
            |rows: &Vec<AllowedRow>| rows.iter().map(|r| (r.uri.clone(), r.method.as_str().to_owned())).collect();
        let allowed = drafts
            .allowed
            .dirty()
            .then(|| SavedAllowed { base: drafts.allowed.base.with(rows), draft: drafts.allowed.draft.with(rows) });
        (edit.is_some() || allowed.is_some()).then_some(Saved { edit, allowed })
    }

    /// Puts a kept draft back into fresh signals.
    fn restore(self, into: &ConfDrafts) {
        if let Some(edit) = self.edit {
            let doc = edit.base_doc.and_then(|xml| ccmp::codec::decode_conference_info(&xml).ok());
            into.edit.base_doc.set(doc);
            into.edit.base.set(edit.base);
            into.edit.form.set(edit.form);
        }
        if let Some(allowed) = self.allowed {
            let rows = |rows: Vec<(String, String)>| {
                rows.into_iter()
                    .map(|(uri, method)| AllowedRow {
                        uri,
                        method: TargetMethod::parse(&method).unwrap_or(TargetMethod::DialIn),
                    })
                    .collect::<Vec<_>>()
            };
            into.allowed.base.set(rows(allowed.base));
            into.allowed.draft.set(rows(allowed.draft));
        }
    }
}

#[derive(Clone, Copy)]
pub struct Drafts {
    /// By server, moderator and conference (see [`key`]): the same URI on another server is another
    /// conference.
    by_conf: RwSignal<HashMap<String, ConfDrafts>>,
    /// The create page's "Describe it" form, as the moderator left it.
    pub new_conference: RwSignal<ConfForm>,
    /// The session's owner. The drafts' signals are made under it, not under the page that shows them, so
    /// that they outlive the page.
    owner: StoredValue<Option<Owner>>,
    /// How many conferences' kept drafts could not be read back at the start (damaged, or of another
    /// version's shape): the session says so, since their edits are lost.
    pub unreadable: usize,
}

impl Drafts {
    /// Made once, by `session::provide`, whose owner lives as long as the panel: takes back what the tab's
    /// sessionStorage kept, and keeps it up to date from then on.
    pub fn new() -> Self {
        let new_conference = session_get(NEW_CONFERENCE_KEY)
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_else(ConfForm::new_conference);
        // Conference by conference: one that cannot be read does not take the others with it (QA).
        let (kept, unreadable) = crate::state::kept::entries::<Saved>(session_get(STORAGE_KEY).as_deref());
        let drafts = Drafts {
            by_conf: RwSignal::new(HashMap::new()),
            new_conference: RwSignal::new(new_conference),
            owner: StoredValue::new(Owner::current()),
            unreadable,
        };
        let restored: HashMap<String, ConfDrafts> = kept
            .into_iter()
            .map(|(key, saved)| {
                let made = drafts.make();
                saved.restore(&made);
                (key, made)
            })
            .collect();
        drafts.by_conf.set(restored);
        Effect::new(move |_| {
            let saved: HashMap<String, Saved> =
                drafts.by_conf.with(|m| m.iter().filter_map(|(k, d)| Some((k.clone(), Saved::of(d)?))).collect());
            keep(STORAGE_KEY, (!saved.is_empty()).then_some(&saved));
        });
        Effect::new(move |_| {
            let form = drafts.new_conference.with(ConfForm::without_password);
            keep(NEW_CONFERENCE_KEY, (form != ConfForm::new_conference()).then_some(&form));
        });
        drafts
    }

    /// Whether the create page's form holds something the moderator typed.
    pub fn new_conference_begun(&self) -> bool {
        self.new_conference.with(|f| *f != ConfForm::new_conference())
    }

    /// Empty drafts, owned by the session.
    fn make(&self) -> ConfDrafts {
        let make = || ConfDrafts { edit: EditDraft::new(), allowed: AllowedDraft::new() };
        match self.owner.get_value() {
            Some(owner) => owner.with(make),
            None => make(),
        }
    }

    /// The drafts of `uri` on the connection `conn`, made empty on the first visit.
    pub fn of(&self, conn: &Conn, uri: &str) -> ConfDrafts {
        if let Some(found) = self.known(conn, uri).and_then(|k| self.by_conf.with_untracked(|m| m.get(&k).copied())) {
            return found;
        }
        let made = self.make();
        self.by_conf.update(|m| {
            m.insert(key(conn, uri), made);
        });
        made
    }

    /// The key of the drafts of `uri` on `conn`, if there are any: XCON-URIs are case-insensitive, so a
    /// conference reached by a URI typed in another case finds the drafts kept under the first.
    fn known(&self, conn: &Conn, uri: &str) -> Option<String> {
        let (prefix, wanted) = (key(conn, ""), uri_key(uri));
        self.by_conf.with_untracked(|m| {
            m.keys().find(|k| k.strip_prefix(&prefix).is_some_and(|u| uri_key(u) == wanted)).cloned()
        })
    }

    /// Forgets the drafts of a conference that is gone, and says what became of their unsaved changes.
    /// With `keep_edit` (someone else deleted it), an edit in progress becomes the New conference form.
    pub fn discard(&self, conn: &Conn, uri: &str, keep_edit: bool) -> Discarded {
        let Some(key) = self.known(conn, uri) else { return Discarded::Nothing };
        let Some(gone) = self.by_conf.try_update(|m| m.remove(&key)).flatten() else { return Discarded::Nothing };
        let (had_changes, edited) = untrack(|| (gone.dirty(), gone.edit.dirty()));
        let typed = untrack(|| gone.edit.form.with(|f| gone.edit.base.with(|b| f.typed_since(b))));
        // What the moderator typed in its edit form may be long (a description): rather than lose it, it
        // becomes the New conference form, unless that one holds work of its own.
        let kept = keep_edit && edited && !untrack(|| self.new_conference_begun());
        if kept {
            self.new_conference.set(gone.edit.form.get_untracked());
        }
        // A page may still show them (the conference page that met the 404): its tabs' marks go too.
        gone.edit.form.set(gone.edit.base.get_untracked());
        gone.allowed.draft.set(gone.allowed.base.get_untracked());
        match (had_changes, kept) {
            (_, true) => Discarded::KeptAsNew,
            (true, false) => Discarded::Lost(typed),
            (false, false) => Discarded::Nothing,
        }
    }

    /// The conferences of `conn` with unsaved changes that a complete read of the list (`listed`,
    /// [`uri_key`]s) did not show: deleted by someone else meanwhile, or sidebars, which the list does not
    /// show.
    pub fn unlisted(&self, conn: &Conn, listed: &HashSet<String>) -> Vec<String> {
        let prefix = key(conn, "");
        untrack(|| {
            self.by_conf.with(|m| {
                m.iter()
                    .filter(|(_, d)| d.dirty())
                    .filter_map(|(k, _)| k.strip_prefix(&prefix))
                    .filter(|uri| !listed.contains(&uri_key(uri)))
                    .map(str::to_owned)
                    .collect()
            })
        })
    }

    /// Whether any conference, or the new conference form, holds an unsaved edit (tracked).
    pub fn any_unsaved(&self) -> bool {
        self.new_conference_begun() || self.by_conf.with(|m| m.values().any(ConfDrafts::dirty))
    }

    /// The conferences of `conn` with an unsaved edit, by [`uri_key`], each with the tab of the conference
    /// page that holds it (tracked: for the list's marks).
    pub fn unsaved(&self, conn: &Conn) -> HashMap<String, &'static str> {
        let prefix = key(conn, "");
        self.by_conf.with(|m| {
            m.iter()
                .filter_map(|(k, d)| Some((uri_key(k.strip_prefix(&prefix)?), *d.unsaved_tabs().first()?)))
                .collect()
        })
    }
}

impl Default for Drafts {
    fn default() -> Self {
        Self::new()
    }
}

/// Puts `value` in the tab's sessionStorage as JSON under `key`, or takes the entry away for `None`.
fn keep(key: &str, value: Option<&impl Serialize>) {
    match value.and_then(|v| serde_json::to_string(v).ok()) {
        // A refusal is said by the session (`api::storage_refused`).
        Some(json) => {
            session_set(key, &json);
        }
        None => session_remove(key),
    }
}

/// `server`, `moderator`, conference: a line each, the conference last and as written (so that a prefix
/// names a connection's drafts, and what follows it is a URI to send).
fn key(conn: &Conn, uri: &str) -> String {
    format!("{}\n{}\n{}", conn.server.trim(), uri_key(conn.user.as_str()), uri.trim())
}

/// Holds the moderator back from leaving the panel while `would_lose` says something would be lost (an
/// edit not saved, a run of requests under way): the browser's own "Leave site?" when the tab is closed,
/// and on a reload too (which keeps the edits), since `beforeunload` does not tell the two apart. The
/// listener is there only while something would be lost: the browser makes every reload and every
/// navigation away from a page with one wait for it first.
pub fn guard_unload(would_lose: impl Fn() -> bool + Send + Sync + 'static) {
    let at_stake = Memo::new(move |_| would_lose());
    let listener = StoredValue::new(None::<leptos::leptos_dom::helpers::WindowListenerHandle>);
    Effect::new(move |_| match at_stake.get() {
        true if listener.with_value(Option::is_none) => {
            listener.set_value(Some(window_event_listener(leptos::ev::beforeunload, |event| event.prevent_default())))
        }
        false => {
            if let Some(handle) = listener.try_update_value(Option::take).flatten() {
                handle.remove();
            }
        }
        true => {}
    });
}

pub fn use_drafts() -> Drafts {
    expect_context()
}
