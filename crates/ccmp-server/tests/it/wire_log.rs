//! `RUST_LOG=ccmp::wire=debug` shows the messages themselves, for whoever tries a client against the
//! server, and never a password.

use ccmp::ResponseCode;

use crate::support::*;

#[tokio::test]
async fn the_wire_log_shows_the_messages_and_never_a_password() {
    let dir = scratch("wire-log");
    let server = spawn_binary(&dir.path().join("ccmp.sqlite"), "info,ccmp::wire=debug");
    let client = reqwest::Client::new();
    let post = |body: String| client.post(&server.url).header("Content-Type", "application/ccmp+xml").body(body).send();

    let request = ccmp::Request::conf_retrieve(&moderator(), "xcon:all-hands@example.com")
        .with_credentials("moderator", PASSWORD)
        .with_conference_password("conference-pin-4711");
    let answer = post(request.to_xml()).await.expect("an answer").text().await.expect("a body");
    let answer = ccmp::decode_response(&answer).expect("a CCMP response");
    expect(&answer, ResponseCode::Success);
    // Not CCMP, and naming a password: not shown. Not CCMP, and no password: shown as it came.
    post("<ccmp:ccmpRequest><password>typo-pin-0815</password>".into()).await.expect("an answer");
    post("<not-ccmp-at-all/>".into()).await.expect("an answer");
    // A line break in a value starts no line of its own in the log (QA forged a request line so).
    let forged = ccmp::Request::confs(&moderator()).to_xml().replace(
        "xcon-userid:moderator@example.com",
        "xcon-userid:evil@example.com&#10;2026-11-30T00:00:00Z  INFO ccmp::request: forged",
    );
    post(forged).await.expect("an answer");

    // The last request's own line: each is written as its answer goes, which the client may read first (a
    // log read at the line of the request before it lacked this one, once).
    let log = server.wait_for_log("user=\"xcon-userid:evil@example.com").await;
    assert!(log.contains("<not-ccmp-at-all/>"), "{log}");
    assert!(log.contains("<confObjID>xcon:all-hands@example.com</confObjID>"), "the request is shown:\n{log}");
    assert!(log.contains("Product launch all-hands"), "the response is shown:\n{log}");
    assert!(log.contains("not shown: it mentions a password"), "{log}");
    // Each request's line names who sent it. A read that succeeded has a target of its own, which an
    // admin can leave out; the refusals stay under `ccmp::request`.
    assert!(!log.lines().any(|l| l.starts_with("2026-11-30T00:00:00Z")), "a forged line:\n{log}");
    let lines: Vec<&str> = log
        .lines()
        .filter(|l| !l.starts_with("| ") && (l.contains("ccmp::request:") || l.contains("ccmp::read:")))
        .collect();
    assert!(lines.len() == 4 && lines.iter().all(|l| l.contains("peer=\"127.0.0.1\"")), "{log}");
    assert!(lines.iter().any(|l| l.contains("ccmp::read:") && l.contains("code=200")), "{log}");
    // What did not decode is of no kind (it was logged as an optionsRequest).
    let refused: Vec<&&str> = lines.iter().filter(|l| l.contains("ccmp::request:") && l.contains("code=400")).collect();
    assert!(refused.len() == 2 && refused.iter().all(|l| l.contains("kind=\"-\"")), "{log}");
    for secret in [PASSWORD, "conference-pin-4711", "typo-pin-0815"] {
        assert!(!log.contains(secret), "{secret} is in the log:\n{log}");
    }
}
