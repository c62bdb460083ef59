//! Every kind of answer the server gives, against the RFC 6503 schema (xmllint): a client that validates
//! what it reads must be able to read all of them. The `schema` step of `cargo xtask test` runs the tests
//! named `schema::`, after making sure xmllint is there.

use ccmp::xcon::{Conference, Operation};
use ccmp::Request;

use crate::support::*;

#[path = "../../../ccmp/tests/it/support.rs"]
mod xmllint;

/// The schema check (xmllint), for the tests of other areas that hold an answer to it.
pub use xmllint::validate;

/// The server's answer to `request`, sent with the moderator's credentials, as the text it sent.
async fn answer(server: &Server, request: Request) -> String {
    let reply = server.post_raw(request.with_credentials("moderator", PASSWORD).to_xml()).await;
    reply.text().await.expect("the answer's text")
}

#[tokio::test]
async fn every_kind_of_answer_validates() {
    let server = Server::with_defaults("schema-answers").await;
    let me = moderator();
    let nothing = "//conference-description[display-text='no such name']";
    let mut rename = Conference::new(SYNC);
    rename.description_mut().display_text = Some("Weekly sync, renamed".into());
    let summary = Request::extended(&me, Some(ALL_HANDS), "confSummaryRequest", Operation::Retrieve, vec![]);
    // Changes that hold placeholders are answered with what was stored (the values generated in place).
    let mut text = Conference::new(SYNC);
    let media = text.description_mut().available_media.get_or_insert_with(Default::default);
    // With the audio the conference's floor takes (the list is replaced whole).
    media.entries.push(ccmp::xcon::MediaEntry::new("audioLabel", "audio"));
    media.entries.push(ccmp::xcon::MediaEntry::new("AUTO_GENERATE_1", "text"));
    let newcomer = |sidebar: &str| {
        let mut c = Conference::new(sidebar);
        let new = ccmp::xcon::User::new("xcon-userid:AUTO_GENERATE_1@example.com");
        c.users = Some(ccmp::xcon::Users { users: vec![new], ..Default::default() });
        c
    };
    let (breakout, escalations) = ("xcon:all-hands-qa@example.com", "xcon:support-escalations@example.com");
    let allowed = ccmp::xcon::Users {
        allowed_users_list: Some(ccmp::xcon::AllowedUsersList {
            targets: vec![ccmp::xcon::Target::new(
                "xcon-userid:AUTO_GENERATE_1@example.com",
                ccmp::xcon::TargetMethod::DialOut,
            )],
            ..Default::default()
        }),
        ..Default::default()
    };
    let mut endpoint = ccmp::xcon::Endpoint::new("sip:bob@example.com");
    endpoint
        .media
        .push(ccmp::xcon::Media { media_type: Some("text".into()), ..ccmp::xcon::Media::new("AUTO_GENERATE_1") });
    let bob = ccmp::xcon::User { endpoints: vec![endpoint], ..ccmp::xcon::User::new("xcon-userid:bob@example.com") };
    let mut no_audio = Conference::new(SYNC);
    no_audio.description_mut().available_media = Some(ccmp::xcon::AvailableMedia {
        entries: vec![ccmp::xcon::MediaEntry::new("textLabel", "text")],
        ..Default::default()
    });
    let requests = [
        ("options", Request::options(&me)),
        ("blueprints", Request::blueprints(&me)),
        // An empty list carries no list at all: uris-type needs an entry (QA: `<blueprintsInfo/>` failed).
        ("blueprints matching nothing", Request::blueprints(&me).with_xpath_filter(nothing)),
        ("a blueprint", Request::blueprint(&me, "xcon:VideoRoom@example.com")),
        ("an unknown blueprint (404)", Request::blueprint(&me, "xcon:nothing@example.com")),
        ("confs", Request::confs(&me)),
        ("confs matching nothing", Request::confs(&me).with_xpath_filter(nothing)),
        ("a conference", Request::conf_retrieve(&me, ALL_HANDS)),
        ("a conference with sidebars", Request::conf_retrieve(&me, DESK)),
        ("a rename", Request::conf_update(&me, SYNC, rename)),
        ("the users", Request::users_retrieve(&me, ALL_HANDS)),
        ("a user", Request::user_retrieve(&me, SYNC, "xcon-userid:alice@example.com")),
        ("an unknown user (420)", Request::user_retrieve(&me, SYNC, "xcon-userid:nobody@example.com")),
        ("sidebars by value", Request::sidebars_by_val(&me, SYNC)),
        ("sidebars by reference", Request::sidebars_by_ref(&me, DESK)),
        ("no sidebars by reference", Request::sidebars_by_ref(&me, SYNC)),
        ("an extension", summary),
        ("a change with a placeholder", Request::conf_update(&me, SYNC, text)),
        (
            "a sidebar by value changed with one",
            Request::sidebar_by_val(&me, breakout, Operation::Update, Some(newcomer(breakout))),
        ),
        (
            "a sidebar by reference changed with one",
            Request::sidebar_by_ref(&me, escalations, Operation::Update, Some(newcomer(escalations))),
        ),
        ("the users changed with one", Request::users_update(&me, SYNC, allowed)),
        ("a user changed with one", Request::user_update(&me, SYNC, bob)),
        // A create of what exists (409) carries the version.
        ("a create of what exists (409)", Request::conf_create(&me, Conference::new(SYNC))),
        ("a medium taken from under its floor (409)", Request::conf_update(&me, SYNC, no_audio)),
    ];
    let mut failures = Vec::new();
    for (what, request) in requests {
        let xml = answer(&server, request).await;
        if let Err(e) = xmllint::validate(&xml) {
            failures.push(format!("{what}: {e}"));
        }
    }
    // A refused value leaves the conference readable (QA: `locked` of "maybe" was stored beside the value).
    let mut lock = Conference::new(SYNC);
    lock.conference_state = Some(ccmp::xcon::ConferenceState { locked: Some(true), ..Default::default() });
    let maybe = Request::conf_update(&me, SYNC, lock)
        .with_credentials("moderator", PASSWORD)
        .to_xml()
        .replace("<info:locked>true</info:locked>", "<info:locked>maybe</info:locked>");
    let refused = server.post_raw(maybe).await.text().await.expect("the answer's text");
    for (what, xml) in [
        ("the refusal of a value", refused),
        ("the conference after it", answer(&server, Request::conf_retrieve(&me, SYNC)).await),
        ("not CCMP (400)", server.post_raw("<nonsense/>").await.text().await.expect("the answer's text")),
    ] {
        if let Err(e) = xmllint::validate(&xml) {
            failures.push(format!("{what}: {e}"));
        }
    }
    assert!(failures.is_empty(), "answers that fail the schema:\n{}", failures.join("\n\n"));
}
