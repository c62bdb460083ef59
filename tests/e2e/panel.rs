//! Helpers the panel's journeys share: connecting through the connect view, and setting up conferences
//! through the server's own CCMP interface.

use ccmp::xcon::Conference;
use ccmp::{Request, ResponseCode};

use crate::support::{App, Page, Result};

/// Connects the panel to its own origin's server as the seeded moderator, through the connect view, and
/// waits for the connect view to give way to the page.
pub async fn connect(page: &Page, app: &App) -> Result<()> {
    let moderator = app.moderator();
    connect_as(page, &moderator.conf_user_id, &moderator.username, &moderator.password).await
}

/// Connects as anyone (an empty username sends no credentials).
pub async fn connect_as(page: &Page, conf_user_id: &str, username: &str, password: &str) -> Result<()> {
    page.fill("confUserID", conf_user_id).await?;
    page.fill("Username", username).await?;
    page.fill("Password", password).await?;
    page.click("button", "Connect").await?;
    page.find_role("navigation", "Main").await?;
    page.wait_for_role_gone("button", "Connect").await
}

/// Reloads the tab, which connects again by itself (the password, not remembered, is kept for the tab).
pub async fn reload_connected(page: &Page) -> Result<()> {
    page.client().refresh().await?;
    until_connected(page).await
}

/// Waits for the tab, just loaded, to connect by itself (see [`reload_connected`]).
pub async fn until_connected(page: &Page) -> Result<()> {
    page.find_role("navigation", "Main").await?;
    page.wait_for_role_gone("button", "Connect").await
}

/// Creates a conference through the server's CCMP interface; returns its URI.
pub async fn create_conference(app: &App, name: &str, password: Option<&str>) -> Result<String> {
    let user = app.moderator().xcon_user_id();
    let mut conf = Conference::new("xcon:AUTO_GENERATE_1@example.com");
    conf.description_mut().display_text = Some(name.to_owned());
    conf.description_mut().conference_password = password.map(str::to_owned);
    let answer = app.request(Request::conf_create(&user, conf)).await?;
    anyhow::ensure!(answer.code == ResponseCode::Success, "creating {name:?}: {answer:?}");
    answer.conf_obj_id.ok_or_else(|| anyhow::anyhow!("the create response has no confObjID"))
}

/// The conference as the server has it now (with the moderator's credentials and `password`).
pub async fn retrieve(app: &App, uri: &str, password: Option<&str>) -> Result<ccmp::Response> {
    let user = app.moderator().xcon_user_id();
    let mut request = Request::conf_retrieve(&user, uri);
    if let Some(p) = password {
        request = request.with_conference_password(p);
    }
    app.request(request).await
}

/// Waits for the panel to land on a conference's page; returns that conference's XCON-URI.
pub async fn current_conference(page: &Page) -> Result<String> {
    let url = page
        .wait_until("a conference's page", || async {
            let url = page.url().await?;
            Ok((url.contains("/conferences/xcon") || url.contains("/conferences/XCON")).then_some(url))
        })
        .await?;
    let uri = url.rsplit("/conferences/").next().unwrap_or_default().split('?').next().unwrap_or_default();
    Ok(uri.replace("%3A", ":").replace("%40", "@"))
}

/// The path of a conference's page.
pub fn conference_path(uri: &str) -> String {
    format!("conferences/{uri}")
}

/// Waits until a closed dialog's step is out of the history (`back_closes`): the panel takes it out a moment
/// after the dialog goes, and a Back sent before would only take that step.
pub async fn until_dialog_step_gone(page: &Page) -> Result<()> {
    page.wait_until("the dialog's step taken out of the history", || async {
        let state = page.strings("return [String(history.state && history.state.ccmpDialog)]").await?;
        Ok((state != ["true"]).then_some(()))
    })
    .await
}

/// Whether the page would hold the moderator back from leaving it (a `beforeunload` it cancels, which makes
/// the browser ask "Leave site?").
pub async fn leaving_asks(page: &Page) -> Result<bool> {
    let script = "const e = new Event('beforeunload', { cancelable: true }); \
                  window.dispatchEvent(e); return e.defaultPrevented;";
    Ok(page.client().execute(script, vec![]).await?.as_bool() == Some(true))
}

/// Checks that `shown` ("11:41:11 PM" or "23:41:11", as the browser formats a time of day) is the time now
/// on the browser's clock, which runs at UTC+05:30 (`support::browser`), give or take two minutes.
pub fn local_clock(shown: &str) -> Result<()> {
    let (clock, half) = shown.trim().split_once(' ').unwrap_or((shown.trim(), ""));
    let parts: Vec<u64> = clock.split(':').filter_map(|p| p.parse().ok()).collect();
    let [h, m, s] = parts[..] else { anyhow::bail!("not a time of day: {shown:?}") };
    let h = match half {
        "PM" if h < 12 => h + 12,
        "AM" if h == 12 => 0,
        _ => h,
    };
    let shown_secs = (h * 60 + m) * 60 + s;
    let utc = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_secs();
    let local = (utc + 5 * 3600 + 30 * 60) % 86_400;
    let off = shown_secs.abs_diff(local).min(86_400 - shown_secs.abs_diff(local));
    anyhow::ensure!(off <= 120, "{shown:?} is not the browser's time of day (UTC+05:30); {off} s off");
    Ok(())
}
