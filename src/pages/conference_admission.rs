use std::time::Duration;

use ccmp::xcon::merge::same_id;
use ccmp::xcon::{AdmissionPolicy, JoinHandling, Operation, TargetMethod, Users};
use ccmp::MessageKind;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use super::conference::ConfPage;
use crate::components::{conference_href, focus_lost, focus_nth, ActionButton, UndoControl};
use crate::session::drafts::AllowedDraft;
use crate::session::moderation::{use_moderation, Moderation};
use crate::session::users_handle::{read_users, UsersHandle};
use crate::session::{use_ccmp, Ccmp, Mode, Sent};
use crate::state::admission::{self, AllowedRow, KeptOut};
use crate::state::bulk::BulkOp;
use crate::state::notice::{Notice, Tone};
use crate::state::scope::Scope;
use crate::state::undo::{undo_admission, AdmissionLeft, UndoEntry};
use crate::state::uri_key;
use crate::state::user_changes::deny_names;
use crate::state::waiting::{closes_waiting_room, holds_joiners, people, waiting};
use crate::state::watch_pace::WATCH_SECS;

/// The admission tab of a conference: who may join and how (RFC 6501's join-handling,
/// user-admission-policy, allowed-users-list and deny-users-list), changed through usersRequest update.
#[component]
pub fn AdmissionTab() -> impl IntoView {
    let page = expect_context::<ConfPage>();
    move || {
        let uri = page.uri.get();
        view! { <Admission uri=uri/> }
    }
}

/// What each join-handling value means, for the selector.
fn join_help(value: &JoinHandling) -> &'static str {
    // Short: a select cannot wrap, and the longest was cut in its box at 1280 px and on a phone (QA).
    match value {
        JoinHandling::Block => "nobody joins on their own",
        JoinHandling::Confirm => "waiting room, a moderator admits",
        JoinHandling::Allow => "join at once, as the policy admits",
        JoinHandling::Authenticate => "users authenticate first",
        JoinHandling::DirectedOperator => "an operator admits each",
        JoinHandling::Other(_) => "a value of this server's",
    }
}

/// The choices of a selector for an open enumeration: each listed value with what it means, and the
/// current value when a server sent one beyond the listed ones (so that it shows, not "not set").
fn options<T: Clone + PartialEq>(
    current: &str,
    known: &[T],
    parse: fn(&str) -> Option<T>,
    as_str: fn(&T) -> &str,
    help: fn(&T) -> &'static str,
) -> Vec<(String, String)> {
    let mut values = known.to_vec();
    if let Some(other) = parse(current).filter(|v| !values.contains(v)) {
        values.push(other);
    }
    values.iter().map(|v| (as_str(v).to_owned(), format!("{}: {}", as_str(v), help(v)))).collect()
}

/// A selector bound to `value` (the wire text; empty for "not set") with the `choices` as they are now.
/// "Not set" is a choice only while the server has no value (`unset`): once it has one, CCMP cannot clear
/// it, and the option stays in the list, disabled, to say so (QA: picking it sent an empty element, which
/// the schema does not allow).
fn selector(
    label: &'static str,
    value: RwSignal<String>,
    unset: Signal<bool>,
    choices: impl Fn() -> Vec<(String, String)> + Send + Sync + 'static,
) -> impl IntoView {
    let unset_text = move || {
        if unset.get() {
            "not set (the server decides)"
        } else {
            "not set: CCMP cannot clear a value once set"
        }
    };
    view! {
        <label class="field">
            <span class="field__label">{label}</span>
            // The options' selectedness as a property: once the moderator has picked one, the `selected`
            // attribute no longer moves the choice, and a read that put back the server's value left the
            // select showing the one picked (QA: `allow` shown after Read again, the server at `confirm`).
            <select class="field__input" on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="" disabled=move || !unset.get() prop:selected=move || value.with(String::is_empty)>{unset_text}</option>
                {move || choices().into_iter().map(|(v, text)| {
                    view! { <option value=v.clone() prop:selected=move || value.get() == v>{text}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

/// The join handling's wire text in `users` (empty: not set), as its selector holds it.
fn join_text(users: Option<&Users>) -> String {
    users.and_then(|u| u.join_handling.as_ref()).map(|j| j.as_str().to_owned()).unwrap_or_default()
}

/// The admission policy's wire text in `users` (empty: not set), as its selector holds it.
fn policy_text(users: Option<&Users>) -> String {
    users.and_then(|u| u.user_admission_policy.as_ref()).map(|p| p.as_str().to_owned()).unwrap_or_default()
}

/// Says so when the value picked is not the server's: the tab reads the settings again by itself, and a pick
/// not applied looked like the server's value (QA: "block" on screen while the server had "allow").
fn not_applied(picked: &str, server: &str) -> Option<impl IntoView> {
    (picked != server).then(|| {
        let has = if server.is_empty() { "none set".to_owned() } else { format!("\u{201c}{server}\u{201d}") };
        view! { <p class="field__hint" role="note">{format!("Not applied yet: the server has {has}.")}</p> }
    })
}

fn policy_help(value: &AdmissionPolicy) -> &'static str {
    match value {
        // In a moderator's words, beside the RFC's value (QA: "XCON-USERID" meant nothing to a volunteer), and
        // short (see `join_help`).
        AdmissionPolicy::ClosedAuthenticated => "allowed list only",
        AdmissionPolicy::OpenAuthenticated => "anyone signed in",
        AdmissionPolicy::Anonymous => "anyone, signed in or not",
        AdmissionPolicy::Other(_) => "a value of this server's",
    }
}

/// Builds an admission change from the lists as just read: `Ok(None)` when there is nothing to change,
/// `Err` with why it cannot be made.
type MakeChange = Box<dyn FnOnce(&Users) -> Result<Option<Users>, String>>;

/// The lists as read, with only those users the deny list names (a 10,000-user conference need not be kept
/// twice; the Kept out card names those it can: QA, a co-moderator's ban of someone still in the list showed
/// bare addresses).
fn lists_of(mut users: Users) -> Users {
    let denied = admission::denied(&users);
    let on_list = |u: &ccmp::xcon::User| deny_names(u).iter().any(|n| denied.iter().any(|d| same_id(d, n)));
    users.users.retain(on_list);
    users
}

/// Reads the lists fresh, asks `make` for the change, sends it, and records its undo. Returns the lists
/// after the change (or as read, when there was nothing to change), `None` when it failed.
async fn change_lists(
    ccmp: Ccmp,
    moderation: Moderation,
    page: Option<ConfPage>,
    scope: Scope,
    action: String,
    make: impl FnOnce(&Users) -> Result<Option<Users>, String>,
) -> Option<Users> {
    let me = ccmp.connection.get()?.user;
    let fresh = match read_users(ccmp, &scope, Mode::Read).await {
        Ok((users, version)) => {
            let check = version.and_then(|v| ccmp.store.versions.try_update_value(|t| t.on_read(scope.uri(), v)));
            // Someone else's change came with this read: the page's next read tells it (QA: a subject changed
            // by another client just before the moderator's own admission change was never told).
            if let (Some(page), true) = (page, check.is_some_and(|c| c.needs_reread())) {
                page.expect_news();
            }
            lists_of(users)
        }
        Err(_) => return None,
    };
    let change = match make(&fresh) {
        Ok(Some(change)) => change,
        Ok(None) => {
            ccmp.notices.push(Notice::plain(
                Tone::Info,
                format!("{action}: nothing to change"),
                "The server already has it so.",
            ));
            return Some(fresh);
        }
        Err(why) => {
            ccmp.notices.push(Notice::plain(Tone::Error, format!("{action}: not sent"), why));
            return Some(fresh);
        }
    };
    match ccmp.send(scope.update_users(&me, change.clone()), &action, Mode::Change).await {
        Sent::Ok(r) => {
            if let Some(v) = r.version {
                ccmp.store.versions.try_update_value(|t| t.on_own_change(scope.uri(), v));
                if let Some(page) = page {
                    page.version.try_set(Some(v));
                }
            }
            // The page's document takes the change too: the next read that finds someone else's change
            // compares against it, and must not tell this one as theirs (`state::elsewhere`).
            if let Some(page) = page {
                page.doc.try_update(|d| {
                    if let Some(users) = d.as_mut().and_then(|c| c.users.as_mut()) {
                        ccmp::xcon::merge::admission(users, &change);
                    }
                });
            }
            let mut after = fresh.clone();
            ccmp::xcon::merge::admission(&mut after, &change);
            let left = AdmissionLeft { change, after: after.clone() };
            moderation.made(undo_admission(action, scope, &me, &fresh, left));
            Some(after)
        }
        _ => Some(fresh),
    }
}

#[component]
fn Admission(uri: String) -> impl IntoView {
    let ccmp = use_ccmp();
    let moderation = use_moderation();
    let page = use_context::<ConfPage>();
    let scope = StoredValue::new(Scope::Conference { uri: uri.clone() });
    let lists = RwSignal::new(None::<Users>);
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let allowed = page.map(|p| p.drafts.allowed).unwrap_or_default();
    let AllowedDraft { base, draft } = allowed;
    let new_uri = RwSignal::new(String::new());
    let new_method = RwSignal::new(TargetMethod::DialIn);
    let new_deny = RwSignal::new(String::new());
    let join = RwSignal::new(String::new());
    let policy = RwSignal::new(String::new());
    let (join_busy, policy_busy, allowed_busy, deny_busy) =
        (RwSignal::new(false), RwSignal::new(false), RwSignal::new(false), RwSignal::new(false));
    let unbanning = RwSignal::new(None::<String>);
    // How many waited at the last read, and whether to let them in when the moderator turns the
    // waiting room off (they would stay pending, no longer listed apart).
    let waiting_now = RwSignal::new(0usize);
    let admit_waiting = RwSignal::new(true);
    let users = UsersHandle::new(Scope::Conference { uri: uri.clone() }, None);

    // A read shows the lists; it starts the allowed-list edit over unless `keep_edit` and the moderator
    // has an edit going (after the panel's own change, the edit is what was saved).
    let show = move |users: Users, keep_edit: bool| {
        let editing = keep_edit && allowed.dirty();
        if !editing {
            let rows = admission::allowed(&users);
            base.try_set(rows.clone());
            draft.try_set(rows);
        }
        join.try_set(join_text(Some(&users)));
        policy.try_set(policy_text(Some(&users)));
        lists.try_set(Some(users));
    };
    let read = move |keep_edit: bool| {
        let Some(scope) = scope.try_get_value() else { return };
        loading.set(true);
        spawn_local(async move {
            let result = read_users(ccmp, &scope, Mode::Read).await;
            loading.try_set(false);
            match result {
                Ok((users, _)) => {
                    error.try_set(None);
                    waiting_now.try_set(waiting(&users).len());
                    show(lists_of(users), keep_edit);
                }
                Err(why) => {
                    error.try_set(Some(why));
                }
            }
        });
    };
    read(true);
    // The settings follow what co-moderators do (or this moderator in another tab), read again quietly at
    // the watch's pace while the tab is visible (QA: it showed "confirm" for minutes after someone set
    // "allow", and people walked in with no waiting room while the panel showed one). Not while a change is
    // on its way; an allowed-list edit and a setting picked and not yet sent stay as they are.
    let quiet_read = move || {
        let busy = [loading, join_busy, policy_busy, allowed_busy, deny_busy].iter().any(|b| b.get_untracked());
        if busy || crate::api::tab_hidden() {
            return;
        }
        let Some(scope) = scope.try_get_value() else { return };
        spawn_local(async move {
            let Ok((users, _)) = read_users(ccmp, &scope, Mode::Background).await else { return };
            // Counted from the whole list, at every read: the lists kept below hold only those the deny list
            // names, and a newcomer changes nothing there (QA: "1 person waiting" beside a knock naming two).
            waiting_now.try_set(waiting(&users).len());
            let users = lists_of(users);
            if lists.try_with_untracked(|l| l.as_ref() == Some(&users)) != Some(false) {
                return;
            }
            let read = |l: &Option<Users>| (join_text(l.as_ref()), policy_text(l.as_ref()));
            let Some((join_read, policy_read)) = lists.try_with_untracked(read) else { return };
            let (join_picked, policy_picked) = (join.get_untracked(), policy.get_untracked());
            show(users, true);
            if join_picked != join_read {
                join.try_set(join_picked);
            }
            if policy_picked != policy_read {
                policy.try_set(policy_picked);
            }
        });
    };
    if let Ok(timer) = set_interval_with_handle(quiet_read, Duration::from_secs(WATCH_SECS.into())) {
        on_cleanup(move || timer.clear());
    }
    // And at once when the moderator comes back to the browser tab (QA: the old value stayed up to 10 s).
    let back = window_event_listener_untyped("visibilitychange", move |_| quiet_read());
    on_cleanup(move || back.remove());
    // Undone elsewhere (the undo button): read again.
    moderation.on_stale(&uri, move || read(false));

    let run = move |busy: RwSignal<bool>, action: String, make: MakeChange| {
        let Some(scope) = scope.try_get_value() else { return };
        busy.set(true);
        spawn_local(async move {
            let after = change_lists(ccmp, moderation, page, scope, action, make).await;
            busy.try_set(false);
            if let Some(users) = after {
                show(users, false);
            }
        });
    };

    let why = Signal::derive(move || {
        if lists.with(Option::is_none) {
            return Some("The admission settings have not been read.".to_owned());
        }
        ccmp.connection.allows(MessageKind::Users, Some(Operation::Update)).err()
    });
    // Whether the server has no value: only then is "not set" a choice.
    let join_unset = Signal::derive(move || lists.with(|l| join_text(l.as_ref()).is_empty()));
    let policy_unset = Signal::derive(move || lists.with(|l| policy_text(l.as_ref()).is_empty()));
    // The people the join-handling change would let in (0: it lets in nobody).
    let lets_in = Memo::new(move |_| {
        let before = lists.with(|l| l.as_ref().and_then(|u| u.join_handling.clone()));
        let after = JoinHandling::parse(&join.get());
        if closes_waiting_room(before.as_ref(), after.as_ref()) {
            waiting_now.get()
        } else {
            0
        }
    });
    let apply_join = move || {
        let value = JoinHandling::parse(&join.get_untracked());
        let admit = admit_waiting.get_untracked() && lets_in.get_untracked() > 0;
        let Some(scope) = scope.try_get_value() else { return };
        join_busy.set(true);
        spawn_local(async move {
            ccmp.store.lobby.closing(scope.uri());
            // Who waits, read now: once the waiting room is off, the panel no longer tells them apart.
            if admit {
                users.read(ccmp, Mode::Read).await;
            }
            let action = "Set join handling".to_owned();
            let make = move |before: &Users| admission::set_join_handling(before, value);
            let after = change_lists(ccmp, moderation, page, scope.clone(), action, make).await;
            let closed = after.as_ref().is_some_and(|u| !holds_joiners(u));
            if admit && closed {
                // The tab may have gone meanwhile: then nobody is listed here to admit.
                let keys: Vec<String> =
                    (users.users.try_with_untracked(|u| waiting(u).into_iter().map(|w| w.key).collect()))
                        .unwrap_or_default();
                // A change that cannot be undone is not put together with the admissions' undo.
                let switched = moderation.undo.get_untracked().filter(|s| s.impossible.is_none());
                let count = keys.len();
                if count > 0 {
                    users.bulk(ccmp, moderation, BulkOp::Admit, keys, None).await;
                }
                // One undo for both: the waiting room comes back first, then the people in it.
                let admitted = moderation.undo.get_untracked().filter(|a| Some(a) != switched.as_ref());
                if let (Some(switch), Some(admitted)) = (switched, admitted) {
                    let label = format!("Set join handling and admit {}", people(count));
                    let steps = switch.steps.iter().cloned().chain(admitted.steps).collect();
                    let entry = UndoEntry::of_steps(label, scope.clone(), steps);
                    let entry = match switch.left.clone() {
                        Some(left) => entry.guarded(left),
                        None => entry,
                    };
                    moderation.made_together(&switch, entry);
                }
            }
            ccmp.store.lobby.closed(ccmp, scope.uri(), closed);
            if closed {
                waiting_now.try_set(0);
            } else if let Ok((now, _)) = read_users(ccmp, &scope, Mode::Background).await {
                // A waiting room set again (after `block`, say) holds those who were left pending: the count,
                // and the offer to let them in, follow (QA: both went after an Apply until the next read).
                waiting_now.try_set(waiting(&now).len());
            }
            join_busy.try_set(false);
            if let Some(users) = after {
                show(users, false);
            }
        });
    };
    let apply_policy = move || {
        let value = AdmissionPolicy::parse(&policy.get_untracked());
        run(
            policy_busy,
            "Set the admission policy".into(),
            Box::new(move |before| admission::set_policy(before, value)),
        );
    };
    let save_allowed = move || {
        let (from, mine) = (base.get_untracked(), draft.get_untracked());
        run(
            allowed_busy,
            "Save the allowed users".into(),
            Box::new(move |before| {
                let now = admission::allowed(before);
                admission::set_allowed(before, &admission::rebase(&from, &mine, &now))
            }),
        );
    };
    // Back to the field once a URI is added: the next one is typed there (QA: the focus stayed on the button).
    let uri_input = NodeRef::<leptos::html::Input>::new();
    let add_allowed = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if why.get_untracked().is_some() {
            return;
        }
        match admission::check_uri(&new_uri.get_untracked()) {
            Ok(uri) => {
                draft.update(|d| {
                    d.retain(|r| !r.uri.eq_ignore_ascii_case(&uri));
                    d.push(AllowedRow { uri, method: new_method.get_untracked() });
                });
                new_uri.set(String::new());
                if let Some(input) = uri_input.get_untracked() {
                    let _ = input.focus();
                }
            }
            Err(why) => {
                ccmp.notices.push(Notice::plain(Tone::Error, "Not added to the allowed list", why));
            }
        }
    };
    let deny = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if deny_busy.get_untracked() {
            return;
        }
        let name = match admission::check_uri(&new_deny.get_untracked()) {
            Ok(n) => n,
            Err(why) => {
                ccmp.notices.push(Notice::plain(Tone::Error, "Not added to the deny list", why));
                return;
            }
        };
        new_deny.set(String::new());
        let action = format!("Keep out {name}");
        run(deny_busy, action, Box::new(move |before| Ok(admission::deny(before, &[name]))));
    };
    // Every entry of the person goes, by one request: one left would still keep them out. Their row goes
    // with the focus on its button: it moves to the row now in its place, or to the field below (QA: onto
    // the page, and the next Tab started from the top).
    let deny_box = NodeRef::<leptos::html::Section>::new();
    let deny_input = NodeRef::<leptos::html::Input>::new();
    let refocus = move |at: usize| {
        request_animation_frame(move || {
            if !focus_lost()
                || deny_box.try_get_untracked().flatten().is_some_and(|b| focus_nth(&b, ".admission__deny button", at))
            {
                return;
            }
            if let Some(input) = deny_input.try_get_untracked().flatten() {
                let _ = input.focus();
            }
        })
    };
    let let_back = move |(at, person): (usize, KeptOut)| {
        let Some(key) = person.uris.first().cloned() else { return };
        unbanning.set(Some(key));
        let Some(scope) = scope.try_get_value() else { return };
        spawn_local(async move {
            let action = format!("Let {} back in", person.who());
            let after = change_lists(ccmp, moderation, page, scope, action, move |before| {
                Ok(admission::unban(before, &person.uris))
            })
            .await;
            unbanning.try_set(None);
            if let Some(users) = after {
                show(users, false);
                refocus(at);
            }
        });
    };
    let conference = uri.clone();
    // The undo of this tab's own last change only: "Undo: Mute Kwame" here read as the undo of the lock just
    // made, and would have unmuted someone (QA).
    let undo_label = Memo::new(move |_| {
        moderation.undo.with(|u| {
            u.as_ref()
                .filter(|e| e.left.is_some() && uri_key(e.scope.conference()) == uri_key(&conference))
                .map(|e| e.what())
        })
    });
    let dirty = move || allowed.dirty();
    let method_select = move |current: TargetMethod, on: Callback<TargetMethod>, label: String| {
        let mut choices: Vec<TargetMethod> = TargetMethod::KNOWN.to_vec();
        if !choices.contains(&current) {
            choices.push(current.clone());
        }
        view! {
            <select class="field__input" aria-label=label on:change=move |ev| {
                if let Some(m) = TargetMethod::parse(&event_target_value(&ev)) {
                    on.run(m)
                }
            }>
                {choices.into_iter().map(|m| {
                    let selected = m == current;
                    view! { <option value=m.as_str().to_owned() selected=selected>{m.as_str().to_owned()}</option> }
                }).collect_view()}
            </select>
        }
    };

    view! {
        <section class="admission" aria-label="Admission">
            <div class="toolbar">
                <ActionButton label="Refresh lists" busy=loading on_click=move || read(true)/>
                <UndoControl what=undo_label/>
            </div>
            {move || error.get().map(|e| view! { <p class="users__error" role="alert">"The last read failed: " {e}</p> })}
            <div class="admission__grid">
                <section class="admission__box" aria-labelledby="admission-join">
                    <h2 class="admission__title" id="admission-join">"When someone asks to join"</h2>
                    // Who waits now is let in or turned away in the users tab, where they are listed: a
                    // moderator looking for them under "Admission" is sent there.
                    {move || {
                        let n = waiting_now.get();
                        let href = scope.with_value(|s| format!("{}?tab=users", conference_href(s.uri())));
                        (n > 0).then(|| view! {
                            <p class="admission__waiting" role="status">
                                {format!("{} waiting to join now. ", people(n))}
                                <A href=href>"Admit or turn them away in the Users tab"</A>
                            </p>
                        })
                    }}
                    {selector("Join handling", join, join_unset, move || {
                        options(&join.get(), JoinHandling::KNOWN, JoinHandling::parse, JoinHandling::as_str, join_help)
                    })}
                    {move || (lets_in.get() > 0).then(|| view! {
                        <label class="field field--check">
                            <input type="checkbox" prop:checked=admit_waiting on:change=move |ev| admit_waiting.set(event_target_checked(&ev))/>
                            <span>{format!("Admit the {} waiting now", people(lets_in.get()))}</span>
                        </label>
                        <p class="muted">"Otherwise they stay out: no waiting room lists them any more, and nobody lets them in unless a moderator does (from their row in the Users tab)."</p>
                    })}
                    {move || not_applied(&join.get(), &lists.with(|l| join_text(l.as_ref())))}
                    <ActionButton label="Apply join handling" busy=join_busy disabled_reason=why on_click=apply_join/>
                    {selector("Who may join (user-admission-policy)", policy, policy_unset, move || {
                        options(&policy.get(), AdmissionPolicy::KNOWN, AdmissionPolicy::parse, AdmissionPolicy::as_str, policy_help)
                    })}
                    {move || not_applied(&policy.get(), &lists.with(|l| policy_text(l.as_ref())))}
                    {move || {
                        let picked = AdmissionPolicy::parse(&policy.get())?;
                        let said = lists.with(|l| l.as_ref().map(|l| admission::policy_cautions(&picked, l)))?;
                        Some(said.into_iter().map(|s| view! { <p class="field__hint field__hint--warning" role="status">{s}</p> }).collect_view())
                    }}
                    <ActionButton label="Apply admission policy" busy=policy_busy disabled_reason=why on_click=apply_policy/>
                </section>

                <section class="admission__box" aria-labelledby="admission-allowed">
                    <h2 class="admission__title" id="admission-allowed">"Allowed users"</h2>
                    <p class="muted">"Who may join, and how the conference brings them in. Saved as a whole; someone else's edit made meanwhile is kept."</p>
                    {move || if draft.with(Vec::is_empty) {
                        view! { <p class="muted">"The allowed list is empty."</p> }.into_any()
                    } else {
                        view! {
                            <table class="admission__table">
                                <thead><tr><th scope="col">"URI"</th><th scope="col">"Method"</th><th scope="col"><span class="visually-hidden">"Remove"</span></th></tr></thead>
                                <tbody>
                                    {draft.get().into_iter().enumerate().map(|(i, row)| {
                                        let uri = row.uri.clone();
                                        let on = Callback::new(move |m: TargetMethod| draft.update(|d| if let Some(r) = d.get_mut(i) { r.method = m }));
                                        view! {
                                            <tr>
                                                <td class="mono">{row.uri.clone()}</td>
                                                <td>{method_select(row.method.clone(), on, format!("Method for {uri}"))}</td>
                                                <td><button type="button" class="button button--quiet" aria-label=format!("Take {} off the allowed list", row.uri)
                                                    on:click=move |_| draft.update(|d| { d.remove(i); })>"Take off"</button></td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }}
                    <form class="toolbar" on:submit=add_allowed>
                        <label class="field field--inline field--grow">
                            <span class="visually-hidden">"URI to allow"</span>
                            <input class="field__input" type="text" placeholder="sip:alice@example.com" aria-label="URI to allow" bind:value=new_uri node_ref=uri_input/>
                        </label>
                        {method_select(TargetMethod::DialIn, Callback::new(move |m| new_method.set(m)), "Method for the new URI".into())}
                        // Nothing to add to before the list is read (or once the conference is gone).
                        <button type="submit" class="button" disabled=move || why.get().is_some()>"Add to the list"</button>
                    </form>
                    <div class="toolbar">
                        <ActionButton
                            label="Save allowed users"
                            class="button--primary"
                            busy=allowed_busy
                            disabled_reason=Signal::derive(move || why.get().or_else(|| (!dirty()).then(|| "No change to save.".to_owned())))
                            on_click=save_allowed
                        />
                        <button type="button" class="button button--quiet" disabled=move || !dirty() on:click=move |_| draft.set(base.get_untracked())>"Discard"</button>
                    </div>
                </section>

                <section class="admission__box" aria-labelledby="admission-deny" node_ref=deny_box>
                    <h2 class="admission__title" id="admission-deny">"Kept out (deny list)"</h2>
                    <p class="muted">"Nobody with one of these names may join. Removing or turning away someone with \u{201c}keep them out\u{201d} puts them here."</p>
                    {move || {
                        let known = Moderation::kept_out(ccmp);
                        let people = lists.with(|l| l.as_ref().map(|l| admission::kept_out(l, &known)).unwrap_or_default());
                        if people.is_empty() {
                            view! { <p class="muted">"Nobody is kept out."</p> }.into_any()
                        } else {
                            view! {
                                <ul class="admission__deny" aria-label="Deny list">
                                    {people.into_iter().enumerate().map(|(at, person)| {
                                        let key = person.uris.first().cloned().unwrap_or_default();
                                        let busy = Signal::derive(move || unbanning.with(|u| u.as_deref() == Some(key.as_str())));
                                        let who = person.who();
                                        // The entries under a name (or beside the one shown): what the button takes off.
                                        let names = if person.name.is_some() { person.uris.join(", ") } else { person.uris.get(1..).unwrap_or_default().join(", ") };
                                        view! {
                                            <li>
                                                <span class=if person.name.is_some() { "admission__who" } else { "admission__who mono" }>{who.clone()}</span>
                                                {(!names.is_empty()).then(|| view! { " " <span class="mono muted">{names}</span> })}
                                                <ActionButton label="Let back in" aria_label=format!("Let {who} back in") busy=busy disabled_reason=why on_click=move || let_back((at, person.clone()))/>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }
                    }}
                    <form class="toolbar" on:submit=deny>
                        <label class="field field--inline field--grow">
                            <span class="visually-hidden">"URI to keep out"</span>
                            <input class="field__input" type="text" placeholder="sip:mallory@example.com" aria-label="URI to keep out" bind:value=new_deny node_ref=deny_input/>
                        </label>
                        <button type="submit" class="button button--danger" disabled=move || why.get().is_some() aria-disabled=move || deny_busy.get().then_some("true")>
                            <Show when=move || deny_busy.get()><span class="spinner" aria-hidden="true"></span></Show>
                            "Keep out"
                        </button>
                    </form>
                </section>
            </div>
        </section>
    }
}
