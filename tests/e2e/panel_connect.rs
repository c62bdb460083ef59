//! Connecting from a link: `?server=` fills in the server. A link to a server the moderator never used
//! (nor this site's, nor the deployment's) is filled in with a warning, and the panel does not connect to
//! it by itself, even for a moderator whose saved profile needs no password.

use crate::panel::connect_as;
use crate::support::{Journey, Result};

const WARNING: &str = "The link that opened the panel chose this server";

#[tokio::test]
async fn a_link_to_a_server_never_used_is_filled_in_with_a_warning_and_not_connected_to() {
    Journey::new("panel-connect-link")
        .server_args(&["--require-credentials", "false"])
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
            assert_eq!(describedby.as_deref(), Some("server-warning"), "the field points to the warning");
            page.find_role("button", "Connect").await?;
            let text = page.text().await?;
            assert!(!text.contains("is not a confUserID") && !text.contains("unreachable"), "no attempt:\n{text}");

            // Changing the server by hand is the moderator's choice: the warning goes.
            page.fill("Server URL", "/ccmp").await?;
            page.wait_for_text_gone(WARNING).await?;
            Result::Ok(())
        })
        .await;
}
