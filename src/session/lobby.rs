//! Knocks. Whenever a read shows people waiting to join a conference that confirms each join (the
//! conferences list and its auto-refresh, the conference page, its users tab), the moderator hears of it
//! wherever they are in the panel: a notice that stays, names who waits and links to where they are
//! admitted (and admits the one person waiting with a button of its own). It follows the waiting room: new arrivals update it (or bring it back once dismissed), and
//! it goes when nobody waits there any more, or while the waiting room itself is on screen. CCMP has no
//! push; this is as soon as the panel reads.

use std::collections::{BTreeSet, HashMap};

use ccmp::xcon::User;
use ccmp::Request;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::moderation::Moderation;
use super::{Ccmp, Mode, Notices, Sent};
use crate::components::conference_href;
use crate::state::notice::Notice;
use crate::state::scope::Scope;
use crate::state::undo::UndoEntry;
use crate::state::uri_key;
use crate::state::waiting::{hold_change, knock, Waiting};

/// What the panel last told the moderator about one conference's waiting room.
#[derive(Clone, Default)]
struct Room {
    name: Option<String>,
    /// The keys of the people announced.
    announced: BTreeSet<String>,
    /// The notice about them, while it is shown.
    notice: Option<u32>,
    /// Whom its Admit button admits (the key), when it has one.
    admits: Option<String>,
}

#[derive(Clone, Copy)]
pub struct Lobby {
    notices: Notices,
    /// Where an admission from a notice leaves its undo, as one from the users tab does.
    moderation: Moderation,
    rooms: StoredValue<HashMap<String, Room>>,
    /// The waiting room on screen (a users tab shows it), which needs no notice: it would only cover it.
    watching: StoredValue<Option<String>>,
}

impl Lobby {
    pub fn new(notices: Notices, moderation: Moderation) -> Self {
        Lobby { notices, moderation, rooms: StoredValue::new(HashMap::new()), watching: StoredValue::new(None) }
    }

    /// The waiting room of `uri` is on screen until [`Lobby::unwatch`]: its notice goes, and none comes.
    pub fn watch(&self, uri: &str) {
        let key = uri_key(uri);
        self.watching.set_value(Some(key.clone()));
        let shown = self.rooms.with_value(|r| r.get(&key).and_then(|room| room.notice));
        if let Some(id) = shown {
            self.notices.dismiss(id);
        }
    }

    pub fn unwatch(&self, uri: &str) {
        let key = uri_key(uri);
        if self.watching.with_value(|w| w.as_deref() == Some(key.as_str())) {
            self.watching.set_value(None);
        }
    }

    /// A read of the conference `uri` (called `name`, when the read says) showed `waiting`.
    pub fn saw(&self, ccmp: Ccmp, uri: &str, name: Option<&str>, waiting: &[Waiting]) {
        let key = uri_key(uri);
        let mut room = self.rooms.with_value(|r| r.get(&key).cloned()).unwrap_or_default();
        if let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) {
            room.name = Some(name.to_owned());
        }
        let now: BTreeSet<String> = waiting.iter().map(|w| w.key.clone()).collect();
        let shown = room.notice.filter(|id| self.notices.is_shown(*id));
        let arrived = now.iter().any(|k| !room.announced.contains(k));
        let watched = self.watching.with_value(|w| w.as_deref() == Some(key.as_str()));
        let notice = knock(room.name.as_deref().unwrap_or(uri), waiting).filter(|_| !watched);
        // One person waiting: the notice admits them itself.
        let single = match waiting {
            [one] => one.admit.clone().map(|admit| (one.key.clone(), one.name.clone(), admit)),
            _ => None,
        };
        let admits = single.as_ref().map(|(key, ..)| key.clone());
        room.notice = match (notice, shown) {
            (None, Some(id)) => {
                self.notices.dismiss(id);
                None
            }
            (None, None) => None,
            (Some(notice), Some(id)) if admits == room.admits => {
                self.notices.replace(id, notice);
                Some(id)
            }
            // Its Admit button would be about someone else: a new notice.
            (Some(notice), Some(id)) => {
                self.notices.dismiss(id);
                Some(self.announce(ccmp, uri, notice, single))
            }
            // Dismissed by the moderator: back only when someone new arrives.
            (Some(notice), None) if arrived => Some(self.announce(ccmp, uri, notice, single)),
            (Some(_), None) => None,
        };
        room.admits = admits;
        // Whoever was on screen has been seen: leaving the tab brings no notice about them.
        room.announced = now;
        self.rooms.update_value(|r| {
            r.insert(key, room);
        });
    }

    /// Shows `notice` about the waiting room of `uri`, with an Admit button when one person waits.
    fn announce(&self, ccmp: Ccmp, uri: &str, notice: Notice, single: Option<(String, String, User)>) -> u32 {
        let href = format!("{}?tab=users", conference_href(uri));
        let Some((_, name, admit)) = single else {
            return self.notices.push_link(notice, "Show them", href);
        };
        let (id, clicked) = self.notices.push_action_link(notice, "Admit", "Show", href);
        let (lobby, uri) = (*self, uri.to_owned());
        spawn_local(async move {
            if clicked.await.is_err() {
                return;
            }
            let Some(me) = ccmp.connection.get().map(|c| c.user) else { return };
            let scope = Scope::Conference { uri: uri.clone() };
            let action = format!("Admit {name}");
            let sent = ccmp.send(scope.update(&me, admit.clone()), &action, Mode::Change).await;
            // Either way the notice has done its work; if the admission failed (the error says why),
            // forgetting the room brings the newcomer back in a fresh notice at the read below.
            ccmp.notices.dismiss(id);
            if matches!(sent, Sent::Ok(_)) {
                let steps = vec![scope.update(&me, hold_change(&admit))];
                lobby.moderation.undo.set(Some(UndoEntry { label: action, scope, steps }));
                lobby.moderation.mark_stale(&uri);
            } else {
                lobby.rooms.update_value(|r| {
                    r.remove(&uri_key(&uri));
                });
            }
            // The list (and this lobby) learn where the waiting room stands now.
            let read = ccmp.send(Request::conf_retrieve(&me, &uri), "Read conference", Mode::Background).await;
            if let Sent::Ok(r) = read {
                if let Some(conf) = r.body.conference() {
                    ccmp.store.update_row(ccmp, &uri, conf, r.version);
                }
            }
        });
        id
    }
}
