//! Journey 5: a conference named `<img src=x onerror=alert(1)>` shows that text, and no script runs.

use crate::panel::{conference_path, connect, create_conference};
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
            connect(&page, &app).await?;
            page.find_role("heading", EVIL).await?;
            page.wait_for_text("&lt;img src=x onerror=alert(1)&gt;").await?;
            // No image element was created from it, and no alert opened (an open alert would also fail
            // every command above).
            let images = page.client().execute("return document.querySelectorAll('img').length", vec![]).await?;
            assert_eq!(images.as_u64(), Some(0), "an <img> element was created from server text");
            assert!(page.client().get_alert_text().await.is_err(), "an alert is open");
            Result::Ok(())
        })
        .await;
}
