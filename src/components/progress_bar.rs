use leptos::prelude::*;

use crate::session::use_console;

/// A thin bar at the top of the page while any request is in flight.
#[component]
pub fn ProgressBar() -> impl IntoView {
    let console = use_console();
    view! {
        <div
            class=move || { if console.in_flight.get() > 0 { "progress progress--active" } else { "progress" } }
            role="progressbar"
            aria-label="Requests in flight"
            aria-hidden=move || (console.in_flight.get() == 0).to_string()
        ></div>
    }
}
