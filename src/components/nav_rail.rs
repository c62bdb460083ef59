use leptos::prelude::*;
use leptos_router::components::A;

use crate::session::use_connection;

/// The navigation rail: the sections, and who is connected to what.
#[component]
pub fn NavRail() -> impl IntoView {
    let connection = use_connection();
    let status = move || match connection.current.get() {
        None => ("nav__status", "Not connected".to_owned()),
        Some(c) if connection.unreachable.get() => {
            ("nav__status nav__status--down", format!("{} unreachable", c.server))
        }
        // The options exchange that opens a connection has not succeeded yet (it may be asking for
        // credentials): not connected until it does.
        Some(c) if connection.capabilities.with(Option::is_none) => {
            ("nav__status", format!("Connecting to {} as {}\u{2026}", c.server, c.user))
        }
        Some(c) => ("nav__status nav__status--up", format!("{} on {}", c.user, c.server)),
    };
    view! {
        <nav class="nav" aria-label="Main">
            <span class="nav__brand">"CCMP panel"</span>
            <A href="/conferences" attr:class="nav__link">"Conferences"</A>
            <A href="/blueprints" attr:class="nav__link">"Blueprints"</A>
            <A href="/console" attr:class="nav__link">"Console"</A>
            <A href="/audit" attr:class="nav__link">"Audit log"</A>
            <A href="/settings" attr:class="nav__link">"Settings"</A>
            <span class=move || status().0 role="status">{move || status().1}</span>
        </nav>
    }
}
