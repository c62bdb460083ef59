use leptos::html;
use leptos::prelude::*;

use super::DialogFrame;
use crate::state::bidi::isolate_rtl;

/// A yes-or-no confirmation for a destructive action (delete a sidebar, close every breakout room).
/// Focus starts on Cancel; Escape cancels.
#[component]
pub fn ConfirmDialog(
    /// The question (`Delete Room 1?`); it may follow what it counts, without the dialog being drawn anew.
    #[prop(into)]
    title: Signal<String>,
    /// What happens, in a sentence or two; it may follow what it names, as the title does.
    #[prop(into)]
    message: Signal<String>,
    /// The confirm button's text (`Delete`).
    #[prop(into)]
    confirm_label: Signal<String>,
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
        <DialogFrame title_id="confirm-title" title=title on_submit=on_confirm on_cancel=on_cancel>
            <p class="dialog__body" id="confirm-title-body">{move || isolate_rtl(&message.get()).into_owned()}</p>
            <div class="dialog__actions">
                <button type="button" class="button button--quiet" node_ref=cancel_button on:click=move |_| on_cancel.run(())>"Cancel"</button>
                <button type="submit" class="button button--danger">{confirm_label}</button>
            </div>
        </DialogFrame>
    }
}
