//! Journey: every page, tab and dialog of the panel passes axe-core's accessibility rules (names and
//! labels, roles and ARIA states, contrast, landmarks, ...), as a screen-reader or keyboard user meets them,
//! and shows its fields' placeholders whole.
//! Once in the light theme and once in the dark one (whose colours are checked for contrast too).

use ccmp::xcon::{Endpoint, EndpointStatus, User};
use ccmp::{Request, ResponseCode};

use crate::panel::connect;
use crate::support::{App, Journey, Page, Result};

#[tokio::test]
async fn every_page_tab_and_dialog_passes_axe() {
    Journey::new("panel-a11y").run(|app| every_page(app, false)).await;
}

#[tokio::test]
async fn every_page_tab_and_dialog_passes_axe_in_the_dark_theme() {
    Journey::new("panel-a11y-dark").browser_args(&["--force-dark-mode"]).run(|app| every_page(app, true)).await;
}

async fn every_page(app: App, dark: bool) -> Result<()> {
    // Someone waits to be admitted to the all-hands (it confirms each join), so that its users tab shows
    // the waiting room too.
    let newcomer = User {
        display_text: Some("Zoe Quinn".into()),
        endpoints: vec![Endpoint { status: Some(EndpointStatus::Pending), ..Endpoint::new("sip:zoe@example.org") }],
        ..User::new("xcon-userid:AUTO_GENERATE_1@example.com")
    };
    let me = app.moderator().xcon_user_id();
    let added = app.request(Request::user_add(&me, "xcon:all-hands@example.com", newcomer)).await?;
    anyhow::ensure!(added.code == ResponseCode::Success, "adding a newcomer: {added:?}");

    let page = app.open().await?;
    let scheme = page.client().execute("return matchMedia('(prefers-color-scheme: dark)').matches", vec![]).await?;
    assert_eq!(scheme.as_bool(), Some(dark), "the page sees the theme this run checks");
    page.find_role("heading", "Connect to a CCMP server").await?;
    check(&page, "the connect view").await?;
    connect(&page, &app).await?;
    page.wait_for_text("Product launch all-hands").await?;
    check(&page, "the conference list").await?;

    page.click("link", "Product launch all-hands").await?;
    page.find_role("heading", "Product launch all-hands").await?;
    check(&page, "a conference's overview").await?;
    for (tab, shows) in [
        ("Users", "1 person waiting to join"),
        ("Admission", "Join handling"),
        ("Breakout rooms", "Q&A breakout"),
        ("Edit", "Name (display-text)"),
        ("Raw XML", "conference-description"),
    ] {
        page.click("link", tab).await?;
        page.wait_for_text(shows).await?;
        check(&page, &format!("the {tab} tab")).await?;
    }

    // An edit left unsaved marks its tab here and its row in the list (checked below).
    page.click("link", "Edit").await?;
    page.fill("Subject", "An edit left for later").await?;
    page.click("link", "Overview").await?;
    page.find_role("link", "Edit (unsaved changes)").await?;
    check(&page, "a conference with an unsaved edit").await?;

    // The dialogs: the shortcuts overlay and a removal's confirmation.
    page.click("link", "Users").await?;
    page.click("button", "Shortcuts").await?;
    page.find_role("dialog", "Keyboard shortcuts").await?;
    check(&page, "the shortcuts overlay").await?;
    page.click("button", "Close").await?;
    page.click("checkbox", "Select Erin Walsh").await?;
    page.click("button", "Remove selected").await?;
    page.find_role("dialog", "Remove").await?;
    check(&page, "the removal dialog").await?;
    page.click("button", "Cancel").await?;

    for (link, heading) in [
        ("Blueprints", "Blueprints"),
        ("Console", "Request console"),
        ("Audit log", "Audit log"),
        ("Settings", "Settings"),
    ] {
        page.click("link", link).await?;
        page.find_role("heading", heading).await?;
        check(&page, &format!("the {link} page")).await?;
    }
    page.click("link", "Conferences").await?;
    page.wait_for_text("1 unsaved edit").await?;
    check(&page, "the conference list with an unsaved edit").await?;
    page.click("link", "New conference").await?;
    page.find_role("heading", "New conference").await?;
    check(&page, "the new conference page").await?;
    Result::Ok(())
}

/// Fails with every rule axe finds broken on the page as it stands.
async fn check(page: &Page, what: &str) -> Result<()> {
    let violations = page.accessibility_violations().await?;
    anyhow::ensure!(violations.is_empty(), "{what} breaks accessibility rules:\n{}", violations.join("\n"));
    let cut = page.cut_placeholders().await?;
    anyhow::ensure!(cut.is_empty(), "{what} cuts these placeholders short: {cut:?}");
    Ok(())
}
