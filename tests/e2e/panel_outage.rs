//! Journey 4: the server stops mid-session: an error notification; it comes back: the panel recovers.

use crate::panel::connect;
use crate::support::{Journey, Result};

#[tokio::test]
async fn the_panel_survives_a_server_restart() {
    Journey::new("panel-outage")
        .allow_console_error("ERR_CONNECTION_REFUSED")
        .allow_console_error("Failed to fetch")
        .run(|app| async move {
            let page = app.open().await?;
            connect(&page, &app).await?;
            page.wait_for_text("conferences \u{b7} read at").await?;

            app.stop_server().await?;
            page.click("button", "Refresh").await?;
            page.find_role("alert", "List conferences: Server unreachable").await?;
            page.wait_for_text("unreachable").await?;
            // The list read before stays on screen.
            page.wait_for_text("The list shows the previous read").await?;

            app.restart_server().await?;
            page.click("button", "Refresh").await?;
            page.wait_for_text("The server is reachable again").await?;
            page.wait_for_text_gone("The last read failed").await?;
            Result::Ok(())
        })
        .await;
}
