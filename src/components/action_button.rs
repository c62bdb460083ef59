use std::cell::Cell;

use leptos::prelude::*;
use leptos_router::components::A;

thread_local! {
    /// Numbers the reasons' element ids, which must be unique on the page (many rows have the same action).
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// A new id for an action's reason.
fn why_id() -> String {
    format!("action-why-{}", NEXT_ID.with(|n| n.replace(n.get() + 1)))
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
    /// The button's name for assistive technology, when its text alone does not say what it acts on (a
    /// table row's "Lock", which the row's name completes: "Lock Red team").
    #[prop(into, optional)]
    aria_label: Option<String>,
    /// What clicking does. A callback rather than a generic closure: the component is compiled once, not
    /// once per call site (every use of a generic closure prop monomorphizes the whole component again).
    #[prop(into)]
    on_click: UnsyncCallback<()>,
) -> impl IntoView {
    let id = why_id();
    let why_id = id.clone();
    // While the button has the keyboard focus, it is disabled for people and assistive technology alike, but
    // not with `disabled`: that would drop the focus onto the page. A moderator who pressed Lock from the
    // keyboard would have to find their way back to Unlock while it runs, and one who saved an edit (Save
    // changes has nothing to save once it is saved) would start again at the top of the page (QA).
    let focused = RwSignal::new(false);
    let unavailable = move || busy.get() || disabled_reason.with(Option::is_some);
    view! {
        <span class="action">
            <button
                type="button"
                class=format!("button {class}")
                aria-label=aria_label
                disabled=move || disabled_reason.with(Option::is_some) && !focused.get()
                aria-disabled=move || unavailable().then_some("true")
                aria-busy=move || busy.get().to_string()
                aria-describedby=move || disabled_reason.get().map(|_| why_id.clone())
                on:focus=move |_| focused.set(true)
                on:blur=move |_| focused.set(false)
                on:click=move |_| {
                    if !busy.get_untracked() && disabled_reason.with_untracked(Option::is_none) {
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

/// A link to the page where an action is done ("New conference", "Clone"), or, when the server or the
/// state does not allow that action, a disabled button with the reason beside it, as [`ActionButton`]
/// shows it: a moderator should not fill in a form only to learn that it cannot be sent.
#[component]
pub fn ActionLink(
    /// The link's text.
    label: &'static str,
    #[prop(into)] href: Signal<String>,
    /// Why the action is not available, if it is not.
    #[prop(into)]
    disabled_reason: Signal<Option<String>>,
    /// Extra CSS class (`button--primary`), for the link only: a disabled action is never primary.
    #[prop(into, default = String::new())]
    class: String,
    /// What the action is about, for assistive technology only (`from VideoRoom`): in a table, every row
    /// has the same action, and a list of links would hold the same name many times.
    #[prop(optional, into)]
    of: Option<String>,
) -> impl IntoView {
    let of = of.map(|of| format!(" {of}"));
    move || match disabled_reason.get() {
        None => {
            let of = of.clone();
            view! {
                <A href=move || href.get() attr:class=format!("button {class}")>
                    {label}{of.map(|of| view! { <span class="visually-hidden">{of}</span> })}
                </A>
            }
            .into_any()
        }
        Some(why) => view! { <DisabledAction label=label why=why/> }.into_any(),
    }
}

/// An action that the server or the state does not allow, for actions that are not an [`ActionButton`]
/// (a link, a toggle): a disabled button with the reason beside it, which assistive technology reads
/// with the button.
#[component]
pub fn DisabledAction(label: &'static str, why: String) -> impl IntoView {
    let id = why_id();
    view! {
        <span class="action">
            <button type="button" class="button" disabled=true aria-describedby=id.clone()>{label}</button>
            <span class="action__why" id=id>{why}</span>
        </span>
    }
}
