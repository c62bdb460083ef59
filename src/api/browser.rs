//! The few browser facilities the panel uses outside components: the page's clock, localStorage and
//! sessionStorage, performance marks (the wall clock and time zones are `clock.rs`). Each degrades quietly
//! when the browser refuses (private mode, storage disabled or full), and a refused write is noted
//! ([`storage_refused`]) for the session to tell the moderator once.

/// Milliseconds since the page loaded (monotonic).
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or_else(js_sys::Date::now, |p| p.now())
}

/// Whether the panel's browser tab is hidden behind another one (or minimised).
pub fn tab_hidden() -> bool {
    web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden())
}

/// Whether the page is a secure context (served over HTTPS or from localhost). Browsers give a page on a
/// plain `http://` address no WebCrypto, no clipboard and no desktop notifications: what fails then says
/// so, not some other cause (QA: "as in a private window").
pub fn secure_context() -> bool {
    web_sys::window().is_none_or(|w| w.is_secure_context())
}

/// The path of the page's base URL (`/tools/ccmp/` from index.html's `<base href>`), `/` when the browser
/// gives none.
pub fn base_url_path() -> String {
    let base = web_sys::window().and_then(|w| w.document()).and_then(|d| d.base_uri().ok().flatten());
    base.and_then(|url| web_sys::Url::new(&url).ok()).map_or_else(|| "/".to_owned(), |url| url.pathname())
}

/// `url` read against the page's base URL, as a `fetch` reads it: `/ccmp` is on the page's own host.
fn resolved(url: &str) -> Option<web_sys::Url> {
    let base = web_sys::window()?.document()?.base_uri().ok().flatten()?;
    web_sys::Url::new_with_base(url, &base).ok()
}

/// The host name of `url` (no port), as [`resolved`]: `/ccmp` is the page's own host.
pub fn url_hostname(url: &str) -> Option<String> {
    let host = resolved(url)?.hostname();
    (!host.is_empty()).then_some(host)
}

/// `url` as an absolute URL, as [`resolved`]; as it is when it cannot be read.
pub fn absolute_url(url: &str) -> String {
    resolved(url).map_or_else(|| url.to_owned(), |u| u.href())
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

thread_local! {
    /// Set at the first write the browser refused (its storage for the site full, or blocked by a policy):
    /// what the panel keeps across a reload is then not kept, which the session says once (QA: an unsaved
    /// edit and a remembered profile were lost at the next reload, and nothing had said so).
    static REFUSED: leptos::prelude::ArcRwSignal<bool> = leptos::prelude::ArcRwSignal::new(false);
}

/// Whether the browser refused to keep something the panel wrote (tracked).
pub fn storage_refused() -> leptos::prelude::ArcRwSignal<bool> {
    REFUSED.with(Clone::clone)
}

/// Writes `value` under `key` in `storage`; returns whether the browser kept it, and notes a refusal.
fn write(storage: Option<web_sys::Storage>, key: &str, value: &str) -> bool {
    use leptos::prelude::{GetUntracked, Set};
    let kept = storage.is_some_and(|s| s.set_item(key, value).is_ok());
    if !kept {
        REFUSED.with(|refused| {
            if !refused.get_untracked() {
                refused.set(true);
            }
        });
    }
    kept
}

pub fn local_get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Stores a value; returns whether the browser kept it.
pub fn local_set(key: &str, value: &str) -> bool {
    write(storage(), key, value)
}

pub fn local_remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// Every localStorage key that starts with `prefix`.
pub fn local_keys(prefix: &str) -> Vec<String> {
    let Some(s) = storage() else { return Vec::new() };
    let n = s.length().unwrap_or(0);
    (0..n).filter_map(|i| s.key(i).ok().flatten()).filter(|k| k.starts_with(prefix)).collect()
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// sessionStorage: kept across reloads of this browser tab, gone with the tab.
pub fn session_get(key: &str) -> Option<String> {
    session_storage()?.get_item(key).ok().flatten()
}

/// Stores a value for this tab; returns whether the browser kept it.
pub fn session_set(key: &str, value: &str) -> bool {
    write(session_storage(), key, value)
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
