//! What can go wrong before a CCMP response exists, and how an HTTP reply is classified into either a
//! decoded response or one of those failures. Nothing a server sends makes this panic.

use ccmp::codec::DecodeErrorKind;
use ccmp::xcon::Operation;
use ccmp::{MessageKind, Request, Response, ResponseCode};

use super::uri_key;

/// How long the panel waits for a reply (RFC 6503 recommends 30 s).
pub const TIMEOUT_MS: u32 = 30_000;

/// A request that never became a CCMP exchange.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    /// The network request failed: server down, refused, DNS, CORS.
    Unreachable { detail: String },
    /// No reply within the timeout; the request was aborted.
    Timeout { seconds: u32 },
    /// An HTTP status outside 2xx (CCMP carries every outcome, errors included, in a 2xx).
    HttpStatus { status: u16, status_text: String },
    /// A reply that is not a CCMP response: an HTML page, an empty body, some other XML document.
    NotCcmp { detail: String },
    /// A reply that is not well-formed XML.
    MalformedXml { detail: String },
    /// A `ccmpResponse` the panel cannot read: a value it needs that is not one the protocol takes, a missing
    /// element. The server did answer, in CCMP, so it is neither down nor replaced by some other page.
    InvalidCcmp { detail: String },
    /// The server sent the request on to another site (an HTTP redirect), and the browser followed it without
    /// the message (only 307 and 308 keep a POST as it was). The panel does not send the message there itself.
    Moved { to: String },
    /// A CCMP response that does not answer the request: another message, another conference. Nothing of
    /// it is used: shown as the conference asked about, it would lead the moderator to act on the wrong one.
    NotAnAnswer { detail: String },
}

impl TransportError {
    /// A one-line title for a notification.
    pub fn title(&self) -> String {
        match self {
            TransportError::Unreachable { .. } => "Server unreachable".into(),
            TransportError::Timeout { seconds } => format!("No answer within {seconds} s"),
            TransportError::HttpStatus { status, status_text } => format!("HTTP {status} {status_text}").trim().into(),
            TransportError::NotCcmp { .. } => "The reply is not CCMP".into(),
            TransportError::MalformedXml { .. } => "The reply is malformed XML".into(),
            TransportError::InvalidCcmp { .. } => "The server's answer is not valid CCMP".into(),
            TransportError::Moved { .. } => "The server sent the request to another site".into(),
            TransportError::NotAnAnswer { .. } => "The reply does not answer the request".into(),
        }
    }

    /// Whether it tells that the server cannot be reached now (rather than that it answered wrongly).
    pub fn unreachable(&self) -> bool {
        matches!(
            self,
            TransportError::Unreachable { .. }
                | TransportError::Timeout { .. }
                | TransportError::HttpStatus { status: 502..=504, .. }
        )
    }

    /// Whether a change met by it may have been made all the same: no answer came (a timeout, a lost
    /// connection), or something answered in the server's place or cut its answer short (a proxy's page, a
    /// Wi-Fi network's sign-in page, a body cut off), any of which can come after the server acted. Only a
    /// refusal of the request as sent (HTTP 4xx: too large, not acceptable, no such path) says it was not
    /// (QA: a sign-in page over a mute the server had made said "check the server URL", and the row said
    /// muted until the next read).
    pub fn may_have_acted(&self) -> bool {
        !matches!(self, TransportError::HttpStatus { status: 400..=499, .. } | TransportError::Moved { .. })
    }

    /// What happened to a read the panel makes by itself (the watch of a page or of a waiting room), which it
    /// does make again: as [`TransportError::detail`], without "does not send the request again" (QA).
    pub fn detail_of_own_read(&self) -> String {
        match self {
            TransportError::Unreachable { detail } => {
                unreachable_detail(detail, "the panel reads again by itself, and says when the server answers again")
            }
            other => other.detail(),
        }
    }

    /// What happened and what the moderator can do about it.
    pub fn detail(&self) -> String {
        match self {
            TransportError::Unreachable { detail } => {
                unreachable_detail(detail, "the panel does not send the request again by itself")
            }
            TransportError::Timeout { .. } => {
                "The request was aborted. The server may be overloaded; try again in a moment.".into()
            }
            TransportError::HttpStatus { status: 413, .. } => {
                "The request is larger than the server accepts. Send less at once: a shorter text, or a long \
                 list of users split over several requests."
                    .into()
            }
            TransportError::HttpStatus { status: 502..=504, .. } => {
                "A proxy in front of the server could not reach it, or gave up waiting. The server may be \
                 restarting; try again in a moment."
                    .into()
            }
            // A server that failed is not a wrong URL (QA: a crash's 500 sent the moderator to check the URL).
            TransportError::HttpStatus { status: 500..=599, .. } => {
                "The server (or a proxy in front of it) failed on this request instead of answering it in CCMP. \
                 Try again in a moment; if it goes on, its administrator will find why in its log."
                    .into()
            }
            TransportError::HttpStatus { .. } => {
                "The server answered with an HTTP error instead of a CCMP response: the URL may not be a CCMP \
                 endpoint, or a proxy refused the request."
                    .into()
            }
            TransportError::NotCcmp { detail } => format!("{detail}. Is the server URL a CCMP endpoint?"),
            TransportError::MalformedXml { detail } => format!("The server sent XML the panel cannot read: {detail}"),
            TransportError::Moved { to } => format!(
                "The server answered with a redirect to {to}, and the browser followed it without the message. \
                 The panel does not send your request, and your credentials with it, to another site by itself: \
                 if that is the server's new address, connect to it there."
            ),
            TransportError::InvalidCcmp { detail } => format!(
                "The server answered in CCMP, but not as the protocol has it: {detail}. The panel used none of it; \
                 the console has the reply. Tell the server's administrator."
            ),
            TransportError::NotAnAnswer { detail } => format!(
                "{detail}. The panel used none of it and keeps what it showed before; the console has the reply. \
                 Tell the server's administrator if it happens again."
            ),
        }
    }
}

/// Classifies an HTTP reply: a CCMP response, or why it is not one.
pub fn classify(
    status: u16,
    status_text: &str,
    content_type: Option<&str>,
    body: &str,
) -> Result<Response, TransportError> {
    if !(200..300).contains(&status) {
        return Err(TransportError::HttpStatus { status, status_text: status_text.to_owned() });
    }
    let content_type = content_type.unwrap_or("").to_ascii_lowercase();
    if content_type.starts_with("text/html") {
        return Err(TransportError::NotCcmp { detail: "The server sent an HTML page (text/html)".into() });
    }
    let start = body.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let head = start.get(..15).unwrap_or(start).to_ascii_lowercase();
    if head.starts_with("<!doctype html") || head.starts_with("<html") {
        return Err(TransportError::NotCcmp { detail: "The server sent an HTML page".into() });
    }
    if !start.is_empty() && !start.starts_with('<') {
        let preview: String = start.chars().take(60).filter(|c| !c.is_control()).collect();
        return Err(TransportError::NotCcmp { detail: format!("The reply is not XML (it begins {preview:?})") });
    }
    ccmp::decode_response(body).map_err(|e| match e.kind {
        DecodeErrorKind::Empty => TransportError::NotCcmp { detail: "The server sent an empty body".into() },
        DecodeErrorKind::Syntax(_)
        | DecodeErrorKind::Dtd
        | DecodeErrorKind::TooDeep(_)
        | DecodeErrorKind::TrailingContent => TransportError::MalformedXml { detail: e.to_string() },
        DecodeErrorKind::UnexpectedRoot { .. } => {
            TransportError::NotCcmp { detail: format!("The reply is XML but not a ccmpResponse ({e})") }
        }
        // A ccmpResponse, if a faulty one, is the server's own answer: told as "not CCMP", it was taken for a
        // Wi-Fi network's sign-in page in the server's place, and the server for unreachable (QA: protocol
        // fidelity, a reply that echoed its operation as "Create").
        _ => TransportError::InvalidCcmp { detail: e.to_string() },
    })
}

/// Why a successful `response` is no answer to `request`, if it is not: another kind of message, or about
/// another object than the one asked about. Not for optionsRequest, whose answer the connection judges
/// itself (a server that does not answer options is taken to support the base set), nor for a creation,
/// answered with the new object's id.
pub fn not_an_answer(request: &Request, response: &Response) -> Option<TransportError> {
    let kind = request.kind();
    if response.code.effective() != ResponseCode::Success || kind == MessageKind::Options {
        return None;
    }
    let answered = response.body.kind();
    if answered != kind {
        let detail = format!("The server answered the {} with a {}", kind.request_name(), answered.response_name());
        return Some(TransportError::NotAnAnswer { detail });
    }
    let created = request.operation == Some(Operation::Create)
        && matches!(kind, MessageKind::Conf | MessageKind::SidebarByVal | MessageKind::SidebarByRef);
    let asked = request.conf_obj_id.as_deref().filter(|_| !created)?;
    let about =
        response.conf_obj_id.as_deref().into_iter().chain(response.body.conference().map(|c| c.entity.as_str()));
    let other = about.map(str::trim).find(|uri| !uri.is_empty() && uri_key(uri) != uri_key(asked))?;
    let detail = format!("Asked about {}, the server answered about {other}", asked.trim());
    Some(TransportError::NotAnAnswer { detail })
}

/// The character encoding a reply says it is in, when it is not UTF-8: the `charset` of its Content-Type,
/// else the `encoding` of its XML declaration (`<?xml version="1.0" encoding="ISO-8859-1"?>`). `None` for
/// UTF-8, or when it says nothing. A server may answer in Latin-1 as XML allows; read as UTF-8, "Café"
/// showed as "Caf\u{fffd}", as if that were its name (QA).
pub fn declared_charset(content_type: Option<&str>, body: &[u8]) -> Option<String> {
    let from_type = content_type.and_then(|t| {
        t.split(';').skip(1).find_map(|p| {
            let (k, v) = p.split_once('=')?;
            k.trim().eq_ignore_ascii_case("charset").then(|| v.trim().trim_matches('"').to_owned())
        })
    });
    let from_declaration = || {
        let head = String::from_utf8_lossy(body.get(..body.len().min(200))?);
        let declaration = head.trim_start_matches('\u{feff}').strip_prefix("<?xml")?.split("?>").next()?.to_owned();
        let after = declaration.split_once("encoding")?.1.trim_start().strip_prefix('=')?.trim_start();
        let quote = after.chars().next().filter(|q| *q == '"' || *q == '\'')?;
        Some(after[1..].split(quote).next()?.to_owned())
    };
    let label = from_type.or_else(from_declaration)?;
    let utf8 = matches!(label.to_ascii_lowercase().as_str(), "utf-8" | "utf8" | "unicode-1-1-utf-8");
    (!utf8 && !label.is_empty()).then_some(label)
}

/// No answer came, and `then` says what the panel does about it.
fn unreachable_detail(detail: &str, then: &str) -> String {
    format!(
        "No answer came from the server ({detail}); {then}. Check that the server is running and that the URL is \
         right (a server on another site must also allow requests from this one: CORS). The panel keeps working."
    )
}

/// Whether the panel may send a request again, itself, to where the server redirected it (RFC 6503 asks a
/// client to follow `Location`; a browser re-sends a POST as it was only on 307 and 308, and follows 301, 302
/// and 303 with a bodiless GET). Only on the same host, over the same scheme or from http to https: a
/// request carries the moderator's credentials, which must not go to another site, such as the sign-in page
/// of a Wi-Fi network, because a redirect said so.
pub fn may_follow(from: &str, to: &str) -> bool {
    match (origin_of(from), origin_of(to)) {
        (Some((scheme_a, host_a)), Some((scheme_b, host_b))) => {
            host_a == host_b && (scheme_a == scheme_b || (scheme_a == "http" && scheme_b == "https"))
        }
        _ => false,
    }
}

/// The scheme and the host (with its port, the scheme's default left out) of an absolute http(s) URL, both in
/// lower case; `None` for anything else.
fn origin_of(url: &str) -> Option<(String, String)> {
    let (scheme, rest) = url.trim().split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => ":80",
        "https" => ":443",
        _ => return None,
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    // Userinfo (`user@host`) would make one host look like another: none of it is followed.
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    let host = authority.to_ascii_lowercase();
    let host = host.strip_suffix(default_port).unwrap_or(&host).to_owned();
    Some((scheme, host))
}

/// The wait an HTTP `Retry-After` header asks for, in milliseconds: its delay-seconds, or the time until its
/// HTTP-date (`date_ms` reads one; `now_ms` is the time now), kept between 1 s and 5 minutes so that a server
/// cannot leave an action waiting for hours. `None` for a header that says neither.
pub fn retry_after_ms(header: &str, now_ms: f64, date_ms: impl Fn(&str) -> Option<f64>) -> Option<u32> {
    let text = header.trim();
    let wait_ms = match text.parse::<u64>() {
        Ok(seconds) => seconds.saturating_mul(1000) as f64,
        Err(_) if text.bytes().all(|b| b.is_ascii_digit()) && !text.is_empty() => f64::MAX,
        Err(_) => date_ms(text)? - now_ms,
    };
    Some(wait_ms.clamp(1000.0, 300_000.0) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = r#"<ccmp:ccmpResponse xmlns:ccmp="urn:ietf:params:xml:ns:xcon-ccmp"><ccmpResponse xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="ccmp:ccmp-confs-response-message-type"><confUserID>xcon-userid:a@example.com</confUserID><response-code>200</response-code><ccmp:confsResponse/></ccmpResponse></ccmp:ccmpResponse>"#;

    fn check(status: u16, ct: Option<&str>, body: &str) -> Result<u16, &'static str> {
        classify(status, "X", ct, body).map(|r| r.code.as_u16()).map_err(|e| match e {
            TransportError::Unreachable { .. } => "unreachable",
            TransportError::Timeout { .. } => "timeout",
            TransportError::HttpStatus { .. } => "http",
            TransportError::NotCcmp { .. } => "not-ccmp",
            TransportError::MalformedXml { .. } => "malformed",
            TransportError::InvalidCcmp { .. } => "invalid-ccmp",
            TransportError::Moved { .. } => "moved",
            TransportError::NotAnAnswer { .. } => "not-an-answer",
        })
    }

    #[test]
    fn a_read_the_panel_makes_by_itself_is_not_said_to_stop() {
        let down = TransportError::Unreachable { detail: "connection refused".into() };
        assert!(down.detail().contains("does not send the request again"));
        let own = down.detail_of_own_read();
        assert!(own.contains("reads again by itself") && !own.contains("does not send"), "{own}");
        let slow = TransportError::Timeout { seconds: 30 };
        assert_eq!(slow.detail_of_own_read(), slow.detail());
    }

    #[test]
    fn an_http_error_says_what_the_moderator_can_do_about_it() {
        let said = |status| TransportError::HttpStatus { status, status_text: String::new() }.detail();
        assert!(said(413).contains("larger than the server accepts"), "{}", said(413));
        assert!(said(502).contains("proxy") && said(504).contains("try again"), "{}", said(502));
        assert!(said(404).contains("may not be a CCMP endpoint"), "{}", said(404));
    }

    #[test]
    fn every_reply_is_typed() {
        assert_eq!(check(200, Some("application/ccmp+xml"), OK), Ok(200));
        assert_eq!(check(200, None, OK), Ok(200));
        assert_eq!(check(502, Some("text/plain"), "bad gateway"), Err("http"));
        assert_eq!(check(404, None, OK), Err("http"));
        assert_eq!(check(200, Some("text/html; charset=utf-8"), "<!DOCTYPE html><html></html>"), Err("not-ccmp"));
        assert_eq!(check(200, None, ""), Err("not-ccmp"));
        assert_eq!(check(200, None, "<a><b></a>"), Err("not-ccmp"));
        assert_eq!(check(200, None, "<html><body/></html>"), Err("not-ccmp"));
        assert_eq!(check(200, Some("application/ccmp+xml"), "<!DOCTYPE html><html></html>"), Err("not-ccmp"));
        assert_eq!(check(200, None, "\u{0}\u{1}garbage"), Err("not-ccmp"));
        assert_eq!(check(200, None, "plain text"), Err("not-ccmp"));
        assert_eq!(
            check(200, None, "<ccmp:ccmpResponse xmlns:ccmp=\"urn:ietf:params:xml:ns:xcon-ccmp\">"),
            Err("malformed")
        );
        assert_eq!(check(200, None, &OK.replace("200", "abc")), Err("invalid-ccmp"));
        assert_eq!(check(200, None, &format!("{OK}<extra/>")), Err("malformed"));
    }

    #[test]
    fn a_redirect_is_followed_on_the_same_host_only() {
        let from = "http://ccmp.example.org/ccmp";
        assert!(may_follow(from, "http://ccmp.example.org/ccmp/"));
        assert!(may_follow(from, "https://CCMP.example.org/v2/ccmp"), "to https, on the same host");
        assert!(may_follow("https://ccmp.example.org:443/ccmp", "https://ccmp.example.org/ccmp/"));
        assert!(!may_follow("https://ccmp.example.org/ccmp", "http://ccmp.example.org/ccmp"), "not to http");
        assert!(!may_follow(from, "http://portal.hotel.example/login"), "another host");
        assert!(!may_follow(from, "http://ccmp.example.org:8080/ccmp"), "another port");
        assert!(!may_follow(from, "http://ccmp.example.org@evil.example/ccmp"));
        assert!(!may_follow("/ccmp", "/ccmp/"), "absolute URLs only");
        let moved = TransportError::Moved { to: "http://portal.hotel.example/login".into() };
        assert!(!moved.may_have_acted() && !moved.unreachable());
        assert!(moved.detail().contains("http://portal.hotel.example/login"), "{}", moved.detail());
    }

    #[test]
    fn retry_after_is_honoured_within_bounds() {
        let no_date = |_: &str| None;
        assert_eq!(retry_after_ms("7", 0.0, no_date), Some(7000));
        assert_eq!(retry_after_ms(" 0 ", 0.0, no_date), Some(1000), "at least a second");
        assert_eq!(retry_after_ms("86400", 0.0, no_date), Some(300_000), "at most five minutes");
        assert_eq!(retry_after_ms("99999999999999999999999", 0.0, no_date), Some(300_000));
        assert_eq!(retry_after_ms("soon", 0.0, no_date), None);
        let date = |t: &str| (t == "Wed, 21 Oct 2026 07:28:00 GMT").then_some(1_000_000.0 + 12_000.0);
        assert_eq!(retry_after_ms("Wed, 21 Oct 2026 07:28:00 GMT", 1_000_000.0, date), Some(12_000));
        assert_eq!(retry_after_ms("-5", 0.0, no_date), None);
    }

    #[test]
    fn a_faulty_ccmp_answer_is_the_servers_and_said_so() {
        let faulty = OK.replace("<response-code>200</response-code>", "");
        let e = classify(200, "OK", Some("application/ccmp+xml"), &faulty).expect_err("no response-code");
        assert!(!e.unreachable(), "the server answered");
        assert!(e.may_have_acted(), "a change may have been made before the answer went wrong");
        assert_eq!(e.title(), "The server's answer is not valid CCMP");
        let said = e.detail();
        assert!(said.contains("missing <response-code>") && said.contains("administrator"), "{said}");
        assert!(!said.contains("CCMP endpoint"), "the URL is right: {said}");
    }

    #[test]
    fn unknown_codes_are_kept() {
        assert_eq!(check(200, None, &OK.replace("200", "299")), Ok(299));
    }

    /// A confResponse about `obj` (confObjID) holding a document whose entity is `entity`.
    fn conf_response(obj: &str, entity: &str, code: u16) -> Response {
        let xml = format!(
            r#"<ccmp:ccmpResponse xmlns:info="urn:ietf:params:xml:ns:conference-info" xmlns:ccmp="urn:ietf:params:xml:ns:xcon-ccmp"><ccmpResponse xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="ccmp:ccmp-conf-response-message-type"><confUserID>xcon-userid:a@example.com</confUserID><confObjID>{obj}</confObjID><operation>retrieve</operation><response-code>{code}</response-code><ccmp:confResponse><confInfo entity="{entity}"/></ccmp:confResponse></ccmpResponse></ccmp:ccmpResponse>"#
        );
        ccmp::decode_response(&xml).expect("a confResponse")
    }

    #[test]
    fn a_reply_about_something_else_is_no_answer() {
        let me: ccmp::XconUserId = "xcon-userid:a@example.com".parse().expect("an id");
        let asked = "xcon:evil@example.com";
        let read = Request::conf_retrieve(&me, asked);
        assert_eq!(not_an_answer(&read, &conf_response(asked, asked, 200)), None);
        assert_eq!(
            not_an_answer(&read, &conf_response("XCON:Evil@example.com ", asked, 200)),
            None,
            "URIs compare loosely"
        );
        let other = "xcon:other@example.com";
        for (obj, entity) in [(other, asked), (asked, other), (other, other)] {
            let said = not_an_answer(&read, &conf_response(obj, entity, 200)).map(|e| e.detail()).unwrap_or_default();
            assert!(said.contains("answered about xcon:other@example.com"), "{obj} {entity}: {said:?}");
        }
        // A refusal carries nothing the panel uses.
        assert_eq!(not_an_answer(&read, &conf_response(other, other, 404)), None);
        // A creation is answered with the new conference's id, not the blueprint's it named.
        let mut create = Request::conf_retrieve(&me, "xcon:blueprint@example.com");
        create.operation = Some(Operation::Create);
        assert_eq!(not_an_answer(&create, &conf_response(other, other, 200)), None);
        // Another message altogether: the confsRequest answered with a confResponse.
        let list = Request::confs(&me);
        let said = not_an_answer(&list, &conf_response(other, other, 200)).map(|e| e.detail()).unwrap_or_default();
        assert!(said.contains("answered the confsRequest with a confResponse"), "{said}");
        assert!(!TransportError::NotAnAnswer { detail: said }.unreachable(), "the server did answer");
    }

    #[test]
    fn the_charset_a_reply_names_is_found_in_its_type_or_its_declaration() {
        let latin = b"<?xml version=\"1.0\" encoding='ISO-8859-1'?><ccmp:ccmpResponse/>";
        assert_eq!(declared_charset(None, latin).as_deref(), Some("ISO-8859-1"));
        let typed = Some("application/ccmp+xml; charset=\"windows-1252\"");
        assert_eq!(declared_charset(typed, b"<a/>").as_deref(), Some("windows-1252"));
        assert_eq!(declared_charset(Some("application/ccmp+xml; charset=UTF-8"), latin), None, "the type first");
        assert_eq!(declared_charset(None, b"<?xml version=\"1.0\" encoding=\"utf-8\"?><a/>"), None);
        assert_eq!(declared_charset(None, b"<?xml version=\"1.0\"?><a encoding=\"x\"/>"), None);
        assert_eq!(declared_charset(Some("text/xml"), b"<a/>"), None);
    }

    #[test]
    fn a_server_that_failed_is_not_told_as_a_wrong_url() {
        let http = |status| TransportError::HttpStatus { status, status_text: String::new() }.detail();
        assert!(http(500).contains("failed on this request") && !http(500).contains("URL"), "{}", http(500));
        assert!(http(404).contains("the URL may not be a CCMP endpoint"), "{}", http(404));
        assert!(http(503).contains("restarting"), "{}", http(503));
    }
}
