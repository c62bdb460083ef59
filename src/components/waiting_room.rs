use leptos::prelude::*;

use crate::session::use_ccmp;
use crate::session::users_handle::UsersHandle;
use crate::state::scope::Scope;
use crate::state::waiting::{waiting, Waiting};

/// The most people the waiting room lists one by one: a town hall that opens with thousands at the door
/// stays quick, and Admit all still lets in everyone.
const SHOWN: usize = 50;

/// Who waits to be let in, above the users of a conference that confirms each join: in the middle of
/// an event the moderator sees newcomers at once, apart from the hundreds already in, and admits or
/// turns each away with one button (or admits them all). Nothing shows when nobody waits.
#[component]
pub fn WaitingRoom(
    /// The list the waiting users belong to.
    handle: UsersHandle,
    /// Admits the user with this key.
    on_admit: Callback<String>,
    /// Admits every user with these keys (a bulk action: progress and each one's outcome).
    on_admit_all: Callback<Vec<String>>,
    /// Asks whether to turn the user with this key away (a removal, which offers "and keep them out").
    on_turn_away: Callback<String>,
    /// Why changes are not available, if they are not.
    #[prop(into)]
    locked: Signal<Option<String>>,
) -> impl IntoView {
    let people = Memo::new(move |_| handle.users.with(waiting));
    // On screen, the waiting room replaces the notices about it (on a phone they would cover it), and
    // tells the lobby who waits after every read and every admission of the moderator's own. A sidebar's
    // waiting room stays in its own tab: the notices admit into conferences.
    if let Some(scope) = handle.scope() {
        let ccmp = use_ccmp();
        let lobby = ccmp.store.lobby;
        let uri = scope.uri().to_owned();
        lobby.watch(&uri);
        if matches!(scope, Scope::Conference { .. }) {
            let uri = uri.clone();
            Effect::new(move |_| {
                if handle.loaded.get() {
                    people.with(|p| lobby.saw(ccmp, &uri, None, p));
                }
            });
        }
        on_cleanup(move || lobby.unwatch(&uri));
    }
    let title = move || match people.with(Vec::len) {
        1 => "1 person waiting to join".to_owned(),
        n => format!("{n} people waiting to join"),
    };
    let entry = move |person: Waiting| {
        let Waiting { key, name, address, admit } = person;
        let actionable = admit.is_some();
        let busy = {
            let key = key.clone();
            move || handle.busy.with(|b| b.contains_key(&key))
        };
        let disabled = {
            let busy = busy.clone();
            move || !actionable || busy() || locked.with(Option::is_some)
        };
        let (admit_key, away_key) = (key.clone(), key);
        view! {
            <li class="waiting__person">
                <span class="waiting__name">{name.clone()}</span>
                <span class="waiting__address mono">{address}</span>
                <span class="waiting__actions">
                    <button type="button" class="button button--primary" aria-label=format!("Admit {name}") disabled=disabled.clone()
                        title=move || locked.get() on:click=move |_| on_admit.run(admit_key.clone())>
                        <Show when=busy><span class="spinner" aria-hidden="true"></span></Show>
                        "Admit"
                    </button>
                    <button type="button" class="button" aria-label=format!("Turn away {name}") disabled=disabled
                        title=move || locked.get() on:click=move |_| on_turn_away.run(away_key.clone())>
                        "Turn away\u{2026}"
                    </button>
                </span>
            </li>
        }
    };
    view! {
        <Show when=move || people.with(|p| !p.is_empty())>
            <section class="waiting" aria-labelledby="waiting-title">
                <div class="waiting__header">
                    <h2 class="waiting__title" id="waiting-title">{title}</h2>
                    <button type="button" class="button" disabled=move || locked.with(Option::is_some) || people.with(|p| p.len() < 2)
                        on:click=move |_| on_admit_all.run(people.with_untracked(|p| p.iter().map(|w| w.key.clone()).collect()))>
                        "Admit all"
                    </button>
                </div>
                <p class="waiting__help">"This conference confirms each join: these people are not in it until you admit them."</p>
                <ul class="waiting__list">
                    <For each=move || people.with(|p| p.iter().take(SHOWN).cloned().collect::<Vec<_>>()) key=|w| w.key.clone() let:person>
                        {entry(person)}
                    </For>
                </ul>
                {move || {
                    let more = people.with(Vec::len).saturating_sub(SHOWN);
                    (more > 0).then(|| view! {
                        <p class="waiting__more">{format!("and {more} more, whom Admit all lets in too; the table below lists everyone.")}</p>
                    })
                }}
            </section>
        </Show>
    }
}
