//! Connecting from a link: `?server=` fills in the server. A link to a server the moderator never used
//! (nor this site's, nor the deployment's) is filled in with a warning, and the panel does not connect to
//! it by itself, even for a moderator whose saved profile needs no password.

use anyhow::Context;
use ccmp::Request;

use crate::panel::{conference_path, connect, connect_as, create_conference};
use crate::support::{Journey, Page, Proxy, Result};

const WARNING: &str = "The link that opened the panel chose this server";

#[tokio::test]
async fn a_link_to_a_server_never_used_is_filled_in_with_a_warning_and_not_connected_to() {
    Journey::new("panel-connect-link")
        .server_args(&["--require-credentials", "false"])
        // The server that does not answer, at the end.
        .allow_console_error("ERR_CONNECTION_REFUSED")
        .allow_console_error("Failed to fetch")
        .run(|app| async move {
            // This site's own server, by a link: no warning.
            let page = app.open_at("?server=/ccmp").await?;
            page.find_role("button", "Connect").await?;
            assert!(!page.text().await?.contains(WARNING), "this site's own server is no stranger");

            // A saved profile that needs no password (someone without credentials, whom this server takes
            // at their confUserID's word), then a reload: it connects by itself.
            connect_as(&page, "xcon-userid:guest@example.com", "", "").await?;
            page.goto(app.url()).await?;
            page.find_role("navigation", "Main").await?;
            page.wait_for_role_gone("button", "Connect").await?;

            // A link to another server: filled in, with the warning, and nothing sent there.
            let elsewhere = "http://127.0.0.1:9/ccmp";
            page.goto(&format!("{}?server={elsewhere}", app.url())).await?;
            page.wait_for_text(WARNING).await?;
            let field = page.find_role("textbox", "Server URL").await?;
            assert_eq!(field.prop("value").await?.as_deref(), Some(elsewhere));
            let describedby = field.attr("aria-describedby").await?;
            assert_eq!(describedby.as_deref(), Some("server-hint server-warning"), "the field points to the warning");
            page.find_role("button", "Connect").await?;
            let text = page.text().await?;
            assert!(!text.contains("is not a confUserID") && !text.contains("unreachable"), "no attempt:\n{text}");

            // A link whose "path" the browser reads as another host (`/\host`: a backslash is a slash to it):
            // the warning too, and Connect refuses it, sending nothing (QA: it passed for this site, and the
            // password went to the other host).
            page.goto(&format!("{}?server=/%5C127.0.0.1:9/ccmp", app.url())).await?;
            page.wait_for_text(WARNING).await?;
            page.fill("confUserID", "xcon-userid:guest@example.com").await?;
            page.click("button", "Connect").await?;
            page.wait_for_text("holds a backslash or a control character").await?;
            let text = page.text().await?;
            assert!(!text.contains("did not answer") && !text.contains("Connect: "), "nothing was sent:\n{text}");

            // Changing the server by hand is the moderator's choice: the warning goes.
            page.fill("Server URL", "/ccmp").await?;
            page.wait_for_text_gone(WARNING).await?;

            // A server written without its scheme is refused, saying how to write it: the browser would
            // have read it as a page of this site and sent the credentials there.
            page.fill("Server URL", "ccmp.example.org/ccmp").await?;
            page.fill("confUserID", "xcon-userid:guest@example.com").await?;
            page.click("button", "Connect").await?;
            page.wait_for_text("write https://ccmp.example.org/ccmp").await?;
            let text = page.text().await?;
            assert!(!text.contains("Connect: "), "nothing was sent:\n{text}");

            // A server that does not answer: the connect view says where it tried, and what to check.
            // (A port free a moment ago; nothing listens there now.)
            let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
            let nowhere = format!("http://127.0.0.1:{port}/ccmp");
            page.fill("Server URL", &nowhere).await?;
            page.click("button", "Connect").await?;
            page.wait_for_text(&format!("The server did not answer at {nowhere} (")).await?;
            page.wait_for_text("Check the URL, and that the server is running.").await?;
            assert!(!page.text().await?.contains("Connect: Server unreachable"), "said once, not in a notice too");
            Result::Ok(())
        })
        .await;
}

/// What the browser keeps of the saved profiles.
async fn stored_profiles(page: &crate::support::Page) -> Result<String> {
    let stored = page.client().execute("return localStorage.getItem('ccmp-panel.profiles') || ''", vec![]).await?;
    Ok(stored.as_str().unwrap_or_default().to_owned())
}

#[tokio::test]
async fn a_remembered_password_is_stored_sealed_and_one_stored_plain_is_sealed_on_the_next_load() {
    Journey::new("panel-connect-sealed")
        .run(|app| async move {
            let password = app.moderator().password.clone();
            let page = app.open().await?;
            page.set_checked("Remember the password in this browser", true).await?;
            // Half the credentials: said before anything is sent (QA: the password alone was dropped, and the
            // server's 424 asked again for what the form had).
            let moderator = app.moderator();
            page.fill("confUserID", &moderator.conf_user_id).await?;
            page.fill("Username", &moderator.username).await?;
            page.click("button", "Connect").await?;
            page.wait_for_text("Enter the password for \u{201c}moderator\u{201d}, or clear the username").await?;
            page.fill("Username", "").await?;
            page.fill("Password", "not-the-password").await?;
            page.click("button", "Connect").await?;
            page.wait_for_text("A password goes with a username: enter the username, or clear the password").await?;
            // A mistyped password: the connect view says what the server said, and what to check.
            page.fill("Username", &moderator.username).await?;
            page.fill("Password", "not-the-password").await?;
            page.click("button", "Connect").await?;
            page.wait_for_text(
                "The server refused this identity (401 Unauthorized): \u{201c}unknown username or wrong password\u{201d}. \
                 Check the username and the password, and what the server says.",
            )
            .await?;
            // Said once: no notice repeats it (a screen reader would hear it twice).
            let notices = page.client().execute("return document.querySelector('.notices')?.innerText ?? ''", vec![]).await?;
            assert!(!notices.as_str().unwrap_or_default().contains("Connect"), "a notice as well: {notices}");
            connect(&page, &app).await?;
            let stored = stored_profiles(&page).await?;
            assert!(stored.contains("\"sealed_password\":\"aes-gcm:"), "the profile holds a sealed password");
            assert!(!stored.contains(&password), "and not the password itself");
            // Disconnect stays disconnected, the password remembered or not (QA: it connected again at once,
            // and the moderator could neither sign out nor pick another profile).
            page.follow("/settings").await?;
            page.click("button", "Disconnect every tab from this server").await?;
            page.find_role("button", "Connect").await?;
            tokio::time::sleep(std::time::Duration::from_secs(2)).await;
            page.find_role("button", "Connect").await?;
            page.find_text("Not connected").await?;
            // A reload too, until the moderator connects again (QA: on a shared machine, a reload signed back in).
            page.goto(app.url()).await?;
            page.find_role("button", "Connect").await?;
            tokio::time::sleep(std::time::Duration::from_secs(2)).await;
            page.find_role("button", "Connect").await?;
            // Their Connect, with the password the browser remembers filled in for them.
            page.wait_until("the remembered password filled in", || async {
                let typed = page.client().execute("return document.querySelector('input[name=password]').value", vec![]).await?;
                Ok((typed.as_str() == Some(password.as_str())).then_some(()))
            })
            .await?;
            page.click("button", "Connect").await?;
            page.wait_for_role_gone("button", "Connect").await?;

            // A reload opens it and connects by itself.
            page.goto(app.url()).await?;
            page.find_role("navigation", "Main").await?;
            page.wait_for_role_gone("button", "Connect").await?;

            // A profile an earlier version stored with the password in plain text: it still connects by
            // itself, and the password is sealed in its place.
            let moderator = app.moderator();
            let old = serde_json::json!({
                "profiles": [{ "name": "old", "server": "/ccmp", "conf_user_id": moderator.conf_user_id,
                               "username": moderator.username, "password": password }],
                "last_used": "old",
            });
            let script = "localStorage.setItem('ccmp-panel.profiles', arguments[0])";
            page.client().execute(script, vec![old.to_string().into()]).await?;
            page.goto(app.url()).await?;
            page.find_role("navigation", "Main").await?;
            page.wait_for_role_gone("button", "Connect").await?;
            page.wait_until("the plain password sealed", || async {
                let stored = stored_profiles(&page).await?;
                Ok((stored.contains("aes-gcm:") && !stored.contains(&password)).then_some(()))
            })
            .await?;

            // Forgetting the profile takes it out of the browser at once, and its Undo puts it back as it was,
            // its sealed password included.
            page.follow("/settings").await?;
            page.click("button", "Disconnect every tab from this server").await?;
            page.click("button", "Forget this profile").await?;
            page.wait_for_text("\u{201c}old\u{201d} is no longer saved in this browser.").await?;
            let stored = stored_profiles(&page).await?;
            assert!(!stored.contains("\"old\"") && !stored.contains("aes-gcm:"), "forgotten: {stored}");
            // Nor is its password left in the form, for the next Connect to remember again.
            // (A password field has no role to find it by.)
            let typed = "return document.querySelector('input[name=password]').value";
            let typed = page.client().execute(typed, vec![]).await?;
            assert_eq!(typed.as_str(), Some(""), "the forgotten profile's password is still in the form");
            page.click("button", "Undo").await?;
            page.wait_until("the profile back", || async {
                let stored = stored_profiles(&page).await?;
                Ok((stored.contains("\"name\":\"old\"") && stored.contains("aes-gcm:")).then_some(()))
            })
            .await?;

            // Without its key (the site's data cleared), a sealed password cannot be opened: the panel
            // asks for it, and stores none.
            let clear = "const done = arguments[0]; const r = indexedDB.deleteDatabase('ccmp-panel'); \
                         r.onsuccess = r.onerror = r.onblocked = () => done(true);";
            // From a page of the site that is not the panel, which holds the database open.
            page.goto(&format!("{}config.json", app.url())).await?;
            page.client().execute_async(clear, vec![]).await?;
            page.goto(app.url()).await?;
            page.wait_for_text("enter it to continue").await?;
            page.find_role("button", "Connect").await?;
            let stored = stored_profiles(&page).await?;
            assert!(!stored.contains("aes-gcm:") && !stored.contains(&password), "nothing left to open: {stored}");

            // A browser that cannot seal (no IndexedDB, as in some private windows): the password is not
            // remembered, and the moderator is told so.
            page.client().execute("Object.defineProperty(window, 'indexedDB', { value: undefined })", vec![]).await?;
            page.set_checked("Remember the password in this browser", true).await?;
            connect(&page, &app).await?;
            page.wait_for_text("The password was not remembered").await?;
            let stored = stored_profiles(&page).await?;
            assert!(!stored.contains("aes-gcm:") && !stored.contains(&password), "nothing kept: {stored}");
            Result::Ok(())
        })
        .await;
}

/// The moderator's password is changed on the server during an event: the next request is refused (401),
/// the moderator signs in again with the new one, and the password the browser remembers follows, so that
/// the next visit connects by itself instead of failing with the old one.
#[tokio::test]
async fn a_password_changed_on_the_server_is_given_once_and_the_remembered_one_follows() {
    Journey::new("panel-connect-new-password")
        .run(|app| async move {
            let page = app.open().await?;
            page.set_checked("Remember the password in this browser", true).await?;
            connect(&page, &app).await?;
            page.wait_for_text("3 conferences").await?;
            let before = stored_profiles(&page).await?;
            assert!(before.contains("aes-gcm:"), "remembered: {before}");

            let new_password = "changed-at-the-break-42";
            app.restart_server_with_password(new_password).await?;
            // The list on auto-refresh is the first to meet the refusal: a read nobody asked for, which still
            // offers to sign in again (once, however many reads are refused).
            page.find_role("combobox", "Auto-refresh").await?.select_by_value("5").await?;
            page.wait_for_text("The server refused the panel's credentials").await?;
            page.wait_for_text("refused the credentials: sign in again").await?;
            // Until then the panel's own reads wait: sent every 5 s with a refused password, they could get the
            // account locked on a server that counts failures.
            let refusals = || async {
                let log = app.server_log().await;
                Result::Ok(log.lines().filter(|l| l.contains("code=401")).count())
            };
            // (A second for any read already on its way when the first refusal came back.)
            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
            let refused = refusals().await?;
            tokio::time::sleep(std::time::Duration::from_secs(11)).await;
            assert_eq!(refusals().await?, refused, "reads sent with the refused password");
            // Put off once (Cancel), the offer stays: the panel's reads still wait for it.
            page.click("button", "Sign in again").await?;
            page.find_role("dialog", "Sign in again").await?;
            page.click("button", "Cancel").await?;
            page.wait_for_role_gone("dialog", "Sign in again").await?;
            page.wait_for_text("The server refused the panel's credentials").await?;
            // A read the moderator asks for meets the refusal too, and says so.
            page.click("button", "Refresh").await?;
            page.wait_for_text("List conferences: 401").await?;
            // A wrong password is not "signed in" (QA: said while the server refused it, and the page then
            // stayed as read): the server's refusal is said, and the offer comes back.
            let sign_in = |password: &'static str| {
                let page = page.clone();
                async move {
                    page.click("button", "Sign in again").await?;
                    let dialog = page.find_role("dialog", "Sign in again").await?;
                    let fields = dialog.find_all(fantoccini::Locator::Css("input")).await?;
                    anyhow::ensure!(fields.len() == 2, "a username and a password field: {}", fields.len());
                    fields[1].send_keys(password).await?;
                    page.click("button", "Use these credentials").await?;
                    page.wait_for_role_gone("dialog", "Sign in again").await
                }
            };
            sign_in("not-the-new-one").await?;
            page.wait_for_text("Signing in again as moderator was refused").await?;
            page.wait_for_text("The server refused the panel's credentials").await?;
            assert!(!page.text().await?.contains("Signed in again"), "signed in with a wrong password");
            sign_in(new_password).await?;
            page.wait_for_text("Signed in again as moderator").await?;
            // What told of the refusal goes once the server takes the credentials (QA: it stayed, counted in
            // the tab's title).
            page.wait_for_text_gone("List conferences: 401").await?;
            page.wait_for_text_gone("Signing in again as moderator was refused").await?;
            // The list is read again at once with them; the server takes them, and the browser remembers them.
            page.wait_for_text("Remembered password updated").await?;
            page.wait_for_text_gone("The server refused the panel's credentials").await?;
            let after = stored_profiles(&page).await?;
            assert!(after.contains("aes-gcm:") && after != before, "sealed again: {after}");
            assert!(!after.contains(new_password), "never in plain text: {after}");

            // The next visit opens the new password and connects by itself; the list still reads itself
            // every 5 s, as chosen in this browser tab.
            page.goto(app.url()).await?;
            page.find_role("navigation", "Main").await?;
            page.wait_for_role_gone("button", "Connect").await?;
            page.wait_for_text("3 conferences").await?;
            let auto = page.find_role("combobox", "Auto-refresh").await?.prop("value").await?;
            assert_eq!(auto.as_deref(), Some("5"), "the interval chosen before the reload");

            // Changed again while the panel was closed: the next visit says the password the browser
            // remembered is the one refused (QA: "check the username and the password" named neither).
            app.restart_server_with_password("changed-again-43").await?;
            page.goto(app.url()).await?;
            page.wait_for_text("The password this browser remembered was refused").await?;
            page.find_role("button", "Connect").await?;
            Result::Ok(())
        })
        .await;
}

#[tokio::test]
async fn a_server_that_wants_credentials_asks_for_them_and_the_panel_connects_with_them() {
    Journey::new("panel-connect-credentials")
        .run(|app| async move {
            let moderator = app.moderator().clone();
            let page = app.open().await?;
            // The moderator forgets the credentials: the server answers 424, and the panel asks for them. The
            // confUserID is typed as its address alone, which is taken as the XCON-USERID it names.
            let address = moderator.conf_user_id.trim_start_matches("xcon-userid:");
            anyhow::ensure!(address != moderator.conf_user_id, "an XCON-USERID: {}", moderator.conf_user_id);
            page.fill("confUserID", address).await?;
            page.click("button", "Connect").await?;
            let dialog = page.find_role("dialog", "Credentials required").await?;
            // Until the server takes the identity, the panel does not call it connected.
            page.wait_for_text(&format!("Connecting to /ccmp as {}", moderator.conf_user_id)).await?;
            let fields = dialog.find_all(fantoccini::Locator::Css("input")).await?;
            anyhow::ensure!(fields.len() == 2, "a username and a password field: {}", fields.len());
            fields[0].send_keys(&moderator.username).await?;
            fields[1].send_keys(&moderator.password).await?;
            page.click("button", "Retry with these credentials").await?;
            // The same optionsRequest, resent with them, opens the connection.
            page.wait_for_role_gone("button", "Connect").await?;
            page.wait_for_text(&format!("{} on /ccmp", moderator.conf_user_id)).await?;
            page.wait_for_text("3 conferences").await?;
            // The profile saved keeps the username given in the prompt (not the password: "remember"
            // was not ticked), so that next time only the password is asked for.
            let stored = stored_profiles(&page).await?;
            assert!(stored.contains(&format!("\"username\":\"{}\"", moderator.username)), "{stored}");
            assert!(!stored.contains(&moderator.password), "no password stored: {stored}");
            Result::Ok(())
        })
        .await;
}

/// The notices shown, by title.
async fn notice_titles(page: &Page) -> Result<Vec<String>> {
    page.strings("return [...document.querySelectorAll('.notice__title')].map(e => e.textContent)").await
}

/// Changing servers: what the panel knew of the server left does not follow the moderator to the next one,
/// which may know the same conferences and users by the same names. An Undo kept from the first server
/// would act on the second.
#[tokio::test]
async fn changing_servers_leaves_the_first_servers_undo_notices_and_conferences_behind() {
    Journey::new("panel-change-server")
        .run(|app| async move {
            let origin = app.url().trim_end_matches('/').to_owned();
            let other = app.another_server(&["--cors-origin", &origin, "--moderator-password", "other-pass"]).await?;
            create_conference(&app, "Only on the first server", None).await?;
            // Both servers were seeded alike: the same weekly sync, with the same Bob Chen.
            let sync = "xcon:weekly-sync@example.com";
            let page = app.open_at(&format!("{}?tab=users", conference_path(sync))).await?;
            connect(&page, &app).await?;
            page.click("button", "Promote Bob Chen").await?;
            page.click("button", "Make moderator").await?;
            page.wait_for_text("Promote Bob Chen: 200 Success").await?;
            page.find_role("button", "Undo: Promote Bob Chen").await?;
            // An error notice, which stays until dismissed.
            page.follow("/conferences/xcon:no-such-conference@example.com").await?;
            page.wait_until("the 404's notice", || async {
                Ok(notice_titles(&page).await?.iter().any(|t| t.contains("404")).then_some(()))
            })
            .await?;

            page.follow("/settings").await?;
            page.click("button", "Disconnect every tab from this server").await?;
            page.fill("Server URL", &other.ccmp_url()).await?;
            connect_as(&page, "xcon-userid:moderator@example.com", "moderator", "other-pass").await?;
            let titles = notice_titles(&page).await?;
            assert!(titles.iter().all(|t| !t.contains("404")), "the first server's notices went with it: {titles:?}");

            // The same conference on the second server: its Bob was never promoted, and nothing offers to undo it.
            page.follow(&format!("/{}?tab=users", conference_path(sync))).await?;
            page.find_role("button", "Promote Bob Chen").await?;
            assert!(
                page.all_role("button", Some("Undo: Promote Bob Chen")).await?.is_empty(),
                "the first server's undo does not follow the moderator"
            );
            let me = other.moderator().xcon_user_id();
            let read = other.request(Request::conf_retrieve(&me, sync)).await?;
            let bob = (read.body.conference().and_then(|c| c.users.as_ref()).into_iter())
                .flat_map(|u| &u.users)
                .find(|u| u.display_text.as_deref() == Some("Bob Chen"))
                .cloned()
                .expect("the second server has Bob Chen");
            assert!(!bob.has_role("moderator"), "nothing reached the second server: {bob:?}");

            // The audit log tells the two servers' changes apart: the same conference URI is another
            // conference on each.
            page.click("button", "Promote Bob Chen").await?;
            page.click("button", "Make moderator").await?;
            page.wait_for_text("Promote Bob Chen: 200 Success").await?;
            page.click("link", "Audit log").await?;
            page.wait_for_text("When\tServer\tWho").await?;
            let rows = "return [...document.querySelectorAll('.audit__row')].map(r => r.innerText)";
            let rows = page.strings(rows).await?;
            let promoted_on = |server: &str| rows.iter().any(|r| r.contains("Promote Bob Chen") && r.contains(server));
            assert!(
                promoted_on(&other.ccmp_url()) && promoted_on("\t/ccmp\t"),
                "each change with its server: {rows:?}"
            );

            // Its list is its own.
            page.follow("/conferences").await?;
            page.find_role("cell", "Weekly team sync").await?;
            page.wait_until("the list read", || async {
                let text = page.text().await?;
                Ok(text.contains("read at").then_some(text))
            })
            .await?;
            assert!(
                !page.text().await?.contains("Only on the first server"),
                "the first server's conference is not listed"
            );
            Result::Ok(())
        })
        .await;
}

/// A deployment presets the server and the user in `config.json`, edited without a build; a file the panel
/// cannot use (a misspelled key) is told on the connect view rather than quietly ignored (QA).
#[tokio::test]
async fn config_json_presets_the_connect_view_and_a_wrong_one_is_told() {
    Journey::new("panel-connect-config")
        .run(|app| async move {
            let deployed = app.scratch_dir().join("deployed-dist");
            std::fs::create_dir(&deployed)?;
            for entry in std::fs::read_dir(app.dist())? {
                let entry = entry?;
                std::fs::copy(entry.path(), deployed.join(entry.file_name()))?;
            }
            let config = serde_json::json!({
                "server": format!("{}ccmp", app.url()),
                "confUserID": "xcon-userid:moderator@example.com",
                "username": "moderator",
            });
            std::fs::write(deployed.join("config.json"), config.to_string())?;
            app.restart_serving(Some(deployed.clone())).await?;
            let page = app.open().await?;
            let value = |label: &'static str| {
                let page = &page;
                async move { Result::Ok(page.find_role("textbox", label).await?.prop("value").await?) }
            };
            page.wait_until("the presets of config.json", || async {
                Ok((value("Username").await?.as_deref() == Some("moderator")).then_some(()))
            })
            .await?;
            assert_eq!(value("Server URL").await?.as_deref(), Some(format!("{}ccmp", app.url()).as_str()));
            assert_eq!(value("confUserID").await?.as_deref(), Some("xcon-userid:moderator@example.com"));

            std::fs::write(deployed.join("config.json"), r#"{"serverUrl": "https://ccmp.example.org/ccmp"}"#)?;
            page.goto(app.url()).await?;
            page.wait_for_text("config.json could not be used (unknown field `serverUrl`").await?;
            assert_eq!(value("Server URL").await?.as_deref(), Some("/ccmp"), "the default");
            Result::Ok(())
        })
        .await;
}

/// One moderator, several tabs of one browser (QA): the audit log lists every tab's changes, a Disconnect in
/// one tab disconnects the tabs on the same server and not those on another, and a reload of a tab goes back
/// to the server that tab was on, not to the one another tab connected to since (it connected to the other
/// server, and said the conference on screen "may have been deleted").
#[tokio::test]
async fn tabs_sign_out_together_and_each_reloads_onto_its_own_server() {
    Journey::new("panel-connect-tabs")
        .run(|app| async move {
            let origin = app.url().trim_end_matches('/').to_owned();
            let other = app.another_server(&["--cors-origin", &origin, "--moderator-password", "other-pass"]).await?;
            let only_first = create_conference(&app, "Only on the first server", None).await?;
            let page = app.open_at("conferences").await?;
            page.set_checked("Remember the password in this browser", true).await?;
            connect(&page, &app).await?;
            page.find_role("cell", "Only on the first server").await?;
            let first_tab = page.client().window().await?;
            // A change made in this tab.
            page.follow(&format!("/{}", conference_path(&only_first))).await?;
            page.click("button", "Lock").await?;
            page.wait_for_text("Lock conference: 200 Success").await?;

            // A second tab connects by itself (the password is remembered), then moves to the other server.
            let second_tab = page.client().new_window(true).await?;
            page.client().switch_to_window(second_tab.handle.clone()).await?;
            // Its audit log lists the first tab's change too (QA: each tab listed only its own, and a tab closed
            // took its record with it).
            page.goto(&format!("{}audit", app.url())).await?;
            page.find_role("cell", "Lock conference (another tab)").await?;
            page.wait_for_text("1 change from this browser (1 of them from its other tabs").await?;
            // Filtered, it counts the other tabs' changes among those that match (QA: among all of them).
            page.fill("Filter the audit log", "Unlock").await?;
            page.wait_for_text("0 of 1 changes from this browser match; the CSV holds the ones that match.").await?;
            page.fill("Filter the audit log", "").await?;
            page.goto(&format!("{}settings", app.url())).await?;
            page.click("button", "Disconnect every tab from this server").await?;
            page.fill("Server URL", &other.ccmp_url()).await?;
            page.fill("Save as profile", "Backup").await?;
            page.set_checked("Remember the password in this browser", true).await?;
            connect_as(&page, "xcon-userid:moderator@example.com", "moderator", "other-pass").await?;

            // The first tab was disconnected by that Disconnect, and says why.
            page.client().switch_to_window(first_tab.clone()).await?;
            page.wait_for_text("Disconnected in another tab").await?;
            page.find_role("button", "Connect").await?;
            // Connected again, it sends again: the notice that nothing more is sent from it goes (QA: it
            // stayed, and told a moderator at work that their actions were not sent).
            connect(&page, &app).await?;
            page.find_role("heading", "Only on the first server").await?;
            page.wait_for_text_gone("Disconnected in another tab").await?;
            // Reloaded, it connects to its own server again by itself: its conference is listed.
            page.goto(&format!("{}conferences", app.url())).await?;
            page.find_role("cell", "Only on the first server").await?;
            let footer = page.text().await?;
            assert!(!footer.contains(&other.ccmp_url()), "the first tab is on the first server: {footer}");

            // A Disconnect from the other server, in the second tab, leaves the first tab's server alone (QA:
            // changing servers in one tab cut off the live tabs on the other).
            page.client().switch_to_window(second_tab.handle.clone()).await?;
            page.follow("/settings").await?;
            page.click("button", "Disconnect every tab from this server").await?;
            page.find_role("button", "Connect").await?;
            page.client().switch_to_window(first_tab.clone()).await?;
            tokio::time::sleep(std::time::Duration::from_secs(2)).await;
            assert!(!page.text().await?.contains("Disconnected in another tab"), "the first tab was disconnected");
            page.find_role("navigation", "Main").await?;
            assert!(page.all_role("button", Some("Connect")).await?.is_empty(), "the first tab shows Connect");

            // A third tab on the first server changes server in itself alone: the first tab goes on (QA: its
            // "change server" cut off the moderator's other conference, in the tab beside it).
            let third_tab = page.client().new_window(true).await?;
            page.client().switch_to_window(third_tab.handle.clone()).await?;
            page.goto(&format!("{}settings", app.url())).await?;
            page.click("button", "Change server in this tab").await?;
            page.find_role("button", "Connect").await?;
            page.client().close_window().await?;
            page.client().switch_to_window(first_tab.clone()).await?;
            tokio::time::sleep(std::time::Duration::from_secs(2)).await;
            assert!(!page.text().await?.contains("Disconnected in another tab"), "the first tab was disconnected");
            assert!(page.all_role("button", Some("Connect")).await?.is_empty(), "the first tab shows Connect");

            // The saved profiles follow the other tabs (QA: each connect view kept the list it read first, and
            // a Forget there wrote that list back, bringing back a profile another tab had forgotten).
            page.follow("/settings").await?;
            page.click("button", "Disconnect every tab from this server").await?;
            page.find_role("button", "Connect").await?;
            let listed =
                || page.strings("return [...document.querySelectorAll('select option')].map(o => o.textContent)");
            assert!(listed().await?.iter().any(|o| o == "Backup"), "the second tab's profile is listed");
            page.client().switch_to_window(second_tab.handle).await?;
            let name = page.find_role("textbox", "Save as profile").await?.prop("value").await?;
            assert_eq!(name.as_deref(), Some("Backup"), "the second tab shows its own profile");
            page.click("button", "Forget this profile").await?;
            page.wait_for_text("Profile forgotten").await?;
            page.client().switch_to_window(first_tab).await?;
            page.wait_until("the forgotten profile gone from the first tab's list", || async {
                Ok((!listed().await?.iter().any(|o| o == "Backup")).then_some(()))
            })
            .await?;
            // The first tab forgets its own profile, and undoes that: "Backup" stays forgotten.
            let own = page.find_role("textbox", "Save as profile").await?.prop("value").await?.unwrap_or_default();
            assert!(!own.is_empty() && own != "Backup", "the first tab shows its own profile: {own:?}");
            page.click("button", "Forget this profile").await?;
            page.wait_for_text("Profile forgotten").await?;
            assert!(!stored_profiles(&page).await?.contains(&own), "forgotten in storage");
            page.click("button", "Undo").await?;
            page.wait_until("the first tab's profile back in its list", || async {
                Ok(listed().await?.contains(&own).then_some(()))
            })
            .await?;
            let stored = stored_profiles(&page).await?;
            assert!(stored.contains(&own), "the undo put it back in storage: {stored}");
            assert!(!stored.contains("Backup"), "a Forget in one tab brought back what another tab forgot: {stored}");
            Result::Ok(())
        })
        .await;
}

/// A server that fails optionsRequest alone (an HTTP 404 here) but answers the rest: the panel connects,
/// assumes RFC 6503's base set and says so, in a notice and in Settings, instead of refusing to connect.
#[tokio::test]
async fn a_server_that_fails_options_alone_is_connected_to_with_the_base_set_said() {
    Journey::new("panel-connect-no-options")
        // The browser logs the 404 it got.
        .allow_console_error("the server responded with a status of 404 (Not Found)")
        .run(|app| async move {
            let port = url::Url::parse(app.url())?.port().context("the panel's port")?;
            let proxy = Proxy::start(port).await?;
            let page = app.open().await?;
            page.goto(&proxy.url()).await?;
            proxy.replace_next(
                &["ccmp-options-request-message-type"],
                "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nNot Found",
            );
            connect(&page, &app).await?;
            assert!(!proxy.armed(), "the optionsRequest went through the proxy");
            page.wait_for_text("Capabilities assumed").await?;
            page.wait_for_text(
                "The server did not say what it supports (its optionsRequest failed: HTTP 404 Not Found); the \
                 panel assumes RFC 6503's base set",
            )
            .await?;
            // The rest of the server answers as before: the list is read.
            page.wait_for_text("3 conferences").await?;
            page.click("link", "Settings").await?;
            page.wait_for_text("Assumed: RFC 6503's base set, because its optionsRequest failed: HTTP 404 Not Found.")
                .await?;
            Result::Ok(())
        })
        .await;
}
