//! Journey: a moderator with low vision, the page zoomed in (issue 5's look and feel: usable on a narrow
//! screen, every action reachable by keyboard). A notice does not fade while the keyboard is on it, nor at all
//! once the moderator chooses to keep them; a dialog taller than the window scrolls from its title to its
//! buttons.

use std::time::Duration;

use crate::panel::{conference_path, connect, create_conference};
use crate::panel2::focus_main;
use crate::support::{Journey, Page, Result};

/// The text of the notices on screen (not the live region, which keeps what it said for a moment).
async fn notices(page: &Page) -> Result<String> {
    let shown = page.client().execute("return document.querySelector('.notices')?.innerText ?? ''", vec![]).await?;
    Ok(shown.as_str().unwrap_or_default().to_owned())
}

/// Where the element `selector` is against the window: its top and bottom, and the window's height.
async fn placed(page: &Page, selector: &str) -> Result<(f64, f64, f64)> {
    let script = format!(
        "const r = document.querySelector({selector:?}).getBoundingClientRect(); \
         return [r.top, r.bottom, window.innerHeight];"
    );
    let at = page.client().execute(&script, vec![]).await?;
    let n = |i: usize| at.get(i).and_then(serde_json::Value::as_f64).unwrap_or(f64::NAN);
    Ok((n(0), n(1), n(2)))
}

#[tokio::test]
async fn a_zoomed_in_moderator_reads_every_notice_and_reaches_every_button() {
    Journey::new("panel-zoom")
        .run(|app| async move {
            let uri = create_conference(&app, "Zoomed all-hands", None).await?;
            let page = app.open_at(&conference_path(&uri)).await?;
            connect(&page, &app).await?;
            page.find_role("heading", "Zoomed all-hands").await?;

            // A success under the keyboard's focus stays while the moderator is on it (it faded after 6 s,
            // its button focused: QA), and fades once they leave it.
            page.click("button", "Lock").await?;
            crate::panel2::wait_for_notice(&page, "Lock conference: 200 Success").await?;
            page.focus("button", "Dismiss notification").await?;
            tokio::time::sleep(Duration::from_secs(8)).await;
            let shown = notices(&page).await?;
            assert!(shown.contains("Lock conference: 200 Success"), "it faded under the focus: {shown:?}");
            focus_main(&page).await?;
            page.wait_until("the success faded once left", || async {
                Ok((!notices(&page).await?.contains("Lock conference")).then_some(()))
            })
            .await?;

            // Kept until dismissed, as chosen in Settings.
            page.follow("/settings").await?;
            page.set_checked("Keep every notification until I dismiss it", true).await?;
            page.follow(&format!("/{}", conference_path(&uri))).await?;
            page.click("button", "Unlock").await?;
            crate::panel2::wait_for_notice(&page, "Unlock conference: 200 Success").await?;
            tokio::time::sleep(Duration::from_secs(8)).await;
            let shown = notices(&page).await?;
            assert!(shown.contains("Unlock conference: 200 Success"), "a kept notice faded: {shown:?}");
            // On a wide screen the kept notice has a column of its own beside the page, as errors do (QA: kept
            // notices covered the page's right-hand controls).
            page.client().set_window_size(1700, 900).await?;
            page.wait_until("the page beside the kept notice", || async {
                let room = "return parseFloat(getComputedStyle(document.querySelector('main')).paddingRight)";
                Ok((page.client().execute(room, vec![]).await?.as_f64().unwrap_or(0.0) > 300.0).then_some(()))
            })
            .await?;
            // Not at 1280 px: there the column squeezed the users table, its last columns out of view (QA).
            page.client().set_window_size(1280, 900).await?;
            page.wait_until("the page's whole width back at 1280 px", || async {
                let room = "return parseFloat(getComputedStyle(document.querySelector('main')).paddingRight)";
                Ok((page.client().execute(room, vec![]).await?.as_f64().unwrap_or(f64::NAN) < 100.0).then_some(()))
            })
            .await?;
            // Kept no longer: what was kept fades as a new notice would (QA: it stayed for good).
            page.follow("/settings").await?;
            page.set_checked("Keep every notification until I dismiss it", false).await?;
            page.wait_until("the kept notice faded", || async {
                Ok((!notices(&page).await?.contains("Unlock conference")).then_some(()))
            })
            .await?;
            page.follow(&format!("/{}", conference_path(&uri))).await?;
            page.find_role("heading", "Zoomed all-hands").await?;

            // 400% zoom: a window 320 px wide and 240 tall. The Delete dialog is taller than that: it starts
            // at its title, and its buttons scroll into view as the keyboard reaches them (QA: centred, its
            // title was above the screen and its buttons below, out of reach).
            crate::panel2::dismiss_notices(&page).await?;
            page.client().set_window_size(320, 240).await?;
            page.click("button", "Delete").await?;
            page.find_role("dialog", "Delete this conference?").await?;
            // Its field has the focus, scrolled into view; scrolled back, the title shows.
            page.client().execute("document.querySelector('.dialog__backdrop').scrollTop = 0", vec![]).await?;
            let (top, _, _) = placed(&page, ".dialog__title").await?;
            let (_, bottom, height) = placed(&page, ".dialog").await?;
            anyhow::ensure!(bottom > height, "the dialog fits the window, which proves nothing: {bottom} of {height}");
            anyhow::ensure!(top >= 0.0, "the dialog's title is above the window: {top}");
            page.focus("button", "Cancel").await?;
            let (top, bottom, height) = placed(&page, ".dialog__actions .button:focus").await?;
            anyhow::ensure!(top >= 0.0 && bottom <= height, "Cancel is out of view: {top} to {bottom} of {height}");
            Result::Ok(())
        })
        .await;
}
