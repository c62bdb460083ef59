//! The notification policy: what the moderator is told about each CCMP response code and transport
//! failure, whether it fades or stays, and what the panel does next (the remedy).

use ccmp::{MessageKind, ResponseCode};

use super::transport::TransportError;

/// How a notification looks; errors and warnings stay until dismissed, the rest fade.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Success,
    Info,
    Warning,
    Error,
}

/// What the panel does about a response besides telling the moderator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remedy {
    None,
    /// 422/423: ask for the conference password and send the same request again.
    AskConferencePassword {
        wrong: bool,
    },
    /// 424: ask for credentials and send the same request again.
    AskCredentials,
    /// 409: re-read the object.
    Reread,
    /// 510: offer a retry after a backoff delay.
    RetryLater,
    /// 404: the object is gone; drop it from the lists.
    DropStale,
    /// 404 to a blueprint request: the blueprint lists drop it; the conferences are left alone.
    DropBlueprint,
    /// 404 to a sidebar request: the sidebar is gone; drop it from its conference's sidebars, and nothing from
    /// the conferences list (the URI given may be a conference's, which is no sidebar).
    DropSidebar,
    /// 401: the credentials sent do not allow this (a password changed since, or a role without the
    /// right): offer to enter others. Not retried by itself: a role that lacks the right would be refused
    /// again.
    OfferCredentials,
    /// 425 on a conference: its sidebars are what usually holds it; the notice links to them.
    ShowSidebars,
}

/// One notification, as plain data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub tone: Tone,
    /// `Rename conference: 200 Success`.
    pub title: String,
    /// The registry description, an explanation, and what the server said when it differs.
    pub detail: String,
    /// The CCMP response code, when there was a response.
    pub code: Option<u16>,
    pub remedy: Remedy,
    /// The conference it is about: notices stay on screen across pages, and during an event a moderator
    /// runs several conferences. Two notices alike about two conferences are two notices, not one counted
    /// twice.
    pub about: Option<About>,
}

/// A conference a notice is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct About {
    /// What the moderator calls it: its name, or its URI when the panel knows no name.
    pub name: String,
    pub uri: String,
}

impl Notice {
    /// A notice that is not about a response (connection state, local validation).
    pub fn plain(tone: Tone, title: impl Into<String>, detail: impl Into<String>) -> Notice {
        Notice { tone, title: title.into(), detail: detail.into(), code: None, remedy: Remedy::None, about: None }
    }

    /// The same notice, said to be about the conference `about` names.
    pub fn about(self, about: Option<About>) -> Notice {
        Notice { about, ..self }
    }

    /// The notice of a delete answered 404 Object Not Found, said as what it is: what the moderator asked for
    /// is so (QA: a room a co-moderator had just closed was a red error). Its remedy stays, so that the lists
    /// drop what is gone.
    pub fn nothing_to_delete(self, action: &str) -> Notice {
        Notice {
            tone: Tone::Info,
            title: format!("{action}: gone already"),
            detail: "It was no longer on the server (404 Object Not Found): someone else deleted it meanwhile, or \
                     an earlier try went through. There was nothing left to delete."
                .into(),
            ..self
        }
    }

    /// Errors and warnings stay until dismissed; successes and information fade.
    pub fn sticky(&self) -> bool {
        matches!(self.tone, Tone::Error | Tone::Warning)
    }
}

/// The notice for a CCMP response to the request described by `action` (`Rename conference`), a
/// request of `kind`.
/// What a 401 says, which a moderator who has lost their role somewhere sees replaced by
/// [`UNAUTHORIZED_ROLE_LOST`] there.
pub const UNAUTHORIZED_EXPLAINED: &str = "The credentials sent do not allow this: your password may have changed (sign in again), or your role does not allow this on this object (ask an administrator of the conference, or connect as a user who may).";

/// What a 401 says in a conference where a read showed the moderator lose their role: their credentials are
/// not in question (QA: "your password may have changed", to a moderator who had signed in with none).
pub const UNAUTHORIZED_ROLE_LOST: &str =
    "You are no longer a moderator of this conference: one of its moderators can make you one again.";

pub fn for_response(action: &str, kind: MessageKind, code: ResponseCode, response_string: Option<&str>) -> Notice {
    use ResponseCode::*;
    let effective = code.effective();
    let (tone, remedy, explanation) = match effective {
        Success => (Tone::Success, Remedy::None, None),
        ConferencePasswordRequired => (
            Tone::Warning,
            Remedy::AskConferencePassword { wrong: false },
            Some("This conference is protected by a password: enter it to continue."),
        ),
        InvalidConferencePassword => (
            Tone::Warning,
            Remedy::AskConferencePassword { wrong: true },
            Some("The conference password was wrong: enter it again."),
        ),
        AuthenticationRequired => {
            (Tone::Warning, Remedy::AskCredentials, Some("The server wants a username and password for this request."))
        }
        Conflict => (
            Tone::Warning,
            Remedy::Reread,
            Some("The change does not fit the object as it is on the server now (someone else may have changed it, or it exists already); the page that shows it reads it again, to show where things stand."),
        ),
        RequestTimeout => {
            (Tone::Error, Remedy::RetryLater, Some("The server could not answer in time. You can retry; the panel waits a little longer each time."))
        }
        // Blueprints are not deleted through CCMP, nor kept in the lists: a link to one was wrong or old.
        // Nothing to drop from the conferences: a conference's URI read as a blueprint is still a conference
        // (QA: the panel announced it deleted and moved its unsaved edit to the New conference form).
        ObjectNotFound if matches!(kind, MessageKind::Blueprint | MessageKind::Blueprints) => {
            (Tone::Error, Remedy::DropBlueprint, Some("The server has no such blueprint: the link to it may be out of date, or the URI is not a blueprint's."))
        }
        // A sidebar request names the sidebar: its 404 says nothing of the conferences (the URI may even be a
        // conference's, which is not a sidebar).
        ObjectNotFound if matches!(kind, MessageKind::SidebarByVal | MessageKind::SidebarByRef) => (
            Tone::Error,
            Remedy::DropSidebar,
            Some("There is no such breakout room (sidebar) on the server: someone may have closed it, or the URI is not a room's."),
        ),
        // Only a request about a conference (its document, its users, its sidebars) tells that it is gone.
        ObjectNotFound if matches!(kind, MessageKind::Conf | MessageKind::Users | MessageKind::User | MessageKind::SidebarsByVal | MessageKind::SidebarsByRef) => (
            Tone::Error,
            Remedy::DropStale,
            Some("There is no such conference on the server: it may have been deleted, or the address may be wrong. It is taken off the panel's lists."),
        ),
        ObjectNotFound => (Tone::Error, Remedy::None, Some("The server has no such object.")),
        Unauthorized => (
            Tone::Error,
            Remedy::OfferCredentials,
            Some(UNAUTHORIZED_EXPLAINED),
        ),
        // RFC 6503: "operation not valid for the target object": a role that may not, or an object that does
        // not take it (a usersRequest create, a sidebar of a conference that allows none; QA).
        Forbidden => (
            Tone::Error,
            Remedy::None,
            Some("Not allowed on this object: your role may not allow it (ask an administrator of the conference, or connect as a user who may), or the object does not take this operation. The server's text says which."),
        ),
        ForbiddenChangeProtected => (
            Tone::Error,
            Remedy::None,
            Some("Your role does not allow this change: the parent conference or the server's policy sets this value. Ask an administrator of the conference, or connect as a user who may."),
        ),
        ForbiddenDeleteParent => (
            Tone::Error,
            if kind == MessageKind::Conf { Remedy::ShowSidebars } else { Remedy::None },
            Some("It is the parent of breakout rooms (sidebars) still in use: close them (or empty them) first."),
        ),
        InvalidConfUserId => {
            (Tone::Error, Remedy::None, Some("The server does not accept your confUserID: check it in Settings."))
        }
        UserNotFound => (Tone::Error, Remedy::None, Some("The user this request is about is not in the conference (any more): someone else may have removed them, or they left. Nothing was changed.")),
        BadRequest => (Tone::Error, Remedy::None, Some("Retrying the same request will not help; check what was sent in the console.")),
        ResourcesNotAvailable => (
            Tone::Error,
            Remedy::None,
            Some("Sending it again will meet the same limit until something is freed (what the server said names it: a breakout room or a conference no longer needed, or the users of a full one), or ask the server's administrator to raise the limit."),
        ),
        // The panel picks the placeholders' domain (state::placeholder): the confUserID's counts only on a
        // server that lists nothing, so only there does changing it help (QA: the notice sent the moderator
        // to the confUserID and the server URL whatever the domain's source).
        InvalidDomainName => (
            Tone::Error,
            Remedy::None,
            Some("The panel takes that domain from the conference acted on, else from the conferences and blueprints the server lists, else from your confUserID: on a server that lists none yet, connect with a confUserID in the server's domain (xcon-userid:you@its-domain; the server's text may name it)."),
        ),
        ServerInternalError => (
            Tone::Error,
            Remedy::None,
            Some("It failed on the server's side: whether anything was done is not known. Refresh to see where things stand before trying again; if it keeps failing, tell the server's administrator (the console has what was sent)."),
        ),
        NotImplemented => (
            Tone::Error,
            Remedy::None,
            Some("This server does not do this request: sending it again will not help. Another server may; the console's optionsRequest lists what this one supports."),
        ),
        _ => (Tone::Error, Remedy::None, None),
    };
    let mut detail = String::from(effective.description());
    if let Some(explanation) = explanation {
        detail.push(' ');
        detail.push_str(explanation);
    }
    if let ResponseCode::Unknown(n) = code {
        detail.push_str(&format!(" (The server sent {n}, which the registry does not list; it is treated as 500.)"));
    }
    if let Some(said) = server_said(effective, response_string) {
        detail.push_str(&format!(" The server said: \u{201c}{said}\u{201d}."));
    }
    Notice {
        tone,
        title: format!("{action}: {} {}", code.as_u16(), effective.reason()),
        detail,
        code: Some(code.as_u16()),
        remedy,
        about: None,
    }
}

/// What a response's response-string adds to its code: without the reason phrase it may begin with
/// ("Unauthorized: wrong password"), which the notice gives already; `None` when nothing is left.
pub fn server_said(code: ResponseCode, response_string: Option<&str>) -> Option<&str> {
    let said = response_string?.trim();
    let reason = code.effective().reason();
    let said = match said.get(..reason.len()) {
        Some(head) if head.eq_ignore_ascii_case(reason) => said[reason.len()..].trim_start_matches([':', ' ']),
        _ => said,
    };
    (!said.is_empty()).then_some(said)
}

/// The notice for a request that never became a CCMP exchange.
pub fn for_transport(action: &str, error: &TransportError) -> Notice {
    Notice::plain(Tone::Error, format!("{action}: {}", error.title()), error.detail())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_delete_that_found_nothing_says_it_is_gone_and_still_drops_it() {
        let refused =
            for_response("Delete sidebar Team 3", MessageKind::SidebarByVal, ResponseCode::ObjectNotFound, None);
        let said = refused.clone().nothing_to_delete("Delete sidebar Team 3");
        assert_eq!((said.tone, said.title.as_str()), (Tone::Info, "Delete sidebar Team 3: gone already"));
        assert!(!said.sticky(), "it fades");
        assert_eq!((said.remedy, said.code), (refused.remedy, refused.code), "the lists still drop it");
    }

    fn check(code: u16, tone: Tone, remedy: Remedy) {
        let n = for_response("Do it", MessageKind::Conf, ResponseCode::from_u16(code), None);
        assert_eq!((n.tone, n.remedy), (tone, remedy), "code {code}");
        assert_eq!(n.code, Some(code));
        assert!(n.title.starts_with(&format!("Do it: {code} ")), "{}", n.title);
    }

    #[test]
    fn every_code_has_a_policy() {
        check(200, Tone::Success, Remedy::None);
        check(423, Tone::Warning, Remedy::AskConferencePassword { wrong: false });
        check(422, Tone::Warning, Remedy::AskConferencePassword { wrong: true });
        check(424, Tone::Warning, Remedy::AskCredentials);
        check(409, Tone::Warning, Remedy::Reread);
        check(510, Tone::Error, Remedy::RetryLater);
        check(404, Tone::Error, Remedy::DropStale);
        // A sidebar's 404 drops the sidebar, not a conference, and speaks of a sidebar.
        let sidebar = for_response("Do it", MessageKind::SidebarByVal, ResponseCode::from_u16(404), None);
        assert_eq!(sidebar.remedy, Remedy::DropSidebar);
        assert!(sidebar.detail.contains("no such breakout room"), "{}", sidebar.detail);
        check(401, Tone::Error, Remedy::OfferCredentials);
        // A conference's (the checks ask about confRequest); a sidebar's 425 has no sidebars tab to show.
        check(425, Tone::Error, Remedy::ShowSidebars);
        let sidebar = for_response("Do it", MessageKind::SidebarByRef, ResponseCode::from_u16(425), None);
        assert_eq!(sidebar.remedy, Remedy::None);
        for code in [400, 403, 420, 421, 426, 427, 500, 501, 511] {
            check(code, Tone::Error, Remedy::None);
        }
        // A limit reached says what frees it, not only what it is.
        let full = for_response("Create sidebar", MessageKind::SidebarByRef, ResponseCode::from_u16(511), None);
        assert!(full.detail.contains("a breakout room or a conference no longer needed"), "{}", full.detail);
        // Every code says what to do next, beyond the registry's words (QA: 500, 501 and 427 did not).
        for (code, next) in [
            (500, "Refresh to see"),
            (501, "will not help"),
            (427, "a confUserID in the server's domain"),
            (299, "Refresh to see"),
        ] {
            let n = for_response("Do it", MessageKind::Conf, ResponseCode::from_u16(code), None);
            assert!(n.detail.contains(next), "{code}: {}", n.detail);
        }
    }

    #[test]
    fn role_codes_explain_the_role() {
        let n = for_response("Lock", MessageKind::Conf, ResponseCode::from_u16(426), None);
        assert!(n.detail.contains("Your role does not allow this change"), "{}", n.detail);
        // 403 is also an object that does not take the operation: both are said.
        let n = for_response("Lock", MessageKind::Conf, ResponseCode::from_u16(403), None);
        assert!(n.detail.contains("your role may not allow it") && n.detail.contains("does not take this operation"));
        // 401 is also what a password changed since brings: both are said.
        let n = for_response("Lock", MessageKind::Conf, ResponseCode::from_u16(401), None);
        assert!(
            n.detail.contains("your password may have changed") && n.detail.contains("your role does not allow this")
        );
        assert!(for_response("Delete", MessageKind::Conf, ResponseCode::from_u16(425), None).detail.contains("parent"));
        let blueprint = for_response("Read blueprint", MessageKind::Blueprint, ResponseCode::from_u16(404), None);
        assert!(
            blueprint.detail.contains("no such blueprint") && !blueprint.detail.contains("deleted"),
            "{}",
            blueprint.detail
        );
        assert_eq!(blueprint.remedy, Remedy::DropBlueprint, "a blueprint's 404 drops no conference");
    }

    #[test]
    fn detail_has_the_registry_description_and_what_the_server_said() {
        let n = for_response("Retrieve", MessageKind::Conf, ResponseCode::from_u16(500), Some("database is locked"));
        assert!(n.detail.starts_with("The conference server experienced some sort of internal error."));
        assert!(n.detail.contains("database is locked"));
        let same = for_response("Retrieve", MessageKind::Conf, ResponseCode::Success, Some(" success "));
        assert!(!same.detail.contains("The server said"));
        let prefixed =
            for_response("Lock", MessageKind::Conf, ResponseCode::from_u16(401), Some("Unauthorized: wrong password"));
        assert!(prefixed.detail.contains("The server said: \u{201c}wrong password\u{201d}."), "{}", prefixed.detail);
    }

    #[test]
    fn unknown_codes_read_as_500() {
        let n = for_response("Retrieve", MessageKind::Conf, ResponseCode::from_u16(299), None);
        assert_eq!(n.title, "Retrieve: 299 Server Internal Error");
        assert_eq!(n.tone, Tone::Error);
        assert!(n.detail.contains("treated as 500"));
    }

    #[test]
    fn successes_fade_errors_stay() {
        assert!(!for_response("x", MessageKind::Conf, ResponseCode::Success, None).sticky());
        assert!(for_response("x", MessageKind::Conf, ResponseCode::from_u16(400), None).sticky());
        assert!(for_transport("x", &TransportError::Timeout { seconds: 30 }).sticky());
    }
}
