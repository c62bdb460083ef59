//! Desktop notifications (the browser's Notification API), for the one moment a notice in the page is not
//! enough: someone waits to join while the panel's browser tab is hidden behind another (the video call
//! the moderator is in). Off until the moderator turns them on in Settings, which asks the browser for
//! permission; the choice is kept in this browser.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Notification, NotificationOptions, NotificationPermission};

use super::browser::{local_get, local_set, tab_hidden};
use crate::state::told;

const KEY: &str = "ccmp-panel.desktop-notifications";
/// The last notification shown by any tab of this browser (see `crate::state::told`).
const TOLD_KEY: &str = "ccmp-panel.desktop-told";

/// Where desktop notifications stand in this browser.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Desktop {
    /// The browser has no Notification API (or not in this context: an insecure origin).
    Unsupported,
    /// The browser (or the moderator, in its site settings) blocks them.
    Blocked,
    /// The moderator has not turned them on.
    Off,
    On,
}

/// Chromium keeps the API on a page that is not a secure context, and answers "denied": that is not the
/// moderator's setting, which the Blocked advice would send them to change.
fn supported() -> bool {
    super::browser::secure_context()
        && web_sys::window()
            .is_some_and(|w| js_sys::Reflect::has(&w, &JsValue::from_str("Notification")).unwrap_or(false))
}

/// Where desktop notifications stand now.
pub fn state() -> Desktop {
    if !supported() {
        return Desktop::Unsupported;
    }
    match Notification::permission() {
        NotificationPermission::Denied => Desktop::Blocked,
        NotificationPermission::Granted if local_get(KEY).as_deref() == Some("on") => Desktop::On,
        _ => Desktop::Off,
    }
}

/// Turns them on: asks the browser's permission (call from a click: browsers ask only then) and keeps the
/// choice when it is given. Returns where they stand after.
pub async fn turn_on() -> Desktop {
    if !supported() {
        return Desktop::Unsupported;
    }
    if let Ok(asked) = Notification::request_permission() {
        // The answer is a permission string; `permission()` reads the same afterwards.
        let _ = JsFuture::from(asked).await;
    }
    if Notification::permission() == NotificationPermission::Granted {
        local_set(KEY, "on");
    }
    state()
}

pub fn turn_off() {
    local_set(KEY, "off");
}

/// Shows `title` and `body` on the desktop when they are turned on and the panel's tab is hidden. A later
/// notification with the same `tag` replaces this one. Clicking it brings the panel's tab forward.
pub fn tell(title: &str, body: &str, tag: &str) {
    if !tab_hidden() || state() != Desktop::On || told_by_another_tab(title, body, tag) {
        return;
    }
    let options = NotificationOptions::new();
    // Names in them keep their own direction to themselves, as in the panel's notices.
    let isolate = crate::state::bidi::isolate_rtl;
    options.set_body(&isolate(body));
    options.set_tag(tag);
    let Ok(shown) = Notification::new_with_options(&isolate(title), &options) else { return };
    let focus = Closure::once_into_js(|| {
        if let Some(window) = web_sys::window() {
            let _ = window.focus();
        }
    });
    shown.set_onclick(Some(focus.unchecked_ref()));
}

/// Whether another tab of this browser showed the same notification a moment ago; if not, this tab records
/// that it shows it.
fn told_by_another_tab(title: &str, body: &str, tag: &str) -> bool {
    let (now, news) = (js_sys::Date::now() as u64, format!("{tag} {title} {body}"));
    if told::told_recently(&local_get(TOLD_KEY).unwrap_or_default(), &news, now) {
        return true;
    }
    local_set(TOLD_KEY, &told::record(&news, now));
    false
}
