use leptos::prelude::*;

use super::conference::ConfPage;
use crate::components::UsersView;
use crate::state::scope::Scope;

/// The users tab of a conference: usersRequest retrieve, then the users view (filter, sort, per-user and
/// bulk actions, undo, shortcuts). A new view for each conference the address names.
#[component]
pub fn UsersTab() -> impl IntoView {
    let page = expect_context::<ConfPage>();
    // The page's version badge follows the versions the users requests return.
    let on_version = Callback::new(move |v: u64| {
        page.version.try_set(Some(v));
    });
    move || {
        let uri = page.uri.get();
        view! { <UsersView scope=Scope::Conference { uri } on_version=on_version/> }
    }
}
