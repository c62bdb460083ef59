//! The watch: CCMP has no push, so newcomers are heard of only when the panel reads. Besides the reads
//! the moderator's pages make, the panel re-reads the conferences the moderator opened this session that
//! confirm joins ([`Lobby::follow`]), and those where a read last saw people waiting (a knock heard through
//! the list), wherever in the panel they are: each every [`WATCH_SECS`] that
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
            if current.with(Option::is_none) {
                self.rooms.update_value(HashMap::clear);
                self.counts.update(HashMap::clear);
            }
        });
        let tick = move || self.reread(ccmp);
        // Without a timer there are no re-reads; the reads the pages make still bring knocks. It stops
        // with the session, whose signals it reads.
        if let Ok(timer) = set_interval_with_handle(tick, TICK) {
            on_cleanup(move || timer.clear());
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
