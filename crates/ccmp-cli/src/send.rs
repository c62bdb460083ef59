//! `ccmp send`: POST a message, print the response, exit by its class.

use std::process::ExitCode;
use std::time::Duration;

use ccmp::codec::{decode, encode_pretty, pretty_print, Message};
use ccmp::ResponseCode;

const CONTENT_TYPE: &str = "application/ccmp+xml; charset=utf-8";

/// The redirects whose Location the request is sent to again, as a POST (303 asks for a GET of another thing).
const FOLLOWED: [u16; 4] = [301, 302, 307, 308];
/// How many redirects in a row are followed.
const MAX_HOPS: u32 = 5;

/// What `send` is asked to do.
pub struct Send<'a> {
    pub url: &'a str,
    pub file: Option<&'a str>,
    pub timeout: u64,
    pub raw: bool,
    /// A PEM file of the certificate authorities to trust instead of the built-in ones (`--cacert`, else
    /// `SSL_CERT_FILE`): an organisation's own CA signs its internal servers' certificates.
    pub cacert: Option<String>,
}

pub fn run(send: Send<'_>) -> ExitCode {
    let url = send.url;
    let text = match crate::input::read(send.file) {
        Ok(text) => text,
        Err(e) => return fail(2, &e),
    };
    // Refuse to send what is not a CCMP request: the server would only answer 400.
    match decode(&text) {
        Ok(Message::Request(_)) => {}
        Ok(Message::Response(_)) => return fail(2, "the message is a ccmpResponse; send a ccmpRequest"),
        Err(e) => return fail(2, &format!("the message does not decode: {e}")),
    }
    let mut config = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(send.timeout)))
        .http_status_as_error(false)
        // Redirects are followed below, where they are checked (ureq would turn the POST into a GET).
        .max_redirects(0);
    // An empty SSL_CERT_FILE is no file: the built-in authorities, as when it is not set.
    if let Some(path) = send.cacert.as_deref().filter(|p| !p.is_empty()) {
        match trusted(path) {
            Ok(roots) => config = config.tls_config(ureq::tls::TlsConfig::builder().root_certs(roots).build()),
            Err(e) => return fail(2, &e),
        }
    }
    let agent: ureq::Agent = config.build().into();
    let mut url = url.to_owned();
    let mut hops = 0;
    let mut response = loop {
        let response = agent
            .post(&url)
            .header("Content-Type", CONTENT_TYPE)
            .header("Accept", "application/ccmp+xml")
            .send(text.as_bytes());
        let response = match response {
            Ok(r) => r,
            Err(e) => return fail(3, &no_response(&url, &e, send.timeout)),
        };
        let status = response.status();
        if !status.is_redirection() {
            break response;
        }
        let to = response.headers().get("location").and_then(|l| l.to_str().ok()).map(|l| absolute(&url, l));
        // A client follows Location (CCMP.md section 7), on the same server only: the request holds the
        // credentials, which another server is not to have.
        match to {
            Some(to) if FOLLOWED.contains(&status.as_u16()) && same_server(&url, &to) && hops < MAX_HOPS => {
                crate::out::say(&format!(
                    "ccmp send: HTTP {status} from {}: sent again to {}",
                    shown(&url),
                    shown(&to)
                ));
                url = to;
                hops += 1;
            }
            to => {
                let why = match &to {
                    Some(to) if !same_server(&url, to) => {
                        "send it there yourself if you trust that server with the request (ccmp send follows a \
                         redirect on the same server only)"
                    }
                    Some(_) if hops >= MAX_HOPS => "after too many redirects; send it there",
                    _ => "send it there",
                };
                let to = to.map(|t| shown(&t)).unwrap_or_else(|| "nowhere it says".into());
                return fail(
                    3,
                    &format!("HTTP {status} from {}: the server sends the request to {to}; {why}", shown(&url)),
                );
            }
        }
    };
    let status = response.status();
    let body = match response.body_mut().read_to_string() {
        Ok(body) => body,
        Err(e) => return fail(3, &format!("cannot read the response body: {e}")),
    };
    if !status.is_success() {
        return fail(3, &format!("HTTP {status} from {}: {}", shown(&url), body.chars().take(200).collect::<String>()));
    }
    let decoded = match decode(&body) {
        Ok(Message::Response(r)) => r,
        Ok(Message::Request(_)) => return fail(3, "the server answered with a ccmpRequest"),
        Err(e) => return fail(3, &format!("the response is not CCMP: {e}")),
    };
    let printed = if send.raw {
        crate::out::stdout(&body)
    } else {
        let pretty = pretty_print(&body).unwrap_or_else(|_| encode_pretty(&Message::Response(decoded.clone())));
        crate::out::stdout(&pretty)
    };
    crate::out::say(&outcome(decoded.code, decoded.response_string.as_deref()));
    if let Err(code) = printed {
        return code;
    }
    ExitCode::from(match decoded.code.effective().as_u16() / 100 {
        2 => 0,
        4 => 4,
        _ => 5,
    })
}

/// The response's code line: `423 Conference Password Required (…)`, the server's own string first. A code
/// outside the registry says so, and how it is read.
fn outcome(code: ResponseCode, said: Option<&str>) -> String {
    match code {
        ResponseCode::Unknown(n) => format!(
            "{n} {} (a code outside the registry, read as 500 Server Internal Error)",
            said.unwrap_or("(no response-string)")
        ),
        _ => format!("{} {} ({})", code.as_u16(), said.unwrap_or(code.reason()), code.description()),
    }
}

/// The root certificates in the PEM file at `path`.
fn trusted(path: &str) -> Result<ureq::tls::RootCerts, String> {
    let pem = std::fs::read(path).map_err(|e| format!("cannot read the CA certificates in {path}: {e}"))?;
    let certs: Vec<_> = ureq::tls::parse_pem(&pem)
        .filter_map(|item| match item {
            Ok(ureq::tls::PemItem::Certificate(c)) => Some(Ok(c)),
            Ok(_) => None,
            Err(e) => Some(Err(e)),
        })
        .collect::<Result<_, _>>()
        .map_err(|e| format!("{path}: not PEM certificates: {e}"))?;
    if certs.is_empty() {
        return Err(format!("{path}: no PEM certificate in it (BEGIN CERTIFICATE)"));
    }
    Ok(ureq::tls::RootCerts::new_with_certs(&certs))
}

/// Why nothing came back, with the likely mistake when there is one.
fn no_response(url: &str, e: &ureq::Error, timeout: u64) -> String {
    let at = shown(url);
    let said = e.to_string();
    // TLS was spoken, and the certificate refused: say why, and what would do.
    if said.contains("invalid peer certificate") {
        let advice = if said.contains("not valid for name") {
            "it is for another name than the URL's: send to the name it is for"
        } else if said.contains("CaUsedAsEndEntity") {
            "the server presents a CA's certificate, as a self-signed one is: give the server a certificate its CA \
             signed"
        } else {
            "give the authority that signed it with --cacert FILE (or SSL_CERT_FILE)"
        };
        return format!("no response from {at}: its certificate is not trusted ({said}); {advice}");
    }
    let plain_http_answered = matches!(e, ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::InvalidData);
    if let (Some(rest), true) = (at.strip_prefix("https://"), plain_http_answered) {
        // An `https://` URL to a server that speaks plain HTTP fails in the handshake with "received corrupt
        // message" (QA found that cryptic).
        return format!(
            "no response from {at}: the server did not answer in TLS ({said}); if it serves plain HTTP, send to \
             http://{rest}"
        );
    }
    if matches!(e, ureq::Error::Timeout(_)) {
        return format!("no response from {at} within {timeout} s (--timeout)");
    }
    // The environment's proxy, not the server, may be what refused: name it.
    let proxy = ["ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"]
        .into_iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()).map(|v| (name, v)));
    match proxy {
        Some((name, value)) => format!(
            "no response from {at} through the proxy {} ({name}): {said}; to reach the server directly, name it \
             in no_proxy",
            shown(&value)
        ),
        None => format!("no response from {at}: {said}"),
    }
}

/// A redirect's `location` as a URL `send` takes: a path (`/other/ccmp`) on the server `url` names.
fn absolute(url: &str, location: &str) -> String {
    if !location.starts_with('/') || location.starts_with("//") {
        return location.to_owned();
    }
    let (scheme, rest) = url.split_once("://").unwrap_or(("http", url));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    format!("{scheme}://{authority}{location}")
}

/// Whether `to` is on the server `from` names: the same scheme, host and port, or `https` on the same host
/// (the upgrade a plain-HTTP address is often redirected to). Never from `https` to `http`.
fn same_server(from: &str, to: &str) -> bool {
    let parts = |url: &str| {
        let (scheme, rest) = url.split_once("://")?;
        let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        let authority = authority.rsplit_once('@').map_or(authority, |(_, host)| host).to_ascii_lowercase();
        let host = match authority.rsplit_once(':') {
            Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) && !host.ends_with(':') => host.to_owned(),
            _ => authority.clone(),
        };
        Some((scheme.to_ascii_lowercase(), authority, host))
    };
    match (parts(from), parts(to)) {
        (Some((a, a_authority, _)), Some((b, b_authority, _))) if a == b => a_authority == b_authority,
        (Some((a, _, a_host)), Some((b, _, b_host))) => a == "http" && b == "https" && a_host == b_host,
        _ => false,
    }
}

/// `url` as said in a message: without the password a `user:password@` in it holds.
fn shown(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    match authority.rsplit_once('@') {
        Some((user, host)) if user.contains(':') => {
            let user = user.split(':').next().unwrap_or(user);
            format!("{scheme}://{user}:***@{host}{}", &rest[authority.len()..])
        }
        _ => url.to_owned(),
    }
}

fn fail(status: u8, message: &str) -> ExitCode {
    crate::out::say(&format!("ccmp send: {message}"));
    ExitCode::from(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_in_the_url_is_not_repeated() {
        assert_eq!(shown("http://admin:hunter2@127.0.0.1:8080/ccmp"), "http://admin:***@127.0.0.1:8080/ccmp");
        assert_eq!(shown("https://ccmp.example.org/ccmp"), "https://ccmp.example.org/ccmp");
        assert_eq!(shown("http://h/a@b"), "http://h/a@b", "an @ in the path is no user");
    }

    #[test]
    fn a_redirect_is_said_as_a_url_to_send_to() {
        assert_eq!(absolute("http://127.0.0.1:8080/ccmp", "/other/ccmp"), "http://127.0.0.1:8080/other/ccmp");
        assert_eq!(absolute("http://h/ccmp", "https://x.example/ccmp"), "https://x.example/ccmp");
        assert_eq!(shown(&absolute("http://h/c", "https://bob:hunter2@x.example/c")), "https://bob:***@x.example/c");
    }

    #[test]
    fn redirects_are_followed_on_the_same_server_only() {
        assert!(same_server("http://127.0.0.1:8080/ccmp", "http://127.0.0.1:8080/v2/ccmp"));
        assert!(same_server("http://Ccmp.Example.org/ccmp", "https://ccmp.example.org/ccmp"), "the upgrade to TLS");
        assert!(same_server("http://ccmp.example.org:8080/ccmp", "https://ccmp.example.org/ccmp"));
        assert!(!same_server("https://ccmp.example.org/ccmp", "http://ccmp.example.org/ccmp"), "no downgrade");
        assert!(!same_server("http://127.0.0.1:8080/ccmp", "http://127.0.0.1:9090/ccmp"), "another port");
        assert!(!same_server("http://ccmp.example.org/ccmp", "http://evil.example/ccmp"));
        assert!(!same_server("http://ccmp.example.org/ccmp", "http://ccmp.example.org.evil.example/ccmp"));
        assert!(!same_server("http://ccmp.example.org/ccmp", "/relative"), "made absolute before");
    }

    #[test]
    fn a_code_outside_the_registry_says_how_it_is_read() {
        assert_eq!(
            outcome(ResponseCode::from_u16(299), Some("Success")),
            "299 Success (a code outside the registry, read as 500 Server Internal Error)"
        );
        assert!(outcome(ResponseCode::Success, None).starts_with("200 Success ("));
    }
}
