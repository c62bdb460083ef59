//! What part 2's views share above any one tab, so that it survives switching tabs and pages: the last
//! change (for undo), the selection of each users list, the running bulk action, and each list's filter
//! and auto-refresh interval (also kept in sessionStorage, so that they survive a reload).

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap, HashSet};

use ccmp::xcon::Users;
use ccmp::ResponseCode;
use futures_util::StreamExt;
use leptos::prelude::*;

use super::users_handle::{read_user, read_users};
use super::{Ccmp, Mode, Sent};
use crate::api::{session_get, session_set};
use crate::state::bidi::isolate_rtl;
use crate::state::breakout::{SplitForm, SplitUndo};
use crate::state::bulk::{BulkRun, BULK_IN_FLIGHT};
use crate::state::notice::{Notice, Tone};
use crate::state::own_changes::{OwnChanges, ReadTicket};
use crate::state::undo::{outcome_notice, Guard, PassedOver, Since, UndoEnd, UndoEntry};
use crate::state::uri_key;
use crate::state::users::UserFilter;
use crate::state::users_news::MyStanding;

/// The key [`Moderation::mark_all_stale`] marks: no URI is one.
const EVERY_LIST: &str = "*";

#[derive(Clone, Copy)]
pub struct Moderation {
    /// The last change to a user or to the admission lists. Set by [`Moderation::made`].
    pub undo: RwSignal<Option<UndoEntry>>,
    /// The changes before it still to undo, with when each was made, the latest last (at most
    /// [`EARLIER_UNDOS`]): once `undo` is undone, the one before it takes its place (QA: a mute after a move
    /// of five took the move's Undo away).
    earlier: StoredValue<Vec<(UndoEntry, f64)>>,
    /// What the last change was and when it was made (ms since the epoch), for the age beside its Undo.
    undo_made: RwSignal<Option<(String, f64)>>,
    /// Whether an undo is being sent.
    pub undoing: RwSignal<bool>,
    /// How far an undo of several requests (a bulk action's) has gone: (sent, all).
    undo_progress: RwSignal<Option<(usize, usize)>>,
    /// Set by the Stop of an undo of several requests: the run sends no more and keeps the rest.
    undo_stop: RwSignal<bool>,
    /// The selected users (their keys) of each list, by the list's URI key.
    pub selection: RwSignal<HashMap<String, BTreeSet<String>>>,
    /// The bulk action running or last run, with the URI key of its list.
    pub bulk: RwSignal<Option<(String, BulkRun)>>,
    /// Bumped with a list's URI key when its users changed outside its view (an undo, a move between
    /// sidebars): a view showing that list reads it again.
    pub stale: RwSignal<(String, u32)>,
    /// Whether the shortcuts overlay is shown.
    pub help: RwSignal<bool>,
    /// The Undos of the splits into breakout rooms not undone yet, the latest last (apart from `undo`: a mute
    /// made while the rooms run must not take the way back from them; nor a second split, of latecomers say,
    /// the way back from the first: QA).
    pub split: RwSignal<Vec<SplitUndo>>,
    /// The users this panel sent a change about, by the list's URI key (see `state::users_news::changed_by`),
    /// until a read sent after its answer is in: left out of what the reads till then tell as changed
    /// elsewhere.
    changed_here: StoredValue<OwnChanges>,
    /// The conferences (URI keys) where a read showed the moderator lose their say (demoted or taken out,
    /// `users_news::my_standing`), until one shows them a moderator again: a 401 there is the role, which
    /// signing in again does not mend. A signal: the conference's page says so for as long as it holds. With
    /// what was told and at which version of the conference, so that the users tab's read and the page's,
    /// which both see it, tell it once (and a second removal, after a return, is told again).
    lost_say: RwSignal<HashMap<String, (MyStanding, Option<u64>)>>,
}

/// Where the names of those this tab kept out on a server are kept (`Moderation::note_kept_out`).
fn kept_out_key(server: &str) -> String {
    format!("ccmp-panel.kept-out.{server}")
}

/// How many keep-outs a tab keeps the names of, per server, the latest.
const KEPT_OUT_NAMES: usize = 500;

/// How many changes before the last one can be undone, one after the other.
const EARLIER_UNDOS: usize = 20;

impl Moderation {
    pub fn new() -> Self {
        Moderation {
            undo: RwSignal::new(None),
            earlier: StoredValue::new(Vec::new()),
            undo_made: RwSignal::new(None),
            undoing: RwSignal::new(false),
            undo_progress: RwSignal::new(None),
            undo_stop: RwSignal::new(false),
            selection: RwSignal::new(HashMap::new()),
            bulk: RwSignal::new(None),
            stale: RwSignal::new((String::new(), 0)),
            help: RwSignal::new(false),
            split: RwSignal::new(Vec::new()),
            changed_here: StoredValue::new(OwnChanges::default()),
            lost_say: RwSignal::new(HashMap::new()),
        }
    }

    /// Notes how the moderator stands in the conference `uri`: `Some` when a read (of the conference's
    /// `version`, when the server gives one) showed them lose their say (see `lost_say`), `None` when one
    /// shows them a moderator again. `true` when that is news (to tell).
    pub fn note_say(&self, uri: &str, lost: Option<(MyStanding, Option<u64>)>) -> bool {
        let key = uri_key(uri);
        self.lost_say
            .try_update(|l| match lost {
                Some(seen) => match l.insert(key, seen.clone()) {
                    Some((told, at)) => told != seen.0 || (at.is_some() && seen.1.is_some() && at != seen.1),
                    None => true,
                },
                None => l.remove(&key).is_some(),
            })
            .unwrap_or(false)
    }

    /// Whether a read showed the moderator lose their say in the conference `uri` (tracked).
    pub fn lost_say(&self, uri: &str) -> bool {
        self.lost_say.try_with(|l| l.contains_key(&uri_key(uri))).unwrap_or(false)
    }

    /// Notes that `who` was kept out, on the server the panel is connected to, under `names`: a deny list holds no display names, and the
    /// Kept out card lists people by them (`admission::kept_out`). In the tab's sessionStorage, per server:
    /// a reload kept the deny list and lost the names (QA).
    pub fn note_kept_out(ccmp: Ccmp, who: String, names: Vec<String>) {
        let Some(conn) = ccmp.connection.get() else { return };
        let mut all = Moderation::kept_out(ccmp);
        all.push((who, names));
        let over = all.len().saturating_sub(KEPT_OUT_NAMES);
        all.drain(..over);
        if let Ok(text) = serde_json::to_string(&all) {
            session_set(&kept_out_key(&conn.server), &text);
        }
    }

    /// Those this tab kept out on the server it is connected to ([`Moderation::note_kept_out`]), the latest
    /// last.
    pub fn kept_out(ccmp: Ccmp) -> Vec<(String, Vec<String>)> {
        let Some(conn) = ccmp.connection.get() else { return Vec::new() };
        session_get(&kept_out_key(&conn.server)).and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default()
    }

    /// Forgets what was done on the server left: its undo would act on the next server, which may know the
    /// same conferences and users by the same names. The kept filters and intervals stay (per browser tab).
    pub fn reset(&self) {
        self.forget_undo();
        self.split.set(Vec::new());
        self.selection.set(HashMap::new());
        self.bulk.set(None);
        // Another server, or another confUserID: a role lost under the last one says nothing of this one.
        self.lost_say.set(HashMap::new());
    }

    /// Whether a bulk action or an undo is still sending requests (tracked).
    pub fn busy(&self) -> bool {
        self.undoing.get() || self.bulk.with(|b| b.as_ref().is_some_and(|(_, r)| !r.finished))
    }

    /// The selection of the list `uri` (tracked: a view showing it follows changes).
    pub fn selected(&self, uri: &str) -> BTreeSet<String> {
        self.selection.with(|s| s.get(&uri_key(uri)).cloned().unwrap_or_default())
    }

    /// The selection of the list `uri` now, for event handlers and tasks.
    pub fn selected_now(&self, uri: &str) -> BTreeSet<String> {
        self.selection.with_untracked(|s| s.get(&uri_key(uri)).cloned().unwrap_or_default())
    }

    /// Whether a bulk run on the list `uri` is going (tracked).
    pub fn bulk_running(&self, uri: &str) -> bool {
        let key = uri_key(uri);
        self.bulk.with(|b| b.as_ref().is_some_and(|(k, r)| *k == key && !r.finished))
    }

    pub fn set_selected(&self, uri: &str, keys: BTreeSet<String>) {
        self.selection.update(|s| {
            s.insert(uri_key(uri), keys);
        });
    }

    pub fn toggle(&self, uri: &str, key: &str) {
        self.selection.update(|s| {
            let keys = s.entry(uri_key(uri)).or_default();
            if !keys.remove(key) {
                keys.insert(key.to_owned());
            }
        });
    }

    /// Notes a request this panel sends (see `changed_here`): its users are the panel's own until the
    /// guard returned, kept while it is in flight, is dropped.
    pub fn note_sent(&self, request: &ccmp::Request) -> InFlight {
        let about = crate::state::users_news::changed_by(request);
        if let Some((list, users)) = &about {
            self.changed_here.update_value(|c| c.sent(list, users));
        }
        InFlight { changed_here: self.changed_here, about }
    }

    /// A read of a list is being sent: what [`Moderation::changed_here_for`] needs once it is in.
    pub fn read_sent(&self) -> ReadTicket {
        self.changed_here.try_update_value(|c| c.read_sent()).unwrap_or_default()
    }

    /// The users of the list `uri` a read sent at `ticket` may show changed by this panel (see
    /// `OwnChanges::for_read`).
    pub fn changed_here_for(&self, uri: &str, ticket: ReadTicket) -> HashSet<String> {
        self.changed_here.try_update_value(|c| c.for_read(&uri_key(uri), ticket)).unwrap_or_default()
    }

    /// The users of the list `uri` this panel changed and no read of the list settled yet (see
    /// `OwnChanges::unsettled`).
    pub fn changed_here_unsettled(&self, uri: &str) -> HashSet<String> {
        self.changed_here.try_with_value(|c| c.unsettled(&uri_key(uri))).unwrap_or_default()
    }

    /// Calls `then` each time the list or conference `uri` is marked stale from now on (an undo, a move into
    /// it, a change whose answer never came): what shows it reads it again.
    pub fn on_stale(&self, uri: &str, then: impl Fn() + 'static) {
        let (stale, key) = (self.stale, uri_key(uri));
        Effect::new(move |seen: Option<u32>| {
            let (k, n) = stale.get();
            if seen.is_some_and(|s| s != n) && (k == key || k == EVERY_LIST) {
                then();
            }
            n
        });
    }

    /// Every list shown reads again: what was read before the moderator signed in again may be old, and
    /// what failed meanwhile says so until the next read (QA: "The last read failed: 401" stayed up after
    /// "Signed in again").
    pub fn mark_all_stale(&self) {
        self.mark_stale(EVERY_LIST);
    }

    pub fn mark_stale(&self, uri: &str) {
        self.stale.update(|(key, n)| {
            *key = uri_key(uri);
            *n += 1;
        });
    }

    /// The filter kept for the list `uri` (empty when none was kept).
    pub fn filter(&self, uri: &str) -> UserFilter {
        session_get(&filter_key(uri)).map(|s| UserFilter::decode(&s)).unwrap_or_default()
    }

    pub fn keep_filter(&self, uri: &str, filter: &UserFilter) {
        session_set(&filter_key(uri), &filter.encode());
    }

    /// How often the list `uri` is read again by itself, in seconds (0: not), as the moderator last chose
    /// it in this browser tab: during an event it stays on while they look at other tabs and pages.
    /// `None` when they have not chosen.
    pub fn auto_refresh(&self, uri: &str) -> Option<u32> {
        session_get(&auto_key(uri)).and_then(|s| s.parse().ok())
    }

    pub fn keep_auto_refresh(&self, uri: &str, secs: u32) {
        session_set(&auto_key(uri), &secs.to_string());
    }

    /// The split form of the conference `uri` as the moderator left it in this browser tab (QA: "Red, Blue,
    /// Green, Yellow" went back to 2 and "Room" at each visit, and the second breakout of an event is the
    /// first's again).
    pub fn split_form(&self, uri: &str) -> SplitForm {
        session_get(&split_key(uri)).and_then(|k| SplitForm::decode(&k)).unwrap_or_default()
    }

    pub fn keep_split_form(&self, uri: &str, form: &SplitForm) {
        session_set(&split_key(uri), &form.encode());
    }

    /// Notes when the last change was made, as `undo` takes it: the session calls this whenever `undo`
    /// changes. An undo sent in part keeps the change's time.
    pub fn note_undo_made(&self) {
        let label = self.undo.with_untracked(|u| u.as_ref().map(|e| e.label.clone()));
        let same = self.undo_made.with_untracked(|m| m.as_ref().map(|(l, _)| l) == label.as_ref());
        if !same {
            self.undo_made.set(label.map(|l| (l, js_sys::Date::now())));
        }
    }

    /// When the change `undo` holds now was made (`Date.now()` ms), once noted (`note_undo_made`).
    pub fn undo_made_at(&self) -> Option<f64> {
        let label = self.undo.with_untracked(|u| u.as_ref().map(|e| e.label.clone()))?;
        self.undo_made.with_untracked(|m| m.as_ref().filter(|(l, _)| *l == label).map(|(_, at)| *at))
    }

    /// A change was made: its Undo is the one offered, and the one it replaces is undone after it. Not past
    /// a change that cannot be undone: undoing what came before it would not bring back how things were. Nor
    /// the Undo running now, which holds, when it stops, only what it has not sent.
    pub fn made(&self, entry: UndoEntry) {
        let replaced = if self.undoing.get_untracked() { None } else { self.undo.get_untracked() };
        let made_at = self.undo_made_at().unwrap_or_else(js_sys::Date::now);
        self.earlier.update_value(|earlier| match replaced {
            Some(last) if last.impossible.is_none() => {
                earlier.push((last, made_at));
                let over = earlier.len().saturating_sub(EARLIER_UNDOS);
                earlier.drain(..over);
            }
            Some(_) => earlier.clear(),
            None => {}
        });
        self.undo.set(Some(entry));
    }

    /// The last change and the one before it, `first`, are undone as one, `entry` (the admissions that
    /// followed a change of join handling): `first` leaves the changes before.
    pub fn made_together(&self, first: &UndoEntry, entry: UndoEntry) {
        self.earlier.update_value(|earlier| {
            if earlier.last().is_some_and(|(e, _)| e.label == first.label && e.scope == first.scope) {
                earlier.pop();
            }
        });
        self.undo.set(Some(entry));
    }

    /// Nothing can be undone any more: the changes made so far no longer say how to go back.
    pub fn forget_undo(&self) {
        self.earlier.set_value(Vec::new());
        self.undo.set(None);
    }

    /// Forgets the changes made in the conference `uri` (gone): their Undos could only meet 404s.
    pub fn forget_undo_in(&self, uri: &str) {
        let there = |e: &UndoEntry| uri_key(e.scope.conference()) == uri_key(uri);
        self.earlier.update_value(|earlier| earlier.retain(|(e, _)| !there(e)));
        if self.undo.with_untracked(|u| u.as_ref().is_some_and(there)) {
            self.undo_done();
        }
    }

    /// The last change is undone, or its undo given up: the one before it can be undone next.
    pub fn undo_done(&self) {
        match self.earlier.try_update_value(|e| e.pop()).flatten() {
            Some((entry, made_at)) => self.restore_undo(entry, made_at),
            None => self.undo.set(None),
        }
    }

    /// Gives back an Undo kept across a reload, made at `made_at`: its age goes on from then.
    pub fn restore_undo(&self, entry: UndoEntry, made_at: f64) {
        self.undo_made.set(Some((entry.label.clone(), made_at)));
        self.undo.set(Some(entry));
    }

    /// How long ago the last change was made, in milliseconds at `now` (tracked).
    pub fn undo_age_ms(&self, now: f64) -> Option<f64> {
        self.undo_made.with(|m| m.as_ref().map(|(_, at)| now - at))
    }

    /// The Undo button's words for the change `what`: how far it has gone while an undo of several
    /// requests runs (undoing a bulk action of hundreds takes a while), so that the moderator sees it move.
    pub fn undo_button_label(self, what: String) -> Signal<String> {
        let what = isolate_rtl(&what).into_owned();
        Signal::derive(move || match self.undo_progress.get() {
            Some((done, total)) => format!("Undoing {what}: {done} of {total}"),
            None => format!("Undo: {what}"),
        })
    }

    /// Whether an undo of several requests is running, which can be stopped (tracked).
    pub fn undo_stoppable(&self) -> bool {
        self.undo_progress.with(Option::is_some)
    }

    /// Whether the running undo was asked to stop (tracked).
    pub fn undo_stopping(&self) -> bool {
        self.undo_stop.get()
    }

    /// Asks the running undo to send no more: the request in flight ends, the rest stay to be undone.
    pub fn stop_undo(&self) {
        if self.undo_progress.with_untracked(Option::is_some) {
            self.undo_stop.set(true);
        }
    }

    /// Sends the inverse requests of the last change: in order, or a few at once when each is about one user
    /// of its own. It sends no more after one fails (the rest would apply to a state that is not the one they
    /// were built for), or once the moderator stops it; either way what was not done stays to be undone, so
    /// that Undo goes on from there rather than sending again what was done.
    pub async fn run_undo(self, ccmp: Ccmp) {
        let Some(entry) = self.undo.get_untracked() else { return };
        if self.undoing.get_untracked() {
            return;
        }
        // The Undo button is disabled with the reason; a shortcut or a notice's Undo says it too.
        if let Some(why) = entry.impossible {
            let notice = Notice::plain(Tone::Info, format!("{} cannot be undone", entry.label), why);
            ccmp.notices.push(notice.about(Some(ccmp.about_conference(entry.scope.uri()))));
            return;
        }
        self.undoing.set(true);
        let action = format!("Undo: {}", entry.label);
        // What an earlier run of this undo said when it stopped is answered now.
        ccmp.notices.dismiss_titled(&format!("{action}: stopped"));
        // The users as they are now, for an undo that puts back only what is still as the change left it.
        let now = if entry.left.is_some() || entry.checks_users() {
            users_now(ccmp, &entry).await
        } else {
            Ok(Users::default())
        };
        if let (Some(left), Ok(now)) = (&entry.left, &now) {
            if let Some(changed) = left.changed_since(now) {
                let notice = Notice::plain(
                    Tone::Warning,
                    format!("{action}: not sent"),
                    format!(
                        "Someone else changed the {changed} since. The undo would put back the settings as \
                         they were before your change, over theirs: change them by hand if need be."
                    ),
                );
                ccmp.notices.push(notice.about(Some(ccmp.about_conference(entry.scope.uri()))));
                self.undo_done();
                self.undoing.set(false);
                // The tab that shows the settings shows theirs now (QA: it kept the old value until
                // its next read).
                self.mark_stale(entry.scope.uri());
                return;
            }
        }
        // Unread, the users' steps are not sent: each might drop a change someone else made since.
        let now = match now {
            Ok(now) => now,
            Err(why) if entry.checks_users() => {
                let notice = Notice::plain(
                    Tone::Warning,
                    format!("{action}: not sent"),
                    format!(
                        "The users could not be read ({why}) to check that nobody changed them since. Undo \
                         tries again."
                    ),
                );
                ccmp.notices.push(notice.about(Some(ccmp.about_conference(entry.scope.uri()))));
                self.undoing.set(false);
                return;
            }
            Err(_) => Users::default(),
        };
        let total = entry.steps.len();
        // Each a change to one user, the steps do not depend on one another: a few go at once, as a bulk run's
        // requests do (the undo of "Mute all" took as long as the mute did one after the other). Any other
        // undo goes in order: the deny list before the users it lets back in, a room left before the
        // conference is joined again.
        let independent = entry.steps.iter().all(|s| matches!(s.guard, Some(Guard::Left(_))));
        let in_flight = if independent { BULK_IN_FLIGHT } else { 1 };
        let run = RefCell::new(UndoRun { done: vec![false; total], ..Default::default() });
        let (run_ref, now_ref, action_ref, scope) = (&run, &now, &action, &entry.scope);
        let steps = futures_util::stream::iter(entry.steps.iter().cloned().enumerate());
        steps
            .for_each_concurrent(in_flight, |(i, step)| async move {
                {
                    let mut r = run_ref.borrow_mut();
                    // Nothing more after a refusal. The first request is on its way before a Stop can be
                    // seen, so only later ones are held back.
                    if r.failed.is_some() || (r.started > 0 && self.undo_stop.get_untracked()) {
                        return;
                    }
                    r.started += 1;
                    if total > 1 {
                        self.undo_progress.set(Some((r.finished(), total)));
                    }
                    // Someone moved who has left the room they were moved to is not brought back.
                    if step.brings_back().is_some_and(|e| r.left_room.contains(&uri_key(e))) {
                        r.passed.not_brought_back += 1;
                        r.done[i] = true;
                        return;
                    }
                    // Only what is still as the change left it is put back (QA: the Undo of a bulk mute unmuted
                    // someone a co-moderator had set `inactive` since, and said nothing).
                    let since = step.guard.as_ref().map(|g| (g.since(now_ref), g.name_in(now_ref)));
                    let passed_over = !matches!(since, Some((Since::AsLeft, _)) | None);
                    match since {
                        Some((Since::Changed, name)) => r.passed.changed.push(name),
                        Some((Since::Back, name)) => r.passed.back.push(name),
                        Some((Since::Waiting, name)) => r.passed.waiting.push(name),
                        Some((Since::Gone, name)) => r.passed.gone.push(name),
                        Some((Since::AsLeft, _)) | None => {}
                    }
                    if passed_over {
                        r.done[i] = true;
                        return;
                    }
                }
                // Nothing left to do (what a keep-out put on the deny list is off it already): done.
                let Some(request) = step.request_now(now_ref) else {
                    let mut r = run_ref.borrow_mut();
                    r.passed.off_list += 1;
                    r.done[i] = true;
                    return;
                };
                // One notice for the whole of an undo of several requests (below), not one per request: a
                // screen reader would read out "200 Success" a hundred times.
                // The first half of a move's undo is sent quietly: its 420 or 404 is an answer the undo expects
                // (QA: "420 User Not Found" stayed beside "Nothing was changed"); any other refusal is told below.
                // A room's closing is an answer a move's undo expects too, put back into the room they came from.
                let expects_404 = step.out_of_room().is_some() || matches!(step.guard, Some(Guard::BackInto { .. }));
                let mode = match (total > 1, expects_404) {
                    (_, true) => Mode::Background,
                    (true, false) => Mode::Read,
                    (false, false) => Mode::Change,
                };
                // The version it raises is the panel's own: the next read must not tell the undo as someone
                // else's change (QA: "Changed elsewhere: Join handling: allow → confirm" after an Undo). Counted
                // as it is sent, as a bulk run's, for answers that come in any order.
                let counted = counted_on(&step.request, scope);
                ccmp.store.own_change_unseen(&counted);
                let sent = ccmp.send(request, action_ref, mode).await;
                let mut r = run_ref.borrow_mut();
                match sent {
                    Sent::Ok(answer) => {
                        if let Some(parent) = scope.raises_too() {
                            ccmp.store.own_change_unseen(parent);
                        }
                        if let Some(v) = answer.version {
                            ccmp.store.versions.try_update_value(|t| t.on_counted_change(&counted, v));
                        }
                        r.done[i] = true;
                    }
                    // The room they were moved to no longer has them (420): out of it, as the undo wants; they are
                    // not brought back either (see `Guard::Out`). Or the room is gone (404), and they with it back
                    // in the conference: out of it too, and brought back to the room they came from (QA: that
                    // undo met 404 at each try, for good).
                    Sent::Refused(answer) if step.out_of_room().is_some() && out_already(answer.code) => {
                        ccmp.store.own_change_not_made(&counted);
                        let name = step.guard.as_ref().map(Guard::name).unwrap_or_default();
                        match (step.out_of_room(), answer.code.effective()) {
                            (Some(entity), ResponseCode::UserNotFound) => {
                                r.left_room.insert(uri_key(entity));
                                r.passed.left_room.push(name);
                            }
                            _ => r.passed.room_closed.push(name),
                        }
                        r.done[i] = true;
                    }
                    // The room a move from the conference's list (or a removal) took them out of is closed: it
                    // has nobody to put back; the undo goes on with the others.
                    Sent::Refused(answer)
                        if matches!(step.guard, Some(Guard::BackInto { .. }))
                            && answer.code.effective() == ResponseCode::ObjectNotFound =>
                    {
                        ccmp.store.own_change_not_made(&counted);
                        r.passed.from_room_closed.push(step.guard.as_ref().map(Guard::name).unwrap_or_default());
                        r.done[i] = true;
                    }
                    Sent::Refused(answer) if step.out_of_room().is_some() => {
                        ccmp.store.own_change_not_made(&counted);
                        let kind = step.request.body.kind();
                        let said = answer.response_string.as_deref();
                        let notice = crate::state::notice::for_response(action_ref, kind, answer.code, said);
                        ccmp.notices.push(notice.about(Some(ccmp.about_conference(scope.uri()))));
                        r.failed.get_or_insert((i, Sent::Refused(answer)));
                    }
                    // Requests about users no longer there (420) are passed over too: their undo has nothing to
                    // act on, and it must not hold back the others' (a bulk mute's undo, one of whose users
                    // left meanwhile).
                    Sent::Refused(answer) if total > 1 && answer.code.effective() == ResponseCode::UserNotFound => {
                        ccmp.store.own_change_not_made(&counted);
                        r.passed.gone.push(step.guard.as_ref().map_or_else(|| "someone".to_owned(), Guard::name));
                        r.done[i] = true;
                    }
                    other => {
                        if !matches!(&other, Sent::Failed(e) if e.may_have_acted()) {
                            ccmp.store.own_change_not_made(&counted);
                        }
                        r.failed.get_or_insert((i, other));
                    }
                }
            })
            .await;
        let UndoRun { done, passed, failed, .. } = run.into_inner();
        let sent = done.iter().filter(|d| **d).count();
        self.undo_progress.set(None);
        self.undo_stop.set(false);
        let scope_uri = entry.scope.uri().to_owned();
        let list = uri_key(&scope_uri);
        let end = match &failed {
            None if sent == total => UndoEnd::Done,
            None => UndoEnd::Stopped,
            Some((_, Sent::Failed(_))) => UndoEnd::Unreachable,
            Some((at, _)) => UndoEnd::Refused { at: *at },
        };
        if let Some(notice) = outcome_notice(&action, end, total, sent, &passed) {
            ccmp.notices.push(notice.about(Some(ccmp.about_conference(&scope_uri))));
        }
        if sent == total {
            self.undo_done();
            // The result of the bulk run it undid ("50 of 50 succeeded") no longer says where things stand.
            self.bulk.maybe_update(|b| {
                let undone = b.as_ref().is_some_and(|(key, run)| run.finished && *key == list);
                if undone {
                    *b = None;
                }
                undone
            });
        } else {
            let rest = entry.remaining(&done);
            // Only when no later change took its place while it ran.
            self.undo.maybe_update(|u| match u {
                Some(current) if current.label == rest.label && current.scope == rest.scope => {
                    *current = rest;
                    true
                }
                _ => false,
            });
        }
        self.mark_stale(&scope_uri);
        self.undoing.set(false);
    }
}

/// How an undo's run goes, as its requests are answered (several at once, for an undo of independent steps).
#[derive(Default)]
struct UndoRun {
    /// Per step: sent and done, or passed over.
    done: Vec<bool>,
    /// How many steps began.
    started: usize,
    /// The users passed over: gone since, changed since by someone else, or back since.
    passed: PassedOver,
    /// The first step that failed, and how: refused by the server, or not reaching it.
    failed: Option<(usize, Sent)>,
    /// Those moved (by `uri_key` of their entity) whom the room they were moved to no longer had.
    left_room: HashSet<String>,
}

impl UndoRun {
    fn finished(&self) -> usize {
        self.done.iter().filter(|d| **d).count()
    }
}

/// Whether `code`, answering the removal of someone moved from the room they were moved to, says they are out
/// of it already: not in it (420), or the room gone (404).
fn out_already(code: ccmp::ResponseCode) -> bool {
    matches!(code.effective(), ResponseCode::UserNotFound | ResponseCode::ObjectNotFound)
}

/// The users an undo checks its steps against, read just before it goes: of a conference, the one user
/// of an undo of a change to one user (not a list of 10,000); else the whole list, one read.
async fn users_now(ccmp: Ccmp, entry: &UndoEntry) -> Result<Users, String> {
    let one = match entry.steps.as_slice() {
        [step] if entry.left.is_none() => step.guard.as_ref().and_then(|g| g.single_entity()),
        _ => None,
    };
    match one {
        Some(entity) => read_user(ccmp, &entry.scope, entity)
            .await
            .map(|u| Users { users: u.into_iter().collect(), ..Default::default() }),
        None => read_users(ccmp, &entry.scope, Mode::Read).await.map(|(users, _)| users),
    }
}

impl Default for Moderation {
    fn default() -> Self {
        Self::new()
    }
}

/// A change request of this panel on its way: answered when dropped, however its send ended (a future
/// dropped mid-flight too: a user left in flight would never be news again).
pub struct InFlight {
    changed_here: StoredValue<OwnChanges>,
    about: Option<(String, Vec<String>)>,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        if let Some((list, users)) = self.about.take() {
            self.changed_here.try_update_value(|c| c.answered(&list, &users));
        }
    }
}

fn filter_key(uri: &str) -> String {
    format!("ccmp-panel:users-filter:{}", uri_key(uri))
}

fn split_key(uri: &str) -> String {
    format!("ccmp-panel:split-form:{}", uri_key(uri))
}

fn auto_key(uri: &str) -> String {
    format!("ccmp-panel:users-auto:{}", uri_key(uri))
}

pub fn use_moderation() -> Moderation {
    expect_context()
}

/// The object whose version an undo's `request` raises, made from the users view of `scope`: the view's own,
/// but for a move's undo from the conference's list, a room by reference, a conference of its own (counted on
/// the conference, the change the server never made there took the next change someone else made for the
/// panel's own, and the banner said nothing of it: QA).
fn counted_on(request: &ccmp::Request, scope: &crate::state::scope::Scope) -> String {
    match (request.body.kind(), request.conf_obj_id.as_deref()) {
        (ccmp::MessageKind::SidebarByRef, Some(room)) if uri_key(room) != uri_key(scope.uri()) => room.to_owned(),
        _ => scope.uri().to_owned(),
    }
}
