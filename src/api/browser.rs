//! The few browser facilities the panel uses outside components: clocks, localStorage and sessionStorage,
//! performance marks. Each degrades quietly when the browser refuses (private mode, storage disabled).

/// Milliseconds since the page loaded (monotonic).
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or_else(js_sys::Date::now, |p| p.now())
}

/// Whether the panel's browser tab is hidden behind another one (or minimised).
pub fn tab_hidden() -> bool {
    web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden())
}

/// The current time as an ISO 8601 string in UTC.
pub fn iso_now() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// The time of day of an [`iso_now`] string as the moderator reads a clock: their time zone, their
/// browser's format ("23:26:57", "11:26:57 PM"). The ISO string itself is UTC, an hour or more off for most
/// moderators.
pub fn local_time(iso: &str) -> String {
    js_sys::Date::new(&iso.into()).to_locale_time_string("default").into()
}

/// The date and time of an [`iso_now`] string on the moderator's clock ("11/29/2026, 12:05:03 AM").
pub fn local_date_time(iso: &str) -> String {
    js_sys::Date::new(&iso.into()).to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED).into()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn local_get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Stores a value; returns whether the browser kept it.
pub fn local_set(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// sessionStorage: kept across reloads of this browser tab, gone with the tab.
pub fn session_get(key: &str) -> Option<String> {
    session_storage()?.get_item(key).ok().flatten()
}

pub fn session_set(key: &str, value: &str) {
    if let Some(s) = session_storage() {
        let _ = s.set_item(key, value);
    }
}

pub fn session_remove(key: &str) {
    if let Some(s) = session_storage() {
        let _ = s.remove_item(key);
    }
}

/// A `performance.mark` that benchmarks read (`performance.getEntriesByName(name)`).
pub fn performance_mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Copies `text` to the clipboard; `false` when the browser refuses. The clipboard exists only in a
/// secure context (HTTPS or localhost): a panel served over plain HTTP elsewhere has none, and calling it
/// there would throw through the panel's code.
pub async fn copy_text(text: &str) -> bool {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else { return false };
    let has = js_sys::Reflect::get(&navigator, &wasm_bindgen::JsValue::from_str("clipboard"));
    if has.map_or(true, |c| c.is_undefined() || c.is_null()) {
        return false;
    }
    wasm_bindgen_futures::JsFuture::from(navigator.clipboard().write_text(text)).await.is_ok()
}
