//! The binary's start and its connections, as an admin meets them: a first start that fails leaves no
//! password nobody saw, a banner that cannot be written is an error, and a client that never finishes its
//! request is not waited for.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::support::{scratch, spawn_binary};

fn server() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ccmp-server"));
    command.env_remove("CCMP_MODERATOR_PASSWORD").env("RUST_LOG", "warn").stdin(Stdio::null());
    command
}

/// What a server started on `db` says on its standard output (or error) until it says `text`; then it is
/// stopped.
fn said_on_start(db: &std::path::Path, on_stderr: bool, text: &str) -> String {
    said_on_start_with(db, &[], on_stderr, text)
}

/// [`said_on_start`], the server given the flags `flags` too.
fn said_on_start_with(db: &std::path::Path, flags: &[&str], on_stderr: bool, text: &str) -> String {
    let mut command = server();
    command.args(["--port", "0"]).args(flags).arg("--db").arg(db);
    let (out, err) = if on_stderr { (Stdio::null(), Stdio::piped()) } else { (Stdio::piped(), Stdio::null()) };
    let mut child = command.stdout(out).stderr(err).spawn().expect("the server runs");
    let said = match (child.stdout.take(), child.stderr.take()) {
        (Some(stdout), _) => read_until(stdout, text),
        (_, Some(stderr)) => read_until(stderr, text),
        _ => String::new(),
    };
    let _ = child.kill();
    let _ = child.wait();
    said
}

/// A connection to `server`'s port.
fn connect(server: &crate::support::Binary) -> TcpStream {
    let address = server.url.trim_start_matches("http://").split('/').next().unwrap_or_default();
    TcpStream::connect(address).expect("a connection")
}

/// What `stream` says until it says `text` (or ends).
fn read_until(mut stream: impl Read, text: &str) -> String {
    let mut said = String::new();
    let mut chunk = [0u8; 1024];
    while !said.contains(text) {
        match stream.read(&mut chunk) {
            Ok(n @ 1..) => said.push_str(&String::from_utf8_lossy(&chunk[..n])),
            _ => break,
        }
    }
    said
}

#[test]
fn a_first_start_that_cannot_listen_stores_no_password_nobody_saw() {
    let dir = scratch("port-taken");
    let db = dir.path().join("ccmp.sqlite");
    let taken = TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = taken.local_addr().expect("its address").port().to_string();
    let out = server().args(["--port", &port, "--db"]).arg(&db).output().expect("the server runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot listen on"));
    assert!(!db.exists(), "the database was made before the port was found taken");
    // The next start generates the password, and shows it.
    let said = said_on_start(&db, false, "moderator password");
    assert!(said.contains("moderator password (generated, shown only now): "), "{said}");
}

/// The README's `--domain` example, then a start without it, and back, on one database: each start takes the
/// moderator's username to its domain's account (QA: going back to the default domain failed on the
/// usernames' unique constraint, when the accounts' writes came in the wrong order, a map's).
#[test]
fn the_moderator_follows_the_domain_back_and_forth() {
    let dir = scratch("domains");
    let db = dir.path().join("ccmp.sqlite");
    for domain in ["example.com", "example.org", "example.com", "example.org", "example.com", "example.net"] {
        let said = said_on_start_with(&db, &["--domain", domain], false, "moderator password");
        assert!(said.contains(&format!("xcon-userid:moderator@{domain}")), "a start on {domain}: {said}");
    }
}

#[test]
fn a_banner_that_cannot_be_written_stops_the_server_and_says_what_was_lost() {
    let dir = scratch("stdout-full");
    let full = std::fs::File::create("/dev/full").expect("/dev/full");
    let out = server()
        .args(["--port", "0", "--db"])
        .arg(dir.path().join("ccmp.sqlite"))
        .stdout(full)
        .output()
        .expect("the server runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("cannot write to standard output") && !err.contains("panicked"), "{err}");
    assert!(err.contains("could not be shown, and is not kept: the next start makes up another"), "{err}");
    // Which it does, and shows.
    let said = said_on_start(&dir.path().join("ccmp.sqlite"), false, "moderator password");
    assert!(said.contains("moderator password (generated, shown only now): "), "{said}");
}

#[test]
fn a_request_whose_headers_never_end_is_not_waited_for() {
    let dir = scratch("half-sent");
    let server = spawn_binary(&dir.path().join("ccmp.sqlite"), "warn");
    let mut stream = connect(&server);
    stream.write_all(b"POST /ccmp HTTP/1.1\r\nHost: x\r\n").expect("half the headers sent");
    // Longer than the server gives (lib.rs HEADER_READ, 20 s), short of forever.
    stream.set_read_timeout(Some(Duration::from_secs(60))).expect("a read timeout");
    let mut rest = Vec::new();
    let closed = stream.read_to_end(&mut rest);
    assert!(closed.is_ok(), "the server still holds the connection: {closed:?}");
}

#[test]
fn a_database_file_that_holds_no_ccmp_data_is_said_to_before_it_is_started_anew() {
    let dir = scratch("empty-copy");
    let db = dir.path().join("ccmp.sqlite");
    // What `cp` of a running server's database gives: an SQLite file without the data (it was in the -wal).
    rusqlite::Connection::open(&db).and_then(|c| c.execute_batch("CREATE TABLE t (x)")).expect("an SQLite file");
    let said = said_on_start(&db, true, "held no CCMP data");
    assert!(said.contains("a copy of a running server's database without its -wal file?"), "{said}");
}

/// A first start killed after the schema was made and before the seeding: the next start seeds it (QA: it
/// stayed without blueprints or example conferences, and nothing said so).
#[tokio::test]
async fn a_database_made_but_never_seeded_is_seeded_at_the_next_start() {
    let dir = scratch("unseeded");
    let db = dir.path().join("ccmp.sqlite");
    drop(ccmp_server::store::Store::open(&db).expect("the schema made"));
    let server = spawn_binary(&db, "warn");
    let reply = reqwest::Client::new()
        .post(&server.url)
        .header("Content-Type", "application/ccmp+xml")
        .body(ccmp::Request::blueprints(&crate::support::user("reader")).to_xml())
        .send()
        .await
        .expect("an answer");
    let answer = ccmp::decode_response(&reply.text().await.expect("a body")).expect("CCMP");
    let listed = answer.body.uris().map_or(0, |u| u.entries.len());
    assert!(listed >= 4, "the blueprints are there: {answer:?}");
}

#[test]
fn a_body_that_trickles_in_is_answered_408_once_its_time_is_up() {
    let dir = scratch("trickle");
    let server = spawn_binary(&dir.path().join("ccmp.sqlite"), "warn");
    let mut stream = connect(&server);
    let head = "POST /ccmp HTTP/1.1\r\nHost: x\r\nContent-Type: application/ccmp+xml\r\nContent-Length: 100000\r\n\r\n";
    stream.write_all(head.as_bytes()).expect("the headers sent");
    stream.set_read_timeout(Some(Duration::from_secs(1))).expect("a read timeout");
    // A byte a second, each well within any wait for the next piece, for longer than the body's time (lib.rs
    // BODY_READ, 30 s): the whole body's time is what counts.
    let mut answer = Vec::new();
    for _ in 0..90 {
        let _ = stream.write_all(b"<");
        let mut chunk = [0u8; 512];
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => {
                answer.extend_from_slice(&chunk[..n]);
                break;
            }
            Err(_) => {}
        }
    }
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer:?}");
}
