//! Richly filled values of every type: every modelled field set, and foreign content wherever the
//! schema has an extension slot, so that encoding them exercises the whole encoder.

use ccmp::message::{ExtendedMessage, ExtendedMessageList, MessageKind, Options, StandardMessage};
use ccmp::unknown::{AnyAttr, AnyElement, QName, Unknown};
use ccmp::xcon::*;

pub const EXT: &str = "urn:example:ccmp-test-extension";

pub fn ext_element(name: &str) -> AnyElement {
    let mut e = AnyElement::new(Some(EXT), name)
        .with_text("kept ")
        .with_child(AnyElement::new(None, "inner").with_text("1 < 2"));
    e.name.prefix = Some("ext".into());
    e.attrs.push(AnyAttr { name: QName::new(None, "note"), value: "a \"quoted\" value".into() });
    e
}

pub fn ext_attr() -> AnyAttr {
    AnyAttr {
        name: QName { ns: Some(EXT.into()), local: "flag".into(), prefix: Some("ext".into()) },
        value: "on".into(),
    }
}

/// Foreign elements and attributes, for types with both extension slots.
pub fn unknown() -> Unknown {
    let mut u = Unknown::default();
    u.push_element(ext_element("extra"));
    u.push_attr(ext_attr());
    u
}

/// Foreign elements only, for types whose schema has no attribute extension slot.
pub fn unknown_elements() -> Unknown {
    let mut u = Unknown::default();
    u.push_element(ext_element("extra"));
    u
}

/// Foreign attributes only, for types whose schema has no element extension slot.
pub fn unknown_attrs() -> Unknown {
    let mut u = Unknown::default();
    u.push_attr(ext_attr());
    u
}

fn execution() -> Box<Execution> {
    Box::new(Execution {
        when: Some("2026-11-28T10:00:00Z".into()),
        reason: Some("moderator's choice & more".into()),
        by: Some("sip:mod@example.com".into()),
        unknown: unknown_attrs(),
    })
}

pub fn uris(prefix: &str) -> Uris {
    Uris {
        state: Some(State::Full),
        entries: vec![
            UriEntry {
                uri: format!("{prefix}:one@example.com"),
                display_text: Some("One".into()),
                purpose: Some("participation".into()),
                modified: Some(execution()),
                unknown: unknown(),
            },
            UriEntry::new(format!("{prefix}:two@example.com")),
        ],
        unknown: unknown_attrs(),
    }
}

pub fn user(entity: &str) -> User {
    User {
        entity: Some(entity.into()),
        state: Some(State::Full),
        display_text: Some("Alice <the host>".into()),
        associated_aors: Some(uris("sip")),
        roles: Some(Roles { entries: vec!["moderator".into(), "participant".into()], unknown: unknown_attrs() }),
        languages: Some(vec!["en".into(), "it".into()]),
        cascaded_focus: Some("sip:focus@example.com".into()),
        endpoints: vec![Endpoint {
            entity: Some("sip:alice@example.com".into()),
            state: Some(State::Full),
            display_text: Some("Alice's phone".into()),
            referred: Some(execution()),
            status: Some(EndpointStatus::Connected),
            joining_method: Some(JoiningMethod::DialedIn),
            joining_info: Some(execution()),
            disconnection_method: Some(DisconnectionMethod::Departed),
            disconnection_info: Some(execution()),
            media: vec![
                Media {
                    id: "1".into(),
                    display_text: Some("voice".into()),
                    media_type: Some("audio".into()),
                    label: Some("audio-1".into()),
                    src_id: Some("432424".into()),
                    status: Some(MediaStatus::RecvOnly),
                    unknown: unknown(),
                },
                Media { media_type: Some("video".into()), status: Some(MediaStatus::Inactive), ..Media::new("2") },
            ],
            call_info: None,
            unknown: unknown(),
        }],
        provide_anonymity: Some(Anonymity::SemiPrivate),
        allow_refer_users_dynamically: Some(true),
        allow_invite_users_dynamically: Some(false),
        allow_remove_users_dynamically: Some(true),
        unknown: unknown(),
    }
}

pub fn users() -> Users {
    Users {
        state: Some(State::Full),
        users: vec![user("xcon-userid:alice@example.com"), User::new("xcon-userid:bob@example.com")],
        join_handling: Some(JoinHandling::Confirm),
        user_admission_policy: Some(AdmissionPolicy::ClosedAuthenticated),
        allowed_users_list: Some(AllowedUsersList {
            targets: vec![
                Target::new("sip:carol@example.com", TargetMethod::DialOut),
                Target { unknown: unknown_attrs(), ..Target::new("tel:+1-972-555-1234", TargetMethod::Refer) },
            ],
            persistent_list: Some(PersistentList {
                users: vec![PersistentUser {
                    name: "sip:dave@example.com".into(),
                    nickname: "Dave".into(),
                    id: "d1".into(),
                    emails: vec!["dave@example.com".into()],
                    unknown: unknown(),
                }],
                unknown: unknown(),
            }),
            unknown: unknown(),
        }),
        deny_users_list: Some(DenyUsersList {
            targets: vec![DenyTarget { uri: "sip:mallory@example.com".into(), unknown: unknown_attrs() }],
            unknown: unknown(),
        }),
        unknown: unknown(),
    }
}

pub fn conference(entity: &str) -> Conference {
    Conference {
        entity: entity.into(),
        state: Some(State::Full),
        version: Some(7),
        description: Some(ConferenceDescription {
            display_text: Some("Weekly all-hands".into()),
            subject: Some("Q4 & beyond".into()),
            free_text: Some("  keeps its spaces\nand lines  ".into()),
            keywords: Some(vec!["weekly".into(), "all-hands".into()]),
            conf_uris: Some(uris("sip")),
            service_uris: Some(uris("http")),
            maximum_user_count: Some(50),
            available_media: Some(AvailableMedia {
                entries: vec![
                    MediaEntry {
                        label: "audio-1".into(),
                        display_text: Some("audio stream".into()),
                        media_type: "audio".into(),
                        status: Some(MediaStatus::SendRecv),
                        unknown: unknown(),
                    },
                    MediaEntry::new("video-1", "video"),
                ],
                unknown: unknown_attrs(),
            }),
            language: Some("en-GB".into()),
            allow_sidebars: Some(true),
            cloning_parent: Some("xcon:VideoRoom@example.com".into()),
            sidebar_parent: Some("xcon:parent@example.com".into()),
            conference_time: Some(ConferenceTime {
                entries: vec![TimeEntry {
                    base: "BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR".into(),
                    mixing_start_offset: Some(MixingOffset::new("2026-11-28T10:00:00Z", "moderator")),
                    mixing_end_offset: Some(MixingOffset {
                        unknown: unknown_attrs(),
                        ..MixingOffset::new("2026-11-28T11:00:00Z", "none")
                    }),
                    can_join_after_offset: Some("2026-11-28T09:55:00Z".into()),
                    must_join_before_offset: Some("2026-11-28T10:30:00Z".into()),
                    request_user: Some("2026-11-28T09:50:00Z".into()),
                    notify_end_of_conference: Some(300),
                    allowed_extend_mixing_end_offset: Some(true),
                    unknown: unknown_elements(),
                }],
                unknown: unknown(),
            }),
            allow_conference_event_subscription: Some(true),
            conference_password: Some("s3cret".into()),
            unknown: unknown(),
        }),
        host_info: Some(HostInfo {
            display_text: Some("Example Inc.".into()),
            web_page: Some("http://example.com/".into()),
            uris: Some(uris("sip")),
            unknown: unknown(),
        }),
        conference_state: Some(ConferenceState {
            user_count: Some(2),
            active: Some(true),
            locked: Some(false),
            unknown: unknown(),
        }),
        users: Some(users()),
        sidebars_by_ref: Some(uris("xcon")),
        sidebars_by_val: Some(SidebarsByVal {
            state: Some(State::Partial),
            entries: vec![Conference {
                users: Some(Users { users: vec![User::new("xcon-userid:alice@example.com")], ..Default::default() }),
                ..Conference::new("xcon:sidebar1@example.com")
            }],
            unknown: unknown_attrs(),
        }),
        floor_information: Some(FloorInformation {
            conference_id: Some(1234),
            allow_floor_events: Some(true),
            floor_request_handling: Some(FloorRequestHandling::Confirm),
            conference_floor_policy: Some(FloorPolicy {
                floors: vec![Floor {
                    id: "audioFloor".into(),
                    media_labels: vec!["audio-1".into()],
                    algorithm: Some(FloorAlgorithm::Fcfs),
                    max_floor_users: Some(1),
                    moderator_id: Some(42),
                    unknown: unknown(),
                }],
                unknown: unknown_attrs(),
            }),
            unknown: unknown(),
        }),
        unknown: unknown(),
    }
}

pub fn options() -> Options {
    let standard = MessageKind::ALL
        .into_iter()
        .filter(|k| !matches!(k, MessageKind::Extended | MessageKind::Options))
        .map(|k| StandardMessage {
            schema_def: Some("urn:ietf:params:xml:ns:xcon-ccmp".into()),
            description: Some(format!("{} as RFC 6503 defines it", k.request_name())),
            unknown: unknown(),
            ..StandardMessage::new(k, k.takes_operation().then(|| vec![Operation::Retrieve, Operation::Update]))
        })
        .collect();
    Options {
        standard_messages: standard,
        standard_list_unknown: unknown(),
        extended_message_list: Some(ExtendedMessageList {
            messages: vec![ExtendedMessage {
                name: "confSummaryRequest".into(),
                operations: Some(vec![Operation::Retrieve]),
                schema_def: "http://example.com/ccmp-extension-schema.xsd".into(),
                description: Some("a brief description of a conference".into()),
                unknown: unknown(),
            }],
            unknown: unknown(),
        }),
        unknown: unknown(),
    }
}
