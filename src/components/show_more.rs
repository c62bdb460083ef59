use leptos::prelude::*;

/// How many rows a long log draws at first, and adds at each "Show more": the console and the audit log
/// hold hundreds to thousands, and drawing them all took one to two and a half seconds (QA), again at
/// every change they record.
pub const PAGE: usize = 100;

/// The line under a log drawn a page at a time: how much of it is shown, and a button for the next page.
/// The button stays where it is as the page grows, so that the keyboard keeps its place.
#[component]
pub fn ShowMore(
    /// How many rows are drawn; the button adds [`PAGE`].
    limit: RwSignal<usize>,
    /// How many there are.
    #[prop(into)]
    total: Signal<usize>,
    /// What the rows are, in the plural (`requests`).
    what: &'static str,
) -> impl IntoView {
    let shown = move || limit.get().min(total.get());
    view! {
        <Show when=move || shown() < total.get()>
            <p class="show-more">
                <span class="muted">{move || format!("The latest {} of {} {what} are shown.", shown(), total.get())}</span>
                " "
                <button type="button" class="button button--quiet" on:click=move |_| limit.update(|l| *l += PAGE)>
                    {move || format!("Show {} more", PAGE.min(total.get() - shown()))}
                </button>
            </p>
        </Show>
    }
}
