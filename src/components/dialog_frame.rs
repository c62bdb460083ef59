use leptos::prelude::*;

use super::back_closes::back_closes;
use super::focus::{give_focus_back_on_close, keep_tab_within};
use crate::state::bidi::isolate_rtl;

/// What every modal form dialog shares: the backdrop, a `role="dialog"` labelled by its title around a form,
/// Enter submits, Escape cancels. The dialog puts its body and its buttons in `children` (a submit button
/// and a Cancel button that calls `on_cancel`) and decides where focus starts. When it closes, the focus goes
/// back to what had it before (the button that opened it), if that is still on the page; while it is open,
/// Tab stays in it, and the browser's Back cancels it as Escape does (`back_closes`).
#[component]
pub fn DialogFrame(
    /// The id of the title, for `aria-labelledby`; unique on the page. The dialog's body text (a child
    /// with the id `{title_id}-body`) describes it (`aria-describedby`): screen readers read the question
    /// with its title.
    title_id: &'static str,
    /// The question or the name of what is asked (it may follow what it counts).
    #[prop(into)]
    title: Signal<String>,
    /// Called when the form is submitted (the submit button or Enter).
    on_submit: Callback<()>,
    /// Called on Escape.
    on_cancel: Callback<()>,
    children: Children,
) -> impl IntoView {
    give_focus_back_on_close();
    back_closes(on_cancel);
    // The dialog role sits on a plain element around the form: a form may not take it (ARIA in HTML).
    view! {
        <div class="dialog__backdrop">
            <div
                class="dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby=title_id
                aria-describedby=format!("{title_id}-body")
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "Escape" {
                        // Handled here: the page's shortcuts must not take it too (Escape also closes a
                        // user's details, which would take the dialog's opener with it).
                        ev.prevent_default();
                        on_cancel.run(());
                    }
                    keep_tab_within(&ev);
                }
            >
                <form on:submit=move |ev| {
                    ev.prevent_default();
                    on_submit.run(());
                }>
                    // A name in the question keeps its own direction to itself (`bidi`).
                    <h2 class="dialog__title" id=title_id>{move || isolate_rtl(&title.get()).into_owned()}</h2>
                    {children()}
                </form>
            </div>
        </div>
    }
}
