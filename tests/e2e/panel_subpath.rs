//! The panel served under a path (`ccmp-server --base-path /tools/ccmp/`, as behind a reverse proxy that
//! forwards that path): the same build, with its pages, links, deep links, Back and the default server all
//! under the path.

use crate::panel::conference_path;
use crate::support::{Journey, Result};

const WEEKLY: &str = "xcon:weekly-sync@example.com";

#[tokio::test]
async fn under_a_path_every_page_link_and_reload_stays_under_it() {
    Journey::new("panel-subpath")
        .server_args(&["--base-path", "/tools/ccmp/"])
        .run(|app| async move {
            let base = app.url().to_owned();
            assert!(base.ends_with("/tools/ccmp/"), "the harness serves the panel under the path: {base}");
            // A deep link, opened in a new browser: the connect view first, its server the one under the path.
            let page = app.open_at(&format!("{}?tab=users", conference_path(WEEKLY))).await?;
            let deep = format!("{base}{}?tab=users", conference_path(WEEKLY));
            let field = page.find_role("textbox", "Server URL").await?;
            assert_eq!(field.prop("value").await?.as_deref(), Some("/tools/ccmp/ccmp"));
            page.set_checked("Remember the password in this browser", true).await?;
            crate::panel::connect(&page, &app).await?;
            page.wait_for_text("Alice Martin").await?;
            assert_eq!(page.url().await?, deep, "connecting kept the page asked for");

            // Every link of the page is under the path (the rail's, the tabs', the crumbs').
            let outside = page
                .strings(
                    "return [...document.querySelectorAll('a[href]')].map(a => a.href)\
                       .filter(h => !h.startsWith(document.baseURI))",
                )
                .await?;
            assert!(outside.is_empty(), "links outside the panel's path: {outside:?}");
            // The skip link names this page (a bare #main would be the base's address, another page).
            let skip = page.strings("return [document.querySelector('.shell__skip').href]").await?;
            assert_eq!(skip, vec![format!("{deep}#main")]);

            // The rail, then Back: pages and addresses under the path.
            page.click("link", "Blueprints").await?;
            page.find_role("heading", "Blueprints").await?;
            assert_eq!(page.url().await?, format!("{base}blueprints"));
            page.client().back().await?;
            page.wait_for_text("Alice Martin").await?;
            assert_eq!(page.url().await?, deep);

            // The list, and a conference from it.
            page.click("link", "Conferences").await?;
            page.find_role("heading", "Conferences").await?;
            page.click("link", "Weekly team sync").await?;
            page.find_role("heading", "Weekly team sync").await?;
            assert_eq!(page.url().await?, format!("{base}{}", conference_path(WEEKLY)));

            // A reload of a deep link: the page again (the server sends index.html, its files under the path).
            page.goto(&deep).await?;
            page.wait_for_text("Alice Martin").await?;
            // The path alone, without its slash, is the panel's start: the list.
            page.goto(base.trim_end_matches('/')).await?;
            page.find_role("heading", "Conferences").await?;
            assert_eq!(page.url().await?, format!("{base}conferences"));
            Result::Ok(())
        })
        .await;
}
