//! Property: encoding then decoding is the identity, on generated messages of every kind.

use ccmp::codec::{decode, encode_pretty, Message};
use ccmp::message::{
    Extended, ListRequest, MessageKind, Payload, Request, RequestBody, Response, ResponseBody, Subject,
};
use ccmp::unknown::{AnyAttr, AnyElement, AnyNode, QName, Unknown};
use ccmp::xcon::*;
use ccmp::ResponseCode;
use proptest::collection::vec;
use proptest::option::of;
use proptest::prelude::*;

const EXT: &str = "urn:example:generated";

/// Any text XML can carry, including markup characters, quotes, CR and non-ASCII.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 <>&\"'\r\n\t\u{e9}\u{4e2d}\u{1F600}-]{0,12}"
}

/// Values the decoder trims (URIs, ids, times): no surrounding whitespace.
fn token() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9:@._<>&-]{1,12}"
}

fn word() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9]{0,6}"
}

fn any_element(depth: u32) -> BoxedStrategy<AnyElement> {
    let leaf = (word(), vec((word(), text()), 0..2)).prop_map(|(local, attrs)| AnyElement {
        name: QName { ns: Some(EXT.into()), local, prefix: Some("g".into()) },
        attrs: dedup_attrs(attrs),
        children: vec![],
    });
    if depth == 0 {
        return leaf.boxed();
    }
    (
        leaf,
        vec(
            prop_oneof![
                text().prop_filter("non-empty", |t| !t.is_empty()).prop_map(AnyNode::Text),
                any_element(depth - 1).prop_map(AnyNode::Element)
            ],
            0..3,
        ),
    )
        .prop_map(|(mut e, children)| {
            // Adjacent text runs merge on decode; generate them apart.
            for c in children {
                if let (AnyNode::Text(t), Some(AnyNode::Text(prev))) = (&c, e.children.last_mut()) {
                    prev.push_str(t);
                } else {
                    e.children.push(c);
                }
            }
            e
        })
        .boxed()
}

fn dedup_attrs(attrs: Vec<(String, String)>) -> Vec<AnyAttr> {
    let mut out: Vec<AnyAttr> = Vec::new();
    for (local, value) in attrs {
        if !out.iter().any(|a| a.name.local == local) {
            out.push(AnyAttr { name: QName::new(None, &local), value });
        }
    }
    out
}

fn unknown() -> impl Strategy<Value = Unknown> {
    (vec(any_element(2), 0..2), vec((word(), text()), 0..2)).prop_map(|(elements, attrs)| {
        let mut u = Unknown::default();
        for e in elements {
            u.push_element(e);
        }
        let mut seen = Vec::new();
        for (local, value) in attrs {
            if !seen.contains(&local) {
                u.push_attr(AnyAttr {
                    name: QName { ns: Some(EXT.into()), local: local.clone(), prefix: None },
                    value,
                });
                seen.push(local);
            }
        }
        u
    })
}

fn state() -> impl Strategy<Value = Option<State>> {
    of(prop::sample::select(State::ALL))
}

fn uris() -> impl Strategy<Value = Uris> {
    (state(), vec((token(), of(text()), of(text()), unknown()), 0..3), unknown()).prop_map(
        |(state, entries, unknown)| Uris {
            state,
            entries: entries
                .into_iter()
                .map(|(uri, display_text, purpose, unknown)| UriEntry {
                    uri,
                    display_text,
                    purpose,
                    modified: None,
                    unknown,
                })
                .collect(),
            unknown,
        },
    )
}

fn media() -> impl Strategy<Value = Media> {
    (text(), of(text()), of(text()), of(prop::sample::select(MediaStatus::ALL)), unknown()).prop_map(
        |(id, media_type, label, status, unknown)| Media {
            id,
            media_type,
            label,
            status,
            unknown,
            ..Default::default()
        },
    )
}

fn user() -> impl Strategy<Value = User> {
    (
        of(token()),
        of(text()),
        of(uris()),
        of(vec(text(), 0..3)),
        vec(
            (
                of(token()),
                of(prop::sample::select(EndpointStatus::ALL)),
                of(prop::sample::select(JoiningMethod::ALL)),
                vec(media(), 0..3),
            ),
            0..2,
        ),
        of(prop_oneof![Just(Anonymity::Hidden), word().prop_map(Anonymity::Other)]),
        of(any::<bool>()),
        unknown(),
    )
        .prop_map(|(entity, display_text, associated_aors, roles, endpoints, anonymity, refer, unknown)| User {
            entity,
            display_text,
            associated_aors,
            roles: roles.map(Roles::new),
            endpoints: endpoints
                .into_iter()
                .map(|(entity, status, joining_method, media)| Endpoint {
                    entity,
                    status,
                    joining_method,
                    media,
                    ..Default::default()
                })
                .collect(),
            provide_anonymity: anonymity.filter(
                |a| !matches!(a, Anonymity::Other(o) if ["private", "semi-private", "hidden"].contains(&o.as_str())),
            ),
            allow_refer_users_dynamically: refer,
            unknown,
            ..Default::default()
        })
}

fn users() -> impl Strategy<Value = Users> {
    (
        state(),
        vec(user(), 0..3),
        of(prop::sample::select(JoinHandling::KNOWN.to_vec())),
        of(vec((token(), prop::sample::select(TargetMethod::KNOWN.to_vec())), 0..3)),
        of(vec(token(), 0..3)),
        unknown(),
    )
        .prop_map(|(state, users, join_handling, allowed, denied, unknown)| Users {
            state,
            users,
            join_handling,
            user_admission_policy: None,
            allowed_users_list: allowed.map(|targets| AllowedUsersList {
                targets: targets.into_iter().map(|(uri, method)| Target::new(uri, method)).collect(),
                ..Default::default()
            }),
            deny_users_list: denied.map(|uris| DenyUsersList {
                targets: uris.into_iter().map(DenyTarget::new).collect(),
                ..Default::default()
            }),
            unknown,
        })
}

fn description() -> impl Strategy<Value = ConferenceDescription> {
    (
        (of(text()), of(text()), of(text()), of(vec(word(), 0..3))),
        (of(uris()), of(any::<u32>()), of(vec((text(), text(), of(prop::sample::select(MediaStatus::ALL))), 0..3))),
        (of(any::<bool>()), of(token()), of(text()), unknown()),
    )
        .prop_map(
            |(
                (display_text, subject, free_text, keywords),
                (conf_uris, max, media),
                (allow_sidebars, cloning_parent, password, unknown),
            )| {
                ConferenceDescription {
                    display_text,
                    subject,
                    free_text,
                    keywords,
                    conf_uris,
                    maximum_user_count: max,
                    available_media: media.map(|m| AvailableMedia {
                        entries: m
                            .into_iter()
                            .map(|(label, media_type, status)| MediaEntry {
                                label,
                                media_type,
                                status,
                                ..Default::default()
                            })
                            .collect(),
                        ..Default::default()
                    }),
                    allow_sidebars,
                    cloning_parent,
                    conference_password: password,
                    unknown,
                    ..Default::default()
                }
            },
        )
}

fn conference(depth: u32) -> BoxedStrategy<Conference> {
    let base = (
        token(),
        state(),
        of(any::<u32>()),
        of(description()),
        of((of(any::<u32>()), of(any::<bool>()), of(any::<bool>()))),
        of(users()),
        of(uris()),
        unknown(),
    )
        .prop_map(|(entity, state, version, description, conference_state, users, sidebars_by_ref, unknown)| {
            Conference {
                entity,
                state,
                version,
                description,
                conference_state: conference_state.map(|(user_count, active, locked)| ConferenceState {
                    user_count,
                    active,
                    locked,
                    ..Default::default()
                }),
                users,
                sidebars_by_ref,
                unknown,
                ..Default::default()
            }
        });
    if depth == 0 {
        return base.boxed();
    }
    (base, of(vec(conference(depth - 1), 0..2)))
        .prop_map(|(mut c, sidebars)| {
            c.sidebars_by_val = sidebars.map(|entries| SidebarsByVal { entries, ..Default::default() });
            c
        })
        .boxed()
}

fn kind() -> impl Strategy<Value = MessageKind> {
    prop::sample::select(MessageKind::ALL.to_vec())
}

fn request() -> impl Strategy<Value = Request> {
    (
        kind(),
        of((of(text()), of(text()))),
        of(token()),
        of(token()),
        of(prop::sample::select(Operation::ALL)),
        of(text()),
        unknown(),
        (of(text()), of(conference(1)), of(users()), of(user()), vec(any_element(2), 0..2), word()),
    )
        .prop_map(
            |(
                kind,
                subject,
                user_id,
                obj_id,
                operation,
                password,
                unknown,
                (filter, conf, users, user, elements, ext_name),
            )| {
                let list = || ListRequest { xpath_filter: filter.clone(), unknown: Unknown::default() };
                let body = match kind {
                    MessageKind::Blueprints => RequestBody::Blueprints(list()),
                    MessageKind::Confs => RequestBody::Confs(list()),
                    MessageKind::SidebarsByVal => RequestBody::SidebarsByVal(list()),
                    MessageKind::SidebarsByRef => RequestBody::SidebarsByRef(list()),
                    MessageKind::Blueprint => RequestBody::Blueprint(Payload::new(conf)),
                    MessageKind::Conf => RequestBody::Conf(Payload::new(conf)),
                    MessageKind::SidebarByVal => RequestBody::SidebarByVal(Payload::new(conf)),
                    MessageKind::SidebarByRef => RequestBody::SidebarByRef(Payload::new(conf)),
                    MessageKind::Users => RequestBody::Users(Payload::new(users)),
                    MessageKind::User => RequestBody::User(Payload::new(user)),
                    MessageKind::Extended => {
                        RequestBody::Extended(Extended { extension_name: ext_name, elements, ..Default::default() })
                    }
                    MessageKind::Options => RequestBody::Options,
                };
                Request {
                    subject: subject.map(|(username, password)| Subject {
                        username,
                        password,
                        unknown: Unknown::default(),
                    }),
                    conf_user_id: user_id,
                    conf_obj_id: obj_id,
                    operation,
                    conference_password: password,
                    unknown,
                    body,
                }
            },
        )
}

fn response() -> impl Strategy<Value = Response> {
    (
        kind(),
        token(),
        of(token()),
        of(prop::sample::select(Operation::ALL)),
        100u16..1000,
        of(text()),
        of(1u64..u64::MAX),
        (of(conference(1)), of(users()), of(user()), of(uris())),
    )
        .prop_map(|(kind, user_id, obj_id, operation, code, string, version, (conf, users, user, uris))| {
            let mut body = ResponseBody::empty(kind);
            match &mut body {
                ResponseBody::Blueprints(p) | ResponseBody::Confs(p) | ResponseBody::SidebarsByRef(p) => p.info = uris,
                ResponseBody::Blueprint(p)
                | ResponseBody::Conf(p)
                | ResponseBody::SidebarByVal(p)
                | ResponseBody::SidebarByRef(p) => p.info = conf,
                ResponseBody::Users(p) => p.info = users,
                ResponseBody::User(p) => p.info = user,
                ResponseBody::SidebarsByVal(p) => {
                    p.info = conf.map(|c| SidebarsByVal { entries: vec![c], ..Default::default() })
                }
                ResponseBody::Extended(e) => e.extension_name = "x".into(),
                ResponseBody::Options(_) => {}
            }
            Response {
                conf_user_id: user_id,
                conf_obj_id: obj_id,
                operation,
                code: ResponseCode::from_u16(code),
                response_string: string,
                version,
                unknown: Unknown::default(),
                body,
            }
        })
}

fn round_trip(message: Message) -> Result<(), TestCaseError> {
    let compact = match &message {
        Message::Request(r) => r.to_xml(),
        Message::Response(r) => r.to_xml(),
    };
    for xml in [compact, encode_pretty(&message)] {
        let back = decode(&xml).map_err(|e| TestCaseError::fail(format!("{e}\n{xml}")))?;
        prop_assert_eq!(&back, &message, "{}", xml);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn requests_round_trip(r in request()) {
        round_trip(Message::Request(r))?;
    }

    #[test]
    fn responses_round_trip(r in response()) {
        round_trip(Message::Response(r))?;
    }
}
