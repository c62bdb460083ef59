//! The HTTP binding (`CCMP.md` section 7). What never became a CCMP exchange gets an HTTP error (406,
//! 412, 413, 501); everything else, errors included, is HTTP 200 with the CCMP response-code.

use std::net::IpAddr;
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{Request as HttpRequest, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response as HttpResponse};
use ccmp::message::Extended;
use ccmp::{MessageKind, Request, Response, ResponseBody, ResponseCode};

use crate::failure::Failure;
use crate::handlers::{self, Reply, Spliced};
use crate::AppState;

pub const CCMP_MEDIA_TYPE: &str = "application/ccmp+xml";

/// What a POST must be before CCMP reads it: a wrong Content-Type or an Accept that excludes ccmp+xml is 406,
/// any `If-*` is 412, `Expect` and `Range` are 501 (a missing Accept is fine: liblinphone sends none); a body
/// over `--body-limit` is 413, and one that has not all come within [`crate::BODY_READ`] is 408. The one place
/// the body is bounded: read whole here, it goes on as bytes.
pub async fn http_rules(State(state): State<AppState>, request: HttpRequest, next: Next) -> HttpResponse {
    if request.method() != axum::http::Method::POST {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    if let Some((status, why)) = refuse(&parts.headers) {
        return refused(&state, &parts, status, why);
    }
    // All of it within the time: a limit on the wait for each piece let a client that sent a byte every two
    // seconds hold its connection for good (QA re-test).
    let limit = state.config.body_limit;
    let read = http_body_util::BodyExt::collect(http_body_util::Limited::new(body, limit));
    let (status, why) = match tokio::time::timeout(crate::BODY_READ, read).await {
        Ok(Ok(collected)) => return next.run(HttpRequest::from_parts(parts, collected.to_bytes().into())).await,
        Ok(Err(e)) if e.downcast_ref::<http_body_util::LengthLimitError>().is_some() => {
            (StatusCode::PAYLOAD_TOO_LARGE, format!("the body is over {limit} bytes"))
        }
        Ok(Err(e)) => (StatusCode::BAD_REQUEST, format!("the body could not be read: {e}")),
        Err(_) => {
            (StatusCode::REQUEST_TIMEOUT, format!("the body did not come within {} s", crate::BODY_READ.as_secs()))
        }
    };
    refused(&state, &parts, status, why)
}

/// An HTTP refusal of a request before CCMP: logged with its sender, answered as text.
fn refused(state: &AppState, request: &axum::http::request::Parts, status: StatusCode, why: String) -> HttpResponse {
    let address = sender_address(&request.extensions, &request.headers, &state.config.trusted_proxies);
    let peer = peer_name(address);
    tracing::info!(target: "ccmp::request", peer, http_status = status.as_u16(), reason = %why, "refused");
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], why).into_response()
}

fn refuse(headers: &HeaderMap) -> Option<(StatusCode, String)> {
    if let Some(name) = headers.keys().find(|n| n.as_str().starts_with("if-")) {
        return Some((StatusCode::PRECONDITION_FAILED, format!("CCMP requests take no conditional headers ({name})")));
    }
    for name in [header::EXPECT, header::RANGE] {
        if headers.contains_key(&name) {
            return Some((StatusCode::NOT_IMPLEMENTED, format!("this server does not implement {name}")));
        }
    }
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if media_type(content_type) != CCMP_MEDIA_TYPE {
        return Some((StatusCode::NOT_ACCEPTABLE, format!("send the request as {CCMP_MEDIA_TYPE}")));
    }
    for accept in headers.get_all(header::ACCEPT) {
        let accept = accept.to_str().unwrap_or("");
        if !accepts_ccmp(accept) {
            return Some((
                StatusCode::NOT_ACCEPTABLE,
                format!("responses are {CCMP_MEDIA_TYPE}, which Accept excludes"),
            ));
        }
    }
    None
}

/// The media type of a Content-Type value, lower-cased, without parameters.
fn media_type(value: &str) -> String {
    value.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

/// Whether an Accept value admits application/ccmp+xml: the most specific range that names it (exactly, then
/// `application/*`, then `*/*`) has a q-value above zero, so that `application/ccmp+xml;q=0, */*` excludes it
/// (RFC 9110 section 12.5.1).
fn accepts_ccmp(accept: &str) -> bool {
    if accept.trim().is_empty() {
        return true;
    }
    // (specificity, q) of the ranges that name it; the most specific decides.
    let named = accept.split(',').filter_map(|range| {
        let mut parts = range.split(';');
        let kind = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let specificity = match kind.as_str() {
            CCMP_MEDIA_TYPE => 3,
            "application/*" => 2,
            "*/*" => 1,
            _ => return None,
        };
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.trim().parse::<f32>().ok()))
            .next()
            .unwrap_or(1.0);
        Some((specificity, q))
    });
    named.max_by_key(|(specificity, _)| *specificity).is_some_and(|(_, q)| q > 0.0)
}

/// `POST /ccmp`.
pub async fn post(
    State(state): State<AppState>,
    extensions: axum::http::Extensions,
    headers: HeaderMap,
    body: Bytes,
) -> HttpResponse {
    let address = sender_address(&extensions, &headers, &state.config.trusted_proxies);
    let peer = peer_name(address);
    let started = Instant::now();
    let deadline = started + state.config.deadline();
    let (response, request) = match std::str::from_utf8(&body) {
        Err(_) => ((undecodable("", "the body is not UTF-8 text"), None), None),
        Ok(text) => match ccmp::decode_request_strict(text) {
            Err(e) => {
                wire::undecoded(text);
                ((undecodable(text, &format!("not a CCMP request: {e}")), None), None)
            }
            Ok(request) => {
                wire::request(&request);
                let outcome = handlers::handle(&state, &request, address, deadline).await;
                (respond(&request, outcome), Some(request))
            }
        },
    };
    let (response, document) = response;
    log(request.as_ref(), &response, started, &peer);
    let xml = response.to_xml();
    let xml = match &document {
        Some(d) => splice(&xml, response.kind(), d).unwrap_or_else(|| {
            tracing::error!(target: "ccmp", "the encoder's output changed shape; answering without the document");
            xml
        }),
        None => xml,
    };
    wire::response(&xml);
    let mut reply = ccmp_response(xml);
    // A 510 is "try again later": RFC 6503 has the client honour Retry-After, so say when. The queue the
    // request waited in for longer than the deadline is likely shorter by half of it.
    if response.code == ccmp::ResponseCode::RequestTimeout {
        let seconds = (state.config.deadline().as_secs() / 2).clamp(1, 30);
        reply.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    reply
}

/// `xml` (a response with an empty specialized element) with the document placed inside that element.
fn splice(xml: &str, kind: MessageKind, document: &Spliced) -> Option<String> {
    let element = format!("ccmp:{}", kind.response_name());
    let empty = format!("<{element}/>");
    let at = xml.rfind(&empty)?;
    let text = document.xml.get(document.range.clone())?;
    let inner = text.strip_prefix("<confInfo")?;
    let inner = inner.strip_suffix("</confInfo>").map(|body| (body, true)).or(Some((inner, false)))?;
    let name = document.info_name;
    let mut out = String::with_capacity(xml.len() + text.len() + 2 * element.len() + 2 * name.len());
    out.push_str(&xml[..at]);
    out.push('<');
    out.push_str(&element);
    out.push_str("><");
    out.push_str(name);
    out.push_str(inner.0);
    if inner.1 {
        out.push_str("</");
        out.push_str(name);
        out.push('>');
    }
    out.push_str("</");
    out.push_str(&element);
    out.push('>');
    out.push_str(&xml[at + empty.len()..]);
    Some(out)
}

/// The HTTP response carrying a CCMP message.
pub fn ccmp_response(xml: String) -> HttpResponse {
    let mut response = HttpResponse::new(Body::from(xml));
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/ccmp+xml; charset=utf-8"));
    response
}

/// The CCMP response for a handler's outcome, and a stored document to splice into it.
pub fn respond(request: &Request, outcome: Result<Reply, Failure>) -> (Response, Option<Spliced>) {
    let kind = request.kind();
    let conf_user_id = request.conf_user_id.clone().unwrap_or_default();
    let mut document = None;
    let mut response = match outcome {
        Ok(reply) => {
            let mut r = Response::new(reply.conf_user_id.unwrap_or(conf_user_id), ResponseCode::Success, reply.body);
            r.conf_obj_id = reply.conf_obj_id.or_else(|| request.conf_obj_id.clone());
            r.version = reply.version;
            document = reply.document;
            r
        }
        Err(failure) => {
            let body = match &request.body {
                ccmp::RequestBody::Extended(e) => {
                    ResponseBody::Extended(Extended { extension_name: e.extension_name.clone(), ..Default::default() })
                }
                _ => ResponseBody::empty(kind),
            };
            let mut r = Response::new(failure.sender.clone().unwrap_or(conf_user_id), failure.code, body);
            r.response_string = Some(failure.response_string());
            r.conf_obj_id = request.conf_obj_id.clone();
            r.version = failure.version;
            r
        }
    };
    response.operation = request.operation;
    (response, document)
}

/// The 400 answer to a body that is not a CCMP request, shaped as the request it seems to be.
fn undecodable(text: &str, why: &str) -> Response {
    let mut response = Response::new(guess_user(text), ResponseCode::BadRequest, ResponseBody::empty(guess_kind(text)));
    response.response_string = Some(format!("{}: {why}", ResponseCode::BadRequest.reason()));
    response
}

/// The request kind a broken message names in its `xsi:type` or specialized element (options when
/// nothing can be told).
fn guess_kind(text: &str) -> MessageKind {
    for kind in MessageKind::ALL {
        let xsi = format!("ccmp-{}-request-message-type", kind.stem());
        let element = format!(":{}", kind.request_name());
        if text.contains(&xsi) || text.contains(&element) {
            return kind;
        }
    }
    MessageKind::Options
}

/// The text of the first `confUserID` element of a broken message, when it can be found.
fn guess_user(text: &str) -> String {
    let Some(start) = text.find("<confUserID>").map(|i| i + "<confUserID>".len()) else {
        return String::new();
    };
    let end = text[start..].find('<').map_or(start, |i| start + i);
    let id = text[start..end].trim();
    if id.len() <= 256 && ccmp::XconUserId::new(id.strip_prefix("xcon-userid:").unwrap_or(id)).is_ok() {
        id.to_owned()
    } else {
        String::new()
    }
}

fn peer_name(address: Option<IpAddr>) -> String {
    address.map_or_else(|| "-".to_owned(), |a| a.to_string())
}

/// Who sent a request: an admin can tell who is guessing passwords from the log (QA), and the waits after
/// wrong passwords are kept per sender. The connection's address; when that is one of `trusted` (the reverse
/// proxies of `--trusted-proxy`), the address the proxy says it forwarded for. `None` without a listener (as
/// the tests' in-process requests are sent).
pub fn sender_address(extensions: &axum::http::Extensions, headers: &HeaderMap, trusted: &[IpAddr]) -> Option<IpAddr> {
    let connection = extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|c| c.0.ip())?;
    if !trusted.contains(&connection) {
        return Some(connection);
    }
    Some(forwarded_for(headers, trusted).unwrap_or(connection))
}

/// The right-most `X-Forwarded-For` address that is not one of `trusted`: each proxy appends the address it
/// was called from, so the entries left of it are whatever the sender wrote. Every header line counts, in
/// order; an entry that is no IP address ends the search (nothing left of it can be trusted).
fn forwarded_for(headers: &HeaderMap, trusted: &[IpAddr]) -> Option<IpAddr> {
    let entries: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    for entry in entries.into_iter().rev() {
        let address: IpAddr = entry.parse().ok()?;
        if !trusted.contains(&address) {
            return Some(address);
        }
    }
    None
}

/// One structured line per request: who sent it, type, operation, target, code, duration. Never a password.
/// Reads that succeed go under their own target, `ccmp::read`: an auto-refreshing panel reads every
/// conference every few seconds (about 40 MB of log an hour: QA), and `RUST_LOG=info,ccmp::read=off`
/// leaves the changes and the refusals, which an admin looks for.
fn log(request: Option<&Request>, response: &Response, started: Instant, peer: &str) {
    let micros = started.elapsed().as_micros() as u64;
    let code = response.code.as_u16();
    // A body that did not decode has no kind: its 400 goes out as the generic response, which would log it as
    // an optionsRequest (QA: an admin grepping for those found every malformed request).
    let kind = if request.is_some() { response.kind().request_name() } else { "-" };
    let operation = request.and_then(|r| r.operation);
    let read = code == 200 && operation.is_none_or(|o| o == ccmp::xcon::Operation::Retrieve);
    let operation = operation.map_or("-", |o| o.as_str());
    let target = request.and_then(|r| r.conf_obj_id.as_deref()).unwrap_or("-");
    let user = if response.conf_user_id.is_empty() { "-" } else { response.conf_user_id.as_str() };
    if read {
        tracing::info!(target: "ccmp::read", peer, kind, operation, target, user, code, micros, "ccmp");
    } else {
        tracing::info!(target: "ccmp::request", peer, kind, operation, target, user, code, micros, "ccmp");
    }
}

/// The messages themselves, at debug level under the target `ccmp::wire`
/// (`RUST_LOG=info,ccmp::wire=debug`), for whoever tries a client against this server. Never a password:
/// a decoded request is logged redacted, and a body that did not decode is shown only when it does not
/// mention a password at all.
mod wire {
    use tracing::Level;

    /// Past this, a message is cut in the log (a 10,000-user document is 7 MB).
    const SHOWN: usize = 16 * 1024;

    fn enabled() -> bool {
        tracing::enabled!(target: "ccmp::wire", Level::DEBUG)
    }

    pub fn request(request: &ccmp::Request) {
        if enabled() {
            tracing::debug!(target: "ccmp::wire", "request\n{}", clipped(&request.redacted().to_xml()));
        }
    }

    pub fn undecoded(text: &str) {
        if !enabled() {
            return;
        }
        if text.to_ascii_lowercase().contains("password") {
            let bytes = text.len();
            tracing::debug!(target: "ccmp::wire", "request ({bytes} bytes, not decoded) not shown: it mentions a password");
        } else {
            tracing::debug!(target: "ccmp::wire", "request (not decoded)\n{}", clipped(text));
        }
    }

    pub fn response(xml: &str) {
        if enabled() {
            tracing::debug!(target: "ccmp::wire", "response\n{}", clipped(xml));
        }
    }

    /// `text` cut at [`SHOWN`], each of its lines behind `| `: a line break a sender wrote into a value
    /// (`&#10;` in a confUserID) would otherwise start a line of the log that reads as the server's own (QA
    /// forged a request line so).
    fn clipped(text: &str) -> String {
        let cut = (0..=SHOWN.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let mut out = String::with_capacity(cut + cut / 40 + 32);
        for line in text[..cut].split_inclusive('\n') {
            out.push_str("| ");
            out.push_str(line);
        }
        if cut < text.len() {
            out.push_str(&format!("\n... ({} more bytes)", text.len() - cut));
        }
        out
    }
}

/// `GET /ccmp`: a short page for whoever opens the endpoint in a browser.
pub async fn info(State(state): State<AppState>) -> Html<String> {
    let domain = html_escape(&state.config.domain);
    let path = html_escape(&format!("{}{}", state.config.base(), state.config.path));
    Html(format!(
        "<!doctype html><meta charset=\"utf-8\"><title>CCMP server</title>\
         <h1>CCMP server</h1>\
         <p>This is a Centralized Conferencing Manipulation Protocol (RFC 6503) endpoint for the domain \
         <code>{domain}</code>. POST CCMP requests here as <code>{CCMP_MEDIA_TYPE}</code>; send an \
         optionsRequest to learn what this server supports.</p>\
         <pre>curl -H 'Content-Type: {CCMP_MEDIA_TYPE}' --data-binary @request.xml http://HOST{path}</pre>"
    ))
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sender_behind_proxies_is_the_right_most_untrusted_entry() {
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let headers = |lines: &[&str]| {
            let mut h = HeaderMap::new();
            for line in lines {
                h.append("x-forwarded-for", HeaderValue::from_str(line).unwrap());
            }
            h
        };
        let sender = |lines: &[&str]| forwarded_for(&headers(lines), &[proxy]).map(|a| a.to_string());
        assert_eq!(sender(&["203.0.113.9"]).as_deref(), Some("203.0.113.9"));
        // What the sender wrote themselves comes first; the proxies' own entries are passed over.
        assert_eq!(sender(&["1.2.3.4, 203.0.113.9, 10.0.0.1"]).as_deref(), Some("203.0.113.9"));
        assert_eq!(sender(&["1.2.3.4", "203.0.113.9"]).as_deref(), Some("203.0.113.9"));
        assert_eq!(sender(&["2001:db8::1"]).as_deref(), Some("2001:db8::1"));
        // Nothing usable: the proxy itself is the sender.
        assert_eq!(sender(&[]), None);
        assert_eq!(sender(&["unknown"]), None);
        assert_eq!(sender(&["10.0.0.1"]), None);
    }

    #[test]
    fn accept_ranges() {
        let ok = ["", "application/ccmp+xml", "*/*", "application/*;q=0.5", "text/html, application/ccmp+xml;q=0.1"];
        // The most specific range decides.
        for ok in ok.into_iter().chain(["application/*;q=0, application/ccmp+xml", "*/*;q=0, application/*"]) {
            assert!(accepts_ccmp(ok), "{ok}");
        }
        let refused = ["text/html", "application/json", "application/ccmp+xml;q=0", "application/xml"];
        for refused in refused.into_iter().chain(["application/ccmp+xml;q=0, */*", "application/*;q=0, */*"]) {
            assert!(!accepts_ccmp(refused), "{refused}");
        }
    }

    #[test]
    fn a_stored_document_is_spliced_under_the_payload_name() {
        let mut doc = ccmp::xcon::Conference::new("xcon:1@example.com");
        doc.description_mut().display_text = Some("a <b> & c".into());
        for doc in [doc, ccmp::xcon::Conference::new("xcon:2@example.com")] {
            let object = crate::store::Object {
                seq: 1,
                kind: crate::store::Kind::Conference,
                encoded: crate::store::Encoded::of(&doc),
                doc: doc.clone(),
                owner: None,
                parent: None,
                password_hash: None,
            };
            for kind in [MessageKind::Conf, MessageKind::SidebarByRef, MessageKind::Blueprint] {
                let reply = Reply::document(kind, &object);
                let document = reply.document.as_ref().expect("spliced");
                let empty =
                    Response::new("xcon-userid:a@example.com", ResponseCode::Success, ResponseBody::empty(kind));
                let xml = splice(&empty.to_xml(), kind, document).unwrap();
                let decoded = ccmp::decode_response(&xml).unwrap();
                assert_eq!(decoded.body.conference(), Some(&doc), "{kind:?}");
            }
        }
    }

    #[test]
    fn broken_messages_are_answered_in_their_own_kind() {
        let text = "<x xsi:type=\"ccmp:ccmp-confs-request-message-type\"><confUserID>xcon-userid:a@b</confUserID>";
        assert_eq!(guess_kind(text), MessageKind::Confs);
        assert_eq!(guess_user(text), "xcon-userid:a@b");
        assert_eq!(guess_kind("garbage"), MessageKind::Options);
        assert_eq!(guess_user("<confUserID>not an id</confUserID>"), "");
    }
}
