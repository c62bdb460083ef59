//! What real peers send that the schema would not (`CCMP.md` section 8): each case decodes.

use ccmp::codec::{decode_request, decode_response};
use ccmp::xcon::{Operation, TargetMethod};
use ccmp::{MessageKind, RequestBody, ResponseBody, ResponseCode};

/// A confRequest with the namespace declarations and prefix given, for the prefix and namespace cases.
fn conf_request(root_open: &str, root_close: &str, body: &str) -> String {
    format!(
        r#"{root_open}<ccmpRequest xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="p:ccmp-conf-request-message-type"><confUserID>xcon-userid:alice@example.com</confUserID><confObjID>xcon:8977794@example.com</confObjID><operation>retrieve</operation>{body}</ccmpRequest>{root_close}"#
    )
}

#[test]
fn the_rfc_6504_namespace_spelling_is_accepted() {
    let xml = conf_request(
        r#"<p:ccmpRequest xmlns:p="urn:ietf:params:xml:ns:xcon:ccmp">"#,
        "</p:ccmpRequest>",
        "<p:confRequest/>",
    );
    let r = decode_request(&xml).unwrap();
    assert_eq!(r.kind(), MessageKind::Conf);
    assert_eq!(r.operation, Some(Operation::Retrieve));
}

#[test]
fn any_prefix_and_a_default_namespace_are_accepted() {
    for (open, close, body) in [
        (
            r#"<xcon-ccmp:ccmpRequest xmlns:xcon-ccmp="urn:ietf:params:xml:ns:xcon-ccmp" xmlns:p="urn:ietf:params:xml:ns:xcon-ccmp">"#,
            "</xcon-ccmp:ccmpRequest>",
            "<xcon-ccmp:confRequest/>",
        ),
        (
            r#"<tns:ccmpRequest xmlns:tns="urn:ietf:params:xml:ns:xcon-ccmp" xmlns:p="urn:ietf:params:xml:ns:xcon-ccmp">"#,
            "</tns:ccmpRequest>",
            "<p:confRequest/>",
        ),
    ] {
        let r = decode_request(&conf_request(open, close, body)).unwrap_or_else(|e| panic!("{open}: {e}"));
        assert_eq!(r.kind(), MessageKind::Conf);
    }
    // A default namespace on the root: the inner element and the common parameters must then be put
    // back in no namespace with xmlns="", as a schema-aware peer would.
    let xml = r#"<ccmpRequest xmlns="urn:ietf:params:xml:ns:xcon-ccmp" xmlns:info="urn:ietf:params:xml:ns:conference-info"><ccmpRequest xmlns="" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:c="urn:ietf:params:xml:ns:xcon-ccmp" xsi:type="c:ccmp-conf-request-message-type"><confUserID>xcon-userid:alice@example.com</confUserID><operation>update</operation><confRequest xmlns="urn:ietf:params:xml:ns:xcon-ccmp"><confInfo xmlns="" entity="xcon:1@example.com"><conference-description xmlns="urn:ietf:params:xml:ns:conference-info"><display-text>Default namespaces</display-text></conference-description></confInfo></confRequest></ccmpRequest></ccmpRequest>"#;
    let r = decode_request(xml).unwrap();
    let RequestBody::Conf(p) = r.body else { panic!("not a confRequest") };
    assert_eq!(p.info.unwrap().display_text(), Some("Default namespaces"));
}

#[test]
fn whitespace_around_enumerated_and_numeric_values_is_trimmed() {
    let xml = conf_request(
        r#"<ccmp:ccmpRequest xmlns:ccmp="urn:ietf:params:xml:ns:xcon-ccmp" xmlns:p="urn:ietf:params:xml:ns:xcon-ccmp" xmlns:info="urn:ietf:params:xml:ns:conference-info">"#,
        "</ccmp:ccmpRequest>",
        "<ccmp:confRequest><confInfo entity=\"xcon:8977794@example.com\"><info:conference-description><info:maximum-user-count>10\n  </info:maximum-user-count></info:conference-description><info:conference-state><info:locked> true </info:locked></info:conference-state></confInfo></ccmp:confRequest>",
    )
    .replace("<operation>retrieve</operation>", "<operation> create </operation>");
    let r = decode_request(&xml).unwrap();
    assert_eq!(r.operation, Some(Operation::Create));
    let RequestBody::Conf(p) = r.body else { panic!("not a confRequest") };
    let conf = p.info.unwrap();
    assert_eq!(conf.description.unwrap().maximum_user_count, Some(10));
    assert_eq!(conf.conference_state.unwrap().locked, Some(true));
}

const OPTIONS_REQUEST: &str = r#"<ccmp:ccmpRequest xmlns:ccmp="urn:ietf:params:xml:ns:xcon-ccmp"><ccmpRequest xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="ccmp:ccmp-options-request-message-type"><confUserID>xcon-userid:alice@example.com</confUserID></ccmpRequest></ccmp:ccmpRequest>"#;

#[test]
fn whitespace_before_the_declaration_or_no_declaration_is_accepted() {
    for xml in [
        OPTIONS_REQUEST.to_owned(),
        format!("\n\n  <?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{OPTIONS_REQUEST}"),
        format!("\u{feff}<?xml version=\"1.0\"?>{OPTIONS_REQUEST}\n"),
    ] {
        let r = decode_request(&xml).unwrap_or_else(|e| panic!("{xml:?}: {e}"));
        assert_eq!(r.kind(), MessageKind::Options);
    }
}

#[test]
fn a_conference_password_inside_subject_is_found() {
    let xml = OPTIONS_REQUEST.replace(
        "<confUserID>",
        "<subject><username>alice</username><password>pw</password><conference-password>1234</conference-password></subject><confUserID>",
    );
    let r = decode_request(&xml).unwrap();
    assert_eq!(r.conference_password.as_deref(), Some("1234"));
    assert_eq!(r.subject.unwrap().username.as_deref(), Some("alice"));
}

#[test]
fn dial_out_with_a_space_reads_as_dial_out() {
    let xml = std::fs::read_to_string(
        crate::support::spec_dir().join("examples/rfc6503/09_s6.5_usersRequest_update_allowed_users.xml"),
    )
    .unwrap();
    let r = decode_request(&xml).unwrap();
    let RequestBody::Users(p) = r.body else { panic!("not a usersRequest") };
    let targets = p.info.unwrap().allowed_users_list.unwrap().targets;
    assert_eq!(targets[0].method, TargetMethod::DialOut);
    assert_eq!(targets[1].method, TargetMethod::Refer);
}

fn response(xsi_type: &str, body: &str, string: &str) -> String {
    format!(
        r#"<ccmp:ccmpResponse xmlns:ccmp="urn:ietf:params:xml:ns:xcon-ccmp" xmlns:info="urn:ietf:params:xml:ns:conference-info"><ccmpResponse xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="ccmp:{xsi_type}"><confUserID>xcon-userid:alice@example.com</confUserID><response-code> 200 </response-code><response-string>{string}</response-string>{body}</ccmpResponse></ccmp:ccmpResponse>"#
    )
}

#[test]
fn response_strings_in_any_case_and_both_sidebars_by_ref_spellings() {
    let body = "<ccmp:sidebarsByRefResponse><sidebarsByRefInfo><info:entry><info:uri>xcon:side@example.com</info:uri></info:entry></sidebarsByRefInfo></ccmp:sidebarsByRefResponse>";
    for (ty, string) in [
        ("ccmp-sidebarsByref-response-message-type", "success"),
        ("ccmp-sidebarsByRef-response-message-type", "SUCCESS"),
    ] {
        let r = decode_response(&response(ty, body, string)).unwrap_or_else(|e| panic!("{ty}: {e}"));
        assert_eq!(r.code, ResponseCode::Success);
        assert_eq!(r.response_string.as_deref(), Some(string));
        let ResponseBody::SidebarsByRef(p) = r.body else { panic!("not a sidebarsByRefResponse") };
        assert_eq!(p.info.unwrap().entries[0].uri, "xcon:side@example.com");
    }
}

#[test]
fn what_liblinphone_sends_decodes() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<xcon-ccmp:ccmpRequest xmlns:conference-info="urn:ietf:params:xml:ns:conference-info" xmlns:xcon-ccmp="urn:ietf:params:xml:ns:xcon-ccmp" xmlns:xcon-conference-info="urn:ietf:params:xml:ns:xcon-conference-info">
  <ccmpRequest xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xcon-ccmp:ccmp-conf-request-message-type">
    <confUserID>xcon-userid:alice@example.org</confUserID>
    <operation>create</operation>
    <xcon-ccmp:confRequest>
      <confInfo entity="xcon:AUTO_GENERATE_1@example.org">
        <conference-info:conference-description>
          <conference-info:subject>Planning</conference-info:subject>
          <conference-info:available-media>
            <conference-info:entry label="AUTO_GENERATE_2"><conference-info:type>audio</conference-info:type></conference-info:entry>
          </conference-info:available-media>
          <xcon-conference-info:conference-time>
            <xcon-conference-info:entry><xcon-conference-info:base>BEGIN:VCALENDAR
END:VCALENDAR</xcon-conference-info:base></xcon-conference-info:entry>
          </xcon-conference-info:conference-time>
        </conference-info:conference-description>
        <conference-info:users>
          <xcon-conference-info:allowed-users-list>
            <xcon-conference-info:target uri="sip:bob@example.org" method="dial-out"/>
          </xcon-conference-info:allowed-users-list>
        </conference-info:users>
      </confInfo>
    </xcon-ccmp:confRequest>
  </ccmpRequest>
</xcon-ccmp:ccmpRequest>"#;
    let r = decode_request(xml).unwrap();
    let RequestBody::Conf(p) = r.body else { panic!("not a confRequest") };
    let conf = p.info.unwrap();
    let d = conf.description.as_ref().unwrap();
    assert_eq!(d.available_media.as_ref().unwrap().entries[0].label, "AUTO_GENERATE_2");
    assert!(d.conference_time.as_ref().unwrap().entries[0].base.starts_with("BEGIN:VCALENDAR"));
    assert_eq!(conf.users.unwrap().allowed_users_list.unwrap().targets[0].uri, "sip:bob@example.org");
}

#[test]
fn line_ends_in_text_become_line_feeds() {
    let body = "<ccmp:userResponse><userInfo entity=\"xcon-userid:bob@example.com\"><info:display-text>Bob\r\nof\rSales\nteam</info:display-text></userInfo></ccmp:userResponse>";
    let r = decode_response(&response("ccmp-user-response-message-type", body, "Success")).unwrap();
    let ResponseBody::User(p) = &r.body else { panic!("not a userResponse") };
    assert_eq!(p.info.as_ref().unwrap().display_text.as_deref(), Some("Bob\nof\nSales\nteam"));
}

#[test]
fn a_data_model_value_out_of_its_enumeration_is_kept_not_fatal() {
    let body = r#"<ccmp:userResponse><userInfo entity="xcon-userid:bob@example.com"><info:endpoint entity="sip:bob@example.com"><info:status>talking</info:status></info:endpoint></userInfo></ccmp:userResponse>"#;
    let xml = response("ccmp-user-response-message-type", body, "Success");
    let r = decode_response(&xml).unwrap();
    let ResponseBody::User(p) = &r.body else { panic!("not a userResponse") };
    let endpoint = &p.info.as_ref().unwrap().endpoints[0];
    assert_eq!(endpoint.status, None);
    assert_eq!(endpoint.unknown.elements()[0].text(), "talking");
    // ... and written back on encode.
    assert!(r.to_xml().contains("<info:status>talking</info:status>"));
}

#[test]
fn a_strict_decoder_refuses_a_data_model_value_out_of_its_type_and_names_it() {
    let user = |endpoint: &str| {
        let body = format!(
            r#"<p:userRequest><userInfo entity="xcon-userid:bob@example.com"><info:endpoint entity="sip:bob@example.com"{endpoint}</info:endpoint></userInfo></p:userRequest>"#
        );
        conf_request(
            r#"<p:ccmpRequest xmlns:p="urn:ietf:params:xml:ns:xcon-ccmp" xmlns:info="urn:ietf:params:xml:ns:conference-info">"#,
            "</p:ccmpRequest>",
            &body,
        )
        .replace("ccmp-conf-request", "ccmp-user-request")
        .replace("retrieve", "update")
    };
    let talking = user("><info:status>talking</info:status>");
    assert!(decode_request(&talking).is_ok(), "lenient: kept as unknown content");
    let e = ccmp::decode_request_strict(&talking).unwrap_err();
    assert_eq!(
        e.to_string().split(": ").last(),
        Some(
            "info:status holds \"talking\", which is not a value the XCON data model (RFC 4575, RFC 6501) takes there"
        ),
        "{e}"
    );
    let gone = user(r#" state="gone">"#);
    assert!(decode_request(&gone).is_ok());
    let e = ccmp::decode_request_strict(&gone).unwrap_err();
    assert!(e.to_string().contains("state on info:endpoint holds \"gone\""), "{e}");
    // A value that parses, as a strict decoder reads it; and an empty element, which removes the value.
    let right = user("><info:status> connected </info:status>");
    assert!(ccmp::decode_request_strict(&right).is_ok());
    let removed = user("><info:status/>");
    assert!(ccmp::decode_request_strict(&removed).is_ok());
}
