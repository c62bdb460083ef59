//! The smoke test: the release panel loads without a console error and shows the server's answer to a
//! real CCMP request.

use ccmp::{Request, ResponseBody, ResponseCode};

use crate::panel::connect;
use crate::support::Journey;

#[tokio::test]
async fn the_panel_loads_cleanly_and_shows_the_servers_conferences() {
    Journey::new("smoke")
        .run(|app| async move {
            // What the server itself says: the conferences it seeded on first start.
            let moderator = app.moderator();
            let answer = app.request(Request::confs(&moderator.xcon_user_id())).await?;
            assert_eq!(answer.code, ResponseCode::Success, "confsRequest: {answer:?}");
            let ResponseBody::Confs(confs) = &answer.body else { panic!("not a confsResponse: {answer:?}") };
            let seeded: Vec<String> = confs
                .info
                .iter()
                .flat_map(|uris| &uris.entries)
                .map(|entry| entry.display_text.clone().unwrap_or_else(|| entry.uri.clone()))
                .collect();
            assert!(!seeded.is_empty(), "a fresh server seeds example conferences");

            let page = app.open().await?;
            connect(&page, &app).await?;
            // The Connect button went: the page's content has the focus.
            crate::panel2::until_focus_on_main(&page).await?;
            for name in &seeded {
                page.wait_for_text(name).await?;
            }
            // The tab has the panel's icon (the browser asks for no /favicon.ico).
            let icon = "const link = document.querySelector('link[rel=icon]'); \
                        if (!link) return 'no icon link'; \
                        const r = await fetch(link.href); \
                        return r.status + ' ' + r.headers.get('content-type');";
            let icon = page.client().execute(&format!("return (async () => {{ {icon} }})()"), vec![]).await?;
            assert_eq!(icon.as_str(), Some("200 image/svg+xml"), "the tab's icon");
            // "/" sent the panel to the list in place of itself: Back leaves the panel, rather than landing
            // on "/" and being sent to the list again.
            page.client().back().await?;
            let left = page.url().await?;
            assert!(!left.starts_with(app.url()), "Back from the list leaves the panel: {left}");
            // The console is checked by the harness when the journey ends: no error, no wasm panic.
            Ok(())
        })
        .await;
}
