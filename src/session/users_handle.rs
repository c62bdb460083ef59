//! A users list on screen (a conference's or a sidebar's) and everything a moderator does to it: read
//! it, change one user, remove (and keep out), add, run a bulk action. Each change goes through
//! [`Ccmp::send`] (console, audit, notification), is applied to the panel's copy of the list when it
//! succeeds (no re-read of 10,000 users after a mute), and leaves its inverse for undo. A version that
//! jumps further than the panel's own change explains makes the list read again.
//!
//! The view that owns the signals may be gone when a reply arrives (the moderator switched tabs): only
//! `try_` accessors touch them after an `await`, and what must outlive the view (the bulk run, undo)
//! lives in [`Moderation`].

use std::cell::RefCell;
use std::collections::HashMap;
use std::time::Duration;

use ccmp::xcon::merge::same_id;
use ccmp::xcon::{AvailableMedia, User, Users};
use ccmp::{Request, ResponseBody, ResponseCode, XconUserId};
use futures_util::StreamExt;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::moderation::Moderation;
use super::{Ccmp, Mode, Sent};
use crate::state::bulk::{BulkItem, BulkOp, BulkRun, ItemOutcome, BULK_IN_FLIGHT, STOP_AFTER_UNANSWERED};
use crate::state::notice::{Notice, Tone};
use crate::state::own_changes::ReadTicket;
use crate::state::scope::Scope;
use crate::state::undo::{
    add_back, inverse_remove, inverse_update, left_out_of_undo, undo_remove, undo_update, UndoEntry, UndoStep,
};
use crate::state::user_changes::{self, deny_names, label};
use crate::state::users::{find, rows_of, UserRow};
use crate::state::users_news::{my_standing, MyStanding, UsersNews};
use crate::state::versions::{VersionCheck, VersionTracker};
use crate::state::{admission, breakout};

/// What is running for one user (its buttons are disabled, the one that runs shows a spinner).
pub type Busy = HashMap<String, &'static str>;

#[derive(Clone, Copy)]
pub struct UsersHandle {
    pub scope: StoredValue<Scope>,
    /// The users element as last read, with the moderator's own changes applied since.
    pub users: RwSignal<Users>,
    /// One row per user, in the server's order.
    pub rows: RwSignal<Vec<UserRow>>,
    pub loading: RwSignal<bool>,
    /// Whether a read has succeeded.
    pub loaded: RwSignal<bool>,
    /// Why the last read failed.
    pub error: RwSignal<Option<String>>,
    /// When the list was last read (ISO 8601).
    pub read_at: RwSignal<Option<String>>,
    pub busy: RwSignal<Busy>,
    /// An add is in flight.
    pub adding: RwSignal<bool>,
    /// What the reads showed changed, other than by this panel, until the moderator dismisses it.
    pub news: RwSignal<UsersNews>,
    /// What a screen reader is told of the latest read's news ([`UsersNews::spoken`]).
    pub news_said: RwSignal<String>,
    /// When the notice that someone else changed the conference too was last shown (`Date.now()` ms).
    told_elsewhere: StoredValue<f64>,
    /// Told each version the server returns (the conference page shows it).
    on_version: StoredValue<Option<Callback<(u64, bool)>>>,
    /// For a conference's list: who is in which of its breakout rooms, as its page last read it.
    rooms: StoredValue<Option<Memo<breakout::Whereabouts>>>,
}

/// How long after a read that does not show a change whose answer was lost the list is read once more.
const LOOK_AGAIN_MS: u32 = 5_000;

/// How many reads that fail, [`LOOK_AGAIN_MS`] apart, a read-back waits through for the server to come back
/// (three minutes) before it gives up saying what the server made.
const OUTAGE_LOOKS: u32 = 36;

/// The title of the notice that the moderator's change found the list changed by someone else too.
/// The version is the conference's: a lock made elsewhere raises it too (QA: a co-moderator's lock was told as a
/// change to the users).
const CHANGED_ELSEWHERE: &str = "Someone else changed the conference too";
/// How often that is said at most.
const TELL_ELSEWHERE_EVERY_MS: f64 = 60_000.0;

/// The moderator's confUserID, or `None` when not connected.
fn me(ccmp: &Ccmp) -> Option<XconUserId> {
    ccmp.connection.get().map(|c| c.user)
}

/// Reads the users of `scope`: the list and the version, or how the read failed.
pub async fn read_users(ccmp: Ccmp, scope: &Scope, mode: Mode) -> Result<(Users, Option<u64>), String> {
    let Some(me) = me(&ccmp) else { return Err("Not connected".into()) };
    match ccmp.send(scope.read(&me), "Read users", mode).await {
        Sent::Ok(r) => {
            let version = r.version;
            match scope.users_of(r) {
                Some(users) => Ok((users, version)),
                None => Err("The server answered 200 without the users.".into()),
            }
        }
        other => Err(other.describe()),
    }
}

/// The media of the room `to`, as read now, for the users a move lists there; `None` when the read fails or
/// `to` is a conference (whose users read does not say its media).
async fn media_of(ccmp: Ccmp, to: &Scope, me: &XconUserId) -> Option<AvailableMedia> {
    if !matches!(to, Scope::Sidebar { .. }) {
        return None;
    }
    let Sent::Ok(r) = ccmp.send(to.read(me), "Read room", Mode::Background).await else { return None };
    r.body.conference()?.description.as_ref()?.available_media.clone()
}

/// `user`, to be added to `scope`, as the conference knows them when it is a room and someone of the
/// conference is at their address: a room's users are the conference's, and a new user in it would be a
/// stranger to the conference, at the same address as one of its users (QA: "sip:ann@…" added to Red made a
/// second Ann, in Red alone). They go in as a move takes them (`breakout::moved_into`), with their own name and
/// roles; `user` as it is when the conference cannot be read or has nobody there.
async fn member_at_address(ccmp: Ccmp, scope: &Scope, me: &XconUserId, user: User) -> User {
    let Scope::Sidebar { parent, .. } = scope else { return user };
    let conference = Scope::Conference { uri: parent.clone() };
    let Ok((users, _)) = read_users(ccmp, &conference, Mode::Background).await else { return user };
    let Some(theirs) = users.at_address_of(&user) else { return user };
    let room_media = media_of(ccmp, scope, me).await;
    breakout::moved_into(&inverse_remove(theirs), room_media.as_ref())
}

/// Reads the user `entity` of `scope` as the server has them now: one userRequest retrieve in a conference,
/// a read of the list in a sidebar. `Ok(None)` when they are gone.
pub async fn read_user(ccmp: Ccmp, scope: &Scope, entity: &str) -> Result<Option<User>, String> {
    let (Scope::Conference { uri }, Some(me)) = (scope, me(&ccmp)) else {
        let (users, _) = read_users(ccmp, scope, Mode::Read).await?;
        return Ok(users.position(entity).map(|at| users.users[at].clone()));
    };
    match ccmp.send(Request::user_retrieve(&me, uri, entity), "Read user", Mode::Background).await {
        Sent::Ok(r) => match r.body {
            ResponseBody::User(payload) => {
                Ok(payload.info.filter(|u| u.entity.as_deref().is_some_and(|e| same_id(e, entity))))
            }
            _ => Err("The server answered 200 without the user.".into()),
        },
        Sent::Refused(r) if r.code == ResponseCode::UserNotFound => Ok(None),
        other => Err(other.describe()),
    }
}

impl UsersHandle {
    pub fn new(scope: Scope, on_version: Option<Callback<(u64, bool)>>) -> Self {
        UsersHandle {
            scope: StoredValue::new(scope),
            users: RwSignal::new(Users::default()),
            rows: RwSignal::new(Vec::new()),
            loading: RwSignal::new(false),
            loaded: RwSignal::new(false),
            error: RwSignal::new(None),
            read_at: RwSignal::new(None),
            busy: RwSignal::new(HashMap::new()),
            adding: RwSignal::new(false),
            news: RwSignal::new(UsersNews::default()),
            news_said: RwSignal::new(String::new()),
            told_elsewhere: StoredValue::new(f64::NEG_INFINITY),
            on_version: StoredValue::new(on_version),
            rooms: StoredValue::new(None),
        }
    }

    /// Tells a conference's list who is in which of its breakout rooms.
    pub fn know_rooms(&self, rooms: Memo<breakout::Whereabouts>) {
        self.rooms.set_value(Some(rooms));
    }

    /// The breakout rooms the user at `key` is in, as the page last read them (none for a room's own list).
    fn rooms_of(&self, key: &str) -> Vec<breakout::InRoom> {
        let rooms = self.rooms.try_get_value().flatten();
        rooms.and_then(|r| r.try_with_untracked(|w| w.get(key).cloned())).flatten().unwrap_or_default()
    }

    /// The names of the breakout rooms the users at `keys` are in, each once: those a removal takes them out of.
    pub fn rooms_named_for(&self, keys: &[String]) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for room in keys.iter().flat_map(|k| self.rooms_of(k)) {
            if !names.contains(&room.name) {
                names.push(room.name);
            }
        }
        names
    }

    /// Takes `before` (at `key`), just removed from the conference, out of its breakout rooms by reference as
    /// well, as the page last read them: conferences of their own, which the removal leaves them in (QA: someone
    /// removed and kept out stayed in one). Returns the steps that put them back in all their rooms, those by
    /// value included, which the removal took them out of (QA: the Undo brought them back to the conference
    /// alone, out of their room, and said nothing).
    async fn leave_rooms(&self, ccmp: Ccmp, key: &str, before: &User, me: &XconUserId) -> Vec<UndoStep> {
        let Some(scope) = self.scope() else { return Vec::new() };
        let rooms = self.rooms_of(key);
        let entity = before.entity.clone().unwrap_or_default();
        let mut steps = Vec::new();
        for room in rooms {
            let there = room.scope(scope.uri());
            if room.kind == crate::state::scope::SidebarKind::ByRef {
                let step = format!("Remove {} from {}", label(before), room.name);
                if !matches!(ccmp.send(there.remove(me, &entity), &step, Mode::Background).await, Sent::Ok(_)) {
                    continue;
                }
            }
            steps.push(UndoStep::back_into(there.add(me, room.member.clone()), before));
        }
        steps
    }

    /// Tells the page a version the users requests returned, and whether it says that someone else changed
    /// the conference (which may be more than its users: its lock, its name).
    fn tell_version(&self, version: Option<u64>, check: Option<VersionCheck>) {
        // An answer overtaken by a later one (a bulk run's requests are answered in any order) would take the
        // page's version back.
        if matches!(check, Some(VersionCheck::Older { .. })) {
            return;
        }
        if let (Some(v), Some(Some(callback))) = (version, self.on_version.try_get_value()) {
            callback.run((v, check.is_some_and(VersionCheck::needs_reread)));
        }
    }

    /// The scope, or `None` once the view is gone.
    pub fn scope(&self) -> Option<Scope> {
        self.scope.try_get_value()
    }

    /// Whether the view that owns the list is still shown.
    pub fn alive(&self) -> bool {
        !self.users.is_disposed() && !self.rows.is_disposed()
    }

    /// A copy of the user with `key`.
    pub fn user(&self, key: &str) -> Option<User> {
        self.users.try_with_untracked(|u| find(&u.users, key).cloned()).flatten()
    }

    /// Reads the list again (`Mode::Background` for automatic refreshes).
    pub async fn read(self, ccmp: Ccmp, mode: Mode) {
        let Some(scope) = self.scope() else { return };
        if self.loading.try_get_untracked() != Some(false) {
            return;
        }
        self.loading.set(true);
        // Taken as it is sent: which of the panel's own changes its answer shows for sure (QA, a big live
        // event: a read sent before a mute and in after it was answered told it as someone else's next time).
        let ticket = ccmp.moderation.read_sent();
        let result = read_users(ccmp, &scope, mode).await;
        self.store(ccmp, &scope, ticket, result);
    }

    /// Tells that `name`, whom an action was about to let in or turn away, is not waiting any more
    /// (`still_here`: they are in the conference now), and that nothing was sent.
    fn tell_not_waiting(self, ccmp: Ccmp, scope: &Scope, action: &str, name: &str, still_here: bool) {
        let why = if still_here {
            format!("{name} is in the conference now: someone else let them in meanwhile. To take them out, use Remove on their row.")
        } else {
            format!("{name} is no longer on the list: they left, or someone else turned them away.")
        };
        let notice = Notice::plain(Tone::Info, format!("{action}: not sent"), format!("{why} Nothing was sent."));
        ccmp.notices.push(notice.about(Some(ccmp.about_conference(scope.uri()))));
    }

    /// The user `key` as the server has them now, put in the table: one userRequest retrieve in a
    /// conference (not the whole list of 10,000), a read of the list in a sidebar. `None` when the read
    /// failed (the action that follows then says what is wrong), `Some(None)` when they are gone.
    async fn user_now(self, ccmp: Ccmp, key: &str) -> Option<Option<User>> {
        let (scope, me) = (self.scope()?, me(&ccmp)?);
        let entity = self.user(key)?.entity?;
        let Scope::Conference { uri } = &scope else {
            self.read_fresh(ccmp).await;
            return self.error.try_with_untracked(Option::is_none).unwrap_or(false).then(|| self.user(key));
        };
        let same = |x: &User| x.entity.as_deref().is_some_and(|e| same_id(e, &entity));
        match ccmp.send(Request::user_retrieve(&me, uri, &entity), "Read user", Mode::Background).await {
            Sent::Ok(r) => {
                let ResponseBody::User(payload) = r.body else { return None };
                let now = payload.info.filter(same)?;
                self.users.try_update(|u| {
                    if let Some(x) = u.users.iter_mut().find(|x| same(x)) {
                        *x = now.clone();
                    }
                });
                self.refresh_row(key);
                Some(Some(now))
            }
            Sent::Refused(r) if r.code == ResponseCode::UserNotFound => {
                self.users.try_update(|u| {
                    user_changes::remove(u, &entity);
                });
                self.rebuild_rows();
                Some(None)
            }
            _ => None,
        }
    }

    /// Lets in `key`, as they stand now (read afresh first).
    pub async fn admit(self, ccmp: Ccmp, moderation: Moderation, key: String, action: String) {
        let Some(scope) = self.scope() else { return };
        let Some(name) = self.user(&key).map(|u| label(&u)) else { return };
        self.set_busy(&key, Some("admit"));
        let now = self.user_now(ccmp, &key).await;
        self.set_busy(&key, None);
        match now {
            Some(Some(u)) if !crate::state::waiting::is_pending(&u) => {
                self.tell_not_waiting(ccmp, &scope, &action, &name, true)
            }
            Some(None) => self.tell_not_waiting(ccmp, &scope, &action, &name, false),
            _ => self.change(ccmp, moderation, key, "admit", action, crate::state::waiting::admit_change).await,
        }
    }

    /// Shows a read's result (when the view is still there) and tracks its version.
    fn store(self, ccmp: Ccmp, scope: &Scope, ticket: ReadTicket, result: Result<(Users, Option<u64>), String>) {
        if !self.alive() {
            return;
        }
        self.loading.set(false);
        match result {
            Ok((users, version)) => {
                let check = version.and_then(|v| ccmp.store.versions.try_update_value(|t| t.on_read(scope.uri(), v)));
                self.tell_version(version, check);
                // The previous read is freed after the new one is on screen: dropping 10,000 users takes a
                // while, and the moderator should not wait for it.
                let rows = rows_of(&users.users);
                let was_loaded = self.loaded.get_untracked();
                let old_rows = self.rows.try_update(|r| std::mem::replace(r, rows));
                // The users this panel sent a change about that the read before may not have shown
                // (`Moderation::note_sent`, `OwnChanges::for_read`).
                let own = ccmp.moderation.changed_here_for(scope.uri(), ticket);
                // A change of the whole list sent from here (a waiting room closed): this read tells nothing.
                let everyone = own.contains(crate::state::users_news::EVERYONE);
                // The moderator's own row, by its key.
                let me = ccmp
                    .connection
                    .current
                    .with_untracked(|c| c.as_ref().map(|c| c.user.to_string().trim().to_lowercase()));
                if let (true, false, Some(before)) = (was_loaded, everyone, &old_rows) {
                    let fresh = self.rows.try_with_untracked(|after| {
                        let standing = me.as_deref().and_then(|me| my_standing(before, after, me, &own));
                        // Their own notice tells the moderator what became of them: not the news line too.
                        let mut own = own.clone();
                        if let (Some(me), Some(_)) = (&me, &standing) {
                            own.insert(me.clone());
                        }
                        let news = UsersNews::between(before, after, &own);
                        let spoken = news.spoken(after);
                        (news, spoken, standing)
                    });
                    if let (Some((_, _, Some(standing))), Scope::Conference { uri }) = (&fresh, scope) {
                        tell_standing(ccmp, uri, standing, version);
                    }
                    let fresh = fresh.map(|(news, spoken, _)| (news, spoken));
                    if let Some((fresh, spoken)) = fresh {
                        // Since the read before, which did not show it yet (QA: the time of this read, which
                        // the line beside it gives too, read as "nothing yet").
                        let at = self.read_at.get_untracked().unwrap_or_else(crate::api::iso_now);
                        if !spoken.is_empty() {
                            // The table and the line under the count keep the news.
                            super::notices::say(self.news_said, spoken);
                        }
                        self.news.update(|n| *n = std::mem::take(n).then(fresh, &at));
                    }
                    // What the read shows back as it was (an undo, here or elsewhere) is news no longer.
                    self.rows.try_with_untracked(|rows| self.news.maybe_update(|n| n.settle(rows)));
                }
                // Made a moderator again: a refusal there may be the credentials once more.
                if let Scope::Conference { uri } = scope {
                    let manager =
                        |rows: &Vec<UserRow>| rows.iter().any(|r| Some(&r.key) == me.as_ref() && r.is_manager());
                    if ccmp.moderation.lost_say(uri) && self.rows.try_with_untracked(manager).unwrap_or(false) {
                        ccmp.moderation.note_say(uri, None);
                    }
                }
                let old_users = self.users.try_update(|u| std::mem::replace(u, users));
                set_timeout(move || drop((old_rows, old_users)), Duration::from_millis(200));
                self.error.set(None);
                self.loaded.set(true);
                self.read_at.set(Some(crate::api::iso_now()));
                // Marks for the benchmark: the next animation frame comes after the render effects (the rows are
                // in the page), and the task after that frame is when input is handled again.
                request_animation_frame(|| {
                    crate::api::performance_mark("ccmp-users-ready");
                    set_timeout(|| crate::api::performance_mark("ccmp-users-interactive"), Duration::ZERO);
                });
            }
            Err(why) => self.error.set(Some(why)),
        }
    }

    /// Rebuilds the row of the user `key` after a change to the panel's copy.
    fn refresh_row(&self, key: &str) {
        let fresh = self
            .users
            .try_with_untracked(|u| {
                u.users
                    .iter()
                    .enumerate()
                    .find(|(i, x)| UserRow::has_key(x, *i, key))
                    .map(|(i, x)| (i, UserRow::new(x, i)))
            })
            .flatten();
        if let Some((i, row)) = fresh {
            self.rows.try_update(|rows| {
                if let Some(slot) = rows.get_mut(i) {
                    *slot = row;
                }
            });
        }
    }

    fn rebuild_rows(&self) {
        if let Some(rows) = self.users.try_with_untracked(|u| rows_of(&u.users)) {
            self.rows.try_set(rows);
        }
    }

    fn set_busy(&self, key: &str, what: Option<&'static str>) {
        self.busy.try_update(|b| match what {
            Some(w) => {
                b.insert(key.to_owned(), w);
            }
            None => {
                b.remove(key);
            }
        });
    }

    /// After the moderator's own change returned `version`: read the list again when someone else
    /// changed it meanwhile.
    fn after_own_change(self, ccmp: Ccmp, scope: &Scope, version: Option<u64>) {
        self.own_version(ccmp, scope, version, VersionTracker::on_own_change);
    }

    /// After a change counted as the panel's own before it was sent (a bulk run's: several are in flight at
    /// once, and their answers come in any order).
    fn after_counted_change(self, ccmp: Ccmp, scope: &Scope, version: Option<u64>) {
        self.own_version(ccmp, scope, version, VersionTracker::on_counted_change);
    }

    fn own_version(
        self,
        ccmp: Ccmp,
        scope: &Scope,
        version: Option<u64>,
        observe: fn(&mut VersionTracker, &str, u64) -> VersionCheck,
    ) {
        if let Some(parent) = scope.raises_too() {
            ccmp.store.own_change_unseen(parent);
        }
        let check = version.and_then(|v| ccmp.store.versions.try_update_value(|t| observe(t, scope.uri(), v)));
        self.tell_version(version, check);
        if let Some(VersionCheck::ChangedElsewhere { known, now }) = check {
            // One such notice at a time: while a co-moderator works, each action of the moderator's brings
            // one, and they filled the stack (QA); the newest says all there is to know. And one a minute: in a
            // busy event it followed nearly every action (QA), while the rows and the line above them show
            // what changed.
            let now_ms = js_sys::Date::now();
            if self.told_elsewhere.try_get_value().is_some_and(|at| now_ms - at >= TELL_ELSEWHERE_EVERY_MS) {
                self.told_elsewhere.set_value(now_ms);
                ccmp.notices.dismiss_titled(CHANGED_ELSEWHERE);
                ccmp.notices.push(Notice::plain(
                    Tone::Info,
                    CHANGED_ELSEWHERE,
                    format!(
                        "Its version went from {known} to {now}, more than your change explains: someone else (or \
                         you in another tab) changed its users or its settings meanwhile. The users were read again."
                    ),
                ));
            }
            spawn_local(self.read(ccmp, Mode::Background));
        }
    }

    /// Reads the list once a read already running is in: that one may have begun before the changes just
    /// made, and `read` does not start a second while one runs. Also before an action chosen on an older
    /// read, which someone else may have changed meanwhile (QA: a co-moderator let someone in, and a
    /// turn-away from the old read removed them from the call; an "Admit all" let in, and its Undo held
    /// again, someone already in; "Mute all participants" muted one just made a moderator).
    async fn read_fresh(self, ccmp: Ccmp) {
        while self.loading.try_get_untracked() == Some(true) {
            super::ccmp::sleep(100).await;
        }
        self.read(ccmp, Mode::Background).await;
    }

    /// After a change whose answer never came (its notice says the server may have made it): reads the
    /// list again and says what it shows, in a notice that answers that one. `Some(made)` once read.
    async fn read_back(self, ccmp: Ccmp, scope: &Scope, action: &str, made: impl Fn(&Users) -> bool) -> Option<bool> {
        // A request held up on the way may reach the server after the first read (QA's proxy held one): a
        // change not seen is looked for once more, a few seconds later, before the panel says so.
        // A read that fails (the server still down) is not an answer: the panel waits for the server to come
        // back, for a few minutes, and says then (QA: after an outage, no "done" nor "not done yet" came).
        let (mut reads, mut failed) = (0, 0);
        let ended = ccmp.outages_ended();
        let made = loop {
            self.read_fresh(ccmp).await;
            match self.error.try_with_untracked(Option::is_some) {
                None => return None,
                Some(true) if failed < OUTAGE_LOOKS => failed += 1,
                Some(true) => return None,
                Some(false) => {
                    reads += 1;
                    let seen = self.users.try_with_untracked(&made)?;
                    if seen || reads == 2 {
                        break seen;
                    }
                }
            }
            super::ccmp::sleep(LOOK_AGAIN_MS).await;
        };
        ccmp.audit.read_back(action, made);
        // Read once the server answers again after an outage: said in the one notice of its end. Its error
        // said the change may not have gone; one notice per change more doubled the stack (QA: 29 mutes
        // during an outage, then 29 "not done yet" once the server was back).
        if failed > 0 && ccmp.tell_after_outage(ended, action, scope.uri(), made) {
            return Some(made);
        }
        let notice = if made {
            Notice::plain(
                Tone::Success,
                format!("{action}: done"),
                "The list as read now shows it: the server made the change, and only its answer was lost.",
            )
        } else {
            Notice::plain(
                Tone::Warning,
                format!("{action}: not done yet"),
                "The list, read twice since, does not show it. A request held up on the way may still reach the \
                 server: refresh in a moment before you do it again.",
            )
        };
        ccmp.notices.push(notice.about(Some(ccmp.about_conference(scope.uri()))));
        Some(made)
    }

    /// Changes one user: `build` makes the partial user from the user as read (`None`: nothing to send).
    /// `what` names the busy button; `action` the change, for people (`Mute audio of Alice`).
    pub async fn change(
        self,
        ccmp: Ccmp,
        moderation: Moderation,
        key: String,
        what: &'static str,
        action: String,
        build: impl FnOnce(&User) -> Option<User>,
    ) {
        let (Some(scope), Some(me)) = (self.scope(), me(&ccmp)) else { return };
        let Some(before) = self.user(&key) else { return };
        let Some(change) = build(&before) else { return };
        self.set_busy(&key, Some(what));
        let sent = ccmp.send(scope.update(&me, change.clone()), &action, Mode::Change).await;
        self.set_busy(&key, None);
        match sent {
            Sent::Ok(r) => {
                self.users.try_update(|u| user_changes::apply(u, &change));
                self.refresh_row(&key);
                moderation.made(undo_update(action, scope.clone(), &me, &before, &change));
                self.after_own_change(ccmp, &scope, r.version);
            }
            Sent::Refused(r) if matches!(r.code, ResponseCode::UserNotFound | ResponseCode::Conflict) => {
                spawn_local(self.read(ccmp, Mode::Background));
            }
            // The change is there when making it again would change nothing.
            Sent::Failed(e) if e.may_have_acted() => {
                let made = |u: &Users| user_changes::made(u, &change);
                if self.read_back(ccmp, &scope, &action, made).await == Some(true) {
                    moderation.made(undo_update(action, scope, &me, &before, &change));
                }
            }
            _ => {}
        }
    }

    /// Removes the user `key`; with `keep_out`, also puts every name they go by on the deny list (read
    /// fresh first: the list is replaced whole, and someone else may have changed it). `turn_away`: they
    /// were waiting to join when asked, and are turned away only if they still are.
    pub async fn remove(self, ccmp: Ccmp, moderation: Moderation, key: String, keep_out: bool, turn_away: bool) {
        let (Some(scope), Some(me)) = (self.scope(), me(&ccmp)) else { return };
        let Some(asked) = self.user(&key) else { return };
        let name = label(&asked);
        // The notices use the dialog's words.
        let verb = if turn_away { "Turn away" } else { "Remove" };
        let action = if keep_out { format!("{verb} and keep out {name}") } else { format!("{verb} {name}") };
        self.set_busy(&key, Some("remove"));
        if turn_away {
            // Still waiting, or the read failed: turned away as asked.
            let still_here = match self.user_now(ccmp, &key).await {
                Some(Some(u)) if !crate::state::waiting::is_pending(&u) => Some(true),
                Some(None) => Some(false),
                _ => None,
            };
            if let Some(still_here) = still_here {
                self.set_busy(&key, None);
                self.tell_not_waiting(ccmp, &scope, &action, &name, still_here);
                return;
            }
        }
        let Some(before) = self.user(&key) else {
            self.set_busy(&key, None);
            return;
        };
        let Some(entity) = before.entity.clone() else {
            self.set_busy(&key, None);
            return;
        };
        let sent = ccmp.send(scope.remove(&me, &entity), &action, Mode::Change).await;
        let Sent::Ok(r) = sent else {
            self.set_busy(&key, None);
            if sent.code() == Some(ResponseCode::UserNotFound) {
                spawn_local(self.read(ccmp, Mode::Background));
            }
            if matches!(&sent, Sent::Failed(e) if e.may_have_acted()) {
                let made = |u: &Users| !u.users.iter().any(|x| x.entity.as_deref() == Some(entity.as_str()));
                // Removed, though not kept out: the deny list is not touched without an answer.
                if self.read_back(ccmp, &scope, &action, made).await == Some(true) {
                    let mut steps = undo_remove(&scope, &me, &before, &[]);
                    steps.extend(self.leave_rooms(ccmp, &key, &before, &me).await);
                    moderation.made(UndoEntry::of_steps(action, scope, steps));
                }
            }
            return;
        };
        self.users.try_update(|u| {
            user_changes::remove(u, &entity);
        });
        self.rebuild_rows();
        moderation.selection.update(|s| {
            if let Some(keys) = s.get_mut(&crate::state::uri_key(scope.uri())) {
                keys.remove(&key);
            }
        });
        self.after_own_change(ccmp, &scope, r.version);
        let mut denied = Vec::new();
        if keep_out {
            if let Some(added) = self.deny(ccmp, &scope, &me, (&deny_names(&before), &name)).await {
                Moderation::note_kept_out(ccmp, name.clone(), deny_names(&before));
                denied = added;
            }
        }
        self.set_busy(&key, None);
        let mut steps = undo_remove(&scope, &me, &before, &denied);
        steps.extend(self.leave_rooms(ccmp, &key, &before, &me).await);
        moderation.made(UndoEntry::of_steps(action, scope, steps));
    }

    /// Adds `names` to the deny list of `scope`, from a fresh read; returns those it put there (not there
    /// before), or `None` when it could not. Its success says nothing: the removal's notice tells the whole
    /// ("Remove and keep out …"; QA: "Keep out …: 200 Success" came as a second notice of the same action).
    async fn deny(
        self,
        ccmp: Ccmp,
        scope: &Scope,
        me: &XconUserId,
        (names, who): (&[String], &str),
    ) -> Option<Vec<String>> {
        let (fresh, version) = match read_users(ccmp, scope, Mode::Read).await {
            Ok(read) => read,
            Err(why) => {
                ccmp.notices.push(Notice::plain(
                    Tone::Error,
                    format!("Keep out {who}: not done"),
                    format!("The admission lists could not be read ({why}), so nobody was added to the deny list."),
                ));
                return None;
            }
        };
        if let Some(v) = version {
            ccmp.store.versions.try_update_value(|t| t.on_read(scope.uri(), v));
        }
        let Some((change, added)) = admission::deny_adding(&fresh, names) else {
            return Some(Vec::new());
        };
        let applied = change.deny_users_list.clone();
        match ccmp.send(scope.update_users(me, change), &format!("Keep out {who}"), Mode::Read).await {
            Sent::Ok(r) => {
                self.users.try_update(|u| u.deny_users_list = applied);
                self.after_own_change(ccmp, scope, r.version);
                Some(added)
            }
            _ => None,
        }
    }

    /// Adds a user; returns whether it worked. The server answers with the user as created (its new
    /// XCON-USERID in the entity); a sidebar's update answers without it, so the sidebar is read again.
    pub async fn add(self, ccmp: Ccmp, moderation: Moderation, user: User) -> bool {
        let (Some(scope), Some(me)) = (self.scope(), me(&ccmp)) else { return false };
        self.adding.try_set(true);
        let user = member_at_address(ccmp, &scope, &me, user).await;
        let name = label(&user);
        let action = format!("Add {name}");
        let sent = ccmp.send(scope.add(&me, user.clone()), &action, Mode::Change).await;
        let r = match sent {
            Sent::Ok(r) => r,
            // No answer: the server may have added them all the same (its notice says so). The list read now
            // tells; there, they are not offered to be added a second time (and dialled twice).
            Sent::Failed(e) if e.may_have_acted() => {
                // Not busy meanwhile: the read-back may wait minutes for the server to come back.
                self.adding.try_set(false);
                let made = self.read_back(ccmp, &scope, &action, |u| u.at_address_of(&user).is_some()).await;
                return made == Some(true);
            }
            // Someone is at that address already (the server's text names them): most often this very add,
            // which the browser sent twice by itself. The read shows them, and the form goes.
            Sent::Refused(r) if r.code == ResponseCode::Conflict => {
                self.read(ccmp, Mode::Background).await;
                self.adding.try_set(false);
                return self.users.try_with_untracked(|u| u.at_address_of(&user).is_some()).unwrap_or(false);
            }
            _ => {
                self.adding.try_set(false);
                return false;
            }
        };
        self.adding.try_set(false);
        let version = r.version;
        let created = match r.body {
            ResponseBody::User(p) => {
                p.info.filter(|u| u.entity.as_deref().is_some_and(|e| !ccmp::AutoGenerate::occurs_in(e)))
            }
            _ => None,
        };
        match created {
            Some(created) => {
                let entity = created.entity.clone().unwrap_or_default();
                self.users.try_update(|u| u.users.push(created));
                self.rebuild_rows();
                self.after_own_change(ccmp, &scope, version);
                let steps = vec![scope.remove(&me, &entity)];
                moderation.made(UndoEntry::new(action, scope, steps));
            }
            None => {
                self.after_own_change(ccmp, &scope, version);
                self.read(ccmp, Mode::Background).await;
                // Without the new entity the add cannot be undone; the previous undo no longer applies. Someone
                // of the conference added to a room came with theirs.
                let known = user.entity.as_deref().filter(|e| !ccmp::AutoGenerate::occurs_in(e));
                let undo = known.map(|entity| UndoEntry::new(action, scope.clone(), vec![scope.remove(&me, entity)]));
                match undo {
                    Some(undo) => moderation.made(undo),
                    None => moderation.forget_undo(),
                }
            }
        }
        true
    }

    /// Runs `op` on the users `keys`, one request after the other, with progress and per-user results in
    /// [`Moderation::bulk`]; one notification sums it up, and the whole run can be undone. A move goes to
    /// the list `target`: each user is added there first, then removed here, so that nobody is lost.
    pub async fn bulk(self, ccmp: Ccmp, moderation: Moderation, op: BulkOp, keys: Vec<String>, target: Option<Scope>) {
        self.run_bulk(ccmp, moderation, op, keys, target, false).await
    }

    /// "Mute all participants" of those counted when the moderator confirmed (`keys`): one made a moderator
    /// (or muted) since is left as they are (QA: a co-moderator's promotion a moment before the confirm was
    /// muted all the same, under a question that said moderators keep their voice).
    pub async fn mute_all(self, ccmp: Ccmp, moderation: Moderation, keys: Vec<String>) {
        self.run_bulk(ccmp, moderation, BulkOp::Audio { on: false }, keys, None, true).await
    }

    /// `participants_only`: the run is a Mute all, and the read before it decides again who it mutes.
    async fn run_bulk(
        self,
        ccmp: Ccmp,
        moderation: Moderation,
        op: BulkOp,
        keys: Vec<String>,
        target: Option<Scope>,
        participants_only: bool,
    ) {
        let (Some(scope), Some(me)) = (self.scope(), me(&ccmp)) else { return };
        if moderation.bulk.with_untracked(|b| b.as_ref().is_some_and(|(_, r)| !r.finished)) {
            return;
        }
        let list_key = crate::state::uri_key(scope.uri());
        // The users with their keys (a user gone since the selection was made is left out).
        let targets_now =
            || -> Vec<(String, User)> { keys.iter().filter_map(|k| Some((k.clone(), self.user(k)?))).collect() };
        let run_of = |targets: &[(String, User)]| {
            let items = targets
                .iter()
                .map(|(key, u)| BulkItem {
                    key: key.clone(),
                    entity: u.entity.clone().unwrap_or_default(),
                    name: label(u),
                    outcome: ItemOutcome::Pending,
                })
                .collect();
            Some((list_key.clone(), BulkRun::new(op.clone(), items)))
        };
        // Running from the click on (a second click starts nothing), then on the users as they stand now:
        // whom to admit, mute or turn away may have changed since the table was read.
        let selected = targets_now();
        moderation.bulk.set(run_of(&selected));
        self.read_fresh(ccmp).await;
        let mut targets = targets_now();
        // Those selected who went meanwhile are told, after the others (QA: a move of someone a co-moderator
        // had just moved elsewhere said "0 of 0 succeeded", and nothing of them).
        let skipped = |key: &String, u: &User, why: &str| BulkItem {
            key: key.clone(),
            entity: u.entity.clone().unwrap_or_default(),
            name: label(u),
            outcome: ItemOutcome::Skipped(why.to_owned()),
        };
        const NOT_HERE: &str = "not here any more: they left, or someone else moved or removed them";
        let gone: Vec<BulkItem> = (selected.iter())
            .filter(|(key, _)| !targets.iter().any(|(k, _)| k == key))
            .map(|(key, u)| skipped(key, u, NOT_HERE))
            // And those selected who had gone before the click, by their key, their entity (QA: "Remove:
            // finished, 0 of 0 succeeded" for someone ticked who had left).
            .chain(keys.iter().filter(|k| !selected.iter().any(|(s, _)| s == *k)).map(|k| BulkItem {
                key: k.clone(),
                entity: k.clone(),
                name: k.clone(),
                outcome: ItemOutcome::Skipped(NOT_HERE.to_owned()),
            }))
            .collect();
        let mut passed = Vec::new();
        if participants_only {
            let me = me.to_string();
            targets.retain(|(key, u)| {
                let Some(why) = UserRow::new(u, 0).mute_all_passes(&me) else { return true };
                passed.push(skipped(key, u, why));
                false
            });
        }
        let mut run = run_of(&targets);
        if let Some((_, run)) = &mut run {
            run.items.extend(passed);
            run.items.extend(gone);
        }
        moderation.bulk.set(run);
        let action = op.label();
        // What the requests of the run found, gathered as their answers come in (several are in flight at
        // once; no borrow of it is held across an await).
        let tally = RefCell::new(RunTally::default());
        let room_media = match (&op, &target) {
            (BulkOp::Move { .. }, Some(to)) => media_of(ccmp, to, &me).await,
            _ => None,
        };
        // A move from the conference's own list takes each user out of the rooms they are in now, read at the
        // start of the run (`whereabouts`).
        let rooms = match (&op, &scope) {
            (BulkOp::Move { .. }, Scope::Conference { uri }) => super::whereabouts::rooms_now(ccmp, uri, &me).await,
            _ => None,
        };
        let ctx = RunOf {
            op: &op,
            target: &target,
            room_media: room_media.as_ref(),
            rooms: rooms.as_ref(),
            scope: &scope,
            me: &me,
            action: &action,
        };
        // A few requests in flight at once, not one after the other, when each waits a round trip to the
        // server ("Mute all" on 120 people over a 50 ms link: 7.4 s one after the other, 2.1 s four at a time;
        // BENCHMARKS.md, panel-bulk). They start in the selection's order, so a Stop leaves those not started
        // yet. One at a time until the server answers one: against a server that has stopped answering, no
        // more than STOP_AFTER_UNANSWERED go.
        let each = |item| self.bulk_item(ccmp, moderation, ctx, &tally, item);
        let mut items = targets.iter().enumerate();
        for item in items.by_ref() {
            each(item).await;
            let t = tally.borrow();
            if t.answered > 0 || t.unanswered_in_a_row >= STOP_AFTER_UNANSWERED {
                break;
            }
        }
        futures_util::stream::iter(items).for_each_concurrent(BULK_IN_FLIGHT, each).await;
        let RunTally { inverses, mut removed, maybe_removed, maybe_changed, mut changed, mut no_undo, .. } =
            tally.into_inner();
        let mut inverses: Vec<UndoStep> = {
            let mut by_item = inverses;
            // In the selection's order, whichever answer came first.
            by_item.sort_by_key(|(i, _)| *i);
            by_item.into_iter().map(|(_, step)| step).collect()
        };
        removed.sort_by_key(|(i, _, _)| *i);
        let mut removed: Vec<(String, User)> = removed.into_iter().map(|(_, key, user)| (key, user)).collect();
        // The list read now tells which of the changes without an answer the server made: those are undone
        // with the others. A read that fails (the server still down) shows none made.
        if !maybe_removed.is_empty() || !maybe_changed.is_empty() {
            self.read_fresh(ccmp).await;
        }
        let read = self.error.try_with_untracked(Option::is_none).unwrap_or(false);
        for (before, change) in maybe_changed.iter().filter(|_| read) {
            let made = self.users.try_with_untracked(|u| user_changes::made(u, change));
            if made == Some(true) {
                changed += 1;
                match inverse_update(before, change) {
                    Ok(inverse) => inverses.push(UndoStep::of_change(scope.update(&me, inverse), before, change)),
                    Err(why) => no_undo.push(why),
                }
            }
        }
        if !maybe_removed.is_empty() {
            let here = |u: &User| {
                self.users
                    .try_with_untracked(|l| l.users.iter().any(|x| x.entity.is_some() && x.entity == u.entity))
                    .unwrap_or(true)
            };
            let gone: Vec<(String, User)> = maybe_removed.into_iter().filter(|(_, u)| !here(u)).collect();
            changed += gone.len();
            removed.extend(gone);
        }
        if !removed.is_empty() {
            self.rebuild_rows();
            moderation.selection.update(|s| {
                if let Some(selected) = s.get_mut(&crate::state::uri_key(scope.uri())) {
                    for (key, _) in &removed {
                        selected.remove(key);
                    }
                }
            });
        }
        let mut denied = None;
        if let (BulkOp::Remove { keep_out: true, .. }, false) = (&op, removed.is_empty()) {
            let names: Vec<String> = removed.iter().flat_map(|(_, u)| deny_names(u)).collect();
            let who = crate::state::counted(removed.len(), "user", "users");
            denied = self.deny(ccmp, &scope, &me, (&names, &who)).await;
            if denied.is_some() {
                removed.iter().for_each(|(_, u)| Moderation::note_kept_out(ccmp, label(u), deny_names(u)));
            }
            let deny_outcome = if denied.is_some() {
                ItemOutcome::Code(200, "Success".into())
            } else {
                ItemOutcome::Failed("not done".into())
            };
            moderation.bulk.update(|b| {
                if let Some((_, run)) = b {
                    run.deny = Some(deny_outcome);
                }
            });
        }
        for (key, user) in &removed {
            inverses.push(add_back(&scope, &me, user));
            inverses.extend(self.leave_rooms(ccmp, key, user, &me).await);
        }
        // A move from the conference's own list changed the rooms its page lists (and its users' "in Red"):
        // the page reads its conference again, and the rooms tab its rooms.
        match (&target, &scope) {
            (Some(_), Scope::Conference { uri }) => moderation.mark_stale(uri),
            (Some(to), _) => moderation.mark_stale(to.uri()),
            _ => {}
        }
        if let Some(added) = denied.filter(|a| !a.is_empty()) {
            inverses.insert(0, UndoStep::unban(&scope, &me, added));
        }
        let mut summary = String::new();
        let (mut all_ok, mut none) = (false, false);
        let mut done_to = Vec::new();
        moderation.bulk.update(|b| {
            if let Some((_, run)) = b {
                run.finished = true;
                summary = run.summary();
                done_to = run.items.iter().filter(|i| i.outcome.succeeded()).map(|i| i.name.clone()).collect();
                // Those already as asked are no failure (QA: "28 already muted" is said apart).
                all_ok = run.as_asked();
                none = run.succeeded() == 0;
            }
        });
        if let Some(why) = no_undo.first() {
            summary = format!("{summary} {}", left_out_of_undo(no_undo.len(), why));
        }
        let tone = if all_ok { Tone::Success } else { Tone::Warning };
        let about = Some(ccmp.about_conference(scope.uri()));
        // "finished" over a run that did nothing read as done (QA: a move that moved nobody).
        let title = if none && !all_ok { format!("{action}: nothing done") } else { format!("{action}: finished") };
        ccmp.notices.push(Notice::plain(tone, title, summary).about(about));
        // Those admitted are people, as the waiting room and its notices count them ("Admit 2 people").
        // One user by name: the Undos before the last are offered once it is used, and two moves of one user
        // each into Blue read the same, as though the first Undo had done nothing.
        let label = match (op, done_to.as_slice()) {
            (BulkOp::Admit, _) => format!("{action} {}", crate::state::waiting::people(changed)),
            (_, [name]) if changed == 1 => format!("{action} ({name})"),
            _ => format!("{action} ({})", crate::state::counted(changed, "user", "users")),
        };
        if !inverses.is_empty() {
            moderation.made(UndoEntry::of_steps(label, scope, inverses));
        } else if let Some(why) = no_undo.first() {
            moderation.made(UndoEntry::impossible(label, scope, why));
        }
        // A read that began while the run went (the waiting room's, every few seconds) may have brought back
        // a state from before its last changes: someone shown still waiting, admitted since. One more read,
        // once that one is in, shows where things stand.
        self.read_fresh(ccmp).await;
    }

    /// One user of a bulk run: sent, or why not (stopped, halted, nothing to change), and the outcome told.
    async fn bulk_item(
        self,
        ccmp: Ccmp,
        moderation: Moderation,
        ctx: RunOf<'_>,
        tally: &RefCell<RunTally>,
        (i, (key, before)): (usize, &(String, User)),
    ) {
        if moderation.bulk.with_untracked(|b| b.as_ref().is_some_and(|(_, r)| r.stop)) {
            set_outcomes_from(moderation, i, ItemOutcome::Cancelled);
            return;
        }
        // Once the server stopped answering, nothing more is sent; each user still says why they were
        // left out, as a run that went through would (QA: "no audio" read "not sent" then).
        let halted = tally.borrow().unanswered_in_a_row >= STOP_AFTER_UNANSWERED;
        let room_gone = tally.borrow().room_gone.clone();
        let outcome = match ctx.op.plan(before, ctx.me.as_str()) {
            Err(outcome) => outcome,
            Ok(_) if halted => ItemOutcome::Halted,
            Ok(_) if room_gone.is_some() => ItemOutcome::Failed(room_gone.unwrap_or_default()),
            Ok(change) => self.bulk_one(ccmp, ctx, (i, key, before), change, tally).await,
        };
        moderation.bulk.update(|b| {
            if let Some((_, run)) = b {
                if let Some(item) = run.items.get_mut(i) {
                    item.outcome = outcome;
                }
            }
        });
    }

    /// One user's requests of a bulk run (for a move, the add there, then the removal here), with what they
    /// did gathered in `tally`: how it ended for them.
    async fn bulk_one(
        self,
        ccmp: Ccmp,
        run: RunOf<'_>,
        (i, key, before): (usize, &str, &User),
        change: Option<User>,
        tally: &RefCell<RunTally>,
    ) -> ItemOutcome {
        if let (BulkOp::Move { .. }, Scope::Conference { .. }) = (run.op, run.scope) {
            return self.into_room(ccmp, run, (i, key, before), tally).await;
        }
        let RunOf { op, target, room_media, scope, me, action, .. } = run;
        self.set_busy(key, Some("bulk"));
        let entity = before.entity.clone().unwrap_or_default();
        let step = format!("{action} ({})", label(before));
        // A move adds the user to the other list first; only then are they removed here.
        let added = match (op, target) {
            (BulkOp::Move { to: name }, Some(to)) => {
                let moved = breakout::moved_into(&inverse_remove(before), room_media);
                match ccmp.send(to.add(me, moved), &step, Mode::Background).await {
                    Sent::Ok(_) => {
                        if let Some(parent) = to.raises_too() {
                            ccmp.store.own_change_unseen(parent);
                        }
                        Ok(())
                    }
                    other => {
                        if other.code() == Some(ResponseCode::ObjectNotFound) {
                            tally.borrow_mut().room_gone = Some(room_gone(name));
                        }
                        Err(other)
                    }
                }
            }
            _ => Ok(()),
        };
        let was_added = added.is_ok();
        let sent = match added {
            Err(refused) => refused,
            Ok(()) => {
                let request = match &change {
                    Some(c) => scope.update(me, c.clone()),
                    None => scope.remove(me, &entity),
                };
                // Counted as the panel's own before it is sent: the run's answers come in any order, and a
                // version one of them returns may already hold the changes of others still on their way.
                ccmp.store.own_change_unseen(scope.uri());
                ccmp.send(request, &step, Mode::Background).await
            }
        };
        self.set_busy(key, None);
        let moved = matches!(op, BulkOp::Move { .. });
        // No answer: the server may have made the change all the same (QA: a mute made, left out of the
        // undo, kept one person muted after "Undo: Mute all"). Each is checked on a read once the run is
        // over: only a change the server made is undone (QA: the inverse of an admission never made, undone
        // later, sent back someone another moderator had let in).
        let unanswered = tally.borrow_mut().note_answer(&sent);
        if unanswered {
            let mut t = tally.borrow_mut();
            match &change {
                Some(c) => t.maybe_changed.push((before.clone(), c.clone())),
                None if !moved => t.maybe_removed.push((key.to_owned(), before.clone())),
                None => {}
            }
        }
        match &sent {
            Sent::Ok(r) => {
                match &change {
                    Some(c) => {
                        self.users.try_update(|u| user_changes::apply(u, c));
                        self.refresh_row(key);
                        let mut t = tally.borrow_mut();
                        match inverse_update(before, c) {
                            Ok(inverse) => {
                                t.inverses.push((i, UndoStep::of_change(scope.update(me, inverse), before, c)))
                            }
                            Err(why) => t.no_undo.push(why),
                        }
                    }
                    None => {
                        self.users.try_update(|u| {
                            user_changes::remove(u, &entity);
                        });
                        let mut t = tally.borrow_mut();
                        t.removed.push((i, key.to_owned(), before.clone()));
                        if let (true, Some(to)) = (moved, target) {
                            t.inverses.push((i, UndoStep::out_of(to.remove(me, &entity), before)));
                        }
                    }
                }
                tally.borrow_mut().changed += 1;
                self.after_counted_change(ccmp, scope, r.version);
            }
            _ if was_added && !unanswered => ccmp.store.own_change_not_made(scope.uri()),
            _ => {}
        }
        let room_gone = tally.borrow().room_gone.clone();
        match (op, target) {
            // Added there, but this room went meanwhile: they are moved all the same, and the outcome says
            // so rather than "failed" (QA: the moderator was told the move failed).
            (BulkOp::Move { to }, Some(there)) if was_added && sent.code() == Some(ResponseCode::ObjectNotFound) => {
                let mut t = tally.borrow_mut();
                t.changed += 1;
                t.inverses.push((i, UndoStep::out_of(there.remove(me, &entity), before)));
                ItemOutcome::Done(format!("moved: in {to} now, and the room they were in is gone"))
            }
            (BulkOp::Move { .. }, _) if !was_added && room_gone.is_some() => {
                ItemOutcome::Failed(room_gone.unwrap_or_default())
            }
            _ => outcome_of(&sent),
        }
    }
}

impl UsersHandle {
    /// One user of a move from the conference's own list into one of its breakout rooms: added there, then
    /// taken out of the rooms they were in. They stay in the conference, as a split leaves them; how it ended
    /// for them.
    async fn into_room(
        self,
        ccmp: Ccmp,
        run: RunOf<'_>,
        (i, key, before): (usize, &str, &User),
        tally: &RefCell<RunTally>,
    ) -> ItemOutcome {
        let RunOf { op, target, room_media, rooms, scope, me, action } = run;
        let (BulkOp::Move { to: name }, Some(to)) = (op, target) else {
            return ItemOutcome::Skipped("no room to move them to".into());
        };
        let Some(rooms) = rooms else {
            return ItemOutcome::Failed(
                "not moved: the conference could not be read to tell which room they are in".into(),
            );
        };
        let entity = before.entity.clone().unwrap_or_default();
        let there = |r: &&breakout::InRoom| crate::state::uri_key(&r.uri) == crate::state::uri_key(to.uri());
        let (here, from): (Vec<&breakout::InRoom>, Vec<&breakout::InRoom>) =
            rooms.get(key).into_iter().flatten().partition(there);
        // Already there, and nowhere else: nothing is sent, and nothing is to undo (QA: a second move into a room
        // by reference was sent, and its Undo took them out of where they had been all along). There and in
        // another room too: only out of that one (QA: they stayed in both).
        let already = !here.is_empty();
        if already && from.is_empty() {
            return ItemOutcome::Already(format!("already in {name}"));
        }
        self.set_busy(key, Some("bulk"));
        let step = format!("{action} ({})", label(before));
        let moved = breakout::moved_into(&inverse_remove(before), room_media);
        let added = if already { None } else { Some(ccmp.send(to.add(me, moved), &step, Mode::Background).await) };
        if let Some(added) = &added {
            tally.borrow_mut().note_answer(added);
        }
        let outcome = match added {
            None | Some(Sent::Ok(_)) => {
                if let (Some(parent), false) = (to.raises_too(), already) {
                    ccmp.store.own_change_unseen(parent);
                }
                {
                    let mut t = tally.borrow_mut();
                    t.changed += 1;
                    if !already {
                        t.inverses.push((i, UndoStep::out_of(to.remove(me, &entity), before)));
                    }
                }
                let (mut left, mut kept) = (Vec::new(), Vec::new());
                for room in from {
                    match self.out_of_room(ccmp, (scope, me, &step), (i, before, room), tally).await {
                        Ok(()) => left.push(room.name.as_str()),
                        Err(why) => kept.push(format!("{} ({why})", room.name)),
                    }
                }
                match (left.as_slice(), kept.as_slice()) {
                    ([], []) => ItemOutcome::Code(200, ResponseCode::Success.reason().to_owned()),
                    (_, []) => ItemOutcome::Done(format!("moved from {}", left.join(", "))),
                    (_, kept) => ItemOutcome::Failed(format!("in {name} now, and still in {} too", kept.join(", "))),
                }
            }
            Some(other) if other.code() == Some(ResponseCode::ObjectNotFound) => {
                let gone = room_gone(name);
                tally.borrow_mut().room_gone = Some(gone.clone());
                ItemOutcome::Failed(gone)
            }
            Some(other) => outcome_of(&other),
        };
        self.set_busy(key, None);
        outcome
    }

    /// The second half of [`UsersHandle::into_room`]: `before`, added to the room they go to already, taken
    /// out of `room`, where they were; why not, when not.
    async fn out_of_room(
        self,
        ccmp: Ccmp,
        (scope, me, step): (&Scope, &XconUserId, &str),
        (i, before, room): (usize, &User, &breakout::InRoom),
        tally: &RefCell<RunTally>,
    ) -> Result<(), String> {
        let entity = before.entity.clone().unwrap_or_default();
        let there = room.scope(scope.uri());
        match ccmp.send(there.remove(me, &entity), step, Mode::Background).await {
            Sent::Ok(_) => {
                if let Some(parent) = there.raises_too() {
                    ccmp.store.own_change_unseen(parent);
                }
                tally.borrow_mut().inverses.push((i, UndoStep::back_into(there.add(me, room.member.clone()), before)));
                Ok(())
            }
            // Gone from there already (a co-moderator's move, or the room closed): where the move wants them.
            Sent::Refused(r)
                if matches!(r.code.effective(), ResponseCode::UserNotFound | ResponseCode::ObjectNotFound) =>
            {
                Ok(())
            }
            other => Err(other.describe()),
        }
    }
}

/// What every request of a bulk run is about.
#[derive(Clone, Copy)]
struct RunOf<'a> {
    op: &'a BulkOp,
    /// Where a move takes them.
    target: &'a Option<Scope>,
    /// The media of where a move takes them, when read ([`breakout::moved_into`]).
    room_media: Option<&'a AvailableMedia>,
    /// For a move from the conference's own list: who is in which of its rooms, when it could be read.
    rooms: Option<&'a breakout::Whereabouts>,
    scope: &'a Scope,
    /// The moderator's confUserID.
    me: &'a XconUserId,
    /// The run's name in notices (`Mute audio`).
    action: &'a str,
}

/// What a bulk run's requests found, gathered as their answers come in. Indexed by the user's place in the
/// run, to put the undo's steps back in the selection's order.
#[derive(Default)]
struct RunTally {
    inverses: Vec<(usize, UndoStep)>,
    removed: Vec<(usize, String, User)>,
    /// Removals whose answer never came.
    maybe_removed: Vec<(String, User)>,
    /// Updates whose answer never came: the user before, the change.
    maybe_changed: Vec<(User, User)>,
    /// How many users the run changed: the undo's name counts them, not its requests (a move is undone by
    /// two per user).
    changed: usize,
    /// Why the changes CCMP cannot undo (a role given to someone who had none) are left out of the undo.
    no_undo: Vec<String>,
    unanswered_in_a_row: usize,
    /// How many requests the server answered (done or refused).
    answered: usize,
    /// A move whose room was closed meanwhile (404 on the add there): the rest are not sent, and each says why
    /// (QA: each read "404 Object not found", as though the person, not the room, were missing).
    room_gone: Option<String>,
}

impl RunTally {
    /// Counts how a request of the run was answered; whether it got no answer, though the server may have acted
    /// on it.
    fn note_answer(&mut self, sent: &Sent) -> bool {
        let unanswered = matches!(sent, Sent::Failed(e) if e.may_have_acted());
        self.unanswered_in_a_row = if unanswered { self.unanswered_in_a_row + 1 } else { 0 };
        self.answered += usize::from(matches!(sent, Sent::Ok(_) | Sent::Refused(_)));
        unanswered
    }
}

/// Why a move's user was not moved: the room `name` went (404 on the add there).
fn room_gone(name: &str) -> String {
    format!("not moved: {name} is gone (someone closed it meanwhile)")
}

/// The outcome of one bulk request.
fn outcome_of(sent: &Sent) -> ItemOutcome {
    match sent {
        Sent::Ok(r) | Sent::Refused(r) => ItemOutcome::Code(r.code.as_u16(), r.code.effective().reason().to_owned()),
        other => ItemOutcome::Failed(other.describe()),
    }
}

/// Marks items from `from` on that have no outcome yet.
fn set_outcomes_from(moderation: Moderation, from: usize, outcome: ItemOutcome) {
    moderation.bulk.update(|b| {
        if let Some((_, run)) = b {
            for item in run.items.iter_mut().skip(from).filter(|i| i.outcome == ItemOutcome::Pending) {
                item.outcome = outcome.clone();
            }
        }
    });
}

/// Tells the moderator that someone else took their say in the conference `uri` away (`my_standing`): stays
/// until dismissed, as what it explains (the refusals to come) does.
pub fn tell_standing(ccmp: Ccmp, uri: &str, standing: &MyStanding, version: Option<u64>) {
    // Once: the users tab's read and the page's both see it, in the same version of the conference.
    if !ccmp.moderation.note_say(uri, Some((standing.clone(), version))) {
        return;
    }
    let (title, detail) = match standing {
        MyStanding::Demoted(roles) => (
            "You are no longer a moderator of this conference".to_owned(),
            format!(
                "Someone else (or you in another tab) made you {} in it. The server may now refuse your changes to \
                 it (401 Unauthorized, 403 Forbidden); one of its moderators can make you one again.",
                if roles.is_empty() { "a user without a role".to_owned() } else { roles.join(", ") }
            ),
        ),
        MyStanding::Removed => (
            "You were taken out of this conference".to_owned(),
            "Someone else (or you in another tab) removed you from its users. Whether you may still manage it \
             depends on your role on the server: it may now refuse your changes (401 Unauthorized, 403 Forbidden)."
                .to_owned(),
        ),
    };
    ccmp.notices.push(Notice::plain(Tone::Warning, title, detail).about(Some(ccmp.about_conference(uri))));
}
