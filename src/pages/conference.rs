use ccmp::xcon::{Conference, ConferenceState, Operation};
use ccmp::{MessageKind, Request, ResponseCode};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use super::conference_admission::AdmissionTab;
use super::conference_edit::EditTab;
use super::conference_extend::ExtendButton;
use super::conference_sidebars::SidebarsTab;
use super::conference_users::UsersTab;
use crate::api::{self, iso_now, local_time, tab_hidden};
use crate::components::{
    conference_href, focus_main_if_lost, route_uri, use_page_title, ActionButton, ActionLink, ConfOverview, Tabs,
    XmlView,
};
use crate::session::drafts::ConfDrafts;
use crate::session::users_handle::tell_standing;
use crate::session::{use_ccmp, use_drafts, Answer, Ask, Ccmp, Mode, Sent, Traced};
use crate::state::elsewhere::{self, Change};
use crate::state::glance::Glance;
use crate::state::notice::{Notice, Tone};
use crate::state::uri_key;
use crate::state::users_news::{manages_in, my_standing_in};
use crate::state::versions::VersionCheck;
use crate::state::waiting::{in_count, people, present_keys, waiting_count};
use crate::state::watch_pace::{after_other_read, next_read};

/// The tabs of a conference page (users, admission and sidebars are part 2's).
const TABS: [(&str, &str); 6] = [
    ("overview", "Overview"),
    ("users", "Users"),
    ("admission", "Admission"),
    ("sidebars", "Breakout rooms"),
    ("edit", "Edit"),
    ("raw", "Raw XML"),
];

/// What the page knows about its conference; shared with the tabs.
#[derive(Clone, Copy)]
pub struct ConfPage {
    pub uri: Memo<String>,
    /// The document last read.
    pub doc: RwSignal<Option<Conference>>,
    pub version: RwSignal<Option<u64>>,
    /// The body of the last read, as received.
    pub raw: RwSignal<Option<String>>,
    /// When the last read succeeded (`iso_now`): the overview reads by itself, and says how fresh it is.
    pub read_at: RwSignal<Option<String>>,
    /// Why the last read failed.
    pub error: RwSignal<Option<String>>,
    pub loading: RwSignal<bool>,
    /// What someone else changed, since the moderator last dismissed it (`Name: A → B`).
    pub elsewhere: RwSignal<Vec<Change>>,
    /// When the overview reads its conference again by itself (`Date.now()` ms; see [`keep_current`]).
    live_due: StoredValue<f64>,
    /// The next read follows news of someone else's change from another read ([`ConfPage::read_news`]),
    /// which already took the version step the read would take for it.
    news: StoredValue<bool>,
    /// The last read answered 404: the page says the conference does not exist (any more), and the overview
    /// stops reading by itself (a Re-read still may).
    pub gone: RwSignal<bool>,
    /// The conference's name as last read: the heading keeps it once the conference is gone, so that the
    /// moderator still sees which one it was.
    last_name: StoredValue<Option<String>>,
    /// The order of the page's reads and own changes: the number given to the latest begun, and that of
    /// the latest whose outcome the page shows. An answer to a read begun before what the page shows is
    /// stale, whenever it comes (QA: a slow Re-read answered after a Lock put back "unlocked").
    order: StoredValue<(u64, u64)>,
    /// The edit tab's work and the admission tab's allowed-list edit: the session keeps them (see
    /// `session::drafts`), so that they outlive a visit to another tab or another page.
    pub drafts: ConfDrafts,
}

impl ConfPage {
    /// Re-reads the conference. `expected` is the document the panel expects (the last read with the
    /// moderator's own change applied); fields that differ from it are someone else's changes.
    pub async fn read(self, ccmp: Ccmp, expected: Option<Conference>) -> Option<Conference> {
        self.read_as(ccmp, expected, Mode::Read).await
    }

    /// Reads the conference in the background after another request (the users tab's) showed that someone
    /// else changed it: the banner says what changed in its settings, against the document on screen.
    pub async fn read_news(self, ccmp: Ccmp) {
        if !self.alive() || self.gone.get_untracked() {
            return;
        }
        // A read under way (a Re-read, whose users read brought this news) tells it: its answer comes after
        // the users read that took the new version, and would otherwise find nothing new (e2e: a
        // co-moderator's lock, read back after a Re-read, shown and not told).
        self.news.set_value(true);
        if !self.loading.get_untracked() {
            self.read_as(ccmp, None, Mode::Background).await;
        }
    }

    /// Makes the next read tell what changed against the document on screen: a read of another kind (the
    /// Admission tab's, just before its own change) found someone else's change, and took its version.
    pub fn expect_news(&self) {
        self.news.try_set_value(true);
    }

    /// A read in `mode`. A background read (the overview keeping itself current) shows no progress: it
    /// would disable the Re-read button every few seconds, and take the focus off it.
    pub(super) async fn read_as(self, ccmp: Ccmp, expected: Option<Conference>, mode: Mode) -> Option<Conference> {
        let uri = self.uri.try_get_untracked()?;
        let conn = ccmp.connection.get()?;
        let ticket = self.begin();
        let stamp = ccmp.store.versions.try_with_value(|t| t.stamp()).unwrap_or(0);
        let shown = mode != Mode::Background;
        if shown {
            self.loading.set(true);
        }
        let Traced { sent, body, .. } =
            ccmp.send_traced(Request::conf_retrieve(&conn.user, &uri), "Read conference", mode).await;
        if !self.alive() {
            // The moderator left the page while the request ran; the list still learns the news.
            if let Sent::Ok(r) = &sent {
                if let Some(conf) = r.body.conference() {
                    ccmp.store.update_row(ccmp, &uri, conf, r.version);
                }
            }
            return None;
        }
        if shown {
            self.loading.set(false);
        }
        self.live_due.update_value(|due| *due = after_other_read(*due, js_sys::Date::now()));
        let response = match sent {
            Sent::Ok(r) => r,
            other => {
                if other.code() == Some(ResponseCode::ObjectNotFound) {
                    self.doc.set(None);
                    self.version.set(None);
                    self.gone.set(true);
                    // The header's actions went with it, and the focus may have been on one of them.
                    focus_main_if_lost();
                }
                self.error.set(Some(other.describe()));
                return None;
            }
        };
        let Some(conf) = response.body.conference().cloned() else {
            self.error.set(Some("The server answered 200 without the conference document".into()));
            return None;
        };
        let version = response.version.or(conf.version.map(u64::from));
        // Begun before what the page shows now: an older state, which the page keeps away.
        if self.order.try_with_value(|(_, shown)| ticket < *shown).unwrap_or(true) {
            return self.doc.get_untracked();
        }
        self.order.update_value(|(_, shown)| *shown = ticket);
        let check = version.and_then(|v| ccmp.store.versions.try_update_value(|t| t.on_read_since(&uri, v, stamp)));
        // Answered before a change of the panel's whose answer came first (a bulk run's): an older state, kept
        // away as above.
        if check == Some(VersionCheck::Overtaken) {
            return self.doc.get_untracked();
        }
        // Not a reply overtaken by another (the order above): the server itself went back, restored from a
        // backup, or another copy of it answered. What it holds now is what the page shows, and says so.
        if let Some(VersionCheck::Older { known, now }) = check {
            ccmp.store.versions.update_value(|t| t.went_back(&uri, now));
            ccmp.notices.push(Notice::plain(
                Tone::Warning,
                "The conference's version went back",
                format!(
                    "The server answered with version {now}, older than the version {known} the panel had read: it \
                     may have been restored from a backup, or another copy of it answered. The page shows what it \
                     holds now; a change made since version {now} may be lost."
                ),
            ));
        }
        let jumped = matches!(check, Some(VersionCheck::ChangedElsewhere { .. }));
        // Against the document the moderator's edit began from, else the one on screen (not copied: it
        // may hold 10,000 users).
        let news = match &expected {
            Some(before) => Some(elsewhere::describe(before, &conf, api::local_form_time)),
            None if jumped || self.news.try_update_value(std::mem::take).unwrap_or(false) => self
                .doc
                .with_untracked(|d| d.as_ref().map(|before| elsewhere::describe(before, &conf, api::local_form_time))),
            None => None,
        };
        // A jump that changed nothing the page shows, nor who is in, is still someone else's change.
        let news = match (news, check) {
            (Some(n), Some(VersionCheck::ChangedElsewhere { known, now })) if n.is_empty() => {
                let same_users = self.doc.with_untracked(|d| d.as_ref().is_some_and(|b| b.users == conf.users));
                Some(if same_users { vec![elsewhere::unseen(known, now)] } else { n })
            }
            (news, _) => news,
        };
        // The rooms this panel opened or closed since the last read are its own, whatever else came with them.
        let own = ccmp.store.take_own_rooms(&uri);
        let news = news.map(|mut n| {
            elsewhere::without_own_rooms(&mut n, &own.opened, &own.closed);
            n
        });
        if let Some(news) = news.filter(|n| !n.is_empty()) {
            let news = elsewhere::seen_at(news, &api::local_time(&api::iso_now()));
            self.elsewhere.update(|shown| elsewhere::merge(shown, news));
        }
        self.elsewhere.maybe_update(|shown| elsewhere::settle(shown, &conf, api::local_form_time));
        note_standing(ccmp, &uri, self.doc, (&conf, version), jumped);
        // Only what changed is set again: a read every few seconds that finds nothing new redraws nothing.
        // (One that does redraws the overview in place: its elements, and the keyboard focus, stay.)
        self.error.maybe_update(|e| e.take().is_some());
        self.gone.maybe_update(std::mem::take);
        let name = conf.display_text().filter(|n| !n.trim().is_empty()).map(str::to_owned);
        self.last_name.set_value(name);
        self.read_at.set(Some(iso_now()));
        self.raw.maybe_update(|r| replace_if_changed(r, body));
        self.version.maybe_update(|v| replace_if_changed(v, version));
        self.doc.maybe_update(|d| replace_if_changed(d, Some(conf.clone())));
        ccmp.store.update_row(ccmp, &uri, &conf, version);
        Some(conf)
    }

    /// Numbers a read or a change as it begins (see `order`).
    fn begin(&self) -> u64 {
        self.order
            .try_update_value(|(begun, _)| {
                *begun += 1;
                *begun
            })
            .unwrap_or(0)
    }

    /// Whether the page is still shown: its signals are disposed when the moderator navigates away, and
    /// reading a disposed signal panics, so code that resumes after a request checks first.
    pub fn alive(&self) -> bool {
        !self.doc.is_disposed() && self.uri.try_get_untracked().is_some()
    }

    /// After the moderator's own change returned `version`: re-read when it jumped by more than one.
    pub async fn after_own_change(self, ccmp: Ccmp, version: Option<u64>, expected: Conference) -> Option<Conference> {
        let uri = self.uri.try_get_untracked()?;
        // The change is newer than any read begun before it: their answers are stale.
        let ticket = self.begin();
        self.order.update_value(|(_, shown)| *shown = ticket);
        let check = version.and_then(|v| ccmp.store.versions.try_update_value(|t| t.on_own_change(&uri, v)));
        if matches!(check, Some(VersionCheck::ChangedElsewhere { .. })) {
            self.read(ccmp, Some(expected)).await
        } else {
            self.read_quietly(ccmp).await
        }
    }

    /// After a change the moderator made from the page's header (lock, extend): their own on 200, a re-read
    /// on 409 (someone else's change came first), nothing else on a refusal the notice already explains.
    pub async fn after_header_change(
        self,
        ccmp: Ccmp,
        action: &str,
        sent: Sent,
        before: Conference,
        expected: Conference,
    ) {
        match sent {
            Sent::Ok(r) => {
                self.after_own_change(ccmp, r.version, expected).await;
            }
            Sent::Refused(r) if r.code == ResponseCode::Conflict => {
                self.read(ccmp, None).await;
            }
            // No answer, or not the server's: it may have made the change. The conference as read now tells;
            // made, the change is said to be done and is not put down to someone else (QA: a Lock answered
            // after 30 s left "No answer within 30 s" beside "Changed elsewhere: Locked: no → yes").
            Sent::Failed(e) if e.may_have_acted() => {
                let Some(now) = self.read_quietly(ccmp).await else { return };
                let time = api::local_form_time;
                if !elsewhere::describe(&now, &expected, time).is_empty() {
                    return;
                }
                let own = elsewhere::describe(&before, &expected, time);
                self.elsewhere.update(|shown| {
                    shown.retain(|c| !own.iter().any(|o| o.what == c.what && o.after == c.after));
                });
                ccmp.audit.read_back(action, true);
                ccmp.notices.dismiss_titled(&format!("{action}: "));
                ccmp.notices.push(
                    Notice::plain(
                        Tone::Success,
                        format!("{action}: done"),
                        "The conference as read now has it: the server made the change, and only its answer was lost.",
                    )
                    .about(Some(ccmp.about_conference(&self.uri.get_untracked()))),
                );
            }
            _ => {}
        }
    }

    /// On the tabs that must not move under the moderator's eyes (the edit form, the raw XML): reads the
    /// conference and tells in the banner what changed elsewhere, leaving the page's copy as it is (QA: a
    /// co-moderator's rename showed nowhere for as long as the Edit tab was open). A change is told once, not
    /// again at each read while the copy is still the older one.
    async fn peek(self, ccmp: Ccmp) {
        let (Some(uri), Some(conn)) = (self.uri.try_get_untracked(), ccmp.connection.get()) else { return };
        let Sent::Ok(r) =
            ccmp.send(Request::conf_retrieve(&conn.user, &uri), "Read conference", Mode::Background).await
        else {
            return;
        };
        let Some(conf) = r.body.conference() else { return };
        let version = r.version.or(conf.version.map(u64::from));
        if !self.alive() || version.is_none() || version == self.version.get_untracked() {
            return;
        }
        let news = self.doc.with_untracked(|d| d.as_ref().map(|b| elsewhere::describe(b, conf, api::local_form_time)));
        let mut news = news.unwrap_or_default();
        let own = ccmp.store.own_rooms(&uri);
        elsewhere::without_own_rooms(&mut news, &own.opened, &own.closed);
        self.elsewhere
            .with_untracked(|shown| news.retain(|n| !shown.iter().any(|s| s.what == n.what && s.after == n.after)));
        if !news.is_empty() {
            let news = elsewhere::seen_at(news, &local_time(&iso_now()));
            self.elsewhere.update(|shown| elsewhere::merge(shown, news));
        }
        self.elsewhere.maybe_update(|shown| elsewhere::settle(shown, conf, api::local_form_time));
    }

    /// A read whose differences are not reported (the moderator's own change is the only one).
    pub(super) async fn read_quietly(self, ccmp: Ccmp) -> Option<Conference> {
        let mut keep = self.elsewhere.try_get_untracked()?;
        let conf = self.read(ccmp, None).await;
        // What the banner said stays, brought up to the read (the moderator's change may undo a line's).
        if let Some(now) = &conf {
            elsewhere::settle(&mut keep, now, api::local_form_time);
        }
        self.elsewhere.set(keep);
        conf
    }
}

/// Re-reads the conference each time the moderator comes back to the browser tab (from the video call, say):
/// what co-moderators changed meanwhile shows at once, explained, and not at the next click. One confRequest
/// per return.
/// The moderator's own standing in the conference `uri`, from the page's reads too (QA: demoted while the
/// overview was open, nothing was said, and the users tab opened after had no read before to compare with):
/// told when `conf`, read after someone else's change (`elsewhere`: the version moved on by more than this
/// panel's changes), shows them lose their say since the document `doc` holds; forgotten when it shows them a
/// moderator again. The document may lag behind the moderator's own changes from the users tab (a demotion
/// of themselves, asked first): those are not news.
fn note_standing(
    ccmp: Ccmp,
    uri: &str,
    doc: RwSignal<Option<Conference>>,
    (conf, version): (&Conference, Option<u64>),
    elsewhere: bool,
) {
    let Some(me) = ccmp.connection.user_key() else { return };
    let after = conf.users.as_ref().map_or(&[][..], |u| &u.users);
    let own = ccmp.moderation.changed_here_unsettled(uri);
    let standing = doc.try_with_untracked(|d| {
        let before = d.as_ref()?.users.as_ref()?;
        my_standing_in(&before.users, after, &me, &own)
    });
    match standing.flatten().filter(|_| elsewhere) {
        Some(standing) => tell_standing(ccmp, uri, &standing, version),
        None if manages_in(after, &me) == Some(true) && ccmp.moderation.lost_say(uri) => {
            ccmp.moderation.note_say(uri, None);
        }
        None => {}
    }
}

fn reread_on_return(page: ConfPage, ccmp: Ccmp) {
    let listener = window_event_listener_untyped("visibilitychange", move |_| {
        if !tab_hidden() && page.alive() && !page.loading.get_untracked() {
            spawn_local(async move {
                page.read(ccmp, None).await;
            });
        }
    });
    on_cleanup(move || listener.remove());
}

/// A request from another tab (users, admission, sidebars) or page may be the first to find the conference
/// gone (404, which drops it from the list): the page reads it then, and says so as when its own read finds
/// it gone, rather than keep offering to lock or delete it.
fn read_when_found_gone(page: ConfPage, ccmp: Ccmp) {
    let key = uri_key(&page.uri.get_untracked());
    // Only news from now on: the list may have found it gone before this page opened (its own read says so).
    Effect::new(move |first: Option<()>| {
        let dropped = ccmp.store.dropped.with(|d| d.as_deref() == Some(key.as_str()));
        if first.is_some() && dropped && page.alive() && !page.gone.get_untracked() && !page.loading.get_untracked() {
            // In the background: the notice of the request that found it gone is the one the moderator needs.
            spawn_local(async move {
                page.read_as(ccmp, None, Mode::Background).await;
            });
        }
    });
}

/// An undo of a change to this conference (from a notice, on any of its tabs) is read back at once: the
/// overview showed the undone value until its next read (QA).
fn read_after_undo(page: ConfPage, ccmp: Ccmp) {
    let moderation = crate::session::moderation::use_moderation();
    moderation.on_stale(&page.uri.get_untracked(), move || {
        if page.alive() && !page.gone.get_untracked() {
            spawn_local(async move {
                page.read_as(ccmp, None, Mode::Background).await;
            });
        }
    });
}

/// Puts `new` in `slot` when it differs; says whether it did (for `maybe_update`).
fn replace_if_changed<T: PartialEq>(slot: &mut T, new: T) -> bool {
    let changed = *slot != new;
    if changed {
        *slot = new;
    }
    changed
}

/// Keeps the overview current while the moderator looks at it: CCMP has no push, so the page reads its
/// conference again at the watch's pace (every [`WATCH_SECS`] that nothing else read it, less often when
/// reads are slow), and what someone else changed shows in the banner without a click. The overview tab,
/// the sidebars tab, whose picker offers the users of this document (someone who joined a minute ago
/// must be found there), and the admission tab, under a header that offers Lock or Unlock (QA: it offered
/// Lock on a conference locked from another tab); not the users tab, which reads its users itself. The edit
/// form and the raw XML, which should not move under the moderator's eyes, only learn what changed
/// ([`ConfPage::peek`]; read in full while the page's last read failed: that error must not outlast the
/// outage). Nothing is read while the browser tab is hidden; coming back reads at once
/// ([`reread_on_return`]). A conference someone else deleted says so (404) at the next read, and is not read
/// again by itself.
///
/// [`WATCH_SECS`]: crate::state::watch_pace::WATCH_SECS
fn keep_current(page: ConfPage, ccmp: Ccmp, tab: Signal<String>) {
    let tick = move || {
        let due = page.live_due.try_get_value().unwrap_or(f64::INFINITY);
        let now = js_sys::Date::now();
        if now < due || tab_hidden() || !page.alive() || page.loading.get_untracked() || page.gone.get_untracked() {
            return;
        }
        // On the other tabs only while the last read failed (the server was down): the error line goes
        // once the server answers again, rather than stay until a Re-read.
        let failed = page.error.try_with_untracked(Option::is_some).unwrap_or(false);
        let tab = tab.try_get_untracked();
        let peek_only = !failed && matches!(tab.as_deref(), Some("edit" | "raw"));
        if !failed && !peek_only && !matches!(tab.as_deref(), Some("overview" | "sidebars" | "admission")) {
            return;
        }
        // One read at a time: nothing is due again until this one ends.
        page.live_due.set_value(f64::INFINITY);
        spawn_local(async move {
            if peek_only {
                page.peek(ccmp).await;
            } else {
                page.read_as(ccmp, None, Mode::Background).await;
            }
            let took = js_sys::Date::now() - now;
            page.live_due.try_update_value(|due| *due = next_read(now, took));
        });
    };
    if let Ok(timer) = set_interval_with_handle(tick, std::time::Duration::from_secs(1)) {
        on_cleanup(move || timer.clear());
    }
}

/// A conference: overview, edit form, raw XML; lock and unlock, clone, delete behind a typed confirmation.
/// Each conference gets a page of its own: back and forward between two conferences build the page anew,
/// with that conference's drafts.
#[component]
pub fn ConferencePage() -> impl IntoView {
    let uri = route_uri("/conferences");
    move || {
        let uri = uri.get();
        // `/conferences/new` is the create page's: on the way to it (Clone, Back), this page, still there for
        // a moment, read a conference "new" and told of its 404 (QA).
        (!uri.trim().is_empty() && uri != "new").then(|| view! { <ConferenceView uri=uri/> })
    }
}

#[component]
fn ConferenceView(uri: String) -> impl IntoView {
    let ccmp = use_ccmp();
    let query = use_query_map();
    let navigate = use_navigate();
    let drafts = ccmp.connection.get().map(|conn| use_drafts().of(&conn, &uri)).unwrap_or_default();
    let uri = Memo::new(move |_| uri.clone());
    // A tab the page does not have (an old or mistyped link) opens the overview, marked as such.
    let tab = Signal::derive(move || {
        query.with(|q| q.get("tab").filter(|t| TABS.iter().any(|(id, _)| id == t)).unwrap_or_else(|| "overview".into()))
    });
    let page = ConfPage {
        uri,
        doc: RwSignal::new(None),
        version: RwSignal::new(None),
        raw: RwSignal::new(None),
        read_at: RwSignal::new(None),
        error: RwSignal::new(None),
        loading: RwSignal::new(false),
        elsewhere: RwSignal::new(Vec::new()),
        live_due: StoredValue::new(0.0),
        news: StoredValue::new(false),
        gone: RwSignal::new(false),
        last_name: StoredValue::new(None),
        order: StoredValue::new((0, 0)),
        drafts,
    };
    provide_context(page);
    // The moderator runs this conference: its waiting room is watched from now on, wherever they go.
    ccmp.store.lobby.follow(&uri.get_untracked());
    spawn_local(async move {
        page.read(ccmp, None).await;
    });
    reread_on_return(page, ccmp);
    keep_current(page, ccmp, tab);
    read_when_found_gone(page, ccmp);
    read_after_undo(page, ccmp);

    let name = move || {
        page.doc
            .with(|d| d.as_ref().and_then(|c| c.display_text().map(str::to_owned)))
            .filter(|n| !n.trim().is_empty())
            .or_else(|| page.last_name.get_value())
            .unwrap_or_else(|| uri.get())
    };
    use_page_title(Signal::derive(name));
    let locked =
        move || page.doc.with(|d| d.as_ref().and_then(|c| c.conference_state.as_ref()?.locked)).unwrap_or(false);
    let lock_busy = RwSignal::new(false);
    let delete_busy = RwSignal::new(false);
    let update_why = Signal::derive(move || ccmp.connection.allows(MessageKind::Conf, Some(Operation::Update)).err());
    let clone_why = Signal::derive(move || ccmp.connection.allows(MessageKind::Conf, Some(Operation::Create)).err());
    let delete_why = Signal::derive(move || ccmp.connection.allows(MessageKind::Conf, Some(Operation::Delete)).err());

    let toggle_lock = move || {
        let Some(conn) = ccmp.connection.get() else { return };
        let Some(before) = page.doc.get_untracked() else { return };
        let lock = !locked();
        let target = uri.get_untracked();
        // Only the overview, breakout rooms and admission tabs keep the conference current (`keep_current`):
        // from another, the header's state may be old, and is read first (QA: an Unlock from the Edit tab said
        // "200 Success" over a co-moderator's unlock, whose news was then lost).
        let stale = !matches!(tab.get_untracked().as_str(), "overview" | "sidebars" | "admission");
        lock_busy.set(true);
        spawn_local(async move {
            let action = if lock { "Lock conference" } else { "Unlock conference" };
            let before = if stale {
                match page.read(ccmp, None).await {
                    Some(now) => now,
                    None => {
                        // The read's failure is a notice of its own.
                        lock_busy.try_set(false);
                        return;
                    }
                }
            } else {
                before
            };
            if before.conference_state.as_ref().and_then(|s| s.locked).unwrap_or(false) == lock {
                let state = if lock { "locked" } else { "unlocked" };
                ccmp.notices.push(
                    Notice::plain(
                        Tone::Info,
                        format!("{action}: nothing to do"),
                        format!(
                            "It is {state} already: someone else (or you in another tab) {state} it. Nothing was sent."
                        ),
                    )
                    .about(Some(ccmp.about_conference(&target))),
                );
                lock_busy.try_set(false);
                return;
            }
            let changes = Conference {
                conference_state: Some(ConferenceState { locked: Some(lock), ..Default::default() }),
                ..Conference::new(target.clone())
            };
            let sent = ccmp.send(Request::conf_update(&conn.user, &target, changes), action, Mode::Change).await;
            let mut expected = before.clone();
            expected.conference_state.get_or_insert_with(Default::default).locked = Some(lock);
            page.after_header_change(ccmp, action, sent, before, expected).await;
            lock_busy.set(false);
        });
    };

    let delete = {
        let navigate = navigate.clone();
        move || {
            let Some(conn) = ccmp.connection.get() else { return };
            let target = uri.get_untracked();
            let mut shown = name();
            let navigate = navigate.clone();
            delete_busy.set(true);
            spawn_local(async move {
                // The name typed is the one the page shows: when someone renames the conference while the
                // moderator confirms (the overview keeps reading it), they are asked again, under the new name.
                let mut note = String::new();
                // The counts the dialog gives are read now: the page's document may not have followed what was
                // done in another tab (QA: "3 waiting to join" of three people admitted from the users tab).
                // A read that fails leaves the last one's; the read after the confirmation checks anyway.
                if page.read_quietly(ccmp).await.is_some() {
                    shown = untrack(name);
                }
                if !page.alive() || page.gone.try_get_untracked().unwrap_or(true) {
                    delete_busy.try_set(false);
                    return;
                }
                let confirmed = loop {
                    // How many it would cut off, as last read: "everyone" is not a number a moderator can weigh.
                    let doc = page.doc.get_untracked();
                    let asked_in = doc.as_ref().map(present_keys).unwrap_or_default();
                    let waiting = match doc.as_ref().and_then(waiting_count).unwrap_or(0) {
                        0 => String::new(),
                        w => format!(", and {} waiting to join", people(w as usize)),
                    };
                    let present = match doc.as_ref().and_then(in_count) {
                        Some(0) => format!(" (nobody is in it now{waiting})"),
                        Some(n) => format!(" ({} in it now{waiting})", people(n as usize)),
                        None => String::new(),
                    };
                    let ask = Ask::TypeToConfirm {
                        title: "Delete this conference?".into(),
                        message: format!(
                            "{note}This ends {shown} for everyone in it{present} and cannot be undone. A \
                             conference whose sidebars are still in use cannot be deleted (425): delete those first."
                        ),
                        expected: shown.clone(),
                        confirm_label: "Delete for everyone".into(),
                    };
                    if ccmp.prompts.ask(ask).await != Some(Answer::Confirmed) || !page.alive() {
                        break false;
                    }
                    // Read now, not as the overview last read it (it may be 10 s old, or not on screen): a
                    // conference renamed, or joined, while the moderator confirmed is asked about again (QA: one
                    // renamed "KEEP" was deleted, and so were three people who had just joined).
                    // A read that fails checks nothing: nothing is deleted (QA: behind a proxy's 502 it was).
                    if page.read_quietly(ccmp).await.is_none() || !page.alive() {
                        // Gone meanwhile (404): the read's own notice says so; there is nothing to delete.
                        if page.gone.try_get_untracked().unwrap_or(true) {
                            break false;
                        }
                        ccmp.notices.push(
                            Notice::plain(
                                Tone::Warning,
                                "Delete conference: not sent",
                                "The conference could not be read again to check it before deleting it (see the \
                                 notice about the read): nothing was deleted. Delete again once it reads.",
                            )
                            .about(Some(ccmp.about_conference(&target))),
                        );
                        break false;
                    }
                    let now = untrack(name);
                    // Who is in it now that was not when asked: one leaving as another joins is someone new.
                    let joined = page.doc.with_untracked(|d| {
                        d.as_ref().map_or(0, |d| present_keys(d).iter().filter(|k| !asked_in.contains(k)).count())
                    });
                    if now == shown && joined == 0 {
                        break true;
                    }
                    note = match (now != shown, joined) {
                        (true, _) => "Someone renamed it while you were confirming. ".to_owned(),
                        (false, n) => format!("{} joined while you were confirming. ", people(n)),
                    };
                    shown = now;
                };
                if confirmed {
                    let sent =
                        ccmp.send(Request::conf_delete(&conn.user, &target), "Delete conference", Mode::Change).await;
                    if matches!(sent, Sent::Ok(_)) {
                        // Gone, and known to be: the page does not read it again when the list store
                        // announces it dropped (that read could only answer 404).
                        page.gone.set(true);
                        // The moderator chose to delete it, edits in progress included.
                        ccmp.store.drop_deleted(&conn, &target);
                        // In place of the deleted conference's page, so that Back does not lead to it (once
                        // the confirmation's entry is out of the history: `when_settled`).
                        let navigate = navigate.clone();
                        crate::components::when_settled(move || {
                            navigate(
                                &crate::state::base_path::href("/conferences"),
                                NavigateOptions { replace: true, resolve: false, ..Default::default() },
                            )
                        });
                    }
                }
                delete_busy.try_set(false);
            });
        }
    };
    // Callbacks (Copy), which the header's actions take again each time they show.
    let toggle_lock = UnsyncCallback::<()>::from(toggle_lock);
    let delete = UnsyncCallback::<()>::from(delete);
    // The overview redraws when what it shows changes, not at every read that brings a change.
    let glance = Memo::new(move |_| page.doc.with(|d| d.as_ref().map(|c| Glance::of(c, page.version.get()))));

    view! {
        <section class="page conf-page">
            <header class="page__header">
                // A plain link: the router's `A` would mark this parent as the current page.
                <p class="page__crumbs"><a href=crate::state::base_path::href("/conferences")>"Conferences"</a> " / "</p>
                // At most three lines (the whole name in its title): a name of 200 characters would push the
                // tabs and actions below the fold of a phone.
                <h1 class="page__title conf-page__title" title=name>{name}</h1>
                <p class="conf-page__meta">
                    <span class="mono">{move || uri.get()}</span>
                    {move || page.version.get().map(|v| view! { " " <span class="badge">"version " {v}</span> })}
                    // "deleted" only if this page saw it exist: a link to one it never read is "not found".
                    {move || page.gone.get().then(|| {
                        let word = if page.read_at.with(Option::is_some) { "deleted" } else { "not found" };
                        view! { " " <span class="badge badge--gone">{word}</span> }
                    })}
                    {move || locked().then(|| view! { " " <span class="badge badge--locked">"locked"</span> })}
                    // Not on the users tab: its list says when it was read, and the version here follows
                    // its reads, so the conference's older read time would seem to belong to that version.
                    {move || page.read_at.get().filter(|_| tab.get() != "users").map(|at| view! { " " <span class="muted">"read at " {local_time(&at)}</span> })}
                    {move || page.loading.get().then(|| view! { " " <span class="spinner" aria-label="Reading"></span> })}
                </p>
                <div class="toolbar">
                    // The tab's users too, when the tab shows them: "Refresh" is the whole page's (QA: the
                    // version moved on, the users table stayed as it was).
                    <ActionButton label="Refresh" busy=page.loading on_click=move || spawn_local(async move {
                        if let Some(uri) = page.uri.try_get_untracked() {
                            ccmp.moderation.mark_stale(&uri);
                        }
                        page.read(ccmp, None).await;
                    })/>
                    // Only with a document to act on: not before the first read (an action disabled for a
                    // moment, with its reason, at every opening), nor once the conference is gone (the alert
                    // below says so, with the way back).
                    <Show when=move || page.doc.with(Option::is_some)>
                        <ActionButton
                            label=Signal::derive(move || if locked() { "Unlock".to_owned() } else { "Lock".to_owned() })
                            busy=lock_busy
                            disabled_reason=update_why
                            on_click=toggle_lock
                        />
                        <ExtendButton update_why=update_why/>
                        <ActionLink label="Clone" href=Signal::derive(move || crate::state::base_path::href(&format!("/conferences/new?clone={}", uri.get()))) disabled_reason=clone_why/>
                        <ActionButton label="Delete\u{2026}" class="button--danger" busy=delete_busy disabled_reason=delete_why on_click=delete/>
                    </Show>
                </div>
            </header>
            // For as long as it holds, not only in the notice that told it: every action stays offered (the
            // server may still let a server-wide administrator act), and this says why they may be refused.
            {move || uri.with(|u| ccmp.moderation.lost_say(u)).then(|| view! {
                <p class="conf-page__standing">
                    "A read showed that you are no longer a moderator of this conference: the server may refuse \
                     your changes to it. One of its moderators can make you one again."
                </p>
            })}
            {move || page.error.get().map(|e| {
                let back = page.doc.with(Option::is_none).then(|| view! { " " <A href=crate::state::base_path::href("/conferences")>"Back to the list."</A> });
                match (page.gone.get(), page.read_at.get()) {
                    // Read on this page before: someone deleted it meanwhile (another moderator, another client).
                    (true, Some(at)) => view! {
                        <p class="conf-page__error" role="status">
                            "This conference no longer exists on the server: it was deleted after you read it at "
                            {local_time(&at)} " (" {e} ")." {back}
                        </p>
                    }.into_any(),
                    (true, None) => view! {
                        <p class="conf-page__error" role="status">"There is no such conference on the server (" {e} ")." {back}</p>
                    }.into_any(),
                    (false, _) => view! { <p class="conf-page__error" role="status">"The last read failed: " {e} "." {back}</p> }.into_any(),
                }
            })}
            // Said through a live region that is on the page before the banner comes: one that arrives with its
            // text is not said by many screen readers (QA: the first change told went unsaid); and without the
            // banner's button, whose label was said with it.
            <p class="visually-hidden" role="status">{move || page.elsewhere.with(|changes| elsewhere::spoken(changes))}</p>
            {move || (!page.elsewhere.with(Vec::is_empty)).then(|| view! {
                <div class="elsewhere">
                    <p class="elsewhere__title">"Changed elsewhere (by someone else, or by you in another tab):"</p>
                    <ul>{page.elsewhere.get().into_iter().map(|c| view! { <li>{c.to_string()}</li> }).collect_view()}</ul>
                    <button type="button" class="button button--quiet" on:click=move |_| { page.elsewhere.set(Vec::new()); focus_main_if_lost(); }>"Dismiss"</button>
                </div>
            })}
            <Tabs tabs=TABS.to_vec() current=tab base=Signal::derive(move || conference_href(&uri.get()))
                unsaved=Signal::derive(move || page.drafts.unsaved_tabs())/>
            <div class="conf-page__tab">
                {move || match tab.get().as_str() {
                    "users" => view! { <UsersTab/> }.into_any(),
                    "admission" => view! { <AdmissionTab/> }.into_any(),
                    "sidebars" => view! { <SidebarsTab/> }.into_any(),
                    "edit" => view! { <EditTab/> }.into_any(),
                    "raw" => view! {
                        {move || match page.raw.get() {
                            Some(xml) => view! { <XmlView xml=xml/> }.into_any(),
                            None => view! { <p class="muted">"Nothing read yet."</p> }.into_any(),
                        }}
                    }.into_any(),
                    _ => view! {
                        {move || glance.get().map(|glance| view! { <ConfOverview glance=glance/> })}
                    }.into_any(),
                }}
            </div>
        </section>
    }
}
