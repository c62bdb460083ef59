use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

/// Whether `ev` is Enter pressed in one of a form's one-line fields (a text input, a radio button), which
/// should do the form's action, as in any form. The panel's forms end in an action button (its reason, its
/// spinner), not a submit button, so the browser does not submit them by itself. Not in a textarea, where
/// Enter is a new line, unless with Ctrl (or ⌘), as in mail and chat; nor on a checkbox. Prevents the
/// browser's own handling when it is.
pub fn enter_submits(ev: &KeyboardEvent) -> bool {
    if ev.key() != "Enter" || ev.is_composing() {
        return false;
    }
    let target = event_target::<web_sys::Element>(ev);
    let submits = match target.tag_name().as_str() {
        "INPUT" => target.get_attribute("type").is_none_or(|t| !t.eq_ignore_ascii_case("checkbox")),
        "TEXTAREA" => ev.ctrl_key() || ev.meta_key(),
        _ => false,
    };
    if submits {
        ev.prevent_default();
    }
    submits
}
