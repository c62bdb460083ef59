//! Part 2 of the panel in a real browser (headless Chromium through wasm-bindgen-test): the users view fed
//! thousands of users, server text and odd users, the keyboard shortcuts, the bulk bar, the remove dialog, and
//! the audit export. The "server" is a data: URL that answers every request with the same reply.
//!
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p ccmp-panel --target wasm32-unknown-unknown --test web_users`

#![cfg(target_arch = "wasm32")]

use ccmp::message::Payload;
use ccmp::xcon::{Endpoint, Media, MediaStatus, Operation, Roles, User, Users};
use ccmp::{Response, ResponseBody, ResponseCode, XconUserId};
use ccmp_panel::components::{BulkBar, RemoveDialog, UsersView};
use ccmp_panel::session::moderation::{use_moderation, Moderation};
use ccmp_panel::session::{self, use_ccmp, Ccmp};
use ccmp_panel::state::bulk::{BulkItem, BulkOp, BulkRun, ItemOutcome};
use ccmp_panel::state::capabilities::Capabilities;
use ccmp_panel::state::scope::Scope;
use ccmp_panel::state::undo::UndoEntry;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod web_support;
use web_support::{answering, mount, until, EVIL};

wasm_bindgen_test_configure!(run_in_browser);

const CONF: &str = "xcon:townhall@example.com";

/// The usersResponse a server sends for `users`.
fn users_response(users: Vec<User>) -> String {
    Response {
        conf_obj_id: Some(CONF.into()),
        operation: Some(Operation::Retrieve),
        version: Some(3),
        ..Response::new(
            "xcon-userid:moderator@example.com",
            ResponseCode::Success,
            ResponseBody::Users(Payload::new(Some(Users { users, ..Default::default() }))),
        )
    }
    .to_xml()
}

/// Mounts a users view of [`CONF`] on a server that answers every request with `reply`, with no filter
/// kept from an earlier view (the filter survives in sessionStorage).
fn users_view(reply: String) -> (web_sys::HtmlElement, impl Drop, Ccmp, Moderation) {
    if let Some(storage) = web_sys::window().unwrap().session_storage().unwrap() {
        storage.clear().unwrap();
    }
    users_view_keeping(reply)
}

/// [`users_view`] with whatever filter was kept.
fn users_view_keeping(reply: String) -> (web_sys::HtmlElement, impl Drop, Ccmp, Moderation) {
    let slot = std::rc::Rc::new(std::cell::RefCell::new(None));
    let inner = slot.clone();
    let (host, keep) = mount(move || {
        session::provide();
        let ccmp = use_ccmp();
        let me: XconUserId = "xcon-userid:moderator@example.com".parse().unwrap();
        ccmp.connection.current.set(Some(answering(&reply, &me)));
        ccmp.connection.capabilities.set(Some(Capabilities::base_set("test")));
        *inner.borrow_mut() = Some((ccmp, use_moderation()));
        view! { <UsersView scope=Scope::Conference { uri: CONF.into() }/> }
    });
    let (ccmp, moderation) = slot.borrow_mut().take().expect("contexts");
    (host, keep, ccmp, moderation)
}

async fn sleep(ms: u32) {
    session::ccmp::sleep(ms).await;
}

fn summary(host: &web_sys::HtmlElement) -> String {
    host.query_selector(".users__summary").ok().flatten().and_then(|e| e.text_content()).unwrap_or_default()
}

fn rows(host: &web_sys::HtmlElement) -> u32 {
    host.query_selector_all(".user-table__body [role=row]").map(|l| l.length()).unwrap_or(0)
}

fn type_into(host: &web_sys::HtmlElement, selector: &str, text: &str) {
    let input: web_sys::HtmlInputElement = host.query_selector(selector).unwrap().expect(selector).unchecked_into();
    input.set_value(text);
    let event = web_sys::Event::new_with_event_init_dict("input", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    input.dispatch_event(&event).unwrap();
}

fn key(target: &web_sys::EventTarget, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

/// 1,000 users here: this is a debug build, whose decoding is many times slower than the release panel's
/// (the end-to-end journey `panel2_large` shows 10,000 in the release build).
#[wasm_bindgen_test]
async fn thousands_of_users_render_only_the_rows_on_screen_and_filter() {
    let users = ccmp::sample::conference(1_000, "example.com").users.unwrap().users;
    let (host, _keep, _ccmp, _m) = users_view(users_response(users));
    until("1000 users", || summary(&host).starts_with("1000 users")).await;
    let shown = rows(&host);
    assert!((5..100).contains(&shown), "only the rows on screen: {shown}");
    let table = host.query_selector("[role=table]").unwrap().unwrap();
    assert_eq!(table.get_attribute("aria-rowcount").as_deref(), Some("1001"));

    type_into(&host, "input[name=user-filter]", "participant 999");
    until("the filter", || summary(&host).starts_with("1 of 1000 users shown")).await;
    assert_eq!(rows(&host), 1);
    let row = host.query_selector(".user-table__body [role=row]").unwrap().unwrap();
    assert!(row.text_content().unwrap_or_default().contains("Participant 999"));
    assert_eq!(row.get_attribute("aria-rowindex").as_deref(), Some("2"));

    type_into(&host, "input[name=user-filter]", "no such user");
    until("no match", || summary(&host).starts_with("0 of 1000")).await;
    assert!(host.text_content().unwrap_or_default().contains("No user matches"));
}

#[wasm_bindgen_test]
async fn the_filter_survives_a_refresh_and_a_new_view() {
    let users = ccmp::sample::conference(60, "example.com").users.unwrap().users;
    let reply = users_response(users);
    let (host, keep, ccmp, _m) = users_view(reply.clone());
    until("60 users", || summary(&host).starts_with("60 users")).await;
    type_into(&host, "input[name=user-filter]", "participant 5");
    let role: web_sys::HtmlSelectElement =
        host.query_selector("select[aria-label='Show the role']").unwrap().unwrap().unchecked_into();
    role.set_value("participant");
    role.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    // Participants 5 and 50..59 match the text; 50 is the sample's moderator.
    until("the filter", || summary(&host).starts_with("10 of 60 users shown")).await;
    // A refresh (the moderator reads again) keeps it.
    let refresh: web_sys::HtmlElement = (0..host.query_selector_all("button").unwrap().length())
        .filter_map(|i| host.query_selector_all("button").unwrap().get(i))
        .map(|n| n.unchecked_into::<web_sys::HtmlElement>())
        .find(|b| b.text_content().as_deref() == Some("Refresh users"))
        .expect("the read button");
    let before = ccmp.console.entries.with_untracked(Vec::len);
    refresh.click();
    until("the second read", || ccmp.console.entries.with_untracked(Vec::len) > before).await;
    sleep(50).await;
    assert!(summary(&host).starts_with("10 of 60 users shown"), "{}", summary(&host));
    // So does leaving the tab and coming back (a new view of the same list).
    drop(keep);
    let (host, _keep, _ccmp, _m) = users_view_keeping(reply);
    until("the kept filter", || summary(&host).starts_with("10 of 60 users shown")).await;
    let input: web_sys::HtmlInputElement =
        host.query_selector("input[name=user-filter]").unwrap().unwrap().unchecked_into();
    assert_eq!(input.value(), "participant 5");
}

#[wasm_bindgen_test]
async fn server_text_in_users_is_rendered_as_text() {
    let evil = User {
        display_text: Some(EVIL.into()),
        roles: Some(Roles::new(["<script>alert(2)</script>"])),
        endpoints: vec![Endpoint::new("<b>sip:x</b>")],
        ..User::new("xcon-userid:<i>evil</i>@example.com")
    };
    let (host, _keep, _ccmp, _m) = users_view(users_response(vec![evil]));
    until("the user", || summary(&host).starts_with("1 user")).await;
    for tag in ["img", "script", "b", "i"] {
        assert!(host.query_selector(tag).unwrap().is_none(), "no <{tag}> from the server");
    }
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains(EVIL) && text.contains("<script>alert(2)</script>"), "{text}");
}

#[wasm_bindgen_test]
async fn odd_users_never_panic_the_view() {
    let long = "x".repeat(10_000);
    let odd = vec![
        User::default(),
        User { roles: Some(Roles::new([" ", ""])), ..User::new("  ") },
        User::new("xcon-userid:dup@example.com"),
        User { display_text: Some("Twice".into()), ..User::new("XCON-USERID:dup@example.com") },
        User { display_text: Some(long), ..User::new("xcon-userid:long@example.com") },
        User {
            display_text: Some("\u{202e}txet lanoitcerid".into()),
            endpoints: vec![Endpoint {
                media: vec![Media {
                    media_type: Some("holo".into()),
                    status: Some(MediaStatus::SendOnly),
                    ..Media::new("")
                }],
                ..Endpoint::default()
            }],
            ..User::new("xcon-userid:rtl@example.com")
        },
    ];
    let (host, _keep, ccmp, _m) = users_view(users_response(odd));
    until("the users", || summary(&host).starts_with("6 users")).await;
    assert_eq!(rows(&host), 6);
    // A user without an entity cannot be acted on: its row's buttons are disabled.
    let first = host.query_selector(".user-table__body [role=row] input[type=checkbox]").unwrap().unwrap();
    assert!(first.unchecked_into::<web_sys::HtmlInputElement>().disabled());
    assert!(host.text_content().unwrap_or_default().contains("(no entity)"));
    assert!(ccmp.notices.items.with_untracked(|n| n.iter().all(|s| s.notice.code != Some(500))));
}

#[wasm_bindgen_test]
async fn a_reply_that_is_not_a_users_list_is_an_error_not_a_panic() {
    let confs = Response::new("x", ResponseCode::Success, ResponseBody::Confs(Payload::default())).to_xml();
    let (host, _keep, _ccmp, _m) = users_view(confs);
    until("the error", || host.text_content().unwrap_or_default().contains("The last read failed")).await;
    let (host, _keep, _ccmp, _m) = users_view("<html>not ccmp</html>".into());
    until("the error", || host.text_content().unwrap_or_default().contains("The last read failed")).await;
}

#[wasm_bindgen_test]
async fn shortcuts_fire_outside_fields_and_never_while_typing() {
    let users = ccmp::sample::conference(3, "example.com").users.unwrap().users;
    let (host, _keep, _ccmp, moderation) = users_view(users_response(users));
    until("the users", || summary(&host).starts_with("3 users")).await;
    let body: web_sys::EventTarget = web_sys::window().unwrap().document().unwrap().body().unwrap().into();
    let filter: web_sys::EventTarget = host.query_selector("input[name=user-filter]").unwrap().unwrap().into();

    key(&filter, "?");
    sleep(30).await;
    assert!(!moderation.help.get_untracked(), "? typed in the filter is text");
    key(&body, "?");
    until("the overlay", || host.query_selector("[role=dialog]").unwrap().is_some()).await;
    assert!(host.text_content().unwrap_or_default().contains("Mute or unmute the current user's audio"));
    let dialog: web_sys::EventTarget = host.query_selector("[role=dialog]").unwrap().unwrap().into();
    key(&dialog, "Escape");
    until("the overlay to close", || host.query_selector("[role=dialog]").unwrap().is_none()).await;

    // j moves the cursor, x selects the current user; neither does anything from the filter.
    key(&filter, "j");
    key(&filter, "x");
    sleep(30).await;
    assert!(moderation.selected_now(CONF).is_empty());
    key(&body, "j");
    key(&body, "x");
    until("a selection", || moderation.selected_now(CONF).len() == 1).await;
    assert!(moderation.selected_now(CONF).contains("xcon-userid:user00000@example.com"));
    until("the current row", || host.query_selector(".user-table__row--current").unwrap().is_some()).await;
    key(&body, "Escape");
    until("the selection to clear", || moderation.selected_now(CONF).is_empty()).await;
}

#[wasm_bindgen_test]
async fn the_bulk_bar_shows_progress_then_each_users_result() {
    let slot = std::rc::Rc::new(std::cell::RefCell::new(None));
    let inner = slot.clone();
    let (host, _keep) = mount(move || {
        session::provide();
        let moderation = use_moderation();
        *inner.borrow_mut() = Some(moderation);
        view! {
            <BulkBar
                list=CONF.to_owned()
                on_select_shown=Callback::new(|()| {})
                on_run=Callback::new(|_| {})
                move_targets=Signal::derive(Vec::new)
                on_move=Callback::new(|_| {})
            />
        }
    });
    let moderation = slot.borrow_mut().take().unwrap();
    let item = |name: &str, outcome| BulkItem {
        key: name.to_lowercase(),
        entity: format!("xcon-userid:{name}@example.com"),
        name: name.into(),
        outcome,
    };
    let mut run = BulkRun::new(
        BulkOp::Audio { on: false },
        vec![item("Ann", ItemOutcome::Code(200, "Success".into())), item("Ben", ItemOutcome::Pending)],
    );
    moderation.bulk.set(Some((CONF.to_owned(), run.clone())));
    sleep(10).await;
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("Mute audio: 1 of 2"), "{text}");
    assert!(host.query_selector("progress").unwrap().is_some());
    let mute = host.query_selector_all("button").unwrap();
    let disabled = (0..mute.length())
        .filter_map(|i| mute.get(i))
        .map(|n| n.unchecked_into::<web_sys::HtmlButtonElement>())
        .filter(|b| b.text_content().as_deref() == Some("Mute"))
        .all(|b| b.get_attribute("aria-disabled").as_deref() == Some("true"));
    assert!(disabled, "no second run while one runs (aria-disabled, which keeps the focus)");

    run.items[1].outcome = ItemOutcome::Code(420, "User Not Found".into());
    run.finished = true;
    moderation.bulk.set(Some((CONF.to_owned(), run.clone())));
    sleep(10).await;
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("finished, 1 of 2 succeeded"), "{text}");
    assert!(text.contains("420 User Not Found") && text.contains("200 Success"), "a result per user: {text}");
    // One skipped is not counted against those sent (QA: "1 of 2 succeeded" read as a refusal).
    run.items[1].outcome = ItemOutcome::Skipped("no audio".into());
    moderation.bulk.set(Some((CONF.to_owned(), run)));
    sleep(10).await;
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("finished, 1 of 1 sent succeeded, 1 skipped"), "{text}");
    // A run of another list is not shown here.
    moderation.bulk.set(Some(("xcon:other@example.com".to_owned(), BulkRun::new(BulkOp::Audio { on: true }, vec![]))));
    sleep(10).await;
    assert!(!host.text_content().unwrap_or_default().contains("Unmute audio:"));
}

/// The button of `host` whose text starts with `prefix`.
fn button_starting(host: &web_sys::HtmlElement, prefix: &str) -> Option<web_sys::HtmlElement> {
    let all = host.query_selector_all("button").ok()?;
    (0..all.length())
        .filter_map(|i| all.get(i))
        .map(|n| n.unchecked_into::<web_sys::HtmlElement>())
        .find(|b| b.text_content().is_some_and(|t| t.trim_start().starts_with(prefix)))
}

/// An undo of many requests counts them as it goes and can be stopped; what it did not send stays to be
/// undone, and the next Undo sends only that.
#[wasm_bindgen_test]
async fn an_undo_of_many_requests_counts_them_and_stops_when_asked() {
    let users = ccmp::sample::conference(3, "example.com").users.unwrap().users;
    let (host, _keep, ccmp, moderation) = users_view(users_response(users));
    until("the users", || summary(&host).starts_with("3 users")).await;
    let me: XconUserId = "xcon-userid:moderator@example.com".parse().unwrap();
    let scope = Scope::Conference { uri: CONF.into() };
    // usersRequests, which the test's server (it answers every request with the same usersResponse) answers:
    // a userRequest answered with a usersResponse is no answer, and would end the undo at once.
    let steps: Vec<_> = (0..20).map(|_| scope.update_users(&me, Users::default())).collect();
    moderation.undo.set(Some(UndoEntry::new("Mute audio (20 users)", scope, steps)));
    let undo_requests =
        || ccmp.console.entries.with_untracked(|e| e.iter().filter(|x| x.action.starts_with("Undo:")).count());
    sleep(10).await;
    button_starting(&host, "Undo: Mute audio (20 users)").expect("the Undo button").click();
    // The Stop comes with the count, while the first requests are on their way (each is a fetch: twenty
    // cannot all be answered before the page has drawn the button).
    let mut stop = None;
    for _ in 0..50 {
        stop = button_starting(&host, "Stop undo");
        if stop.is_some() {
            break;
        }
        sleep(0).await;
    }
    let counting = button_starting(&host, "Undoing Mute audio (20 users): ").and_then(|b| b.text_content());
    assert!(counting.as_deref().is_some_and(|t| t.contains(" of 20")), "the count: {counting:?}");
    stop.expect("a Stop while the undo runs").click();
    until("the undo to stop", || !moderation.undoing.get_untracked()).await;
    sleep(10).await;

    let sent = undo_requests();
    assert!((1..20).contains(&sent), "stopped part way: {sent} sent");
    let left = 20 - sent;
    let again = format!("Undo: Mute audio (20 users), {left} of 20 left");
    assert!(button_starting(&host, &again).is_some(), "{again}: {}", host.text_content().unwrap_or_default());
    assert!(button_starting(&host, "Stop undo").is_none(), "no Stop once it has stopped");
    assert!(ccmp.notices.has_titled(&format!("Undo: Mute audio (20 users): stopped after {sent} of 20")));

    // The next Undo sends the rest, not again what was done.
    button_starting(&host, &again).unwrap().click();
    until("the rest of the undo", || moderation.undo.with_untracked(Option::is_none)).await;
    assert_eq!(undo_requests(), 20, "each request sent once");
}

/// The second click of a double-click on a row's button is not a second change: the first may already
/// have been answered and have turned Mute into Unmute.
#[wasm_bindgen_test]
async fn the_second_click_of_a_double_click_changes_nothing() {
    let users = ccmp::sample::conference(3, "example.com").users.unwrap().users;
    let (host, _keep, ccmp, _m) = users_view(users_response(users));
    until("the users", || summary(&host).starts_with("3 users")).await;
    let table: web_sys::HtmlElement =
        host.query_selector(".user-table__body").unwrap().expect("the table").unchecked_into();
    let mute = button_starting(&table, "Mute").expect("a row's Mute");
    let changes = || ccmp.console.entries.with_untracked(|e| e.iter().filter(|x| x.action.starts_with("Mute")).count());
    let click = |detail: i32| {
        let init = web_sys::MouseEventInit::new();
        init.set_bubbles(true);
        init.set_detail(detail);
        mute.dispatch_event(&web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap()).unwrap();
    };
    click(2);
    sleep(100).await;
    assert_eq!(changes(), 0, "the second click of a double-click alone sends nothing");
    click(1);
    until("the mute", || changes() == 1).await;
}

#[wasm_bindgen_test]
async fn the_remove_dialog_offers_to_keep_them_out() {
    let answer = RwSignal::new(None::<bool>);
    let (host, _keep) = mount(move || {
        view! {
            <RemoveDialog
                names=vec!["Ann".into(), "Ben".into()]
                on_confirm=Callback::new(move |keep: bool| answer.set(Some(keep)))
                on_cancel=Callback::new(|()| {})
            />
        }
    });
    assert!(host.text_content().unwrap_or_default().contains("Remove 2 users?"));
    let check: web_sys::HtmlElement = host.query_selector("input[type=checkbox]").unwrap().unwrap().unchecked_into();
    check.click();
    sleep(10).await;
    let submit: web_sys::HtmlElement = host.query_selector("button[type=submit]").unwrap().unwrap().unchecked_into();
    assert_eq!(submit.text_content().as_deref(), Some("Remove and keep out"));
    submit.click();
    sleep(10).await;
    assert_eq!(answer.get_untracked(), Some(true));
}

#[wasm_bindgen_test]
async fn the_remove_dialog_says_who_is_turned_away_rather_than_removed() {
    let dialog = |names: &[&str], waiting: usize| {
        let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        mount(move || {
            view! { <RemoveDialog names=names waiting=waiting on_confirm=Callback::new(|_: bool| {}) on_cancel=Callback::new(|()| {})/> }
        })
    };
    let text = |host: &web_sys::HtmlElement| host.text_content().unwrap_or_default();
    let (all, _a) = dialog(&["Ann", "Ben"], 2);
    assert!(text(&all).contains("Turn away 2 people?"), "{}", text(&all));
    assert!(text(&all).contains("They are not admitted"), "{}", text(&all));
    let (some, _s) = dialog(&["Ann", "Ben", "Cy"], 1);
    assert!(text(&some).contains("Remove 3 users?"), "{}", text(&some));
    assert!(text(&some).contains("the one still waiting to join is not admitted"), "{}", text(&some));
    let (none, _n) = dialog(&["Ann", "Ben"], 0);
    assert!(text(&none).contains("They leave the conference now:"), "{}", text(&none));
}

#[wasm_bindgen_test]
async fn the_audit_export_is_a_csv_blob() {
    let csv = ccmp_panel::state::audit_csv::document(
        &ccmp_panel::state::audit_csv::HEADER,
        vec![vec![
            "t".to_string(),
            "/ccmp".into(),
            "xcon-userid:m@x".into(),
            "userRequest delete".into(),
            "Remove \"Ann\"".into(),
            "=cmd".into(),
            "200".into(),
        ]],
    );
    let url = ccmp_panel::pages::audit::csv_blob_url(&csv).expect("a Blob URL");
    assert!(url.starts_with("blob:"), "{url}");
    let bytes = gloo_net::http::Request::get(&url).send().await.expect("the blob").binary().await.expect("bytes");
    assert_eq!(bytes.get(..3), Some(&[0xef, 0xbb, 0xbf][..]), "a byte-order mark, for spreadsheets");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8");
    assert_eq!(text, csv);
    assert!(text.contains("\"Remove \"\"Ann\"\"\"") && text.contains(",'=cmd,"), "{text}");
}

/// The Undo beside a change says how old it is: the time is the change's, kept while its undo is sent in
/// part, and a new change has its own.
#[wasm_bindgen_test]
fn an_undo_keeps_the_time_its_change_was_made() {
    let moderation = Moderation::new();
    let scope = Scope::Conference { uri: "xcon:aged@example.com".into() };
    let me: XconUserId = "xcon-userid:m@example.com".parse().unwrap();
    let step = || ccmp::Request::users_retrieve(&me, "xcon:aged@example.com");
    moderation.undo.set(Some(UndoEntry::new("Unmute Erin", scope.clone(), vec![step(), step()])));
    moderation.note_undo_made();
    let made = js_sys::Date::now();
    let age = |later: f64| moderation.undo_age_ms(made + later).unwrap_or(f64::NAN);
    assert!((age(12.0 * 60_000.0) - 12.0 * 60_000.0).abs() < 1_000.0, "12 minutes on: {}", age(12.0 * 60_000.0));
    // Sent in part, it is the same change.
    moderation.undo.update(|u| *u = u.take().map(|e| e.remaining(&[true])));
    moderation.note_undo_made();
    assert!((age(60_000.0) - 60_000.0).abs() < 1_000.0, "the change's time kept");
    // Another change is made now.
    moderation.undo.set(Some(UndoEntry::new("Mute Bob", scope, vec![step()])));
    moderation.note_undo_made();
    let fresh = moderation.undo_age_ms(js_sys::Date::now() + 5_000.0).unwrap_or(f64::NAN);
    assert!((fresh - 5_000.0).abs() < 1_000.0, "its own time: {fresh}");
    moderation.undo.set(None);
    moderation.note_undo_made();
    assert_eq!(moderation.undo_age_ms(js_sys::Date::now()), None, "nothing to undo");
}

/// The changes before the last are undone after it, the latest first, each with its own time; not past a
/// change that cannot be undone, nor in a conference found gone.
#[wasm_bindgen_test]
fn earlier_changes_are_undone_after_the_last_one() {
    let moderation = Moderation::new();
    let (a, b) = ("xcon:a@example.com", "xcon:b@example.com");
    let me: XconUserId = "xcon-userid:m@example.com".parse().unwrap();
    let entry = |label: &str, uri: &str| {
        UndoEntry::new(label, Scope::Conference { uri: uri.into() }, vec![ccmp::Request::users_retrieve(&me, uri)])
    };
    let current = || moderation.undo.with_untracked(|u| u.as_ref().map(|e| e.label.clone()));
    moderation.made(entry("Move to Blue (5 users)", a));
    moderation.note_undo_made();
    let moved_at = js_sys::Date::now();
    moderation.made(entry("Mute Ann", a));
    moderation.note_undo_made();
    assert_eq!(current().as_deref(), Some("Mute Ann"));
    moderation.undo_done();
    moderation.note_undo_made();
    assert_eq!(current().as_deref(), Some("Move to Blue (5 users)"), "the move's Undo comes back");
    let age = moderation.undo_age_ms(moved_at).unwrap_or(f64::NAN);
    assert!(age.abs() < 1_000.0, "with its own time: {age}");
    moderation.undo_done();
    assert_eq!(current(), None, "nothing before it");

    // A change that cannot be undone: nothing before it is undone after the change that follows it.
    moderation.made(entry("Mute Ann", a));
    moderation.made(UndoEntry::impossible("Set join handling", Scope::Conference { uri: a.into() }, "no value"));
    moderation.made(entry("Mute Ben", a));
    moderation.undo_done();
    assert_eq!(current(), None, "not past the change that cannot be undone");

    // A conference found gone takes its changes' Undos with it; another's stay.
    moderation.made(entry("Mute Cy", b));
    moderation.made(entry("Mute Di", a));
    moderation.made(entry("Mute Ed", b));
    moderation.forget_undo_in(b);
    assert_eq!(current().as_deref(), Some("Mute Di"));
    moderation.undo_done();
    assert_eq!(current(), None);
}
