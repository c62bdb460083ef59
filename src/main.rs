//! Starts the panel: a panic hook that logs and shows a banner, then the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    ccmp_panel::crash::install_panic_hook();
    leptos::mount::mount_to_body(ccmp_panel::App);
}

/// Natively the package only exists for its tests (the end-to-end binary drives the built panel).
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
