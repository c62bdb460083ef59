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

/// Whether the focus is lost ([`focus_lost`]) or where [`focus_main`] put it for want of a better place: a
/// control that can take it now may (a dialog's close gives the focus back to the page's heading when its
/// opener went meanwhile, before the view knew what replaced the opener).
pub fn focus_unplaced() -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
    let main = document.get_element_by_id("main");
    let at_main = document.active_element().is_some_and(|a| {
        main.as_ref().is_some_and(|m| &a == m || (a.tag_name().eq_ignore_ascii_case("h1") && m.contains(Some(&a))))
    });
    at_main || focus_lost()
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
pub fn focus_nth(container: &web_sys::Element, selector: &str, at: usize) -> bool {
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

/// Focuses the page's main content, which starts the next Tab from there: its heading, which a screen
/// reader then reads ("Weekly team sync, heading level 1"; the main area itself has no name, and was read
/// as "main landmark", QA), or the main area when the page has none. The page does not scroll for it: on a
/// phone, where the navigation sits above the content, it would scroll the navigation out of view.
pub fn focus_main() {
    let main = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("main"));
    let Some(main) = main else { return };
    let heading = main.query_selector("h1").ok().flatten();
    if let Some(h) = &heading {
        // Focusable from a script only, not by Tab.
        let _ = h.set_attribute("tabindex", "-1");
    }
    if let Ok(target) = heading.unwrap_or(main).dyn_into::<web_sys::HtmlElement>() {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = target.focus_with_options(&options);
    }
}

/// What can take the focus in a dialog.
const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), \
                         textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/// Keeps Tab and Shift+Tab inside a modal dialog (the element whose keydown handler calls this): from its
/// last control Tab goes to its first, and Shift+Tab back from its first to its last. Without it the focus
/// walks on to the page behind the backdrop, whose buttons the moderator could press without seeing them.
pub fn keep_tab_within(ev: &web_sys::KeyboardEvent) {
    if ev.key() != "Tab" {
        return;
    }
    let Some(dialog) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
    let Ok(found) = dialog.query_selector_all(FOCUSABLE) else { return };
    let Some(last) = found.length().checked_sub(1) else {
        ev.prevent_default();
        return;
    };
    let active: Option<web_sys::Node> = document().active_element().map(Into::into);
    let (from, to) = if ev.shift_key() { (found.get(0), found.get(last)) } else { (found.get(last), found.get(0)) };
    let outside = !active.as_ref().is_some_and(|a| dialog.contains(Some(a)));
    if active == from || outside {
        if let Some(to) = to.and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) {
            ev.prevent_default();
            let _ = to.focus();
        }
    }
}

/// When the calling component (a dialog) goes, gives the focus back to what had it when it came (the button
/// that opened it), or to the page's content when that is gone or was nothing in particular.
pub fn give_focus_back_on_close() {
    let opener = send_wrapper::SendWrapper::new(document().active_element());
    on_cleanup(move || {
        let back =
            opener.take().filter(|el| el.is_connected()).and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = back {
            let _ = el.focus();
        }
        // No opener left, or one that was the page itself (a shortcut pressed outside any field).
        focus_main_if_lost();
    });
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

/// Runs the undo from its button, which goes with the undo: the focus then moves to the page's content
/// rather than onto the page itself.
pub async fn undo_then_refocus(moderation: crate::session::moderation::Moderation, ccmp: crate::session::Ccmp) {
    moderation.run_undo(ccmp).await;
    focus_main_if_lost();
}
