//! The Undo button of the users and admission tabs, with the Stop of an undo of several requests.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{undo_then_refocus, ActionButton};
use crate::session::moderation::use_moderation;
use crate::session::use_ccmp;
use crate::state::schedule::span;

/// Undo for the last change, when `what` names one that belongs here. While an undo of several requests
/// runs (a bulk action's, which can be hundreds), a Stop beside it holds back the rest, which stay to be
/// undone.
#[component]
pub fn UndoControl(
    /// What the Undo undoes (`Mute audio (50 users)`), when the last change is one of this tab's.
    #[prop(into)]
    what: Signal<Option<String>>,
) -> impl IntoView {
    let moderation = use_moderation();
    let ccmp = use_ccmp();
    // How old the change is, once it is a minute old: an hour into an event, "Undo: Unmute Erin" alone does
    // not say whether it is the unmute of a moment ago.
    let now = RwSignal::new(js_sys::Date::now());
    if let Ok(tick) = set_interval_with_handle(move || now.set(js_sys::Date::now()), Duration::from_secs(20)) {
        on_cleanup(move || tick.clear());
    }
    let age = move || {
        let age = moderation.undo_age_ms(now.get()).filter(|&ms| ms >= 60_000.0)?;
        Some(view! { <span class="muted">{format!("made {} ago", span(age))}</span> })
    };
    // A change CCMP cannot undo (a value the server did not have cannot be cleared) says why.
    let impossible = Signal::derive(move || moderation.undo.with(|u| u.as_ref().and_then(|e| e.impossible.clone())));
    move || {
        what.get().map(|w| {
            view! {
                <ActionButton
                    label=moderation.undo_button_label(w)
                    busy=moderation.undoing
                    disabled_reason=impossible
                    on_click=move || spawn_local(undo_then_refocus(moderation, ccmp))
                />
                {age}
                <Show when=move || moderation.undo_stoppable()>
                    <button
                        type="button"
                        class="button button--quiet"
                        aria-disabled=move || moderation.undo_stopping().then_some("true")
                        on:click=move |_| moderation.stop_undo()
                    >
                        {move || if moderation.undo_stopping() { "Stopping…" } else { "Stop undo" }}
                    </button>
                </Show>
            }
        })
    }
}
