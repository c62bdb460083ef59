//! Knocks. Whenever a read shows people waiting to join a conference that confirms each join (the
//! conferences list and its auto-refresh, the conference page, its users tab, the watch), the moderator
//! hears of it wherever they are in the panel: a notice that stays, names who waits and links to where
//! they are admitted, and admits them with a button of its own (Admit, or Admit all). It follows the waiting
//! room: new arrivals update it (or bring it back once dismissed), and it goes when nobody waits there any
//! more, or while the waiting room itself is on screen.
//!
//! CCMP has no push, so the panel reads: besides the reads the moderator's pages make, it re-reads the
//! conferences the moderator opened that confirm joins, and those where people were last seen waiting
//! ([`watch`]). And when a waiting room closes with
//! people still in it, other than by the moderator's own choice, they are named too ([`left_out`]).

mod left_out;
mod watch;

use std::collections::{BTreeSet, HashMap};

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::moderation::Moderation;
use super::users_handle::read_users;
use super::{Ccmp, Mode, Notices, Sent};
use crate::api::{desktop, tab_hidden};
use crate::components::conference_href;
use crate::state::notice::{Notice, Tone};
use crate::state::scope::Scope;
use crate::state::undo::{UndoEntry, UndoStep};
use crate::state::uri_key;
use crate::state::waiting::{admit_change, hold_change, is_pending, knock, people, Waiting};
use crate::state::watch_pace::after_other_read;

/// What the panel last told the moderator about one conference's waiting room.
#[derive(Clone, Default)]
struct Room {
    /// The conference's URI, as first seen.
    uri: String,
    name: Option<String>,
    /// Whether the last read showed a conference that confirms joins.
    holds: bool,
    /// Opened by the moderator this session, or heard knocks from: re-read for newcomers while it holds
    /// joiners (kept across a reload of the tab: `watch.rs`).
    followed: bool,
    /// People wait there, as the last read showed (and a knock told of them): re-read too while they do,
    /// from every page, so that the notice keeps the conference's name and who waits current (QA: a knock
    /// heard through the list kept a name and a count minutes old once the moderator opened another
    /// conference, where the list's auto-refresh stops).
    heard: bool,
    /// A re-read for newcomers is under way.
    reading: bool,
    /// When the watch re-reads it next (ms since the epoch): any read that shows its users puts it off.
    due: f64,
    /// The keys of the people announced.
    announced: BTreeSet<String>,
    /// The keys of those who arrived at the last read that brought someone new: the notice names them
    /// first, until the next arrival (not only at the read that saw them, or its text would change back).
    latest: BTreeSet<String>,
    /// Who waits, as last read: whom the notice's Admit all lets in when pressed.
    waiting: Vec<Waiting>,
    /// The notice about them, while it is shown.
    notice: Option<u32>,
    /// Whom its button admits, when it has one.
    admits: Option<Admits>,
    /// The moderator is changing the join-handling here themselves ([`Lobby::closing`]).
    closing: bool,
    /// Who was waiting when someone else closed the waiting room and is still not in (keys).
    left: BTreeSet<String>,
    /// The notice about them, while it is shown.
    left_notice: Option<u32>,
}

/// Whom a knock's button admits: the one person it names ("Admit"), or everyone waiting when it is
/// pressed ("Admit all"), as the notice, replaced at each read, lists them.
#[derive(Clone, PartialEq)]
enum Admits {
    One(String),
    All,
}

impl Admits {
    fn takes(&self, waiting: &Waiting) -> bool {
        match self {
            Admits::One(key) => *key == waiting.key,
            Admits::All => true,
        }
    }
}

#[derive(Clone, Copy)]
pub struct Lobby {
    notices: Notices,
    /// Where an admission from a notice leaves its undo, as one from the users tab does.
    moderation: Moderation,
    rooms: StoredValue<HashMap<String, Room>>,
    /// The waiting room on screen (a users tab shows it), which needs no notice: it would only cover it.
    /// (Not to be confused with the watch, `watch.rs`, which re-reads the rooms off screen.)
    on_screen: StoredValue<Option<String>>,
    /// How many wait in each conference that confirms joins, as last read (by key), for the pages to show.
    counts: RwSignal<HashMap<String, usize>>,
    /// The conferences followed as last kept for a reload (`watch.rs`).
    kept: StoredValue<Option<watch::Watched>>,
}

impl Lobby {
    pub fn new(notices: Notices, moderation: Moderation) -> Self {
        Lobby {
            notices,
            moderation,
            rooms: StoredValue::new(HashMap::new()),
            on_screen: StoredValue::new(None),
            counts: RwSignal::new(HashMap::new()),
            kept: StoredValue::new(None),
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

    /// The waiting room of `uri` is on screen until [`Lobby::off_screen`]: its notice goes, and none comes.
    pub fn on_screen(&self, uri: &str) {
        let key = uri_key(uri);
        self.on_screen.set_value(Some(key.clone()));
        let shown = self.rooms.with_value(|r| r.get(&key).and_then(|room| room.notice));
        if let Some(id) = shown {
            self.notices.dismiss(id);
        }
    }

    pub fn off_screen(&self, uri: &str) {
        let key = uri_key(uri);
        if self.on_screen.with_value(|w| w.as_deref() == Some(key.as_str())) {
            self.on_screen.set_value(None);
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
        room.due = after_other_read(room.due, js_sys::Date::now());
        // Without a waiting room, a pending user is one the focus expects to call in: nobody knocks.
        let waiting = if holds { pending } else { &[] };
        self.count(&key, holds.then_some(waiting.len()));
        let now: BTreeSet<String> = waiting.iter().map(|w| w.key.clone()).collect();
        let shown = room.notice.filter(|id| self.notices.is_shown(*id));
        let newcomers: BTreeSet<String> = now.difference(&room.announced).cloned().collect();
        let arrived = !newcomers.is_empty();
        if arrived {
            room.latest = newcomers;
        }
        // On screen in a browser tab the moderator is looking at: from behind another tab (the video
        // call, say) the waiting room is not seen, and the notice (counted in the tab's title) is due.
        let seen = self.on_screen.with_value(|w| w.as_deref() == Some(key.as_str())) && !tab_hidden();
        let notice = knock(room.name.as_deref().unwrap_or(uri), waiting, &room.latest).filter(|_| !seen);
        // Someone new while the moderator is in another browser tab: the desktop says so too (when they
        // turned that on), one notification per waiting room, replaced as more arrive.
        if let Some(notice) = notice.as_ref().filter(|_| arrived) {
            desktop::tell(&notice.title, &notice.detail, &format!("ccmp-knock {key}"));
        }
        // The notice admits them itself: the one person waiting, or all of them.
        let admits = match waiting {
            [] => None,
            [one] => one.admit.as_ref().map(|_| Admits::One(one.key.clone())),
            _ => waiting.iter().any(|w| w.admit.is_some()).then_some(Admits::All),
        };
        room.waiting = waiting.to_vec();
        room.heard = !waiting.is_empty();
        // A waiting room the moderator has been told of is watched from then on, as one they opened: once it
        // empties, the next knock there must be heard too (QA: it was not, after a co-moderator admitted the
        // last one waiting).
        room.followed |= room.heard;
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
            // Its button would be about someone else: a new notice.
            (Some(notice), Some(id)) => {
                self.notices.dismiss(id);
                Some(self.announce(ccmp, uri, notice, admits.clone()))
            }
            // Dismissed by the moderator: back only when someone new arrives.
            (Some(notice), None) if arrived => Some(self.announce(ccmp, uri, notice, admits.clone())),
            (Some(_), None) => None,
        };
        room.admits = admits;
        // Whoever was on screen has been seen: leaving the tab brings no notice about them.
        room.announced = now;
        self.rooms.update_value(|r| {
            r.insert(key, room);
        });
    }

    /// Shows `notice` about the waiting room of `uri`, with a button that `admits` them, when it can.
    fn announce(&self, ccmp: Ccmp, uri: &str, notice: Notice, admits: Option<Admits>) -> u32 {
        let href = format!("{}?tab=users", conference_href(uri));
        let Some(admits) = admits else {
            return self.notices.push_link(notice, "Show them", href);
        };
        let (label, link) = match admits {
            Admits::One(_) => ("Admit", "Show"),
            Admits::All => ("Admit all", "Show them"),
        };
        let (id, clicked) = self.notices.push_action_link(notice, label, link, href);
        let (lobby, uri) = (*self, uri.to_owned());
        spawn_local(async move {
            if clicked.await.is_ok() {
                // Either way the notice has done its work. Forgetting whom it announced: if an admission
                // fails (the error says why), the read that follows brings whoever still waits back in a
                // fresh notice; if it succeeds, that read shows them in.
                ccmp.notices.dismiss(id);
                let who = lobby.rooms.with_value(|rooms| {
                    let waiting = rooms.get(&uri_key(&uri)).map_or(&[][..], |room| &room.waiting);
                    waiting.iter().filter(|w| admits.takes(w)).cloned().collect::<Vec<_>>()
                });
                lobby.edit(&uri, |room| room.announced.clear());
                lobby.let_in(ccmp, &uri, who).await;
            }
        });
        id
    }

    /// Admits `who` (those with a change that admits them) into `uri`, a request each, and leaves
    /// one undo that holds them all again; then reads the conference, so that the list and the lobby learn
    /// where its waiting room stands. The outcome is one notice with the undo on it (from a notice the
    /// moderator may be anywhere, far from the users tab's Undo), and each failure in its own.
    async fn let_in(self, ccmp: Ccmp, uri: &str, who: Vec<Waiting>) {
        let Some(me) = ccmp.connection.get().map(|c| c.user) else { return };
        let scope = Scope::Conference { uri: uri.to_owned() };
        let who = self.still_waiting(ccmp, &scope, who).await;
        let mut steps = Vec::new();
        for Waiting { name, admit, roles, .. } in &who {
            let Some(admit) = admit else { continue };
            if let Sent::Ok(_) = ccmp.send(scope.update(&me, admit.clone()), &format!("Admit {name}"), Mode::Read).await
            {
                // Held again only while they are still as let in, with the roles they waited with.
                let hold = UndoStep::guarded(scope.update(&me, hold_change(admit)), name.clone(), admit.clone());
                steps.push(hold.admitted_as(roles.clone()));
            }
        }
        if !steps.is_empty() {
            let (label, detail) = match who.as_slice() {
                [Waiting { name, .. }] => {
                    (format!("Admit {name}"), format!("{name} was waiting to join and is in now."))
                }
                _ => {
                    // "Admit", as the buttons say (QA: "Let in" here, "Admit all" there).
                    let label = format!("Admit {}", people(steps.len()));
                    let verb = if steps.len() == 1 { "is" } else { "are" };
                    let detail = format!("{} who had been waiting {verb} in now.", people(steps.len()));
                    (label, detail)
                }
            };
            let notice = Notice::plain(
                Tone::Success,
                format!("{label}: 200 Success"),
                format!("{detail} Undo holds them again."),
            )
            .about(Some(ccmp.about_conference(uri)));
            self.moderation.made(UndoEntry::of_steps(label.clone(), scope, steps));
            self.moderation.mark_stale(uri);
            self.offer_undo(ccmp, notice, label);
        }
        ccmp.store.read_quietly(ccmp, &me, uri, "Read conference").await;
    }

    /// Of `who` (read earlier, with the change that admits each), those still waiting now, each with the
    /// change that admits them as they stand; the others are named in a notice. Someone else may have let
    /// some in, or turned them away, since the read the notice came from (QA: the Undo of such an "Admit
    /// all" held again one a co-moderator had let in). A read that fails leaves `who` as it was.
    async fn still_waiting(self, ccmp: Ccmp, scope: &Scope, who: Vec<Waiting>) -> Vec<Waiting> {
        let Ok((fresh, _)) = read_users(ccmp, scope, Mode::Background).await else { return who };
        let mut gone = Vec::new();
        let still = (who.into_iter())
            .filter_map(|w| {
                let asked = w.admit.as_ref()?;
                let now = fresh.users.iter().find(|u| u.entity.is_some() && u.entity == asked.entity);
                match now.filter(|u| is_pending(u)).and_then(|u| Some((admit_change(u)?, u))) {
                    Some((admit, now)) => Some(Waiting { admit: Some(admit), roles: now.role_names().to_vec(), ..w }),
                    None => {
                        gone.push(w.name);
                        None
                    }
                }
            })
            .collect();
        if !gone.is_empty() {
            let notice = Notice::plain(
                Tone::Info,
                format!("Not admitted: {}, no longer waiting", gone.join(", ")),
                "Someone else let them in or turned them away since, or they left. Nothing was sent for them.",
            )
            .about(Some(ccmp.about_conference(scope.uri())));
            ccmp.notices.push(notice);
        }
        still
    }

    /// Shows `notice` with an Undo button, which undoes the change `label` while it is still the last one.
    fn offer_undo(self, ccmp: Ccmp, notice: Notice, label: String) {
        let (id, clicked) = ccmp.notices.push_action(notice, "Undo");
        let moderation = self.moderation;
        spawn_local(async move {
            if clicked.await.is_ok() {
                ccmp.notices.dismiss(id);
                if moderation.undo.with_untracked(|u| u.as_ref().is_some_and(|u| u.label == label)) {
                    moderation.run_undo(ccmp).await;
                } else {
                    let why = "A later change to the users took its place: undo that one from the users tab first.";
                    ccmp.notices.push(Notice::plain(Tone::Info, format!("{label} can no longer be undone"), why));
                }
            }
        });
    }

    /// The conference `uri` is gone (deleted, or the server no longer knows it): nothing to watch, nobody
    /// to tell of, and nothing to undo.
    pub fn forget(&self, uri: &str) {
        // Nor anything to undo there (QA: "Undo: Add Pat" was still offered on a deleted conference).
        self.moderation.forget_undo_in(uri);
        self.moderation.split.maybe_update(|splits| {
            let before = splits.len();
            splits.retain(|s| uri_key(&s.parent) != uri_key(uri));
            splits.len() != before
        });
        self.count(&uri_key(uri), None);
        let room = self.rooms.try_update_value(|r| r.remove(&uri_key(uri))).flatten();
        for id in room.into_iter().flat_map(|room| room.notice.into_iter().chain(room.left_notice)) {
            self.notices.dismiss(id);
        }
    }

    /// The moderator left the server: none of its waiting rooms is watched or announced any more.
    pub fn forget_all(&self) {
        self.counts.set(HashMap::new());
        let rooms = self.rooms.try_update_value(std::mem::take).unwrap_or_default();
        for id in rooms.into_values().flat_map(|room| room.notice.into_iter().chain(room.left_notice)) {
            self.notices.dismiss(id);
        }
        self.on_screen.set_value(None);
    }

    /// What the panel knows of the waiting room of `uri`, or a new room.
    fn room(&self, uri: &str) -> Room {
        let known = self.rooms.with_value(|r| r.get(&uri_key(uri)).cloned());
        known.unwrap_or_else(|| Room { uri: uri.to_owned(), ..Room::default() })
    }

    /// Changes what the panel knows of the waiting room of `uri`, if it still knows it: a conference
    /// forgotten meanwhile (a 404 during a read) stays forgotten.
    fn edit(&self, uri: &str, change: impl FnOnce(&mut Room)) {
        self.rooms.update_value(|r| {
            if let Some(room) = r.get_mut(&uri_key(uri)) {
                change(room);
            }
        });
    }
}
