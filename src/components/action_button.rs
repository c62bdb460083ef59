use std::cell::Cell;

use leptos::prelude::*;

thread_local! {
    /// Numbers the reasons' element ids, which must be unique on the page (many rows have the same action).
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// A button for an action that sends a request: disabled with a spinner while it runs, and disabled
/// with the reason shown beside it when the server or the state does not allow it.
#[component]
pub fn ActionButton(
    /// The button's text.
    #[prop(into)]
    label: Signal<String>,
    /// Whether the action's request is in flight.
    #[prop(into)]
    busy: Signal<bool>,
    /// Why the action is not available, if it is not (shown next to the button).
    #[prop(into, default = Signal::derive(|| None))]
    disabled_reason: Signal<Option<String>>,
    /// Extra CSS class (`button--danger`).
    #[prop(into, default = String::new())]
    class: String,
    /// What clicking does. A callback rather than a generic closure: the component is compiled once, not
    /// once per call site (every use of a generic closure prop monomorphizes the whole component again).
    #[prop(into)]
    on_click: UnsyncCallback<()>,
) -> impl IntoView {
    let id = format!("action-why-{}", NEXT_ID.with(|n| n.replace(n.get() + 1)));
    let why_id = id.clone();
    view! {
        <span class="action">
            <button
                type="button"
                class=format!("button {class}")
                disabled=move || disabled_reason.get().is_some()
                // While its request runs the button is disabled for people and assistive technology alike,
                // but not with `disabled`: that would drop the keyboard focus onto the page, and a moderator
                // who pressed Lock from the keyboard would have to find their way back to Unlock.
                aria-disabled=move || busy.get().to_string()
                aria-busy=move || busy.get().to_string()
                aria-describedby=move || disabled_reason.get().map(|_| why_id.clone())
                on:click=move |_| {
                    if !busy.get_untracked() {
                        on_click.try_run(());
                    }
                }
            >
                <Show when=move || busy.get()>
                    <span class="spinner" aria-hidden="true"></span>
                </Show>
                {move || label.get()}
            </button>
            {move || disabled_reason.get().map(|why| view! { <span class="action__why" id=id.clone()>{why}</span> })}
        </span>
    }
}
