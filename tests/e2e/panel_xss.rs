//! Journey 5: a conference named `<img src=x onerror=alert(1)>` shows that text, and no script runs.

use crate::panel::{conference_path, connect, create_conference, retrieve};
use crate::support::{Journey, Result};

const EVIL: &str = "<img src=x onerror=alert(1)>";

#[tokio::test]
async fn server_text_never_becomes_markup() {
    Journey::new("panel-xss")
        .run(|app| async move {
            let uri = create_conference(&app, EVIL, None).await?;
            let page = app.open().await?;
            connect(&page, &app).await?;
            page.wait_for_text(EVIL).await?;
            page.goto(&format!("{}{}?tab=raw", app.url(), conference_path(&uri))).await?;
            crate::panel::until_connected(&page).await?;
            page.find_role("heading", EVIL).await?;
            page.wait_for_text("&lt;img src=x onerror=alert(1)&gt;").await?;
            // No image element was created from it, and no alert opened (an open alert would also fail
            // every command above).
            let images = page.client().execute("return document.querySelectorAll('img').length", vec![]).await?;
            assert_eq!(images.as_u64(), Some(0), "an <img> element was created from server text");
            assert!(page.client().get_alert_text().await.is_err(), "an alert is open");

            // A confObjID holding what a path cannot hold as it is (a percent escape), and what looks like the
            // panel's own escape: its link opens it, and so does a reload (QA: `%2F` came back as `/`, and the
            // page said 404).
            let odd = "xcon:pct%2Fslash~2F@example.com";
            let mut conf = ccmp::xcon::Conference::new(odd);
            conf.description_mut().display_text = Some("Odd address".into());
            let answer = app.request(ccmp::Request::conf_create(&app.moderator().xcon_user_id(), conf)).await?;
            anyhow::ensure!(answer.conf_obj_id.as_deref() == Some(odd), "created as asked: {answer:?}");
            page.click("link", "Conferences").await?;
            page.click("link", "Odd address").await?;
            page.find_role("heading", "Odd address").await?;
            page.wait_for_text(odd).await?;
            crate::panel::reload_connected(&page).await?;
            page.find_role("heading", "Odd address").await?;
            assert!(!page.text().await?.contains("404"), "a 404 on reload");
            // An address written with percent escapes (as a browser or a mail client writes one) is decoded
            // once (QA: the router decoded it twice, and %252F became /).
            page.goto(&format!("{}conferences/xcon%3Apct%252Fslash~7E2F%40example.com", app.url())).await?;
            crate::panel::until_connected(&page).await?;
            page.find_role("heading", "Odd address").await?;
            assert!(!page.text().await?.contains("404"), "a 404 from a percent-escaped address");
            Result::Ok(())
        })
        .await;
}

/// Names hold what participants type: a right-to-left override left open, accents a moderator does not
/// type when looking for someone. The override stays inside the name (QA: "Mute Mallory" followed by it
/// showed as "Mute MallorysseccuS 002 :"), and the filters find names with or without their accents.
#[tokio::test]
async fn a_name_keeps_its_direction_to_itself_and_is_found_without_its_accents() {
    use crate::panel2::{conference_with_users, connected_user};
    const MALLORY: &str = "Mallory\u{202e}";
    Journey::new("panel-odd-names")
        .run(|app| async move {
            let users = vec![
                connected_user("mallory", MALLORY, "participant"),
                connected_user("sean", "Se\u{e1}n O\u{2019}Brien", "participant"),
                connected_user("jose", "Jose\u{301} Garc\u{ed}a", "participant"),
            ];
            let uri = conference_with_users(&app, "Town hall", users).await?;
            let page = app.open_at(&format!("{}?tab=users", conference_path(&uri))).await?;
            connect(&page, &app).await?;
            page.wait_for_text("Garc\u{ed}a").await?;

            // The users' filter and the list's, without the accents (and a precomposed é for a decomposed one).
            page.fill("Filter users", "sean o'brien").await?;
            page.wait_for_text_gone("Garc\u{ed}a").await?;
            page.find_text("Se\u{e1}n O\u{2019}Brien").await?;
            page.fill("Filter users", "jos\u{e9} garcia").await?;
            page.wait_for_text("Garc\u{ed}a").await?;
            page.wait_for_text_gone("O\u{2019}Brien").await?;
            page.fill("Filter users", "").await?;
            // In the users table too, each name is isolated: an override in Mallory's does not turn "(you)", a
            // room's name or the next cell around.
            let isolated = "return [...document.querySelectorAll('.user-table__name-text')] \
                            .map(n => getComputedStyle(n).unicodeBidi)";
            let isolated = page.strings(isolated).await?;
            assert!(!isolated.is_empty() && isolated.iter().all(|b| b == "isolate"), "{isolated:?}");

            // Muting Mallory: the notice's own words come after the name's isolate, which ends its override.
            page.click("button", &format!("Mute {MALLORY}")).await?;
            let title = format!("Mute \u{2068}{MALLORY}\u{2069}: 200 Success");
            page.wait_until("the mute's notice", || async {
                let titles = page
                    .strings("return [...document.querySelectorAll('.notice__title')].map(t => t.textContent)")
                    .await?;
                Ok(titles.contains(&title).then_some(()))
            })
            .await?;

            page.click("link", "Conferences").await?;
            page.fill("Filter conferences", "emile sean").await?;
            page.wait_for_text("No conference matches").await?;
            page.fill("Filter conferences", "sean").await?;
            page.wait_for_text("with Se\u{e1}n O\u{2019}Brien").await?;

            // A conference whose name holds the override is deleted by typing what a keyboard types: the
            // dialog's sentence keeps its order, and the override is not asked for.
            let odd = create_conference(&app, "Gone\u{202e} soon", None).await?;
            page.follow(&format!("/{}", conference_path(&odd))).await?;
            page.click("button", "Delete\u{2026}").await?;
            page.wait_for_text("for everyone in it").await?;
            let body = page.strings("return [document.querySelector('.dialog__body').textContent]").await?;
            assert!(body.iter().any(|b| b.contains("\u{2068}Gone\u{202e}\u{2069} soon for everyone")), "{body:?}");
            page.find_role_containing("textbox", "to confirm").await?.send_keys("Gone soon").await?;
            page.click("button", "Delete for everyone").await?;
            page.find_role("heading", "Conferences").await?;
            let gone = retrieve(&app, &odd, None).await?;
            assert_eq!(gone.code, ccmp::ResponseCode::ObjectNotFound, "deleted on the server");
            Result::Ok(())
        })
        .await;
}
