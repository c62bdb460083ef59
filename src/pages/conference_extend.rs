//! "Extend 15 min" in a conference's header: an event running over gets more time in one click, without
//! opening the edit form in the middle of it. Shown for a conference whose schedule has an end.

use ccmp::xcon::merge;
use ccmp::Request;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::conference::ConfPage;
use crate::api;
use crate::components::ActionButton;
use crate::session::{use_ccmp, Mode};
use crate::state::conf_form::ConfForm;
use crate::state::notice::{Notice, Tone};
use crate::state::schedule::{extended_end, EXTEND_MINUTES};

#[component]
pub fn ExtendButton(
    /// Why the conference cannot be updated now, if it cannot.
    update_why: Signal<Option<String>>,
) -> impl IntoView {
    let page = expect_context::<ConfPage>();
    let ccmp = use_ccmp();
    let busy = RwSignal::new(false);
    let ends =
        Memo::new(move |_| page.doc.with(|d| d.as_ref().is_some_and(|c| !ConfForm::from_conference(c).end.is_empty())));
    let extend = move || {
        let (Some(conn), Some(before)) = (ccmp.connection.get(), page.doc.get_untracked()) else { return };
        let target = page.uri.get_untracked();
        let original = ConfForm::from_conference(&before);
        let Some(end) = api::epoch_ms(&format!("{}Z", original.end)) else { return };
        let mut later = original.clone();
        later.end = api::utc_form_time(extended_end(end, api::now_epoch_ms()));
        let changes = match later.to_update(&original, &before) {
            Ok(changes) => changes,
            Err(e) => {
                ccmp.notices.push(Notice::plain(Tone::Error, "Extend conference", e.to_string()));
                return;
            }
        };
        let mut expected = before;
        if let Some(d) = &changes.description {
            merge::description(expected.description_mut(), d);
        }
        busy.set(true);
        spawn_local(async move {
            let request = Request::conf_update(&conn.user, &target, changes);
            let action = format!("Extend conference by {EXTEND_MINUTES} min");
            let sent = ccmp.send(request, &action, Mode::Change).await;
            page.after_header_change(ccmp, sent, expected).await;
            busy.set(false);
        });
    };
    move || {
        ends.get().then(
            || view! { <ActionButton label=format!("Extend {EXTEND_MINUTES} min") busy=busy disabled_reason=update_why on_click=extend/> },
        )
    }
}
