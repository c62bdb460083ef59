//! The panel in a real browser (headless Chromium through wasm-bindgen-test): the client layer fed garbage
//! and odd-but-valid responses, server text rendered as text, and the shared infrastructure (notices,
//! prompts, the 423 remedy). Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p ccmp-panel --target
//! wasm32-unknown-unknown --test web`.

#![cfg(target_arch = "wasm32")]

use ccmp::{Request, ResponseCode, XconUserId};
use ccmp_panel::api;
use ccmp_panel::components::{ActionButton, ConfOverview, DisabledAction, NoticeArea, XmlView};
use ccmp_panel::session::drafts::Discarded;
use ccmp_panel::session::{self, use_ccmp, use_prompts, Ask, Ccmp, Mode, Sent};
use ccmp_panel::state::glance::Glance;
use ccmp_panel::state::notice::{Notice, Tone};
use ccmp_panel::state::transport::TransportError;
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen_test::*;

mod web_support;
use wasm_bindgen::JsCast;
use web_support::{answering, data_url, mount, until, EVIL};

wasm_bindgen_test_configure!(run_in_browser);

const CONFS_OK: &str = r#"<?xml version="1.0"?><ccmp:ccmpResponse xmlns:ccmp="urn:ietf:params:xml:ns:xcon-ccmp" xmlns:info="urn:ietf:params:xml:ns:conference-info"><ccmpResponse xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="ccmp:ccmp-confs-response-message-type"><confUserID>xcon-userid:m@example.com</confUserID><response-code>200</response-code><ccmp:confsResponse><confsInfo><info:entry><info:uri>xcon:1@example.com</info:uri><info:display-text>One</info:display-text></info:entry></confsInfo></ccmp:confsResponse></ccmpResponse></ccmp:ccmpResponse>"#;

/// A confResponse about `xcon:1@example.com` with `code` (the confsResponse above, reshaped).
fn conf_reply(code: u16) -> String {
    CONFS_OK
        .replace("ccmp-confs-response", "ccmp-conf-response")
        .replace("confsResponse", "confResponse")
        .replace("<response-code>200", &format!("<confObjID>xcon:1@example.com</confObjID><response-code>{code}"))
}

async fn post(body: &str) -> Result<ccmp::Response, TransportError> {
    api::post(&data_url("application/ccmp+xml", body), "<x/>".into()).await.map(|r| r.response).map_err(|f| f.error)
}

fn kind(r: &Result<ccmp::Response, TransportError>) -> &'static str {
    match r {
        Ok(_) => "ok",
        Err(TransportError::Unreachable { .. }) => "unreachable",
        Err(TransportError::Timeout { .. }) => "timeout",
        Err(TransportError::HttpStatus { .. }) => "http",
        Err(TransportError::NotCcmp { .. }) => "not-ccmp",
        Err(TransportError::MalformedXml { .. }) => "malformed",
        Err(TransportError::NotAnAnswer { .. }) => "not-an-answer",
        Err(TransportError::InvalidCcmp { .. }) => "invalid-ccmp",
        Err(TransportError::Moved { .. }) => "moved",
    }
}

#[wasm_bindgen_test]
async fn the_client_types_every_garbage_reply() {
    let deep = format!("{}{}", "<a>".repeat(500), "</a>".repeat(500));
    let cases: Vec<(String, &str)> = vec![
        (CONFS_OK.into(), "ok"),
        (String::new(), "not-ccmp"),
        ("garbage \u{0} bytes".into(), "not-ccmp"),
        ("<!DOCTYPE html><html><body>index</body></html>".into(), "not-ccmp"),
        (CONFS_OK[..CONFS_OK.len() / 2].into(), "malformed"),
        (deep, "not-ccmp"),
        (CONFS_OK.replace("<response-code>200", "<response-code>2000"), "invalid-ccmp"),
        (CONFS_OK.replace("ccmp-confs-response", "ccmp-nonsense-response"), "invalid-ccmp"),
        ("<!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;</x>".into(), "malformed"),
        ("\u{feff}   ".to_owned() + CONFS_OK, "ok"),
    ];
    for (body, expected) in cases {
        let got = post(&body).await;
        assert_eq!(kind(&got), expected, "body {:?}", body.chars().take(80).collect::<String>());
    }
}

#[wasm_bindgen_test]
async fn odd_but_valid_replies_are_read() {
    // RFC 6504's namespace spelling, other prefixes, whitespace around values, an unknown code.
    let odd = CONFS_OK
        .replace("urn:ietf:params:xml:ns:xcon-ccmp", "urn:ietf:params:xml:ns:xcon:ccmp")
        .replace("ccmp:", "x:")
        .replace("xmlns:ccmp", "xmlns:x")
        .replace("<response-code>200", "<response-code> 299 \n");
    let r = post(&odd).await.expect("odd but valid");
    assert_eq!(r.code, ResponseCode::Unknown(299));
    assert_eq!(r.code.effective(), ResponseCode::ServerInternalError);
    assert_eq!(r.body.uris().map(|u| u.entries.len()), Some(1));
}

#[wasm_bindgen_test]
async fn a_reply_in_latin_1_is_read_as_latin_1_and_one_in_no_known_encoding_is_refused() {
    // "Café" in ISO-8859-1 (é is the byte E9), as a server may answer: XML allows any encoding it declares.
    let latin = CONFS_OK.replace("<?xml version=\"1.0\"?>", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>");
    let latin = latin.replace(">One<", ">Caf%E9<");
    let escaped: String =
        latin.split("%E9").map(|part| String::from(js_sys::encode_uri_component(part))).collect::<Vec<_>>().join("%E9");
    let reply = api::post(&format!("data:application/ccmp+xml,{escaped}"), "<x/>".into()).await;
    let uris = reply.map_err(|f| f.error).expect("a Latin-1 reply").response.body.uris().cloned();
    assert_eq!(uris.and_then(|u| u.entries[0].display_text.clone()).as_deref(), Some("Caf\u{e9}"));
    // Bytes that are not UTF-8, in a reply that names no encoding: refused, not shown with U+FFFD for letters.
    let bare = b"<a>Caf\xe9</a>".to_vec();
    assert!(matches!(api::body_text(200, None, bare.clone()), Err(TransportError::MalformedXml { .. })));
    assert!(api::body_text(502, None, bare).is_ok(), "an error page's text is still shown");
    let unknown = api::body_text(200, Some("application/ccmp+xml; charset=x-no-such"), b"<a/>".to_vec());
    assert!(matches!(unknown, Err(TransportError::MalformedXml { .. })), "{unknown:?}");
}

#[wasm_bindgen_test]
async fn transport_failures_are_typed() {
    let unreachable = api::post("http://127.0.0.1:1/ccmp", "<x/>".into()).await;
    assert!(matches!(unreachable.map(|_| ()).map_err(|f| f.error), Err(TransportError::Unreachable { .. })));
    let not_ccmp = api::post(&data_url("text/html", "<html></html>"), "<x/>".into()).await;
    assert!(matches!(not_ccmp.map(|_| ()).map_err(|f| f.error), Err(TransportError::NotCcmp { .. })));
}

#[wasm_bindgen_test]
fn random_bytes_never_panic_the_decoder() {
    // A small deterministic generator: every document is decoded in wasm, none may panic.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let alphabet = b"<>/=\"' :abcxmlnsccmpResponse-&;#\n\t\xc3\xa9";
    for _ in 0..2000 {
        let len = (seed % 200) as usize;
        let mut doc = Vec::with_capacity(len);
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            doc.push(alphabet[(seed % alphabet.len() as u64) as usize]);
        }
        let text = String::from_utf8_lossy(&doc);
        let _ = ccmp_panel::state::transport::classify(200, "OK", None, &text);
        let _ = ccmp::codec::pretty_print(&text);
        let _ = ccmp_panel::state::xml_tokens::tokenize(&text);
    }
}

#[wasm_bindgen_test]
fn server_text_is_rendered_as_text() {
    let mut conf = ccmp::xcon::Conference::new("xcon:evil@example.com");
    conf.description_mut().display_text = Some(EVIL.into());
    conf.description_mut().subject = Some("<script>alert(2)</script>".into());
    let (host, _keep) = mount(move || view! { <ConfOverview glance=Glance::of(&conf, None)/> });
    assert!(host.query_selector("img").unwrap().is_none());
    assert!(host.query_selector("script").unwrap().is_none());
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains(EVIL), "{text}");
    assert!(text.contains("<script>alert(2)</script>"));
}

/// A weekly meeting whose first time is long over: the overview says how it repeats, and not that it "ended".
#[wasm_bindgen_test]
fn a_conference_that_repeats_is_not_said_to_have_ended() {
    let scheduled = |rule: &str| {
        let mut conf = ccmp::xcon::Conference::new("xcon:weekly@example.com");
        let entry = ccmp::xcon::TimeEntry {
            base: format!("BEGIN:VEVENT\r\nDTSTART:20200106T090000Z\r\nDTEND:20200106T100000Z\r\n{rule}END:VEVENT\r\n"),
            ..Default::default()
        };
        conf.description_mut().conference_time =
            Some(ccmp::xcon::ConferenceTime { entries: vec![entry], ..Default::default() });
        conf
    };
    let weekly = scheduled("RRULE:FREQ=WEEKLY;BYDAY=MO\r\n");
    let (host, _keep) = mount(move || view! { <ConfOverview glance=Glance::of(&weekly, None)/> });
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("First time"), "{text}");
    assert!(text.contains("Repeatsevery week on Monday"), "{text}");
    assert!(!text.contains("ended"), "{text}");
    // The same times without a rule: over.
    let once = scheduled("");
    let (host, _keep) = mount(move || view! { <ConfOverview glance=Glance::of(&once, None)/> });
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("When") && text.contains("ended"), "{text}");
    assert!(!text.contains("Repeats"), "{text}");
}

/// A disabled action says why, and assistive technology reads the reason with the button: each button's
/// `aria-describedby` names the element holding its own reason (ids are unique though the actions repeat).
#[wasm_bindgen_test]
fn a_disabled_action_is_described_by_its_reason() {
    let (host, _keep) = mount(|| {
        view! {
            <DisabledAction label="Add user" why="The server does not support userRequest create.".to_owned()/>
            <ActionButton label="Lock" busy=false disabled_reason=Some("The conference is being deleted.".to_owned()) on_click=|()| ()/>
        }
    });
    let buttons = host.query_selector_all("button").unwrap();
    assert_eq!(buttons.length(), 2);
    let mut ids = Vec::new();
    for (i, why) in
        ["The server does not support userRequest create.", "The conference is being deleted."].iter().enumerate()
    {
        let button: web_sys::Element = buttons.item(i as u32).unwrap().dyn_into().unwrap();
        assert!(button.has_attribute("disabled"), "button {i} is disabled");
        let id = button.get_attribute("aria-describedby").expect("the button names its reason");
        let reason = host.query_selector(&format!("#{id}")).unwrap().expect("the reason is on the page");
        assert_eq!(reason.text_content().as_deref(), Some(*why));
        ids.push(id);
    }
    assert_ne!(ids[0], ids[1]);
}

#[wasm_bindgen_test]
fn raw_xml_is_highlighted_as_text() {
    let xml = format!("<a title=\"{}\">{}</a>", "&lt;img src=x onerror=alert(1)&gt;", "&lt;b&gt;bold&lt;/b&gt;");
    let (host, _keep) = mount(move || view! { <XmlView xml=xml/> });
    assert!(host.query_selector("img").unwrap().is_none());
    assert!(host.query_selector("b").unwrap().is_none());
    assert!(host.query_selector(".xml__tag").unwrap().is_some(), "highlighted");
    assert!(host.text_content().unwrap_or_default().contains("&lt;img src=x onerror=alert(1)&gt;"));
    // Markup that is not even XML: shown as received, with a note, still as text.
    let (host, _keep) = mount(move || view! { <XmlView xml=format!("{EVIL}</b>")/> });
    assert!(host.query_selector("img").unwrap().is_none());
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("Not well-formed XML") && text.contains(EVIL), "{text}");
}

#[wasm_bindgen_test]
async fn notices_are_announced_and_errors_stay() {
    let (host, _keep, ccmp) = notice_area();
    ccmp.notices.push(Notice::plain(Tone::Error, EVIL, "detail"));
    ccmp.notices.push(Notice::plain(Tone::Error, EVIL, "detail"));
    let list = || host.query_selector(".notices__list").unwrap().expect("the list");
    until("the notice", || list().query_selector("[role=alert]").unwrap().is_some()).await;
    // An error is an alert, said once: the list is no live region (an alert in one was said twice).
    assert!(list().closest("[aria-live]").unwrap().is_none(), "the list is a live region");
    let alerts = list().query_selector_all("[role=alert]").unwrap();
    assert_eq!(alerts.length(), 1, "the same notice twice is counted, not stacked");
    let text = list().text_content().unwrap_or_default();
    assert!(text.contains(EVIL) && text.contains("\u{d7}2"), "{text}");
    assert!(host.query_selector("img").unwrap().is_none());
    // Any other notice is said politely, what it says without its buttons' labels; errors are not said twice.
    let polite =
        || host.query_selector("[aria-live=polite]").unwrap().and_then(|p| p.text_content()).unwrap_or_default();
    assert_eq!(polite(), "", "an error said politely too");
    ccmp.notices.push(Notice::plain(Tone::Success, "Lock conference: 200 Success", "The request was processed."));
    until("the success said", || !polite().is_empty()).await;
    assert_eq!(polite(), "Lock conference: 200 Success. The request was processed.");
    ccmp.notices.push(Notice::plain(Tone::Success, "Lock conference: 200 Success", "The request was processed."));
    until("the repeat said", || polite().contains("\u{d7}2")).await;
}

#[wasm_bindgen_test]
async fn a_name_written_right_to_left_does_not_reorder_the_notice_around_it() {
    let (host, _keep, ccmp) = notice_area();
    let title = "Promote \u{645}\u{631}\u{62d}\u{628}\u{627}: 401 Unauthorized";
    ccmp.notices.push(Notice::plain(Tone::Error, title, "detail"));
    let shown = || host.query_selector(".notice__title").unwrap().and_then(|t| t.text_content()).unwrap_or_default();
    until("the notice", || !shown().is_empty()).await;
    // The name is isolated, and the colon and the code stay outside it, where the sentence has them.
    assert_eq!(shown(), "Promote \u{2068}\u{645}\u{631}\u{62d}\u{628}\u{627}\u{2069}: 401 Unauthorized");
}

/// The notification area of a new session, and the session (the handle keeps it mounted).
fn notice_area() -> (web_sys::HtmlElement, impl Drop, Ccmp) {
    let slot = std::rc::Rc::new(std::cell::RefCell::new(None));
    let inner = slot.clone();
    let (host, keep) = mount(move || {
        session::provide();
        *inner.borrow_mut() = Some(use_ccmp());
        // In a router, as in the panel: a notice names its conference only away from that conference's page.
        view! { <Router><NoticeArea/></Router> }
    });
    let ccmp = slot.borrow_mut().take().expect("the session");
    (host, keep, ccmp)
}

#[wasm_bindgen_test]
async fn several_notices_can_be_dismissed_at_once() {
    let (host, _keep, ccmp) = notice_area();
    let clear = || host.query_selector(".notices__clear").unwrap();
    let alerts = || host.query_selector_all(".notices__list [role=alert]").unwrap().length();
    ccmp.notices.push(Notice::plain(Tone::Error, "Mute Alice: 401 Unauthorized", "detail"));
    until("the notice", || alerts() == 1).await;
    assert!(clear().is_none(), "one notice needs no 'dismiss all'");
    ccmp.notices.push(Notice::plain(Tone::Error, "Mute Bob: 401 Unauthorized", "detail"));
    ccmp.notices.push(Notice::plain(Tone::Error, "Mute Carol: 401 Unauthorized", "detail"));
    until("the button", || clear().is_some()).await;
    let button: web_sys::HtmlElement = clear().unwrap().unchecked_into();
    assert_eq!(button.text_content().as_deref(), Some("Dismiss all 3 notifications"));
    assert!(button.closest("[aria-live]").unwrap().is_none(), "the button is not announced as a notice");
    button.click();
    until("every notice to go", || alerts() == 0 && clear().is_none()).await;
}

#[wasm_bindgen_test]
async fn when_dismiss_all_goes_the_focus_moves_on() {
    let (host, _keep, ccmp) = notice_area();
    let document = web_sys::window().unwrap().document().unwrap();
    let focused = || document.active_element();
    let clear = || host.query_selector(".notices__clear").unwrap();
    let dismiss = || host.query_selector_all(".notice__dismiss").unwrap();
    let first = ccmp.notices.push(Notice::plain(Tone::Error, "Mute Alice: 401 Unauthorized", "detail"));
    ccmp.notices.push(Notice::plain(Tone::Error, "Mute Bob: 401 Unauthorized", "detail"));
    until("the button", || clear().is_some()).await;
    // The others go (they faded, or were dismissed elsewhere) while "Dismiss all" has the focus: the
    // button goes too, and the focus moves to the Dismiss of the notice left.
    clear().unwrap().unchecked_into::<web_sys::HtmlElement>().focus().unwrap();
    ccmp.notices.dismiss(first);
    until("the button to go", || clear().is_none()).await;
    let left: web_sys::Element = dismiss().get(0).unwrap().unchecked_into();
    until("the focus on the notice left", || focused().is_some_and(|a| a == left)).await;

    // Pressed, it takes every notice with it: the focus goes to the page's content, its heading (which a
    // screen reader reads out).
    let main = document.create_element("main").unwrap();
    main.set_id("main");
    main.set_attribute("tabindex", "-1").unwrap();
    let heading = document.create_element("h1").unwrap();
    heading.set_text_content(Some("Weekly team sync"));
    main.append_child(&heading).unwrap();
    document.body().unwrap().append_child(&main).unwrap();
    ccmp.notices.push(Notice::plain(Tone::Error, "Mute Carol: 401 Unauthorized", "detail"));
    until("the button again", || clear().is_some()).await;
    let button: web_sys::HtmlElement = clear().unwrap().unchecked_into();
    button.focus().unwrap();
    button.click();
    until("the focus on the page's heading", || focused().is_some_and(|a| a == heading)).await;
    main.remove();
}

#[wasm_bindgen_test]
async fn dismissing_a_notice_moves_the_focus_to_the_next_one() {
    let (host, _keep, ccmp) = notice_area();
    let dismiss = || host.query_selector_all(".notice__dismiss").unwrap();
    ccmp.notices.push(Notice::plain(Tone::Error, "Mute Alice: 401 Unauthorized", "detail"));
    ccmp.notices.push(Notice::plain(Tone::Error, "Mute Bob: 401 Unauthorized", "detail"));
    until("two notices", || dismiss().length() == 2).await;
    let first: web_sys::HtmlElement = dismiss().get(0).unwrap().unchecked_into();
    first.focus().unwrap();
    first.click();
    until("one notice", || dismiss().length() == 1).await;
    let next: web_sys::Element = dismiss().get(0).unwrap().unchecked_into();
    until("the focus on the next Dismiss", || {
        web_sys::window().unwrap().document().unwrap().active_element().is_some_and(|a| a == next)
    })
    .await;
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("Mute Bob") && !text.contains("Mute Alice"), "{text}");
}

/// A mounted session (its contexts, no view), connected as `xcon-userid:m@example.com` to a server that
/// answers every request with `reply`; the handle keeps it mounted.
fn session_answering(reply: &str) -> (impl Drop, Ccmp, session::Prompts, XconUserId) {
    let slot = std::rc::Rc::new(std::cell::RefCell::new(None));
    let inner = slot.clone();
    let (_host, keep) = mount(move || {
        session::provide();
        *inner.borrow_mut() = Some((use_ccmp(), use_prompts()));
    });
    let (ccmp, prompts) = slot.borrow_mut().take().expect("contexts");
    let user: XconUserId = "xcon-userid:m@example.com".parse().unwrap();
    ccmp.connection.current.set(Some(answering(reply, &user)));
    (keep, ccmp, prompts, user)
}

#[wasm_bindgen_test]
async fn a_423_asks_for_the_password_and_a_cancel_gives_up() {
    let reply = conf_reply(423);
    let (_keep, ccmp, prompts, user) = session_answering(&reply);
    // Answer the prompt with a cancel as soon as it shows.
    wasm_bindgen_futures::spawn_local(async move {
        loop {
            session::ccmp::sleep(10).await;
            let pending = prompts.queue.with_untracked(|q| q.first().map(|p| (p.id, p.ask.clone())));
            if let Some((id, ask)) = pending {
                assert_eq!(ask, Ask::ConferencePassword { target: "xcon:1@example.com".into(), wrong: false });
                prompts.answer(id, None);
                break;
            }
        }
    });
    let sent = ccmp.send(Request::conf_retrieve(&user, "xcon:1@example.com"), "Read conference", Mode::Read).await;
    assert!(matches!(&sent, Sent::Refused(r) if r.code == ResponseCode::ConferencePasswordRequired), "{sent:?}");
    let logged = ccmp.console.entries.get_untracked();
    assert_eq!(logged.len(), 1);
    assert!(ccmp.notices.items.with_untracked(|n| n.iter().any(|s| s.notice.code == Some(423))));
}

#[wasm_bindgen_test]
async fn a_reply_about_another_conference_or_of_another_message_is_not_used() {
    // The server answers every request with a confResponse about xcon:1.
    let reply = conf_reply(200);
    let (_keep, ccmp, _, user) = session_answering(&reply);
    let sent = ccmp.send(Request::conf_retrieve(&user, "xcon:2@example.com"), "Read conference", Mode::Read).await;
    assert!(matches!(&sent, Sent::Failed(TransportError::NotAnAnswer { .. })), "{sent:?}");
    let sent = ccmp.send(Request::confs(&user), "Read conferences", Mode::Read).await;
    assert!(matches!(&sent, Sent::Failed(TransportError::NotAnAnswer { .. })), "{sent:?}");
    let titles: Vec<String> = ccmp.notices.items.with_untracked(|n| n.iter().map(|s| s.notice.title.clone()).collect());
    assert_eq!(
        titles,
        [
            "Read conference: The reply does not answer the request",
            "Read conferences: The reply does not answer the request"
        ]
    );
    // The server did answer: it is not taken for down.
    assert!(!ccmp.connection.unreachable.get_untracked());
    // Asked about the conference it does answer about, the same reply is used.
    let sent = ccmp.send(Request::conf_retrieve(&user, "xcon:1@example.com"), "Read conference", Mode::Read).await;
    assert!(matches!(&sent, Sent::Ok(_)), "{sent:?}");
}

#[wasm_bindgen_test]
async fn a_423_to_a_request_about_no_conference_asks_for_no_password() {
    let reply = CONFS_OK.replace("<response-code>200", "<response-code>423");
    let (_keep, ccmp, prompts, user) = session_answering(&reply);
    let sent = ccmp.send(Request::confs(&user), "Read conferences", Mode::Read).await;
    assert_eq!(sent.code(), Some(ResponseCode::ConferencePasswordRequired));
    assert!(prompts.queue.with_untracked(Vec::is_empty), "a password asked for no conference");
    let said = ccmp
        .notices
        .items
        .with_untracked(|n| n.iter().find(|s| s.notice.code == Some(423)).map(|s| s.notice.detail.clone()));
    let said = said.expect("a notice of the 423");
    assert!(said.contains("no password to give") && !said.contains("enter it"), "{said}");
}

#[wasm_bindgen_test]
async fn a_404_drops_the_stale_conference_from_the_list() {
    let reply = conf_reply(404);
    let (_keep, ccmp, _, user) = session_answering(&reply);
    let entry = |uri: &str| ccmp::xcon::UriEntry::new(uri);
    ccmp.store.rows.set(vec![
        ccmp_panel::state::conf_list::ConfRow::from_entry(&entry("xcon:1@example.com")),
        ccmp_panel::state::conf_list::ConfRow::from_entry(&entry("xcon:2@example.com")),
    ]);
    let sent = ccmp.send(Request::conf_retrieve(&user, "XCON:1@example.com"), "Read conference", Mode::Read).await;
    assert_eq!(sent.code(), Some(ResponseCode::ObjectNotFound));
    let left: Vec<String> = ccmp.store.rows.get_untracked().into_iter().map(|r| r.uri).collect();
    assert_eq!(left, ["xcon:2@example.com"], "the stale row is gone, compared case-insensitively");
    assert!(ccmp.notices.items.with_untracked(|n| n.iter().any(|s| s.notice.code == Some(404))));
}

#[wasm_bindgen_test]
async fn a_404_drops_the_stale_blueprint_from_the_lists() {
    let reply = CONFS_OK
        .replace("ccmp-confs-response", "ccmp-blueprint-response")
        .replace("confsResponse", "blueprintResponse")
        .replace("<response-code>200", "<confObjID>xcon:VideoRoom@example.com</confObjID><response-code>404");
    let slot = std::rc::Rc::new(std::cell::RefCell::new(None));
    let inner = slot.clone();
    let (_host, _keep) = mount(move || {
        session::provide();
        let list = RwSignal::new(Some(Ok(["xcon:VideoRoom@example.com", "xcon:AudioRoom@example.com"]
            .map(ccmp::xcon::UriEntry::new)
            .to_vec())));
        ccmp_panel::pages::drop_gone_blueprints(use_ccmp(), list);
        *inner.borrow_mut() = Some((use_ccmp(), list));
    });
    let (ccmp, list) = slot.borrow_mut().take().expect("contexts");
    let user: XconUserId = "xcon-userid:m@example.com".parse().unwrap();
    ccmp.connection.current.set(Some(answering(&reply, &user)));
    let sent = ccmp.send(Request::blueprint(&user, "xcon:VideoRoom@example.com"), "Read blueprint", Mode::Read).await;
    assert_eq!(sent.code(), Some(ResponseCode::ObjectNotFound), "{sent:?}");
    let uris = move || {
        list.with_untracked(|l| match l {
            Some(Ok(entries)) => entries.iter().map(|e| e.uri.clone()).collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    };
    until("the blueprint gone from the list", move || uris().len() == 1).await;
    assert_eq!(uris(), ["xcon:AudioRoom@example.com"]);
}

#[wasm_bindgen_test]
async fn a_424_asks_for_credentials_and_resends_with_them() {
    let reply = CONFS_OK.replace("<response-code>200", "<response-code>424");
    let (_keep, ccmp, prompts, user) = session_answering(&reply);
    // The first prompt gets credentials, the second (the server still says 424) a cancel.
    wasm_bindgen_futures::spawn_local(async move {
        let mut answered = 0;
        while answered < 2 {
            session::ccmp::sleep(10).await;
            let pending = prompts.queue.with_untracked(|q| q.first().map(|p| (p.id, p.ask.clone())));
            if let Some((id, ask)) = pending {
                assert!(matches!(ask, Ask::Credentials { .. }), "{ask:?}");
                let answer = (answered == 0)
                    .then(|| session::Answer::Credentials { username: "moderator".into(), password: "s3cret".into() });
                prompts.answer(id, answer);
                answered += 1;
            }
        }
    });
    let sent = ccmp.send(Request::confs(&user), "List conferences", Mode::Read).await;
    assert_eq!(sent.code(), Some(ResponseCode::AuthenticationRequired));
    let log = ccmp.console.entries.get_untracked();
    assert_eq!(log.len(), 2, "the same request was sent again");
    assert!(log[1].request_xml.contains("<username>moderator</username>"), "{}", log[1].request_xml);
    assert!(!log[1].request_xml.contains("s3cret"), "the console never shows a password");
    assert_eq!(ccmp.connection.get().map(|c| c.username), Some("moderator".into()));
}

#[wasm_bindgen_test]
async fn a_510_offers_a_retry_that_waits_before_resending() {
    let reply = CONFS_OK.replace("<response-code>200", "<response-code>510");
    let (_keep, ccmp, _, user) = session_answering(&reply);
    // Click "Retry" on the first offer; dismiss the second.
    let notices = ccmp.notices;
    wasm_bindgen_futures::spawn_local(async move {
        let mut offers = 0;
        while offers < 2 {
            session::ccmp::sleep(10).await;
            let offer = notices.items.with_untracked(|n| n.iter().find(|s| s.action.is_some()).cloned());
            if let Some(shown) = offer {
                if offers == 0 {
                    shown.action.as_ref().expect("an action").fire();
                } else {
                    notices.dismiss(shown.id);
                }
                offers += 1;
            }
        }
    });
    let sent = ccmp.send(Request::confs(&user), "List conferences", Mode::Read).await;
    assert_eq!(sent.code(), Some(ResponseCode::RequestTimeout));
    let log = ccmp.console.entries.get_untracked();
    assert_eq!(log.len(), 2, "one retry, then the moderator gave up");
    let waited = log[1].started_ms - log[0].started_ms;
    assert!(waited >= 1000.0, "the retry waited the backoff delay first ({waited} ms)");
}

#[wasm_bindgen_test]
async fn a_password_the_panel_sets_is_the_one_it_sends_next() {
    let reply = conf_reply(200);
    let (_keep, ccmp, _, user) = session_answering(&reply);
    let set = |password: &str| {
        let mut conf = ccmp::xcon::Conference::new("xcon:1@example.com");
        conf.description_mut().conference_password = Some(password.to_owned());
        Request::conf_update(&user, "xcon:1@example.com", conf)
    };
    ccmp.connection.remember_conference_password("xcon:1@example.com", "old-pin".into());
    let sent = ccmp.send(set("new-pin"), "Save conference", Mode::Change).await;
    assert_eq!(sent.code(), Some(ResponseCode::Success));
    assert_eq!(ccmp.connection.conference_password("XCON:1@example.com").as_deref(), Some("new-pin"));
    let next = ccmp.send(Request::conf_retrieve(&user, "xcon:1@example.com"), "Read conference", Mode::Read).await;
    assert_eq!(next.code(), Some(ResponseCode::Success));
    let log = ccmp.console.entries.get_untracked();
    assert!(log[1].request_xml.contains("<conference-password>"), "the read carries the password it now has");
    // Removing it (an empty element) forgets it.
    ccmp.send(set(""), "Save conference", Mode::Change).await;
    assert_eq!(ccmp.connection.conference_password("xcon:1@example.com"), None);
}

#[wasm_bindgen_test]
async fn a_remembered_password_is_sealed_and_opened_by_this_browser_only() {
    let sealed = api::vault::seal("correct horse").await.expect("the browser seals");
    assert!(sealed.starts_with("aes-gcm:") && !sealed.contains("correct horse"), "{sealed}");
    let again = api::vault::seal("correct horse").await.expect("twice");
    assert_ne!(sealed, again, "a fresh nonce each time");
    assert_eq!(api::vault::open(&sealed).await.as_deref(), Some("correct horse"));
    // Tampered with, cut short, or not ours: nothing, and no panic.
    let mut tampered = sealed.clone();
    tampered.replace_range(sealed.len() - 4.., "AAAA");
    assert_eq!(api::vault::open(&tampered).await, None);
    assert_eq!(api::vault::open("aes-gcm:AAAA").await, None);
    assert_eq!(api::vault::open("aes-gcm:not base64!").await, None);
    assert_eq!(api::vault::open("plain text").await, None);
}

/// Puts `clipboard` (a JavaScript expression) in place of the browser's `navigator.clipboard`.
fn clipboard_is(clipboard: &str) {
    let script = format!(
        "window.__copied = null; Object.defineProperty(navigator, 'clipboard', {{ value: {clipboard}, configurable: true }});"
    );
    js_sys::Function::new_no_args(&script).call0(&wasm_bindgen::JsValue::NULL).unwrap();
}

fn copied() -> Option<String> {
    js_sys::Reflect::get(&web_sys::window().unwrap(), &"__copied".into()).ok().and_then(|v| v.as_string())
}

#[wasm_bindgen_test]
async fn the_copy_button_copies_and_says_so_or_says_it_could_not() {
    use ccmp_panel::components::CopyButton;
    let (host, _keep) = mount(|| {
        view! { <CopyButton label="Copy" name="Copy sip:town@example.org".to_owned() text="sip:town@example.org".to_owned()/> }
    });
    let button: web_sys::HtmlElement = host.query_selector("button").unwrap().unwrap().unchecked_into();
    assert_eq!(button.get_attribute("aria-label").as_deref(), Some("Copy sip:town@example.org"));
    let status = || host.query_selector("[role=status]").unwrap().unwrap().text_content().unwrap_or_default();

    // A browser that lets the panel copy.
    clipboard_is("{ writeText: t => { window.__copied = t; return Promise.resolve(); } }");
    button.click();
    until("Copied", || button.text_content().as_deref() == Some("Copied")).await;
    assert_eq!(copied().as_deref(), Some("sip:town@example.org"));
    assert_eq!(status(), "Copied");
    until("the label back", || button.text_content().as_deref() == Some("Copy")).await;

    // One that refuses (a denied permission) and one with no clipboard at all (plain HTTP): the button
    // says so, and nothing throws through the panel.
    clipboard_is("{ writeText: t => Promise.reject(new DOMException('denied', 'NotAllowedError')) }");
    button.click();
    until("Not copied", || button.text_content().as_deref() == Some("Not copied")).await;
    assert_eq!(status(), "Not copied: the browser did not allow it here. Select the text and copy it by hand.");
    // Said on screen too, with the way round it, not only to a screen reader.
    let said = host.query_selector("[role=status]").unwrap().unwrap();
    assert_eq!(said.class_name(), "copy__refused");
    until("the label back", || button.text_content().as_deref() == Some("Copy")).await;
    assert_eq!(said.class_name(), "visually-hidden");
    clipboard_is("undefined");
    button.click();
    until("Not copied", || button.text_content().as_deref() == Some("Not copied")).await;
    assert_eq!(copied(), None);
}

#[wasm_bindgen_test]
fn a_conference_reached_by_its_uri_in_another_case_finds_its_drafts() {
    let me: XconUserId = "xcon-userid:m@example.com".parse().unwrap();
    let conn = answering(CONFS_OK, &me);
    let (_host, _keep) = mount(move || {
        session::provide();
        let drafts = session::use_drafts();
        let first = drafts.of(&conn, "xcon:Case-Board@Example.com");
        first.edit.form.update(|f| f.display_text = "Renamed, not saved".into());
        // XCON-URIs are case-insensitive (RFC 6501): the same conference, the same unsaved edit.
        let again = drafts.of(&conn, "XCON:case-board@example.COM");
        assert_eq!(again.edit.form.get_untracked().display_text, "Renamed, not saved");
        assert!(again.dirty(), "the edit is still there");
        // Another conference has drafts of its own.
        assert_eq!(drafts.of(&conn, "xcon:case-other@example.com").edit.form.get_untracked().display_text, "");
        // And a 404 under either spelling drops them. What was typed becomes the New conference form.
        let discarded = drafts.discard(&conn, "xcon:CASE-BOARD@example.com", true);
        assert_eq!(discarded, Discarded::KeptAsNew, "the unsaved edit was there");
        assert!(!drafts.of(&conn, "xcon:Case-Board@Example.com").dirty(), "gone");
        assert_eq!(drafts.new_conference.get_untracked().display_text, "Renamed, not saved");
        // Once that form holds work, a second conference's edit cannot go there too: it is lost, and what was
        // typed is said, to be copied from the notice.
        drafts.of(&conn, "xcon:case-other@example.com").edit.form.update(|f| f.subject = "Typed".into());
        assert_eq!(
            drafts.discard(&conn, "xcon:case-other@example.com", true),
            Discarded::Lost("Subject: \u{201c}Typed\u{201d}".into())
        );
        assert_eq!(drafts.new_conference.get_untracked().display_text, "Renamed, not saved", "kept as it was");
    });
}

/// The browser's zone database reads an iCalendar `TZID`; a zone it does not know is no time, never a
/// thrown exception (which would stop the panel).
#[wasm_bindgen_test]
fn a_wall_clock_time_in_a_named_zone_is_one_instant() {
    let ten_utc = ccmp_panel::state::instant::parse_iso("2026-12-01T10:00:00Z");
    assert_eq!(api::zone_wall_to_utc("2026-12-01T05:00:00", "America/New_York"), ten_utc);
    assert_eq!(api::zone_wall_to_utc("2026-12-01T15:30:00", "Asia/Kolkata"), ten_utc);
    assert_eq!(api::zone_wall_to_utc("2026-12-01T05:00:00", "Nowhere/Else"), None);
    // The nights the clocks change in New York: a time skipped is read as after the jump, a time twice as
    // the first.
    let at = |iso: &str| ccmp_panel::state::instant::parse_iso(iso);
    assert_eq!(api::zone_wall_to_utc("2026-03-08T02:30:00", "America/New_York"), at("2026-03-08T07:30:00Z"));
    assert_eq!(api::zone_wall_to_utc("2026-11-01T01:30:00", "America/New_York"), at("2026-11-01T05:30:00Z"));
    assert_eq!(api::zone_wall_to_utc("2026-12-01T05:00:00", "\"><script>"), None);
    // And back, for a time written again in its zone: the later 01:30 is 01:30 too.
    let wall = |iso: &str| at(iso).and_then(|ms| api::utc_to_zone_wall(ms, "America/New_York"));
    assert_eq!(wall("2026-03-08T07:30:00Z").as_deref(), Some("2026-03-08T03:30:00"));
    assert_eq!(wall("2026-11-01T06:30:00Z").as_deref(), Some("2026-11-01T01:30:00"));
    assert_eq!(wall("2026-07-01T14:00:00Z").as_deref(), Some("2026-07-01T10:00:00"), "summer time");
    assert_eq!(api::utc_to_zone_wall(0, "Nowhere/Else"), None);
}

/// An iCalendar floating time (no `Z`, no `TZID`) is on the moderator's clock, as RFC 5545 reads it: the
/// browser's own zone, which `cargo xtask test` sets to UTC+05:30 (it was read as UTC).
#[wasm_bindgen_test]
fn a_floating_calendar_time_is_on_the_moderators_clock() {
    use ccmp_panel::state::instant;
    instant::use_zones(api::zone_wall_to_utc, api::utc_to_zone_wall);
    let local = js_sys::Date::new_with_year_month_day_hr_min_sec(2026, 11, 1, 10, 0, 0).get_time() as i64;
    assert_eq!(instant::from_ical(":20261201T100000"), Some(local));
    assert_eq!(api::zone_wall_to_utc("2026-12-01T10:00:00", ""), Some(local));
    let offset_minutes = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(local as f64)).get_timezone_offset();
    assert_ne!(offset_minutes, 0.0, "the browser's clock is UTC, where this tells nothing: run with TZ=Asia/Kolkata");
    assert_eq!(instant::from_ical(":20261201T100000Z"), Some(local - offset_minutes as i64 * 60_000));
}

/// A weekly meeting at 10:00 in Paris is at 10:00 in Paris after the clocks go back: its next time is worked
/// out on the clock it was written on (08:00 UTC in October, 09:00 UTC in November), by the browser's zone
/// database.
#[wasm_bindgen_test]
fn the_next_time_of_a_repeating_conference_keeps_its_clock_across_a_change_of_summer_time() {
    use ccmp_panel::state::instant;
    use ccmp_panel::state::recurrence::{self, Turn};
    instant::use_zones(api::zone_wall_to_utc, api::utc_to_zone_wall);
    let dtstart = ";TZID=Europe/Paris:20261019T100000";
    let rule = recurrence::of(&format!("DTSTART{dtstart}\nRRULE:FREQ=WEEKLY;COUNT=8")).expect("a rule");
    let at = |iso: &str| instant::parse_iso(iso).expect("a time");
    let hour = 3_600_000;
    assert_eq!(instant::from_ical(dtstart), Some(at("2026-10-19T08:00:00Z")), "summer time: UTC+2");
    let start = at("2026-11-02T09:00:00Z");
    assert_eq!(
        rule.turn_at(dtstart, hour, at("2026-10-28T12:00:00Z")),
        Some(Turn::Next { start, end: start + hour }),
        "winter time: UTC+1"
    );
    // The eighth and last time is on 7 December; after it, none is left.
    let last = at("2026-12-07T09:00:00Z");
    assert_eq!(
        rule.turn_at(dtstart, hour, at("2026-12-10T00:00:00Z")),
        Some(Turn::Over { start: last, end: last + hour })
    );
}

/// A server whose clock is three hours ahead of this computer's: conference times count by the server's,
/// and the moderator is told once.
#[wasm_bindgen_test]
fn a_clock_hours_off_the_servers_is_corrected_and_told_once() {
    let now = api::now_epoch_ms();
    let server = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(now + 3.0 * 3_600_000.0));
    api::note_server_date(&String::from(server.to_utc_string()), now, now);
    let ahead = api::server_now_ms() - api::now_epoch_ms();
    assert!((ahead - 3.0 * 3_600_000.0).abs() < 2_000.0, "{ahead}");
    let told = api::clock_off_news().unwrap_or_default();
    assert!((told - 3.0 * 3_600_000.0).abs() < 2_000.0, "behind by three hours: {told}");
    assert_eq!(api::clock_off_news(), None, "told once");
    // Clocks that agree to the second are left alone.
    api::note_server_date(&String::from(js_sys::Date::new_0().to_utc_string()), now, now);
    assert!((api::server_now_ms() - api::now_epoch_ms()).abs() < 1.0);
}
