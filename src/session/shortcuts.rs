//! The keyboard: a window-wide key listener for as long as the view that installs it is shown, which
//! resolves keys through the table in `crate::state::shortcuts` and never fires while the moderator types
//! in a field, holds Ctrl, Alt or Meta, or has a dialog open.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::shortcuts::{resolve, takes_typing, Context, Shortcut};

/// Calls `handle` with each shortcut pressed while the calling component is mounted; `handle` says
/// whether it used the key, and only a key it used is kept from the browser (a page that has no use for
/// the arrow keys leaves them to scroll).
pub fn use_shortcuts(handle: impl Fn(Shortcut) -> bool + 'static) {
    let listener = window_event_listener(ev::keydown, move |event: web_sys::KeyboardEvent| {
        if event.default_prevented() || event.is_composing() {
            return;
        }
        let context = Context {
            typing: event.target().is_some_and(|t| is_typing_target(&t)),
            modified: event.ctrl_key() || event.alt_key() || event.meta_key(),
            dialog: dialog_open(),
        };
        // Arrow keys and `/` would otherwise scroll the page or open the browser's find bar.
        if resolve(&event.key(), context).is_some_and(&handle) {
            event.prevent_default();
        }
    });
    on_cleanup(move || listener.remove());
}

fn is_typing_target(target: &web_sys::EventTarget) -> bool {
    let Some(element) = target.dyn_ref::<web_sys::Element>() else { return false };
    let editable = element.get_attribute("contenteditable").is_some_and(|v| v != "false");
    // A radio or a checkbox of a form (Add user's "The address is") is filled in with the fields around it:
    // a letter typed there, meant for the next field, must not act (QA's "a" jumped away mid-address). The
    // table's row checkboxes are in no form, and j, k and x work from them.
    let in_form = element.tag_name().eq_ignore_ascii_case("input") && element.closest("form").ok().flatten().is_some();
    in_form || takes_typing(&element.tag_name(), element.get_attribute("type").as_deref(), editable)
}

/// A modal dialog of the panel (the prompt host's, or part 2's own) is open.
fn dialog_open() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("[aria-modal=true]").ok().flatten())
        .is_some()
}
