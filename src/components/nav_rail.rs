use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::session::use_connection;

/// Where the connection stands, as the rail shows it.
#[derive(Clone, PartialEq)]
enum Status {
    NotConnected,
    /// The server stopped answering.
    Unreachable {
        server: String,
    },
    /// The options exchange that opens a connection has not succeeded yet (it may be asking for
    /// credentials): not connected until it does.
    Connecting {
        server: String,
        user: String,
    },
    /// The server refused the panel's credentials (its own reads wait for the moderator to sign in again).
    Refused {
        server: String,
    },
    Connected {
        server: String,
        user: String,
    },
}

/// The navigation rail: the sections, and who is connected to what.
#[component]
pub fn NavRail() -> impl IntoView {
    let connection = use_connection();
    let status = Memo::new(move |_| match connection.current.get() {
        None => Status::NotConnected,
        Some(c) if connection.unreachable.get() => Status::Unreachable { server: c.server },
        Some(c) if connection.refused.with(Option::is_some) => Status::Refused { server: c.server },
        Some(c) if connection.capabilities.with(Option::is_none) => {
            Status::Connecting { server: c.server, user: c.user.to_string() }
        }
        Some(c) => Status::Connected { server: c.server, user: c.user.to_string() },
    });
    let class = move || match status.get() {
        Status::Connected { .. } => "nav__status nav__status--up",
        Status::Unreachable { .. } | Status::Refused { .. } => "nav__status nav__status--down",
        _ => "nav__status",
    };
    let text = move || match status.get() {
        Status::NotConnected => view! { "Not connected" }.into_any(),
        Status::Unreachable { server } => view! { {server}" unreachable" }.into_any(),
        Status::Refused { server } => view! { {server}" refused the credentials: sign in again" }.into_any(),
        Status::Connecting { server, user } => view! { "Connecting to "{server}" as "{user}"\u{2026}" }.into_any(),
        // The rail is narrow: the confUserID may break after its scheme and before its domain
        // ("xcon-userid:", "moderator", "@example.com") rather than at its hyphen or anywhere in the address.
        Status::Connected { server, user } => {
            let (scheme, address) = user.split_at(user.find(':').map_or(0, |i| i + 1));
            let (local, domain) = address.split_at(address.find('@').unwrap_or(address.len()));
            let (scheme, local, domain) = (scheme.to_owned(), local.to_owned(), domain.to_owned());
            view! { {scheme}<wbr/>{local}<wbr/>{domain}" on "{server} }.into_any()
        }
    };
    view! {
        <nav class="nav" aria-label="Main">
            <span class="nav__brand">"CCMP panel"</span>
            {rail_link("/conferences", "Conferences")}
            {rail_link("/blueprints", "Blueprints")}
            {rail_link("/console", "Console")}
            {rail_link("/audit", "Audit log")}
            {rail_link("/settings", "Settings")}
            <span class=class role="status">{text}</span>
        </nav>
    }
}

/// A section of the rail, marked as the page shown (`aria-current="page"`) on its own page, and as the
/// section the page is in (`"true"`) on one under it: on a conference's page, its open tab is the page, and a
/// screen reader said "current page" for two links (QA). A plain link, which the router follows all the same.
fn rail_link(path: &'static str, label: &'static str) -> impl IntoView {
    let pathname = use_location().pathname;
    let current = move || {
        let here = pathname.with(|p| crate::state::base_path::route(p).trim_end_matches('/').to_owned());
        match here.strip_prefix(path) {
            Some("") => Some("page"),
            Some(rest) if rest.starts_with('/') => Some("true"),
            _ => None,
        }
    };
    view! { <a href=crate::state::base_path::href(path) class="nav__link" aria-current=current>{label}</a> }
}
