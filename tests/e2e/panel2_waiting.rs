//! The waiting room: in a conference that confirms each join, people who join on their own wait until a
//! moderator admits them. The list says how many wait and leads to them; the users tab lists them apart
//! with Admit and Turn away; "Admit all" lets in the rest. A notice tells of newcomers wherever the
//! moderator is, as soon as a read (the list's auto-refresh, the panel's watch of the conferences the
//! moderator opened) shows them. A newcomer cannot let
//! themselves in, and one turned away and kept out cannot come back.

use ccmp::xcon::{Endpoint, EndpointStatus, JoinHandling, JoiningMethod, Operation, User, Users};
use ccmp::{Request, ResponseCode};

use crate::panel::{connect, create_conference};
use crate::panel2::{dismiss_notices, user_named, users_of, wait_for_notice};
use crate::support::{App, Journey, Result};

/// `name` (`zoe`) joins `uri` on their own, from `sip:zoe@example.org`, as the display-text `display`:
/// the response code.
async fn join(app: &App, uri: &str, name: &str, display: &str) -> Result<ResponseCode> {
    let id: ccmp::XconUserId = format!("xcon-userid:{name}@example.com").parse()?;
    let me = User {
        display_text: Some(display.to_owned()),
        endpoints: vec![Endpoint {
            joining_method: Some(JoiningMethod::DialedIn),
            ..Endpoint::new(format!("sip:{name}@example.org"))
        }],
        ..User::new(id.as_str())
    };
    send_as_themselves(app, Request::user(&id, uri, Operation::Create, Some(me))).await
}

/// Sends `request` without credentials (the server runs with `--require-credentials false`, so the
/// sender is whoever its confUserID says): the response code.
async fn send_as_themselves(app: &App, request: Request) -> Result<ResponseCode> {
    let (_, body) = app.post(&request.to_xml()).await?;
    Ok(ccmp::decode_response(&body).map_err(|e| anyhow::anyhow!("{e}: {body}"))?.code)
}

/// A new conference named `name` that confirms each join (a waiting room), and `people` (`zoe`, `Zoe
/// Quinn`) waiting in it, having joined on their own; its URI.
async fn waiting_room<S: AsRef<str>>(app: &App, name: &str, people: &[(S, S)]) -> Result<String> {
    let uri = create_conference(app, name, None).await?;
    let me = app.moderator().xcon_user_id();
    let confirm = Users { join_handling: Some(JoinHandling::Confirm), ..Default::default() };
    let set = app.request(Request::users_update(&me, &uri, confirm)).await?;
    anyhow::ensure!(set.code == ResponseCode::Success, "join-handling confirm: {set:?}");
    for (id, display) in people {
        let (id, display) = (id.as_ref(), display.as_ref());
        let code = join(app, &uri, id, display).await?;
        anyhow::ensure!(code == ResponseCode::Success, "{display} asks to join: {code:?}");
    }
    Ok(uri)
}

/// A co-moderator lets `name` (`walt`), who joined with [`join`], into `uri`.
async fn admit_elsewhere(app: &App, uri: &str, name: &str) -> Result<()> {
    let admitted = User {
        endpoints: vec![Endpoint {
            status: Some(EndpointStatus::Connected),
            ..Endpoint::new(format!("sip:{name}@example.org"))
        }],
        ..User::new(format!("xcon-userid:{name}@example.com"))
    };
    let me = app.moderator().xcon_user_id();
    let answer = app.request(Request::user_update(&me, uri, admitted)).await?;
    anyhow::ensure!(answer.code == ResponseCode::Success, "{name} admitted elsewhere: {answer:?}");
    Ok(())
}

async fn status_of(app: &App, uri: &str, display: &str) -> Result<Option<EndpointStatus>> {
    Ok(user_named(app, uri, display).await?.and_then(|u| u.endpoints.first().and_then(|e| e.status)))
}

#[tokio::test]
async fn a_moderator_admits_and_turns_away_people_waiting_to_join() {
    Journey::new("panel2-waiting")
        .server_args(&["--require-credentials", "false"])
        .run(|app| async move {
            let people =
                [("zoe", "Zoe Quinn"), ("yann", "Yann Le Goff"), ("xavier", "Xavier Ruiz"), ("walt", "Walt Ng")];
            let uri = waiting_room(&app, "Town meeting", &people).await?;
            assert_eq!(status_of(&app, &uri, "Zoe Quinn").await?, Some(EndpointStatus::Pending), "held");

            // The list counts who waits, and leads to them.
            let page = app.open_at("conferences").await?;
            connect(&page, &app).await?;
            // The moderator hears of them wherever they are in the panel: a notice that stays.
            page.wait_for_text("4 people are waiting to join Town meeting").await?;
            page.wait_for_text("Zoe Quinn, Yann Le Goff and 2 more.").await?;
            // And in the browser tab's title, seen from another tab (the video call's).
            page.wait_until("the knock counted in the title", || async {
                Ok((page.client().title().await? == "(1) Conferences \u{b7} CCMP panel").then_some(()))
            })
            .await?;
            page.click("link", "4 waiting").await?;
            page.find_role("heading", "4 people waiting to join").await?;
            assert!(page.url().await?.ends_with("?tab=users"), "the users tab: {}", page.url().await?);
            // Someone the moderator invites to dial in is on the roster, not at the door (QA: announced as
            // waiting on every page).
            page.click("button", "Add user").await?;
            page.fill("Display name", "Guest Speaker").await?;
            page.fill("SIP or tel URI", "sip:speaker@example.org").await?;
            page.click("button", "Add this user").await?;
            page.wait_for_text("Add Guest Speaker: 200 Success").await?;
            assert_eq!(status_of(&app, &uri, "Guest Speaker").await?, Some(EndpointStatus::Disconnected));
            page.find_role("heading", "4 people waiting to join").await?;

            // Zoe cannot let herself in: only a moderator admits.
            let herself = User {
                endpoints: vec![Endpoint {
                    status: Some(EndpointStatus::Connected),
                    ..Endpoint::new("sip:zoe@example.org")
                }],
                ..User::new("xcon-userid:zoe@example.com")
            };
            let zoe: ccmp::XconUserId = "xcon-userid:zoe@example.com".parse()?;
            let tried = send_as_themselves(&app, Request::user_update(&zoe, &uri, herself)).await?;
            assert_eq!(tried, ResponseCode::ForbiddenChangeProtected);
            assert_eq!(status_of(&app, &uri, "Zoe Quinn").await?, Some(EndpointStatus::Pending), "still held");

            // The moderator admits her, from the keyboard: the focus then moves on to the next person's Admit.
            crate::panel2::press_enter_on(&page, "button", "Admit Zoe Quinn").await?;
            page.wait_for_text("Admit Zoe Quinn: 200 Success").await?;
            page.find_role("heading", "3 people waiting to join").await?;
            page.wait_until("the focus on the next Admit", || async {
                Ok((page.focused().await? == "Admit Yann Le Goff").then_some(()))
            })
            .await?;
            // Here the waiting room itself shows them: no notice covers it.
            page.wait_for_text_gone("people are waiting to join Town meeting").await?;
            let listed = "return document.querySelector('.waiting').innerText";
            let waiting = page.client().execute(listed, vec![]).await?;
            assert!(!waiting.as_str().unwrap_or_default().contains("Zoe"), "she left the waiting room: {waiting}");
            assert_eq!(status_of(&app, &uri, "Zoe Quinn").await?, Some(EndpointStatus::Connected), "admitted");

            // Turns Yann away for good.
            page.click("button", "Turn away Yann Le Goff").await?;
            page.set_checked("And keep them out: put them on the deny list so that they cannot join again", true)
                .await?;
            page.find_role("dialog", "Turn away Yann Le Goff?").await?;
            page.click("button", "Turn away and keep out").await?;
            page.wait_for_text("Turn away and keep out Yann Le Goff: 200 Success").await?;
            page.find_role("heading", "2 people waiting to join").await?;
            assert!(user_named(&app, &uri, "Yann Le Goff").await?.is_none(), "Yann is out");
            page.wait_until("Yann on the deny list", || async {
                let deny = users_of(&app, &uri).await?.deny_users_list.unwrap_or_default();
                Ok(deny.targets.iter().any(|t| t.uri == "sip:yann@example.org").then_some(()))
            })
            .await?;
            // One action, one notice (QA: "Keep out Yann Le Goff: 200 Success" came as a second).
            let said = page.strings("return [document.querySelector('.notices').innerText]").await?.concat();
            assert!(!said.contains("Keep out Yann"), "a second notice for the keep-out: {said}");
            assert_eq!(join(&app, &uri, "yann", "Yann Le Goff").await?, ResponseCode::Unauthorized, "no way back");

            // With the tab re-reading itself (a choice that stays while the moderator looks elsewhere), a
            // newcomer shows up in the waiting room without a click.
            page.find_role("combobox", "Refresh the users automatically").await?.select_by_value("30").await?;
            page.click("link", "Admission").await?;
            page.click("link", "Users").await?;
            let auto = page.find_role("combobox", "Refresh the users automatically").await?;
            assert_eq!(auto.prop("value").await?.as_deref(), Some("30"), "the interval stays chosen");
            auto.select_by_value("10").await?;
            assert_eq!(join(&app, &uri, "uma", "Uma Patel").await?, ResponseCode::Success);
            page.find_role("heading", "3 people waiting to join").await?;
            // The table lists them too; its count says how many of its rows wait.
            page.wait_for_text(" and 3 waiting to join").await?;
            // Her row in the table offers what the waiting room does, not Mute or Promote: she is not in yet.
            page.find_role("button", "Admit Uma Patel").await?;
            let admits = page.all_role("button", Some("Admit Uma Patel")).await?;
            assert_eq!(admits.len(), 2, "the waiting room's Admit and her row's");
            assert!(page.all_role("button", Some("Mute Uma Patel")).await?.is_empty(), "no Mute for someone not in");
            page.find_role("cell", "waiting to join").await?;
            // Admitted from her row, she gets the buttons of those in, and the focus stays in her row, on her
            // details: not on Mute or Promote, which a second Enter would fire at her (QA: she was promoted).
            let in_row = admits.into_iter().nth(1).ok_or_else(|| anyhow::anyhow!("her row's Admit"))?;
            in_row.click().await?;
            page.wait_for_text("Admit Uma Patel: 200 Success").await?;
            page.find_role("button", "Mute Uma Patel").await?;
            crate::panel2::until_focus_on(&page, "Details of Uma Patel").await?;
            assert_eq!(status_of(&app, &uri, "Uma Patel").await?, Some(EndpointStatus::Connected), "admitted");

            // Behind another browser tab (the video call, say), the waiting room on screen is not seen: a
            // newcomer brings the notice, which the tab's title counts. Back in the tab, the page re-reads,
            // and the notice goes: the waiting room shows them.
            set_hidden(&page, true).await?;
            assert_eq!(join(&app, &uri, "tess", "Tess Ono").await?, ResponseCode::Success);
            page.wait_for_text("3 people are waiting to join Town meeting").await?;
            page.wait_until("the count in the title", || async {
                Ok(page.client().title().await?.starts_with("(1) Town meeting").then_some(()))
            })
            .await?;
            set_hidden(&page, false).await?;
            page.wait_for_text_gone("people are waiting to join Town meeting").await?;
            page.find_role("button", "Admit Tess Ono").await?;

            // A co-moderator lets Walt in while this moderator confirms turning him away: confirmed on the
            // older read, the turn-away sends nothing and says why (QA: it removed him from the call).
            page.click("button", "Turn away Walt Ng").await?;
            page.find_role("dialog", "Turn away Walt Ng?").await?;
            admit_elsewhere(&app, &uri, "walt").await?;
            page.click("button", "Turn them away").await?;
            page.wait_for_text("Turn away Walt Ng: not sent").await?;
            page.wait_for_text("Walt Ng is in the conference now: someone else let them in meanwhile.").await?;
            assert_eq!(status_of(&app, &uri, "Walt Ng").await?, Some(EndpointStatus::Connected), "still in the call");
            page.find_role("button", "Mute Walt Ng").await?;

            // A removal of a selection mixing someone in (Zoe) and someone waiting (Xavier), whom a co-moderator
            // lets in while the dialog is open: Zoe goes, Xavier stays in the call (QA: removed with her).
            page.set_checked("Select Zoe Quinn", true).await?;
            page.set_checked("Select Xavier Ruiz", true).await?;
            page.click("button", "Remove selected\u{2026}").await?;
            page.find_role("dialog", "Remove 2 users?").await?;
            admit_elsewhere(&app, &uri, "xavier").await?;
            page.click("button", "Remove").await?;
            page.wait_for_text("Remove: finished, 1 of 1 sent succeeded, 1 skipped").await?;
            assert!(user_named(&app, &uri, "Zoe Quinn").await?.is_none(), "Zoe removed");
            assert_eq!(status_of(&app, &uri, "Xavier Ruiz").await?, Some(EndpointStatus::Connected), "Xavier stays in");

            // And lets the others in at once, each with its own outcome (Ida knocks meanwhile).
            assert_eq!(join(&app, &uri, "ida", "Ida Berg").await?, ResponseCode::Success);
            page.find_role("button", "Admit Ida Berg").await?;
            page.click("button", "Admit all").await?;
            page.wait_for_text("Admit: 2 of 2 succeeded.").await?;
            // Its undo counts people, as the waiting room does (QA: "Admit (2 users)").
            page.find_role("button", "Undo: Admit 2 people").await?;
            page.wait_for_text_gone("waiting to join").await?;
            for display in ["Xavier Ruiz", "Walt Ng", "Tess Ono", "Ida Berg"] {
                assert_eq!(status_of(&app, &uri, display).await?, Some(EndpointStatus::Connected), "{display}");
            }

            // Back on the list, nobody waits any more.
            page.click("link", "Conferences").await?;
            // Coming back reads the list again when its last read is over 5 s old; otherwise a Refresh does.
            // (The list may show no "changed" mark for it: the conference page's own reads keep the list's row
            // current, and the users tab reads the conference when its users read shows someone else's change.)
            page.wait_until("the list's read", || async {
                let busy = page.find_role("button", "Refresh").await?.attr("aria-busy").await?;
                Ok((busy.as_deref() == Some("false")).then_some(()))
            })
            .await?;
            let waiting_badges = "return document.querySelectorAll('.badge--waiting').length";
            if page.client().execute(waiting_badges, vec![]).await?.as_u64() != Some(0) {
                page.click("button", "Refresh").await?;
            }
            page.find_role("cell", "Town meeting").await?;
            page.wait_until("no waiting badge left", || async {
                Ok((page.client().execute(waiting_badges, vec![]).await?.as_u64() == Some(0)).then_some(()))
            })
            .await?;

            // With the list on auto-refresh, a new arrival is announced without a click, and the notice
            // leads to her.
            page.find_role("combobox", "Auto-refresh").await?.select_by_value("5").await?;
            assert_eq!(join(&app, &uri, "vera", "Vera Lind").await?, ResponseCode::Success);
            page.wait_for_text("Vera Lind is waiting to join Town meeting").await?;
            // One person waiting: the notice admits her by itself.
            page.click("button", "Admit: Vera Lind is waiting to join").await?;
            page.wait_for_text("Admit Vera Lind: 200 Success").await?;
            page.wait_for_text_gone("Vera Lind is waiting to join").await?;
            // The notice went with the button pressed; the focus went on (to the notice in its place, or to
            // the page's content), not onto the page itself.
            page.wait_until("the focus kept", || async { Ok((!page.focused().await?.is_empty()).then_some(())) })
                .await?;
            assert_eq!(status_of(&app, &uri, "Vera Lind").await?, Some(EndpointStatus::Connected), "admitted");
            // Or leads to the waiting room.
            assert_eq!(join(&app, &uri, "wes", "Wes Brandt").await?, ResponseCode::Success);
            page.wait_for_text("Wes Brandt is waiting to join Town meeting").await?;
            // The notice's buttons say whom they are about (two knocks were two "Admit"s to a screen reader).
            page.click("link", "Show: Wes Brandt is waiting to join").await?;
            page.find_role("heading", "1 person waiting to join").await?;
            page.wait_for_text_gone("Wes Brandt is waiting to join").await?;
            // The admission from the notice can be undone like any change to a user.
            page.click("button", "Undo: Admit Vera Lind").await?;
            page.wait_for_text("Undo: Admit Vera Lind: 200 Success").await?;
            page.find_role("heading", "2 people waiting to join").await?;
            assert_eq!(status_of(&app, &uri, "Vera Lind").await?, Some(EndpointStatus::Pending), "held again");

            // Working down the queue from the keyboard to its end: the focus moves on to the one Admit
            // left, and once nobody waits (the waiting room goes), to the page's content.
            crate::panel2::press_enter_on(&page, "button", "Admit Vera Lind").await?;
            crate::panel2::until_focus_on(&page, "Admit Wes Brandt").await?;
            // A key pressed as the focus lands is taken for the person before (a double Enter): the moderator
            // reads the next name first.
            tokio::time::sleep(std::time::Duration::from_millis(700)).await;
            crate::panel2::press(&page, crate::panel2::ENTER).await?;
            page.wait_for_text_gone("waiting to join").await?;
            crate::panel2::until_focus_on_main(&page).await?;
            for display in ["Vera Lind", "Wes Brandt"] {
                assert_eq!(status_of(&app, &uri, display).await?, Some(EndpointStatus::Connected), "{display}");
            }
            Result::Ok(())
        })
        .await;
}

#[tokio::test]
async fn a_crowd_at_the_door_is_listed_in_part_and_let_in_at_once() {
    Journey::new("panel2-waiting-crowd")
        .server_args(&["--require-credentials", "false"])
        .run(|app| async move {
            let crowd: Vec<_> = (0..60).map(|i| (format!("guest{i:02}"), format!("Guest {i:02}"))).collect();
            let uri = waiting_room(&app, "Town hall", &crowd).await?;
            let page = app.open_at(&format!("{}?tab=users", crate::panel::conference_path(&uri))).await?;
            connect(&page, &app).await?;
            page.find_role("heading", "60 people waiting to join").await?;
            // A waiting room re-reads itself every 10 s until the moderator chooses otherwise.
            let auto = page.find_role("combobox", "Refresh the users automatically").await?;
            page.wait_until("Auto at 10 s", || async {
                Ok((auto.prop("value").await?.as_deref() == Some("10")).then_some(()))
            })
            .await?;
            // And says why, the moderator not having chosen it (QA: "every 10 s" seen, and not chosen).
            let said = "return document.querySelector('select[aria-label=\"Refresh the users automatically\"]') \
                        .selectedOptions[0].textContent";
            let said = page.client().execute(said, vec![]).await?;
            assert_eq!(said.as_str(), Some("every 10 s (waiting room)"), "the watch says why it is on");
            let listed =
                page.client().execute("return document.querySelectorAll('.waiting__person').length", vec![]).await?;
            assert_eq!(listed.as_u64(), Some(50), "the first fifty are listed one by one");
            page.wait_for_text("and 10 more, whom Admit all lets in too").await?;

            page.click("button", "Admit all").await?;
            page.wait_for_text("Admit: 60 of 60 succeeded.").await?;
            page.wait_for_text_gone("waiting to join").await?;
            // The focus goes to the run's result, not to the row of someone admitted, which scrolled the page
            // down to it and put another row's button under the pointer (QA).
            crate::panel2::until_focus_on(&page, "Dismiss").await?;
            let users = users_of(&app, &uri).await?;
            let held =
                users.users.iter().filter(|u| u.endpoints.iter().any(|e| e.status == Some(EndpointStatus::Pending)));
            assert_eq!(held.count(), 0, "everyone is in");
            Result::Ok(())
        })
        .await;
}

#[tokio::test]
async fn turning_the_waiting_room_off_lets_in_who_waits_unless_the_moderator_says_not_to() {
    Journey::new("panel2-waiting-off")
        .server_args(&["--require-credentials", "false"])
        .run(|app| async move {
            let uri = waiting_room(&app, "Open house", &[("zoe", "Zoe Quinn"), ("yann", "Yann Le Goff")]).await?;
            // The overview says how joins are handled and how many wait.
            let page = app.open_at(&crate::panel::conference_path(&uri)).await?;
            connect(&page, &app).await?;
            page.wait_for_text("Waiting to join").await?;
            let state_script = "return [...document.querySelectorAll('.overview dt')]\
                .map(dt => dt.textContent + ': ' + dt.nextElementSibling.textContent).join('; ')";
            let state = page.client().execute(state_script, vec![]).await?;
            let state = state.as_str().unwrap_or_default();
            assert!(state.contains("Join handling: confirm; Waiting to join: 2 Show them"), "{state}");
            page.click("link", "Admission").await?;
            // The Admission tab says who waits, and where to let them in.
            page.wait_for_text("2 people waiting to join now.").await?;
            page.find_role("link", "Admit or turn them away in the Users tab").await?;
            // A third knocks: the count follows at the tab's next read (QA: it stayed at the first one's).
            assert_eq!(join(&app, &uri, "xia", "Xia Wong").await?, ResponseCode::Success);
            page.wait_for_text("3 people waiting to join now.").await?;
            admit_elsewhere(&app, &uri, "xia").await?;
            page.wait_for_text("2 people waiting to join now.").await?;
            let join_handling = page.find_role("combobox", "Join handling").await?;
            join_handling.select_by_value("allow").await?;
            // The panel offers to let in those waiting, ticked: left pending, nobody would list them apart.
            let offer = page.find_role("checkbox", "Admit the 2 people waiting now").await?;
            assert_eq!(offer.prop("checked").await?.as_deref(), Some("true"), "offered ticked");
            page.click("button", "Apply join handling").await?;
            page.wait_for_text("Admit: 2 of 2 succeeded.").await?;
            page.wait_for_text_gone("waiting to join now").await?;
            assert_eq!(users_of(&app, &uri).await?.join_handling, Some(JoinHandling::Allow));
            for display in ["Zoe Quinn", "Yann Le Goff"] {
                assert_eq!(status_of(&app, &uri, display).await?, Some(EndpointStatus::Connected), "{display} is in");
            }

            // One undo puts back the waiting room and the people in it.
            page.click("button", "Undo: Set join handling and admit 2 people").await?;
            page.wait_for_role_gone("button", "Undo: Set join handling and admit 2 people").await?;
            // Its three requests run under a count ("Undoing …: 1 of 3"): the checks wait for the last.
            page.wait_for_role_gone("button", "Undoing ").await?;
            assert_eq!(users_of(&app, &uri).await?.join_handling, Some(JoinHandling::Confirm));
            for display in ["Zoe Quinn", "Yann Le Goff"] {
                assert_eq!(
                    status_of(&app, &uri, display).await?,
                    Some(EndpointStatus::Pending),
                    "{display} waits again"
                );
            }

            // The undo is the moderator's own change: the overview shows where it left things, and not as
            // someone else's (QA: "Changed elsewhere: Join handling: allow → confirm" after it).
            page.click("link", "Overview").await?;
            page.wait_until("the overview read after the undo", || async {
                let state = page.client().execute(state_script, vec![]).await?;
                Ok(state
                    .as_str()
                    .is_some_and(|s| s.contains("Join handling: confirm; Waiting to join: 2"))
                    .then_some(()))
            })
            .await?;
            page.click("button", "Refresh").await?;
            page.click("button", "Refresh").await?;
            assert!(!page.text().await?.contains("Changed elsewhere"), "the undo told as someone else's change");
            page.click("link", "Admission").await?;

            // Refresh lists after the undo: the offer comes back with the waiting room; blocking joins, which
            // lets nobody in, makes none.
            let join_handling = page.find_role("combobox", "Join handling").await?;
            page.wait_until("the waiting room read again", || async {
                Ok((join_handling.prop("value").await?.as_deref() == Some("confirm")).then_some(()))
            })
            .await?;
            join_handling.select_by_value("allow").await?;
            page.find_role("checkbox", "Admit the 2 people waiting now").await?;
            join_handling.select_by_value("block").await?;
            page.wait_for_role_gone("checkbox", "Admit the 2 people waiting now").await?;

            // Blocked, then back to confirm: those left pending are waiting again, and turning the waiting
            // room off offers to let them in (QA: the count went with the first Apply).
            for value in ["block", "confirm"] {
                dismiss_notices(&page).await?;
                page.find_role("combobox", "Join handling").await?.select_by_value(value).await?;
                page.click("button", "Apply join handling").await?;
                wait_for_notice(&page, "Set join handling: 200 Success").await?;
            }
            let join_handling = page.find_role("combobox", "Join handling").await?;
            join_handling.select_by_value("allow").await?;
            page.find_role("checkbox", "Admit the 2 people waiting now").await?;
            // Refresh lists puts the select back to what the server has (it kept showing the moderator's pick).
            page.click("button", "Refresh lists").await?;
            page.wait_until("the select back to confirm", || async {
                let shown = "const s = [...document.querySelectorAll('label.field')] \
                             .find(l => l.querySelector('.field__label')?.textContent === 'Join handling') \
                             .querySelector('select'); return s.options[s.selectedIndex].value";
                let shown = page.client().execute(shown, vec![]).await?;
                Ok((shown.as_str() == Some("confirm")).then_some(()))
            })
            .await?;

            // The moderator may leave them waiting.
            join_handling.select_by_value("allow").await?;
            page.set_checked("Admit the 2 people waiting now", false).await?;
            dismiss_notices(&page).await?;
            page.click("button", "Apply join handling").await?;
            wait_for_notice(&page, "Set join handling: 200 Success").await?;
            assert_eq!(users_of(&app, &uri).await?.join_handling, Some(JoinHandling::Allow));
            assert_eq!(status_of(&app, &uri, "Zoe Quinn").await?, Some(EndpointStatus::Pending), "left waiting");
            // By the moderator's own choice: the next read names nobody as left out.
            page.click("link", "Users").await?;
            page.find_role("button", "Details of Zoe Quinn").await?;
            let text = page.text().await?;
            assert!(!text.contains("still not in"), "no notice about those the moderator left waiting:\n{text}");
            Result::Ok(())
        })
        .await;
}

#[tokio::test]
async fn the_waiting_room_of_a_conference_the_moderator_opened_is_watched_from_every_page_and_those_it_leaves_out_are_named(
) {
    Journey::new("panel2-waiting-watch")
        .server_args(&["--require-credentials", "false"])
        .run(|app| async move {
            let no_one: &[(&str, &str)] = &[];
            let uri = waiting_room(&app, "Board meeting", no_one).await?;
            let page = app.open_at(&crate::panel::conference_path(&uri)).await?;
            connect(&page, &app).await?;
            let waiting = "return [...document.querySelectorAll('.overview dt')]\
                .filter(dt => dt.textContent === 'Waiting to join')\
                .map(dt => dt.nextElementSibling.textContent).join()";
            let shown = || async {
                let shown = page.client().execute(waiting, vec![]).await?;
                Result::Ok(shown.as_str().unwrap_or_default().to_owned())
            };
            page.wait_until("nobody waiting yet", || async { Ok((shown().await? == "0").then_some(())) }).await?;

            // Someone knocks while the moderator reads the overview: nobody clicks anything, and both the
            // notice and the overview say so.
            assert_eq!(join(&app, &uri, "zoe", "Zoe Quinn").await?, ResponseCode::Success);
            page.wait_for_text("Zoe Quinn is waiting to join Board meeting").await?;
            page.wait_until("the overview counting her", || async {
                Ok((shown().await? == "1 Show them").then_some(()))
            })
            .await?;

            // Elsewhere in the panel (the blueprints), the next knock comes too.
            page.click("link", "Blueprints").await?;
            dismiss_notices(&page).await?;
            assert_eq!(join(&app, &uri, "yann", "Yann Le Goff").await?, ResponseCode::Success);
            page.wait_for_text("2 people are waiting to join Board meeting").await?;
            page.click("link", "Show them").await?;
            page.find_role("heading", "2 people waiting to join").await?;

            // Someone else turns the waiting room off: it goes from the tab, and a notice says that the two
            // who waited are still not in, and lets them in.
            let me = app.moderator().xcon_user_id();
            let allow = Users { join_handling: Some(JoinHandling::Allow), ..Default::default() };
            assert_eq!(app.request(Request::users_update(&me, &uri, allow)).await?.code, ResponseCode::Success);
            page.wait_for_text("2 people are still not in Board meeting").await?;
            page.wait_for_role_gone("heading", "2 people waiting to join").await?;
            page.click("button", "Admit them").await?;
            page.wait_for_text("Admit 2 people: 200 Success").await?;
            for display in ["Zoe Quinn", "Yann Le Goff"] {
                assert_eq!(status_of(&app, &uri, display).await?, Some(EndpointStatus::Connected), "{display} is in");
            }
            // One undo holds them again: Zoe, not Yann, whom a co-moderator made a moderator meanwhile.
            let mut yann = user_named(&app, &uri, "Yann Le Goff").await?.expect("Yann");
            yann.roles = Some(ccmp::xcon::Roles::new(["moderator"]));
            assert_eq!(app.request(Request::user_update(&me, &uri, yann)).await?.code, ResponseCode::Success);
            page.click("button", "Undo: Admit 2 people").await?;
            page.wait_for_text("Left as they are now, changed since by someone else: Yann Le Goff.").await?;
            assert_eq!(status_of(&app, &uri, "Zoe Quinn").await?, Some(EndpointStatus::Pending), "Zoe waits again");
            assert_eq!(status_of(&app, &uri, "Yann Le Goff").await?, Some(EndpointStatus::Connected), "Yann stays in");
            Result::Ok(())
        })
        .await;
}

/// A knock heard through the list, of a conference the moderator never opened: once they leave the list
/// (whose auto-refresh stops there), the panel still keeps that notice current, its name and who waits
/// (QA: it kept "34 people are waiting to join Renamed 371" long after the rename and the 35th), and goes on
/// watching that waiting room once it empties, through a reload too.
#[tokio::test]
async fn a_knock_heard_through_the_list_stays_current_from_every_page() {
    Journey::new("panel2-waiting-heard")
        .server_args(&["--require-credentials", "false"])
        .run(|app| async move {
            let uri = waiting_room(&app, "Help desk", &[("zoe", "Zoe Quinn")]).await?;
            let page = app.open().await?;
            connect(&page, &app).await?;
            page.wait_for_text("Zoe Quinn is waiting to join Help desk").await?;
            page.click("link", "Blueprints").await?;
            page.find_role("heading", "Blueprints").await?;
            assert_eq!(join(&app, &uri, "yann", "Yann Le Goff").await?, ResponseCode::Success);
            page.wait_for_text("2 people are waiting to join Help desk").await?;
            let me = app.moderator().xcon_user_id();
            let mut renamed = ccmp::xcon::Conference::new(&uri);
            renamed.description_mut().display_text = Some("Help desk (EU)".into());
            assert_eq!(app.request(Request::conf_update(&me, &uri, renamed)).await?.code, ResponseCode::Success);
            page.wait_for_text("2 people are waiting to join Help desk (EU)").await?;
            // A co-moderator admits both: the notice goes. The waiting room is still watched, through a reload
            // of the tab on another page too: the next knock there is heard (QA: nobody read it again, and the
            // next one to knock waited unheard).
            admit_elsewhere(&app, &uri, "zoe").await?;
            admit_elsewhere(&app, &uri, "yann").await?;
            page.wait_for_text_gone("waiting to join Help desk (EU)").await?;
            crate::panel::reload_connected(&page).await?;
            page.find_role("heading", "Blueprints").await?;
            assert_eq!(join(&app, &uri, "xia", "Xia Wong").await?, ResponseCode::Success);
            page.wait_for_text("Xia Wong is waiting to join Help desk (EU)").await?;
            Result::Ok(())
        })
        .await;
}

/// Makes the page believe its browser tab is hidden behind another one (or shown again), as the browser
/// says it: `document.hidden` and a `visibilitychange` event.
async fn set_hidden(page: &crate::support::Page, hidden: bool) -> Result<()> {
    let script = "Object.defineProperty(document, 'hidden', { value: arguments[0], configurable: true }); \
                  Object.defineProperty(document, 'visibilityState', \
                      { value: arguments[0] ? 'hidden' : 'visible', configurable: true }); \
                  document.dispatchEvent(new Event('visibilitychange'));";
    page.client().execute(script, vec![serde_json::json!(hidden)]).await?;
    Ok(())
}

/// Replaces the browser's Notification API with one that records what the panel shows (headless Chromium
/// shows nothing anyone could read back), whose permission starts as `permission` and becomes whatever
/// `window.__answer` says once the page asks.
async fn record_desktop_notifications(page: &crate::support::Page, permission: &str) -> Result<()> {
    let script = "const permission = arguments[0]; window.__shown = []; window.__answer = 'granted'; \
                  window.Notification = class { \
                      static permission = permission; \
                      static requestPermission() { \
                          window.Notification.permission = window.__answer; \
                          return Promise.resolve(window.__answer); } \
                      constructor(title, options) { window.__shown.push([title, options.body, options.tag]); } \
                  };";
    page.client().execute(script, vec![serde_json::json!(permission)]).await?;
    Ok(())
}

/// The titles of the desktop notifications shown so far.
async fn desktop_titles(page: &crate::support::Page) -> Result<Vec<String>> {
    page.strings("return window.__shown.map(n => n[0])").await
}

#[tokio::test]
async fn a_moderator_in_another_browser_tab_hears_of_a_knock_on_the_desktop_once_they_turn_it_on() {
    Journey::new("panel2-waiting-desktop")
        .server_args(&["--require-credentials", "false"])
        .run(|app| async move {
            let no_one: &[(&str, &str)] = &[];
            let uri = waiting_room(&app, "Press briefing", no_one).await?;
            let page = app.open().await?;
            connect(&page, &app).await?;

            // A browser that blocks notifications: the choice cannot be made, and Settings says why.
            record_desktop_notifications(&page, "denied").await?;
            page.click("link", "Settings").await?;
            let choice = page.find_role("checkbox", "Notify me on the desktop when someone waits to join").await?;
            assert!(!choice.is_enabled().await?, "blocked by the browser");
            page.wait_for_text("The browser blocks notifications from this site").await?;

            // One that asks: the moderator ticks, the browser asks them, they allow.
            record_desktop_notifications(&page, "default").await?;
            page.click("link", "Conferences").await?;
            page.click("link", "Settings").await?;
            page.set_checked("Notify me on the desktop when someone waits to join", true).await?;
            let kept = "return localStorage.getItem('ccmp-panel.desktop-notifications')";
            page.wait_until("the choice kept", || async {
                Ok((page.client().execute(kept, vec![]).await?.as_str() == Some("on")).then_some(()))
            })
            .await?;

            // In the panel's own tab, a knock is a notice in the page, not on the desktop.
            page.click("link", "Conferences").await?;
            page.click("link", "Press briefing").await?;
            page.find_role("heading", "Press briefing").await?;
            record_desktop_notifications(&page, "granted").await?;
            assert_eq!(join(&app, &uri, "ann", "Ann Lee").await?, ResponseCode::Success);
            page.wait_for_text("Ann Lee is waiting to join Press briefing").await?;
            assert!(desktop_titles(&page).await?.is_empty(), "nothing on the desktop while the tab is in view");

            // Behind the video call's tab, the next one is told on the desktop.
            set_hidden(&page, true).await?;
            assert_eq!(join(&app, &uri, "bo", "Bo Chen").await?, ResponseCode::Success);
            page.wait_until("the desktop notification", || async {
                let titles = desktop_titles(&page).await?;
                Ok((titles == ["2 people are waiting to join Press briefing"]).then_some(()))
            })
            .await?;
            let tag = page.client().execute("return window.__shown[0][2]", vec![]).await?;
            assert_eq!(tag.as_str(), Some(format!("ccmp-knock {}", uri.to_lowercase()).as_str()), "one per room");

            // Turned off, nothing more comes.
            set_hidden(&page, false).await?;
            page.click("link", "Settings").await?;
            page.set_checked("Notify me on the desktop when someone waits to join", false).await?;
            page.click("link", "Conferences").await?;
            set_hidden(&page, true).await?;
            assert_eq!(join(&app, &uri, "cy", "Cy Park").await?, ResponseCode::Success);
            page.wait_for_text("3 people are waiting to join Press briefing").await?;
            assert_eq!(desktop_titles(&page).await?.len(), 1, "no desktop notification once turned off");
            // A fourth is named first, not lost among "and 2 more".
            assert_eq!(join(&app, &uri, "dee", "Dee Ray").await?, ResponseCode::Success);
            page.wait_for_text("4 people are waiting to join Press briefing").await?;
            page.wait_for_text("Latest: Dee Ray; 3 waiting longer.").await?;

            // Back in the tab, the notice itself lets all four in, with one undo.
            set_hidden(&page, false).await?;
            page.click("button", "Admit all").await?;
            page.wait_for_text("Admit 4 people: 200 Success").await?;
            for display in ["Ann Lee", "Bo Chen", "Cy Park", "Dee Ray"] {
                assert_eq!(status_of(&app, &uri, display).await?, Some(EndpointStatus::Connected), "{display} is in");
            }
            page.wait_for_text_gone("people are waiting to join Press briefing").await?;
            // The undo is in the conference's users tab, as for any admission, and on the outcome's notice,
            // here on the list, far from that tab.
            page.click("button", "Undo: Admit 4 people").await?;
            page.wait_until("all four held again", || async {
                for display in ["Ann Lee", "Bo Chen", "Cy Park", "Dee Ray"] {
                    if status_of(&app, &uri, display).await? != Some(EndpointStatus::Pending) {
                        return Ok(None);
                    }
                }
                Ok(Some(()))
            })
            .await?;
            Result::Ok(())
        })
        .await;
}
