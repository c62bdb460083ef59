use std::time::Duration;

use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Keeps the address bar on the page shown. leptos_router 0.8.17 keeps its own record of the history and
/// misses the browser's Forward button: after Back then Forward, a link to the page Back had shown changes
/// the page but not the address, which the router takes for a visit to the page it is already on. The
/// address bar would then name another page than the one shown: a reload, a copied link or the next Back
/// would land elsewhere. When the router leaves the address behind, this adds it to the history.
///
/// Paths and queries only: a fragment (the skip link's `#main`) is the browser's own business.
pub fn keep_address_bar_in_step() {
    let location = use_location();
    Effect::new(move |_| {
        let search = location.search.get();
        let shown =
            if search.is_empty() { location.pathname.get() } else { format!("{}?{search}", location.pathname.get()) };
        // The router updates the address once the new page is built, in the same turn of the event loop
        // (this panel's routes load nothing before they show); a timeout runs after that.
        set_timeout(
            move || {
                let Some(window) = web_sys::window() else { return };
                let address = window.location();
                let (Ok(path), Ok(query)) = (address.pathname(), address.search()) else { return };
                if format!("{path}{query}") != shown {
                    if let Ok(history) = window.history() {
                        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&shown));
                    }
                }
            },
            Duration::ZERO,
        );
    });
}
