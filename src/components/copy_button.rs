use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::copy_text;

/// How long the button says what its last press did: a refusal longer, with what to do instead.
const SAID_FOR: Duration = Duration::from_secs(2);
const REFUSAL_SAID_FOR: Duration = Duration::from_secs(10);

/// A button that copies `text` to the clipboard and says, for a moment, that it did ("Copied"), or that
/// the browser would not let it (a panel served over plain HTTP has no clipboard), in a status a screen
/// reader reads out.
#[component]
pub fn CopyButton(
    /// What the button says.
    label: &'static str,
    /// What it copies.
    text: String,
    /// Its accessible name, when the label alone does not say what is copied.
    #[prop(optional)]
    name: Option<String>,
    /// Its class: a quiet button beside a value unless told otherwise.
    #[prop(default = "button button--quiet")]
    class: &'static str,
) -> impl IntoView {
    let outcome = RwSignal::new(None::<bool>);
    let generation = StoredValue::new(0u32);
    let press = move |_| {
        let text = text.clone();
        spawn_local(async move {
            let copied = copy_text(&text).await;
            // A press made meanwhile says its own outcome for its own two seconds.
            // The button may be gone by the time the clipboard answers (its notice dismissed): nothing to say.
            generation.update_value(|g| *g = g.wrapping_add(1));
            let Some(mine) = generation.try_get_value() else { return };
            outcome.try_set(Some(copied));
            set_timeout(
                move || {
                    if generation.try_get_value() == Some(mine) {
                        outcome.try_set(None);
                    }
                },
                if copied { SAID_FOR } else { REFUSAL_SAID_FOR },
            );
        });
    };
    // A refusal is said on screen too, with the way round it (QA: "Not copied" alone said neither why nor
    // what to do).
    let said = move || {
        match outcome.get() {
        Some(true) => "Copied",
        Some(false) if !crate::api::secure_context() => {
            "Not copied: browsers allow copying only on pages served over HTTPS (or from localhost). Select the text and copy it by hand."
        }
        Some(false) => "Not copied: the browser did not allow it here. Select the text and copy it by hand.",
        None => "",
    }
    };
    view! {
        <button type="button" class=class aria-label=name on:click=press>
            {move || match outcome.get() { Some(true) => "Copied", Some(false) => "Not copied", None => label }}
        </button>
        <span class=move || if outcome.get() == Some(false) { "copy__refused" } else { "visually-hidden" } role="status">{said}</span>
    }
}
