use leptos::prelude::*;
use leptos_router::components::A;

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
            <A href=crate::state::base_path::href("/conferences") attr:class="nav__link">"Conferences"</A>
            <A href=crate::state::base_path::href("/blueprints") attr:class="nav__link">"Blueprints"</A>
            <A href=crate::state::base_path::href("/console") attr:class="nav__link">"Console"</A>
            <A href=crate::state::base_path::href("/audit") attr:class="nav__link">"Audit log"</A>
            <A href=crate::state::base_path::href("/settings") attr:class="nav__link">"Settings"</A>
            <span class=class role="status">{text}</span>
        </nav>
    }
}
