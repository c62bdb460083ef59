//! Part 2, journey 3: a conference with 10,000 users (put in through the server's CCMP interface) renders
//! its users tab with only the rows on screen in the page, filters by text and by role, and scrolls to
//! the last user.

use crate::panel::{conference_path, connect};
use crate::panel2::{rendered_rows, town_hall, wait_summary};
use crate::support::{Journey, Result};

#[tokio::test]
async fn ten_thousand_users_render_filter_and_scroll() {
    Journey::new("panel2-large")
        .run(|app| async move {
            let uri = town_hall(&app, 10_000).await?;
            let page = app.open_at(&format!("{}?tab=users", conference_path(&uri))).await?;
            connect(&page, &app).await?;
            // The creator and the 10,000.
            wait_summary(&page, "10001 users", 120).await?;
            page.find_role("cell", "Participant 0").await?;
            let rows = rendered_rows(&page).await?;
            assert!((10..100).contains(&rows), "only the rows on screen are in the page, not 10,001: {rows}");
            let count = page
                .client()
                .execute(
                    "return document.querySelector('[role=table][aria-label=Users]').getAttribute('aria-rowcount')",
                    vec![],
                )
                .await?;
            assert_eq!(count.as_str(), Some("10002"), "assistive technology learns the whole size");

            // Filter by text.
            page.fill("Filter users", "participant 9999").await?;
            wait_summary(&page, "1 of 10001 users shown", 20).await?;
            page.find_role("cell", "Participant 9999").await?;
            assert_eq!(rendered_rows(&page).await?, 1);

            // By role: one sample user in fifty is a moderator.
            page.fill("Filter users", "").await?;
            page.find_role("combobox", "Show the role").await?.select_by_value("moderator").await?;
            wait_summary(&page, "200 of 10001 users shown", 20).await?;
            page.find_role("cell", "Participant 50").await?;
            page.find_role("combobox", "Show the role").await?.select_by_value("").await?;
            wait_summary(&page, "10001 users", 20).await?;

            // The filter is kept: another tab and back, and it is still there.
            page.fill("Filter users", "participant 4242").await?;
            wait_summary(&page, "1 of 10001 users shown", 20).await?;
            page.click("link", "Overview").await?;
            page.click("link", "Users").await?;
            wait_summary(&page, "1 of 10001 users shown", 60).await?;
            let kept = page.find_role("textbox", "Filter users").await?.prop("value").await?;
            assert_eq!(kept.as_deref(), Some("participant 4242"));
            page.fill("Filter users", "").await?;
            wait_summary(&page, "10001 users", 20).await?;

            // Scrolled to the end, the last user is there.
            page.client()
                .execute("const t = document.querySelector('.user-table'); t.scrollTop = t.scrollHeight;", vec![])
                .await?;
            page.find_role("cell", "Participant 9999").await?;
            assert!(rendered_rows(&page).await? < 100);

            // The details open under the table, which fills most of the screen: they come into view.
            page.client().execute("window.scrollTo(0, 0)", vec![]).await?;
            page.click("button", "Details of Participant 9999").await?;
            page.find_role("region", "Details of Participant 9999").await?;
            let seen = "const r = document.querySelector('.user-detail').getBoundingClientRect(); \
                        return r.top >= 0 && r.top < window.innerHeight;";
            page.wait_until("the details in view", || async {
                Ok(page.client().execute(seen, vec![]).await?.as_bool().unwrap_or(false).then_some(()))
            })
            .await?;
            Result::Ok(())
        })
        .await;
}
