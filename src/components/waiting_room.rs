use leptos::html;
use leptos::prelude::*;

use super::focus::{focus_lost, focus_nth_or_main};
use super::user_table::repeated_click;
use crate::session::use_ccmp;
use crate::session::users_handle::UsersHandle;
use crate::state::scope::Scope;
use crate::state::waiting::{holds_joiners, pending_people, people, Waiting};

/// The most people the waiting room lists one by one: a town hall that opens with thousands at the door
/// stays quick, and Admit all still lets in everyone.
const SHOWN: usize = 50;

/// How long after the focus moved onto the next person's buttons a press is taken as meant for the one before
/// (see `focus_moved`), in milliseconds: longer than a double press, shorter than reading the next name.
const SETTLE_MS: f64 = 500.0;

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
    // Everyone not in yet; those waiting for a moderator only while the conference confirms joins (the
    // lobby hears of both: see `lobby::left_out`).
    let holds = Memo::new(move |_| handle.users.with(holds_joiners));
    let pending = Memo::new(move |_| handle.users.with(pending_people));
    let queue = Memo::new(move |_| if holds.get() { pending.get() } else { Vec::new() });
    // On screen, the waiting room replaces the notices about it (on a phone they would cover it), and
    // tells the lobby who waits after every read and every admission of the moderator's own. A sidebar's
    // waiting room stays in its own tab: the notices admit into conferences.
    if let Some(scope) = handle.scope() {
        let ccmp = use_ccmp();
        let lobby = ccmp.store.lobby;
        let uri = scope.uri().to_owned();
        lobby.on_screen(&uri);
        if matches!(scope, Scope::Conference { .. }) {
            let uri = uri.clone();
            Effect::new(move |_| {
                if handle.loaded.get() {
                    pending.with(|p| lobby.saw(ccmp, &uri, None, holds.get(), p));
                }
            });
        }
        on_cleanup(move || lobby.off_screen(&uri));
    }
    let title = move || format!("{} waiting to join", people(queue.with(Vec::len)));
    // Once someone the moderator admitted or turned away leaves the list, their buttons go and the
    // keyboard focus with them: it moves to the Admit button now in their place (or the last one), so
    // that a moderator working down the queue from the keyboard keeps going; to the page's content once
    // nobody waits.
    let list = NodeRef::<html::Ul>::new();
    let handled = StoredValue::new(None::<(String, usize)>);
    // When the focus was moved onto the next person's Admit: a press that comes within `SETTLE_MS` of it was
    // meant for the person just handled (a nervous double press of Enter, a key repeat) and would admit the
    // next one unasked (QA).
    let focus_moved = StoredValue::new(f64::NEG_INFINITY);
    // Only a press of a key: a click lands where the pointer is, which the focus moving did not change.
    let too_soon =
        move |ev: &web_sys::MouseEvent| ev.detail() == 0 && js_sys::Date::now() - focus_moved.get_value() < SETTLE_MS;
    Effect::new(move |_| {
        // Tracks the list whether or not someone was just handled.
        let gone = queue.with(|p| {
            handled.with_value(|h| h.as_ref().filter(|(k, _)| !p.iter().any(|w| w.key == *k)).map(|(_, at)| *at))
        });
        let Some(at) = gone else { return };
        handled.set_value(None);
        if focus_lost() {
            focus_nth_or_main(list.get_untracked(), ".waiting__admit", at);
            focus_moved.set_value(js_sys::Date::now());
        }
    });
    let handle_one = move |key: String, then: Callback<String>| {
        let at = queue.with_untracked(|p| p.iter().position(|w| w.key == key)).unwrap_or(0);
        handled.set_value(Some((key.clone(), at)));
        then.run(key);
    };
    let entry = move |person: Waiting| {
        let Waiting { key, name, address, admit, .. } = person;
        let actionable = admit.is_some();
        // A memo per person, as in the users table: an "Admit all" of hundreds would otherwise run every
        // button's attributes again at each of its requests.
        let busy = {
            let key = key.clone();
            let busy = Memo::new(move |_| handle.busy.with(|b| b.contains_key(&key)));
            move || busy.get()
        };
        // Busy is `aria-disabled`, which keeps the focus (see the users table).
        let disabled = move || !actionable || locked.with(Option::is_some);
        let busy_attr = move || busy().then_some("true");
        let (admit_key, away_key) = (key.clone(), key);
        view! {
            <li class="waiting__person">
                <span class="waiting__name">{name.clone()}</span>
                <span class="waiting__address mono">{address}</span>
                <span class="waiting__actions">
                    <button type="button" class="button button--primary waiting__admit" aria-label=format!("Admit {name}") disabled=disabled
                        aria-disabled=busy_attr title=move || locked.get()
                        on:click=move |ev| if !busy() && !repeated_click(&ev) && !too_soon(&ev) { handle_one(admit_key.clone(), on_admit) }>
                        <Show when=busy><span class="spinner" aria-hidden="true"></span></Show>
                        "Admit"
                    </button>
                    <button type="button" class="button" aria-label=format!("Turn away {name}") disabled=disabled
                        aria-disabled=busy_attr title=move || locked.get()
                        on:click=move |ev| if !busy() && !repeated_click(&ev) && !too_soon(&ev) { handle_one(away_key.clone(), on_turn_away) }>
                        "Turn away\u{2026}"
                    </button>
                </span>
            </li>
        }
    };
    view! {
        <Show when=move || queue.with(|p| !p.is_empty())>
            <section class="waiting" aria-labelledby="waiting-title">
                <div class="waiting__header">
                    <h2 class="waiting__title" id="waiting-title">{title}</h2>
                    // For two people or more; one is admitted with their own Admit (a disabled button with no
                    // reason beside it would only puzzle).
                    <Show when=move || queue.with(|p| p.len() >= 2)>
                        <button type="button" class="button" disabled=move || locked.with(Option::is_some)
                            title=move || locked.get()
                            on:click=move |_| on_admit_all.run(queue.with_untracked(|p| p.iter().map(|w| w.key.clone()).collect()))>
                            "Admit all"
                        </button>
                    </Show>
                </div>
                <p class="waiting__help">"This conference confirms each join: these people are not in it until you admit them."</p>
                <ul class="waiting__list" node_ref=list>
                    <For each=move || queue.with(|p| p.iter().take(SHOWN).cloned().collect::<Vec<_>>()) key=|w| w.key.clone() let:person>
                        {entry(person)}
                    </For>
                </ul>
                {move || {
                    let more = queue.with(Vec::len).saturating_sub(SHOWN);
                    (more > 0).then(|| view! {
                        <p class="waiting__more">{format!("and {more} more, whom Admit all lets in too; the table below lists everyone.")}</p>
                    })
                }}
            </section>
        </Show>
    }
}
