use leptos::prelude::*;

use crate::components::use_page_title;
use leptos_router::components::A;

/// The fallback for paths the panel does not know.
#[component]
pub fn NotFound() -> impl IntoView {
    use_page_title("Not found".to_owned());
    view! {
        <section class="page">
            <h1 class="page__title">"Nothing here"</h1>
            <p>"The panel has no page at this address. " <A href=crate::state::base_path::href("/conferences")>"Go to the conferences."</A></p>
        </section>
    }
}
