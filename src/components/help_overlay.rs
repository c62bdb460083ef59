use leptos::html;
use leptos::prelude::*;

use super::back_closes::back_closes;
use super::focus::{give_focus_back_on_close, keep_tab_within};
use crate::session::moderation::use_moderation;
use crate::state::shortcuts::Where;

/// The keyboard shortcuts of a list, in a dialog that `?` opens and `?`, Escape or Close shut.
#[component]
pub fn HelpOverlay(
    /// The list whose shortcuts it lists.
    on: Where,
) -> impl IntoView {
    let moderation = use_moderation();
    view! {
        <Show when=move || moderation.help.get()>
            <HelpDialog on=on/>
        </Show>
    }
}

/// The dialog itself: a component of its own, so that it gives the focus back when it goes.
#[component]
fn HelpDialog(on: Where) -> impl IntoView {
    let moderation = use_moderation();
    let close = NodeRef::<html::Button>::new();
    give_focus_back_on_close();
    back_closes(Callback::new(move |()| moderation.help.set(false)));
    Effect::new(move |_| {
        if let Some(b) = close.get() {
            let _ = b.focus();
        }
    });
    view! {
        <div class="dialog__backdrop" on:click=move |_| moderation.help.set(false)>
            <div
                class="dialog help"
                role="dialog"
                aria-modal="true"
                aria-labelledby="help-title"
                aria-describedby="help-title-body"
                on:click=move |ev| ev.stop_propagation()
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "Escape" || ev.key() == "?" {
                        ev.prevent_default();
                        moderation.help.set(false);
                    }
                    keep_tab_within(&ev);
                }
            >
                <h2 class="dialog__title" id="help-title">"Keyboard shortcuts"</h2>
                <p class="dialog__body muted" id="help-title-body">{format!("They work on {} whenever you are not typing in a field.", on.name())}</p>
                <table class="help__table">
                    <tbody>
                        {on.listed().map(|(keys, what)| view! {
                            <tr><th scope="row"><kbd>{keys}</kbd></th><td>{what}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <div class="dialog__actions">
                    <button type="button" class="button" node_ref=close on:click=move |_| moderation.help.set(false)>"Close"</button>
                </div>
            </div>
        </div>
    }
}
