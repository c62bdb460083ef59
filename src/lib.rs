//! The CCMP moderator panel (Leptos, client-side rendered).
//!
//! - [`state`]: the domain state as plain Rust, tested without a browser; builds everywhere.
//! - `api`: the HTTP client for CCMP; `session`: what every page shares (connection, notifications,
//!   prompts, console, audit, the conferences list) and `Ccmp::send`, through which every request goes.
//! - `pages`: one file per route; `components`: one file per widget.
//!
//! The user interface is wasm32 only, so that the root package still builds natively for the
//! end-to-end test binary.

pub mod state;

#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod crash;
#[cfg(target_arch = "wasm32")]
pub mod pages;
#[cfg(target_arch = "wasm32")]
pub mod session;

#[cfg(target_arch = "wasm32")]
pub use app::App;

#[cfg(target_arch = "wasm32")]
mod app {
    use leptos::prelude::*;
    use leptos_router::components::{Redirect, Route, Router, Routes};
    use leptos_router::path;
    use leptos_router::NavigateOptions;

    use crate::components::{
        drop_stale_entry, focus_follows_navigation, keep_address_bar_in_step, NavRail, NoticeArea, ProgressBar,
        PromptHost, RequireConnection,
    };
    use crate::pages::{
        AuditPage, BlueprintPage, BlueprintsPage, ConferencePage, ConferencesPage, ConsolePage, CreatePage, NotFound,
        SettingsPage,
    };
    use crate::state::base_path;

    /// "Skip to content". The page's `<base href>` makes a bare "#main" the address of the base, another
    /// page: the fragment goes on this page's address. The router takes the click as a navigation to the
    /// same page and leaves the focus on the link (QA): the click gives it to the page's content itself.
    #[component]
    fn SkipLink() -> impl IntoView {
        let location = leptos_router::hooks::use_location();
        let href = move || {
            let (path, search) = (location.pathname.get(), location.search.get());
            if search.is_empty() {
                format!("{path}#main")
            } else {
                format!("{path}?{search}#main")
            }
        };
        let skip = |ev: leptos::ev::MouseEvent| {
            ev.prevent_default();
            crate::components::focus_main();
        };
        view! { <a class="shell__skip" href=href on:click=skip>"Skip to content"</a> }
    }

    /// The panel: navigation rail, the routed page (behind the connect view until connected), the
    /// notification live region and the prompt dialog.
    #[component]
    pub fn App() -> impl IntoView {
        crate::state::base_path::init(&crate::api::base_url_path());
        crate::state::instant::use_zones(crate::api::zone_wall_to_utc, crate::api::utc_to_zone_wall);
        crate::state::instant::use_home_zone(&crate::api::time_zone());
        crate::session::provide();
        let notices = crate::session::use_notices();
        view! {
            <Router base=base_path::base()>
                {keep_address_bar_in_step}
                {drop_stale_entry}
                {focus_follows_navigation}
                <SkipLink/>
                <div class="shell">
                    <NavRail/>
                    // Room below the content for the notices (see `Notices::height`), 4rem at least as in the CSS;
                    // on a wide screen, a column of their own beside it (the CSS).
                    <main id="main" tabindex="-1"
                        class=move || { if notices.height.get() > 0 { "shell__main shell__main--beside-notices" } else { "shell__main" } }
                        style:padding-bottom=move || format!("max(4rem, calc({}px + 2rem))", notices.height.get())>
                        <ProgressBar/>
                        <RequireConnection>
                            <Routes fallback=NotFound>
                                // Replacing "/" in the history: Back from the list leaves the panel instead of
                                // landing on "/" and being sent to the list again.
                                <Route path=path!("/") view=|| view! { <Redirect path=base_path::href("/conferences") options=NavigateOptions { replace: true, resolve: false, ..Default::default() }/> }/>
                                <Route path=path!("/conferences") view=ConferencesPage/>
                                <Route path=path!("/conferences/new") view=CreatePage/>
                                <Route path=path!("/conferences/:id") view=ConferencePage/>
                                <Route path=path!("/blueprints") view=BlueprintsPage/>
                                <Route path=path!("/blueprints/:id") view=BlueprintPage/>
                                <Route path=path!("/console") view=ConsolePage/>
                                <Route path=path!("/audit") view=AuditPage/>
                                <Route path=path!("/settings") view=SettingsPage/>
                            </Routes>
                        </RequireConnection>
                    </main>
                </div>
                <NoticeArea/>
                <PromptHost/>
            </Router>
        }
    }
}
