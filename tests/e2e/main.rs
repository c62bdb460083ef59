//! End-to-end tests: the release panel in headless Chromium, driven through chromedriver, against the real
//! `ccmp-server` on a fresh database. Built only with the `e2e` feature; run them with
//! `cargo xtask test e2e` (which builds the release panel and the server first).
//!
//! One module per journey; `support` is the harness (see its module comment for how to write one).

mod smoke;
mod support;
