//! The conferences list, kept above the pages so that its filter, sort and highlights survive navigation
//! and refreshes. [`ConfStore::refresh`] reads confsRequest, then each conference with confRequest
//! retrieve, six at a time.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use ccmp::xcon::UriEntry;
use ccmp::{Request, ResponseCode};
use futures_util::StreamExt;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::drafts::Discarded;
use super::{Ccmp, Conn, Drafts, Lobby, Mode, Sent};
use crate::state::conf_list::{diff, ConfRow, Highlights, RowLoad, SortKey};
use crate::state::placeholder;
use crate::state::uri_key;
use crate::state::versions::VersionTracker;
use crate::state::waiting::{holds_joiners, pending_people};

/// How many confRequests run at once.
pub const CONCURRENCY: usize = 6;

/// How often the first read of the list shows the rows that came back so far.
const FLUSH: std::time::Duration = std::time::Duration::from_millis(120);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListStatus {
    Idle,
    /// A read is running; with the failure of the one before, which stays on screen meanwhile (an
    /// auto-refresh during an outage retried every few seconds, and the failure flickered out each time:
    /// QA saw only the old "read at").
    Loading(Option<String>),
    Error(String),
}

#[derive(Clone, Copy)]
pub struct ConfStore {
    pub rows: RwSignal<Vec<ConfRow>>,
    pub highlights: RwSignal<Highlights>,
    pub filter: RwSignal<String>,
    pub sort: RwSignal<(SortKey, bool)>,
    pub status: RwSignal<ListStatus>,
    /// Whether a complete read has happened (the first one highlights nothing).
    pub loaded: RwSignal<bool>,
    /// Auto-refresh interval in seconds; 0 is off.
    pub auto_refresh: RwSignal<u32>,
    /// When the list was last read, for "read at 10:42:07".
    pub read_at: RwSignal<Option<String>>,
    /// The version of each conference the panel last saw.
    pub versions: StoredValue<VersionTracker>,
    /// The key ([`uri_key`]) of the last conference or sidebar a request found gone (404), whatever tab
    /// sent it: the conference's page, if open, learns there that it is gone, and the sidebars tab that one
    /// of its rooms is.
    pub dropped: RwSignal<Option<String>>,
    /// The key of the last URI a sidebar request found no sidebar at (404): the sidebars tab drops that room.
    /// Not [`ConfStore::dropped`]: the URI may be a conference's, which is there all the same.
    pub gone_sidebar: RwSignal<Option<String>>,
    /// The key of the last URI a blueprint request found no blueprint at (404): the blueprint lists drop it.
    /// Not [`ConfStore::dropped`]: the URI may be a conference's (QA: it was announced deleted).
    pub gone_blueprint: RwSignal<Option<String>>,
    /// The unsaved edits, which go with their conference.
    drafts: Drafts,
    /// Who waits to join which conference, announced as the reads show them.
    pub lobby: Lobby,
    marked: StoredValue<bool>,
    /// The name of each conference read outside the list (a deep link to its page, before the list is):
    /// what notices call it.
    names: StoredValue<BTreeMap<String, String>>,
    /// The conferences the moderator deleted from this panel (keys, `uri_key`): a read of one that meets
    /// 404 has nothing to tell them (QA: Back into a deleted conference's tabs brought two 404 errors).
    deleted_here: StoredValue<std::collections::BTreeSet<String>>,
    /// Bumped by [`ConfStore::reset`]: a read begun before it (of the server left) changes nothing after.
    generation: StoredValue<u32>,
    /// The breakout rooms the panel itself opened or closed in a conference (by its key) since the
    /// conference's page last read it, by name: the page's news of a read that also brings someone else's
    /// change leaves them out ([`crate::state::elsewhere::without_own_rooms`]).
    own_rooms: StoredValue<BTreeMap<String, OwnRooms>>,
}

/// Rooms the panel opened and closed, by name.
#[derive(Debug, Clone, Default)]
pub struct OwnRooms {
    pub opened: Vec<String>,
    pub closed: Vec<String>,
}

/// Where the list's auto-refresh interval is kept in sessionStorage: during an event it stays on through a
/// reload, as a users tab's does.
const AUTO_KEY: &str = "ccmp-panel:list-auto";
/// The same for the list's filter and sort: a reload finds the list as the moderator left it.
const FILTER_KEY: &str = "ccmp-panel:list-filter";
const SORT_KEY: &str = "ccmp-panel:list-sort";

impl ConfStore {
    /// Sets how often the list reads itself again (0: not), and keeps it for this browser tab.
    pub fn set_auto_refresh(&self, secs: u32) {
        self.auto_refresh.set(secs);
        crate::api::session_set(AUTO_KEY, &secs.to_string());
    }

    pub fn new(drafts: Drafts, lobby: Lobby) -> Self {
        let filter = RwSignal::new(crate::api::session_get(FILTER_KEY).unwrap_or_default());
        let kept_sort = crate::api::session_get(SORT_KEY).and_then(|s| SortKey::decode(&s));
        let sort = RwSignal::new(kept_sort.unwrap_or((SortKey::Name, true)));
        Effect::new(move |_| filter.with(|f| crate::api::session_set(FILTER_KEY, f)));
        Effect::new(move |_| {
            sort.with(|&(key, ascending)| crate::api::session_set(SORT_KEY, &SortKey::encode(key, ascending)))
        });
        ConfStore {
            rows: RwSignal::new(Vec::new()),
            highlights: RwSignal::new(Highlights::default()),
            filter,
            sort,
            status: RwSignal::new(ListStatus::Idle),
            loaded: RwSignal::new(false),
            auto_refresh: RwSignal::new(crate::api::session_get(AUTO_KEY).and_then(|s| s.parse().ok()).unwrap_or(0)),
            read_at: RwSignal::new(None),
            versions: StoredValue::new(VersionTracker::default()),
            dropped: RwSignal::new(None),
            gone_sidebar: RwSignal::new(None),
            gone_blueprint: RwSignal::new(None),
            drafts,
            lobby,
            marked: StoredValue::new(false),
            names: StoredValue::new(BTreeMap::new()),
            deleted_here: StoredValue::new(Default::default()),
            generation: StoredValue::new(0),
            own_rooms: StoredValue::new(BTreeMap::new()),
        }
    }

    /// The panel opened (or closed) the breakout room `name` of the conference `uri` ([`ConfStore::own_rooms`]).
    pub fn own_room(&self, uri: &str, name: &str, opened: bool) {
        self.own_rooms.try_update_value(|all| {
            let own = all.entry(uri_key(uri)).or_default();
            let (to, from) =
                if opened { (&mut own.opened, &mut own.closed) } else { (&mut own.closed, &mut own.opened) };
            // Opened then closed (or the reverse) before a read: no change of the list's.
            match from.iter().position(|n| n == name) {
                Some(at) => drop(from.remove(at)),
                None => to.push(name.to_owned()),
            }
        });
    }

    /// The rooms the panel opened and closed in the conference `uri` since its page last read it.
    pub fn own_rooms(&self, uri: &str) -> OwnRooms {
        self.own_rooms.try_with_value(|all| all.get(&uri_key(uri)).cloned()).flatten().unwrap_or_default()
    }

    /// [`ConfStore::own_rooms`], forgotten: the read that shows them is in.
    pub fn take_own_rooms(&self, uri: &str) -> OwnRooms {
        self.own_rooms.try_update_value(|all| all.remove(&uri_key(uri))).flatten().unwrap_or_default()
    }

    /// Forgets the server left: its conferences, their versions (another server may use the same URIs with
    /// other versions, which the tracker would take for stale replies), the marks, and who waits where. The
    /// filter, the sort and the auto-refresh interval are the moderator's and stay.
    pub fn reset(&self) {
        self.generation.update_value(|g| *g = g.wrapping_add(1));
        self.rows.set(Vec::new());
        self.highlights.set(Highlights::default());
        self.status.set(ListStatus::Idle);
        self.loaded.set(false);
        self.read_at.set(None);
        self.versions.set_value(VersionTracker::default());
        self.dropped.set(None);
        self.gone_sidebar.set(None);
        self.gone_blueprint.set(None);
        self.names.set_value(BTreeMap::new());
        self.deleted_here.set_value(Default::default());
        self.own_rooms.set_value(BTreeMap::new());
        self.lobby.forget_all();
    }

    /// Whether the moderator deleted the conference `uri` from this panel.
    pub fn deleted_here(&self, uri: &str) -> bool {
        self.deleted_here.with_value(|d| d.contains(&uri_key(uri)))
    }

    /// Removes a conference that no longer exists on `conn`'s server (a 404: someone else deleted it, or
    /// the server no longer knows it). An edit of it in progress becomes the New conference form, so that
    /// what the moderator typed is not lost; says what became of its unsaved changes.
    pub fn drop_row(&self, conn: &Conn, uri: &str) -> Discarded {
        self.forget(uri);
        self.drafts.discard(conn, uri, true)
    }

    /// Removes a conference the moderator deleted, with any edit of it: they chose to.
    pub fn drop_deleted(&self, conn: &Conn, uri: &str) {
        self.deleted_here.update_value(|d| {
            d.insert(uri_key(uri));
        });
        self.forget(uri);
        self.drafts.discard(conn, uri, false);
    }

    fn forget(&self, uri: &str) {
        let key = uri_key(uri);
        self.rows.update(|rows| rows.retain(|r| r.key() != key));
        self.versions.update_value(|v| v.forget(uri));
        self.lobby.forget(uri);
        self.dropped.set(Some(key));
    }

    /// What the moderator calls the conference `uri`: its display-text as the list, or else its page, last
    /// read it.
    pub fn name_of(&self, uri: &str) -> Option<String> {
        let key = uri_key(uri);
        let listed = self.rows.with_untracked(|rows| {
            let row = rows.iter().find(|r| r.key() == key)?;
            row.display_text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned)
        });
        listed.or_else(|| self.names.with_value(|names| names.get(&key).cloned()))
    }

    /// The domain of the `AUTO_GENERATE_n` placeholders in a request about `acted_on` (a conference or a
    /// sidebar), or in a create when `None`: one the server serves, from the conferences listed and the
    /// `blueprints` a page read when `acted_on` gives none ([`placeholder::domain`]).
    pub fn placeholder_domain(&self, conn: &Conn, acted_on: Option<&str>, blueprints: &[UriEntry]) -> String {
        let server_host = conn.server_host();
        self.rows.with_untracked(|rows| {
            let listed = rows.iter().map(|r| r.uri.as_str()).chain(blueprints.iter().map(|b| b.uri.as_str()));
            placeholder::domain(acted_on, listed, &conn.user, server_host.as_deref())
        })
    }

    /// The panel's own change raised the version of the conference `uri` by one without saying to what (a
    /// change to one of its sidebars): its page takes the rise for the panel's own, not someone else's.
    pub fn own_change_unseen(&self, uri: &str) {
        self.versions.try_update_value(|t| t.own_change_unseen(uri));
    }

    /// A change counted by [`ConfStore::own_change_unseen`] as it was sent was refused: it raised nothing.
    pub fn own_change_not_made(&self, uri: &str) {
        self.versions.try_update_value(|t| t.own_change_not_made(uri));
    }

    /// Remembers what the moderator calls the conference or sidebar `uri` (a sidebar's name, read on its
    /// parent's sidebars tab), for the notices about it.
    pub fn remember_name(&self, uri: &str, name: &str) {
        let name = name.trim();
        if !name.is_empty() {
            self.names.update_value(|names| {
                names.insert(uri_key(uri), name.to_owned());
            });
        }
    }

    /// Tells the sidebars tab that a sidebar request found `uri` gone (404), without taking anything off the
    /// conferences list: the URI given to a sidebar request may be a conference's, which is no sidebar.
    pub fn drop_sidebar(&self, uri: &str) {
        self.gone_sidebar.set(Some(uri_key(uri)));
    }

    /// Tells the blueprint lists that a blueprint request found `uri` gone (404), and nothing else.
    pub fn drop_blueprint(&self, uri: &str) {
        self.gone_blueprint.set(Some(uri_key(uri)));
    }

    /// Updates one row from a document the panel read or changed elsewhere (the conference page).
    pub fn update_row(&self, ccmp: Ccmp, uri: &str, conf: &ccmp::xcon::Conference, version: Option<u64>) {
        self.tell_lobby(ccmp, uri, conf);
        let key = uri_key(uri);
        if let Some(name) = conf.description.as_ref().and_then(|d| d.display_text.as_deref()) {
            self.remember_name(uri, name);
        }
        self.rows.update(|rows| match rows.iter_mut().find(|r| r.key() == key) {
            Some(row) => row.apply(conf, version),
            None if self.loaded.get_untracked() => {
                let mut row = ConfRow::from_entry(&ccmp::xcon::UriEntry::new(uri));
                row.apply(conf, version);
                rows.push(row);
            }
            None => {}
        });
    }

    /// Reads the conference `uri` as `me` in the background (failures are not the moderator's business,
    /// transport ones aside: `action` names the read in their notice), and updates its row and the lobby
    /// from what the server says.
    pub async fn read_quietly(&self, ccmp: Ccmp, me: &ccmp::XconUserId, uri: &str, action: &str) {
        let read = ccmp.send(Request::conf_retrieve(me, uri), action, Mode::Background).await;
        if let Sent::Ok(r) = read {
            if let Some(conf) = r.body.conference() {
                self.update_row(ccmp, uri, conf, r.version);
            }
        }
    }

    /// Tells the lobby who waits in `conf` as read (only a read that holds the users element says).
    fn tell_lobby(&self, ccmp: Ccmp, uri: &str, conf: &ccmp::xcon::Conference) {
        if let Some(users) = &conf.users {
            let name = conf.description.as_ref().and_then(|d| d.display_text.as_deref());
            self.lobby.saw(ccmp, uri, name, holds_joiners(users), &pending_people(users));
        }
    }

    /// Re-reads the whole list. `manual` refreshes report failures as notifications; auto-refreshes only
    /// show them in place (and a transport failure once).
    pub async fn refresh(self, ccmp: Ccmp, manual: bool) {
        if matches!(self.status.get_untracked(), ListStatus::Loading(_)) {
            return;
        }
        let Some(conn) = ccmp.connection.get() else { return };
        let generation = self.generation.get_value();
        let current = move || self.generation.get_value() == generation;
        let failed = match self.status.get_untracked() {
            ListStatus::Error(why) => Some(why),
            _ => None,
        };
        self.status.set(ListStatus::Loading(failed));
        let mode = if manual { Mode::Read } else { Mode::Background };
        let entries = match ccmp.send(Request::confs(&conn.user), "List conferences", mode).await {
            Sent::Ok(r) if current() => r.body.uris().map(|u| u.entries.clone()).unwrap_or_default(),
            _ if !current() => return,
            other => {
                self.status.set(ListStatus::Error(other.describe()));
                return;
            }
        };
        let first = !self.loaded.get_untracked();
        let previous = self.rows.get_untracked();
        // A conference listed twice is shown once: the list's rows are keyed by conference.
        let mut listed = std::collections::HashSet::new();
        let fresh: Vec<ConfRow> = (entries.iter())
            .filter(|e| !e.uri.trim().is_empty() && listed.insert(uri_key(&e.uri)))
            .map(ConfRow::from_entry)
            .collect();
        let shown_now = first.then(|| fresh.clone());
        let rows = Rc::new(RefCell::new(fresh));
        let flusher = first
            .then(|| {
                let rows = rows.clone();
                let store = self;
                set_interval_with_handle(
                    move || {
                        if !current() {
                            return;
                        }
                        if let Ok(now) = rows.try_borrow() {
                            store.rows.set(now.clone());
                        }
                    },
                    FLUSH,
                )
                .ok()
            })
            .flatten();
        let user = conn.user.clone();
        let count = rows.borrow().len();
        let (rows_ref, user) = (&rows, &user);
        let reads = futures_util::stream::iter(0..count).for_each_concurrent(CONCURRENCY, |i| async move {
            if !current() {
                return;
            }
            let uri = rows_ref.borrow()[i].uri.clone();
            let sent = ccmp.send(Request::conf_retrieve(user, &uri), "Read conference", Mode::Background).await;
            if !current() {
                return;
            }
            let mut rows_now = rows_ref.borrow_mut();
            let row = &mut rows_now[i];
            match &sent {
                Sent::Ok(r) => match r.body.conference() {
                    Some(conf) => {
                        self.tell_lobby(ccmp, &uri, conf);
                        let version = r.version.or(conf.version.map(u64::from));
                        row.apply(conf, version);
                        if let Some(v) = version {
                            self.versions.update_value(|t| {
                                t.on_read(&uri, v);
                            });
                        }
                    }
                    None => row.load = RowLoad::Failed("200 without a conference document".into()),
                },
                Sent::Refused(r) if r.code == ResponseCode::ObjectNotFound => row.load = RowLoad::Failed("gone".into()),
                other => row.load = RowLoad::Failed(other.describe()),
            }
        });
        // The first read shows the rows at once (names from confsResponse), then fills them in as the
        // retrieves come back, a batch at a time: re-rendering the table for every reply would make the main
        // thread, not the network, the bottleneck. Later reads swap the list in one go. The table is built
        // once the first six requests are on their way (`join` polls the reads first), not before.
        let show = async {
            if let Some(names) = shown_now {
                self.rows.set(names);
            }
        };
        futures_util::future::join(reads, show).await;
        if let Some(f) = flusher {
            f.clear();
        }
        if !current() {
            return;
        }
        let mut rows: Vec<ConfRow> = rows.take();
        rows.retain(|r| r.load != RowLoad::Failed("gone".into()));
        let orphans = self.drafts.unlisted(&conn, &rows.iter().map(ConfRow::key).collect());
        // What this read found, with the marks of earlier reads that are less than a minute old.
        let now = crate::api::now_epoch_ms() as u64;
        self.highlights
            .update(|h| *h = if first { Highlights::default() } else { diff(&previous, &rows).carry(h, &rows, now) });
        self.rows.set(rows);
        self.loaded.set(true);
        self.read_at.set(Some(crate::api::iso_now()));
        self.status.set(ListStatus::Idle);
        // An edit of a conference the list no longer shows would wait for ever if someone else deleted it:
        // a read tells (404 drops the drafts, in `Ccmp::send`; a sidebar answers 200 and keeps them).
        if !orphans.is_empty() {
            spawn_local(async move {
                for uri in orphans {
                    ccmp.send(Request::conf_retrieve(&conn.user, &uri), "Read conference", Mode::Background).await;
                }
            });
        }
        if !self.marked.get_value() {
            self.marked.set_value(true);
            // At the next frame: the rows are drawn from the signals set above only once their effects
            // have run, and the benchmark counts the list as ready when it is in the page.
            request_animation_frame(|| crate::api::performance_mark("ccmp-conf-list-ready"));
        }
    }
}

pub fn use_conf_store() -> ConfStore {
    expect_context()
}
