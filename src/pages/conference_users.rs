use std::time::Duration;

use leptos::context::Provider;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::conference::ConfPage;
use crate::components::user_table::RoomOf;
use crate::components::UsersView;
use crate::session::whereabouts::with_rooms_by_ref;
use crate::session::{use_ccmp, Mode};
use crate::state::breakout::{rooms_by_ref, rooms_of, rooms_to_move_into, Whereabouts};
use crate::state::scope::Scope;

/// How long after the moderator's last change from the users tab the page reads its conference again.
const REBASE_AFTER: Duration = Duration::from_millis(1500);

/// The users tab of a conference: usersRequest retrieve, then the users view (filter, sort, per-user and
/// bulk actions, undo, shortcuts). A new view for each conference the address names.
#[component]
pub fn UsersTab() -> impl IntoView {
    let page = expect_context::<ConfPage>();
    let ccmp = use_ccmp();
    // The page's version badge follows the versions the users requests return. One that says someone else
    // changed the conference may be about more than its users (usersRequest tells nothing else): the page
    // reads the conference too, so that its header (locked, the name) and banner do not stay behind.
    //
    // One that the moderator's own change explains moves the page's document on too, read again once their
    // changes settle (a bulk run's come one by one): it is what the banner compares the next read with, and
    // left behind, a co-moderator's change later brought the moderator's own keep-out into the banner as
    // someone else's (QA). That read tells what it finds changed elsewhere, as any read does.
    let rebase_due = StoredValue::new(0u32);
    let on_version = Callback::new(move |(v, elsewhere): (u64, bool)| {
        let before = page.version.try_get_untracked().flatten();
        page.version.try_set(Some(v));
        if elsewhere {
            spawn_local(page.read_news(ccmp));
        } else if before.is_some_and(|b| b < v) {
            let due = rebase_due.get_value().wrapping_add(1);
            rebase_due.set_value(due);
            set_timeout(
                move || {
                    if rebase_due.try_get_value() == Some(due) && page.alive() {
                        spawn_local(async move {
                            page.read_as(ccmp, None, Mode::Background).await;
                        });
                    }
                },
                REBASE_AFTER,
            );
        }
    });
    // Who is in which breakout room, marked on their rows: those by value come with the page's document, those
    // by reference are read at each read of the page (the latest read's answer wins).
    let by_ref = RwSignal::new(Whereabouts::new());
    let by_ref_read = StoredValue::new(0u32);
    let users_read = Trigger::new();
    Effect::new(move |_| {
        // At each read of the page or of its users, even one that finds its document as it was: who is in a
        // room by reference changes in that room's own document (QA: "Refresh" left a row's room as it was).
        page.read_at.track();
        users_read.track();
        // Only the rooms' URIs: the document may hold thousands of users.
        let uris = page.doc.with(|d| d.as_ref().map(rooms_by_ref).unwrap_or_default());
        if uris.is_empty() {
            by_ref.set(Whereabouts::new());
            return;
        }
        let Some(me) = ccmp.connection.current.get_untracked().map(|c| c.user) else { return };
        let n = by_ref_read.get_value().wrapping_add(1);
        by_ref_read.set_value(n);
        spawn_local(async move {
            let mut rooms = Whereabouts::new();
            with_rooms_by_ref(ccmp, &uris, &me, &mut rooms).await;
            if by_ref_read.try_get_value() == Some(n) {
                by_ref.try_set(rooms);
            }
        });
    });
    // Given to this view's rows alone (`Provider`): given from here by `provide_context`, it reached the
    // rooms' views of the Sidebars tab too, after this tab and its memo were gone, and crashed the panel (QA).
    let rooms = Memo::new(move |_| {
        let mut rooms = page.doc.with(|d| d.as_ref().map(rooms_of).unwrap_or_default());
        by_ref.with(|r| {
            for (key, places) in r {
                rooms.entry(key.clone()).or_default().extend(places.iter().cloned());
            }
        });
        rooms
    });
    let rooms = RoomOf { rooms, users_read };
    // The rooms open now, to move someone into from here. A memo: each read of the page brings a new document,
    // and a list of rooms drawn anew at each would drop the room the moderator had picked.
    let move_targets = Memo::new(move |_| page.doc.with(|d| d.as_ref().map(rooms_to_move_into).unwrap_or_default()));
    move || {
        let uri = page.uri.get();
        view! {
            <Provider value=rooms>
                <UsersView scope=Scope::Conference { uri } on_version=on_version move_targets=move_targets/>
            </Provider>
        }
    }
}
