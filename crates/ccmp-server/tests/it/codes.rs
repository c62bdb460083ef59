//! Every response code where it applies.

use ccmp::xcon::{Conference, ConferenceState, Endpoint, Operation, Roles, User};
use ccmp::{Request, ResponseCode};

use crate::support::*;

#[tokio::test]
async fn bad_request_400() {
    let server = Server::with_defaults("code-400").await;
    let no_target = Request { conf_obj_id: None, ..Request::conf_retrieve(&moderator(), "x") };
    let response = server.as_moderator(no_target).await;
    expect(&response, ResponseCode::BadRequest);
    assert!(response.response_string.unwrap().contains("confObjID"));
    let no_changes = Request::conf(&moderator(), SYNC, Operation::Update);
    expect(&server.as_moderator(no_changes).await, ResponseCode::BadRequest);
    // A placeholder in an element name.
    let mut changes = Conference::new(SYNC);
    changes.description_mut().display_text = Some("x".into());
    let xml = Request::conf_update(&moderator(), SYNC, changes)
        .with_credentials("moderator", PASSWORD)
        .to_xml()
        .replace("</confInfo>", "<ext:AUTO_GENERATE_1 xmlns:ext=\"urn:example:ext\"/></confInfo>");
    expect(&server.send_xml(&xml).await, ResponseCode::BadRequest);
    // A schedule time that is not the schema's time-type (a UTC xs:dateTime), in a change, a new conference
    // or a sidebar: refused and named, and nothing stored.
    let schedule = |end: &str| {
        let mut c = Conference::new(SYNC);
        c.description_mut().conference_time = Some(ccmp::xcon::ConferenceTime {
            entries: vec![ccmp::xcon::TimeEntry {
                base: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".into(),
                mixing_start_offset: Some(ccmp::xcon::MixingOffset::new("2026-12-01T10:00:00Z", "none")),
                mixing_end_offset: Some(ccmp::xcon::MixingOffset::new(end, "none")),
                ..Default::default()
            }],
            ..Default::default()
        });
        c
    };
    for bad in ["tomorrow", "2026-12-01T11:00:00", "2026-12-01T16:30:00+05:30", "2026-02-30T11:00:00Z"] {
        let update = server.as_moderator(Request::conf_update(&moderator(), SYNC, schedule(bad))).await;
        expect(&update, ResponseCode::BadRequest);
        let said = update.response_string.unwrap_or_default();
        assert!(said.contains(&format!("mixing-end-offset \"{bad}\"")), "{said}");
        let mut new = schedule(bad);
        new.entity = "AUTO_GENERATE_1".into();
        expect(&server.as_moderator(Request::conf_create(&moderator(), new)).await, ResponseCode::BadRequest);
        let sidebar = Request::sidebar_by_val(&moderator(), SYNC, Operation::Create, Some(schedule(bad)));
        expect(&server.as_moderator(sidebar).await, ResponseCode::BadRequest);
    }
    let stored = server.as_moderator(Request::conf_retrieve(&moderator(), SYNC)).await;
    let time = stored.body.conference().and_then(|c| c.description.as_ref()?.conference_time.clone());
    assert!(time.as_ref().is_none_or(|t| t.first_bad_time().is_none()), "a bad time was stored: {time:?}");
    let good = server.as_moderator(Request::conf_update(&moderator(), SYNC, schedule("2026-12-01T11:00:00.5Z"))).await;
    expect(&good, ResponseCode::Success);
    // An element of the data model's namespaces that its schemas do not declare: a misspelling, refused and
    // named (QA: `info:lockd` was a 200 that locked nothing); in a user and in the users' settings too. An
    // extension in a namespace of its own is kept.
    let version = |r: &ccmp::Response| r.version;
    let before = version(&server.as_moderator(Request::conf_retrieve(&moderator(), SYNC)).await);
    let mut lock = Conference::new(SYNC);
    lock.conference_state = Some(ConferenceState { locked: Some(true), ..Default::default() });
    let locked = Request::conf_update(&moderator(), SYNC, lock).with_credentials("moderator", PASSWORD).to_xml();
    let typo = locked.replace("info:locked>", "info:lockd>");
    assert_ne!(typo, locked, "the request holds info:locked");
    let refused = server.send_xml(&typo).await;
    expect(&refused, ResponseCode::BadRequest);
    let said = refused.response_string.unwrap_or_default();
    assert!(said.contains("info:lockd is not an element of the XCON data model"), "{said}");
    assert_eq!(version(&server.as_moderator(Request::conf_retrieve(&moderator(), SYNC)).await), before, "stored");
    let alice = User { display_text: Some("Alice".into()), ..User::new("xcon-userid:alice@example.com") };
    let joiner = Request::user(&moderator(), SYNC, Operation::Update, Some(alice))
        .with_credentials("moderator", PASSWORD)
        .to_xml()
        .replace("</userInfo>", "<info:nickname>Ally</info:nickname></userInfo>");
    assert!(joiner.contains("nickname"), "{joiner}");
    expect(&server.send_xml(&joiner).await, ResponseCode::BadRequest);
    let settings = Request::users_update(&moderator(), SYNC, ccmp::xcon::Users::default())
        .with_credentials("moderator", PASSWORD)
        .to_xml()
        .replace("<usersInfo/>", "<usersInfo><xcon:join-handlng>allow</xcon:join-handlng></usersInfo>");
    assert!(settings.contains("join-handlng"), "{settings}");
    expect(&server.send_xml(&settings).await, ResponseCode::BadRequest);
    // A name the schemas declare, where its parent does not take it: as much a 200 that changed nothing.
    let misplaced = locked.replace(
        "<info:conference-state>",
        "<info:conference-description><info:locked>true</info:locked></info:conference-description><info:conference-state>",
    );
    assert_ne!(misplaced, locked, "the request holds a conference-state");
    let refused = server.send_xml(&misplaced).await;
    expect(&refused, ResponseCode::BadRequest);
    let said = refused.response_string.unwrap_or_default();
    assert!(said.contains("info:locked in info:conference-description: not where"), "{said}");
    let nested = Request::users_update(&moderator(), SYNC, ccmp::xcon::Users::default())
        .with_credentials("moderator", PASSWORD)
        .to_xml()
        .replace(
            "<usersInfo/>",
            "<usersInfo><info:users><info:user entity=\"xcon-userid:n@example.com\"/></info:users></usersInfo>",
        );
    expect(&server.send_xml(&nested).await, ResponseCode::BadRequest);
    // An attribute in the data model's namespaces: none is declared (theirs take no prefix), so `info:state`
    // set nothing and made every later answer fail the schema.
    let prefixed = locked.replace("<info:conference-state>", "<info:conference-state info:state=\"full\">");
    assert_ne!(prefixed, locked, "the request holds a conference-state");
    let refused = server.send_xml(&prefixed).await;
    expect(&refused, ResponseCode::BadRequest);
    let said = refused.response_string.unwrap_or_default();
    assert!(said.contains("info:state on info:conference-state is not an attribute"), "{said}");
    let misspelt = locked.replace("<info:conference-state>", "<info:conference-state stat=\"full\">");
    let refused = server.send_xml(&misspelt).await;
    expect(&refused, ResponseCode::BadRequest);
    let said = refused.response_string.unwrap_or_default();
    assert!(said.contains("stat on info:conference-state is not an attribute"), "{said}");
    assert_eq!(version(&server.as_moderator(Request::conf_retrieve(&moderator(), SYNC)).await), before, "stored");
    // A value its type does not take: kept beside the stored one, it made every later answer fail the schema
    // (QA: `locked` of "maybe", a media status of "loud", a maximum of "lots" all answered 200).
    let maybe = locked.replace("<info:locked>true</info:locked>", "<info:locked>maybe</info:locked>");
    assert_ne!(maybe, locked, "the request holds info:locked");
    let refused = server.send_xml(&maybe).await;
    expect(&refused, ResponseCode::BadRequest);
    let said = refused.response_string.unwrap_or_default();
    assert!(said.contains("info:locked holds \"maybe\", which is not a value"), "{said}");
    let lots = locked.replace(
        "<info:conference-state>",
        "<info:conference-description><info:maximum-user-count>lots</info:maximum-user-count>\
         </info:conference-description><info:conference-state>",
    );
    expect(&server.send_xml(&lots).await, ResponseCode::BadRequest);
    // Empty, the element removes the value (RFC 6503 section 4.2): that is no value out of its type.
    let unlimited =
        lots.replace("<info:maximum-user-count>lots</info:maximum-user-count>", "<info:maximum-user-count/>");
    assert_ne!(unlimited, lots);
    expect(&server.send_xml(&unlimited).await, ResponseCode::Success);
    let read = server.as_moderator(Request::conf_retrieve(&moderator(), SYNC)).await;
    assert_eq!(doc(&read).description.and_then(|d| d.maximum_user_count), None, "the maximum removed");
    let before = version(&read);
    let gone = locked.replace("<confInfo ", "<confInfo state=\"gone\" ");
    assert_ne!(gone, locked, "the request holds a confInfo");
    let refused = server.send_xml(&gone).await;
    expect(&refused, ResponseCode::BadRequest);
    let said = refused.response_string.unwrap_or_default();
    assert!(said.contains("state on confInfo holds \"gone\""), "{said}");
    assert_eq!(version(&server.as_moderator(Request::conf_retrieve(&moderator(), SYNC)).await), before, "stored");
    let extension = locked.replace("</confInfo>", "<x:note xmlns:x=\"urn:example:ext\">kept</x:note></confInfo>");
    expect(&server.send_xml(&extension).await, ResponseCode::Success);
}

#[tokio::test]
async fn unauthorized_401() {
    let server = open_server("code-401").await;
    let wrong = Request::confs(&moderator()).with_credentials("moderator", "not the password");
    expect(&server.send(&wrong).await, ResponseCode::Unauthorized);
    let unknown = Request::confs(&user("bob")).with_credentials("bob", "guess");
    expect(&server.send(&unknown).await, ResponseCode::Unauthorized);
    let mut rename = Conference::new(SYNC);
    rename.description_mut().display_text = Some("Bob's now".into());
    expect(&server.send(&Request::conf_update(&user("bob"), SYNC, rename)).await, ResponseCode::Unauthorized);
    expect(&server.send(&Request::conf_delete(&user("bob"), SYNC)).await, ResponseCode::Unauthorized);
    let remove_alice = Request::user_remove(&user("bob"), SYNC, "xcon-userid:alice@example.com");
    expect(&server.send(&remove_alice).await, ResponseCode::Unauthorized);
    // A moderator of the conference (alice) may.
    let remove_bob = Request::user_remove(&user("alice"), SYNC, "xcon-userid:bob@example.com");
    expect(&server.send(&remove_bob).await, ResponseCode::Success);
    // Credentials of one account do not speak for another confUserID.
    let other = Request::confs(&user("alice")).with_credentials("moderator", PASSWORD);
    expect(&server.send(&other).await, ResponseCode::Unauthorized);
    // Blocked admission.
    let block = ccmp::xcon::Users { join_handling: Some(ccmp::xcon::JoinHandling::Block), ..Default::default() };
    expect(&server.as_moderator(Request::users_update(&moderator(), DESK, block)).await, ResponseCode::Success);
    let join = Request::user(&user("zed"), DESK, Operation::Create, None);
    expect(&server.send(&join).await, ResponseCode::Unauthorized);
}

#[tokio::test]
async fn wrong_passwords_in_a_row_make_their_sender_wait() {
    let server = Server::with_defaults("code-401-guesses").await;
    let with = |password: &str| Request::confs(&moderator()).with_credentials("moderator", password);
    let said = |r: &ccmp::Response| r.response_string.clone().unwrap_or_default();
    for _ in 0..5 {
        let wrong = server.send(&with("guess")).await;
        expect(&wrong, ResponseCode::Unauthorized);
        assert!(said(&wrong).contains("wrong password"), "{}", said(&wrong));
    }
    // Past five, not even the right password is checked: the guesser cannot tell it found it.
    let held = server.send(&with(PASSWORD)).await;
    expect(&held, ResponseCode::Unauthorized);
    assert_eq!(said(&held), "Unauthorized: too many wrong passwords for moderator from this address: try again in 1 s");
    // A username that does not exist is answered alike, and held alike: neither tells that it does not.
    let stranger = |password: &str| Request::confs(&user("nobody")).with_credentials("nobody", password);
    for _ in 0..5 {
        let wrong = server.send(&stranger("guess")).await;
        expect(&wrong, ResponseCode::Unauthorized);
        assert_eq!(said(&wrong), "Unauthorized: unknown username or wrong password");
    }
    let held = server.send(&stranger("guess")).await;
    assert!(said(&held).contains("too many wrong passwords for nobody"), "{}", said(&held));
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    expect(&server.send(&with(PASSWORD)).await, ResponseCode::Success);
    // A moderator already signed in keeps working while someone at the same address guesses.
    for _ in 0..6 {
        expect(&server.send(&with("guess")).await, ResponseCode::Unauthorized);
    }
    assert!(said(&server.send(&with("guess")).await).contains(": too many wrong passwords"));
    expect(&server.send(&with(PASSWORD)).await, ResponseCode::Success);

    // A conference's PIN likewise.
    let open = open_server("code-422-guesses").await;
    let mut protect = Conference::new(SYNC);
    protect.description_mut().conference_password = Some("4711".into());
    expect(&open.as_moderator(Request::conf_update(&moderator(), SYNC, protect)).await, ResponseCode::Success);
    let pin = |pin: &str| Request::conf_retrieve(&user("bob"), SYNC).with_conference_password(pin);
    for guess in ["0000", "1111", "2222", "3333", "4444"] {
        expect(&open.send(&pin(guess)).await, ResponseCode::InvalidConferencePassword);
    }
    let held = open.send(&pin("4711")).await;
    expect(&held, ResponseCode::InvalidConferencePassword);
    assert!(said(&held).contains(": too many wrong conference passwords for xcon:"), "{}", said(&held));
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    expect(&open.send(&pin("4711")).await, ResponseCode::Success);
}

/// Behind a reverse proxy every request comes from the proxy's address: with `--trusted-proxy`, the waits
/// are kept per address the proxy forwarded for, so one guesser does not hold back every new sign-in. From
/// anyone else, `X-Forwarded-For` is ignored: a guesser cannot name a new address with each guess.
#[tokio::test]
async fn behind_a_trusted_proxy_each_sender_waits_for_their_own_guesses() {
    let said = |r: &ccmp::Response| r.response_string.clone().unwrap_or_default();
    let sign_in = |password: &str| Request::confs(&moderator()).with_credentials("moderator", password).to_xml();
    async fn via(server: &Server, forwarded_for: &str, xml: String) -> ccmp::Response {
        let reply = server
            .http
            .post(server.url())
            .header("Content-Type", "application/ccmp+xml")
            .header("X-Forwarded-For", forwarded_for)
            .body(xml)
            .send()
            .await
            .expect("the server answers");
        ccmp::decode_response(&reply.text().await.expect("a body")).expect("a CCMP response")
    }
    let mut behind = config("proxy-guesses");
    behind.trusted_proxies = vec!["127.0.0.1".parse().expect("an address")];
    let proxied = Server::start(behind).await;
    // The guesser's proxy appended their address to whatever they wrote themselves.
    let guesser = "198.51.100.1, 203.0.113.9";
    for _ in 0..5 {
        expect(&via(&proxied, guesser, sign_in("guess")).await, ResponseCode::Unauthorized);
    }
    let held = via(&proxied, guesser, sign_in(PASSWORD)).await;
    assert!(said(&held).contains("too many wrong passwords"), "{}", said(&held));
    // Another moderator signing in through the same proxy is not held back.
    expect(&via(&proxied, "192.0.2.7", sign_in(PASSWORD)).await, ResponseCode::Success);

    // Without the flag the proxy's address is the sender's, whatever the header says.
    let direct = Server::with_defaults("proxy-ignored").await;
    for n in 0..5 {
        expect(&via(&direct, &format!("203.0.113.{n}"), sign_in("guess")).await, ResponseCode::Unauthorized);
    }
    let held = via(&direct, "192.0.2.7", sign_in(PASSWORD)).await;
    assert!(said(&held).contains("too many wrong passwords"), "{}", said(&held));
}

#[tokio::test]
async fn forbidden_403() {
    let server = open_server("code-403").await;
    let update_blueprint = Request {
        operation: Some(Operation::Update),
        ..Request::blueprint(&moderator(), "xcon:AudioRoom@example.com")
    };
    expect(&server.as_moderator(update_blueprint).await, ResponseCode::Forbidden);
    let users_create = Request { operation: Some(Operation::Create), ..Request::users_retrieve(&moderator(), SYNC) };
    expect(&server.as_moderator(users_create).await, ResponseCode::Forbidden);
    let mut lock = Conference::new(SYNC);
    lock.conference_state = Some(ConferenceState { locked: Some(true), ..Default::default() });
    expect(&server.as_moderator(Request::conf_update(&moderator(), SYNC, lock)).await, ResponseCode::Success);
    let join = Request::user(&user("latecomer"), SYNC, Operation::Create, None);
    expect(&server.send(&join).await, ResponseCode::Forbidden);
}

#[tokio::test]
async fn object_not_found_404() {
    let server = Server::with_defaults("code-404").await;
    expect(
        &server.as_moderator(Request::conf_retrieve(&moderator(), "xcon:nothing@example.com")).await,
        ResponseCode::ObjectNotFound,
    );
    expect(&server.as_moderator(Request::blueprint(&moderator(), SYNC)).await, ResponseCode::ObjectNotFound);
    expect(
        &server.as_moderator(Request::conf_retrieve(&moderator(), "xcon:AudioRoom@example.com")).await,
        ResponseCode::ObjectNotFound,
    );
    expect(
        &server.as_moderator(Request::conf_clone(&moderator(), "xcon:NoSuchRoom@example.com")).await,
        ResponseCode::ObjectNotFound,
    );
}

#[tokio::test]
async fn conflict_409_carries_the_current_version() {
    let server = Server::with_defaults("code-409").await;
    let existing = Request::conf_create(&moderator(), Conference::new(SYNC));
    let response = server.as_moderator(existing).await;
    expect(&response, ResponseCode::Conflict);
    assert_eq!(response.version, Some(1), "a create of what exists carries its version too (QA: it carried none)");
    let mut lock = Conference::new(ALL_HANDS);
    lock.conference_state = Some(ConferenceState { locked: Some(true), ..Default::default() });
    expect(&server.as_moderator(Request::conf_update(&moderator(), ALL_HANDS, lock)).await, ResponseCode::Success);
    let at = retrieve(&server, ALL_HANDS).await.version.map(u64::from);
    assert!(at > Some(1));
    let existing = Request::conf_create(&moderator(), Conference::new(ALL_HANDS));
    assert_eq!(server.as_moderator(existing).await.version, at);
    // A sidebar named after one that exists: the version is the named sidebar's, not its parent's.
    let by_ref = Request::sidebar_by_ref(&moderator(), SYNC, Operation::Create, Some(Conference::new(ALL_HANDS)));
    let response = server.as_moderator(by_ref).await;
    expect(&response, ResponseCode::Conflict);
    assert_eq!(response.version, at);
    let breakout = "xcon:all-hands-qa@example.com";
    let mut rename = Conference::new(breakout);
    rename.description_mut().display_text = Some("Q&A".into());
    let renamed =
        server.as_moderator(Request::sidebar_by_val(&moderator(), breakout, Operation::Update, Some(rename))).await;
    assert_eq!(renamed.version, Some(2), "{renamed:?}");
    let by_val = Request::sidebar_by_val(&moderator(), SYNC, Operation::Create, Some(Conference::new(breakout)));
    let response = server.as_moderator(by_val).await;
    expect(&response, ResponseCode::Conflict);
    assert_eq!(response.version, Some(2));
    let mut stale = Conference::new(SYNC);
    stale.version = Some(7);
    stale.description_mut().display_text = Some("late".into());
    let response = server.as_moderator(Request::conf_update(&moderator(), SYNC, stale)).await;
    expect(&response, ResponseCode::Conflict);
    assert_eq!(response.version, Some(1));
    let again = Request::user_add(&moderator(), SYNC, User::new("xcon-userid:alice@example.com"));
    expect(&server.as_moderator(again).await, ResponseCode::Conflict);
    // Someone new at an address the conference has: the same add sent twice (a browser re-sends a POST
    // whose connection closed), which would dial them twice.
    let dana = || User {
        endpoints: vec![Endpoint::new("sip:dana@example.org")],
        ..User::new("xcon-userid:AUTO_GENERATE_1@example.com")
    };
    expect(&server.as_moderator(Request::user_add(&moderator(), SYNC, dana())).await, ResponseCode::Success);
    let twice = server.as_moderator(Request::user_add(&moderator(), SYNC, dana())).await;
    expect(&twice, ResponseCode::Conflict);
    assert!(twice.response_string.as_deref().unwrap_or_default().contains("already has"), "{twice:?}");
    // The same address as an address of record is the same person.
    let aor = User {
        associated_aors: Some(ccmp::xcon::Uris::new(vec![ccmp::xcon::UriEntry::new("SIP:dana@example.org")])),
        ..User::new("xcon-userid:AUTO_GENERATE_1@example.com")
    };
    expect(&server.as_moderator(Request::user_add(&moderator(), SYNC, aor)).await, ResponseCode::Conflict);
    let dana_count = |users: &ccmp::xcon::Users| {
        users
            .users
            .iter()
            .filter(|u| u.endpoints.iter().any(|e| e.entity.as_deref() == Some("sip:dana@example.org")))
            .count()
    };
    assert_eq!(dana_count(&retrieve(&server, SYNC).await.users.unwrap_or_default()), 1);
    let mut cap = Conference::new(SYNC);
    cap.description_mut().maximum_user_count = Some(1);
    expect(&server.as_moderator(Request::conf_update(&moderator(), SYNC, cap)).await, ResponseCode::Conflict);
}

#[tokio::test]
async fn user_not_found_420_and_invalid_conf_user_id_421() {
    let server = open_server("code-420").await;
    let nobody = Request::user_retrieve(&moderator(), SYNC, "xcon-userid:nobody@example.com");
    expect(&server.as_moderator(nobody).await, ResponseCode::UserNotFound);
    let unknown = Request::user_add(&moderator(), SYNC, User::new("xcon-userid:stranger@example.com"));
    expect(&server.as_moderator(unknown).await, ResponseCode::UserNotFound);
    let remove = Request::user_remove(&moderator(), SYNC, "xcon-userid:nobody@example.com");
    expect(&server.as_moderator(remove).await, ResponseCode::UserNotFound);
    let mut malformed = Request::confs(&user("alice"));
    malformed.conf_user_id = Some("alice".into());
    expect(&server.send(&malformed).await, ResponseCode::InvalidConfUserId);
    malformed.conf_user_id = Some("xcon-userid:AUTO_GENERATE_1@example.com".into());
    expect(&server.send(&malformed).await, ResponseCode::InvalidConfUserId);
    // The moderator's credentials with a confUserID nobody has (a typo): 421, not the 401 of another user's.
    let typo = server.as_moderator(Request::confs(&user("moderatr"))).await;
    expect(&typo, ResponseCode::InvalidConfUserId);
    assert!(typo.response_string.unwrap_or_default().contains("is no user here"));
    expect(&server.as_moderator(Request::confs(&user("alice"))).await, ResponseCode::Unauthorized);
    // Credentials without a confUserID: it is required all the same (a 200 answered with an empty one).
    let mut missing = Request::confs(&moderator());
    missing.conf_user_id = None;
    let missing = server.as_moderator(missing).await;
    expect(&missing, ResponseCode::BadRequest);
    assert!(missing.response_string.unwrap_or_default().contains("confUserID is missing"));
    // But a userRequest create may come without one (the join): with credentials, the answer names the
    // sender they identify, whether it joins or adds someone new (QA: the 200 carried an empty confUserID).
    let join = Request { conf_user_id: None, ..Request::user(&moderator(), SYNC, Operation::Create, None) };
    let joined = server.as_moderator(join).await;
    expect(&joined, ResponseCode::Success);
    assert_eq!(joined.conf_user_id, moderator().as_str());
    let someone = User {
        endpoints: vec![Endpoint::new("sip:someone@example.org")],
        ..User::new("xcon-userid:AUTO_GENERATE_1@example.com")
    };
    let add = Request { conf_user_id: None, ..Request::user_add(&moderator(), SYNC, someone) };
    let added = server.as_moderator(add).await;
    expect(&added, ResponseCode::Success);
    assert_eq!(added.conf_user_id, moderator().as_str());
    let ccmp::ResponseBody::User(p) = &added.body else { panic!("{added:?}") };
    let entity = p.info.as_ref().and_then(|u| u.entity.as_deref()).unwrap_or_default();
    assert!(entity.starts_with("xcon-userid:someone@"), "the new user's id is in userInfo: {entity}");
}

#[tokio::test]
async fn a_refused_join_with_credentials_and_no_conf_user_id_names_its_sender() {
    let server = Server::with_defaults("code-join-refused").await;
    let join =
        |conf: &str| Request { conf_user_id: None, ..Request::user(&moderator(), conf, Operation::Create, None) };
    expect(&server.as_moderator(join(SYNC)).await, ResponseCode::Success);
    // Joined already (409), and a conference that is not there (404): the response's confUserID is
    // required, and it names the sender the credentials identify (QA: `<confUserID/>`).
    for (conf, code) in [(SYNC, ResponseCode::Conflict), ("xcon:nothing@example.com", ResponseCode::ObjectNotFound)] {
        let raw = server.post_raw(join(conf).with_credentials("moderator", PASSWORD).to_xml()).await;
        let text = raw.text().await.expect("the answer's text");
        let refused = ccmp::decode_response(&text).expect("a CCMP response");
        expect(&refused, code);
        assert_eq!(refused.conf_user_id, moderator().as_str(), "{text}");
        crate::schema::validate(&text).unwrap_or_else(|e| panic!("the refusal fails the schema: {e}"));
    }
}

#[tokio::test]
async fn conference_passwords_423_422_are_hashed_and_never_returned() {
    let server = open_server("code-423").await;
    let mut protect = Conference::new(SYNC);
    protect.description_mut().conference_password = Some("pin-4711".into());
    let response = server.as_moderator(Request::conf_update(&moderator(), SYNC, protect)).await;
    expect(&response, ResponseCode::Success);
    let bob = user("bob");
    expect(&server.send(&Request::conf_retrieve(&bob, SYNC)).await, ResponseCode::ConferencePasswordRequired);
    expect(
        &server.send(&Request::conf_retrieve(&bob, SYNC).with_conference_password("1234")).await,
        ResponseCode::InvalidConferencePassword,
    );
    let reply = server.post_raw(Request::conf_retrieve(&bob, SYNC).with_conference_password("pin-4711").to_xml()).await;
    let text = reply.text().await.unwrap();
    let response = ccmp::decode_response(&text).unwrap();
    expect(&response, ResponseCode::Success);
    assert!(!text.contains("pin-4711") && !text.contains("conference-password"));
    let as_moderator = server.as_moderator(Request::conf_retrieve(&moderator(), SYNC)).await;
    expect(&as_moderator, ResponseCode::Success);
    assert!(doc(&as_moderator).description.unwrap().conference_password.is_none());
    // Removing the password opens the conference again.
    let mut open = Conference::new(SYNC);
    open.description_mut().conference_password = Some(String::new());
    expect(&server.as_moderator(Request::conf_update(&moderator(), SYNC, open)).await, ResponseCode::Success);
    expect(&server.send(&Request::conf_retrieve(&bob, SYNC)).await, ResponseCode::Success);
    // The database holds only the hash.
    let db = std::fs::read(&server.running.state.config.db).unwrap();
    assert!(!String::from_utf8_lossy(&db).contains("pin-4711"));
}

#[tokio::test]
async fn authentication_required_424() {
    let server = Server::with_defaults("code-424").await;
    expect(&server.send(&Request::confs(&moderator())).await, ResponseCode::AuthenticationRequired);
    let open = open_server("code-424-open").await;
    expect(&open.send(&Request::confs(&moderator())).await, ResponseCode::AuthenticationRequired);
    expect(&open.send(&Request::confs(&user("alice"))).await, ResponseCode::Success);
    // A client without an XCON-USERID may join only a conference that admits anonymous users.
    let walk_in = || {
        let user = ccmp::xcon::User {
            endpoints: vec![ccmp::xcon::Endpoint::new("sip:guest@example.net")],
            ..User::new("xcon-userid:AUTO_GENERATE_1@example.com")
        };
        Request { conf_user_id: None, ..Request::user(&moderator(), DESK, Operation::Create, Some(user)) }
    };
    expect(&server.send(&walk_in()).await, ResponseCode::AuthenticationRequired);
    let anonymous =
        ccmp::xcon::Users { user_admission_policy: Some(ccmp::xcon::AdmissionPolicy::Anonymous), ..Default::default() };
    expect(&server.as_moderator(Request::users_update(&moderator(), DESK, anonymous)).await, ResponseCode::Success);
    let joined = server.send(&walk_in()).await;
    expect(&joined, ResponseCode::Success);
    assert!(joined.conf_user_id.starts_with("xcon-userid:guest@"));
}

#[tokio::test]
async fn forbidden_delete_parent_425() {
    let server = Server::with_defaults("code-425").await;
    let response = server.as_moderator(Request::conf_delete(&moderator(), DESK)).await;
    expect(&response, ResponseCode::ForbiddenDeleteParent);
    let response = server.as_moderator(Request::conf_delete(&moderator(), ALL_HANDS)).await;
    expect(&response, ResponseCode::ForbiddenDeleteParent);
    let sidebar = "xcon:support-escalations@example.com";
    expect(
        &server.as_moderator(Request::sidebar_by_ref(&moderator(), sidebar, Operation::Delete, None)).await,
        ResponseCode::Success,
    );
    expect(&server.as_moderator(Request::conf_delete(&moderator(), DESK)).await, ResponseCode::Success);
}

#[tokio::test]
async fn forbidden_change_protected_426() {
    let server = open_server("code-426").await;
    let promote_self = Request::set_roles(&user("bob"), SYNC, "xcon-userid:bob@example.com", ["moderator"]);
    expect(&server.send(&promote_self).await, ResponseCode::ForbiddenChangeProtected);
    let mut reparent = Conference::new(SYNC);
    reparent.description_mut().cloning_parent = Some("xcon:VideoRoom@example.com".into());
    expect(
        &server.as_moderator(Request::conf_update(&moderator(), SYNC, reparent)).await,
        ResponseCode::ForbiddenChangeProtected,
    );
    let join_as_moderator =
        User { roles: Some(Roles::new(["moderator"])), ..User::new("xcon-userid:newbie@example.com") };
    let request = Request::user(&user("newbie"), DESK, Operation::Create, Some(join_as_moderator));
    expect(&server.send(&request).await, ResponseCode::ForbiddenChangeProtected);
    // A sidebar cannot ask for more than its parent gives.
    let escalations = "xcon:support-escalations@example.com";
    let mut bigger = Conference::new(escalations);
    bigger.description_mut().maximum_user_count = Some(5000);
    let request = Request::sidebar_by_ref(&moderator(), escalations, Operation::Update, Some(bigger));
    expect(&server.as_moderator(request).await, ResponseCode::ForbiddenChangeProtected);
    let mut text_room = Conference::new("");
    let media = text_room.description_mut().available_media.get_or_insert_with(Default::default);
    media.entries.push(ccmp::xcon::MediaEntry::new("t1", "text"));
    let request = Request::sidebar_by_val(&moderator(), SYNC, Operation::Create, Some(text_room));
    expect(&server.as_moderator(request).await, ResponseCode::ForbiddenChangeProtected);
}

#[tokio::test]
async fn invalid_domain_name_427() {
    let server = Server::with_defaults("code-427").await;
    let elsewhere = Request::conf_create(&moderator(), Conference::new("xcon:AUTO_GENERATE_1@elsewhere.org"));
    expect(&server.as_moderator(elsewhere).await, ResponseCode::InvalidDomainName);
    let new_user = Request::user_add(&moderator(), SYNC, User::new("xcon-userid:AUTO_GENERATE_1@elsewhere.org"));
    expect(&server.as_moderator(new_user).await, ResponseCode::InvalidDomainName);
}

#[tokio::test]
async fn server_internal_error_500_is_answered_and_changes_nothing() {
    let server = Server::with_defaults("code-500").await;
    // A fault in the database (here a trigger that makes every write fail) becomes a CCMP 500.
    let db = rusqlite::Connection::open(&server.running.state.config.db).unwrap();
    db.execute_batch("CREATE TRIGGER fail BEFORE UPDATE ON objects BEGIN SELECT RAISE(ABORT, 'injected fault'); END;")
        .unwrap();
    let mut rename = Conference::new(SYNC);
    rename.description_mut().display_text = Some("never stored".into());
    let response = server.as_moderator(Request::conf_update(&moderator(), SYNC, rename)).await;
    expect(&response, ResponseCode::ServerInternalError);
    assert!(!response.response_string.unwrap().contains("injected"), "internals stay in the log");
    let now = retrieve(&server, SYNC).await;
    assert_eq!((now.version, now.display_text()), (Some(1), Some("Weekly team sync")));
    db.execute_batch("DROP TRIGGER fail;").unwrap();
    let mut rename = Conference::new(SYNC);
    rename.description_mut().display_text = Some("stored".into());
    let response = server.as_moderator(Request::conf_update(&moderator(), SYNC, rename)).await;
    assert_eq!(response.version, Some(2));
}

#[tokio::test]
async fn not_implemented_501() {
    let server = Server::with_defaults("code-501").await;
    let request = Request::extended(&moderator(), Some(SYNC), "confTeleportRequest", Operation::Retrieve, vec![]);
    let response = server.as_moderator(request).await;
    expect(&response, ResponseCode::NotImplemented);
    let ccmp::ResponseBody::Extended(e) = &response.body else { panic!() };
    assert_eq!(e.extension_name, "confTeleportRequest");
}

#[tokio::test]
async fn request_timeout_510_changes_nothing() {
    let config = config("code-510");
    let mut slow_config = config.clone();
    slow_config.deadline_ms = 0;
    let slow = Server::start(slow_config).await;
    expect(&slow.as_moderator(Request::confs(&moderator())).await, ResponseCode::RequestTimeout);
    let create = slow.as_moderator(Request::conf_clone(&moderator(), "xcon:AudioRoom@example.com")).await;
    expect(&create, ResponseCode::RequestTimeout);
    // Told when to come back (RFC 6503: the client honours Retry-After), the shortest wait for this deadline.
    let raw = slow.post_raw(Request::confs(&moderator()).with_credentials("moderator", PASSWORD).to_xml()).await;
    assert_eq!(raw.headers().get("retry-after").map(|v| v.as_bytes()), Some(&b"1"[..]));
    slow.running.stop().await;
    // The same database, with time enough.
    let mut config = config;
    config.deadline_ms = 10_000;
    let server = Server::start(config).await;
    let confs = server.as_moderator(Request::confs(&moderator())).await;
    assert_eq!(confs.body.uris().unwrap().entries.len(), 3, "the timed-out create left nothing behind");
}

#[tokio::test]
async fn resources_not_available_511() {
    let mut config = config("code-511");
    config.max_conferences = Some(5);
    let server = Server::start(config).await;
    // Four conferences are seeded (one a sidebar by reference): one more fits.
    expect(
        &server.as_moderator(Request::conf_clone(&moderator(), "xcon:AudioRoom@example.com")).await,
        ResponseCode::Success,
    );
    expect(
        &server.as_moderator(Request::conf_clone(&moderator(), "xcon:AudioRoom@example.com")).await,
        ResponseCode::ResourcesNotAvailable,
    );
    let sidebar = Request::sidebar_by_ref(&moderator(), DESK, Operation::Create, None);
    expect(&server.as_moderator(sidebar).await, ResponseCode::ResourcesNotAvailable);
}

#[tokio::test]
async fn no_more_users_in_one_conference_than_the_server_holds_511() {
    let mut config = config("code-511-users");
    let server = Server::start(config.clone()).await;
    let present = retrieve(&server, SYNC).await.users.map_or(0, |u| u.users.len());
    drop(server);
    config.max_users = present + 1;
    let server = Server::start(config).await;
    let joining = |name: &str| {
        let users = vec![User::new(format!("xcon-userid:{name}@example.com"))];
        Request::users_update(&moderator(), SYNC, ccmp::xcon::Users { users, ..Default::default() })
    };
    expect(&server.as_moderator(joining("last")).await, ResponseCode::Success);
    let refused = server.as_moderator(joining("one-too-many")).await;
    expect(&refused, ResponseCode::ResourcesNotAvailable);
    assert!(refused.response_string.unwrap_or_default().contains(&format!("at most {} users", present + 1)));
    // A change that adds nobody still goes through in a conference at the limit.
    let rename = User { display_text: Some("Last one".into()), ..User::new("xcon-userid:last@example.com") };
    expect(&server.as_moderator(Request::user_update(&moderator(), SYNC, rename)).await, ResponseCode::Success);
}

/// The three requests a moderator can add someone with: userRequest create, and a usersRequest or
/// confRequest update that holds the user.
fn ways_to_add(who: &str) -> [(&'static str, Request); 3] {
    let users = || ccmp::xcon::Users { users: vec![User::new(who)], ..Default::default() };
    let mut conf = Conference::new(SYNC);
    conf.users = Some(users());
    [
        ("userRequest create", Request::user_add(&moderator(), SYNC, User::new(who))),
        ("usersRequest update", Request::users_update(&moderator(), SYNC, users())),
        ("confRequest update", Request::conf_update(&moderator(), SYNC, conf)),
    ]
}

#[tokio::test]
async fn whichever_request_adds_a_user_the_same_rules_apply() {
    // The admission rules (locked, deny list, join-handling block, closedAuthenticated) are for users
    // joining on their own: a moderator passes them, whichever request they add someone with. The conference's
    // maximum-user-count (409) and the server's --max-users (511) hold for every one of them (QA: a confRequest
    // update took a conference past --max-users).
    let dave = "xcon-userid:dave@example.com";
    let present = {
        let server = Server::with_defaults("add-rules-count").await;
        retrieve(&server, SYNC).await.users.map_or(0, |u| u.users.len())
    };
    let locked = || {
        let mut c = Conference::new(SYNC);
        c.conference_state = Some(ConferenceState { locked: Some(true), ..Default::default() });
        Request::conf_update(&moderator(), SYNC, c)
    };
    let users = |users: ccmp::xcon::Users| Request::users_update(&moderator(), SYNC, users);
    let denied = || {
        let target = ccmp::xcon::DenyTarget { uri: dave.into(), ..Default::default() };
        users(ccmp::xcon::Users {
            deny_users_list: Some(ccmp::xcon::DenyUsersList { targets: vec![target], ..Default::default() }),
            ..Default::default()
        })
    };
    let blocked =
        || users(ccmp::xcon::Users { join_handling: Some(ccmp::xcon::JoinHandling::Block), ..Default::default() });
    let closed = || {
        users(ccmp::xcon::Users {
            user_admission_policy: Some(ccmp::xcon::AdmissionPolicy::ClosedAuthenticated),
            ..Default::default()
        })
    };
    let full = || {
        let mut c = Conference::new(SYNC);
        c.description_mut().maximum_user_count = Some(u32::try_from(present).unwrap_or(u32::MAX));
        Request::conf_update(&moderator(), SYNC, c)
    };
    let cases: [(&str, Request, Option<usize>, ResponseCode); 6] = [
        ("locked", locked(), None, ResponseCode::Success),
        ("denied", denied(), None, ResponseCode::Success),
        ("blocked", blocked(), None, ResponseCode::Success),
        ("closedAuthenticated", closed(), None, ResponseCode::Success),
        ("at its maximum-user-count", full(), None, ResponseCode::Conflict),
        (
            "at the server's --max-users",
            Request::options(&moderator()),
            Some(present),
            ResponseCode::ResourcesNotAvailable,
        ),
    ];
    for (setting, set, max_users, code) in cases {
        for (way, add) in ways_to_add(dave) {
            let mut config = config("add-rules");
            if let Some(max) = max_users {
                config.max_users = max;
            }
            let server = Server::start(config).await;
            expect(&server.as_moderator(set.clone()).await, ResponseCode::Success);
            let response = server.as_moderator(add).await;
            assert_eq!(response.code, code, "{setting}, {way}: {:?}", response.response_string);
            let there = retrieve(&server, SYNC).await.users.is_some_and(|u| u.find(dave).is_some());
            assert_eq!(there, code == ResponseCode::Success, "{setting}, {way}");
        }
    }
}
