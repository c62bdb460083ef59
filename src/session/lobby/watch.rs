//! The watch: CCMP has no push, so newcomers are heard of only when the panel reads. Besides the reads
//! the moderator's pages make, the panel re-reads the conferences the moderator opened this session that
//! confirm joins ([`Lobby::follow`]), and those where a read saw people waiting (a knock heard through the
//! list), wherever in the panel they are, and after a reload of the tab: each every [`WATCH_SECS`] that
//! nothing else read it, or less often when its reads are slow (`state::watch_pace`). Each re-read tells
//! the lobby who waits, and the list and the overview what it shows.
//!
//! [`WATCH_SECS`]: crate::state::watch_pace::WATCH_SECS

use std::collections::HashMap;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{Lobby, Room};
use crate::session::Ccmp;
use crate::state::uri_key;
use crate::state::watch_pace::next_read;

/// How often the watch looks for a conference due for a re-read. Each has its own pace; this only
/// bounds how late a read comes after it is due.
const TICK: Duration = Duration::from_secs(1);

/// Where the conferences watched are kept in the browser tab, for a reload: the watch follows what this tab
/// opened or heard knocks from, and a reload on another page forgot it, so that the next person to knock
/// where the waiting room had emptied waited unheard (QA).
const WATCHED_KEY: &str = "ccmp-panel.watched";

/// What is kept: the conferences, and for which connection (another server or moderator starts afresh).
#[derive(serde::Serialize, serde::Deserialize, PartialEq)]
pub(super) struct Watched {
    server: String,
    user: String,
    uris: Vec<String>,
}

impl Lobby {
    /// The moderator opened the conference `uri`: from now on the panel re-reads it for newcomers while
    /// it confirms joins, whatever page the moderator is on.
    pub fn follow(&self, uri: &str) {
        let fresh = || Room { uri: uri.to_owned(), ..Room::default() };
        self.rooms.update_value(|r| r.entry(uri_key(uri)).or_insert_with(fresh).followed = true);
    }

    /// Re-reads the followed conferences when they are due, while the panel is connected. Rooms belong
    /// to a connection: they are forgotten when it ends. Call once, inside the session.
    pub fn start(self, ccmp: Ccmp) {
        let current = ccmp.connection.current;
        Effect::new(move |_| {
            let Some(conn) = current.get() else {
                self.rooms.update_value(HashMap::clear);
                self.counts.update(HashMap::clear);
                return;
            };
            let kept = crate::api::session_get(WATCHED_KEY).and_then(|k| serde_json::from_str::<Watched>(&k).ok());
            let kept = kept.filter(|k| k.server == conn.server && k.user == conn.user.as_str());
            // They confirmed joins when kept: watched at once, until a read says otherwise.
            for uri in kept.into_iter().flat_map(|k| k.uris) {
                self.follow(&uri);
                self.edit(&uri, |room| room.holds = true);
            }
        });
        let tick = move || {
            self.reread(ccmp);
            self.keep_watched(ccmp);
        };
        // Without a timer there are no re-reads; the reads the pages make still bring knocks. It stops
        // with the session, whose signals it reads.
        if let Ok(timer) = set_interval_with_handle(tick, TICK) {
            on_cleanup(move || timer.clear());
        }
    }

    /// Writes down the conferences followed that confirm joins, when they changed since last written.
    fn keep_watched(self, ccmp: Ccmp) {
        let Some(conn) = ccmp.connection.current.get_untracked() else { return };
        let mut uris: Vec<String> = self
            .rooms
            .with_value(|rooms| rooms.values().filter(|r| r.followed && r.holds).map(|r| r.uri.clone()).collect());
        uris.sort();
        let watched = Watched { server: conn.server, user: conn.user.as_str().to_owned(), uris };
        if self.kept.with_value(|k| k.as_ref() != Some(&watched)) {
            if let Ok(text) = serde_json::to_string(&watched) {
                crate::api::session_set(WATCHED_KEY, &text);
            }
            self.kept.set_value(Some(watched));
        }
    }

    /// Starts the re-reads that are due: every followed conference that confirms joins (or where people
    /// wait), except the one
    /// whose waiting room is on screen (its users tab reads it) and any still being read.
    fn reread(self, ccmp: Ccmp) {
        let Some(me) = ccmp.connection.get().map(|c| c.user) else { return };
        let on_screen = self.on_screen.get_value();
        let now = js_sys::Date::now();
        let due: Vec<String> = self.rooms.with_value(|rooms| {
            (rooms.iter())
                .filter(|(_, room)| (room.followed || room.heard) && room.holds && !room.reading && room.due <= now)
                .filter(|(key, _)| on_screen.as_ref() != Some(*key))
                .map(|(_, room)| room.uri.clone())
                .collect()
        });
        for uri in due {
            self.edit(&uri, |room| room.reading = true);
            let me = me.clone();
            spawn_local(async move {
                let started = js_sys::Date::now();
                // A 404 drops the conference from the store, which forgets its room.
                // Named for what the moderator turned on: the notice of an outage found this way says so.
                ccmp.store.read_quietly(ccmp, &me, &uri, "Watch the waiting room").await;
                let took = js_sys::Date::now() - started;
                self.edit(&uri, |room| {
                    room.reading = false;
                    room.due = room.due.max(next_read(started, took));
                });
            });
        }
    }
}
