//! "Extend 15 min" in a conference's header: an event running over gets more time in one click, without
//! opening the edit form in the middle of it. Shown for a conference whose schedule has an end.

use ccmp::xcon::{merge, Conference};
use ccmp::Request;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::conference::ConfPage;
use crate::api;
use crate::components::ActionButton;
use crate::session::{use_ccmp, Mode};
use crate::state::notice::{Notice, Tone};
use crate::state::schedule::{end_of, extended, EXTEND_AFTER_END_MS, EXTEND_MINUTES};

const ACTION: &str = "Extend conference";

#[component]
pub fn ExtendButton(
    /// Why the conference cannot be updated now, if it cannot.
    update_why: Signal<Option<String>>,
) -> impl IntoView {
    let page = expect_context::<ConfPage>();
    let ccmp = use_ccmp();
    let busy = RwSignal::new(false);
    let end = Memo::new(move |_| {
        page.doc.with(|d| d.as_ref()?.description.as_ref()?.conference_time.as_ref().and_then(end_of))
    });
    let why = Signal::derive(move || {
        update_why.get().or_else(|| {
            let over = end.get().is_some_and(|end| (api::server_now_ms() as i64) - end > EXTEND_AFTER_END_MS);
            over.then(|| "It ended more than an hour ago: set a new end in the Edit tab.".to_owned())
        })
    });
    let extend = move || {
        let Some(conn) = ccmp.connection.get() else { return };
        busy.set(true);
        spawn_local(async move {
            // From what the server has now, not from the page's last read: a co-moderator may have moved the
            // end meanwhile, and 15 minutes after the older end put back an earlier one over theirs (QA). The
            // read shows their change in the banner as it does on any read.
            let Some(now) = page.read(ccmp, None).await else {
                let _ = busy.try_set(false);
                return;
            };
            let time = now.description.as_ref().and_then(|d| d.conference_time.as_ref());
            let Some((time, _)) = time.and_then(|t| extended(t, api::server_now_ms() as i64)) else {
                ccmp.notices.push(Notice::plain(
                    Tone::Warning,
                    format!("{ACTION}: not sent"),
                    "The conference has no end time the panel can read now (someone may have removed it \
                     meanwhile): set one in the Edit tab.",
                ));
                let _ = busy.try_set(false);
                return;
            };
            // Only the schedule goes, its start and the rest as the server wrote them.
            let mut changes = Conference::new(now.entity.clone());
            changes.description_mut().conference_time = Some(time);
            let mut expected = now;
            if let Some(d) = &changes.description {
                merge::description(expected.description_mut(), d);
            }
            let request = Request::conf_update(&conn.user, &page.uri.get_untracked(), changes);
            let sent = ccmp.send(request, &format!("{ACTION} by {EXTEND_MINUTES} min"), Mode::Change).await;
            if page.alive() {
                page.after_header_change(ccmp, sent, expected).await;
            }
            let _ = busy.try_set(false);
        });
    };
    move || {
        end.get().is_some().then(
            || view! { <ActionButton label=format!("Extend {EXTEND_MINUTES} min") busy=busy disabled_reason=why on_click=extend/> },
        )
    }
}
