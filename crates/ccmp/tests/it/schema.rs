//! All 24 message types, richly filled, encode to documents that validate against the RFC 6503 schema
//! and decode back to equal values.

use ccmp::codec::{decode, encode_pretty, Message};
use ccmp::message::{
    Extended, ListRequest, MessageKind, Payload, Request, RequestBody, Response, ResponseBody, Subject,
};
use ccmp::xcon::{Operation, SidebarsByVal};
use ccmp::ResponseCode;

use crate::fixtures::{self, ext_element, unknown};
use crate::support::validate;

const CONF: &str = "xcon:8977794@example.com";

fn rich_request(kind: MessageKind) -> Request {
    let list =
        || ListRequest { xpath_filter: Some("/conference-info/conference-description".into()), unknown: unknown() };
    let conf = || Payload { info: Some(fixtures::conference(CONF)), unknown: unknown() };
    let body = match kind {
        MessageKind::Blueprints => RequestBody::Blueprints(list()),
        MessageKind::Blueprint => RequestBody::Blueprint(conf()),
        MessageKind::Confs => RequestBody::Confs(list()),
        MessageKind::Conf => RequestBody::Conf(conf()),
        MessageKind::Users => RequestBody::Users(Payload { info: Some(fixtures::users()), unknown: unknown() }),
        MessageKind::User => RequestBody::User(Payload {
            info: Some(fixtures::user("xcon-userid:alice@example.com")),
            unknown: unknown(),
        }),
        MessageKind::SidebarsByVal => RequestBody::SidebarsByVal(list()),
        MessageKind::SidebarByVal => RequestBody::SidebarByVal(conf()),
        MessageKind::SidebarsByRef => RequestBody::SidebarsByRef(list()),
        MessageKind::SidebarByRef => RequestBody::SidebarByRef(conf()),
        MessageKind::Extended => RequestBody::Extended(Extended {
            extension_name: "confSummaryRequest".into(),
            elements: vec![ext_element("query")],
            ..Default::default()
        }),
        MessageKind::Options => RequestBody::Options,
    };
    Request {
        subject: Some(Subject { username: Some("alice".into()), password: Some("p<a>ss".into()), unknown: unknown() }),
        conf_user_id: Some("xcon-userid:alice@example.com".into()),
        conf_obj_id: Some(CONF.into()),
        operation: Some(Operation::Update),
        conference_password: Some("1234".into()),
        unknown: unknown(),
        body,
    }
}

fn rich_response(kind: MessageKind) -> Response {
    let uris = || Payload { info: Some(fixtures::uris("xcon")), unknown: unknown() };
    let conf = || Payload { info: Some(fixtures::conference(CONF)), unknown: unknown() };
    let body = match kind {
        MessageKind::Blueprints => ResponseBody::Blueprints(uris()),
        MessageKind::Blueprint => ResponseBody::Blueprint(conf()),
        MessageKind::Confs => ResponseBody::Confs(uris()),
        MessageKind::Conf => ResponseBody::Conf(conf()),
        MessageKind::Users => ResponseBody::Users(Payload { info: Some(fixtures::users()), unknown: unknown() }),
        MessageKind::User => ResponseBody::User(Payload {
            info: Some(fixtures::user("xcon-userid:alice@example.com")),
            unknown: unknown(),
        }),
        MessageKind::SidebarsByVal => ResponseBody::SidebarsByVal(Payload {
            info: Some(SidebarsByVal {
                entries: vec![fixtures::conference("xcon:side@example.com")],
                ..Default::default()
            }),
            unknown: unknown(),
        }),
        MessageKind::SidebarByVal => ResponseBody::SidebarByVal(conf()),
        MessageKind::SidebarsByRef => ResponseBody::SidebarsByRef(uris()),
        MessageKind::SidebarByRef => ResponseBody::SidebarByRef(conf()),
        MessageKind::Extended => ResponseBody::Extended(Extended {
            extension_name: "confSummaryRequest".into(),
            elements: vec![ext_element("confSummary")],
            ..Default::default()
        }),
        MessageKind::Options => ResponseBody::Options(Payload { info: Some(fixtures::options()), unknown: unknown() }),
    };
    Response {
        conf_user_id: "xcon-userid:alice@example.com".into(),
        conf_obj_id: Some(CONF.into()),
        operation: Some(Operation::Retrieve),
        code: ResponseCode::Success,
        response_string: Some("Success".into()),
        version: Some(8),
        unknown: unknown(),
        body,
    }
}

fn check(message: Message) {
    let compact = match &message {
        Message::Request(r) => r.to_xml(),
        Message::Response(r) => r.to_xml(),
    };
    for xml in [compact, encode_pretty(&message)] {
        validate(&xml).unwrap_or_else(|e| panic!("does not validate: {e}"));
        let back = decode(&xml).unwrap_or_else(|e| panic!("does not decode: {e}\n{xml}"));
        assert_eq!(back, message, "changed in a round trip:\n{xml}");
    }
}

#[test]
fn all_twelve_requests_validate_and_round_trip() {
    for kind in MessageKind::ALL {
        check(Message::Request(rich_request(kind)));
    }
}

#[test]
fn all_twelve_responses_validate_and_round_trip() {
    for kind in MessageKind::ALL {
        check(Message::Response(rich_response(kind)));
    }
}

#[test]
fn minimal_messages_validate_too() {
    for kind in MessageKind::ALL {
        let mut request = rich_request(kind);
        request.subject = None;
        request.conference_password = None;
        request.unknown = Default::default();
        check(Message::Request(request));
        let response =
            Response::new("xcon-userid:alice@example.com", ResponseCode::Unknown(599), ResponseBody::empty(kind));
        if kind != MessageKind::Extended {
            check(Message::Response(response));
        }
    }
}

#[test]
fn the_constructors_build_valid_requests() {
    let me: ccmp::XconUserId = "xcon-userid:alice@example.com".parse().unwrap();
    let requests = [
        Request::options(&me),
        Request::blueprints(&me),
        Request::blueprint(&me, "xcon:AudioRoom@example.com"),
        Request::confs(&me).with_xpath_filter("/conference-info"),
        Request::conf_retrieve(&me, CONF).with_credentials("alice", "pw"),
        Request::conf_clone(&me, "xcon:VideoRoom@example.com"),
        Request::conf_create(&me, ccmp::xcon::Conference::new("xcon:AUTO_GENERATE_1@example.com")),
        Request::conf_delete(&me, CONF).with_conference_password("1234"),
        Request::users_retrieve(&me, CONF),
        Request::user_add(&me, CONF, ccmp::xcon::User::new("xcon-userid:AUTO_GENERATE_1@example.com")),
        Request::user_remove(&me, CONF, "xcon-userid:bob@example.com"),
        Request::set_media_status(
            &me,
            CONF,
            "xcon-userid:bob@example.com",
            "sip:bob@example.com",
            "1",
            ccmp::xcon::MediaStatus::RecvOnly,
        ),
        Request::set_roles(&me, CONF, "xcon-userid:bob@example.com", ["moderator"]),
        Request::sidebars_by_val(&me, CONF),
        Request::sidebars_by_ref(&me, CONF),
        Request::sidebar_by_val(&me, CONF, Operation::Create, None),
        Request::sidebar_by_ref(&me, CONF, Operation::Delete, None),
        Request::extended(&me, Some(CONF), "confSummaryRequest", Operation::Retrieve, vec![]),
    ];
    for r in requests {
        check(Message::Request(r));
    }
}

#[test]
fn a_conference_info_document_validates_and_round_trips() {
    use ccmp::codec::{decode_conference_info, encode_conference_info};
    let conference = fixtures::conference(CONF);
    let xml = encode_conference_info(&conference);
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?><info:conference-info xmlns:info="), "{xml}");
    validate(&xml).unwrap_or_else(|e| panic!("does not validate: {e}"));
    assert_eq!(decode_conference_info(&xml).unwrap(), conference);
    let e = decode_conference_info(&rich_request(MessageKind::Conf).to_xml()).unwrap_err();
    assert!(e.to_string().contains("expected a conference-info document, found <ccmpRequest>"), "{e}");
}
