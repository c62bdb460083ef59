//! Knocks. Whenever a read shows people waiting to join a conference that confirms each join (the
//! conferences list and its auto-refresh, the conference page, its users tab), the moderator hears of it
//! wherever they are in the panel: a notice that stays, names who waits and links to where they are
//! admitted (and admits the one person waiting with a button of its own). It follows the waiting room:
//! new arrivals update it (or bring it back once dismissed), and it goes when nobody waits there any
//! more, or while the waiting room itself is on screen.
//!
//! CCMP has no push, so the panel reads: besides the reads the moderator's pages make, it re-reads every
//! [`WATCH_SECS`] the conferences the moderator opened this session that confirm joins ([`Lobby::follow`]),
//! wherever in the panel they are.

use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

use ccmp::xcon::User;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::moderation::Moderation;
use super::{Ccmp, Mode, Notices, Sent};
use crate::components::conference_href;
use crate::state::notice::Notice;
use crate::state::notice::Tone;
use crate::state::scope::Scope;
use crate::state::undo::UndoEntry;
use crate::state::uri_key;
use crate::state::waiting::{hold_change, knock, people, stranded, Waiting};

/// How often the conferences the moderator opened are re-read for newcomers: the users tab's default.
pub const WATCH_SECS: u32 = 10;

/// What the panel last told the moderator about one conference's waiting room.
#[derive(Clone, Default)]
struct Room {
    /// The conference's URI, as first seen.
    uri: String,
    name: Option<String>,
    /// Whether the last read showed a conference that confirms joins.
    holds: bool,
    /// Opened by the moderator this session: re-read for newcomers while it holds joiners.
    followed: bool,
    /// A re-read for newcomers is under way.
    reading: bool,
    /// The keys of the people announced.
    announced: BTreeSet<String>,
    /// The notice about them, while it is shown.
    notice: Option<u32>,
    /// Whom its Admit button admits (the key), when it has one.
    admits: Option<String>,
    /// The moderator is changing the join-handling here themselves ([`Lobby::closing`]).
    closing: bool,
    /// Who was waiting when someone else closed the waiting room and is still not in (keys).
    left: BTreeSet<String>,
    /// The notice about them, while it is shown.
    left_notice: Option<u32>,
}

#[derive(Clone, Copy)]
pub struct Lobby {
    notices: Notices,
    /// Where an admission from a notice leaves its undo, as one from the users tab does.
    moderation: Moderation,
    rooms: StoredValue<HashMap<String, Room>>,
    /// The waiting room on screen (a users tab shows it), which needs no notice: it would only cover it.
    watching: StoredValue<Option<String>>,
    /// How many wait in each conference that confirms joins, as last read (by key), for the pages to show.
    counts: RwSignal<HashMap<String, usize>>,
}

impl Lobby {
    pub fn new(notices: Notices, moderation: Moderation) -> Self {
        Lobby {
            notices,
            moderation,
            rooms: StoredValue::new(HashMap::new()),
            watching: StoredValue::new(None),
            counts: RwSignal::new(HashMap::new()),
        }
    }

    /// How many wait to join `uri`, as the panel last read, when it confirms joins; tracked.
    pub fn waiting(&self, uri: &str) -> Option<usize> {
        self.counts.with(|c| c.get(&uri_key(uri)).copied())
    }

    fn count(&self, key: &str, waiting: Option<usize>) {
        self.counts.maybe_update(|c| match waiting {
            Some(n) => c.insert(key.to_owned(), n) != Some(n),
            None => c.remove(key).is_some(),
        });
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

    /// A read of the conference `uri` (called `name`, when the read says) showed `pending` people (not
    /// in it yet), in a conference that `holds` newcomers until a moderator admits them, or not.
    pub fn saw(&self, ccmp: Ccmp, uri: &str, name: Option<&str>, holds: bool, pending: &[Waiting]) {
        let key = uri_key(uri);
        let mut room = self.room(uri);
        if let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) {
            room.name = Some(name.to_owned());
        }
        self.mind_those_left(ccmp, &mut room, holds, pending);
        room.holds = holds;
        // Without a waiting room, a pending user is one the focus expects to call in: nobody knocks.
        let waiting = if holds { pending } else { &[] };
        self.count(&key, holds.then_some(waiting.len()));
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

    /// Those who were waiting when the waiting room closed without this moderator (someone else changed
    /// the join-handling) stay pending, listed nowhere: a notice names them and lets them in. It goes
    /// once none of them is left out, or the waiting room is back (the knock takes over).
    fn mind_those_left(&self, ccmp: Ccmp, room: &mut Room, holds: bool, pending: &[Waiting]) {
        let newly = room.holds && !holds && !room.closing;
        let was = if newly { &room.announced } else { &room.left };
        let left: Vec<Waiting> =
            if holds { Vec::new() } else { pending.iter().filter(|w| was.contains(&w.key)).cloned().collect() };
        room.left = left.iter().map(|w| w.key.clone()).collect();
        let shown = room.left_notice.filter(|id| self.notices.is_shown(*id));
        room.left_notice = match (left.is_empty(), shown) {
            (true, Some(id)) => {
                self.notices.dismiss(id);
                None
            }
            (false, _) if newly => {
                shown.into_iter().for_each(|id| self.notices.dismiss(id));
                let conference = room.name.clone().unwrap_or_else(|| room.uri.clone());
                stranded(&conference, &left).map(|notice| self.offer_to_let_in(ccmp, &room.uri, notice, left))
            }
            (_, shown) => shown,
        };
    }

    /// Shows `notice` about the people `left` out of `uri`, with a button that lets them all in (one undo
    /// holds them again).
    fn offer_to_let_in(&self, ccmp: Ccmp, uri: &str, notice: Notice, left: Vec<Waiting>) -> u32 {
        let (id, clicked) = self.notices.push_action(notice, "Let them in");
        let (lobby, uri) = (*self, uri.to_owned());
        spawn_local(async move {
            if clicked.await.is_err() {
                return;
            }
            let Some(me) = ccmp.connection.get().map(|c| c.user) else { return };
            ccmp.notices.dismiss(id);
            let scope = Scope::Conference { uri: uri.clone() };
            let mut steps = Vec::new();
            // Each failure is a notice of its own (Mode::Read); the successes are counted in one.
            for (who, admit) in left.iter().filter_map(|w| Some((&w.name, w.admit.clone()?))) {
                let sent = ccmp.send(scope.update(&me, admit.clone()), &format!("Admit {who}"), Mode::Read).await;
                if matches!(sent, Sent::Ok(_)) {
                    steps.push(scope.update(&me, hold_change(&admit)));
                }
            }
            if !steps.is_empty() {
                let label = format!("Let in {}", people(steps.len()));
                let detail = format!("{label} who had been waiting; Undo holds them again.");
                ccmp.notices.push(Notice::plain(Tone::Success, format!("{label}: 200 Success"), detail));
                lobby.moderation.undo.set(Some(UndoEntry { label, scope, steps }));
                lobby.moderation.mark_stale(&uri);
            }
            ccmp.store.read_quietly(ccmp, &me, &uri).await;
        });
        id
    }

    /// The moderator is changing the join-handling of `uri` themselves, and decides about those waiting:
    /// until [`Lobby::closed`], a read that shows the waiting room closed leaves nobody out.
    pub fn closing(&self, uri: &str) {
        let mut room = self.room(uri);
        room.closing = true;
        self.rooms.update_value(|r| {
            r.insert(uri_key(uri), room);
        });
    }

    /// The moderator's own change of `uri`'s join-handling is over; `done` when it closed the waiting
    /// room (whoever still waits there is left so by the moderator's choice).
    pub fn closed(&self, ccmp: Ccmp, uri: &str, done: bool) {
        if done {
            self.saw(ccmp, uri, None, false, &[]);
        }
        self.rooms.update_value(|r| {
            if let Some(room) = r.get_mut(&uri_key(uri)) {
                room.closing = false;
            }
        });
    }

    /// The moderator opened the conference `uri`: from now on the panel re-reads it for newcomers while
    /// it confirms joins, whatever page the moderator is on.
    pub fn follow(&self, uri: &str) {
        let mut room = self.room(uri);
        room.followed = true;
        self.rooms.update_value(|r| {
            r.insert(uri_key(uri), room);
        });
    }

    /// The conference `uri` is gone (deleted, or the server no longer knows it): nothing to watch.
    pub fn forget(&self, uri: &str) {
        self.count(&uri_key(uri), None);
        let shown = self.rooms.try_update_value(|r| r.remove(&uri_key(uri)).and_then(|room| room.notice)).flatten();
        if let Some(id) = shown {
            self.notices.dismiss(id);
        }
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
        let watching = self.watching.get_value();
        let due: Vec<String> = self.rooms.with_value(|rooms| {
            (rooms.iter())
                .filter(|(key, room)| room.followed && room.holds && !room.reading && watching.as_ref() != Some(*key))
                .map(|(_, room)| room.uri.clone())
                .collect()
        });
        for uri in due {
            self.set_reading(&uri, true);
            let me = me.clone();
            spawn_local(async move {
                // A 404 drops the conference from the store, which forgets its room.
                ccmp.store.read_quietly(ccmp, &me, &uri).await;
                self.set_reading(&uri, false);
            });
        }
    }

    fn set_reading(&self, uri: &str, reading: bool) {
        self.rooms.update_value(|r| {
            if let Some(room) = r.get_mut(&uri_key(uri)) {
                room.reading = reading;
            }
        });
    }

    /// What the panel knows of the waiting room of `uri`, or a new room.
    fn room(&self, uri: &str) -> Room {
        let known = self.rooms.with_value(|r| r.get(&uri_key(uri)).cloned());
        known.unwrap_or_else(|| Room { uri: uri.to_owned(), ..Room::default() })
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
            // forgetting whom it announced brings the newcomer back in a fresh notice at the read below.
            ccmp.notices.dismiss(id);
            if matches!(sent, Sent::Ok(_)) {
                let steps = vec![scope.update(&me, hold_change(&admit))];
                lobby.moderation.undo.set(Some(UndoEntry { label: action, scope, steps }));
                lobby.moderation.mark_stale(&uri);
            } else {
                lobby.rooms.update_value(|r| {
                    if let Some(room) = r.get_mut(&uri_key(&uri)) {
                        room.announced.clear();
                    }
                });
            }
            // The list (and this lobby) learn where the waiting room stands now.
            ccmp.store.read_quietly(ccmp, &me, &uri).await;
        });
        id
    }
}
