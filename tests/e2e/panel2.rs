//! Helpers for the journeys of the panel's part 2 (users, admission, sidebars): conferences with users
//! set up through the server's own CCMP interface, what the server holds now, and pressing keys.

// Shared by the part 2 journeys: not every journey uses every helper.
#![allow(dead_code)]

use ccmp::xcon::{Endpoint, EndpointStatus, JoiningMethod, Media, MediaStatus, Roles, User, Users};
use ccmp::{Request, ResponseBody, ResponseCode};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};

use crate::panel::create_conference;
use crate::support::{App, Page, Result};

/// A user as a server records them once their device is connected: an endpoint with audio and video.
pub fn connected_user(id: &str, name: &str, role: &str) -> User {
    User {
        display_text: Some(name.to_owned()),
        roles: Some(Roles::new([role])),
        endpoints: vec![Endpoint {
            status: Some(EndpointStatus::Connected),
            joining_method: Some(JoiningMethod::DialedIn),
            media: vec![
                Media {
                    media_type: Some("audio".into()),
                    status: Some(MediaStatus::SendRecv),
                    ..Media::new(format!("{id}-a"))
                },
                Media {
                    media_type: Some("video".into()),
                    status: Some(MediaStatus::SendRecv),
                    ..Media::new(format!("{id}-v"))
                },
            ],
            ..Endpoint::new(format!("sip:{id}@example.org"))
        }],
        ..User::new(format!("xcon-userid:{id}@example.com"))
    }
}

/// Creates a conference and puts `users` in it with usersRequest updates of at most 1,000 users each (the
/// server takes bodies up to 1 MiB); returns its URI.
pub async fn conference_with_users(app: &App, name: &str, users: Vec<User>) -> Result<String> {
    let uri = create_conference(app, name, None).await?;
    let me = app.moderator().xcon_user_id();
    for chunk in users.chunks(1000) {
        let change = Users { users: chunk.to_vec(), ..Default::default() };
        let answer = app.request(Request::users_update(&me, &uri, change)).await?;
        anyhow::ensure!(answer.code == ResponseCode::Success, "adding users to {name:?}: {answer:?}");
    }
    Ok(uri)
}

/// The users of a conference as the server has them now.
pub async fn users_of(app: &App, uri: &str) -> Result<Users> {
    let answer = app.request(Request::users_retrieve(&app.moderator().xcon_user_id(), uri)).await?;
    match answer.body {
        ResponseBody::Users(p) if answer.code == ResponseCode::Success => Ok(p.info.unwrap_or_default()),
        _ => anyhow::bail!("usersRequest retrieve of {uri}: {answer:?}"),
    }
}

/// The user whose display-text is `name`, as the server has them now.
pub async fn user_named(app: &App, uri: &str, name: &str) -> Result<Option<User>> {
    Ok(users_of(app, uri).await?.users.into_iter().find(|u| u.display_text.as_deref() == Some(name)))
}

/// The status of the first medium of `media_type` of `user`.
pub fn media_status(user: &User, media_type: &str) -> Option<MediaStatus> {
    user.endpoints
        .iter()
        .flat_map(|e| &e.media)
        .find(|m| m.media_type.as_deref() == Some(media_type))
        .and_then(|m| m.status)
}

/// Presses `key` (a character, or a WebDriver key code such as `\u{E00C}` for Escape) wherever the focus
/// is, as a person would.
pub async fn press(page: &Page, key: char) -> Result<()> {
    let keys =
        KeyActions::new("keyboard".into()).then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
    page.client().perform_actions(keys).await?;
    Ok(())
}

/// Puts the focus on the `role` named `name` and presses Enter, as a keyboard user does.
pub async fn press_enter_on(page: &Page, role: &str, name: &str) -> Result<()> {
    page.focus(role, name).await?;
    press(page, ENTER).await
}

/// Enter, Escape and Tab, as WebDriver names the keys.
pub const ENTER: char = '\u{E007}';
pub const ESCAPE: char = '\u{E00C}';
pub const TAB: char = '\u{E004}';

/// Waits until the page's main content has the focus (the element that had it went away): its heading, or
/// the main area of a page without one.
pub async fn until_focus_on_main(page: &Page) -> Result<()> {
    let main = "const a = document.activeElement; const main = document.getElementById('main'); \
                return a === main ? 'main' : a.tagName === 'H1' && main.contains(a) ? 'heading' : ''";
    page.wait_until("the focus on the page's content", || async {
        let on = page.client().execute(main, vec![]).await?;
        let with_heading = page.client().execute("return !!document.querySelector('#main h1')", vec![]).await?;
        let expected = if with_heading.as_bool() == Some(true) { "heading" } else { "main" };
        Ok((on.as_str() == Some(expected)).then_some(()))
    })
    .await
}

/// Waits until the element named `name` has the focus.
pub async fn until_focus_on(page: &Page, name: &str) -> Result<()> {
    page.wait_until(&format!("the focus on {name:?}"), || async { Ok((page.focused().await? == name).then_some(())) })
        .await
}

/// Moves the focus out of any field (to the page's main area), so that keys reach the shortcuts.
pub async fn focus_main(page: &Page) -> Result<()> {
    page.client()
        .execute(
            "document.activeElement && document.activeElement.blur(); document.getElementById('main').focus();",
            vec![],
        )
        .await?;
    Ok(())
}

/// Dismisses every notification (they sit over the bottom right of the page, as over a moderator's).
pub async fn dismiss_notices(page: &Page) -> Result<()> {
    let script = "document.querySelectorAll('.notices [aria-label=\"Dismiss notification\"]').forEach(b => b.click())";
    page.client().execute(script, vec![]).await?;
    Ok(())
}

/// Waits until a notification on screen contains `text`. Not the page's text: the notices' live region
/// keeps what it last said for 3 s, so the same outcome of a previous request, dismissed, was taken for the
/// new one's (a CI run read the server before the change it waited for was sent).
pub async fn wait_for_notice(page: &Page, text: &str) -> Result<()> {
    page.wait_until(&format!("a notification with {text:?}"), || async {
        let shown = page.client().execute("return document.querySelector('.notices')?.innerText ?? ''", vec![]).await?;
        Ok(shown.as_str().is_some_and(|s| s.contains(text)).then_some(()))
    })
    .await
}

/// Waits up to `secs` seconds (a 10,000-user conference takes the debug server a while) until the page's
/// text contains `text`.
pub async fn wait_long(page: &Page, text: &str, secs: u64) -> Result<()> {
    let start = std::time::Instant::now();
    loop {
        if page.text().await?.contains(text) {
            return Ok(());
        }
        if start.elapsed().as_secs() > secs {
            let shown: String = page.text().await?.chars().take(1500).collect();
            anyhow::bail!("waited {secs} s for {text:?}; the page shows:\n{shown}");
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

/// Waits up to `secs` seconds until the users summary line (`10001 users · read at …`,
/// `1 of 10001 users shown · …`) starts with `prefix`.
pub async fn wait_summary(page: &Page, prefix: &str, secs: u64) -> Result<()> {
    let start = std::time::Instant::now();
    let script = "const s = document.querySelector('.users__summary'); return s ? s.innerText : '';";
    loop {
        let now = page.client().execute(script, vec![]).await?;
        let now = now.as_str().unwrap_or_default().to_owned();
        if now.starts_with(prefix) {
            return Ok(());
        }
        if start.elapsed().as_secs() > secs {
            anyhow::bail!("waited {secs} s for the users summary to start with {prefix:?}; it reads {now:?}");
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// A conference with the 10,000 users of `ccmp::sample` (display-text `Participant i`, one moderator in
/// fifty), put in through usersRequest updates.
pub async fn town_hall(app: &App, users: usize) -> Result<String> {
    let all = (0..users).map(|i| ccmp::sample::user(i, "example.com")).collect();
    conference_with_users(app, "Town hall", all).await
}

/// How many rows the users table has in the page (the virtualized table renders only those on screen).
pub async fn rendered_rows(page: &Page) -> Result<u64> {
    let n = page
        .client()
        .execute("return document.querySelectorAll('.user-table__body [role=row]').length", vec![])
        .await?;
    Ok(n.as_u64().unwrap_or(0))
}
