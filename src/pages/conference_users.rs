use leptos::context::Provider;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::conference::ConfPage;
use crate::components::user_table::RoomOf;
use crate::components::UsersView;
use crate::session::use_ccmp;
use crate::state::breakout::rooms_of;
use crate::state::scope::Scope;

/// The users tab of a conference: usersRequest retrieve, then the users view (filter, sort, per-user and
/// bulk actions, undo, shortcuts). A new view for each conference the address names.
#[component]
pub fn UsersTab() -> impl IntoView {
    let page = expect_context::<ConfPage>();
    let ccmp = use_ccmp();
    // The page's version badge follows the versions the users requests return. One that says someone else
    // changed the conference may be about more than its users (usersRequest tells nothing else): the page
    // reads the conference too, so that its header (locked, the name) and banner do not stay behind.
    let on_version = Callback::new(move |(v, elsewhere): (u64, bool)| {
        page.version.try_set(Some(v));
        if elsewhere {
            spawn_local(page.read_news(ccmp));
        }
    });
    // Who is in which breakout room (by value: they come with the page's document), marked on their rows.
    // Given to this view's rows alone (`Provider`): given from here by `provide_context`, it reached the
    // rooms' views of the Sidebars tab too, after this tab and its memo were gone, and crashed the panel (QA).
    let rooms = RoomOf(Memo::new(move |_| page.doc.with(|d| d.as_ref().map(rooms_of).unwrap_or_default())));
    move || {
        let uri = page.uri.get();
        view! { <Provider value=rooms><UsersView scope=Scope::Conference { uri } on_version=on_version/></Provider> }
    }
}
