//! Journey: the request console. The composer builds a request from its fields (here an extendedRequest,
//! confSummaryRequest), sends it, and the log shows the exchange with its code, both XML documents and the
//! commands that replay it; raw XML goes out as written, and text that is not a CCMP request is refused
//! before anything is sent; the answer comes into view. An error's notice leads to its exchange, and the
//! log narrows to what failed.

use ccmp::{Request, ResponseCode};

use crate::panel::{connect, create_conference};
use crate::support::{Journey, Page, Result};

const ALL_HANDS: &str = "xcon:all-hands@example.com";

#[tokio::test]
async fn a_moderator_composes_sends_and_replays_requests_in_the_console() {
    Journey::new("panel-console")
        .run(|app| async move {
            let page = app.open().await?;
            connect(&page, &app).await?;
            page.click("link", "Console").await?;
            page.find_role("heading", "Request console").await?;

            // A sidebar request given a conference's URI (no sidebar): its 404 speaks of a sidebar, and takes
            // nothing off the conferences list (QA: the conference left it, and came back marked new).
            page.find_role("combobox", "Request").await?.select_by_value("sidebarByValRequest").await?;
            page.fill("confObjID", ALL_HANDS).await?;
            page.click("button", "Send").await?;
            page.find_role_containing("heading", "sidebarByValRequest \u{2014} 404").await?;
            page.wait_for_text("There is no such breakout room (sidebar) on the server").await?;
            page.click("link", "Conferences").await?;
            let row = "return [...document.querySelectorAll('tbody tr')] \
                       .map(r => r.innerText).find(t => t.includes('Product launch all-hands')) || null";
            page.wait_until("the all-hands row", || async {
                Ok(page.client().execute(row, vec![]).await?.as_str().map(str::to_owned))
            })
            .await
            .and_then(|text| {
                anyhow::ensure!(!text.contains("new"), "the conference is marked new: {text}");
                Ok(())
            })?;
            page.click("link", "Console").await?;

            // From the fields: the server's one extension, which takes only retrieve.
            page.find_role("combobox", "Request").await?.select_by_value("extendedRequest").await?;
            page.find_role("combobox", "Operation").await?.select_by_value("delete").await?;
            page.wait_for_text("None of the server's extensions takes the delete operation.").await?;
            page.find_role("combobox", "Operation").await?.select_by_value("retrieve").await?;
            page.fill("confObjID", ALL_HANDS).await?;
            page.wait_for_text("Name the extension (extensionName).").await?;
            page.fill("extensionName", "confSummaryRequest").await?;
            page.click("button", "Send").await?;
            page.find_role_containing("heading", "extendedRequest \u{2014} 200 Success").await?;
            // The answer comes into view and takes the focus (the moderator stayed on Send).
            exchange_in_view(&page).await?;
            page.find_role("cell", ALL_HANDS).await?;
            // The decoded answer: the summary the server wrote, shown as text.
            page.wait_for_text("<title>Product launch all-hands</title>").await?;

            // Replaying it from a shell: the commands carry the request and take the password from the
            // shell; the page never holds it. The curl command, run as copied, gets the same answer.
            let curl = field_value(&page, "curl").await?;
            // It stops, saying so, when the password's variable is not set (rather than send none).
            assert!(curl.starts_with(": \"${CCMP_PASSWORD:?") && curl.contains("| curl -sS"), "{curl}");
            assert!(curl.contains("application/ccmp+xml"), "{curl}");
            assert!(curl.contains(&format!("{}ccmp", app.url())) && curl.contains("confSummaryRequest"), "{curl}");
            // The details say where it went: the replay goes there, whichever server the panel is on later.
            page.wait_for_text(&format!("sent to {}ccmp at ", app.url())).await?;
            assert!(curl.contains("<password>'\"$(printf '%s' \"${CCMP_PASSWORD}\""), "{curl}");
            let send = field_value(&page, "ccmp send").await?;
            assert!(send.contains("&& printf '%s' ") && send.contains("| ccmp send 'http"), "{send}");
            let password = app.moderator().password;
            for shown in [&curl, &send, &page.text().await?] {
                assert!(!shown.contains(&password), "the moderator's password shows in the console");
            }
            let replay =
                tokio::process::Command::new("sh").args(["-c", &curl]).env("CCMP_PASSWORD", &password).output().await?;
            let answer = String::from_utf8_lossy(&replay.stdout);
            assert!(answer.contains("<response-code>200</response-code>"), "the replay: {answer}");
            assert!(answer.contains("Product launch all-hands"), "the replay: {answer}");
            let unset =
                tokio::process::Command::new("sh").args(["-c", &curl]).env_remove("CCMP_PASSWORD").output().await?;
            assert!(!unset.status.success() && unset.stdout.is_empty(), "sent without the password");
            assert!(String::from_utf8_lossy(&unset.stderr).contains("set CCMP_PASSWORD first"));

            // Raw XML, written from the fields and edited: an extension this server does not know is 501.
            // A conference password typed in the composer's masked field stays out of the XML on screen.
            page.fill("conference-password", "pin-4321").await?;
            page.click("button", "Write the fields as XML").await?;
            let raw = field_value(&page, "Raw XML").await?;
            assert!(raw.contains("<extensionName>confSummaryRequest</extensionName>"), "{raw}");
            assert!(!raw.contains("pin-4321"), "the XML shows the password: {raw}");
            page.wait_for_text("The conference password typed above is added when it names the confObjID above")
                .await?;
            // The composer says what Send sends, above all once the fields no longer match the XML.
            page.wait_for_text("Send sends the raw XML; the fields are not used.").await?;
            page.find_role("combobox", "Request").await?.select_by_value("confRequest").await?;
            page.wait_for_text("The fields changed since the XML was written from them: Send sends the XML").await?;
            set_raw(&page, &raw.replace("confSummaryRequest", "confTeleportRequest")).await?;
            // A look at another page keeps what the composer holds.
            page.click("link", "Conferences").await?;
            page.click("link", "Console").await?;
            let kept = field_value(&page, "Raw XML").await?;
            assert!(kept.contains("confTeleportRequest"), "the raw XML survived another page: {kept}");
            // Ctrl+Enter in the XML sends it, as in mail and chat (QA: only the button did).
            let xml = page.client().find(fantoccini::Locator::Css("textarea[name=raw]")).await?;
            xml.send_keys("\u{e009}\u{e007}").await?;
            page.find_role_containing("heading", "extendedRequest \u{2014} 501 Not Implemented").await?;

            // Text that is not a CCMP request never leaves the browser.
            let logged = page.all_role("row", None).await?.len();
            set_raw(&page, "<confsRequest/>").await?;
            page.click("button", "Send").await?;
            page.find_role("alert", "The XML is not a CCMP request").await?;
            assert_eq!(page.all_role("row", None).await?.len(), logged, "nothing was sent");

            // The operation on screen is the one sent, also after a request that takes none (QA: the box
            // showed retrieve while the delete picked before was sent), and a delete asks first.
            page.click("button", "Clear the XML").await?;
            // What was wrong with it goes with it (QA: it stayed over the emptied box).
            page.wait_for_role_gone("alert", "The XML is not a CCMP request").await?;
            page.find_role("combobox", "Request").await?.select_by_value("confRequest").await?;
            page.find_role("combobox", "Operation").await?.select_by_value("delete").await?;
            page.find_role("combobox", "Request").await?.select_by_value("optionsRequest").await?;
            page.find_role("combobox", "Request").await?.select_by_value("confRequest").await?;
            let shown = "return document.querySelector('select[name=operation]').value";
            assert_eq!(page.client().execute(shown, vec![]).await?.as_str(), Some("delete"), "the operation shown");
            page.fill("confObjID", ALL_HANDS).await?;
            page.click("button", "Send").await?;
            page.find_role("dialog", "Send this delete?").await?;
            page.wait_for_text(&format!("This confRequest deletes {ALL_HANDS} on the server.")).await?;
            page.click("button", "Cancel").await?;
            page.wait_for_role_gone("dialog", "Send this delete?").await?;
            assert_eq!(page.all_role("row", None).await?.len(), logged, "nothing was sent");
            let still = app.request(Request::conf_retrieve(&app.moderator().xcon_user_id(), ALL_HANDS)).await?;
            assert_eq!(still.code, ResponseCode::Success, "the conference is still there");
            // A request offers the operations RFC 6503 gives it: a blueprintRequest only retrieves (QA: it
            // offered create, update and delete), and the delete picked before does not go with it.
            page.find_role("combobox", "Request").await?.select_by_value("blueprintRequest").await?;
            let offered = "return [...document.querySelectorAll('select[name=operation] option:not([disabled])')] \
                             .map(o => o.value + (o.selected ? '*' : ''))";
            assert_eq!(page.strings(offered).await?, ["retrieve*"], "a blueprintRequest's operations");
            page.find_role("combobox", "Request").await?.select_by_value("confRequest").await?;
            page.find_role("combobox", "Operation").await?.select_by_value("delete").await?;

            // A userRequest's delete takes one user out, and the question says so (QA: it read as the
            // conference's deletion).
            page.find_role("combobox", "Request").await?.select_by_value("userRequest").await?;
            page.fill("userInfo entity (empty: yourself)", "xcon-userid:erin@example.com").await?;
            page.click("button", "Send").await?;
            page.find_role("dialog", "Send this delete?").await?;
            page.wait_for_text(&format!("This userRequest removes xcon-userid:erin@example.com from {ALL_HANDS}."))
                .await?;
            page.click("button", "Cancel").await?;
            page.wait_for_role_gone("dialog", "Send this delete?").await?;

            // From the keyboard, showing an exchange of the log moves the focus to it (it comes after the
            // whole log: QA counted 497 Tabs).
            page.client().execute("document.querySelector('.console__row:last-child button').focus()", vec![]).await?;
            crate::panel2::press(&page, crate::panel2::ENTER).await?;
            exchange_in_view(&page).await?;
            Result::Ok(())
        })
        .await;
}

#[tokio::test]
async fn an_error_notice_leads_to_its_exchange_and_the_log_narrows_to_failures() {
    Journey::new("panel-console-failures")
        .run(|app| async move {
            let uri = create_conference(&app, "Retrospective", None).await?;
            let page = app.open().await?;
            connect(&page, &app).await?;
            page.click("link", "Retrospective").await?;
            page.find_role("heading", "Retrospective").await?;

            // Someone else deletes it; the moderator's Lock meets a 404, and its notice offers the exchange.
            let answer = app.request(Request::conf_delete(&app.moderator().xcon_user_id(), &uri)).await?;
            assert_eq!(answer.code, ResponseCode::Success, "{answer:?}");
            page.click("button", "Lock").await?;
            page.wait_for_text("Lock conference: 404").await?;
            page.click("link", "Show in console").await?;

            // The console opens on it: the request, the answer, what the panel was doing, in view and focused.
            page.find_role_containing("heading", "confRequest \u{2014} 404").await?;
            page.wait_for_text("Lock conference, sent to ").await?;
            // Its notice has done its work: it goes, and no longer covers the log.
            page.wait_for_text_gone("Lock conference: 404").await?;
            assert!(page.url().await?.contains("/console?exchange="), "{}", page.url().await?);
            exchange_in_view(&page).await?;
            page.wait_for_text(&uri).await?;

            // The log narrows to the failures, then to the lock among them, then to nothing.
            let all = body_rows(&page).await?;
            page.find_role("combobox", "Show").await?.select_by_value("failed").await?;
            let failed = page
                .wait_until("the log to list only failures", || async {
                    let rows = body_rows(&page).await?;
                    Ok((rows.len() < all.len()).then_some(rows))
                })
                .await?;
            assert!(failed.iter().any(|r| r.contains("Lock conference") && r.contains("404")), "{failed:?}");
            assert!(failed.iter().all(|r| !r.contains("200 Success")), "{failed:?}");
            page.fill("Filter requests", "LOCK").await?;
            let lock = page
                .wait_until("the log to list the lock alone", || async {
                    let rows = body_rows(&page).await?;
                    Ok((rows.len() == 1).then_some(rows))
                })
                .await?;
            assert!(lock[0].contains(&uri) && lock[0].contains("update"), "{lock:?}");
            page.fill("Filter requests", "teleport").await?;
            page.wait_for_text("No request matches.").await?;

            // What the moderator chose to list stays while they look elsewhere.
            page.click("link", "Conferences").await?;
            page.click("link", "Console").await?;
            assert_eq!(field_value(&page, "Filter requests").await?, "teleport");

            // A link to an exchange the log no longer holds says so.
            page.follow("/console?exchange=99999").await?;
            page.wait_for_text("Request #99999 is no longer in the console's log").await?;

            // The log is found by the name of what it is about, and a reload of the tab keeps it, the failure
            // with its answer (QA: a reload lost it all).
            page.follow("/console").await?;
            page.find_role("combobox", "Show").await?.select_by_value("all").await?;
            page.fill("Filter requests", "retrospective").await?;
            page.wait_until("the log to list the lock by the conference's name", || async {
                let rows = body_rows(&page).await?;
                Ok(rows.iter().any(|r| r.contains("Lock conference") && r.contains("Retrospective")).then_some(()))
            })
            .await?;
            crate::panel::reload_connected(&page).await?;
            page.follow("/console").await?;
            page.fill("Filter requests", "lock conference").await?;
            let kept = page
                .wait_until("the lock, kept through the reload", || async {
                    let rows = body_rows(&page).await?;
                    Ok((rows.len() == 1).then_some(rows))
                })
                .await?;
            assert!(kept[0].contains("404") && kept[0].contains(&uri), "{kept:?}");
            let id = kept[0].split_whitespace().next().unwrap_or_default().to_owned();
            page.click("button", &format!("Show exchange {id}: Lock conference")).await?;
            page.wait_for_text("<response-code>404</response-code>").await?;
            Result::Ok(())
        })
        .await;
}

/// Waits for the selected exchange to take the keyboard focus, and checks that its heading is wholly on
/// screen.
async fn exchange_in_view(page: &Page) -> Result<()> {
    page.wait_until("the exchange to take the focus", || async {
        Ok((page.focused().await? == "Selected exchange").then_some(()))
    })
    .await?;
    let detail = page.find_role("region", "Selected exchange").await?;
    let script = "const r = arguments[0].querySelector('h2').getBoundingClientRect(); \
                  return [r.top, r.bottom, innerHeight];";
    let at: (f64, f64, f64) =
        serde_json::from_value(page.client().execute(script, vec![serde_json::to_value(&detail)?]).await?)?;
    assert!(at.0 >= 0.0 && at.1 <= at.2, "the exchange's heading is not in view (top, bottom, screen): {at:?}");
    Ok(())
}

/// The text of each row of the console's log, newest first.
async fn body_rows(page: &Page) -> Result<Vec<String>> {
    let mut rows = Vec::new();
    for row in page.all_role("row", None).await?.into_iter().skip(1) {
        rows.push(row.text().await?);
    }
    Ok(rows)
}

async fn field_value(page: &Page, label: &str) -> Result<String> {
    let field = page.find_role("textbox", label).await?;
    Ok(field.prop("value").await?.unwrap_or_default())
}

/// Sets the raw XML field in one go (typing a whole document key by key takes seconds).
async fn set_raw(page: &Page, xml: &str) -> Result<()> {
    let field = page.find_role("textbox", "Raw XML").await?;
    let script = "arguments[0].value = arguments[1]; \
                  arguments[0].dispatchEvent(new Event('input', { bubbles: true }))";
    page.client().execute(script, vec![serde_json::to_value(&field)?, serde_json::json!(xml)]).await?;
    Ok(())
}
