use leptos::prelude::*;

use crate::session::use_notices;
use crate::state::bidi::isolate;

/// Names the browser tab after what the page shows (`Product launch all-hands · CCMP panel`), so that a
/// moderator with several conferences open in several tabs, or in the history, tells them apart. While
/// errors or warnings wait to be dismissed, their count leads the title (`(2) ...`): a tab in the
/// background shows that something needs attention.
///
/// The title comes as a [`Signal`] rather than a generic closure, so that the effect is compiled once rather
/// than once per page.
pub fn use_page_title(title: impl Into<Signal<String>>) {
    let title = title.into();
    let notices = use_notices();
    Effect::new(move |_| {
        let waiting = notices.items.with(|items| items.iter().filter(|s| s.notice.sticky()).count());
        let count = if waiting > 0 { format!("({waiting}) ") } else { String::new() };
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            // A name's own direction stays inside it: the tab names the panel after it.
            document.set_title(&format!("{count}{} \u{b7} CCMP panel", isolate(&title.get())));
        }
    });
}
