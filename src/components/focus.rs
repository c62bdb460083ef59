//! Keeping the keyboard focus where the moderator is when the element that had it goes away (someone
//! admitted leaves the waiting room, a dismissed notification leaves the list): the browser would put it
//! on the page itself, and the next Tab would start over from the top.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

/// Whether nothing in particular has the focus (it fell onto the page's body).
pub fn focus_lost() -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
    let body: Option<web_sys::Element> = document.body().map(Into::into);
    document.active_element().is_none_or(|a| Some(a) == body)
}

/// Gives the focus to the `at`-th element in `container` that matches `selector` (the last one when there
/// are fewer), or to the page's main content when none is there (the container itself may be gone).
pub fn focus_nth_or_main(container: Option<impl AsRef<web_sys::Element>>, selector: &str, at: usize) {
    if !container.is_some_and(|c| focus_nth(c.as_ref(), selector, at)) {
        focus_main();
    }
}

/// Focuses the `at`-th element in `container` that matches `selector`, or the last one when there are
/// fewer; `false` when none matches, or the container has left the page (where focusing does nothing).
fn focus_nth(container: &web_sys::Element, selector: &str, at: usize) -> bool {
    if !container.is_connected() {
        return false;
    }
    let Ok(found) = container.query_selector_all(selector) else { return false };
    let Some(last) = found.length().checked_sub(1) else { return false };
    let at = u32::try_from(at).unwrap_or(u32::MAX).min(last);
    match found.get(at).and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) {
        Some(element) => element.focus().is_ok(),
        None => false,
    }
}

/// Focuses the page's main content, which starts the next Tab from there. The page does not scroll for it:
/// on a phone, where the navigation sits above the content, it would scroll the navigation out of view.
pub fn focus_main() {
    let main = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("main"));
    if let Some(main) = main.and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok()) {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = main.focus_with_options(&options);
    }
}

/// After the next frame (once the page has redrawn), gives the page's main content the focus if it fell
/// onto the page itself.
pub fn focus_main_if_lost() {
    request_animation_frame(|| {
        if focus_lost() {
            focus_main();
        }
    });
}

/// After a move to another page the link that led there may be gone (a conference's name in the list,
/// replaced by the conference): the focus then goes to the page's content, where a screen reader reads
/// on and the next Tab starts. A focus that survived (a link of the navigation rail) stays. Call inside
/// the router.
pub fn focus_follows_navigation() {
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|p| p != path) {
            focus_main_if_lost();
        }
        path
    });
}
