//! Journey 1: connect, see the seeded conferences, create one from the VideoRoom blueprint, rename it (the
//! unsaved edit outlives other tabs, other pages and the Back button), lock it, and delete it behind the
//! typed confirmation; a conference with a sidebar cannot be deleted first (425, explained).

use anyhow::Context;
use ccmp::xcon::Conference;
use ccmp::{Request, ResponseCode};

use crate::panel::{connect, current_conference, leaving_asks};
use crate::support::{Journey, Result};

#[tokio::test]
async fn a_moderator_creates_renames_locks_and_deletes_a_conference() {
    Journey::new("panel-lifecycle")
        .run(|app| async move {
            let user = app.moderator().xcon_user_id();
            let seeded = app.request(Request::confs(&user)).await?;
            let names: Vec<String> = seeded
                .body
                .uris()
                .map(|u| u.entries.iter().filter_map(|e| e.display_text.clone()).collect())
                .unwrap_or_default();
            assert!(!names.is_empty(), "the server seeds conferences");

            let page = app.open().await?;
            connect(&page, &app).await?;
            for name in &names {
                page.wait_for_text(name).await?;
            }

            // Settings: the connection under its profile's name, and what the server's optionsResponse
            // offers, down to the operations of its one extension.
            page.click("link", "Settings").await?;
            page.wait_for_text("moderator@example.com on /ccmp").await?;
            let row = |name: &'static str| {
                let page = page.clone();
                async move {
                    let text = page.find_role("row", name).await?.text().await?;
                    Result::Ok(text.split_whitespace().collect::<Vec<_>>().join(" "))
                }
            };
            // A dash where an operation does not apply, which a screen reader says in words.
            let na = "\u{2013} does not apply";
            assert_eq!(row("usersRequest").await?, format!("usersRequest yes yes {na} yes {na}"));
            assert_eq!(
                row("extendedRequest: confSummaryRequest").await?,
                "extendedRequest: confSummaryRequest yes yes no no no"
            );
            page.click("link", "Conferences").await?;

            // From the VideoRoom blueprint, whose purpose the panel shows.
            page.click("link", "Blueprints").await?;
            page.wait_for_text("Video room").await?;
            // Each row's link says which blueprint it creates from (a list of links read out of context).
            page.find_role("link", "Create conference from VideoRoom").await?;
            page.click("link", "VideoRoom").await?;
            // It leads to the New conference form with the blueprint picked, where the conference is named
            // (the name field has the focus): nothing is created by the one click.
            page.click("link", "Create a conference from this blueprint").await?;
            crate::panel2::until_focus_on(&page, "Name of the new conference (optional)").await?;
            let picked = page.find_role("radio", "VideoRoom").await?.prop("checked").await?;
            assert_eq!(picked.as_deref(), Some("true"), "the blueprint is picked");
            page.click("button", "Create conference").await?;
            page.wait_for_text("Create conference: 200 Success").await?;
            let uri = current_conference(&page).await?;

            // Rename.
            page.click("link", "Edit").await?;
            page.fill("Name (display-text)", "Renamed by the panel").await?;
            // A look at another tab keeps the edit, and the Edit tab says it holds unsaved changes.
            page.click("link", "Overview").await?;
            page.find_role("link", "Edit (unsaved changes)").await?;
            page.click("link", "Edit").await?;
            let kept = page.find_role("textbox", "Name (display-text)").await?.prop("value").await?;
            assert_eq!(kept.as_deref(), Some("Renamed by the panel"), "the edit survived the other tab");
            assert!(leaving_asks(&page).await?, "a reload with the edit unsaved asks first");
            // Another page of the panel keeps it too: the list marks the conference, whose mark leads back
            // to the edit; so does the Back button, and a reload still asks while it is away.
            page.click("link", "Conferences").await?;
            page.wait_for_text("unsaved edit").await?;
            let marked = page.find_role_containing("row", "unsaved edit").await?.text().await?;
            assert!(marked.contains(&uri), "the mark is on the conference's row: {marked}");
            // The summary counts it even while a filter hides the row.
            page.fill("Filter conferences", "no such conference").await?;
            page.wait_for_text("1 unsaved edit").await?;
            page.fill("Filter conferences", "").await?;
            assert!(leaving_asks(&page).await?, "a reload from the list still asks");
            page.client().back().await?;
            let kept = page.find_role("textbox", "Name (display-text)").await?.prop("value").await?;
            assert_eq!(kept.as_deref(), Some("Renamed by the panel"), "Back finds the edit where it was left");
            page.client().forward().await?;
            page.click("link", "unsaved edit").await?;
            let kept = page.find_role("textbox", "Name (display-text)").await?.prop("value").await?;
            assert_eq!(kept.as_deref(), Some("Renamed by the panel"), "the list's mark leads to the edit");
            let address = page.url().await?;
            assert!(address.ends_with("tab=edit"), "the address bar follows the mark: {address}");
            // A value that cannot be sent is marked where it is typed, with why, and Save says which field
            // to correct.
            page.fill("Maximum users", "0").await?;
            page.wait_for_text("Maximum users must be a whole number above 0, not \"0\".").await?;
            let max = page.find_role("textbox", "Maximum users").await?;
            assert_eq!(max.attr("aria-invalid").await?.as_deref(), Some("true"), "the field is marked");
            assert_eq!(max.attr("aria-describedby").await?.as_deref(), Some("maximum-user-count-error"));
            page.wait_for_text("First correct the field marked above: Maximum users.").await?;
            // Typed key by key, a value that is not a number yet stays as typed (a number field dropped the
            // "-" of "-5" and sent 5).
            page.fill("Maximum users", "-5").await?;
            page.wait_for_text("Maximum users must be a whole number above 0, not \"-5\".").await?;
            page.fill("Maximum users", "40").await?;
            page.wait_for_text_gone("First correct the field marked above").await?;
            // Enter in a field saves, as in any form.
            crate::panel2::press_enter_on(&page, "textbox", "Maximum users").await?;
            page.wait_for_text("Save conference: 200 Success").await?;
            page.wait_for_role_gone("link", "Edit (unsaved changes)").await?;
            assert!(!leaving_asks(&page).await?, "once saved, leaving asks nothing");
            page.click("link", "Conferences").await?;
            page.find_role("link", "Renamed by the panel").await?;
            assert!(!page.text().await?.contains("unsaved edit"), "the list's mark went with the save");
            page.client().back().await?;
            page.find_role("heading", "Renamed by the panel").await?;
            let now = app.request(Request::conf_retrieve(&user, &uri)).await?;
            let doc = now.body.conference().cloned().unwrap_or_default();
            assert_eq!(doc.display_text(), Some("Renamed by the panel"), "the server has the new name");

            // Lock, from the keyboard: the focus stays on the button, which now offers Unlock.
            crate::panel2::press_enter_on(&page, "button", "Lock").await?;
            page.wait_for_text("Lock conference: 200 Success").await?;
            page.find_role("button", "Unlock").await?;
            assert_eq!(page.focused().await?, "Unlock", "the keyboard focus stays on the lock button");
            let now = app.request(Request::conf_retrieve(&user, &uri)).await?;
            let locked = now.body.conference().and_then(|c| c.conference_state.as_ref()?.locked);
            assert_eq!(locked, Some(true), "the server has it locked");

            // Delete, from the overview: the confirm button stays disabled until the whole name is typed.
            page.click("link", "Overview").await?;
            // Which says what the lock does.
            page.wait_for_text("yes: nobody new may join; those in it stay").await?;
            // Back with the dialog open (a phone's Back gesture) closes it and stays on the page: it stayed
            // open over the page Back led to, and confirming it there sent nothing and said nothing (QA);
            // then it was closed with the page the moderator was on.
            let overview = page.url().await?;
            page.click("button", "Delete").await?;
            page.find_role("dialog", "Delete this conference?").await?;
            page.client().back().await?;
            page.wait_for_role_gone("dialog", "Delete this conference?").await?;
            assert_eq!(page.url().await?, overview, "Back from the dialog left the page");
            page.find_role("heading", "Renamed by the panel").await?;
            assert_eq!(page.focused().await?, "Delete…", "the focus is back on what opened the dialog");
            // Closed by its own Cancel, the dialog leaves no step in the history: the next Back leaves the
            // page, as it would have without the dialog.
            page.click("button", "Delete").await?;
            page.find_role("dialog", "Delete this conference?").await?;
            page.click("button", "Cancel").await?;
            page.wait_for_role_gone("dialog", "Delete this conference?").await?;
            back_leaves_for_the_edit_tab(&page).await?;
            // A reload with the dialog open leaves the dialog's step in the history; the reloaded panel takes
            // it out, and the next Back leaves the page (it did nothing: QA).
            page.click("button", "Delete").await?;
            page.find_role("dialog", "Delete this conference?").await?;
            crate::panel::reload_connected(&page).await?;
            page.find_role("heading", "Renamed by the panel").await?;
            back_leaves_for_the_edit_tab(&page).await?;
            // Someone joins just before the click: the dialog counts them, read as it opens, not as the overview
            // last read it (QA: it counted three people admitted from the users tab as still waiting).
            let early = vec![crate::panel2::connected_user("early", "Early bird", "participant")];
            let joined = app
                .request(Request::users_update(&user, &uri, ccmp::xcon::Users { users: early, ..Default::default() }))
                .await?;
            assert_eq!(joined.code, ResponseCode::Success, "{joined:?}");
            page.click("button", "Delete").await?;
            page.find_role("dialog", "Delete this conference?").await?;
            // It says whom the delete cuts off.
            page.wait_for_text("for everyone in it (1 person in it now)").await?;
            page.fill("Type Renamed by the panel to confirm", "Renamed by the").await?;
            let confirm = page.find_role("button", "Delete for everyone").await?;
            assert!(!confirm.is_enabled().await?, "a partial name does not confirm");
            // Someone renames it while the moderator confirms: once the page shows the new name (the overview
            // reads it again within the watch's 10 s), the name typed is asked again, under the new name.
            let mut renamed = Conference::new(uri.clone());
            renamed.description_mut().display_text = Some("Renamed elsewhere".into());
            app.request(Request::conf_update(&user, &uri, renamed)).await?;
            page.fill("Type Renamed by the panel to confirm", "Renamed by the panel").await?;
            page.find_role("heading", "Renamed elsewhere").await?;
            page.click("button", "Delete for everyone").await?;
            page.wait_for_text("Someone renamed it while you were confirming.").await?;
            // Someone joins while the moderator confirms: the conference is read as Delete is pressed, and the
            // moderator is asked again, told so, not left to cut them off unawares (QA).
            let late = vec![crate::panel2::connected_user("late", "Late comer", "participant")];
            let joined = app
                .request(Request::users_update(&user, &uri, ccmp::xcon::Users { users: late, ..Default::default() }))
                .await?;
            assert_eq!(joined.code, ResponseCode::Success, "{joined:?}");
            page.fill("Type Renamed elsewhere to confirm", "Renamed elsewhere").await?;
            page.click("button", "Delete for everyone").await?;
            page.wait_for_text("1 person joined while you were confirming.").await?;
            page.wait_for_text("(2 people in it now)").await?;
            page.fill("Type Renamed elsewhere to confirm", "Renamed elsewhere").await?;
            page.click("button", "Delete for everyone").await?;
            page.wait_for_text("Delete conference: 200 Success").await?;
            page.wait_until("the list", || async { Ok(page.url().await?.ends_with("/conferences").then_some(())) })
                .await?;
            page.wait_for_text_gone("Renamed elsewhere").await?;
            // The panel knows it deleted it: it does not read it once more only to meet a 404.
            let target = format!("target=\"{uri}\"");
            let log = app.server_log().await;
            let reads = log.lines().filter(|l| l.contains("operation=\"retrieve\"") && l.contains(&target));
            assert_eq!(reads.filter(|l| l.contains("code=404")).count(), 0, "a read after the delete");
            let gone = app.request(Request::conf_retrieve(&user, &uri)).await?;
            assert_eq!(gone.code, ResponseCode::ObjectNotFound, "the server no longer has it");
            // The list took the place of the page it was deleted from in the history: Back leads to the tab
            // visited before (the edit tab), which has nothing left to edit, not to the overview and its Delete.
            page.client().back().await?;
            let back = page.url().await?;
            assert!(back.ends_with("?tab=edit"), "Back led to {back}");
            page.wait_for_text("This conference no longer exists on the server: there is nothing to edit.").await?;
            // The moderator deleted it from here: its page says so, and no 404 error repeats it (QA: Back into
            // the deleted conference's tabs brought two).
            let text = page.text().await?;
            assert!(!text.contains(": 404"), "an error for a conference deleted from this panel:\n{text}");
            page.click("link", "Conferences").await?;

            // A conference with a sidebar of its own cannot go first: 425, explained, and it stays.
            page.click("link", "Customer support desk").await?;
            page.find_role("heading", "Customer support desk").await?;
            page.click("button", "Delete").await?;
            page.fill("Type Customer support desk to confirm", "Customer support desk").await?;
            page.click("button", "Delete for everyone").await?;
            page.wait_for_text("Delete conference: 425").await?;
            page.wait_for_text("close them (or empty them) first").await?;
            page.wait_for_text("delete the sidebar first").await?;
            page.find_role("heading", "Customer support desk").await?;
            let kept = app.request(Request::conf_retrieve(&user, "xcon:support-desk@example.com")).await?;
            assert_eq!(kept.code, ResponseCode::Success, "the server still has it");
            // The notice leads to the sidebars that hold it.
            page.click("link", "Open its breakout rooms").await?;
            page.find_role("button", "Open Escalations").await?;
            page.click("link", "Conferences").await?;

            // The audit log names the conference created by the id the server gave it, and its blueprint.
            page.click("link", "Audit log").await?;
            let created = page.find_role_containing("row", "Create conference").await?.text().await?;
            assert!(
                created.contains(&format!("{uri} (from xcon:VideoRoom@example.com)")),
                "the created conference's row: {created}"
            );
            // Each change names the conference as it was called then, its URI no longer saying which one
            // it was once it is deleted: renamed, by its new name; deleted, by the name it had.
            let rows =
                page.strings("return [...document.querySelectorAll('.audit__row')].map(r => r.innerText)").await?;
            let named = |action: &str, name: &str| rows.iter().any(|r| r.contains(action) && r.contains(name));
            assert!(named("Save conference", "Renamed by the panel"), "the rename's row: {rows:?}");
            assert!(named("Delete conference", "Renamed elsewhere"), "the delete's row: {rows:?}");
            Result::Ok(())
        })
        .await;
}

/// A change the conference cannot take as it is (fewer seats than people in it) is refused with 409. The
/// panel reads the conference again, sees that nobody else changed it, and says so, instead of sending the
/// change again as if someone else's change had come first.
#[tokio::test]
async fn a_change_the_conference_cannot_take_is_sent_once_and_explained() {
    Journey::new("panel-infeasible")
        .run(|app| async move {
            const ALL_HANDS: &str = "xcon:all-hands@example.com";
            let page = app.open_at(&format!("{}?tab=edit", crate::panel::conference_path(ALL_HANDS))).await?;
            connect(&page, &app).await?;
            page.find_role("heading", "Product launch all-hands").await?;
            let most = |r: ccmp::Response| r.body.conference().and_then(|c| c.description.as_ref()?.maximum_user_count);
            let seeded = most(crate::panel::retrieve(&app, ALL_HANDS, None).await?).context("the seeded maximum")?;
            page.fill("Maximum users", "2").await?;
            page.click("button", "Save changes").await?;
            page.wait_for_text("Save conference: 409").await?;
            page.wait_for_text("Nobody else changed the conference: the server cannot make this change").await?;
            page.wait_for_text("below the 4 users already in the conference").await?;
            // Its notice says the same, not that someone else may have changed it.
            page.wait_for_text_gone("someone else may have changed it").await?;
            let log = app.server_log().await;
            let target = format!("target=\"{ALL_HANDS}\"");
            let updates = log.lines().filter(|l| l.contains("operation=\"update\"") && l.contains(&target)).count();
            assert_eq!(updates, 1, "the change was sent once");
            // Nothing was saved, and the edit is still there to correct.
            let kept = page.find_role("textbox", "Maximum users").await?.prop("value").await?;
            assert_eq!(kept.as_deref(), Some("2"));
            page.find_role("link", "Edit (unsaved changes)").await?;
            // Discarding the edit answers what the form said of the Save (the notice stays, as errors do).
            page.click("button", "Discard my changes").await?;
            page.wait_until("the form's line about the Save gone", || async {
                let left =
                    page.client().execute("return document.querySelectorAll('.conf-edit__problem').length", vec![]);
                Ok((left.await?.as_u64() == Some(0)).then_some(()))
            })
            .await?;
            // A Save that goes through answers the 409's notice too (QA: it stayed after a later save).
            page.fill("Maximum users", "40").await?;
            page.click("button", "Save changes").await?;
            page.wait_for_text("Save conference: 200 Success").await?;
            page.wait_for_text_gone("Save conference: 409").await?;
            // What the Save replaced is said, and put back in the form on a click, for the next Save (QA: no
            // way back from a limit saved wrong but to remember it).
            page.wait_for_text(&format!("Saved. Before your change: Maximum users: {seeded}.")).await?;
            page.click("button", "Put those back in the form").await?;
            page.wait_for_text("Will send: maximum-user-count").await?;
            page.click("button", "Save changes").await?;
            page.wait_for_text("Saved. Before your change: Maximum users: 40.").await?;
            assert_eq!(most(crate::panel::retrieve(&app, ALL_HANDS, None).await?), Some(seeded), "put back");
            // A co-moderator then changes the same field: putting 40 back would undo their change, not this
            // moderator's, so the offer goes when the banner tells of it (QA).
            let mut theirs = Conference::new(ALL_HANDS);
            theirs.description_mut().maximum_user_count = Some(seeded + 5);
            let answer = app.request(Request::conf_update(&app.moderator().xcon_user_id(), ALL_HANDS, theirs)).await?;
            anyhow::ensure!(answer.code == ResponseCode::Success, "the co-moderator's change: {answer:?}");
            page.wait_for_text(&format!("Maximum users: {seeded} \u{2192} {}", seeded + 5)).await?;
            page.wait_for_text_gone("Put those back in the form").await?;
            Result::Ok(())
        })
        .await;
}

/// Unticking a medium of a conference with people in it asks first: their streams of it may end (QA saved
/// "no audio" on a town hall of 98 without a word).
#[tokio::test]
async fn taking_a_medium_from_a_conference_with_people_in_it_asks_first() {
    Journey::new("panel-media-drop")
        .run(|app| async move {
            let uri = "xcon:all-hands@example.com";
            assert!(offers_audio(&app, uri).await?, "the seeded all-hands offers audio");
            let page = app.open_at(&format!("{}?tab=edit", crate::panel::conference_path(uri))).await?;
            connect(&page, &app).await?;
            page.find_role("textbox", "Subject").await?;
            page.set_checked("Audio", false).await?;
            page.click("button", "Save changes").await?;
            page.find_role_containing("dialog", "Remove audio while ").await?;
            // Counted by who has audio: the seeded participants, not the moderator on the panel alone.
            page.find_role_containing("dialog", "people have it?").await?;
            page.wait_for_text("The conference stops offering audio").await?;
            page.click("button", "Cancel").await?;
            page.wait_for_role_gone("button", "Remove audio and save").await?;
            assert!(offers_audio(&app, uri).await?, "nothing was sent");
            // Asked again at the next Save; confirmed, it goes.
            page.click("button", "Save changes").await?;
            page.click("button", "Remove audio and save").await?;
            page.wait_for_text("Save conference: 200 Success").await?;
            assert!(!offers_audio(&app, uri).await?, "audio removed once confirmed");
            Result::Ok(())
        })
        .await;
}

async fn offers_audio(app: &crate::support::App, uri: &str) -> Result<bool> {
    let read = crate::panel::retrieve(app, uri, None).await?;
    Ok(read.body.conference().is_some_and(|c| c.media().iter().any(|m| m.media_type == "audio")))
}

/// Once the dialog's step is out of the history, Back leaves the conference's overview for the edit tab
/// visited before it; then Forward comes back.
async fn back_leaves_for_the_edit_tab(page: &crate::support::Page) -> Result<()> {
    crate::panel::until_dialog_step_gone(page).await?;
    page.client().back().await?;
    page.wait_until("the edit tab", || async { Ok(page.url().await?.ends_with("?tab=edit").then_some(())) }).await?;
    page.client().forward().await?;
    // Back where it was before going on: the next step's click must not land on the edit tab (a run failed
    // waiting on the edit tab; most likely its click came before Forward landed).
    page.wait_until("the page Forward leads to", || async {
        Ok((!page.url().await?.ends_with("?tab=edit")).then_some(()))
    })
    .await?;
    Ok(())
}

/// Floor control: a moderated conference (one speaker at a time, granted by a moderator) opened to the
/// floor for questions, as its overview says and its edit tab sets; a change of it made elsewhere shows in
/// the banner. Blueprints describe themselves by it, and the overview showed none of it.
#[tokio::test]
async fn a_moderator_opens_the_floor_for_questions() {
    use ccmp::xcon::{FloorAlgorithm, FloorRequestHandling};
    Journey::new("panel-floor")
        .run(|app| async move {
            let user = app.moderator().xcon_user_id();
            let made = app.request(Request::conf_clone(&user, "xcon:AudioConference@example.com")).await?;
            let uri = made.conf_obj_id.clone().unwrap_or_default();
            assert_eq!(made.code, ResponseCode::Success, "{made:?}");
            let page = app.open_at(&crate::panel::conference_path(&uri)).await?;
            connect(&page, &app).await?;
            page.find_role("region", "Floor control").await?;
            page.wait_for_text("Requests to talk: taken, by each floor's rule").await?;
            page.wait_for_text("Audio: a moderator grants it, one at a time").await?;

            page.click("link", "Edit").await?;
            page.find_role("combobox", "Who grants it").await?.select_by_value("FCFS").await?;
            // What cannot be sent is marked where it is typed, and Save says which part to correct.
            page.fill("How many may talk at once", "a few").await?;
            page.wait_for_text(
                "How many may talk at once on audio is a whole number (0 or more), not \u{201c}a few\u{201d}.",
            )
            .await?;
            let at_once = page.find_role("textbox", "How many may talk at once").await?;
            assert_eq!(at_once.attr("aria-invalid").await?.as_deref(), Some("true"));
            page.wait_for_text("First correct the field marked above: Floor control.").await?;
            // 0 can be sent, and silences everyone on audio: said before it is (QA: taken without a word).
            page.fill("How many may talk at once", "0").await?;
            page.wait_for_text("0: nobody may be given the floor on audio").await?;
            page.fill("How many may talk at once", "4").await?;
            page.wait_for_text_gone("0: nobody may be given the floor").await?;
            page.click("button", "Save changes").await?;
            page.wait_for_text("Save conference: 200 Success").await?;

            let read = crate::panel::retrieve(&app, &uri, None).await?;
            let doc = read.body.conference().cloned().unwrap_or_default();
            let info = doc.floor_information.clone().unwrap_or_default();
            let floor =
                info.conference_floor_policy.as_ref().and_then(|p| p.floors.first()).cloned().unwrap_or_default();
            assert_eq!((floor.algorithm, floor.max_floor_users), (Some(FloorAlgorithm::Fcfs), Some(4)), "{info:?}");
            assert_eq!(floor.media_labels, ["audioLabel"], "the floor still covers its media");
            assert_eq!(info.floor_request_handling, Some(FloorRequestHandling::Confirm), "the rest as it was");
            assert!(doc.display_text().is_some(), "the name is still there");
            page.click("link", "Overview").await?;
            page.wait_for_text("Audio: first come, first served, up to 4 at once").await?;

            // A co-moderator closes the floor: the overview's next read says so, from what this page showed.
            let mut closed = Conference::new(uri.clone());
            let mut info = info;
            info.floor_request_handling = Some(FloorRequestHandling::Block);
            closed.floor_information = Some(info);
            let sent = app.request(Request::conf_update(&user, &uri, closed)).await?;
            assert_eq!(sent.code, ResponseCode::Success, "{sent:?}");
            page.wait_for_text("Requests to talk: refused (nobody may ask for the floor)").await?;
            let banner =
                page.strings("return [...document.querySelectorAll('.elsewhere li')].map(l => l.innerText)").await?;
            let floor = banner.iter().find(|line| line.starts_with("Floor control: ")).cloned().unwrap_or_default();
            assert!(
                floor.contains("Requests to talk: taken") && floor.contains("Requests to talk: refused"),
                "the banner, from what the page showed to what the server has: {banner:?}"
            );

            // The audio turned off: its floor goes with it, as the form says before the save (the server refuses
            // a floor on a medium the conference no longer offers).
            page.click("link", "Edit").await?;
            page.set_checked("Audio", false).await?;
            page.wait_for_text("The floor on audio goes when you save.").await?;
            page.click("button", "Save changes").await?;
            page.wait_for_text("Save conference: 200 Success").await?;
            let doc = crate::panel::retrieve(&app, &uri, None).await?.body.conference().cloned().unwrap_or_default();
            let media = doc.description.as_ref().and_then(|d| d.available_media.clone()).unwrap_or_default();
            assert!(media.entries.iter().all(|m| m.media_type != "audio"), "the audio is gone: {media:?}");
            let info = doc.floor_information.unwrap_or_default();
            assert_eq!(info.conference_floor_policy, None, "no floor left on it");
            assert_eq!(info.floor_request_handling, Some(FloorRequestHandling::Block), "the rest as it was");
            Result::Ok(())
        })
        .await;
}
