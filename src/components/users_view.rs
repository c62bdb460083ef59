use std::time::Duration;

use ccmp::xcon::merge::same_id;
use ccmp::xcon::Operation;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::add_user_form::AddUserForm;
use super::bulk_bar::BulkBar;
use super::help_overlay::HelpOverlay;
use super::remove_dialog::RemoveDialog;
use super::user_detail::UserDetail;
use super::user_table::{row_height, RowAction, UserTable};
use super::waiting_room::WaitingRoom;
use super::{ActionButton, ConfirmDialog, DisabledAction, UndoControl};
use crate::session::moderation::use_moderation;
use crate::session::shortcuts::use_shortcuts;
use crate::session::users_handle::UsersHandle;
use crate::session::{use_ccmp, Mode};
use crate::state::bulk::BulkOp;
use crate::state::notice::{Notice, Tone};
use crate::state::scope::Scope;
use crate::state::shortcuts::{Shortcut, Where};
use crate::state::uri_key;
use crate::state::user_changes::{label, media_change, name_change, roles_change};
use crate::state::users::{
    promoted, role_choices, to_mute_all, visible, with_role, MediaCell, SortKey, MANAGING_ROLES,
};
use crate::state::waiting::{holds_joiners, is_pending, waiting_in};
use crate::state::watch_pace::WATCH_SECS;

/// Whom the remove dialog asks about (`one`: from a row, else the selection), and whether it asks to turn
/// them away: all were waiting to join when it opened. What is confirmed is what was asked, whatever a read
/// brings meanwhile (QA: a co-moderator let one in, and the turn-away removed them from the call).
#[derive(Clone, Debug)]
struct RemoveAsk {
    keys: Vec<String>,
    one: bool,
    turn_away: bool,
    /// The entities of those waiting to join when asked.
    waiting: Vec<String>,
}

/// The title of what `z` says when this list has no undo.
const NOTHING_TO_UNDO: &str = "Nothing to undo here";
const NO_ROOM: &str = "No breakout room to move to";
const NO_CURRENT: &str = "No current user";
/// How long after the mouse last moved over the list Auto's read waits (see `aimed_at`).
const AIM_MS: f64 = 2000.0;
/// Said when the current user leaves the rows shown.
const NO_CURRENT_LEFT: &str = "The current user is no longer in the list: no current user, j or k picks one.";

/// A users list with everything a moderator does to it: filter (kept across refreshes and reloads),
/// sort, add, per-user actions, bulk actions on a selection, undo, keyboard shortcuts. Used for a
/// conference's users and, with `move_targets`, for a sidebar's.
#[component]
pub fn UsersView(
    /// Whose users.
    scope: Scope,
    /// Other sidebars users can be moved to (what the list of them shows, the name notices call it, its
    /// scope); empty for a conference.
    #[prop(into, default = Signal::derive(Vec::new))]
    move_targets: Signal<Vec<(String, String, Scope)>>,
    /// Told each version the server returns for the list's object.
    #[prop(optional)]
    on_version: Option<Callback<(u64, bool)>>,
) -> impl IntoView {
    let ccmp = use_ccmp();
    let moderation = use_moderation();
    let handle = UsersHandle::new(scope.clone(), on_version);
    // For a conference's list: who is in which of its breakout rooms.
    if let Some(rooms) = use_context::<super::user_table::RoomOf>() {
        handle.know_rooms(rooms.rooms);
        Effect::new(move |first: Option<()>| {
            handle.read_at.track();
            // The first read comes with the page's own, which reads the rooms already.
            if first.is_some() {
                rooms.users_read.notify();
            }
        });
    }
    let list = scope.uri().to_owned();
    let list_key = uri_key(&list);
    let filter = RwSignal::new(moderation.filter(&list));
    let sort = RwSignal::new((SortKey::Server, true));
    let cursor = RwSignal::new(None::<String>);
    let detail = RwSignal::new(None::<String>);
    let adding = RwSignal::new(false);
    // Closing the add form (added, or cancelled) gives the focus back to the button that opened it.
    let add_button = NodeRef::<html::Button>::new();
    let close_add = move || {
        adding.try_set(false);
        if let Some(b) = add_button.try_get_untracked().flatten() {
            let _ = b.focus();
        }
    };
    let remove_ask = RwSignal::new(None::<RemoveAsk>);
    // Demoting oneself is asked first (the key of one's own row), and then let through once.
    let demote_self = RwSignal::new(None::<String>);
    // A change of rights from the keyboard (p) is asked first: a key pressed by mistake, typing with the focus
    // out of a field, made a participant a moderator (QA). So is a Promote from the row's button; its Demote
    // is made at once.
    let role_ask = RwSignal::new(None::<String>);
    // A managing role picked for users, asked first: the role, for whom, and whether by the bulk bar's Change
    // role (or the details' Give role).
    let grant_ask = RwSignal::new(None::<(String, Vec<String>, bool)>);
    let demote_self_ok = StoredValue::new(false);
    // Set by the confirmation of a change of rights, for the action it runs.
    let role_ok = StoredValue::new(false);
    let chosen_auto = moderation.auto_refresh(&list);
    let auto = RwSignal::new(chosen_auto.unwrap_or(0));
    let scroller = NodeRef::<html::Div>::new();
    let filter_input = NodeRef::<html::Input>::new();
    let rename_input = NodeRef::<html::Input>::new();
    let move_select = NodeRef::<html::Select>::new();

    spawn_local(handle.read(ccmp, Mode::Read));
    {
        let list = list.clone();
        Effect::new(move |_| moderation.keep_filter(&list, &filter.get()));
    }
    // Until the moderator chooses, a conference with a waiting room is re-read every 10 s: CCMP has no
    // push, and without it a newcomer would wait at the door until someone clicked Read again.
    // Said on the choice itself, which the moderator did not make (QA: "every 10 s" seen, and not chosen).
    let watching = RwSignal::new(false);
    if chosen_auto.is_none() {
        Effect::new(move |done: Option<bool>| {
            if done == Some(true) || !handle.loaded.get() {
                return done.unwrap_or(false);
            }
            if handle.users.with_untracked(holds_joiners) && auto.get_untracked() == 0 {
                auto.set(WATCH_SECS);
                watching.set(true);
            }
            true
        });
    }
    let choose_auto = {
        let list = list.clone();
        move |secs: u32| {
            auto.set(secs);
            watching.set(false);
            moderation.keep_auto_refresh(&list, secs);
        }
    };
    // Someone changed this list from elsewhere (undo, a move from another sidebar): read it again.
    moderation.on_stale(&list, move || spawn_local(handle.read(ccmp, Mode::Background)));
    // The server is back after an outage that failed a read here: read again rather than keep showing
    // the read from before it (an undo cut short by the outage left things otherwise).
    Effect::new(move |was_unreachable: Option<bool>| {
        let unreachable = ccmp.connection.unreachable.get();
        if was_unreachable == Some(true) && !unreachable && handle.error.with_untracked(Option::is_some) {
            spawn_local(handle.read(ccmp, Mode::Background));
        }
        unreachable
    });
    // And a read that failed is tried again at the watch's pace whatever "Auto" says: after an outage
    // nothing else may send the request that finds the server back (QA saw the tab wait two minutes).
    let retry = set_interval_with_handle(
        move || {
            let failed = handle.error.try_with_untracked(Option::is_some).unwrap_or(false);
            if failed && handle.loading.try_get_untracked() == Some(false) {
                spawn_local(handle.read(ccmp, Mode::Background));
            }
        },
        Duration::from_secs(WATCH_SECS.into()),
    )
    .ok();
    on_cleanup(move || {
        if let Some(t) = retry {
            t.clear();
        }
    });
    // While the mouse moves over the waiting room, the selection's bar, the table or a user's details, Auto's
    // reads wait for it to settle or leave: a read that adds or drops a row, or a line above them, moves
    // everything under the pointer, and a click meant for one user lands on another (QA). Not while it rests
    // there: Auto would stop for as long as a hand left the mouse on the list. The mouse only: a finger leaves
    // no pointer behind to say when it is gone.
    let aimed_at = StoredValue::new(None::<f64>);
    let aiming = move || aimed_at.try_get_value().flatten().is_some_and(|t| js_sys::Date::now() - t < AIM_MS);
    let held = StoredValue::new(false);
    let read_when_settled = move || {
        if aiming() {
            held.set_value(true);
        } else {
            held.set_value(false);
            spawn_local(handle.read(ccmp, Mode::Background));
        }
    };
    let aim = move |ev: leptos::ev::PointerEvent| {
        if ev.pointer_type() == "mouse" {
            aimed_at.set_value(Some(js_sys::Date::now()));
        }
    };
    let leave = move |_: leptos::ev::PointerEvent| {
        aimed_at.set_value(None);
        if held.get_value() {
            read_when_settled();
        }
    };
    // A read held back is made once the pointer has settled.
    let settle = set_interval_with_handle(
        move || {
            if held.try_get_value() == Some(true) {
                read_when_settled();
            }
        },
        Duration::from_millis(500),
    )
    .ok();
    on_cleanup(move || {
        if let Some(t) = settle {
            t.clear();
        }
    });
    let timer = StoredValue::new(None::<IntervalHandle>);
    Effect::new(move |before: Option<u32>| {
        let secs = auto.get();
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        timer.set_value(None);
        if secs > 0 {
            let tick = read_when_settled;
            // Turned on, or to another pace: a read now, not at the end of the first interval (QA: a list left
            // "off" for a while stayed as it was for 10 s more).
            if before.is_some_and(|b| b != secs) {
                tick();
            }
            timer.set_value(set_interval_with_handle(tick, Duration::from_secs(secs.into())).ok());
        }
        secs
    });
    on_cleanup(move || {
        if let Some(t) = timer.get_value() {
            t.clear();
        }
    });

    let shown = Memo::new(move |_| {
        let (key, ascending) = sort.get();
        filter.with(|f| handle.rows.with(|rows| visible(rows, f, key, ascending)))
    });
    let roles = Memo::new(move |_| handle.rows.with(|r| role_choices(r)));
    let shown_keys = move || {
        shown.with_untracked(|v| {
            handle.rows.with_untracked(|rows| {
                v.iter()
                    .filter_map(|&i| rows.get(i as usize))
                    .filter(|r| !r.entity.is_empty())
                    .map(|r| r.key.clone())
                    .collect::<Vec<_>>()
            })
        })
    };
    // Found gone (a 404 from any request about it, another moderator's delete): its buttons would only
    // meet 404 after 404.
    let gone = RwSignal::new(false);
    {
        let list_key = list_key.clone();
        Effect::new(move |first: Option<()>| {
            // Read every time, so that the effect follows it; not acted on at once (a conference found gone
            // before this tab was drawn, then made again under the same URI, is not gone).
            let dropped = ccmp.store.dropped.with(|k| k.as_deref() == Some(list_key.as_str()));
            if first.is_some() && dropped {
                gone.set(true);
            }
        });
    }
    const GONE: &str = "It no longer exists on the server.";
    let change_why = {
        let scope = scope.clone();
        Signal::derive(move || {
            if gone.get() {
                return Some(GONE.to_owned());
            }
            let (kind, op) = scope.change_kind(Operation::Update);
            ccmp.connection.allows(kind, Some(op)).err()
        })
    };
    let add_why = {
        let scope = scope.clone();
        Signal::derive(move || {
            if gone.get() {
                return Some(GONE.to_owned());
            }
            let (kind, op) = scope.change_kind(Operation::Create);
            ccmp.connection.allows(kind, Some(op)).err()
        })
    };
    let list_sv = StoredValue::new(list.clone());
    // The undo of a change to this list only: a sidebar's view must not offer to undo a change made in its
    // conference's list (its Undo would act there, out of sight).
    let list_uri = StoredValue::new(scope.uri().to_owned());
    let undo_label = Memo::new(move |_| {
        moderation.undo.with(|u| {
            u.as_ref().filter(|e| list_uri.with_value(|l| uri_key(e.scope.uri()) == uri_key(l))).map(|e| e.what())
        })
    });
    let targets = Signal::derive(move || {
        move_targets.with(|t| t.iter().enumerate().map(|(i, (label, ..))| (label.clone(), i)).collect::<Vec<_>>())
    });

    let ask_remove = move |mut keys: Vec<String>, one: bool| {
        // A selection's removal leaves the moderator out, as the run would (QA: "Select all shown" took them
        // out of their own event, and the dialog counted them without saying so).
        if !one {
            let me = ccmp.connection.current.with_untracked(|c| c.as_ref().map(|c| c.user.to_string()));
            let mine = |k: &String| {
                let entity = handle.user(k).and_then(|u| u.entity);
                entity.zip(me.as_deref()).is_some_and(|(e, me)| same_id(&e, me))
            };
            keys.retain(|k| !mine(k));
            if keys.is_empty() {
                return;
            }
        }
        let waiting: Vec<String> = if handle.users.with_untracked(holds_joiners) {
            keys.iter().filter_map(|k| handle.user(k)).filter(is_pending).filter_map(|u| u.entity).collect()
        } else {
            Vec::new()
        };
        let turn_away = !keys.is_empty() && waiting.len() == keys.len();
        remove_ask.set(Some(RemoveAsk { keys, one, turn_away, waiting }));
    };
    let on_remove = Callback::new(move |key: String| ask_remove(vec![key], true));
    let on_admit = Callback::new(move |key: String| {
        let Some(user) = handle.user(&key) else { return };
        let what = format!("Admit {}", label(&user));
        spawn_local(handle.admit(ccmp, moderation, key, what));
    });
    // The per-user actions (the keyboard reaches them even when the buttons are disabled).
    let act = move |(key, action): (String, RowAction)| {
        if let (Some(why), false) = (change_why.get_untracked(), action == RowAction::Details) {
            ccmp.notices.push(Notice::plain(Tone::Warning, "Not available", why));
            return;
        }
        let Some(user) = handle.user(&key) else { return };
        let name = label(&user);
        // A shortcut reaches users whose row button is disabled: say why nothing is sent.
        let absent = match action {
            RowAction::Audio => Some("audio"),
            RowAction::Video => Some("video"),
            _ => None,
        }
        .filter(|media| MediaCell::of(&user, media) == MediaCell::Absent);
        if let Some(media) = absent {
            ccmp.notices.push(Notice::plain(Tone::Info, "Nothing to change", format!("{name} has no {media} stream.")));
            return;
        }
        // A shortcut (m, v, p) reaches someone waiting to be admitted, whose row offers no such button.
        let waiting = is_pending(&user) && handle.users.with_untracked(holds_joiners);
        if waiting && matches!(action, RowAction::Audio | RowAction::Video | RowAction::Promote) {
            let why = format!("{name} is waiting to join: admit them first.");
            ccmp.notices.push(Notice::plain(Tone::Info, "Not in the conference yet", why));
            return;
        }
        match action {
            RowAction::Admit => on_admit.run(key),
            RowAction::TurnAway => on_remove.run(key),
            RowAction::Details => {
                cursor.set(Some(key.clone()));
                detail.set(Some(key));
            }
            RowAction::Audio => {
                let on = !MediaCell::of(&user, "audio").can_turn_off();
                let what = format!("{} {name}", if on { "Unmute" } else { "Mute" });
                spawn_local(handle.change(ccmp, moderation, key, "audio", what, move |u| media_change(u, "audio", on)));
            }
            RowAction::Video => {
                let on = !MediaCell::of(&user, "video").can_turn_off();
                let what = format!("{} of {name}", if on { "Start video" } else { "Stop video" });
                spawn_local(handle.change(ccmp, moderation, key, "video", what, move |u| media_change(u, "video", on)));
            }
            RowAction::Promote => {
                let promote = !crate::state::users::UserRow::new(&user, 0).is_manager();
                // On another server than this one, a moderator no more may be refused the next change here,
                // their Undo of this one included.
                let me = untrack(|| ccmp.connection.user_key());
                let is_me = user.entity.as_deref().map(uri_key).is_some_and(|e| Some(e) == me);
                let confirmed = std::mem::take(&mut *demote_self_ok.write_value());
                let asked = std::mem::take(&mut *role_ok.write_value());
                if !promote && is_me && !confirmed {
                    demote_self.set(Some(key));
                    return;
                }
                // Making someone a moderator is asked first, from the row's button too: it sits beside Mute,
                // and a slip gave a participant the power to remove everyone (QA, twice). Taking it away is
                // not: Undo gives it back.
                if promote && !asked {
                    role_ask.set(Some(key));
                    return;
                }
                let what = format!("{} {name}", if promote { "Promote" } else { "Demote" });
                spawn_local(handle.change(ccmp, moderation, key, "role", what, move |u| {
                    Some(roles_change(u.entity.as_deref()?, promoted(u.role_names(), promote)))
                }));
            }
        }
    };
    let on_action = Callback::new(act);
    let on_rename = Callback::new(move |(key, new): (String, String)| {
        let Some(user) = handle.user(&key) else { return };
        if user.display_text.as_deref().unwrap_or_default().trim() == new.trim() {
            return;
        }
        let what = format!("Rename {} to {}", label(&user), new.trim());
        spawn_local(
            handle.change(ccmp, moderation, key, "name", what, move |u| Some(name_change(u.entity.as_deref()?, &new))),
        );
    });
    let on_role = Callback::new(move |(key, role): (String, String)| {
        let Some(user) = handle.user(&key) else { return };
        // As a row's Make moderator is, and a bulk run's (QA: the details' Give role did it at once).
        let granting = MANAGING_ROLES.contains(&role.as_str()) && !user.has_role(&role);
        if granting && !std::mem::take(&mut *role_ok.write_value()) {
            grant_ask.set(Some((role, vec![key], false)));
            return;
        }
        let what = format!("Make {} {role}", label(&user));
        spawn_local(handle.change(ccmp, moderation, key, "role", what, move |u| {
            Some(roles_change(u.entity.as_deref()?, with_role(u.role_names(), &role)))
        }));
    });
    let on_admit_all = Callback::new(move |keys: Vec<String>| {
        spawn_local(handle.bulk(ccmp, moderation, BulkOp::Admit, keys, None));
    });
    // Someone gone at a read (removed elsewhere, or left) is no longer selected: the bar still counted them
    // (QA: "3 users selected", and Remove asked about 2).
    Effect::new(move |_| {
        handle.rows.track();
        let chosen = list_sv.with_value(|l| moderation.selected_now(l));
        if chosen.is_empty() {
            return;
        }
        let kept: std::collections::BTreeSet<String> = handle.rows.with_untracked(|rows| {
            let present: std::collections::HashSet<&str> = rows.iter().map(|r| r.key.as_str()).collect();
            chosen.iter().filter(|k| present.contains(k.as_str())).cloned().collect()
        });
        if kept.len() != chosen.len() {
            list_sv.with_value(|l| moderation.set_selected(l, kept));
        }
    });
    // The selection in the table's order (its sort and filter), then any it hides: a bulk run goes down
    // the list as the moderator sees it (QA: "Make observer" changed Person 10 before Person 9).
    let selected_keys = move || {
        let mut chosen = list_sv.with_value(|l| moderation.selected_now(l));
        let mut keys: Vec<String> = shown.with_untracked(|v| {
            handle.rows.with_untracked(|rows| {
                v.iter().filter_map(|&i| rows.get(i as usize)).filter_map(|r| chosen.take(&r.key)).collect()
            })
        });
        keys.extend(chosen);
        keys
    };
    let on_run = Callback::new(move |op: BulkOp| {
        let keys = selected_keys();
        if keys.is_empty() {
            return;
        }
        match op {
            _ if op.destructive() => ask_remove(keys, false),
            // The power to remove everyone, given to many at once: asked first, as from a row (QA: only the
            // row's Make moderator asked).
            BulkOp::Role(role) if MANAGING_ROLES.contains(&role.as_str()) => grant_ask.set(Some((role, keys, true))),
            op => spawn_local(handle.bulk(ccmp, moderation, op, keys, None)),
        }
    });
    // "Mute all participants": the moderators keep their voice; one bulk run, undone as one.
    let me = move || ccmp.connection.current.with(|c| c.as_ref().map(|c| c.user.to_string()).unwrap_or_default());
    let to_mute = Memo::new(move |_| {
        let me = me();
        handle.rows.with(|r| r.iter().filter(|r| r.muted_by_mute_all(&me)).count())
    });
    let running = move || list_sv.with_value(|l| moderation.bulk_running(l));
    let mute_all_why = move || {
        change_why.get().or_else(|| (to_mute.get() == 0).then(|| "Every participant is muted already.".to_owned()))
    };
    // Asked first, with the count: a stray Shift+M in a room of 3,000 would send 3,000 requests (QA's took
    // two minutes to run and as long to undo). The count follows the reads while it asks, and those muted
    // are the ones counted when the moderator confirms (QA: two who joined meanwhile were left speaking).
    let mute_ask = RwSignal::new(false);
    let mute_all = move || {
        if !untrack(running) && untrack(mute_all_why).is_none() {
            mute_ask.set(true);
        }
    };
    // Drawn once while it asks (the count in it changes, not the dialog, which keeps the focus).
    let asking_mute = Memo::new(move |_| mute_ask.get() && to_mute.get() > 0);
    let confirm_mute_all = Callback::new(move |()| {
        mute_ask.set(false);
        let me = untrack(me);
        let keys = handle.rows.with_untracked(|r| to_mute_all(r, &me));
        if !keys.is_empty() && !untrack(running) {
            spawn_local(handle.mute_all(ccmp, moderation, keys));
        }
    });
    let move_to = move |keys: Vec<String>, id: usize| {
        let Some((_, name, target)) = move_targets.with_untracked(|t| t.get(id).cloned()) else { return };
        spawn_local(handle.bulk(ccmp, moderation, BulkOp::Move { to: name }, keys, Some(target)));
    };
    let on_move_selected = Callback::new(move |id: usize| move_to(selected_keys(), id));
    let on_move_one = Callback::new(move |(key, id): (String, usize)| move_to(vec![key], id));
    // How many of the selected users the filter hides: the bulk actions act on them all the same (QA: "38
    // users selected", one row shown, and Mute went to all 38).
    let selected_hidden = Signal::derive(move || {
        let selected = list_sv.with_value(|l| moderation.selected(l));
        if selected.is_empty() {
            return 0;
        }
        shown.with(|v| {
            handle.rows.with(|rows| {
                let visible: std::collections::HashSet<&str> =
                    v.iter().filter_map(|&i| rows.get(i as usize)).map(|r| r.key.as_str()).collect();
                selected.iter().filter(|k| !visible.contains(k.as_str())).count()
            })
        })
    });
    let on_select_shown = Callback::new(move |()| {
        let keys = shown_keys();
        list_sv.with_value(|l| moderation.set_selected(l, keys.into_iter().collect()));
    });
    let on_add = Callback::new(move |user: ccmp::xcon::User| {
        spawn_local(async move {
            if handle.add(ccmp, moderation, user).await {
                close_add();
            }
        });
    });

    // The keyboard. The current user is said aloud as j and k move to them: the row's highlight alone
    // would leave a screen reader user pressing m or r without knowing whom it acts on.
    let current_said = RwSignal::new(String::new());
    // Where the current user was in the rows shown: when they go (removed, from here or elsewhere, or
    // filtered out), nobody is the current user, and j or k go on from their place (QA: the next j went
    // back to the first row, and "Current user" still named the one removed). Not the user now in their
    // place: an m meant for someone who had just left muted them (QA).
    let cursor_at = StoredValue::new(None::<usize>);
    let say_current = move |key: &str| {
        if let Some(user) = handle.user(key) {
            current_said.set(format!("Current user: {}", crate::state::users::UserRow::new(&user, 0).spoken()));
        }
    };
    Effect::new(move |_| {
        shown.track();
        let Some(current) = cursor.get() else { return };
        let keys = shown_keys();
        if keys.contains(&current) {
            cursor_at.set_value(keys.iter().position(|k| *k == current));
            return;
        }
        cursor.set(None);
        current_said.set(NO_CURRENT_LEFT.to_owned());
    });
    let move_cursor = move |step: i64| {
        let keys = shown_keys();
        if keys.is_empty() {
            return;
        }
        let at = cursor.with_untracked(|c| c.as_ref().and_then(|c| keys.iter().position(|k| k == c)));
        let last = keys.len() as i64 - 1;
        let next = match (at, cursor_at.get_value()) {
            (Some(i), _) => (i as i64 + step).clamp(0, last) as usize,
            // The current user left: j to the one in their place, k to the one before.
            (None, Some(was)) => (was as i64 + step.min(0)).clamp(0, last) as usize,
            (None, None) => 0,
        };
        cursor.set(Some(keys[next].clone()));
        cursor_at.set_value(Some(next));
        say_current(&keys[next]);
        // Keep it in view: the sticky header covers the scroller's first row height.
        if let Some(el) = scroller.get_untracked() {
            let row = row_height();
            let (top, height) = (f64::from(el.scroll_top()), f64::from(el.client_height()) - row);
            let y = next as f64 * row;
            if y < top {
                el.set_scroll_top(y as i32);
            } else if y + row > top + height {
                el.set_scroll_top((y + row - height) as i32);
            }
            // And the table in the window: from the top of the page, the current row left the screen after
            // three presses, the table's own box scrolling out of sight (QA).
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            el.scroll_into_view_with_scroll_into_view_options(&options);
        }
    };
    // The focus on the current user's row, its details button (Enter opens them), once the table has drawn
    // it; the page's content when there is none (QA: the focus was left on the page's heading).
    let focus_current_row = move || {
        request_animation_frame(move || {
            let key = cursor.try_get_untracked().flatten();
            // Found by comparing the attribute, not in a selector: a key is the server's text.
            let button = key.and_then(|key| {
                let rows = scroller.try_get_untracked().flatten()?.query_selector_all("[role=row][data-key]").ok()?;
                let row = (0..rows.length())
                    .filter_map(|i| rows.item(i)?.dyn_into::<web_sys::Element>().ok())
                    .find(|r| r.get_attribute("data-key").as_deref() == Some(key.as_str()))?;
                row.query_selector(".user-table__details").ok().flatten()?.dyn_into::<web_sys::HtmlElement>().ok()
            });
            match button {
                Some(b) => drop(b.focus()),
                None => super::focus::focus_main(),
            }
        });
    };
    // Closed, a user's details give the focus back to their row (QA: to the top of the page).
    let close_detail = move || {
        detail.set(None);
        focus_current_row();
    };
    use_shortcuts(move |shortcut| {
        let current = cursor.get_untracked();
        // A key about the current user, when there is none, says so rather than nothing.
        let about_current = matches!(
            shortcut,
            Shortcut::ToggleSelect
                | Shortcut::ToggleAudio
                | Shortcut::ToggleVideo
                | Shortcut::TogglePromote
                | Shortcut::Rename
                | Shortcut::Remove
                | Shortcut::MoveToRoom
        );
        if about_current && current.is_none() {
            ccmp.notices.dismiss_titled(NO_CURRENT);
            ccmp.notices.push(Notice::plain(Tone::Info, NO_CURRENT, "Press j or k to pick one, or / to find them."));
            return true;
        }
        match shortcut {
            Shortcut::Help => moderation.help.update(|h| *h = !*h),
            Shortcut::FocusFilter => {
                if let Some(input) = filter_input.get_untracked() {
                    let _ = input.focus();
                }
            }
            // The focus goes with it: one cursor, not a focus ring on one row and the keys acting on another
            // (QA: m muted a user three rows below the focused one).
            Shortcut::Next => {
                move_cursor(1);
                focus_current_row();
            }
            Shortcut::Previous => {
                move_cursor(-1);
                focus_current_row();
            }
            Shortcut::ToggleSelect => {
                if let Some(key) = current {
                    list_sv.with_value(|l| moderation.toggle(l, &key));
                }
            }
            Shortcut::SelectShown => on_select_shown.run(()),
            Shortcut::ClearSelection => {
                if detail.get_untracked().is_some() {
                    close_detail();
                } else {
                    list_sv.with_value(|l| moderation.set_selected(l, Default::default()));
                }
            }
            Shortcut::ToggleAudio => current.into_iter().for_each(|k| on_action.run((k, RowAction::Audio))),
            Shortcut::ToggleVideo => current.into_iter().for_each(|k| on_action.run((k, RowAction::Video))),
            Shortcut::TogglePromote => role_ask.set(current),
            Shortcut::Rename => open_details_then(detail, current, move || {
                if let Some(input) = rename_input.try_get_untracked().flatten() {
                    let _ = input.focus();
                    input.select();
                }
            }),
            Shortcut::Remove => current.into_iter().for_each(|k| on_remove.run(k)),
            // Their details, on the choice of room (QA: no key to move someone, the one thing done most in a
            // breakout). Said when there is no room to move to, rather than nothing.
            Shortcut::MoveToRoom if targets.with_untracked(Vec::is_empty) => {
                ccmp.notices.dismiss_titled(NO_ROOM);
                ccmp.notices.push(Notice::plain(Tone::Info, NO_ROOM, "Open one from the Breakout rooms tab first."));
            }
            Shortcut::MoveToRoom => open_details_then(detail, current, move || {
                if let Some(select) = move_select.try_get_untracked().flatten() {
                    let _ = select.focus();
                }
            }),
            Shortcut::AddUser => adding.set(true),
            // Only the undo this tab shows: the last change may be another conference's (QA's `u` on one
            // conference put two people back in another's waiting room).
            Shortcut::Undo if undo_label.get_untracked().is_some() => spawn_local(moderation.run_undo(ccmp)),
            // Said, not silent: a key that does nothing reads as an undo that failed, or one done (QA).
            Shortcut::Undo => {
                ccmp.notices.dismiss_titled(NOTHING_TO_UNDO);
                ccmp.notices.push(Notice::plain(
                    Tone::Info,
                    NOTHING_TO_UNDO,
                    "No change made in this list has an undo left: undone already, or made before a reload.",
                ));
            }
            Shortcut::Refresh => spawn_local(handle.read(ccmp, Mode::Read)),
            Shortcut::MuteAll => mute_all(),
        }
        true
    });

    let confirm_remove = Callback::new(move |keep_out: bool| {
        let Some(ask) = remove_ask.get_untracked() else { return };
        remove_ask.set(None);
        let RemoveAsk { keys, one, turn_away, waiting } = ask;
        if !one {
            let op = BulkOp::Remove { keep_out, waiting_only: turn_away, waiting };
            spawn_local(handle.bulk(ccmp, moderation, op, keys, None));
        } else if let Some(key) = keys.into_iter().next() {
            spawn_local(handle.remove(ccmp, moderation, key, keep_out, turn_away));
        }
    });
    let cancel_remove = Callback::new(move |()| remove_ask.set(None));

    let total = move || handle.rows.with(Vec::len);
    let summary = move || {
        // Before the first read there is no count to give (QA: "0 users" showed while they loaded).
        if !handle.loaded.get() {
            return if handle.error.with(Option::is_some) {
                String::new()
            } else {
                "Reading the users\u{2026}".to_owned()
            };
        }
        let n = total();
        let m = shown.with(Vec::len);
        // The table lists those waiting to be admitted too, but they are not in yet: counted apart, as the
        // overview and the conferences list count them (QA: "109 users (2 waiting)" here, 107 users there).
        let w = (handle.users.with(waiting_in).unwrap_or(0) as usize).min(n);
        let users = crate::state::counted(n - w, "user", "users");
        match (w, n == m) {
            (0, true) => users,
            (0, false) => format!("{m} of {users} shown"),
            (w, true) => format!("{users} and {w} waiting to join"),
            (w, false) => format!("{m} of {n} shown ({users} and {w} waiting to join)"),
        }
    };
    // Beside the count, not in its live region: a screen reader would read the time out at every read.
    let read_at = move || handle.read_at.get().map(|at| format!(" \u{b7} read at {}", crate::api::local_time(&at)));
    // The conference's (or sidebar's) own host: the server serves it (QA: the confUserID's domain met 427).
    let domain = Signal::derive(move || {
        let conn = ccmp.connection.current.get();
        list_uri.with_value(|uri| conn.map(|c| ccmp.store.placeholder_domain(&c, Some(uri), &[])).unwrap_or_default())
    });

    view! {
        <section class="users" aria-label="Users">
            <div class="toolbar users__toolbar">
                <label class="field field--inline">
                    <span class="visually-hidden">"Filter users"</span>
                    <input
                        class="field__input field__input--filter"
                        type="search"
                        name="user-filter"
                        node_ref=filter_input
                        placeholder="Filter by name, address, entity or role (/)"
                        aria-label="Filter users"
                        prop:value=move || filter.with(|f| f.text.clone())
                        on:input=move |ev| filter.update(|f| f.text = event_target_value(&ev))
                        // Enter goes to the list, on its first user shown, where j, k and the other keys act
                        // (QA: the next j was typed into the filter, which then hid nearly everyone).
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                            if ev.key() == "Enter" && !ev.is_composing() {
                                ev.prevent_default();
                                // The first shown, whoever was the current user before (QA: back to them).
                                cursor.set(None);
                                cursor_at.set_value(None);
                                move_cursor(0);
                                focus_current_row();
                            }
                        }
                    />
                </label>
                <label class="field field--inline">
                    <span class="visually-hidden">"Role"</span>
                    <select class="field__input" aria-label="Show the role" on:change=move |ev| filter.update(|f| f.role = event_target_value(&ev))>
                        <option value="" selected=move || filter.with(|f| f.role.is_empty())>"Any role"</option>
                        {move || roles.get().into_iter().map(|r| {
                            let (value, text) = (r.clone(), r.clone());
                            view! { <option value=r selected=move || filter.with(|f| f.role.eq_ignore_ascii_case(&value))>{text}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <ActionButton label="Refresh users" busy=handle.loading on_click=move || spawn_local(handle.read(ccmp, Mode::Read))/>
                <button type="button" class="button" title=mute_all_why disabled=move || mute_all_why().is_some() aria-disabled=move || running().then_some("true") aria-keyshortcuts="Shift+M" on:click=move |_| mute_all()>
                    {move || match to_mute.get() {
                        0 => "Mute all participants".to_owned(),
                        n => format!("Mute all participants ({n})"),
                    }}
                </button>
                <label class="field field--inline">
                    <span class="field__label">"Auto"</span>
                    <select class="field__input" aria-label="Refresh the users automatically" on:change=move |ev| choose_auto(event_target_value(&ev).parse().unwrap_or(0))>
                        {[0u32, 10, 30, 60].into_iter().map(|s| view! {
                            <option value=s.to_string() selected=move || auto.get() == s>{move || match s {
                                0 => "off".to_owned(),
                                s if s == WATCH_SECS && watching.get() => format!("every {s} s (waiting room)"),
                                s => format!("every {s} s"),
                            }}</option>
                        }).collect_view()}
                    </select>
                </label>
                {move || match add_why.get() {
                    None => view! {
                        <button type="button" class="button button--primary" node_ref=add_button aria-expanded=move || adding.get().to_string() on:click=move |_| adding.update(|a| *a = !*a)>"Add user"</button>
                    }.into_any(),
                    Some(why) => view! { <DisabledAction label="Add user" why=why/> }.into_any(),
                }}
                <UndoControl what=undo_label/>
                <button type="button" class="button button--quiet shortcuts-button" aria-keyshortcuts="?" on:click=move |_| moderation.help.set(true)>"Shortcuts (?)"</button>
                <a class="button button--quiet" href=crate::state::base_path::href(&format!("/audit?q={}", js_sys::encode_uri_component(scope.conference())))>"Audit log"</a>
            </div>
            <p class="users__summary"><span role="status" aria-live="polite">{summary}</span>{read_at}</p>
            // Not in a live region: in a large event people join and leave at every read. What others changed
            // of the users already there is said (`UsersNews::spoken`), in the region after it.
            {move || handle.news.with(|n| (!n.is_empty()).then(|| (n.since.clone().unwrap_or_default(), handle.rows.with(|rows| n.summary_in(rows))))).map(|(since, said)| view! {
                <p class="users__news">
                    {format!("Changed elsewhere (by someone else, or by you in another tab) since {}: {said} ", crate::api::local_time(&since))}
                    <button type="button" class="button button--quiet" on:click=move |_| { handle.news.set(Default::default()); crate::components::focus_main_if_lost(); }>"Dismiss"</button>
                </p>
            })}
            <p class="visually-hidden" role="status" aria-live="polite">{handle.news_said}</p>
            <p class="visually-hidden" role="status" aria-live="polite">{current_said}</p>
            {move || change_why.get().map(|why| view! { <p class="users__why">"Changes are disabled: " {why}</p> })}
            {move || handle.error.get().map(|e| view! {
                <p class="users__error" role="alert">"The last read failed: " {e} {if handle.loaded.get() { ". The list shows the previous read." } else { "." }}</p>
            })}
            {move || adding.get().then(|| view! {
                <AddUserForm busy=handle.adding domain=domain on_add=on_add on_cancel=Callback::new(move |()| close_add())/>
            })}
            <div class="users__work" on:pointermove=aim on:pointerdown=aim on:pointerleave=leave>
                <WaitingRoom handle=handle on_admit=on_admit on_admit_all=on_admit_all on_turn_away=on_remove locked=change_why/>
                <BulkBar list=list.clone() hidden=selected_hidden on_select_shown=on_select_shown on_run=on_run move_targets=targets on_move=on_move_selected locked=change_why/>
                // The table stays mounted across reads and changes, so that its scroll position does too.
                <Show
                    when=move || handle.loaded.get()
                    fallback=move || view! {
                        <p class="users__state" aria-busy=move || handle.loading.get().to_string()>
                            {move || if handle.loading.get() { "Reading the users\u{2026}" } else { "The users have not been read." }}
                        </p>
                    }
                >
                    {move || (total() == 0).then(|| view! {
                        <p class="users__state">"Nobody is in here yet. Add a user to invite someone."</p>
                    })}
                    {move || (total() > 0 && shown.with(Vec::is_empty)).then(|| view! {
                        <p class="users__state">
                            "No user matches \u{201c}" {move || filter.with(|f| f.text.clone())} "\u{201d}"
                            {move || filter.with(|f| (!f.role.is_empty()).then(|| format!(" with the role {}", f.role)))} "."
                        </p>
                    })}
                    // Nobody at all: the line above says so, and an empty table would only add its header.
                    <Show when=move || { total() > 0 }>
                        <UserTable handle=handle visible=shown cursor=cursor list=list_sv.get_value() sort=sort scroller=scroller on_action=on_action locked=change_why detail=detail/>
                    </Show>
                </Show>
                {move || detail.get().map(|key| view! {
                    <UserDetail
                        handle=handle
                        key=key
                        rename_input=rename_input
                        move_select=move_select
                        on_action=on_action
                        on_rename=on_rename
                        on_role=on_role
                        on_remove=on_remove
                        move_targets=targets
                        on_move=on_move_one
                        on_close=Callback::new(move |()| close_detail())
                        locked=change_why
                    />
                })}
            </div>
            {move || remove_ask.get().map(|ask| {
                let users: Vec<_> = ask.keys.iter().filter_map(|k| handle.user(k)).collect();
                let holds = handle.users.with_untracked(holds_joiners);
                let waiting = if holds { users.iter().filter(|u| is_pending(u)).count() } else { 0 };
                let names = users.iter().map(label).collect::<Vec<_>>();
                let managers = (users.iter())
                    .filter(|u| crate::state::users::UserRow::new(u, 0).is_manager())
                    .map(label)
                    .collect::<Vec<_>>();
                // The breakout rooms they are in, which they leave with the conference.
                let rooms = handle.rooms_named_for(&ask.keys);
                view! { <RemoveDialog names=names waiting=waiting managers=managers rooms=rooms on_confirm=confirm_remove on_cancel=cancel_remove/> }
            })}
            {move || demote_self.get().map(|key| view! {
                <ConfirmDialog title="Demote yourself?".to_owned()
                    message="You would no longer moderate this conference: the server may refuse your next changes here, the Undo of this one included.".to_owned()
                    confirm_label="Demote me".to_owned()
                    on_confirm=Callback::new(move |()| {
                        demote_self.set(None);
                        demote_self_ok.set_value(true);
                        on_action.run((key.clone(), RowAction::Promote));
                    })
                    on_cancel=Callback::new(move |()| demote_self.set(None))/>
            })}
            {move || role_ask.get().and_then(|key| {
                let user = handle.user(&key)?;
                let promote = !crate::state::users::UserRow::new(&user, 0).is_manager();
                let name = label(&user);
                let (title, confirm) = if promote {
                    (format!("Make {name} a moderator?"), "Make moderator")
                } else {
                    (format!("Make {name} a participant?"), "Make participant")
                };
                let message = if promote {
                    "A moderator can mute, remove and keep out anyone here, and change the conference. Undo takes it back."
                } else {
                    "Pressed p: a change of rights is asked first, in case the key was pressed by mistake."
                };
                Some(view! {
                    <ConfirmDialog title=title
                        message=message.to_owned()
                        confirm_label=confirm.to_owned()
                        on_confirm=Callback::new(move |()| {
                            role_ask.set(None);
                            role_ok.set_value(true);
                            on_action.run((key.clone(), RowAction::Promote));
                        })
                        on_cancel=Callback::new(move |()| role_ask.set(None))/>
                })
            })}
            {move || grant_ask.get().map(|(role, keys, bulk)| {
                let who = match keys.as_slice() {
                    [one] => handle.user(one).map(|u| label(&u)).unwrap_or_else(|| "1 user".to_owned()),
                    _ => crate::state::counted(keys.len(), "user", "users"),
                };
                let article = if role.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
                let (title, confirm) = if keys.len() == 1 {
                    (format!("Make {who} {article} {role}?"), format!("Make {role}"))
                } else {
                    (format!("Make {who} {role}s?"), format!("Make {role}s"))
                };
                // Said of the role picked (QA: an administrator's said "A moderator can…").
                let capital = if article == "an" { "An" } else { "A" };
                let message = format!("{capital} {role} can mute, remove and keep out anyone here, and change the conference. Undo takes it back.");
                view! {
                    <ConfirmDialog title=title
                        message=message
                        confirm_label=confirm
                        on_confirm=Callback::new(move |()| {
                            grant_ask.set(None);
                            match (bulk, keys.as_slice()) {
                                (false, [one]) => {
                                    role_ok.set_value(true);
                                    on_role.run((one.clone(), role.clone()));
                                }
                                _ => spawn_local(handle.bulk(ccmp, moderation, BulkOp::Role(role.clone()), keys.clone(), None)),
                            }
                        })
                        on_cancel=Callback::new(move |()| grant_ask.set(None))/>
                }
            })}
            {move || asking_mute.get().then(|| {
                let who = move || crate::state::counted(to_mute.get(), "participant", "participants");
                view! {
                    <ConfirmDialog title=Signal::derive(move || format!("Mute {}?", who()))
                        message="Their audio is turned off, one request each; moderators keep their voice. Undo turns it back on.".to_owned()
                        confirm_label=Signal::derive(move || format!("Mute {}", who()))
                        on_confirm=confirm_mute_all
                        on_cancel=Callback::new(move |()| mute_ask.set(false))/>
                }
            })}
            <HelpOverlay on=Where::Users/>
        </section>
    }
}

/// Opens the details of `key` (when there is one) and, once they are drawn, runs `then` (which puts the focus on
/// one of their fields, for a key that acts there).
fn open_details_then(detail: RwSignal<Option<String>>, key: Option<String>, then: impl FnOnce() + 'static) {
    if let Some(key) = key {
        detail.set(Some(key));
        request_animation_frame(then);
    }
}
