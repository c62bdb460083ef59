//! Journey: a moderator on a 375 px wide phone (issue 5: "usable on a 375 px wide phone"). The pages fit
//! the screen, the conferences list shows each conference's name, users, active and locked without
//! scrolling sideways, the users table, which has to scroll, keeps each row's name in view, a reload does
//! not scroll the navigation out of view, and an error's notice shows two lines until asked for more.

use crate::panel::connect;
use crate::support::{Journey, Page, Result};

#[tokio::test]
async fn a_moderator_on_a_phone_reads_the_list_without_scrolling_sideways() {
    Journey::new("panel-phone")
        .run(|app| async move {
            let page = app.open().await?;
            page.client().set_window_size(375, 800).await?;
            page.set_checked("Remember the password in this browser", true).await?;
            connect(&page, &app).await?;
            page.wait_for_text("3 conferences").await?;
            // Each row filled in from its conference (names come first, the rest as each is read).
            let read = "return document.querySelectorAll('tbody tr[aria-busy=\"false\"]').length";
            page.wait_until("the three rows read", || async {
                Ok((page.client().execute(read, vec![]).await?.as_u64() == Some(3)).then_some(()))
            })
            .await?;
            fits(&page, "the conferences list", Some(".conf-list__table")).await?;
            for column in ["Name", "Users", "Active", "Locked"] {
                page.find_role("button", column).await?;
            }
            page.find_text("Product launch all-hands").await?;

            page.click("link", "Product launch all-hands").await?;
            page.find_role("heading", "Product launch all-hands").await?;
            page.find_text("Waiting to join").await?;
            fits(&page, "a conference's overview", None).await?;
            // At 320 px (a phone's page zoomed in), the edit form fits too, the floor control's longest choice
            // included (QA: it ran past the right edge).
            page.client().set_window_size(320, 800).await?;
            page.click("link", "Edit").await?;
            page.find_role("combobox", "Requests to talk").await?;
            fits(&page, "a conference's edit form at 320 px", None).await?;
            // And its breakout rooms, each room's buttons in view without scrolling sideways (QA: they were cut).
            let here = page.url().await?;
            let uri = here.rsplit_once("/conferences/").map(|(_, u)| u.split('?').next().unwrap_or(u).to_owned());
            let uri = uri.ok_or_else(|| anyhow::anyhow!("no conference in {here}"))?;
            let uri = uri.replace("%40", "@");
            crate::panel2_sidebars::open_room_elsewhere(&app, &uri, "Questions and answers", vec![]).await?;
            let erin = ccmp::xcon::User::new("xcon-userid:erin@example.com");
            crate::panel2_sidebars::open_room_elsewhere(&app, &uri, "Room 2", vec![erin]).await?;
            page.click("link", "Breakout rooms").await?;
            page.find_role("button", "Close Questions and answers\u{2026}").await?;
            fits(&page, "the breakout rooms at 320 px", Some(".sidebars__table")).await?;
            page.client().set_window_size(375, 800).await?;

            // The users table is wider than a phone: scrolled sideways, each row keeps its name in view.
            page.click("link", "Users").await?;
            page.find_text("Erin Walsh").await?;
            let scrolled = "const table = document.querySelector('.user-table'); table.scrollLeft = 600; \
                const name = [...table.querySelectorAll('.user-table__name')].find(n => n.querySelector('.user-table__name-text').textContent === 'Erin Walsh'); \
                return [table.scrollLeft, name.getBoundingClientRect().left - table.getBoundingClientRect().left];";
            let at = page.client().execute(scrolled, vec![]).await?;
            let n = |i: usize| at.get(i).and_then(serde_json::Value::as_f64).unwrap_or(f64::NAN);
            anyhow::ensure!(n(0) > 100.0, "the users table did not scroll sideways: {at}");
            anyhow::ensure!((0.0..80.0).contains(&n(1)), "Erin Walsh's name left the table's box: {at}");
            // Her row names the room she is in, whole: not "in…" (QA).
            page.click("button", "Refresh").await?;
            let badge = "const b = document.querySelector('.user-table__room'); \
                return b && b.checkVisibility() ? [b.scrollWidth, b.clientWidth, b.innerText] : null;";
            let badge = page
                .wait_until("Erin's room on her row", || async {
                    let b = page.client().execute(badge, vec![]).await?;
                    Ok((!b.is_null()).then_some(b))
                })
                .await?;
            let width = |i: usize| badge.get(i).and_then(serde_json::Value::as_f64).unwrap_or(f64::NAN);
            anyhow::ensure!(width(0) <= width(1), "the room's badge is cut: {badge}");

            // A reload in the middle of the event (the password remembered): the panel connects by itself and
            // gives the page's content the focus, without scrolling the navigation (above it on a phone) out of
            // view.
            let here = page.url().await?;
            page.goto(&here).await?;
            page.find_text("Erin Walsh").await?;
            crate::panel2::until_focus_on_main(&page).await?;
            at_the_top(&page, "after a reload").await?;

            // An error's notice shows two lines of its explanation until asked for the rest: errors stay, and
            // a few in full would cover the screen.
            page.click("link", "Console").await?;
            page.find_role("combobox", "Request").await?.select_by_value("confRequest").await?;
            page.find_role("combobox", "Operation").await?.select_by_value("retrieve").await?;
            page.fill("confObjID", "xcon:nobody@example.com").await?;
            page.click("button", "Send").await?;
            page.find_role("alert", "Console request: 404").await?;
            let lines = "const d = document.querySelector('.notice--error .notice__detail'); \
                         return d.getBoundingClientRect().height / parseFloat(getComputedStyle(d).lineHeight);";
            let shown = page.client().execute(lines, vec![]).await?.as_f64().unwrap_or(f64::NAN);
            anyhow::ensure!(shown <= 2.1, "the notice shows {shown} lines of its detail on a phone");
            page.click("button", "More").await?;
            page.find_role("button", "Less").await?;
            let opened = page.client().execute(lines, vec![]).await?.as_f64().unwrap_or(f64::NAN);
            anyhow::ensure!(opened > 3.0, "the notice's whole detail takes {opened} lines; more than shown before");
            // A second error stays too (a third of the screen under notices).
            page.fill("confObjID", "xcon:nobody-else@example.com").await?;
            crate::panel2::press_enter_on(&page, "button", "Send").await?;
            page.wait_until("a second error", || async {
                Ok((page.all_role("alert", None).await?.len() >= 2).then_some(()))
            })
            .await?;

            // The console's log and the blueprints keep their own columns: those the list leaves out on a
            // phone are other columns there (the result of each exchange, the purpose of each blueprint).
            let columns = "return [...document.querySelectorAll(arguments[0] + ' thead th')]                              .filter(th => th.offsetParent !== null).map(th => th.innerText.trim())";
            let log = page.client().execute(columns, vec![serde_json::json!(".console__log")]).await?;
            assert_eq!(log, serde_json::json!(["#", "Request", "Operation", "Target", "Result"]), "the log's columns");
            page.click("link", "Blueprints").await?;
            page.find_role("link", "VideoRoom").await?;
            let blueprints = page.client().execute(columns, vec![serde_json::json!("main")]).await?;
            assert_eq!(blueprints, serde_json::json!(["Name", "Purpose", "Actions"]), "the blueprints' columns");

            // The error's notice stays over the bottom of the screen; the page leaves room below its content,
            // so that the last of its buttons can be scrolled out from under it.
            let last_button_free = "window.scrollTo(0, document.documentElement.scrollHeight); \
                const b = [...document.querySelectorAll('main button')].pop().getBoundingClientRect(); \
                const over = [...document.querySelectorAll('.notice')].map(n => n.getBoundingClientRect()) \
                    .filter(n => n.top < b.bottom && b.top < n.bottom && n.left < b.right && b.left < n.right); \
                return over.length ? `under a notice: button ${b.top}-${b.bottom}, notice from ${over[0].top}` : ' is free';";
            let free = page.client().execute(last_button_free, vec![]).await?;
            assert!(free.as_str().is_some_and(|s| s.ends_with(" is free")), "{free}");

            // A conference named at length (over 200 characters): its heading takes three lines at most, so
            // that its tabs are still on the first screen, and the whole name is in its title.
            let long = "Quarterly review of the regional sales teams and partners ".repeat(4);
            let mut conf = ccmp::xcon::Conference::new("xcon:AUTO_GENERATE_1@example.com");
            conf.description_mut().display_text = Some(long.trim().to_owned());
            let made = app.request(ccmp::Request::conf_create(&app.moderator().xcon_user_id(), conf)).await?;
            let uri = made.conf_obj_id.clone().ok_or_else(|| anyhow::anyhow!("no URI: {made:?}"))?;
            page.follow(&format!("/{}", crate::panel::conference_path(&uri))).await?;
            page.find_role_containing("heading", "Quarterly review").await?;
            let tabs = "window.scrollTo(0, 0); \
                const t = [...document.querySelectorAll('a')].find(a => a.textContent.trim() === 'Users'); \
                const h = document.querySelector('h1'); \
                return [t.getBoundingClientRect().bottom, window.innerHeight, \
                        h.getBoundingClientRect().height / parseFloat(getComputedStyle(h).lineHeight), h.title.length];";
            let at = page.client().execute(tabs, vec![]).await?;
            let n = |i: usize| at.get(i).and_then(serde_json::Value::as_f64).unwrap_or(f64::NAN);
            anyhow::ensure!(n(2) <= 3.1, "the heading takes {} lines", n(2));
            anyhow::ensure!(n(3) as usize == long.trim().chars().count(), "the whole name in the title: {at}");
            anyhow::ensure!(n(0) < n(1), "the tabs are below the first screen: {at}");
            Result::Ok(())
        })
        .await;
}

/// Fails unless the page is scrolled to its top.
async fn at_the_top(page: &Page, when: &str) -> Result<()> {
    let y = page.client().execute("return window.scrollY", vec![]).await?;
    anyhow::ensure!(y.as_f64() == Some(0.0), "{when}: the page scrolled to {y}");
    Ok(())
}

/// Fails unless the page is no wider than the screen, nor the element `inside` (when given) than the
/// box it scrolls in.
async fn fits(page: &Page, what: &str, inside: Option<&str>) -> Result<()> {
    let script = "const root = document.documentElement; \
        const el = arguments[0] && document.querySelector(arguments[0]); \
        const box = el && el.parentElement; \
        return [root.scrollWidth, root.clientWidth, box ? box.scrollWidth : 0, box ? box.clientWidth : 0];";
    let sizes = page.client().execute(script, vec![serde_json::json!(inside)]).await?;
    let n = |i: usize| sizes.get(i).and_then(serde_json::Value::as_u64).unwrap_or(u64::MAX);
    anyhow::ensure!(n(0) <= n(1), "{what}: the page is {} px wide on a {} px screen", n(0), n(1));
    anyhow::ensure!(n(2) <= n(3), "{what}: its table is {} px wide in a {} px box", n(2), n(3));
    Ok(())
}
