use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::focus::{focus_lost, focus_main, focus_nth_or_main};
use crate::session::moderation::use_moderation;
use crate::session::users_handle::UsersHandle;
use crate::state::breakout::{rooms_named, Whereabouts};
use crate::state::uri_key;
use crate::state::users::{window, MediaCell, SortKey, UserRow};
use crate::state::waiting::holds_joiners;

/// The height of one row in pixels. Fixed heights are what lets the table compute which rows are on screen
/// without measuring them; the table gives it to the stylesheet (`--user-row`), so that both agree.
pub fn row_height() -> f64 {
    row_px() as f64
}

/// The same in whole pixels, for the styles the table writes: formatting an integer keeps the float
/// printer out of the bundle. 40 px at the panel's 14 px text, and more at a larger text size (the
/// browser's font size setting: QA found the rows' 40 px overflowing at 32 px), as the page's text scales.
fn row_px() -> usize {
    thread_local! {
        static ROW: std::cell::OnceCell<usize> = const { std::cell::OnceCell::new() };
    }
    ROW.with(|row| *row.get_or_init(|| (root_font_px() * 40).div_ceil(14).max(40)))
}

/// The page's root font size in whole pixels (14 unless the browser's text size is not the default).
fn root_font_px() -> usize {
    let root = web_sys::window().and_then(|w| Some((w.document()?.document_element()?, w)));
    let size = root.and_then(|(el, w)| w.get_computed_style(&el).ok().flatten()?.get_property_value("font-size").ok());
    // "14px", or "17.5px": the whole pixels are enough, and parsing an integer keeps the float parser out.
    size.and_then(|s| s.trim_end_matches("px").split('.').next()?.parse().ok()).unwrap_or(14)
}
/// Rows rendered above and below the visible ones, so that scrolling shows no blank rows.
const OVERSCAN: usize = 8;

/// What a row's buttons ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowAction {
    Audio,
    Video,
    Promote,
    Details,
    /// Let in someone waiting to join.
    Admit,
    /// Ask whether to turn away someone waiting to join.
    TurnAway,
}

/// The users as a virtualized table: only the rows on screen (and a few around them) are in the page,
/// inside a scroller as tall as the whole list, so that 10,000 users scroll and filter as fast as ten.
/// An ARIA table with `aria-rowcount` and each row's `aria-rowindex`, so that assistive technology knows
/// where it is in the whole list.
#[component]
pub fn UserTable(
    /// The list.
    handle: UsersHandle,
    /// The rows to show (indices into the handle's rows), filtered and sorted.
    visible: Memo<Vec<u32>>,
    /// The current user (keyboard cursor), by key.
    cursor: RwSignal<Option<String>>,
    /// The URI of the list, for the selection.
    list: String,
    /// The sort column and direction.
    sort: RwSignal<(SortKey, bool)>,
    /// The scroller, for keeping the current user in view.
    scroller: NodeRef<html::Div>,
    /// Called with a row's key and the action its button asks for.
    on_action: Callback<(String, RowAction)>,
    /// Why changes are not available (the server does not support them), if they are not.
    #[prop(into)]
    locked: Signal<Option<String>>,
    /// The user whose details are open, by key.
    #[prop(into)]
    detail: Signal<Option<String>>,
) -> impl IntoView {
    let moderation = use_moderation();
    let scroll_top = RwSignal::new(0.0f64);
    let viewport = RwSignal::new(600.0f64);
    let measure = move || {
        if let Some(el) = scroller.get_untracked() {
            scroll_top.set(f64::from(el.scroll_top()));
            // As many rows as the browser window can show: the scroller grows with its rows up to its
            // maximum height, so its own height says nothing of how many rows the next read brings.
            let window_height = web_sys::window().and_then(|w| w.inner_height().ok()).and_then(|h| h.as_f64());
            let h = window_height.unwrap_or_else(|| f64::from(el.client_height()));
            if h > 0.0 && (h - viewport.get_untracked()).abs() > 0.5 {
                viewport.set(h);
            }
        }
    };
    Effect::new(move |_| {
        if scroller.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    let range =
        Memo::new(move |_| window(scroll_top.get(), viewport.get(), row_height(), visible.with(Vec::len), OVERSCAN));
    // Whether the list is a waiting room's: its pending users wait to be admitted.
    let holds = Memo::new(move |_| handle.users.with(holds_joiners));
    let connection = crate::session::use_connection();
    let me = Memo::new(move |_| connection.user_key());
    let list = StoredValue::new(list);
    // The rows in the window, with their position in the filtered list and all else a row shows that
    // does not come with its user: the cursor, the selection, the request running, the details open.
    let window_rows = Memo::new(move |_| {
        let (start, len) = range.get();
        let (holds, me, locked, detail) = (holds.get(), me.get(), locked.get(), detail.get());
        let list_key = list.with_value(|l| uri_key(l));
        visible.with(|v| {
            handle.rows.with(|rows| {
                v.iter()
                    .skip(start)
                    .take(len)
                    .enumerate()
                    .filter_map(|(j, &i)| {
                        let row = rows.get(i as usize)?;
                        Some(Shown {
                            position: start + j,
                            waiting: holds && row.pending,
                            mine: me.as_deref().is_some_and(|m| uri_key(&row.entity) == m),
                            current: cursor.with(|c| c.as_deref() == Some(row.key.as_str())),
                            selected: moderation
                                .selection
                                .with(|s| s.get(&list_key).is_some_and(|k| k.contains(&row.key))),
                            busy: handle.busy.with(|b| b.get(&row.key).copied()),
                            detail_open: detail.as_deref() == Some(row.key.as_str()),
                            locked: locked.clone(),
                            news: handle.news.with(|n| n.mark(&row.key)),
                            row: row.clone(),
                        })
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    // What the rows read is this one signal, and nothing else that changes: reactive_graph (0.2.16) keeps a
    // reader that went away until what it read changes (a memo, for good), so each row drawn and removed by
    // a scroll or a filter left its memos and attribute effects behind in the cursor, the selection and the
    // rest, about 1.3 KB a row, until the tab closed (QA: 4 MB per 100 scrolls of 200 users). This signal
    // changes at each scroll, and forgets its readers then.
    let shown = RwSignal::new(Vec::new());
    ImmediateEffect::new_scoped(move || shown.set(window_rows.get()));
    let total = move || visible.with(Vec::len);

    let header = move |label: &'static str, key: SortKey| {
        let aria = move || match sort.get() {
            (k, true) if k == key => "ascending",
            (k, false) if k == key => "descending",
            _ => "none",
        };
        view! {
            <div class="user-table__cell user-table__head-cell" role="columnheader" aria-sort=aria>
                <button type="button" class="user-table__sort" aria-label=move || format!("{label}{}", crate::components::sorted_said(aria())) on:click=move |_| {
                    sort.update(|(k, asc)| if *k == key { *asc = !*asc } else { (*k, *asc) = (key, true) })
                }>
                    {label}
                    <span aria-hidden="true">{move || match aria() { "ascending" => " \u{25b2}", "descending" => " \u{25bc}", _ => "" }}</span>
                </button>
            </div>
        }
    };

    // A row that goes (its user removed elsewhere, or found gone by the button just pressed: QA) takes the
    // focus its buttons had: it goes to the details button of the row now in its place, by position, not
    // onto the page, where the next Tab would start from the top. The row that last had the focus, by its
    // `aria-rowindex`, with the user's key; forgotten once the focus moves somewhere else.
    let focus_row = StoredValue::new(None::<(String, String)>);
    let on_focusin = move |ev: web_sys::FocusEvent| {
        let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let row = target.and_then(|t| t.closest("[role=row][aria-rowindex]").ok().flatten());
        focus_row.set_value(row.and_then(|r| Some((r.get_attribute("aria-rowindex")?, r.get_attribute("data-key")?))));
    };
    let on_focusout = move |ev: web_sys::FocusEvent| {
        if ev.related_target().is_some() {
            focus_row.set_value(None);
        }
    };
    Effect::new(move |_| {
        shown.track();
        request_animation_frame(move || {
            let (Some((at, key)), Some(table)) =
                (focus_row.try_get_value().flatten(), scroller.try_get_untracked().flatten())
            else {
                return;
            };
            if !focus_lost() {
                return;
            }
            // Their user still in the list: the row was drawn anew by a scroll, and the focus is not handed on.
            // Handed on, it scrolled the table back to that row at each turn of the wheel (QA: a table scrolled
            // to its last user, ticked, could not be scrolled up again).
            let here = visible.try_with_untracked(|v| {
                handle
                    .rows
                    .try_with_untracked(|rows| v.iter().any(|&i| rows.get(i as usize).is_some_and(|r| r.key == key)))
            });
            if here.flatten() != Some(false) {
                return;
            }
            // The row at that position, or the last one when the list got shorter than that. Not one at a
            // position scrolled out of the drawn rows: the focus went with a scroll, not with a user.
            let row = table.query_selector(&format!("[role=row][aria-rowindex=\"{at}\"] .user-table__details"));
            let total = visible.try_with_untracked(Vec::len).unwrap_or_default();
            let shorter = at.parse::<usize>().is_ok_and(|at| at >= total + 2);
            let found = row.ok().flatten().or_else(|| {
                let all = table.query_selector_all(".user-table__body .user-table__details").ok()?;
                all.item(all.length().checked_sub(1)?).and_then(|n| n.dyn_into().ok()).filter(|_| shorter)
            });
            match found.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
                Some(button) => {
                    let options = web_sys::FocusOptions::new();
                    options.set_prevent_scroll(true);
                    drop(button.focus_with_options(&options));
                }
                None if shorter => focus_main(),
                None => {}
            }
        });
    });

    view! {
        <div
            class="user-table"
            on:focusin=on_focusin
            on:focusout=on_focusout
            // Through the CSSOM (`setProperty`): the Content-Security-Policy refuses a style attribute.
            style=("--user-row", format!("{}px", row_px()))
            node_ref=scroller
            role="table"
            aria-label="Users"
            aria-rowcount=move || (total() + 1).to_string()
            on:scroll=move |_| measure()
        >
            <div class="user-table__row user-table__head" role="row" aria-rowindex="1">
                <div class="user-table__cell" role="columnheader"><span class="visually-hidden">"Selected"</span></div>
                {header("Name", SortKey::Name)}
                <div class="user-table__cell" role="columnheader">"Actions"</div>
                {header("Audio", SortKey::Audio)}
                {header("Video", SortKey::Video)}
                {header("Roles", SortKey::Roles)}
                {header("Status", SortKey::Status)}
                {header("Joined", SortKey::Joining)}
                {header("Entity / address", SortKey::Entity)}
            </div>
            <div class="user-table__body" role="rowgroup" style:height=move || format!("{}px", total() * row_px())>
                <div class="user-table__window" style:transform=move || format!("translateY({}px)", range.get().0 * row_px())>
                    // Keyed by user, not by content: a row whose user changes (the moderator's own mute, a
                    // re-read) is updated in place, so that the button just pressed keeps the focus.
                    <For each=move || shown.with(|s| row_ids(s)) key=|id: &RowId| id.clone() let:id>
                        {user_row(Rows { shown, cursor, list, on_action, moderation }, id)}
                    </For>
                </div>
            </div>
        </div>
    }
}

/// What every row shares.
#[derive(Clone, Copy)]
struct Rows {
    /// The rows in the window: what the rows read (see `UserTable`).
    shown: RwSignal<Vec<Shown>>,
    cursor: RwSignal<Option<String>>,
    list: StoredValue<String>,
    on_action: Callback<(String, RowAction)>,
    moderation: crate::session::moderation::Moderation,
}

/// A row in the window.
#[derive(Debug, Clone, Default, PartialEq)]
struct Shown {
    /// Its position in the filtered list.
    position: usize,
    /// Waiting to be admitted: a pending user of a list that holds joiners.
    waiting: bool,
    /// The connected moderator's own row.
    mine: bool,
    /// The keyboard's current row.
    current: bool,
    selected: bool,
    /// The request running for this user: which button's.
    busy: Option<&'static str>,
    /// Its details are open below the table.
    detail_open: bool,
    /// Why changes are not available, if they are not.
    locked: Option<String>,
    /// `new` or `changed` when the last read showed so, other than by this panel.
    news: Option<&'static str>,
    row: UserRow,
}

/// A row's identity in the window: the user's key, and which of the users with that key it is (a server
/// may list a user twice; the keys of a keyed list must differ).
type RowId = (String, usize);

/// The identities of the rows in the window, in order.
fn row_ids(shown: &[Shown]) -> Vec<RowId> {
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    shown
        .iter()
        .map(|Shown { row: r, .. }| {
            let nth = seen.entry(r.key.as_str()).or_default();
            *nth += 1;
            (r.key.clone(), *nth - 1)
        })
        .collect()
}

/// The `nth` row of the user `key` in the window.
fn find_row<'a>(shown: &'a [Shown], key: &str, nth: usize) -> Option<&'a Shown> {
    shown.iter().filter(|s| s.row.key == key).nth(nth)
}

/// Who is in which breakout rooms of the conference, when the list is a conference's: its rows say "in Red"
/// (`state::breakout::Whereabouts`), and a removal takes them out of those rooms (`UsersHandle::know_rooms`).
#[derive(Clone, Copy)]
pub struct RoomOf {
    pub rooms: Memo<Whereabouts>,
    /// Notified at each read of the list's users: who is in a room by reference is in that room's own
    /// document, which the read of the users does not bring, so it is read again with them (QA: "Refresh
    /// users" and the Auto refresh left a row's room as it was).
    pub users_read: Trigger,
}

fn user_row(rows: Rows, (key, nth): RowId) -> impl IntoView {
    let Rows { shown, cursor, list, on_action, moderation } = rows;
    let room_of = use_context::<RoomOf>();
    let key = StoredValue::new(key);
    let room =
        Memo::new(move |_| room_of.and_then(|r| r.rooms.try_with(|m| key.with_value(|k| rooms_named(m.get(k)?)))?));
    // The row's data, following its user through reads and changes (empty for the moment it leaves).
    let shown_row =
        Memo::new(move |_| shown.with(|s| key.with_value(|k| find_row(s, k, nth).cloned())).unwrap_or_default());
    let data = Memo::new(move |_| shown_row.with(|s| (s.position, s.row.clone())));
    let index = move || (data.with(|(p, _)| p + 2)).to_string();
    let current = move || shown_row.with(|s| s.current);
    let selected = move || shown_row.with(|s| s.selected);
    // One memo per row, which the row's dozen attributes follow: were they to read the busy map
    // themselves, each of the hundreds would run again at every request of a bulk run (and the reactive
    // graph's bookkeeping of so many readers of one signal grows with their square).
    let busy = Memo::new(move |_| shown_row.with(|s| s.busy));
    let busy = move || busy.get();
    let locked = Memo::new(move |_| shown_row.with(|s| s.locked.clone()));
    let detail_open = Memo::new(move |_| shown_row.with(|s| s.detail_open));
    let actionable = move || data.with(|(_, r)| !r.entity.is_empty());
    // Why a row's action is not offered, said on the button (its title, read as its description): a
    // disabled button is skipped by Tab, and a keyboard or screen reader user would not learn why (QA).
    let no_id = move || (!actionable()).then_some("This user has no user ID to address a change to.");
    // Someone waiting to be admitted has no media or role to change yet: their row offers what the
    // waiting room does, Admit and Turn away.
    let waiting = Memo::new(move |_| shown_row.with(|s| s.waiting));
    // Pressed, and not yet marked busy (the request starts in a task of its own): a second press in the same
    // moment (two clicks dispatched at once) is the same press (QA: two mutes sent on a slow link).
    let pressed = StoredValue::new(false);
    let fire = move |action: RowAction| {
        if pressed.get_value() {
            return;
        }
        pressed.set_value(true);
        request_animation_frame(move || {
            pressed.try_set_value(false);
        });
        on_action.run((key.get_value(), action))
    };
    let button = move |label: Signal<&'static str>,
                       aria: Signal<String>,
                       what: &'static str,
                       action: RowAction,
                       why_not: Signal<Option<&'static str>>| {
        view! {
            <button
                type="button"
                class=if action == RowAction::Details { "button user-table__action user-table__details" } else { "button user-table__action" }
                aria-label=aria
                disabled=move || why_not.with(Option::is_some) || (action != RowAction::Details && locked.with(Option::is_some))
                // While the user's request runs the button is disabled for people and assistive technology
                // alike, but not with `disabled`: that would drop the keyboard focus onto the page.
                aria-disabled=move || busy().is_some().then_some("true")
                title=move || (action != RowAction::Details).then(|| locked.get()).flatten().or_else(|| why_not.get().map(str::to_owned))
                aria-busy=move || (busy() == Some(what)).to_string()
                // The details button opens the panel below the table: it says whether that is this user's.
                aria-expanded=move || {
                    (action == RowAction::Details).then(|| detail_open.get().to_string())
                }
                on:click=move |ev| {
                    ev.stop_propagation();
                    // The second click of a double-click would land on what the first one made of the row
                    // (Admit becomes Mute), or repeat the change.
                    if busy().is_none() && !repeated_click(&ev) {
                        fire(action)
                    }
                }
            >
                <Show when=move || busy() == Some(what)><span class="spinner" aria-hidden="true"></span></Show>
                {label}
            </button>
        }
    };
    let name = move || data.with(|(_, r)| r.name.clone());
    let mine = move || shown_row.with(|s| s.mine);
    let news = move || shown_row.with(|s| s.news);
    // "Unmute" only for what is off; a user without audio shows a disabled "Mute".
    let audio_on = move || data.with(|(_, r)| r.audio != MediaCell::Off);
    let video_on = move || data.with(|(_, r)| r.video != MediaCell::Off);
    let manager = move || data.with(|(_, r)| r.is_manager());
    let audio_label = move || if audio_on() { "Mute" } else { "Unmute" };
    // Verbs, as the bulk bar's and the details' (QA: "Video off" beside a Video column saying "on" read as
    // its state).
    let video_label = move || if video_on() { "Stop video" } else { "Start video" };
    let promote_label = move || if manager() { "Demote" } else { "Promote" };
    let audio = move || {
        button(
            Signal::derive(audio_label),
            Signal::derive(move || format!("{} {}", audio_label(), name())),
            "audio",
            RowAction::Audio,
            Signal::derive(move || {
                no_id().or_else(|| data.with(|(_, r)| r.audio == MediaCell::Absent).then_some("They have no audio."))
            }),
        )
    };
    let video = move || {
        button(
            Signal::derive(video_label),
            // The visible words begin the accessible name (WCAG 2.5.3), so "Stop video" works by voice too.
            Signal::derive(move || format!("{} of {}", video_label(), name())),
            "video",
            RowAction::Video,
            Signal::derive(move || {
                no_id().or_else(|| data.with(|(_, r)| r.video == MediaCell::Absent).then_some("They have no video."))
            }),
        )
    };
    let promote = move || {
        button(
            Signal::derive(promote_label),
            Signal::derive(move || format!("{} {}", promote_label(), name())),
            "role",
            RowAction::Promote,
            Signal::derive(no_id),
        )
    };
    let admit = move || {
        button(
            Signal::stored("Admit"),
            Signal::derive(move || format!("Admit {}", name())),
            "admit",
            RowAction::Admit,
            Signal::derive(no_id),
        )
    };
    let turn_away = move || {
        button(
            Signal::stored("Turn away\u{2026}"),
            Signal::derive(move || format!("Turn away {}", name())),
            "remove",
            RowAction::TurnAway,
            Signal::derive(no_id),
        )
    };
    // Once admitted, the row's Admit goes (its button becomes Mute, disabled for someone without audio): the
    // focus moves to the row's details button, not onto the page, and not onto Mute or Promote, which a
    // second press of Enter (a nervous double press, a key repeat) would fire at the person just let in.
    let actions = NodeRef::<html::Div>::new();
    // Whether the focus was last in this row's actions: only then does it come back here. An "Admit all" of the
    // waiting room took its button away, and the first row admitted took the focus, scrolling the page to it
    // (QA); the run's result takes it then. Cleared only when the focus moves on to something else: a
    // button removed with the focus on it leaves it set.
    let had_focus = StoredValue::new(false);
    let on_focusout = move |ev: web_sys::FocusEvent| {
        if ev.related_target().is_some() {
            had_focus.set_value(false);
        }
    };
    Effect::new(move |was: Option<bool>| {
        let now = waiting.get();
        // Checked once the page has redrawn: the swap may come after this effect runs.
        if was == Some(true) && !now {
            request_animation_frame(move || {
                if focus_lost() && had_focus.try_get_value() == Some(true) {
                    focus_nth_or_main(actions.try_get_untracked().flatten(), ".user-table__details", 0)
                }
            });
        }
        now
    });
    let details = button(
        Signal::stored("\u{2026}"),
        Signal::derive(move || format!("Details of {}", name())),
        "details",
        RowAction::Details,
        Signal::stored(None),
    );
    let status =
        move || if waiting.get() { "waiting to join".to_owned() } else { data.with(|(_, r)| r.status.clone()) };
    let media_class = |cell: MediaCell| match cell {
        MediaCell::Off => "user-table__cell user-table__media user-table__media--off",
        MediaCell::Mixed => "user-table__cell user-table__media user-table__media--mixed",
        _ => "user-table__cell user-table__media",
    };
    view! {
        <div
            class=move || {
                let mut c = String::from("user-table__row");
                if current() { c.push_str(" user-table__row--current"); }
                if selected() { c.push_str(" user-table__row--selected"); }
                c
            }
            role="row"
            aria-rowindex=index
            aria-current=move || current().then_some("true")
            data-key=key.get_value()
            on:click=move |_| cursor.set(Some(key.get_value()))
        >
            <div class="user-table__cell" role="cell">
                <input
                    type="checkbox"
                    class="user-table__check"
                    aria-label=move || format!("Select {}", name())
                    prop:checked=selected
                    disabled=move || !actionable()
                    on:click=move |ev| ev.stop_propagation()
                    on:change=move |_| list.with_value(|l| moderation.toggle(l, &key.get_value()))
                />
            </div>
            <div class="user-table__cell user-table__name" role="rowheader" title=name>
                // The name is cut short when long; "(you)" never is (an id as a name filled the cell). Isolated
                // (`dir="auto"`): a right-to-left override in a name turned "(you)" and the room after it around.
                <span class="user-table__name-text" dir="auto">{name}</span>
                // A moderator finds their own row among hundreds (and knows whose Demote it is).
                <Show when=mine>
                    <span class="user-table__you">" (you)"</span>
                </Show>
                // In a breakout room: who is where, without opening each room (QA).
                {move || room.get().map(|name| view! { <span class="user-table__room" title=format!("in {name}")><span class="user-table__room-in">"in "</span><bdi>{name.clone()}</bdi></span> })}
                // Changed by someone else since the read before (the line under the count says what).
                {move || news().map(|word| view! { <span class="user-table__news" data-news=word>{word}</span> })}
            </div>
            <div class="user-table__cell user-table__actions" role="cell" node_ref=actions
                on:focusin=move |_| had_focus.set_value(true) on:focusout=on_focusout>
                {move || if waiting.get() {
                    view! { {admit()}{turn_away()} }.into_any()
                } else {
                    view! { {audio()}{video()}{promote()} }.into_any()
                }}
                {details}
            </div>
            // Someone not in yet sends nothing, whatever their endpoint's media say.
            <div class=move || media_class(data.with(|(_, r)| r.audio)) role="cell">
                {move || if waiting.get() { "\u{2013}" } else { data.with(|(_, r)| r.audio.audio_word()) }}
            </div>
            <div class=move || media_class(data.with(|(_, r)| r.video)) role="cell">
                {move || if waiting.get() { "\u{2013}" } else { data.with(|(_, r)| r.video.video_word()) }}
                {move || data.with(|(_, r)| (!r.other_media.is_empty()).then(|| format!(" +{}", r.other_media)))}
            </div>
            <div class="user-table__cell" role="cell">{move || data.with(|(_, r)| r.roles.join(", "))}</div>
            <div class="user-table__cell" role="cell" title=status>{status}</div>
            <div class="user-table__cell" role="cell">{move || data.with(|(_, r)| r.joining.clone())}</div>
            <div class="user-table__cell mono user-table__entity" role="cell" title=move || data.with(|(_, r)| format!("{}\n{}", r.entity, r.address))>
                {move || data.with(|(_, r)| if r.entity.is_empty() { "(no entity)".to_owned() } else { r.entity.clone() })}
            </div>
        </div>
    }
}

/// Whether `ev` is the second (or later) click of a double-click: a button whose first click changed the
/// row must not act again on it. Clicks from the keyboard count 0.
pub fn repeated_click(ev: &web_sys::MouseEvent) -> bool {
    ev.detail() > 1
}
