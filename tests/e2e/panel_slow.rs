//! Journey: a bad network. A change whose answer comes after the panel stopped waiting (30 s) may have been
//! made all the same: the panel says so, reads the conference again and shows what is there, so that the
//! moderator does not make it twice (an Add user sent again would add, and dial, the person twice).

use std::time::Duration;

use anyhow::Context;

use ccmp::xcon::MediaStatus;

use crate::panel::{conference_path, connect, create_conference, retrieve};
use crate::panel2::{conference_with_users, connected_user, media_status, user_named, users_of};
use crate::support::{App, Journey, Page, Proxy, Result};

/// Longer than the panel's 30 s.
const LATE: Duration = Duration::from_secs(36);

/// An answer held longer than the journeys wait for a text (20 s), and shorter than the panel's 30 s.
const HELD: Duration = Duration::from_secs(25);

/// A slow answer, well within the panel's 30 s.
const SLOW_READ: Duration = Duration::from_secs(5);

#[tokio::test]
async fn a_change_answered_too_late_is_read_back_not_made_twice() {
    Journey::new("panel-slow")
        .run(|app| async move {
            let people = vec![connected_user("ann", "Ann", "participant"), connected_user("ole", "Ole", "participant")];
            let uri = conference_with_users(&app, "Bad network", people).await?;
            let (proxy, page) = through_proxy(&app, &format!("{}?tab=users", conference_path(&uri))).await?;
            page.wait_for_text("3 users").await?;

            // Mute all, whose answer about Ole comes too late: the server muted him all the same, and the
            // Undo gives both their voice back (QA: it left out the one without an answer).
            proxy.hold_next(&["<operation>update</operation>", "ole@"], LATE);
            page.click("button", "Mute all participants (2)").await?;
            page.click("button", "Mute 2 participants").await?;
            tokio::time::sleep(Duration::from_secs(20)).await;
            assert!(!proxy.armed(), "the mute of Ole went through the proxy");
            page.wait_for_text("Mute audio: finished, 1 of 2 succeeded").await?;
            page.click("button", "Undo: Mute audio (2 users)").await?;
            page.wait_for_text("Undo: Mute audio (2 users): done").await?;
            for name in ["Ann", "Ole"] {
                let user = user_named(&app, &uri, name).await?.context(name)?;
                assert_eq!(media_status(&user, "audio"), Some(MediaStatus::SendRecv), "{name}'s audio after the undo");
            }

            // Add user, whose answer comes too late: the server added Dana all the same.
            proxy.hold_next(&["ccmp-user-request-message-type", "<operation>create</operation>"], LATE);
            page.click("button", "Add user").await?;
            page.fill("Display name", "Dana").await?;
            page.fill("SIP or tel URI", "sip:dana@example.org").await?;
            page.click("button", "Add this user").await?;
            tokio::time::sleep(Duration::from_secs(20)).await;
            assert!(!proxy.armed(), "the Add user went through the proxy");
            page.wait_for_text("the server may have made the change all the same").await?;
            // Read again: the panel says she is in, the form that would add her again goes, the table
            // shows her, and so does the server, once.
            page.wait_for_text("Add Dana: done").await?;
            page.wait_for_role_gone("button", "Add this user").await?;
            page.find_role("cell", "Dana").await?;
            page.wait_for_text("4 users").await?;
            let named =
                users_of(&app, &uri).await?.users.iter().filter(|u| u.display_text.as_deref() == Some("Dana")).count();
            assert_eq!(named, 1, "Dana on the server");

            // A Save whose answer comes too late: the conference read again has the edit, and the page says
            // it was saved (not "try again", not someone else's change).
            page.click("link", "Edit").await?;
            page.fill("Name (display-text)", "Bad network, renamed").await?;
            proxy.hold_next(&["ccmp-conf-request-message-type", "<operation>update</operation>"], LATE);
            page.click("button", "Save changes").await?;
            tokio::time::sleep(Duration::from_secs(20)).await;
            assert!(!proxy.armed(), "the Save went through the proxy");
            page.wait_for_text("No answer came back, but the conference as read now has your edit: it was saved.")
                .await?;
            page.wait_for_role_gone("link", "Edit (unsaved changes)").await?;
            assert!(
                !page.text().await?.contains("changed this conference"),
                "the moderator's own edit as someone else's"
            );
            let now = retrieve(&app, &uri, None).await?;
            let name = now.body.conference().and_then(|c| c.description.as_ref()?.display_text.clone());
            assert_eq!(name.as_deref(), Some("Bad network, renamed"));

            // A Refresh whose answer is slow, overtaken by a Lock: the older answer, which comes last, does not
            // put back the unlocked conference (QA: the page showed it unlocked, and offered Lock again).
            page.click("link", "Overview").await?;
            page.find_role("button", "Lock").await?;
            proxy.hold_next(&["ccmp-conf-request-message-type", "<operation>retrieve</operation>"], SLOW_READ);
            page.click("button", "Refresh").await?;
            tokio::time::sleep(Duration::from_millis(300)).await;
            assert!(!proxy.armed(), "the Refresh went through the proxy");
            page.click("button", "Lock").await?;
            page.wait_for_text("Lock conference: 200 Success").await?;
            page.find_role("button", "Unlock").await?;
            // Looked at once the old answer is in, without waiting: the overview's own read, every 10 s, would
            // put the page right again, and a check that waited would not see it go wrong.
            tokio::time::sleep(SLOW_READ + Duration::from_secs(1)).await;
            assert!(!page.all_role("button", Some("Unlock")).await?.is_empty(), "Unlock gone");
            assert!(page.all_role("button", Some("Lock")).await?.is_empty(), "Lock offered again");
            let now = retrieve(&app, &uri, None).await?;
            let locked = now.body.conference().and_then(|c| c.conference_state.as_ref()?.locked);
            assert_eq!(locked, Some(true), "locked on the server");

            // The audit log says what the read found of the add that got no answer.
            page.click("link", "Audit log").await?;
            page.find_role("cell", "Add Dana (no answer; a read after it found it made)").await?;
            Result::Ok(())
        })
        .await;
}

/// A bulk run does not wait on one slow answer: the others are sent meanwhile. Their answers come in out of
/// order, and the versions they return are all the run's own: no "someone else changed" notice, and the page
/// ends at the server's version. (That an overtaken answer is ignored is `versions`' unit test: a read after
/// the run would put the badge right here too.)
#[tokio::test]
async fn a_slow_answer_does_not_hold_up_the_rest_of_a_bulk_run() {
    Journey::new("panel-slow-bulk")
        .run(|app| async move {
            let names = ["Ann", "Ben", "Cai", "Dev", "Eve", "Flo"];
            let people = names.iter().map(|name| connected_user(&name.to_lowercase(), name, "participant")).collect();
            let uri = conference_with_users(&app, "Slow answers", people).await?;
            let (proxy, page) = through_proxy(&app, &format!("{}?tab=users", conference_path(&uri))).await?;
            page.wait_for_text("7 users").await?;

            // The first request goes alone (the server answers: the others go four at a time); the second is
            // held.
            proxy.hold_next(&["<operation>update</operation>", "ben@"], HELD);
            page.click("button", "Mute all participants (6)").await?;
            page.click("button", "Mute 6 participants").await?;
            // Sent one after the other, the run would stand at "1 of 6" until Ben's answer came.
            page.wait_for_text("Mute audio: 5 of 6").await?;
            assert!(!proxy.armed(), "Ben's mute went through the proxy");
            tokio::time::sleep(HELD).await;
            page.wait_for_text("Mute audio: finished, 6 of 6 succeeded").await?;
            let now = retrieve(&app, &uri, None).await?;
            let version = now.version.context("the conference's version")?;
            page.wait_for_text(&format!("version {version}")).await?;
            let text = page.text().await?;
            assert!(!text.contains("Someone else changed"), "the run's own answers taken for someone else's: {text}");
            for name in names {
                let user = user_named(&app, &uri, name).await?.context(name)?;
                assert_eq!(media_status(&user, "audio"), Some(MediaStatus::RecvOnly), "{name} muted on the server");
            }
            Result::Ok(())
        })
        .await;
}

/// A delete is checked against the conference as it is when confirmed (renamed? joined?): when that read
/// fails, nothing is deleted (QA: behind a proxy's 502, a conference renamed meanwhile was deleted unchecked).
#[tokio::test]
async fn a_delete_whose_check_cannot_be_read_deletes_nothing() {
    Journey::new("panel-slow-delete")
        .allow_console_error("502 (Bad Gateway)")
        .run(|app| async move {
            let uri = create_conference(&app, "Flaky call", None).await?;
            let (proxy, page) = through_proxy(&app, &conference_path(&uri)).await?;
            page.find_role("heading", "Flaky call").await?;
            page.click("button", "Delete").await?;
            page.find_role("dialog", "Delete this conference?").await?;
            page.fill("Type Flaky call to confirm", "Flaky call").await?;
            let reads = ["<operation>retrieve</operation>", uri.as_str()];
            proxy.replace_every(&reads, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
            page.click("button", "Delete for everyone").await?;
            page.wait_for_text("Delete conference: not sent").await?;
            proxy.disarm();
            let still = retrieve(&app, &uri, None).await?;
            assert_eq!(still.code, ccmp::ResponseCode::Success, "the conference is still there: {still:?}");
            Result::Ok(())
        })
        .await;
}

/// A proxy in front of the panel's server, and a browser signed in through it at `path` (below the site's root):
/// what a journey spoils goes through the proxy.
pub async fn through_proxy(app: &App, path: &str) -> Result<(Proxy, Page)> {
    let port = url::Url::parse(app.url())?.port().context("the panel's port")?;
    let proxy = Proxy::start(port).await?;
    let page = app.open().await?;
    page.goto(&format!("{}{}", proxy.url(), path.trim_start_matches('/'))).await?;
    connect(&page, app).await?;
    Ok((proxy, page))
}

/// A Wi-Fi network's sign-in page, as a hotel's answers every request until the moderator accepts its terms.
const SIGN_IN_PAGE: &str = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 55\r\nConnection: close\r\n\r\n<html><body>Hotel Wi-Fi: accept the terms</body></html>";

/// A conference whose creation is answered by a sign-in page (the server made it): the panel finds it in
/// the list, names it and opens it, rather than leave the form for a second click to make another (QA: four
/// times, two conferences, one named "New conference by moderator cloned from AudioRoom"). Then every read
/// of the list meets the page: the panel says something answers in the server's place, and once it is gone
/// finds out by itself and reads the list again (QA: "Is the server URL a CCMP endpoint?", a green rail, and
/// the list's failure on screen after the link was back).
#[tokio::test]
async fn what_a_sign_in_page_hides_is_found_out() {
    Journey::new("panel-sign-in-page")
        .run(|app| async move {
            let (proxy, page) = through_proxy(&app, "conferences/new?blueprint=xcon%3AAudioRoom%40example.com").await?;
            page.fill("Name of the new conference (optional)", "Keynote Q&A").await?;
            proxy.replace_next(&["ccmp-conf-request-message-type", "<operation>create</operation>"], SIGN_IN_PAGE);
            page.click("button", "Create conference").await?;
            page.wait_for_text("Create conference: done").await?;
            page.find_role("heading", "Keynote Q&A").await?;
            assert!(!proxy.armed(), "the creation went through the proxy");
            let user = app.moderator().xcon_user_id();
            let listed = app.request(ccmp::Request::confs(&user)).await?;
            let names: Vec<String> = listed
                .body
                .uris()
                .map(|u| u.entries.iter().filter_map(|e| e.display_text.clone()).collect())
                .unwrap_or_default();
            assert_eq!(names.iter().filter(|n| *n == "Keynote Q&A").count(), 1, "{names:?}");
            assert!(!names.iter().any(|n| n.starts_with("New conference by")), "a conference left unnamed: {names:?}");

            // Its Lock answered by the page too (the server locked it): read back, said to be done, and not put
            // down to someone else.
            proxy.replace_next(&["<operation>update</operation>", "locked>true<"], SIGN_IN_PAGE);
            page.click("button", "Lock").await?;
            page.wait_for_text("Lock conference: done").await?;
            page.find_role("button", "Unlock").await?;
            assert!(!proxy.armed(), "the lock went through the proxy");
            let text = page.text().await?;
            assert!(!text.contains("Changed elsewhere"), "the moderator's own lock put down to someone else:\n{text}");
            assert!(!text.contains("Lock conference: The reply is not CCMP"), "the failure still said:\n{text}");

            // A split into rooms whose first room's answer is the page (the server opened it): counted as
            // opened, not put down to someone else.
            let people = vec![connected_user("ann", "Ann", "participant"), connected_user("ole", "Ole", "participant")];
            let split = conference_with_users(&app, "Split on hotel Wi-Fi", people).await?;
            page.follow(&format!("/{}?tab=sidebars", conference_path(&split).trim_start_matches('/'))).await?;
            page.wait_for_text("No rooms yet.").await?;
            page.fill("Room names", "Red, Blue").await?;
            proxy.replace_next(&["<operation>create</operation>", "Red"], SIGN_IN_PAGE);
            page.click("button", "Split into 2 rooms").await?;
            page.wait_for_text("Split into 2 rooms: finished").await?;
            page.wait_for_text("2 of 2 rooms created (Red, Blue), 2 users shared out among them.").await?;
            assert!(!proxy.armed(), "the first room's creation went through the proxy");
            let text = page.text().await?;
            assert!(!text.contains("Changed elsewhere"), "the panel's own split put down to someone else:\n{text}");

            // Every read of the list answered by the sign-in page.
            page.click("link", "Conferences").await?;
            page.find_role("link", "Keynote Q&A").await?;
            let reads = ["ccmp-confs-request-message-type"];
            proxy.replace_every(&reads, SIGN_IN_PAGE);
            page.click("button", "Refresh").await?;
            page.wait_for_text("open any web site to sign in").await?;
            page.wait_for_text("/ccmp unreachable").await?;
            page.wait_for_text("The last read failed").await?;
            proxy.disarm();
            // Found out within the probe's 10 s, and the list read again.
            page.wait_for_text("The server answers again").await?;
            page.wait_for_text_gone("The last read failed").await?;
            page.find_role("link", "Keynote Q&A").await?;
            Result::Ok(())
        })
        .await;
}

/// An answer to a read of the list with `inner` (its response-code, or none), and `headers`.
fn confs_answer(inner: &str, headers: &str) -> String {
    let body = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><ccmp:ccmpResponse xmlns:ccmp="urn:ietf:params:xml:ns:xcon-ccmp" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><ccmpResponse xsi:type="ccmp:ccmp-confs-response-message-type"><confUserID>xcon-userid:moderator@example.com</confUserID>{inner}<ccmp:confsResponse/></ccmpResponse></ccmp:ccmpResponse>"#
    );
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/ccmp+xml; charset=utf-8\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

/// The server's own answer to a read of the list, a ccmpResponse that has lost its response-code (a server's
/// bug, or a proxy that rewrote it).
fn faulty_answer() -> String {
    confs_answer("", "")
}

/// A CCMP answer the panel cannot read is the server's, told as such: not an outage, nor a Wi-Fi sign-in
/// page in the server's place (QA, protocol fidelity: a reply that echoed its operation as "Create" was met
/// with "open any web site to sign in", a red rail and a probe every 10 s of a server that was answering).
#[tokio::test]
async fn a_faulty_ccmp_answer_is_the_servers_not_an_outage() {
    Journey::new("panel-faulty-answer")
        .run(|app| async move {
            let (proxy, page) = through_proxy(&app, "conferences").await?;
            page.find_role("link", "Product launch all-hands").await?;
            proxy.replace_next(&["ccmp-confs-request-message-type"], &faulty_answer());
            page.click("button", "Refresh").await?;
            page.wait_for_text("The server's answer is not valid CCMP").await?;
            page.wait_for_text("missing <response-code>").await?;
            page.wait_for_text("The list shows the previous read.").await?;
            assert!(!proxy.armed(), "the read went through the proxy");
            let text = page.text().await?;
            for wrong in ["unreachable", "sign in", "CCMP endpoint"] {
                assert!(!text.contains(wrong), "{wrong:?} said of a server that answered:\n{text}");
            }
            // What the list showed stays, and the next read, a good one, shows it again.
            page.find_role("link", "Product launch all-hands").await?;
            page.click("button", "Refresh").await?;
            page.wait_for_text_gone("The last read failed").await?;
            Result::Ok(())
        })
        .await;
}

/// RFC 6503's HTTP, as the brief's section 7 has it: a redirect is followed (a browser re-sends a POST as a
/// bodiless GET after a 301, so the panel sends the message itself, on the same host), and an overloaded
/// server's Retry-After is the wait before the retry it offers (QA, protocol fidelity: "HTTP 405" after a
/// move of the endpoint, and a retry after 1 s of a server that asked for more).
#[tokio::test]
async fn a_moved_endpoint_is_followed_and_retry_after_honoured() {
    Journey::new("panel-http-moved")
        .run(|app| async move {
            let (proxy, page) = through_proxy(&app, "conferences").await?;
            page.find_role("link", "Product launch all-hands").await?;
            let read = ["ccmp-confs-request-message-type"];
            let moved = "HTTP/1.1 301 Moved Permanently\r\nLocation: /ccmp?moved=1\r\nContent-Length: 0\r\n\r\n";
            proxy.replace_next(&read, moved);
            // Made behind the panel's back: the read followed to the new address lists it.
            create_conference(&app, "Moved endpoint", None).await?;
            page.click("button", "Refresh").await?;
            page.find_role("link", "Moved endpoint").await?;
            assert!(!proxy.armed(), "the read went through the proxy");
            let text = page.text().await?;
            for wrong in ["HTTP 405", "The last read failed", "another site"] {
                assert!(!text.contains(wrong), "{wrong:?} after a redirect on the same host:\n{text}");
            }

            proxy.replace_next(&read, &confs_answer("<response-code>510</response-code>", "Retry-After: 4\r\n"));
            page.click("button", "Refresh").await?;
            page.wait_for_text("A retry waits 4 s, as the server asks").await?;
            create_conference(&app, "Retried after", None).await?;
            page.click("button", "Retry").await?;
            page.find_role("link", "Retried after").await?;
            Result::Ok(())
        })
        .await;
}
