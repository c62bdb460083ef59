//! The CCMP client: one POST per request, with the headers RFC 6503 asks for, a 30 s timeout, and every
//! outcome typed (a decoded response or a [`TransportError`]). Nothing here notifies or retries: that is
//! the session's job (`crate::session::ccmp`).

mod browser;
mod clock;
pub mod desktop;
pub mod vault;

pub use browser::{
    base_url_path, copy_text, local_get, local_keys, local_remove, local_set, now_ms, performance_mark, secure_context,
    session_get, session_remove, session_set, storage_refused, tab_hidden, url_hostname,
};
pub use clock::{
    clock_off_news, iso_now, local_date_time, local_form_time, local_from_utc, local_span, local_time, local_weekday,
    note_server_date, now_epoch_ms, repeated_here, server_now_ms, time_zone, utc_from_local, utc_to_zone_wall,
    zone_wall_to_utc,
};

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use ccmp::Response;
use gloo_net::http::Request as HttpRequest;
use leptos::prelude::set_timeout_with_handle;

use crate::state::transport::{classify, declared_charset, may_follow, retry_after_ms, TransportError, TIMEOUT_MS};

/// The media type of CCMP messages (RFC 6503 section 12.1).
pub const CCMP_MEDIA_TYPE: &str = "application/ccmp+xml";

/// What came back: the decoded response and the body as received (for the console's raw view).
pub struct Reply {
    pub response: Response,
    pub body: String,
    /// The wait the server's `Retry-After` header asks for before the request is sent again, in ms.
    pub retry_after_ms: Option<u32>,
}

/// A failure, with the body when there was one (an HTML page, malformed XML) so the console can show it.
pub struct Failure {
    pub error: TransportError,
    pub body: Option<String>,
}

/// POSTs `xml` to `url` and decodes the reply. A redirect the browser followed without the message (301, 302,
/// 303: it re-sends a POST as a GET) is followed with it once, on the same host ([`may_follow`]); to another
/// site it is [`TransportError::Moved`].
pub async fn post(url: &str, xml: String) -> Result<Reply, Failure> {
    let (result, moved_to) = post_once(url, xml.clone()).await;
    match (result, moved_to) {
        (Err(failure), Some(to)) if !failure.error.unreachable() => {
            // The server's URL is most often the page's own `/ccmp`, relative, and the browser's is absolute.
            if may_follow(&browser::absolute_url(url), &to) {
                post_once(&to, xml).await.0
            } else {
                Err(Failure { error: TransportError::Moved { to }, body: failure.body })
            }
        }
        (result, _) => result,
    }
}

/// One POST of `xml` to `url`, within the timeout: its outcome, and the URL the browser ended at when it
/// followed a redirect.
async fn post_once(url: &str, xml: String) -> (Result<Reply, Failure>, Option<String>) {
    let fail = |error| Failure { error, body: None };
    let Ok(controller) = web_sys::AbortController::new() else {
        let detail = "the browser refused to create a request".into();
        return (Err(fail(TransportError::Unreachable { detail })), None);
    };
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let (controller, timed_out) = (controller.clone(), timed_out.clone());
        set_timeout_with_handle(
            move || {
                timed_out.set(true);
                controller.abort();
            },
            Duration::from_millis(TIMEOUT_MS.into()),
        )
        .ok()
    };
    let signal = controller.signal();
    let mut moved_to = None;
    let result = async {
        let request = HttpRequest::post(url)
            .header("Content-Type", "application/ccmp+xml; charset=utf-8")
            .header("Accept", CCMP_MEDIA_TYPE)
            .abort_signal(Some(&signal))
            .body(xml)
            .map_err(|e| fail(TransportError::Unreachable { detail: e.to_string() }))?;
        let sent_at = now_epoch_ms();
        let response = request.send().await.map_err(|e| {
            if timed_out.get() {
                fail(TransportError::Timeout { seconds: TIMEOUT_MS / 1000 })
            } else {
                fail(TransportError::Unreachable { detail: short(&e.to_string()) })
            }
        })?;
        if response.redirected() {
            moved_to = Some(response.url());
        }
        if let Some(date) = response.headers().get("date") {
            clock::note_server_date(&date, sent_at, now_epoch_ms());
        }
        let retry_after_ms = response
            .headers()
            .get("retry-after")
            .and_then(|h| retry_after_ms(&h, server_now_ms(), clock::epoch_ms_of_http_date));
        let status = response.status();
        let status_text = response.status_text();
        let content_type = response.headers().get("content-type");
        // The body as bytes: copying them into wasm and checking UTF-8 is much cheaper than having the
        // browser decode a JavaScript string and re-encode it (a 7 MB confResponse: tens of milliseconds).
        let bytes = response.binary().await.map_err(|e| {
            if timed_out.get() {
                fail(TransportError::Timeout { seconds: TIMEOUT_MS / 1000 })
            } else {
                fail(TransportError::Unreachable { detail: short(&e.to_string()) })
            }
        })?;
        let body = body_text(status, content_type.as_deref(), bytes).map_err(fail)?;
        match classify(status, &status_text, content_type.as_deref(), &body) {
            Ok(response) => Ok(Reply { response, body, retry_after_ms }),
            Err(error) => Err(Failure { error, body: Some(body) }),
        }
    }
    .await;
    if let Some(timer) = timer {
        timer.clear();
    }
    (result, moved_to)
}

/// A reply's body as text: in the encoding it names ([`declared_charset`]), else UTF-8. A 2xx body that is
/// not UTF-8 and names no encoding is an error: shown as it is, U+FFFD in place of letters would be taken
/// for the names a server holds. An error page's text is still worth showing, however garbled.
pub fn body_text(status: u16, content_type: Option<&str>, bytes: Vec<u8>) -> Result<String, TransportError> {
    if let Some(label) = declared_charset(content_type, &bytes) {
        return in_charset(&label, bytes).map_err(|detail| TransportError::MalformedXml { detail });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(_) if (200..300).contains(&status) => Err(TransportError::MalformedXml {
            detail: "the reply is not UTF-8 text, and does not say which encoding it is in".into(),
        }),
        Err(e) => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
    }
}

/// `bytes` read in the character encoding `label` names (ISO-8859-1, windows-1252...), with the browser's
/// decoder; an error for one it does not know.
fn in_charset(label: &str, bytes: Vec<u8>) -> Result<String, String> {
    web_sys::TextDecoder::new_with_label(label)
        .and_then(|decoder| decoder.decode_with_u8_array(&bytes))
        .map_err(|_| format!("the reply is in {label}, an encoding this browser cannot read"))
}

/// Browser error texts can be long; the first line is what a moderator needs.
fn short(text: &str) -> String {
    let line = text.lines().next().unwrap_or(text);
    line.chars().take(200).collect()
}
