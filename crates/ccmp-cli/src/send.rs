//! `ccmp send`: POST a message, print the response, exit by its class.

use std::process::ExitCode;
use std::time::Duration;

use ccmp::codec::{decode, encode_pretty, pretty_print, Message};

const CONTENT_TYPE: &str = "application/ccmp+xml; charset=utf-8";

pub fn run(url: &str, file: Option<&str>, timeout: u64, raw: bool) -> ExitCode {
    let text = match crate::input::read(file) {
        Ok(text) => text,
        Err(e) => return fail(2, &e),
    };
    // Refuse to send what is not a CCMP request: the server would only answer 400.
    match decode(&text) {
        Ok(Message::Request(_)) => {}
        Ok(Message::Response(_)) => return fail(2, "the message is a ccmpResponse; send a ccmpRequest"),
        Err(e) => return fail(2, &format!("the message does not decode: {e}")),
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(timeout)))
        .http_status_as_error(false)
        .build()
        .into();
    let response = agent
        .post(url)
        .header("Content-Type", CONTENT_TYPE)
        .header("Accept", "application/ccmp+xml")
        .send(text.as_bytes());
    let mut response = match response {
        Ok(r) => r,
        Err(e) => return fail(3, &no_response(url, &e)),
    };
    let status = response.status();
    let body = match response.body_mut().read_to_string() {
        Ok(body) => body,
        Err(e) => return fail(3, &format!("cannot read the response body: {e}")),
    };
    if !status.is_success() {
        return fail(3, &format!("HTTP {status} from {url}: {}", body.chars().take(200).collect::<String>()));
    }
    let decoded = match decode(&body) {
        Ok(Message::Response(r)) => r,
        Ok(Message::Request(_)) => return fail(3, "the server answered with a ccmpRequest"),
        Err(e) => return fail(3, &format!("the response is not CCMP: {e}")),
    };
    if raw {
        print!("{body}");
    } else {
        let pretty = pretty_print(&body).unwrap_or_else(|_| encode_pretty(&Message::Response(decoded.clone())));
        print!("{pretty}");
    }
    let code = decoded.code;
    eprintln!(
        "{} {} ({})",
        code.as_u16(),
        decoded.response_string.as_deref().unwrap_or(code.reason()),
        code.description()
    );
    ExitCode::from(match code.effective().as_u16() / 100 {
        2 => 0,
        4 => 4,
        _ => 5,
    })
}

/// Why nothing came back, with the likely mistake when there is one: an `https://` URL to a server that
/// speaks plain HTTP fails in the TLS handshake with "received corrupt message" (QA found that cryptic).
fn no_response(url: &str, e: &ureq::Error) -> String {
    let plain_http_answered = matches!(e, ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::InvalidData);
    match url.strip_prefix("https://") {
        Some(rest) if plain_http_answered => format!(
            "no response from {url}: the server did not answer in TLS ({e}); if it serves plain HTTP, send to \
             http://{rest}"
        ),
        _ => format!("no response from {url}: {e}"),
    }
}

fn fail(status: u8, message: &str) -> ExitCode {
    eprintln!("ccmp send: {message}");
    ExitCode::from(status)
}
