//! Knocks. Whenever a read shows people waiting to join a conference that confirms each join (the
//! conferences list and its auto-refresh, the conference page, its users tab), the moderator hears of it
//! wherever they are in the panel: a notice that stays, names who waits and links to where they are
//! admitted. It follows the waiting room: new arrivals update it (or bring it back once dismissed), and
//! it goes when nobody waits there any more, or while the waiting room itself is on screen. CCMP has no
//! push; this is as soon as the panel reads.

use std::collections::{BTreeSet, HashMap};

use leptos::prelude::*;

use super::Notices;
use crate::components::conference_href;
use crate::state::uri_key;
use crate::state::waiting::{knock, Waiting};

/// What the panel last told the moderator about one conference's waiting room.
#[derive(Clone, Default)]
struct Room {
    name: Option<String>,
    /// The keys of the people announced.
    announced: BTreeSet<String>,
    /// The notice about them, while it is shown.
    notice: Option<u32>,
}

#[derive(Clone, Copy)]
pub struct Lobby {
    notices: Notices,
    rooms: StoredValue<HashMap<String, Room>>,
    /// The waiting room on screen (a users tab shows it), which needs no notice: it would only cover it.
    watching: StoredValue<Option<String>>,
}

impl Lobby {
    pub fn new(notices: Notices) -> Self {
        Lobby { notices, rooms: StoredValue::new(HashMap::new()), watching: StoredValue::new(None) }
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
    pub fn saw(&self, uri: &str, name: Option<&str>, waiting: &[Waiting]) {
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
        room.notice = match (notice, shown) {
            (None, Some(id)) => {
                self.notices.dismiss(id);
                None
            }
            (None, None) => None,
            (Some(notice), Some(id)) => {
                self.notices.replace(id, notice);
                Some(id)
            }
            // Dismissed by the moderator: back only when someone new arrives.
            (Some(notice), None) if arrived => {
                Some(self.notices.push_link(notice, "Show them", format!("{}?tab=users", conference_href(uri))))
            }
            (Some(_), None) => None,
        };
        // Whoever was on screen has been seen: leaving the tab brings no notice about them.
        room.announced = now;
        self.rooms.update_value(|r| {
            r.insert(key, room);
        });
    }
}
