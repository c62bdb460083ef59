//! The browser's Back closes an open dialog instead of leaving the page behind it. On a phone, Back (the
//! system's gesture or button) is how one closes what is on top; a moderator who used it on the delete
//! confirmation or on a password prompt lost the conference's page, and their place in it.
//!
//! While a dialog is open, the history has one more entry for the same address, marked as the dialogs'.
//! Back returns to the entry before it, and the dialog on top takes that as Escape. Once no dialog is open,
//! the entry is taken back out (`history.back()`), so that the next Back leaves the page as it would have.
//! The router sees these moves as visits to the address it already shows, which change nothing.
//!
//! One entry serves all the dialogs open at once, and it is settled a moment after a dialog opens or closes:
//! a dialog the page builds anew (its question changed) leaves and comes back in the same turn, and must
//! not cost the moderator an entry, nor find itself closed by the removal of the old one's.
//!
//! Taking the entry out is a move in the history, which the browser makes later. A navigation the panel
//! makes meanwhile (the list in place of a conference just deleted from its dialog, a fast server's answer)
//! would take the dialog's entry's place, and the move would then land back on the deleted conference
//! (caught by a journey): the panel's own navigations wait for it ([`when_settled`]).

use std::cell::{Cell, RefCell};
use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// The key of the mark in the dialogs' history entry.
const MARKER: &str = "ccmpDialog";

thread_local! {
    /// The dialogs on the page, the one on top last, each with what closes it.
    static OPEN: RefCell<Vec<(u64, Callback<()>)>> = const { RefCell::new(Vec::new()) };
    static NEXT: Cell<u64> = const { Cell::new(0) };
    /// Whether the panel has asked the browser to take the dialogs' entry out and the move has not come:
    /// that move is no Back of the moderator's.
    static TAKING_OUT: Cell<bool> = const { Cell::new(false) };
    static LISTENING: Cell<bool> = const { Cell::new(false) };
    /// What waits for the entry's removal ([`when_settled`]).
    static AFTER: RefCell<Vec<Box<dyn FnOnce()>>> = RefCell::new(Vec::new());
}

/// How long a removal may take before what waits for it goes ahead all the same (a browser that never
/// makes the move must not hold the panel's navigations for good).
const REMOVAL_WAIT: Duration = Duration::from_millis(500);

/// Runs `then` (a navigation of the panel's own) once the history holds no entry of a closed dialog: at
/// once, or when the browser has taken it out.
pub fn when_settled(then: impl FnOnce() + 'static) {
    settle();
    if TAKING_OUT.with(Cell::get) {
        AFTER.with(|after| after.borrow_mut().push(Box::new(then)));
    } else {
        then();
    }
}

/// The removal came (or is given up on): what waited for it goes ahead.
fn taken_out() {
    TAKING_OUT.with(|t| t.set(false));
    let waiting = AFTER.with(|after| std::mem::take(&mut *after.borrow_mut()));
    for then in waiting {
        then();
    }
}

/// Makes Back (and Escape from outside the dialog) run `on_back` while the calling component (a modal dialog)
/// is on the page and on top.
pub fn back_closes(on_back: Callback<()>) {
    listen_once();
    let id = NEXT.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    OPEN.with(|open| open.borrow_mut().push((id, on_back)));
    settle_soon();
    on_cleanup(move || {
        OPEN.with(|open| open.borrow_mut().retain(|(open_id, _)| *open_id != id));
        settle_soon();
    });
}

/// Takes out a dialogs' entry the panel starts on: a reload with a dialog open leaves the moderator on it, with
/// no dialog, and their next Back would only step off it, with nothing to show for it.
pub fn drop_stale_entry() {
    listen_once();
    settle_soon();
}

/// Listens to the history's moves and to Escape, once for the whole panel.
fn listen_once() {
    if LISTENING.with(|l| l.replace(true)) {
        return;
    }
    // The panel's lifetime: the listener is never removed.
    let _handle = window_event_listener(ev::popstate, |event| {
        if TAKING_OUT.with(Cell::get) {
            taken_out();
            settle_soon();
            return;
        }
        if is_marked(&event.state()) {
            // Forward onto the dialogs' entry: no dialog to close; settling takes it out again if none is open.
            settle_soon();
            return;
        }
        // Back from the dialogs' entry: the dialog on top closes as on Escape.
        let top = OPEN.with(|open| open.borrow().last().map(|(_, close)| *close));
        if let Some(close) = top {
            close.run(());
        }
        settle_soon();
    });
    // Escape with the focus out of the dialog closes it too: a click on a dialog's text puts the focus on the
    // page behind it, where the dialog's own Escape never hears the key, nor the page's shortcuts, which keep
    // still while a dialog is open (QA: the shortcuts list stayed up). Inside a dialog, its own handler takes
    // the key first and marks it handled.
    let _keys = window_event_listener(ev::keydown, |event| {
        if event.key() != "Escape" || event.default_prevented() {
            return;
        }
        let top = OPEN.with(|open| open.borrow().last().map(|(_, close)| *close));
        if let Some(close) = top {
            event.prevent_default();
            close.run(());
        }
    });
}

fn settle_soon() {
    set_timeout(settle, Duration::ZERO);
}

/// Adds the dialogs' entry when a dialog is open without one, and takes it out when none is open.
fn settle() {
    if TAKING_OUT.with(Cell::get) {
        // The move that takes it out has not come yet; it settles again when it does.
        return;
    }
    let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else { return };
    let marked = history.state().is_ok_and(|s| is_marked(&s));
    let any_open = OPEN.with(|open| !open.borrow().is_empty());
    if any_open && !marked {
        let mark = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&mark, &JsValue::from_str(MARKER), &JsValue::TRUE);
        let _ = history.push_state(&mark, "");
    } else if !any_open && marked && history.back().is_ok() {
        TAKING_OUT.with(|t| t.set(true));
        set_timeout(
            || {
                if TAKING_OUT.with(Cell::get) {
                    taken_out();
                }
            },
            REMOVAL_WAIT,
        );
    }
}

/// Whether a history entry's state is the dialogs' entry.
fn is_marked(state: &JsValue) -> bool {
    state.is_object() && js_sys::Reflect::get(state, &JsValue::from_str(MARKER)).is_ok_and(|v| v.is_truthy())
}
