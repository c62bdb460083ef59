//! Random requests, valid and not, against one server: whatever a client sends, the answer is a CCMP
//! response in HTTP 200 with a registered code, never 500 (a handler that panicked), and the server keeps
//! answering. The requests are built from the vocabulary the server knows (its seeded conferences,
//! blueprints, users, media types), so that they reach deep into the handlers instead of all stopping at
//! the first check.

use ccmp::message::{Extended, ListRequest, Payload, Subject};
use ccmp::unknown::AnyElement;
use ccmp::xcon::{
    AvailableMedia, Conference, ConferenceState, Endpoint, JoinHandling, Media, MediaEntry, MediaStatus, Operation,
    Roles, State, User, Users,
};
use ccmp::{Request, RequestBody, ResponseCode};
use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, TestRunner};

use crate::support::{config, moderator, Server, ALL_HANDS, DESK, PASSWORD, SYNC};

const TARGETS: &[&str] = &[
    SYNC,
    ALL_HANDS,
    DESK,
    "xcon:all-hands-qa@example.com",
    "xcon:VideoRoom@example.com",
    "xcon:missing@example.com",
    "xcon:AUTO_GENERATE_1@example.com",
    "xcon:x@elsewhere.org",
    "not a uri",
    "",
];
const SENDERS: &[&str] =
    &["xcon-userid:moderator@example.com", "xcon-userid:alice@example.com", "xcon-userid:", "alice", ""];
const ENTITIES: &[&str] = &[
    "xcon-userid:moderator@example.com",
    "xcon-userid:alice@example.com",
    "xcon-userid:AUTO_GENERATE_1@example.com",
    "xcon-userid:bob@elsewhere.org",
    "sip:carol@example.org",
    "",
];
const TEXTS: &[&str] = &["Room", "", "  ", "AUTO_GENERATE_2", "<b>&amp;</b>", "élan 中文"];
const MEDIA_TYPES: &[&str] = &["audio", "video", "text", "smell", ""];
const FILTERS: &[&str] = &["/confsInfo/entry", "//display-text", "/*[", "count(//user) > 1", ""];

fn pick<T: Clone + std::fmt::Debug + 'static>(options: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(options)
}

fn operation() -> impl Strategy<Value = Option<Operation>> {
    proptest::option::of(pick(&[Operation::Create, Operation::Retrieve, Operation::Update, Operation::Delete]))
}

fn state() -> impl Strategy<Value = Option<State>> {
    proptest::option::of(pick(&[State::Full, State::Partial, State::Deleted]))
}

fn text() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(pick(TEXTS).prop_map(str::to_owned))
}

fn user() -> impl Strategy<Value = User> {
    (
        pick(ENTITIES),
        state(),
        text(),
        proptest::option::of(proptest::collection::vec(pick(&["moderator", "participant", "observer", ""]), 0..3)),
        proptest::option::of((pick(ENTITIES), pick(MEDIA_TYPES), proptest::option::of(pick(MediaStatus::ALL)))),
    )
        .prop_map(|(entity, state, name, roles, endpoint)| User {
            state,
            display_text: name,
            roles: roles.map(Roles::new),
            endpoints: endpoint
                .map(|(e, media_type, status)| {
                    vec![Endpoint {
                        media: vec![Media { media_type: Some(media_type.to_owned()), status, ..Media::new("1") }],
                        ..Endpoint::new(e)
                    }]
                })
                .unwrap_or_default(),
            ..User::new(entity)
        })
}

fn users() -> impl Strategy<Value = Users> {
    (state(), proptest::collection::vec(user(), 0..3), proptest::option::of(pick(JoinHandling::KNOWN)))
        .prop_map(|(state, users, join_handling)| Users { state, users, join_handling, ..Default::default() })
}

fn conference() -> impl Strategy<Value = Conference> {
    (
        pick(TARGETS),
        text(),
        proptest::option::of(0u32..5),
        proptest::option::of(proptest::collection::vec((pick(TEXTS), pick(MEDIA_TYPES)), 0..3)),
        proptest::option::of((proptest::option::of(any::<bool>()), proptest::option::of(any::<bool>()))),
        proptest::option::of(users()),
        proptest::option::of(pick(TARGETS)),
    )
        .prop_map(|(entity, name, cap, media, conference_state, users, parent)| {
            let mut c = Conference::new(entity);
            let d = c.description_mut();
            d.display_text = name;
            d.maximum_user_count = cap;
            d.available_media = media.map(|m| AvailableMedia {
                entries: m.into_iter().map(|(label, t)| MediaEntry::new(label, t)).collect(),
                ..Default::default()
            });
            d.cloning_parent = parent.map(str::to_owned);
            c.conference_state =
                conference_state.map(|(active, locked)| ConferenceState { active, locked, ..Default::default() });
            c.users = users;
            c
        })
}

fn request() -> impl Strategy<Value = Request> {
    let body = prop_oneof![
        proptest::option::of(pick(FILTERS)).prop_map(|f| RequestBody::Blueprints(list(f))),
        proptest::option::of(conference()).prop_map(|c| RequestBody::Blueprint(payload(c))),
        proptest::option::of(pick(FILTERS)).prop_map(|f| RequestBody::Confs(list(f))),
        proptest::option::of(conference()).prop_map(|c| RequestBody::Conf(payload(c))),
        proptest::option::of(users()).prop_map(|u| RequestBody::Users(payload(u))),
        proptest::option::of(user()).prop_map(|u| RequestBody::User(payload(u))),
        proptest::option::of(pick(FILTERS)).prop_map(|f| RequestBody::SidebarsByVal(list(f))),
        proptest::option::of(conference()).prop_map(|c| RequestBody::SidebarByVal(payload(c))),
        proptest::option::of(pick(FILTERS)).prop_map(|f| RequestBody::SidebarsByRef(list(f))),
        proptest::option::of(conference()).prop_map(|c| RequestBody::SidebarByRef(payload(c))),
        pick(&["confSummaryRequest", "confRequestSummary", "frobnicate", ""]).prop_map(|name| {
            let element = AnyElement::new(Some("http://example.com/ccmp-extension"), "confSummary");
            RequestBody::Extended(Extended {
                extension_name: name.to_owned(),
                elements: vec![element],
                ..Default::default()
            })
        }),
        Just(RequestBody::Options),
    ];
    // Mostly what a server expects (the moderator with the password, an operation where the kind takes
    // one, a conference that exists), so that most requests get past the first checks; sometimes not.
    let who = prop_oneof![
        4 => Just(("xcon-userid:moderator@example.com", Some(PASSWORD))),
        1 => (pick(SENDERS), pick(&[Some(PASSWORD), Some("not the password"), None])),
    ];
    let target = prop_oneof![3 => pick(&TARGETS[..5]).prop_map(Some), 1 => proptest::option::of(pick(TARGETS))];
    (body, who, target, any::<bool>(), operation(), proptest::option::of(pick(&["", "wrong", "secret"]))).prop_map(
        |(body, (sender, password), target, usual, any_operation, conference_password)| {
            let takes_operation = !matches!(
                body,
                RequestBody::Blueprints(_)
                    | RequestBody::Confs(_)
                    | RequestBody::SidebarsByVal(_)
                    | RequestBody::SidebarsByRef(_)
                    | RequestBody::Options
            );
            let operation = match (usual, takes_operation) {
                (true, true) => any_operation.or(Some(Operation::Retrieve)),
                (true, false) => None,
                (false, _) => any_operation,
            };
            Request {
                subject: password.map(|p| Subject {
                    username: Some("moderator".into()),
                    password: Some(p.into()),
                    ..Default::default()
                }),
                conf_user_id: Some(sender.to_owned()).filter(|s| !s.is_empty()),
                conf_obj_id: target.map(str::to_owned),
                operation,
                conference_password: conference_password.map(str::to_owned),
                ..Request::new(body)
            }
        },
    )
}

fn list(filter: Option<&str>) -> ListRequest {
    ListRequest { xpath_filter: filter.map(str::to_owned), ..Default::default() }
}

fn payload<T>(info: Option<T>) -> Payload<T> {
    Payload { info, ..Default::default() }
}

#[test]
fn random_requests_never_break_the_server() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let server = runtime.block_on(async {
        let mut config = config("random-requests");
        // Every reply here comes back within this test's own timeouts; a short deadline would only add 510s.
        config.deadline_ms = 120_000;
        Server::start(config).await
    });
    let mut runner = TestRunner::new(ProptestConfig { cases: 1000, failure_persistence: None, ..Default::default() });
    let codes = std::cell::RefCell::new(std::collections::BTreeMap::<u16, usize>::new());
    runner
        .run(&request(), |request| {
            let response = runtime.block_on(server.send(&request));
            prop_assert_ne!(response.code, ResponseCode::ServerInternalError, "a handler failed on {:?}", request);
            prop_assert!(
                !matches!(response.code, ResponseCode::Unknown(_)),
                "an unregistered code: {:?}",
                response.code
            );
            prop_assert_eq!(response.kind(), request.body.kind(), "the response answers the request's kind");
            *codes.borrow_mut().entry(response.code.as_u16()).or_default() += 1;
            Ok(())
        })
        .unwrap();
    let codes = codes.into_inner();
    eprintln!("response codes: {codes:?}");
    // The requests reached past the first checks: successes and several kinds of refusal came back.
    assert!(codes.get(&200).is_some_and(|n| *n >= 10), "too few successes to mean anything: {codes:?}");
    assert!(codes.len() >= 6, "too few distinct outcomes: {codes:?}");
    // And the server still answers.
    let answer = runtime.block_on(server.send(&Request::options(&moderator()).with_credentials("moderator", PASSWORD)));
    assert_eq!(answer.code, ResponseCode::Success);
}
