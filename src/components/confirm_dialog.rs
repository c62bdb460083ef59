use leptos::html;
use leptos::prelude::*;

/// A yes-or-no confirmation for a destructive action (delete a sidebar, close every breakout room).
/// Focus starts on Cancel; Escape cancels.
#[component]
pub fn ConfirmDialog(
    /// The question (`Delete Room 1?`).
    title: String,
    /// What happens, in a sentence or two.
    message: String,
    /// The confirm button's text (`Delete`).
    confirm_label: String,
    /// Called when the moderator confirms.
    on_confirm: Callback<()>,
    /// Called when the moderator cancels.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let cancel_button = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if let Some(b) = cancel_button.get() {
            let _ = b.focus();
        }
    });
    view! {
        <div class="dialog__backdrop">
            <form
                class="dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby="confirm-title"
                on:submit=move |ev| {
                    ev.prevent_default();
                    on_confirm.run(());
                }
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "Escape" {
                        on_cancel.run(());
                    }
                }
            >
                <h2 class="dialog__title" id="confirm-title">{title}</h2>
                <p class="dialog__body">{message}</p>
                <div class="dialog__actions">
                    <button type="button" class="button button--quiet" node_ref=cancel_button on:click=move |_| on_cancel.run(())>"Cancel"</button>
                    <button type="submit" class="button button--danger">{confirm_label}</button>
                </div>
            </form>
        </div>
    }
}
