//! [`Ccmp::send`]: the one way the panel sends a request. It logs the exchange in the console (passwords
//! redacted), records changes in the audit hook, turns the outcome into a notification, and acts on the
//! codes that ask for something: 423/422 ask for the conference password and resend, 424 asks for
//! credentials and resends, 510 offers a retry with backoff, 404 drops the stale item from the lists.
//! 409 is returned to the caller, which re-reads (only it knows what to re-read).

use std::time::Duration;

use ccmp::xcon::Operation;
use ccmp::{MessageKind, Request, RequestBody, Response, ResponseCode};
use leptos::prelude::*;

use super::drafts::Discarded;
use super::moderation::Moderation;
use super::notices::Trouble;
use super::{Answer, Ask, Audit, AuditEntry, ConfStore, Connection, Console, Notices, Prompts};
use crate::api;
use crate::state::backoff::retry_delay_ms;
use crate::state::conf_password;
use crate::state::console::{Exchange, Outcome};
use crate::state::notice::{self, About, Notice, Remedy, Tone};
use crate::state::outage::AfterOutage;
use crate::state::transport::{self, TransportError};

/// The title of the notice that says an edit of a conference deleted elsewhere became the New conference
/// form; creating from that form answers it.
pub const EDIT_KEPT_AS_NEW: &str = "Your unsaved edit is kept as a new conference";

/// The title of the notice that offers to sign in again when the panel's own reads meet 401.
const CREDENTIALS_REFUSED: &str = "The server refused the panel's credentials";

/// How much the moderator hears about a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A change the moderator asked for: every outcome is a notification; prompts as needed.
    Change,
    /// A read the moderator asked for: errors are notifications, successes only in the console.
    Read,
    /// A read the panel does by itself (list refresh): only transport failures are notifications, and
    /// nothing is asked; the caller shows errors in place.
    Background,
    /// The connect view's optionsRequest: the view says in place what went wrong and what to check, so
    /// no failure is also a notification (a screen reader would hear it twice); a 424 still asks for
    /// credentials, and a 510 still offers its retry.
    Connect,
}

/// How a request ended.
#[derive(Clone, Debug)]
pub enum Sent {
    /// 200.
    Ok(Response),
    /// Any other CCMP response code (after the remedies were tried).
    Refused(Response),
    /// No CCMP exchange happened.
    Failed(TransportError),
    /// Not connected.
    NotConnected,
}

impl Sent {
    pub fn ok(self) -> Option<Response> {
        match self {
            Sent::Ok(r) => Some(r),
            _ => None,
        }
    }

    /// The response code, if there was a response.
    pub fn code(&self) -> Option<ResponseCode> {
        match self {
            Sent::Ok(r) | Sent::Refused(r) => Some(r.code),
            _ => None,
        }
    }

    /// A short text for in-place error displays (`423 Conference Password Required`).
    pub fn describe(&self) -> String {
        match self {
            Sent::Ok(r) | Sent::Refused(r) => format!("{} {}", r.code.as_u16(), r.code.effective().reason()),
            Sent::Failed(e) => e.title(),
            Sent::NotConnected => "Not connected".into(),
        }
    }
}

/// What [`Ccmp::send_traced`] returns.
pub struct Traced {
    pub sent: Sent,
    /// The last response body as received (for raw views).
    pub body: Option<String>,
    /// The console's id of the last exchange (to show it).
    pub exchange: Option<u32>,
}

#[derive(Clone, Copy)]
pub struct Ccmp {
    pub connection: Connection,
    pub notices: Notices,
    pub console: Console,
    pub prompts: Prompts,
    pub audit: Audit,
    pub store: ConfStore,
    /// Told when a change may have been made unbeknownst (its answer never came), so that what shows the
    /// conference reads it again.
    pub moderation: Moderation,
    /// The last outage's end: the "answers again" notice, and what the reads since found of the changes
    /// sent during it ([`Ccmp::tell_after_outage`]).
    after_outage: StoredValue<OutageEnd>,
}

/// The last outage's end, as [`Ccmp::answers_again`] told it.
#[derive(Default)]
struct OutageEnd {
    /// How many outages ended: a read-back tells its finding in the notice only if one ended since it began.
    count: u32,
    /// The notice that said so, and what it says of the changes read back since.
    told: Option<(u32, AfterOutage)>,
}

impl Ccmp {
    pub fn new(
        connection: Connection,
        notices: Notices,
        console: Console,
        prompts: Prompts,
        audit: Audit,
        store: ConfStore,
        moderation: Moderation,
    ) -> Self {
        Ccmp {
            connection,
            notices,
            console,
            prompts,
            audit,
            store,
            moderation,
            after_outage: StoredValue::new(OutageEnd::default()),
        }
    }

    /// Sends `request` (its confUserID, credentials and any known conference password are filled in)
    /// and handles the outcome as described in the module documentation. `action` names it for people:
    /// `Rename conference`.
    pub async fn send(self, request: Request, action: &str, mode: Mode) -> Sent {
        self.send_traced(request, action, mode).await.sent
    }

    /// [`Ccmp::send`], also returning what the console logged of its last exchange (a remedy such as a
    /// password prompt sends the request again).
    pub async fn send_traced(self, mut request: Request, action: &str, mode: Mode) -> Traced {
        // Its users stay the panel's own until a read sent after this returns (`Moderation::note_sent`).
        let _in_flight = self.moderation.note_sent(&request);
        let (mut body, mut exchange) = (None, None);
        let sent = self.send_loop(&mut request, action, mode, &mut body, &mut exchange).await;
        Traced { sent, body, exchange }
    }

    async fn send_loop(
        self,
        request: &mut Request,
        action: &str,
        mode: Mode,
        body: &mut Option<String>,
        exchange: &mut Option<u32>,
    ) -> Sent {
        let mut retries = 0u32;
        let mut pending_notices: Vec<u32> = Vec::new();
        // Named before it is sent: a 404 takes the conference off the list, and its name with it.
        let about = self.about(request);
        loop {
            let Some(conn) = self.connection.get() else {
                return Sent::NotConnected;
            };
            if request.conf_user_id.is_none() {
                request.conf_user_id = Some(conn.user.to_string());
            }
            if !conn.username.trim().is_empty() {
                *request = request.clone().with_credentials(conn.username.trim(), &conn.password);
            }
            if request.conference_password.is_none() {
                if let Some(target) = &request.conf_obj_id {
                    request.conference_password = self.connection.conference_password(target);
                }
            }
            // The panel's own reads wait while its credentials stand refused (see `Connection::refused`).
            if mode == Mode::Background {
                if let Some(refused) = self.connection.refused.get_untracked() {
                    return Sent::Refused(refused);
                }
            }
            let (logged, result, retry_after_ms) = self.exchange(&conn.server, request, action, body).await;
            *exchange = Some(logged);
            let response = match result {
                Err(error) => {
                    self.record_audit(&conn, request, action, None, about.as_ref());
                    self.tell_failure(request, action, mode, &error, about, logged);
                    return Sent::Failed(error);
                }
                Ok(response) => response,
            };
            if self.connection.unreachable.get_untracked() {
                self.connection.unreachable.set(false);
                self.notices.over(Trouble::Outage);
                self.answers_again(&conn.server);
                // Every list shown reads again: one that failed meanwhile said "The last read failed" until
                // a Re-read (QA).
                self.moderation.mark_all_stale();
            }
            self.record_audit(&conn, request, action, Some(&response), about.as_ref());
            if !matches!(response.code.effective(), ResponseCode::Unauthorized | ResponseCode::AuthenticationRequired) {
                self.keep_accepted_credentials();
                if mode != Mode::Background && self.connection.refused.with_untracked(Option::is_some) {
                    self.connection.refused.set(None);
                }
                if sent_as_self(request, &conn) {
                    self.credentials_taken();
                }
            }
            // A rename that succeeded names the conference by its new name (QA: "Name the new conference"
            // named the clone's placeholder name); one that failed, by the name it keeps.
            let about = match (&about, renamed_to(request)) {
                (Some(a), Some(name)) if response.code.effective().is_success() => {
                    Some(About { name, uri: a.uri.clone() })
                }
                _ => about.clone(),
            };
            let mut shown =
                notice::for_response(action, request.kind(), response.code, response.response_string.as_deref())
                    .about(about.clone());
            // A conference's password, asked of a request about no conference (a confsRequest): there is none
            // to give, and the notice must not ask for one.
            if matches!(shown.remedy, Remedy::AskConferencePassword { .. }) && request.conf_obj_id.is_none() {
                shown.detail = format!(
                    "{} This request is about no conference, so there is no password to give: the server's answer \
                     is wrong (tell its administrator).",
                    response.code.effective().description()
                );
            }
            let code = response.code.effective();
            if code == ResponseCode::ObjectNotFound && request.operation == Some(Operation::Delete) {
                shown = shown.nothing_to_delete(action);
            }
            if code == ResponseCode::Success {
                for id in pending_notices.drain(..) {
                    self.notices.dismiss(id);
                }
                if let (Some(target), Some(pw)) = (&request.conf_obj_id, &request.conference_password) {
                    self.connection.remember_conference_password(target, pw.clone());
                }
                match conf_password::set_by(request, &response) {
                    Some((conference, Some(pw))) => self.connection.remember_conference_password(&conference, pw),
                    Some((conference, None)) => self.connection.forget_conference_password(&conference),
                    None => {}
                }
                if mode == Mode::Change {
                    self.tell(shown, logged);
                }
                return Sent::Ok(response);
            }
            // A read the panel makes by itself tells nobody of its refusal, but for credentials refused
            // mid-session (a password changed on the server): every later request will meet the same.
            if mode == Mode::Background && shown.remedy == Remedy::OfferCredentials && sent_as_self(request, &conn) {
                self.connection.refused.set(Some(response.clone()));
                self.offer_sign_in(conn.username.clone());
            }
            if mode == Mode::Background
                && !matches!(shown.remedy, Remedy::DropStale | Remedy::DropSidebar | Remedy::DropBlueprint)
            {
                return Sent::Refused(response);
            }
            match shown.remedy {
                // Only a request about a conference can carry its password (a confsRequest met 423 on a
                // hostile server, and the prompt named no conference).
                Remedy::AskConferencePassword { wrong } if request.conf_obj_id.is_some() => {
                    let target = request.conf_obj_id.clone().unwrap_or_default();
                    if wrong {
                        self.connection.forget_conference_password(&target);
                    }
                    pending_notices.push(self.tell(shown, logged));
                    match self.prompts.ask(Ask::ConferencePassword { target, wrong }).await {
                        Some(Answer::Password(pw)) => request.conference_password = Some(pw),
                        _ => return Sent::Refused(response),
                    }
                }
                Remedy::AskCredentials => {
                    if mode != Mode::Connect {
                        pending_notices.push(self.tell(shown, logged));
                    }
                    if self.ask_credentials(conn.username.clone(), false).await.is_none() {
                        return Sent::Refused(response);
                    }
                }
                Remedy::RetryLater => {
                    // The server's own word on when to come back (RFC 6503's Retry-After) before the panel's.
                    let delay = retry_after_ms.unwrap_or_else(|| retry_delay_ms(retries));
                    let asked = if retry_after_ms.is_some() { ", as the server asks" } else { "" };
                    let mut offer = shown;
                    offer.detail.push_str(&format!(
                        " A retry waits {} s{asked}. Until you choose, the action waits for it (its button stays \
                         busy); Dismiss gives it up.",
                        delay.div_ceil(1000)
                    ));
                    let (id, clicked) = self.notices.push_action(offer, "Retry");
                    self.notices.about_exchange(id, logged);
                    if clicked.await.is_err() {
                        return Sent::Refused(response);
                    }
                    self.notices.dismiss(id);
                    sleep(delay).await;
                    retries += 1;
                }
                // Only the lists of their kind learn of it: the URI may be a conference's, which is there.
                Remedy::DropBlueprint | Remedy::DropSidebar => {
                    if let Some(target) = &request.conf_obj_id {
                        if shown.remedy == Remedy::DropBlueprint {
                            self.store.drop_blueprint(target);
                        } else {
                            self.store.drop_sidebar(target);
                        }
                    }
                    if mode != Mode::Background {
                        self.tell(shown, logged);
                    }
                    return Sent::Refused(response);
                }
                Remedy::DropStale => {
                    if let Some(target) = &request.conf_obj_id {
                        let gone = format!("{target} no longer exists on the server (someone may have deleted it)");
                        match self.store.drop_row(&conn, target) {
                            Discarded::Nothing => {}
                            Discarded::Lost(typed) => {
                                // What was typed is said, to copy from the notice: the New conference form,
                                // where it would go, held work of its own (QA: a long description was lost).
                                let typed = if typed.is_empty() {
                                    String::new()
                                } else {
                                    format!(" What you had typed: {typed}")
                                };
                                self.notices.push(Notice::plain(
                                    Tone::Warning,
                                    "An unsaved edit went with its conference",
                                    format!("{gone}; the changes you had not saved to it are gone with it.{typed}"),
                                ));
                            }
                            Discarded::KeptAsNew => {
                                let kept = Notice::plain(
                                    Tone::Warning,
                                    EDIT_KEPT_AS_NEW,
                                    format!(
                                        "{gone}. What you typed in its edit form is now the New conference form: \
                                         create it again from there if it is still needed."
                                    ),
                                );
                                self.notices.push_link(
                                    kept,
                                    "Open the form",
                                    crate::state::base_path::href("/conferences/new"),
                                );
                            }
                        }
                    }
                    // A conference the moderator deleted here, met again (Back into one of its tabs): its page
                    // says it no longer exists, and an error would only repeat it.
                    let deleted_here = request.conf_obj_id.as_deref().is_some_and(|t| self.store.deleted_here(t));
                    if mode != Mode::Background && !deleted_here {
                        self.tell(shown, logged);
                    }
                    return Sent::Refused(response);
                }
                // The moderator's role in the conference was taken away (a read showed it): their credentials
                // are fine, and signing in again would only meet the same refusal (QA).
                Remedy::OfferCredentials
                    if request.conf_obj_id.as_deref().is_some_and(|c| self.moderation.lost_say(c)) =>
                {
                    if mode != Mode::Connect {
                        use crate::state::notice::{UNAUTHORIZED_EXPLAINED, UNAUTHORIZED_ROLE_LOST};
                        let detail = shown.detail.replacen(UNAUTHORIZED_EXPLAINED, UNAUTHORIZED_ROLE_LOST, 1);
                        self.tell(Notice { detail, ..shown }, logged);
                    }
                    return Sent::Refused(response);
                }
                // Offered once the panel is connected (at Connect, the connect view itself asks again).
                // Not for a request sent as someone else (the console's): the moderator's own credentials are
                // not what it lacks.
                Remedy::OfferCredentials
                    if self.connection.capabilities.get_untracked().is_some() && sent_as_self(request, &conn) =>
                {
                    let (id, clicked) = self.notices.push_action(shown, "Sign in again");
                    self.notices.about_exchange(id, logged);
                    if mode == Mode::Read {
                        self.notices.about(id, Trouble::Refusal);
                    }
                    // Not awaited here: whoever sent the request learns of the refusal now, not once the
                    // moderator has dealt with the notice.
                    leptos::task::spawn_local(async move {
                        if clicked.await.is_ok() {
                            self.notices.dismiss(id);
                            self.sign_in_again(conn.username).await;
                        }
                    });
                    return Sent::Refused(response);
                }
                Remedy::ShowSidebars if request.conf_obj_id.is_some() => {
                    let target = request.conf_obj_id.as_deref().unwrap_or_default();
                    let href = format!("{}?tab=sidebars", crate::components::conference_href(target));
                    let id = self.notices.push_link(shown, "Open its breakout rooms", href);
                    self.notices.about_exchange(id, logged);
                    return Sent::Refused(response);
                }
                Remedy::Reread
                | Remedy::None
                | Remedy::OfferCredentials
                | Remedy::ShowSidebars
                | Remedy::AskConferencePassword { .. } => {
                    if mode != Mode::Connect {
                        self.tell(shown, logged);
                    }
                    return Sent::Refused(response);
                }
            }
        }
    }

    /// Asks for a username and password, and uses them from the next request on; the username given, or
    /// `None` when the moderator cancelled.
    async fn ask_credentials(self, username: String, refused: bool) -> Option<String> {
        let asked = Ask::Credentials { username, refused };
        let Some(Answer::Credentials { username, password }) = self.prompts.ask(asked).await else {
            return None;
        };
        let given = username.clone();
        self.connection.use_credentials(username, password);
        Some(given)
    }

    /// Once the server takes credentials typed in a prompt, a profile that remembers the moderator's
    /// password remembers the one just given (it was changed on the server, or the old one would have
    /// done), and the moderator is told.
    fn keep_accepted_credentials(self) {
        let Some(conn) = self.connection.take_accepted_credentials() else { return };
        // While connecting, the connect view saves the profile itself, as "remember" says.
        if self.connection.capabilities.get_untracked().is_none() {
            return;
        }
        leptos::task::spawn_local(async move {
            if super::saved_profiles::remember_new_password(&conn).await {
                self.notices.push(Notice::plain(
                    Tone::Success,
                    "Remembered password updated",
                    format!("This browser now connects to {} with the password you just gave.", conn.server),
                ));
            } else if !conn.password.is_empty() {
                // Kept for this tab's reloads, as a password typed at Connect is.
                super::saved_profiles::keep_for_this_tab(&conn.profile, &conn.password).await;
            }
        });
    }

    /// After a 401: other credentials, tried at once (an optionsRequest) before the panel says they were
    /// taken (QA: "Signed in again" while the server refused them, "too many wrong passwords…", and the
    /// page then stayed as it was read). Taken, the panel's own reads go on and the list is read again;
    /// refused, the moderator hears why, and the reads still wait.
    async fn sign_in_again(self, username: String) {
        let Some(who) = self.ask_credentials(username, true).await else { return };
        let Some(conn) = self.connection.get() else { return };
        match self.send(Request::options(&conn.user), "Sign in again", Mode::Background).await {
            Sent::Refused(r)
                if matches!(r.code.effective(), ResponseCode::Unauthorized | ResponseCode::AuthenticationRequired) =>
            {
                let said = notice::server_said(r.code, r.response_string.as_deref())
                    .map(|s| format!(" The server said: \u{201c}{s}\u{201d}."))
                    .unwrap_or_default();
                let id = self.notices.push(Notice::plain(
                    Tone::Error,
                    format!("Signing in again as {who} was refused"),
                    format!(
                        "{} {}.{said} The panel's own reads wait until the server takes your credentials.",
                        r.code.as_u16(),
                        r.code.effective().reason()
                    ),
                ));
                self.notices.about(id, Trouble::Refusal);
            }
            // Not taken nor refused (the server is down): the outage is told, and the next reads try them.
            Sent::Failed(_) | Sent::NotConnected => {}
            _ => {
                self.notices.push(Notice::plain(
                    Tone::Success,
                    format!("Signed in again as {who}"),
                    "The server took these credentials: the panel's reads go on. Do again what was refused.",
                ));
                self.moderation.mark_all_stale();
                self.store.refresh(self, false).await;
            }
        }
    }

    /// The server took the moderator's credentials: what told of their refusal goes (QA: "The server refused
    /// the panel's credentials" stayed up after the panel had recovered, counted in the tab's title).
    fn credentials_taken(self) {
        if self.notices.has_titled(CREDENTIALS_REFUSED) {
            self.notices.dismiss_titled(CREDENTIALS_REFUSED);
        }
        self.notices.over(Trouble::Refusal);
    }

    /// Offers to sign in again after a background read met 401, once while the offer stands (a list on
    /// auto-refresh and the watch of waiting rooms would otherwise stack one each).
    fn offer_sign_in(self, username: String) {
        if self.connection.capabilities.get_untracked().is_none() || self.notices.has_titled(CREDENTIALS_REFUSED) {
            return;
        }
        let notice = Notice::plain(
            Tone::Error,
            CREDENTIALS_REFUSED,
            "A read the panel makes by itself was refused (401 Unauthorized): your password may have changed on \
             the server. Sign in again to carry on.",
        );
        let (id, clicked) = self.notices.push_action(notice, "Sign in again");
        leptos::task::spawn_local(async move {
            if clicked.await.is_ok() {
                // Kept until the moderator has answered: while it shows, the reads refused meanwhile add none.
                self.sign_in_again(username.clone()).await;
                self.notices.dismiss(id);
                // Cancelled: the panel's reads still wait, and the offer stays (the rail alone has no button).
                if self.connection.refused.get_untracked().is_some()
                    && self.connection.current.get_untracked().is_some()
                {
                    self.offer_sign_in(username);
                }
            }
        });
    }

    /// Tells of a request that never became a CCMP exchange (`error`), as `mode` wants: one outage, one
    /// notice per thing the moderator did (once the server is known to be unreachable, a background read
    /// that fails too adds nothing to what the notice and the rail say). A server that answered, if not with
    /// an answer (an HTML page, another conference), is not down.
    fn tell_failure(
        &self,
        request: &Request,
        action: &str,
        mode: Mode,
        error: &TransportError,
        about: Option<About>,
        logged: u32,
    ) {
        // A web page where a server that answered CCMP before should answer: something in between answers in
        // its place (a Wi-Fi network's sign-in page, most often), which is an outage, not a wrong URL (QA: a
        // hotel's portal was met with "Is the server URL a CCMP endpoint?", and the rail stayed green).
        let stands_in = matches!(error, TransportError::NotCcmp { .. }) && mode != Mode::Connect;
        let outage = error.unreachable() || stands_in;
        let known = self.connection.unreachable.get_untracked();
        if outage {
            self.connection.unreachable.set(true);
        }
        let mut shown = notice::for_transport(action, error).about(about);
        if stands_in {
            shown.detail = format!("{} {STANDS_IN}", error.detail());
        }
        // A change whose answer never came may have been made all the same: sent again blindly, it could add
        // a user twice (and dial them twice). What shows the conference reads it again. So for every failure
        // that can come after the server acted (`TransportError::may_have_acted`): the browser cannot tell a
        // request that never left from an answer lost on its way back, or replaced by a sign-in page (QA: "it
        // changed nothing" over a mute the server had made).
        let change = matches!(request.operation, Some(Operation::Create | Operation::Update | Operation::Delete));
        if mode == Mode::Background && !change && !stands_in {
            shown.detail = error.detail_of_own_read();
        }
        if change && error.may_have_acted() {
            shown.detail = unknown_outcome(error);
            if let Some(target) = &request.conf_obj_id {
                self.moderation.mark_stale(target);
            }
        }
        // The panel's own reads tell once of a failure: fifty reads of the list need one notice.
        let told = match mode {
            Mode::Connect => true,
            Mode::Background if outage => known,
            Mode::Background => self.notices.has_titled(&shown.title),
            _ => false,
        };
        if !told {
            let id = self.tell(shown, logged);
            if outage && mode != Mode::Change {
                self.notices.about(id, Trouble::Outage);
            }
        }
    }

    /// Says that the server answers again, once: while the notice of an outage's end is on screen (the
    /// server came back, went, and came back), it stays the one, and goes on telling what was read back.
    fn answers_again(&self, server: &str) {
        self.after_outage.update_value(|end| end.count += 1);
        let shown =
            self.after_outage.with_value(|end| end.told.as_ref().is_some_and(|(id, _)| self.notices.is_shown(*id)));
        if shown {
            return;
        }
        let after = AfterOutage::new(server);
        let id = self.notices.push(after.notice());
        self.after_outage.update_value(|end| end.told = Some((id, after)));
    }

    /// How many outages ended so far (see [`Ccmp::tell_after_outage`]).
    pub fn outages_ended(&self) -> u32 {
        self.after_outage.try_with_value(|end| end.count).unwrap_or_default()
    }

    /// What a read after an outage found of a change sent during it (`action`, about the conference `uri`):
    /// told in the notice that said the server answers again, rather than in one notice per change, each of
    /// which had its error already (QA). False when no outage ended since `ended` ([`Ccmp::outages_ended`]
    /// when the read-back began; its reads failed for another reason): the caller tells it itself.
    pub fn tell_after_outage(&self, ended: u32, action: &str, uri: &str, made: bool) -> bool {
        let about = self.about_conference(uri);
        let Some(Some((id, notice))) = self.after_outage.try_update_value(|end| {
            let told = end.told.as_mut().filter(|_| end.count > ended);
            told.map(|(id, after)| {
                after.read_back(action, about, made);
                (*id, after.notice())
            })
        }) else {
            return false;
        };
        if self.notices.is_shown(id) {
            self.notices.replace(id, notice);
        } else {
            // Faded or dismissed before this read came in: told again, as the one notice.
            let id = self.notices.push(notice);
            self.after_outage.update_value(|end| {
                if let Some((shown, _)) = &mut end.told {
                    *shown = id;
                }
            });
        }
        true
    }

    /// The conference a request is about, as its notices name it: by the name the list knows, else by its
    /// URI. None for a conference's creation, whose confObjID names what it is made from (a blueprint, the
    /// conference cloned), nor for a blueprint's read.
    fn about(&self, request: &Request) -> Option<About> {
        let target = request.conf_obj_id.as_deref().map(str::trim).filter(|t| !t.is_empty())?;
        let made = request.kind() == MessageKind::Conf && request.operation == Some(Operation::Create);
        if made || matches!(request.kind(), MessageKind::Blueprint | MessageKind::Blueprints) {
            return None;
        }
        Some(self.about_conference(target))
    }

    /// The conference `uri` as notices name it: by the name the list knows, else by its URI.
    pub fn about_conference(&self, uri: &str) -> About {
        let uri = uri.trim().to_owned();
        About { name: self.store.name_of(&uri).unwrap_or_else(|| uri.clone()), uri }
    }

    /// Shows a notice about the exchange the console logged as `logged`. One that stays until dismissed
    /// (an error, a warning) links to that record, where the moderator sees what was sent and what came
    /// back; a success fades before anyone could follow a link.
    fn tell(&self, notice: Notice, logged: u32) -> u32 {
        let sticky = notice.sticky();
        let id = self.notices.push(notice);
        if sticky {
            self.notices.about_exchange(id, logged);
        }
        id
    }

    /// One POST, logged in the console; returns the console's id for it, and how it went.
    async fn exchange(
        &self,
        server: &str,
        request: &Request,
        action: &str,
        body: &mut Option<String>,
    ) -> (u32, Result<Response, TransportError>, Option<u32>) {
        let started = api::now_ms();
        let id = self.console.start(Exchange {
            id: 0,
            action: action.to_owned(),
            at: api::iso_now(),
            kind: request.kind(),
            operation: request.operation,
            target: target_of(request),
            target_name: request.conf_obj_id.as_deref().and_then(|c| self.store.name_of(c)),
            server: server.to_owned(),
            started_ms: started,
            duration_ms: None,
            outcome: Outcome::Pending,
            request_xml: request.redacted().to_xml(),
            response_xml: None,
            response_dropped: None,
        });
        let result = api::post(server, request.to_xml()).await;
        let duration = api::now_ms() - started;
        if let Some(behind) = api::clock_off_news() {
            self.notices.push(clock_off_notice(behind));
        }
        // A reply about something else is logged as what it is, and goes no further.
        let result = result.and_then(|reply| match transport::not_an_answer(request, &reply.response) {
            Some(error) => Err(api::Failure { error, body: Some(reply.body) }),
            None => Ok(reply),
        });
        // What the panel shows of a reply (the console, a Raw XML tab) holds no password: a server may send a
        // conference's PIN back (QA).
        let shown = |text: String| match ccmp::message::redact_text(&text) {
            std::borrow::Cow::Borrowed(_) => text,
            std::borrow::Cow::Owned(hidden) => hidden,
        };
        match result {
            Ok(reply) => {
                let code = reply.response.code;
                let outcome = Outcome::Code(code.as_u16(), code.effective().reason().into());
                let text = shown(reply.body);
                *body = Some(text.clone());
                self.console.finish(id, outcome, duration, Some(text));
                // A conference created from a description named none: the answer does, and the log's filter
                // finds the creation by it (QA).
                if target_of(request).is_none() && request.operation == Some(ccmp::xcon::Operation::Create) {
                    if let Some(made) = &reply.response.conf_obj_id {
                        self.console.name_target(id, made);
                    }
                }
                (id, Ok(reply.response), reply.retry_after_ms)
            }
            Err(failure) => {
                let text = failure.body.map(shown);
                body.clone_from(&text);
                self.console.finish(id, Outcome::Transport(failure.error.title()), duration, text);
                (id, Err(failure.error), None)
            }
        }
    }

    /// Records a change in the audit log; `response` is `None` when the request failed in transport. `about`
    /// is the conference as named before it was sent.
    fn record_audit(
        &self,
        conn: &super::Conn,
        request: &Request,
        action: &str,
        response: Option<&Response>,
        about: Option<&About>,
    ) {
        if !matches!(request.operation, Some(Operation::Create | Operation::Update | Operation::Delete)) {
            return;
        }
        let op = request.operation.map_or("", Operation::as_str);
        let target = target_of(request);
        // A conference or sidebar created is known by the id the server gave it; the request named at most
        // what it was made from (a blueprint, the parent).
        let created = response
            .filter(|r| {
                r.code == ResponseCode::Success
                    && request.operation == Some(Operation::Create)
                    && matches!(
                        request.kind(),
                        MessageKind::Conf | MessageKind::SidebarByVal | MessageKind::SidebarByRef
                    )
            })
            .and_then(|r| r.conf_obj_id.clone())
            .filter(|new| Some(new) != request.conf_obj_id.as_ref());
        let target = match (created, target) {
            (Some(new), Some(from)) => format!("{new} (from {from})"),
            (Some(new), None) => new,
            (None, target) => target.unwrap_or_default(),
        };
        // Named as it is after the change: by its new name once renamed, by the name it was made with.
        let success = response.is_some_and(|r| r.code.effective().is_success());
        let name = renamed_to(request)
            .filter(|_| success)
            .or_else(|| made_as(request))
            .or_else(|| about.filter(|a| a.name != a.uri).map(|a| a.name.clone()))
            .unwrap_or_default();
        self.audit.record(AuditEntry {
            server: conn.server.clone(),
            who: conn.user.to_string(),
            what: format!("{} {op}", request.kind().request_name()),
            target,
            name,
            when: api::iso_now(),
            code: response.map(|r| r.code.as_u16()),
            action: action.to_owned(),
        });
    }
}

/// What to do about a web page that answered in a connected server's place.
const STANDS_IN: &str = "The server answered CCMP before: something between it and this browser answers in its \
     place, most often a Wi-Fi network's sign-in page (open any web site to sign in) or a proxy. The panel asks \
     again by itself, and says when the server answers again.";

/// While the server cannot be reached (or something answers in its place), how often the panel asks it
/// whether it answers again: the page on screen may send nothing by itself (the list without its
/// auto-refresh), and would then say "unreachable" long after the link is back (QA).
const PROBE_EVERY_MS: u32 = 10_000;

/// Asks the server for its options every [`PROBE_EVERY_MS`] while it cannot be reached: its first answer
/// ends the outage (`Ccmp::send`: "The server answers again", and every list shown reads again).
pub fn probe_while_unreachable(ccmp: Ccmp) {
    let probing = StoredValue::new(false);
    Effect::new(move |_| {
        if !ccmp.connection.unreachable.get() || probing.get_value() {
            return;
        }
        probing.set_value(true);
        leptos::task::spawn_local(async move {
            loop {
                sleep(PROBE_EVERY_MS).await;
                if ccmp.connection.unreachable.try_get_untracked() != Some(true) {
                    break;
                }
                let Some(conn) = ccmp.connection.current.try_get_untracked().flatten() else { break };
                ccmp.send(Request::options(&conn.user), "Ask whether the server answers again", Mode::Background).await;
            }
            probing.try_set_value(false);
        });
    });
}

/// What a notice says of a change whose answer did not come, or was not the server's.
fn unknown_outcome(error: &TransportError) -> String {
    let what = match error {
        TransportError::Timeout { .. } => "The panel stopped waiting".to_owned(),
        TransportError::HttpStatus { status: 502..=504, .. } => {
            "A proxy in front of the server answered instead of it".to_owned()
        }
        TransportError::HttpStatus { status, .. } => {
            format!("The server (or a proxy in front of it) answered HTTP {status}")
        }
        TransportError::InvalidCcmp { .. } => "The server's answer could not be read".to_owned(),
        TransportError::Moved { to } => format!("The server sent the request on to {to}"),
        TransportError::NotCcmp { .. } | TransportError::MalformedXml { .. } | TransportError::NotAnAnswer { .. } => {
            "What came back was not the server's answer (a Wi-Fi network's sign-in page, a proxy's page, or an answer \
             cut short)"
                .to_owned()
        }
        TransportError::Unreachable { .. } => "No answer came back".to_owned(),
    };
    format!(
        "{what}, but the server may have made the change all the same: the panel reads the conference again. \
         Check what it shows before you do it again."
    )
}

/// The new name an update of a conference or sidebar gives it, if it gives one.
fn renamed_to(request: &Request) -> Option<String> {
    named_by(request, Operation::Update)
}

/// The display-text a conference or sidebar request's `operation` sends, if it sends one that is not blank
/// (QA: a breakout room's creation was logged under its parent's name).
fn named_by(request: &Request, operation: Operation) -> Option<String> {
    if request.operation != Some(operation) {
        return None;
    }
    let (RequestBody::Conf(p) | RequestBody::SidebarByVal(p) | RequestBody::SidebarByRef(p)) = &request.body else {
        return None;
    };
    let name = p.info.as_ref()?.description.as_ref()?.display_text.as_deref()?.trim();
    (!name.is_empty()).then(|| name.to_owned())
}

/// The name a conference or sidebar create gives what it makes (none from a blueprint or a clone: the server
/// names it, and "Name the new conference" follows).
fn made_as(request: &Request) -> Option<String> {
    named_by(request, Operation::Create)
}

/// The object a request is about: its confObjID, and the user entity for user requests.
pub fn target_of(request: &Request) -> Option<String> {
    let user = match &request.body {
        RequestBody::User(p) => p.info.as_ref().and_then(|u| u.entity.clone()),
        _ => None,
    };
    match (&request.conf_obj_id, user) {
        (Some(c), Some(u)) => Some(format!("{c} {u}")),
        (Some(c), None) => Some(c.clone()),
        (None, Some(u)) => Some(u),
        (None, None) => None,
    }
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: u32) {
    let (tx, rx) = futures_channel::oneshot::channel::<()>();
    set_timeout(
        move || {
            let _ = tx.send(());
        },
        Duration::from_millis(ms.into()),
    );
    let _ = rx.await;
}

pub fn use_ccmp() -> Ccmp {
    expect_context()
}

/// Whether `request` goes as the connection's own user (the console may send one as someone else).
fn sent_as_self(request: &Request, conn: &super::Conn) -> bool {
    request.conf_user_id.as_deref().is_none_or(|u| u.trim().eq_ignore_ascii_case(conn.user.as_str()))
}

/// Told once: this computer's clock is `behind` milliseconds behind the server's (ahead when negative).
fn clock_off_notice(behind: f64) -> Notice {
    let minutes = (behind.abs() / 60_000.0).round() as u64;
    let by = match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    };
    let way = if behind > 0.0 { "behind" } else { "ahead of" };
    Notice::plain(
        Tone::Warning,
        "This computer's clock is off",
        format!(
            "It is {by} {way} the server's. The panel counts a conference's time (\u{201c}ends in\u{201d}, Extend) by the \
             server's clock; the times of day it shows are this computer's."
        ),
    )
}
