//! Journey 2: a password-protected conference: 423, the password prompt, a wrong password (422), the
//! right one (200); then a change the guest's role does not allow (401, explained).

use crate::panel::{conference_path, connect_as, create_conference};
use crate::support::{Journey, Result};

#[tokio::test]
async fn a_protected_conference_asks_for_its_password() {
    // The server lets its moderators in without the conference password, so the one who meets the
    // prompt is a guest: a confUserID without credentials, which the server accepts with this flag.
    Journey::new("panel-password")
        .server_args(&["--require-credentials", "false"])
        .run(|app| async move {
            let uri = create_conference(&app, "Board meeting", Some("s3cret-pin")).await?;

            // A deep link: the connect view first, then the conference page right away.
            let page = app.open_at(&conference_path(&uri)).await?;
            connect_as(&page, "xcon-userid:guest@example.com", "", "").await?;
            page.find_role("dialog", "Conference password").await?;
            page.wait_for_text("is protected by a password").await?;
            page.wait_for_text("423 Conference Password Required").await?;
            // Nothing to act on before the conference is read: no Lock or Delete waits behind the prompt.
            for action in ["Lock", "Delete"] {
                anyhow::ensure!(page.all_role("button", Some(action)).await?.is_empty(), "{action} before the read");
            }

            page.fill("Conference password", "wrong-pin").await?;
            page.click("button", "Retry with this password").await?;
            page.wait_for_text("was wrong").await?;
            page.wait_for_text("422 Invalid Conference Password").await?;

            page.fill("Conference password", "s3cret-pin").await?;
            page.click("button", "Retry with this password").await?;
            page.find_role("heading", "Board meeting").await?;
            page.wait_for_text_gone("Conference password").await?;

            // A guest may read it but not lock it: 401, and the notification says why.
            page.click("button", "Lock").await?;
            page.wait_for_text("Lock conference: 401").await?;
            page.wait_for_text("your role does not allow this").await?;
            // The error waiting to be dismissed shows in the tab's title too.
            assert_eq!(page.client().title().await?, "(1) Board meeting \u{b7} CCMP panel");
            // On the conference's own page its notice does not name it again (it would only stand taller).
            let about = "return [...document.querySelectorAll('.notice')] \
                         .filter(n => n.textContent.includes('Lock conference: 401')) \
                         .map(n => n.querySelector('.notice__about')?.textContent ?? '(no conference named)')";
            assert_eq!(page.strings(about).await?, ["(no conference named)"], "the notice on the conference's page");

            // The console has the three exchanges, and no password in what it shows.
            page.click("link", "Console").await?;
            page.wait_for_text("423 Conference Password Required").await?;
            page.wait_for_text("422 Invalid Conference Password").await?;
            page.wait_for_text("200 Success").await?;
            let text = page.text().await?;
            assert!(!text.contains("s3cret-pin") && !text.contains("wrong-pin"), "passwords leak into the console");
            // The notice is still up on another page: there it says which conference it is about.
            assert_eq!(
                page.strings(about).await?,
                ["Board meeting"],
                "the notice of the refused Lock, from the console"
            );

            // 401 is also what a password changed meanwhile brings: the notice offers to sign in again. The
            // moderator, a guest here, thinks better of it.
            page.click("button", "Sign in again").await?;
            page.find_role("dialog", "Sign in again").await?;
            page.click("button", "Cancel").await?;
            page.wait_for_role_gone("dialog", "Sign in again").await?;
            crate::panel::until_dialog_step_gone(&page).await?;
            page.client().back().await?;
            page.find_role("button", "Lock").await?;
            Result::Ok(())
        })
        .await;
}
