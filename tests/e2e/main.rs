//! End-to-end tests: the release panel in headless Chromium, driven through chromedriver, against the real
//! `ccmp-server` on a fresh database. Built only with the `e2e` feature; run them with
//! `cargo xtask test e2e` (which builds the release panel and the server first).
//!
//! One module per journey; `support` is the harness (see its module comment for how to write one).

mod smoke;
mod support;

// The panel's journeys (issue 5), with their shared helpers in `panel`.
mod panel;
mod panel_a11y;
mod panel_bench;
mod panel_concurrent;
mod panel_connect;
mod panel_console;
mod panel_create;
mod panel_drafts;
mod panel_lifecycle;
mod panel_list;
mod panel_outage;
mod panel_password;
mod panel_phone;
mod panel_slow;
mod panel_subpath;
mod panel_xss;
mod panel_zoom;

// The panel's part 2 (issue 6): users, admission, sidebars; helpers in `panel2`.
mod panel2;
mod panel2_large;
mod panel2_sidebars;
mod panel2_users;
mod panel2_waiting;
