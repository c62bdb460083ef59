//! What the browser test binaries (`tests/web*.rs`) share: mounting a view, answering fetches without a
//! server, and waiting for the page to settle.

// Each test binary uses its own part of this module.
#![allow(dead_code)]

use ccmp::XconUserId;
use ccmp_panel::session::Conn;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A conference name that would run a script if it were ever parsed as HTML.
pub const EVIL: &str = "<img src=x onerror=alert(1)>";

/// A URL whose fetch answers 200 with `body` as `content_type`: the browser's own network stack, no
/// server needed.
pub fn data_url(content_type: &str, body: &str) -> String {
    let encoded: String = js_sys::encode_uri_component(body).into();
    format!("data:{content_type},{encoded}")
}

/// A connection as `user` to a server that answers every request with `reply`.
pub fn answering(reply: &str, user: &XconUserId) -> Conn {
    Conn {
        server: data_url("application/ccmp+xml", reply),
        user: user.clone(),
        username: String::new(),
        password: String::new(),
        profile: String::new(),
    }
}

/// Mounts `view` in a fresh element; the handle keeps it mounted.
pub fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> (web_sys::HtmlElement, impl Drop) {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), view);
    (host, handle)
}

/// Waits (up to 20 s: a debug build decodes 7 MB slowly) until `probe` holds.
pub async fn until(what: &str, probe: impl Fn() -> bool) {
    for _ in 0..1000 {
        if probe() {
            return;
        }
        ccmp_panel::session::ccmp::sleep(20).await;
    }
    panic!("waited 20 s for {what}");
}
