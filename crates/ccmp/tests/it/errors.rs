//! Input that is not a CCMP message gets a typed error that says what and where.

use ccmp::codec::{decode, decode_request, decode_response, DecodeErrorKind, MAX_DEPTH};

const HEAD: &str = r#"<ccmp:ccmpRequest xmlns:ccmp="urn:ietf:params:xml:ns:xcon-ccmp"><ccmpRequest xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="ccmp:ccmp-conf-request-message-type">"#;
const TAIL: &str = "</ccmpRequest></ccmp:ccmpRequest>";

fn check(xml: &str, kind: DecodeErrorKind, line: u32, column: u32, path: &str) {
    let e = decode_request(xml).expect_err("must not decode");
    assert_eq!((e.kind, e.line, e.column, e.path.as_str()), (kind, line, column, path), "{xml}");
}

#[test]
fn an_invalid_operation_names_the_element_and_place() {
    let xml = format!("{HEAD}\n<confUserID>x</confUserID>\n  <operation>fetch</operation><ccmp:confRequest/>{TAIL}");
    let expected = DecodeErrorKind::InvalidValue {
        element: "operation",
        value: "fetch".into(),
        expected: "retrieve, create, update or delete",
    };
    check(&xml, expected, 3, 3, "/ccmpRequest/ccmpRequest/operation");
}

#[test]
fn malformed_xml_is_a_syntax_error_with_its_place() {
    let e = decode_request(&format!("{HEAD}\n<confUserID>x</confObjID>{TAIL}")).unwrap_err();
    assert!(matches!(e.kind, DecodeErrorKind::Syntax(_)), "{e}");
    assert_eq!(e.line, 2);
    assert!(e.to_string().starts_with("line 2, column "), "{e}");
}

#[test]
fn dtds_and_entity_declarations_are_refused() {
    let bomb = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><ccmp:ccmpRequest xmlns:ccmp="urn:ietf:params:xml:ns:xcon-ccmp">&lol2;</ccmp:ccmpRequest>"#;
    assert_eq!(decode(bomb).unwrap_err().kind, DecodeErrorKind::Dtd);
    let undeclared = format!("{HEAD}<confUserID>&lol;</confUserID><ccmp:confRequest/>{TAIL}");
    let e = decode_request(&undeclared).unwrap_err();
    assert!(matches!(&e.kind, DecodeErrorKind::Syntax(m) if m.contains("lol")), "{e}");
}

#[test]
fn nesting_beyond_the_limit_is_refused() {
    let deep = "<ext:a xmlns:ext=\"urn:x\">".repeat(MAX_DEPTH) + &"</ext:a>".repeat(MAX_DEPTH);
    let xml = format!("{HEAD}<confUserID>x</confUserID>{deep}<ccmp:confRequest/>{TAIL}");
    assert_eq!(decode_request(&xml).unwrap_err().kind, DecodeErrorKind::TooDeep(MAX_DEPTH));
    // Just under the limit is fine.
    let ok = "<ext:a xmlns:ext=\"urn:x\">".repeat(MAX_DEPTH - 3) + &"</ext:a>".repeat(MAX_DEPTH - 3);
    assert!(decode_request(&format!("{HEAD}{ok}<ccmp:confRequest/>{TAIL}")).is_ok());
}

#[test]
fn what_is_not_a_ccmp_message_says_so() {
    assert_eq!(decode("").unwrap_err().kind, DecodeErrorKind::Empty);
    assert_eq!(decode("   \n").unwrap_err().kind, DecodeErrorKind::Empty);
    let e = decode("<html><body>502 Bad Gateway</body></html>").unwrap_err();
    assert_eq!(
        e.kind,
        DecodeErrorKind::UnexpectedRoot { expected: "a CCMP ccmpRequest or ccmpResponse", found: "html".into() }
    );
    assert!(matches!(decode("{\"error\": 1}").unwrap_err().kind, DecodeErrorKind::Syntax(_)));
    let e = decode_response(&format!("{HEAD}<ccmp:confRequest/>{TAIL}")).unwrap_err();
    assert_eq!(
        e.kind,
        DecodeErrorKind::UnexpectedRoot { expected: "a CCMP ccmpResponse", found: "ccmpRequest".into() }
    );
}

#[test]
fn the_message_type_and_body_must_agree() {
    let e = decode_request(&format!("{HEAD}<ccmp:usersRequest/>{TAIL}")).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::BodyMismatch { declared: "confRequest", found: "usersRequest".into() });
    let e = decode_request(&format!("{HEAD}<confUserID>x</confUserID>{TAIL}")).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::MissingElement("confRequest"));
    let head = HEAD.replace("ccmp-conf-request", "ccmp-chat-request");
    let e = decode_request(&format!("{head}<ccmp:confRequest/>{TAIL}")).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::UnknownMessageType("ccmp:ccmp-chat-request-message-type".into()));
}

#[test]
fn a_response_needs_a_three_digit_code() {
    let response = |code: &str| {
        format!(
            r#"<ccmp:ccmpResponse xmlns:ccmp="urn:ietf:params:xml:ns:xcon-ccmp"><ccmpResponse><confUserID>x</confUserID>{code}<ccmp:confResponse/></ccmpResponse></ccmp:ccmpResponse>"#
        )
    };
    assert_eq!(decode_response(&response("")).unwrap_err().kind, DecodeErrorKind::MissingElement("response-code"));
    for bad in ["20", "2000", "abc", "-20"] {
        let e = decode_response(&response(&format!("<response-code>{bad}</response-code>"))).unwrap_err();
        assert!(matches!(e.kind, DecodeErrorKind::InvalidValue { element: "response-code", .. }), "{bad}: {e}");
    }
    let r = decode_response(&response("<response-code>299</response-code>")).unwrap();
    assert_eq!(r.code.effective(), ccmp::ResponseCode::ServerInternalError);
    // A version past what the model counts is said to be too large, not to be no number at all.
    let huge = response("<response-code>200</response-code><version>99999999999999999999999</version>");
    let e = decode_response(&huge).unwrap_err();
    assert!(e.to_string().contains("a whole number below 2^64"), "{e}");
    let negative = decode_response(&response("<response-code>200</response-code><version>-3</version>"));
    assert!(negative.unwrap_err().to_string().ends_with("which is not a whole number"));
}

#[test]
fn an_answer_is_not_dropped_for_how_it_echoes_its_operation_or_counts_versions() {
    let response = |inner: &str| {
        format!(
            r#"<ccmp:ccmpResponse xmlns:ccmp="urn:ietf:params:xml:ns:xcon-ccmp"><ccmpResponse><confUserID>x</confUserID><confObjID>xcon:1@example.com</confObjID>{inner}<response-code>200</response-code><ccmp:confResponse/></ccmpResponse></ccmp:ccmpResponse>"#
        )
    };
    let r = decode_response(&response("<operation> Create </operation>")).unwrap();
    assert_eq!(r.operation, Some(ccmp::xcon::Operation::Create));
    let r = decode_response(&response("<operation>UPDATE</operation><version>0</version>")).unwrap();
    assert_eq!((r.operation, r.version), (Some(ccmp::xcon::Operation::Update), Some(0)));
    let e = decode_response(&response("<operation>patch</operation>")).unwrap_err();
    assert!(matches!(e.kind, DecodeErrorKind::InvalidValue { element: "operation", .. }), "{e}");
}

#[test]
fn text_after_the_root_is_refused() {
    let xml = format!("{HEAD}<ccmp:confRequest/>{TAIL}<extra/>");
    assert_eq!(decode_request(&xml).unwrap_err().kind, DecodeErrorKind::TrailingContent);
}

#[test]
fn characters_xml_does_not_allow_are_refused_where_they_stand() {
    // Found by the fuzzer: a control character in a namespace name decoded, then could not be written back.
    let xml = format!("{HEAD}\n<confUserID>a\u{1}b</confUserID><ccmp:confRequest/>{TAIL}");
    let e = decode_request(&xml).unwrap_err();
    assert_eq!((e.line, e.column), (2, 14));
    assert_eq!(e.kind, DecodeErrorKind::Syntax("U+0001 is not allowed in XML".into()));
    let e = decode_request(&format!("{HEAD}<confUserID>\u{FFFF}</confUserID><ccmp:confRequest/>{TAIL}")).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::Syntax("U+FFFF is not allowed in XML".into()));
    let e = decode_request(&format!("{HEAD}<confUserID>a\u{FFFE}</confUserID><ccmp:confRequest/>{TAIL}")).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::Syntax("U+FFFE is not allowed in XML".into()));
    // Their neighbours in UTF-8 (EF BF BD, EF BF AF, EF A3 BF) are characters like any other.
    let fine = format!("{HEAD}<confUserID>\u{FFFD}\u{FFEF}\u{F8FF}</confUserID><ccmp:confRequest/>{TAIL}");
    assert_eq!(decode_request(&fine).unwrap().conf_user_id.as_deref(), Some("\u{FFFD}\u{FFEF}\u{F8FF}"));
    // ... nor through a character reference, in text or in an attribute (the fuzzer found the latter).
    for xml in [
        format!("{HEAD}<confUserID>&#4;</confUserID><ccmp:confRequest/>{TAIL}"),
        format!("{HEAD}<ext:x xmlns:ext=\"urn:a&#4;b\"/><ccmp:confRequest/>{TAIL}"),
        format!("{HEAD}<ext:x xmlns:ext=\"urn:a\" v=\"&#x1;\"/><ccmp:confRequest/>{TAIL}"),
    ] {
        let e = decode_request(&xml).unwrap_err();
        assert!(matches!(&e.kind, DecodeErrorKind::Syntax(m) if m.contains("is not allowed in XML")), "{xml}: {e}");
    }
}

#[test]
fn malformed_names_are_refused() {
    // Found by the fuzzer: an attribute named `::x:y` decoded with a prefix nobody declared.
    for (bad, what) in [
        ("<a ::x:y=\"1\"/>", "attribute"),
        ("<p:q:r/>", "element"),
        ("<:a/>", "element"),
        ("<a -b=\"1\"/>", "attribute"),
    ] {
        let xml = format!("{HEAD}<confUserID>x</confUserID>{bad}<ccmp:confRequest/>{TAIL}");
        let e = decode_request(&xml).unwrap_err();
        assert!(
            matches!(&e.kind, DecodeErrorKind::Syntax(m) if m.contains(&format!("not an {what} name"))),
            "{bad}: {e}"
        );
    }
}
