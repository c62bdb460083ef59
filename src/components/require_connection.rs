use leptos::prelude::*;

use super::ConnectView;
use crate::session::use_connection;

/// Shows its children once connected (capabilities known), the connect view before. The route stays as
/// it is, so a deep link opens its page right after connecting.
#[component]
pub fn RequireConnection(children: ChildrenFn) -> impl IntoView {
    let connection = use_connection();
    let ready = move || connection.current.with(Option::is_some) && connection.capabilities.with(Option::is_some);
    // Connected: the Connect button that had the focus is gone, and the page's content takes it.
    Effect::new(move |was: Option<bool>| {
        let now = ready();
        if was == Some(false) && now {
            super::focus::focus_main_if_lost();
        }
        now
    });
    view! {
        <Show when=ready fallback=|| view! { <ConnectView/> }>
            {children()}
        </Show>
    }
}
