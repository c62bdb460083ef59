//! "Extend 15 min" in a conference's header: an event running over gets more time in one click, without
//! opening the edit form in the middle of it. Shown for a conference whose schedule has an end.

use std::time::Duration;

use ccmp::xcon::{merge, Conference};
use ccmp::Request;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::conference::ConfPage;
use crate::api;
use crate::components::ActionButton;
use crate::session::{use_ccmp, Mode};
use crate::state::instant::LATEST;
use crate::state::notice::{Notice, Tone};
use crate::state::recurrence;
use crate::state::schedule::{end_of, extended, EXTEND_AFTER_END_MS, EXTEND_MINUTES};

const ACTION: &str = "Extend conference";
const LONG_OVER: &str = "It ended more than an hour ago: set a new end in the Edit tab.";
const REPEATS: &str = "It repeats, and its end is that of every time it meets: the panel cannot extend one time alone.";

/// Whether a conference that ends at `end` has been over too long at `now` for Extend to open it again.
fn long_over(end: i64, now: i64) -> bool {
    now - end > EXTEND_AFTER_END_MS
}

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
    // Its end is the first time's, and every time lasts as long: a later end would lengthen them all, and the
    // first one is long over (QA: "It ended more than an hour ago" during today's time of a daily meeting).
    let repeats = Memo::new(move |_| page.doc.with(|d| d.as_ref().and_then(recurrence::of_conference).is_some()));
    // The clock moves on while the page is open: the hour after the end passes with the button on screen (QA).
    let now = RwSignal::new(api::server_now_ms() as i64);
    let ticks = set_interval_with_handle(move || now.set(api::server_now_ms() as i64), Duration::from_secs(15)).ok();
    on_cleanup(move || ticks.into_iter().for_each(|t| t.clear()));
    let why = Signal::derive(move || {
        update_why.get().or_else(|| match end.get() {
            _ if repeats.get() => Some(REPEATS.to_owned()),
            Some(end) if long_over(end, now.get()) => Some(LONG_OVER.to_owned()),
            // The schema's times end with year 9999.
            Some(end) if end + i64::from(EXTEND_MINUTES) * 60_000 > LATEST => {
                Some("Its end cannot be later.".to_owned())
            }
            _ => None,
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
                // The read's own notice says why (QA: during an outage that was all, and nothing said the
                // conference had not been extended).
                ccmp.notices.push(Notice::plain(
                    Tone::Warning,
                    format!("{ACTION}: not sent"),
                    "The conference could not be read first, so its end was not moved. Try again once it reads.",
                ));
                let _ = busy.try_set(false);
                return;
            };
            let time = now.description.as_ref().and_then(|d| d.conference_time.as_ref());
            let at = api::server_now_ms() as i64;
            if time.and_then(end_of).is_some_and(|end| long_over(end, at)) {
                ccmp.notices.push(Notice::plain(Tone::Warning, format!("{ACTION}: not sent"), LONG_OVER));
                let _ = busy.try_set(false);
                return;
            }
            let Some((time, _)) = time.and_then(|t| extended(t, at)) else {
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
            let mut expected = now.clone();
            if let Some(d) = &changes.description {
                merge::description(expected.description_mut(), d);
            }
            let request = Request::conf_update(&conn.user, &page.uri.get_untracked(), changes);
            let action = format!("{ACTION} by {EXTEND_MINUTES} min");
            let sent = ccmp.send(request, &action, Mode::Change).await;
            if page.alive() {
                page.after_header_change(ccmp, &action, sent, now, expected).await;
            }
            // A hurried double-click is one Extend: on a server nearby the first is done before the second
            // click comes, which would add 15 minutes more (QA: 150 ms apart, 30 minutes).
            set_timeout(
                move || {
                    let _ = busy.try_set(false);
                },
                Duration::from_secs(1),
            );
        });
    };
    move || {
        end.get().is_some().then(
            || view! { <ActionButton label=format!("Extend {EXTEND_MINUTES} min") busy=busy disabled_reason=why on_click=extend/> },
        )
    }
}
