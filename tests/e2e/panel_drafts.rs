//! Journey: an edit not saved yet survives a reload of the browser tab (kept in sessionStorage), without
//! the new conference password typed into it, which is never stored. The allowed list being edited comes
//! back too. Another moderator's change made meanwhile is merged in and shown on coming back, and both
//! edits save afterwards. The edit of a conference someone else deletes goes with it.

use ccmp::xcon::Conference;
use ccmp::{Request, ResponseCode};

use crate::panel::{conference_path, connect, leaving_asks};
use crate::support::{Journey, Page, Result};

const WEEKLY: &str = "xcon:weekly-sync@example.com";

#[tokio::test]
async fn an_unsaved_edit_survives_a_reload() {
    Journey::new("panel-drafts")
        .run(|app| async move {
            let user = app.moderator().xcon_user_id();
            let page = app.open_at(&format!("{}?tab=edit", conference_path(WEEKLY))).await?;
            page.set_checked("Remember the password in this browser", true).await?;
            connect(&page, &app).await?;
            page.fill("Name (display-text)", "Weekly sync, kept across a reload").await?;
            page.fill("New password (empty keeps the current one)", "typed-pin-4711").await?;
            page.click("link", "Admission").await?;
            page.fill("URI to allow", "sip:kept@example.com").await?;
            page.click("button", "Add to the list").await?;
            page.find_text("sip:kept@example.com").await?;

            // A reload: the remembered profile connects by itself, and the drafts are back.
            let kept = kept_drafts(&page).await?.unwrap_or_default();
            assert!(kept.contains("Weekly sync, kept across a reload"), "the edit is kept: {kept}");
            assert!(!kept.contains("typed-pin-4711"), "the typed password is not kept");
            // Meanwhile someone else moves the meeting.
            let mut moved = Conference::new(WEEKLY);
            moved.description_mut().subject = Some("Moved to Thursday".into());
            let answer = app.request(Request::conf_update(&user, WEEKLY, moved)).await?;
            anyhow::ensure!(answer.code == ResponseCode::Success, "moving: {answer:?}");
            page.goto(&format!("{}{}?tab=admission", app.url(), conference_path(WEEKLY).trim_start_matches('/')))
                .await?;
            page.find_text("sip:kept@example.com").await?;
            let tab = page.find_role("link", "Admission").await?.text().await?;
            assert!(tab.contains("unsaved changes"), "the Admission tab is marked: {tab}");
            page.click("link", "Edit").await?;
            let name = page.find_role("textbox", "Name (display-text)").await?.prop("value").await?;
            assert_eq!(name.as_deref(), Some("Weekly sync, kept across a reload"), "the edit came back");
            let pin = page.find_role("textbox", "New password").await?.prop("value").await?;
            assert_eq!(pin.as_deref(), Some(""), "the typed password did not");
            // Not silently: the form says so, and does not save until it is typed again or given up (QA: it
            // saved without it, and the conference was left open).
            page.wait_for_text("The password typed before the page was reloaded was not kept").await?;
            page.wait_for_text("First correct the field marked above: Conference password.").await?;
            page.fill("New password (empty keeps the current one)", "typed-pin-4711").await?;
            page.wait_for_text_gone("The password typed before the page was reloaded").await?;
            // The other moderator's change shows on coming back, merged under the edit, not only at Save.
            page.wait_for_text("Changed elsewhere (by someone else, or by you in another tab)").await?;
            page.wait_for_text("Moved to Thursday").await?;
            // Only that: what the kept draft left out is not told as changed (QA: "Floor control: (none) → …").
            let told =
                page.strings("return [...document.querySelectorAll('.elsewhere')].map(e => e.innerText)").await?;
            let told = told.concat();
            assert!(!told.contains("Floor control") && !told.contains("Breakout rooms"), "told as changed: {told}");
            let subject = page.find_role("textbox", "Subject").await?.prop("value").await?;
            assert_eq!(subject.as_deref(), Some("Moved to Thursday"), "their change is in the form");

            page.click("button", "Save changes").await?;
            page.wait_for_text("Save conference: 200 Success").await?;
            page.click("link", "Admission").await?;
            page.click("button", "Save allowed users").await?;
            page.wait_for_role_gone("link", "Admission (unsaved changes)").await?;
            let now = app.request(Request::conf_retrieve(&user, WEEKLY)).await?;
            let doc = now.body.conference().cloned().unwrap_or_default();
            assert_eq!(doc.display_text(), Some("Weekly sync, kept across a reload"), "the server has the name");
            let subject = doc.description.as_ref().and_then(|d| d.subject.as_deref());
            assert_eq!(subject, Some("Moved to Thursday"), "and still the other moderator's subject");
            let allowed = doc.users.as_ref().and_then(|u| u.allowed_users_list.as_ref());
            let listed = allowed.is_some_and(|l| l.targets.iter().any(|t| t.uri == "sip:kept@example.com"));
            assert!(listed, "the server has the allowed user: {allowed:?}");
            let left = kept_drafts(&page).await?;
            assert!(left.is_none(), "nothing unsaved is kept: {left:?}");

            // An edit of a conference someone else then deletes goes with it, once the list is read again; what
            // the moderator typed becomes the New conference form, to create it again if it is still needed.
            page.click("link", "Conferences").await?;
            page.click("link", "Weekly sync, kept across a reload").await?;
            page.click("link", "Edit").await?;
            page.fill("Name (display-text)", "Weekly sync, renamed too late").await?;
            page.click("link", "Conferences").await?;
            page.wait_for_text("1 unsaved edit").await?;
            // A filter that hides it still names it, with the way back to the edit.
            page.fill("Filter conferences", "all-hands").await?;
            page.wait_for_text("An unsaved edit the filter hides: Weekly sync, kept across a reload").await?;
            page.click("link", "Weekly sync, kept across a reload").await?;
            let typed = page.find_role("textbox", "Name (display-text)").await?.prop("value").await?;
            assert_eq!(typed.as_deref(), Some("Weekly sync, renamed too late"), "the edit, opened from the list");
            page.click("link", "Conferences").await?;
            page.fill("Filter conferences", "").await?;
            page.wait_for_text_gone("the filter hides").await?;
            let answer = app.request(Request::conf_delete(&user, WEEKLY)).await?;
            anyhow::ensure!(answer.code == ResponseCode::Success, "deleting: {answer:?}");
            page.click("button", "Refresh").await?;
            page.wait_for_text_gone("1 unsaved edit").await?;
            // Not silently: the moderator hears where the edit went.
            page.wait_for_text("Your unsaved edit is kept as a new conference").await?;
            assert!(leaving_asks(&page).await?, "the New conference form holds it now");
            // Its page has nothing to edit any more.
            page.follow(&format!("/{}?tab=edit", conference_path(WEEKLY))).await?;
            page.wait_for_text("This conference no longer exists on the server: there is nothing to edit.").await?;
            assert!(page.all_role("textbox", Some("Name (display-text)")).await?.is_empty(), "no form to type into");
            page.click("link", "Open the form").await?;
            let name = page.find_role("textbox", "Name (display-text)").await?.prop("value").await?;
            assert_eq!(name.as_deref(), Some("Weekly sync, renamed too late"), "what was typed");
            page.click("button", "Create conference").await?;
            page.find_role("heading", "Weekly sync, renamed too late").await?;
            assert!(!leaving_asks(&page).await?, "leaving asks nothing once it is created");
            // Nor does the notice that sent the moderator there stay.
            page.wait_for_text_gone("Your unsaved edit is kept as a new conference").await?;
            Result::Ok(())
        })
        .await;
}

/// A browser whose storage for the site is full (or blocked by a policy) keeps nothing: the moderator is told
/// once, as the first thing the panel keeps is refused, not at the reload that loses it (QA: an unsaved edit
/// and a remembered profile were gone after a reload, and nothing had said so).
#[tokio::test]
async fn a_browser_that_keeps_nothing_is_said_to() {
    Journey::new("panel-storage-full")
        .run(|app| async move {
            let here = format!("{}?tab=edit", conference_path(WEEKLY));
            let page = app.open_at(&here).await?;
            connect(&page, &app).await?;
            page.fill("Subject", "Kept for later").await?;
            page.wait_until("the edit kept", || async {
                Ok(kept_drafts(&page).await?.filter(|d| d.contains("Kept for later")))
            })
            .await?;
            // Beside what the panel kept, an entry it cannot read, in each store: damaged, or of another
            // version's shape. Each is said, and takes nothing else with it (QA: one made every profile and
            // every edit go, and the next write erased them). The password this tab kept goes too, as in a new
            // tab: the Connect form, which says so, is shown.
            let damage = "const d = JSON.parse(sessionStorage.getItem('ccmp-panel:drafts')); \
                d['/ccmp\\nxcon-userid:moderator@example.com\\nxcon:other@example.com'] = {edit: 'cut'}; \
                sessionStorage.setItem('ccmp-panel:drafts', JSON.stringify(d)); \
                const p = JSON.parse(localStorage.getItem('ccmp-panel.profiles')); \
                p.profiles.push({name: 'Odd', server: '/ccmp', conf_user_id: 7}); \
                localStorage.setItem('ccmp-panel.profiles', JSON.stringify(p)); \
                sessionStorage.removeItem('ccmp-panel.this-tab-password');";
            page.client().execute(damage, vec![]).await?;
            page.goto(&format!("{}{}", app.url(), here.trim_start_matches('/'))).await?;
            page.wait_for_text("A saved profile could not be read").await?;
            connect(&page, &app).await?;
            let subject = page.find_role("textbox", "Subject").await?.prop("value").await?;
            assert_eq!(subject.as_deref(), Some("Kept for later"), "the readable edit came back");
            page.wait_for_text("The unsaved edits of 1 conference kept in this tab could not be read back").await?;
            let profiles = page.client().execute("return localStorage.getItem('ccmp-panel.profiles')", vec![]).await?;
            assert!(
                profiles.as_str().is_some_and(|p| p.contains("\"Odd\"")),
                "the odd profile was written over: {profiles}"
            );
            assert!(!page.text().await?.contains("not keeping"), "said before anything was refused");
            // From now on every write is refused, as a browser whose storage is full refuses it.
            let full = "Storage.prototype.setItem = function () { \
                            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };";
            page.client().execute(full, vec![]).await?;
            page.fill("Subject", "Kept nowhere").await?;
            page.find_role("link", "Edit (unsaved changes)").await?;
            page.wait_for_text("This browser is not keeping the panel's data").await?;
            page.wait_for_text("Save your edits before you reload or close this tab.").await?;
            let kept = kept_drafts(&page).await?.unwrap_or_default();
            assert!(!kept.contains("Kept nowhere"), "the browser kept the edit after all: {kept}");
            // Once, however many writes are refused after.
            page.fill("Subject", "Kept nowhere still").await?;
            page.fill("Maximum users", "30").await?;
            let told =
                page.strings("return [...document.querySelectorAll('.notice__title')].map(t => t.textContent)").await?;
            assert_eq!(told.iter().filter(|t| t.contains("not keeping")).count(), 1, "{told:?}");
            Result::Ok(())
        })
        .await;
}

/// What the panel keeps of its drafts in the tab's sessionStorage, if anything.
async fn kept_drafts(page: &Page) -> Result<Option<String>> {
    let kept = page.client().execute("return sessionStorage.getItem('ccmp-panel:drafts')", vec![]).await?;
    Ok(kept.as_str().map(str::to_owned))
}
