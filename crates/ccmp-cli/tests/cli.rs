//! The `ccmp` binary as a user runs it: formatting, the code table, and sending to a scripted peer.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::process::{Command, Output, Stdio};

fn spec(path: &str) -> String {
    format!("{}/../../spec/{path}", env!("CARGO_MANIFEST_DIR"))
}

fn ccmp(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ccmp"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ccmp runs");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("stdin written");
    child.wait_with_output().expect("ccmp ends")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn fmt_prints_the_canonical_encoding_of_a_lenient_message() {
    let out = ccmp(&["fmt", &spec("examples/rfc6503/09_s6.5_usersRequest_update_allowed_users.xml")], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ccmp:ccmpRequest "), "{stdout}");
    // `dial out` comes out as the data model spells it, indented.
    assert!(
        stdout.contains("\n          <xcon:target uri=\"xmpp:cicciolo@pippozzo.com\" method=\"dial-out\"/>\n"),
        "{stdout}"
    );
}

#[test]
fn fmt_reads_standard_input_and_can_print_compactly() {
    let input = std::fs::read_to_string(spec("examples/rfc6503/15_s6.8_optionsRequest.xml")).unwrap();
    let out = ccmp(&["fmt", "--compact", "-"], &input);
    assert!(out.status.success());
    assert_eq!(text(&out.stdout).lines().count(), 1);
    let again = ccmp(&["fmt", "--compact"], &text(&out.stdout));
    assert_eq!(again.stdout, out.stdout, "the canonical form is a fixed point");
}

#[test]
fn fmt_exits_2_with_the_error_on_what_does_not_decode() {
    let out = ccmp(&["fmt"], "<ccmp:ccmpRequest xmlns:ccmp=\"urn:ietf:params:xml:ns:xcon-ccmp\">\n<ccmpRequest><operation>fetch</operation></ccmpRequest></ccmp:ccmpRequest>");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(err.contains("line 2") && err.contains("\"fetch\""), "{err}");
    let missing = ccmp(&["fmt", "/nonexistent/file.xml"], "");
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("/nonexistent/file.xml"));
}

#[test]
fn output_that_cannot_be_written_is_an_error_not_a_panic() {
    let full = || Stdio::from(std::fs::File::create("/dev/full").expect("/dev/full"));
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_ccmp"))
            .args(args)
            .stdin(Stdio::null())
            .stdout(full())
            .stderr(Stdio::piped())
            .output()
            .expect("ccmp runs")
    };
    let example = spec("examples/rfc6503/15_s6.8_optionsRequest.xml");
    for args in [vec!["codes"], vec!["fmt", example.as_str()]] {
        let out = run(&args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("cannot write to standard output") && !err.contains("panicked"), "{args:?}: {err}");
    }
    // A closed pipe is no error: its reader had what it wanted.
    let mut child = Command::new(env!("CARGO_BIN_EXE_ccmp"))
        .arg("codes")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ccmp runs");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("ccmp ends");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn fmt_warns_of_a_misspelt_element_of_the_data_model() {
    let input = std::fs::read_to_string(spec("examples/rfc6503/07_s6.4_confRequest_update_title.xml")).unwrap();
    let typo = input.replace("display-text>", "display-txt>");
    assert_ne!(typo, input, "the example holds a display-text");
    let out = ccmp(&["fmt", "-"], &typo);
    assert!(out.status.success());
    assert!(text(&out.stderr).contains("warning: info:display-txt is not an element of the XCON data model"));
    assert!(ccmp(&["fmt", "-"], &input).stderr.is_empty(), "a warning for the RFC's own example");
}

#[test]
fn send_takes_the_authorities_to_trust_from_a_pem_file() {
    let request = spec("examples/rfc6503/15_s6.8_optionsRequest.xml");
    let out = ccmp(&["send", "--cacert", "/nonexistent/ca.pem", "https://127.0.0.1:9/ccmp", &request], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot read the CA certificates in /nonexistent/ca.pem"));
    let out = ccmp(&["send", "--cacert", &request, "https://127.0.0.1:9/ccmp", &request], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no PEM certificate in it"), "{}", text(&out.stderr));
}

#[test]
fn codes_prints_the_registry() {
    let out = ccmp(&["codes"], "");
    assert!(out.status.success());
    let table = text(&out.stdout);
    assert!(table.contains("423  Conference Password Required"), "{table}");
    assert_eq!(table.lines().count(), 19);
}

/// A one-shot HTTP peer answering `status` with `body`; returns its URL and the request it saw.
fn peer(status: &str, body: &'static str) -> (String, std::thread::JoinHandle<String>) {
    peer_answering(vec![(status.to_owned(), String::new(), body)])
}

/// An HTTP peer answering its connections one after the other with `(status, extra header lines, body)`;
/// returns its URL and the requests it saw, one after the other.
fn peer_answering(replies: Vec<(String, String, &'static str)>) -> (String, std::thread::JoinHandle<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let url = format!("http://{}/ccmp", listener.local_addr().unwrap());
    let handle = std::thread::spawn(move || {
        let mut seen = String::new();
        for (status, headers, body) in replies {
            let (stream, _) = listener.accept().expect("a connection");
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut length = 0;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap();
                }
                seen.push_str(&line);
                if line == "\r\n" {
                    break;
                }
            }
            let mut request = vec![0; length];
            reader.read_exact(&mut request).unwrap();
            seen.push_str(&String::from_utf8_lossy(&request));
            let mut stream = stream;
            let reply = format!(
                "HTTP/1.1 {status}\r\nContent-Type: application/ccmp+xml\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            stream.write_all(reply.as_bytes()).unwrap();
        }
        seen
    });
    (url, handle)
}

const RESPONSE_423: &str = r#"<ccmp:ccmpResponse xmlns:ccmp="urn:ietf:params:xml:ns:xcon-ccmp"><ccmpResponse xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="ccmp:ccmp-conf-response-message-type"><confUserID>xcon-userid:alice@example.com</confUserID><response-code>423</response-code><ccmp:confResponse/></ccmpResponse></ccmp:ccmpResponse>"#;
const RESPONSE_200: &str = r#"<ccmp:ccmpResponse xmlns:ccmp="urn:ietf:params:xml:ns:xcon-ccmp"><ccmpResponse xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="ccmp:ccmp-options-response-message-type"><confUserID>xcon-userid:alice@example.com</confUserID><response-code>200</response-code><response-string>success</response-string><ccmp:optionsResponse/></ccmpResponse></ccmp:ccmpResponse>"#;

#[test]
fn send_posts_ccmp_and_exits_by_the_response_class() {
    let request = std::fs::read_to_string(spec("examples/rfc6503/15_s6.8_optionsRequest.xml")).unwrap();
    let (url, seen) = peer("200 OK", RESPONSE_200);
    let out = ccmp(&["send", &url], &request);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("<response-code>200</response-code>"));
    assert!(text(&out.stderr).starts_with("200 success"));
    let seen = seen.join().unwrap().to_ascii_lowercase();
    assert!(
        seen.contains("content-type: application/ccmp+xml") && seen.contains("accept: application/ccmp+xml"),
        "{seen}"
    );

    let (url, _) = peer("200 OK", RESPONSE_423);
    let out = ccmp(&["send", &url], &request);
    assert_eq!(out.status.code(), Some(4));
    assert!(text(&out.stderr).contains("423 Conference Password Required"), "{}", text(&out.stderr));
}

#[test]
fn send_follows_a_redirect_on_the_same_server_and_not_to_another() {
    let request = std::fs::read_to_string(spec("examples/rfc6503/15_s6.8_optionsRequest.xml")).unwrap();
    let moved = |to: &str| ("308 Permanent Redirect".to_owned(), format!("Location: {to}\r\n"), "");
    let (url, seen) = peer_answering(vec![moved("/v2/ccmp"), ("200 OK".into(), String::new(), RESPONSE_200)]);
    let out = ccmp(&["send", &url], &request);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("HTTP 308 Permanent Redirect from"), "{}", text(&out.stderr));
    let seen = seen.join().unwrap();
    assert!(seen.contains("POST /ccmp ") && seen.contains("POST /v2/ccmp "), "sent again, as a POST: {seen}");
    assert_eq!(seen.matches("ccmp-options-request-message-type").count(), 2, "the whole request both times: {seen}");

    // Another server is not sent the request (nor its credentials): said, exit 3.
    let (url, _) = peer_answering(vec![moved("http://ccmp.example.org/ccmp")]);
    let out = ccmp(&["send", &url], &request);
    assert_eq!(out.status.code(), Some(3));
    let said = text(&out.stderr);
    assert!(said.contains("sends the request to http://ccmp.example.org/ccmp; send it there yourself"), "{said}");
}

#[test]
fn send_exits_3_when_no_ccmp_response_comes_back() {
    let request = std::fs::read_to_string(spec("examples/rfc6503/15_s6.8_optionsRequest.xml")).unwrap();
    let (url, _) = peer("502 Bad Gateway", "<html>upstream down</html>");
    let out = ccmp(&["send", &url], &request);
    assert_eq!(out.status.code(), Some(3));
    assert!(text(&out.stderr).contains("HTTP 502"), "{}", text(&out.stderr));

    let (url, _) = peer("200 OK", "<html>a login page</html>");
    let out = ccmp(&["send", &url], &request);
    assert_eq!(out.status.code(), Some(3));
    assert!(text(&out.stderr).contains("not CCMP"), "{}", text(&out.stderr));

    // Nothing listens on a port just released.
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let out = ccmp(&["send", &format!("http://127.0.0.1:{port}/ccmp")], &request);
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn send_to_https_on_a_plain_http_server_says_to_try_http() {
    let request = std::fs::read_to_string(spec("examples/rfc6503/15_s6.8_optionsRequest.xml")).unwrap();
    // A plain-HTTP server answers a TLS handshake with an HTTP error, as ccmp-server does.
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("a connection");
        let mut hello = [0; 512];
        let _ = stream.read(&mut hello);
        let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    });
    let out = ccmp(&["send", &format!("https://{address}/ccmp")], &request);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        text(&out.stderr).contains(&format!("if it serves plain HTTP, send to http://{address}/ccmp")),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn send_refuses_to_send_what_is_not_a_request() {
    let out = ccmp(&["send", "http://127.0.0.1:9/ccmp"], RESPONSE_200);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("ccmpResponse"));
}
