//! The watch: CCMP has no push, so newcomers are heard of only when the panel reads. Besides the reads
//! the moderator's pages make, the panel re-reads every [`WATCH_SECS`] the conferences the moderator
//! opened this session that confirm joins ([`Lobby::follow`]), wherever in the panel they are. Each
//! re-read tells the lobby who waits, and the list and the overview what it shows.

use std::collections::HashMap;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Lobby;
use crate::session::Ccmp;

/// How often a waiting room is re-read for newcomers, in seconds: by the watch, and by a users tab that
/// shows one until the moderator picks another "Auto" interval.
pub const WATCH_SECS: u32 = 10;

impl Lobby {
    /// The moderator opened the conference `uri`: from now on the panel re-reads it for newcomers while
    /// it confirms joins, whatever page the moderator is on.
    pub fn follow(&self, uri: &str) {
        self.edit(uri, |room| room.followed = true);
    }

    /// Re-reads the followed conferences every [`WATCH_SECS`] while the panel is connected. Rooms belong
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
        if let Ok(timer) = set_interval_with_handle(tick, Duration::from_secs(WATCH_SECS.into())) {
            on_cleanup(move || timer.clear());
        }
    }

    /// One round of re-reads: every followed conference that confirms joins, except the one whose
    /// waiting room is on screen (its users tab reads it) and any still being read.
    fn reread(self, ccmp: Ccmp) {
        let Some(me) = ccmp.connection.get().map(|c| c.user) else { return };
        let on_screen = self.on_screen.get_value();
        let due: Vec<String> = self.rooms.with_value(|rooms| {
            (rooms.iter())
                .filter(|(key, room)| room.followed && room.holds && !room.reading && on_screen.as_ref() != Some(*key))
                .map(|(_, room)| room.uri.clone())
                .collect()
        });
        for uri in due {
            self.edit(&uri, |room| room.reading = true);
            let me = me.clone();
            spawn_local(async move {
                // A 404 drops the conference from the store, which forgets its room.
                ccmp.store.read_quietly(ccmp, &me, &uri).await;
                self.edit(&uri, |room| room.reading = false);
            });
        }
    }
}
