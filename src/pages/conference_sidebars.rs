use std::time::Duration;

use ccmp::xcon::{Conference, ConferenceState, Operation, User};
use ccmp::{Request, ResponseBody, ResponseCode};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::conference::ConfPage;
use crate::components::{
    conference_href, focus_lost, focus_main_if_lost, focus_nth, focus_unplaced, ActionButton, ConfirmDialog,
    RenameDialog, UsersView,
};
use crate::session::moderation::use_moderation;
use crate::session::users_handle::read_users;
use crate::session::{use_ccmp, use_prompts, Answer, Ask, Ccmp, Mode, Sent};
use crate::state::breakout::{
    distribute, names_note, room_names, rooms_named, rooms_of, shuffled, sidebar_doc, split_label, to_share_out,
    OpenedRoom, Split, SplitForm, SplitUndo, MEDIA_TYPES,
};
use crate::state::bulk::ItemOutcome;
use crate::state::notice::{Notice, Tone};
use crate::state::scope::{Scope, SidebarKind};
use crate::state::uri_key;
use crate::state::users::{UserFilter, UserRow};
use crate::state::watch_pace::WATCH_SECS;

/// The sidebars tab of a conference: its sidebars by value and by reference, each opened to manage its
/// users as in a conference; creating one from chosen users with its own media; breakout rooms ("split
/// into N rooms" and "close all").
#[component]
pub fn SidebarsTab() -> impl IntoView {
    let page = expect_context::<ConfPage>();
    move || {
        let uri = page.uri.get();
        view! { <Sidebars uri=uri/> }
    }
}

/// One sidebar as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SidebarRow {
    kind: SidebarKind,
    uri: String,
    name: String,
    /// Known for sidebars by value (their document comes with the list), and for those by reference
    /// once their own document is read.
    users: Option<usize>,
    /// Who is in it (their entities as `uri_key`s), when known: a split leaves them where they are.
    members: Vec<String>,
    /// Whether it is locked, when known (as `users`).
    locked: Option<bool>,
}

/// The entities of `users`, as `uri_key`s.
fn member_keys(users: Option<&ccmp::xcon::Users>) -> Vec<String> {
    users.map_or_else(Vec::new, |u| u.users.iter().filter_map(|u| u.entity.as_deref()).map(uri_key).collect())
}

impl SidebarRow {
    /// A room a split opened, as a row to close (what else the list says of it is not needed for that).
    fn opened(room: &OpenedRoom) -> Self {
        SidebarRow {
            kind: room.kind,
            uri: room.uri.clone(),
            name: room.name.clone(),
            users: None,
            members: Vec::new(),
            locked: None,
        }
    }

    fn scope(&self, parent: &str) -> Scope {
        Scope::Sidebar { kind: self.kind, uri: self.uri.clone(), parent: parent.to_owned() }
    }
}

/// Those of `all` whose table keys are `keys`, in the order of `keys` (those not there any more are left out).
fn with_keys(all: &[User], keys: &[String]) -> Vec<User> {
    keys.iter()
        .filter_map(|k| all.iter().enumerate().find(|(i, u)| UserRow::key_of(u, *i) == *k).map(|(_, u)| u.clone()))
        .collect()
}

/// Reads both sidebar lists; a list the server refuses is left out and reported.
async fn read_sidebars(ccmp: Ccmp, parent: &str, mode: Mode) -> Result<Vec<SidebarRow>, String> {
    let Some(conn) = ccmp.connection.get() else { return Err("Not connected".into()) };
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    match ccmp.send(Request::sidebars_by_val(&conn.user, parent), "List sidebars by value", mode).await {
        Sent::Ok(r) => {
            if let ResponseBody::SidebarsByVal(p) = r.body {
                rows.extend(p.info.into_iter().flat_map(|s| s.entries).filter(|c| !c.entity.trim().is_empty()).map(
                    |c| SidebarRow {
                        kind: SidebarKind::ByVal,
                        name: c.display_text().map(str::trim).filter(|t| !t.is_empty()).unwrap_or(&c.entity).to_owned(),
                        users: Some(c.users.as_ref().map_or(0, |u| u.users.len())),
                        members: member_keys(c.users.as_ref()),
                        locked: c.conference_state.as_ref().and_then(|s| s.locked),
                        uri: c.entity.trim().to_owned(),
                    },
                ));
            }
        }
        other => problems.push(format!("by value: {}", other.describe())),
    }
    match ccmp.send(Request::sidebars_by_ref(&conn.user, parent), "List sidebars by reference", mode).await {
        Sent::Ok(r) => {
            rows.extend(r.body.uris().into_iter().flat_map(|u| &u.entries).filter(|e| !e.uri.trim().is_empty()).map(
                |e| {
                    SidebarRow {
                        kind: SidebarKind::ByRef,
                        uri: e.uri.trim().to_owned(),
                        name: e
                            .display_text
                            .as_deref()
                            .map(str::trim)
                            .filter(|t| !t.is_empty())
                            .unwrap_or(e.uri.trim())
                            .to_owned(),
                        users: None,
                        members: Vec::new(),
                        locked: None,
                    }
                },
            ));
        }
        other => problems.push(format!("by reference: {}", other.describe())),
    }
    if problems.len() == 2 {
        return Err(problems.join("; "));
    }
    // A sidebar by reference is a conference of its own: its users come with its own document.
    for row in rows.iter_mut().filter(|r| r.kind == SidebarKind::ByRef) {
        let request = SidebarKind::ByRef.request(&conn.user, &row.uri, Operation::Retrieve, None);
        if let Sent::Ok(r) = ccmp.send(request, "Read sidebar", Mode::Background).await {
            row.users = r.body.conference().map(|c| c.users.as_ref().map_or(0, |u| u.users.len()));
            row.members = member_keys(r.body.conference().and_then(|c| c.users.as_ref()));
            row.locked = r.body.conference().and_then(|c| c.conference_state.as_ref()?.locked);
        }
    }
    // Notices about a room call it by its name ("Move to Room 2: finished", about "Room 1").
    for row in &rows {
        ccmp.store.remember_name(&row.uri, &row.name);
    }
    Ok(rows)
}

/// The confirmation the tab is showing.
#[derive(Debug, Clone)]
enum Confirm {
    Close(SidebarRow),
    /// The toolbar's Undo of a split, which closes every room it opened, people and all, however long after
    /// the split: asked first, as Close all is (QA: one stray click ended every room, minutes into the breakout).
    UndoSplit(SplitUndo),
    /// Every room open when the moderator confirms: the dialog's count follows the reads while it is open.
    CloseAll,
}

#[component]
fn Sidebars(uri: String) -> impl IntoView {
    let ccmp = use_ccmp();
    let prompts = use_prompts();
    let moderation = use_moderation();
    let page = expect_context::<ConfPage>();
    let parent = StoredValue::new(uri.clone());
    let rows = RwSignal::new(Vec::<SidebarRow>::new());
    let loading = RwSignal::new(false);
    let loaded = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let open = RwSignal::new(None::<String>);
    let confirm = RwSignal::new(None::<Confirm>);
    let deleting = RwSignal::new(None::<String>);
    // A room being renamed (its dialog open), and the one whose rename or lock is on its way.
    let renaming = RwSignal::new(None::<SidebarRow>);
    let changing = RwSignal::new(None::<String>);
    // The "create a sidebar" form.
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new(SidebarKind::ByVal);
    // Every medium the conference offers (`media_list` keeps those): breakout rooms of a video call that
    // came out audio-only took everyone's video away (QA).
    let media = RwSignal::new(MEDIA_TYPES.map(str::to_owned).to_vec());
    let chosen = RwSignal::new(Vec::<String>::new());
    let pick = RwSignal::new(String::new());
    let creating = RwSignal::new(false);
    // Breakout rooms.
    // The number of rooms as typed, kept as text: read as a number at each change, a field cleared to type
    // another number put "2" back under the cursor, and "5" became "25" (QA: a full-width "３" from an input
    // method was no number at all, and split into 2 rooms without a word).
    let kept = moderation.split_form(&uri);
    let rooms_typed = RwSignal::new(kept.rooms);
    let rooms = Memo::new(move |_| {
        let typed = rooms_typed.with(|t| crate::state::fold::folded(t.trim()));
        typed.parse::<usize>().ok().filter(|n| (1..=50).contains(n))
    });
    let prefix = RwSignal::new(kept.names);
    let at_random = RwSignal::new(kept.at_random);
    // Kept as typed, for the next visit to this tab in this browser tab.
    Effect::new(move |first: Option<()>| {
        let form = SplitForm { rooms: rooms_typed.get(), names: prefix.get(), at_random: at_random.get() };
        if first.is_some() {
            parent.with_value(|p| moderation.keep_split_form(p, &form));
        }
    });
    let run = RwSignal::<Run>::new(None);
    // Whether the Undo of a split (`moderation.split`) is running.
    let undoing_split = RwSignal::new(false);

    let read = move || {
        let Some(parent) = parent.try_get_value() else { return };
        loading.set(true);
        // The picker's users come from the page's document: reading the sidebars again reads them too.
        if loaded.get_untracked() && !page.loading.get_untracked() {
            spawn_local(async move {
                page.read(ccmp, None).await;
            });
        }
        spawn_local(async move {
            let result = read_sidebars(ccmp, &parent, Mode::Read).await;
            loading.try_set(false);
            match result {
                Ok(list) => {
                    rows.try_set(list);
                    loaded.try_set(true);
                    error.try_set(None);
                }
                Err(why) => {
                    error.try_set(Some(why));
                }
            }
        });
    };
    read();
    // The table follows what others do (a co-moderator opens a room, people move) and what the moderator
    // did in a room's users view (a move changes two rooms' counts): read again quietly at the watch's
    // pace, and at once when a room's users changed.
    let quiet_read = move || {
        // Under a room's Close dialog too (QA: the table stood still for as long as it was open, the room
        // closed elsewhere meanwhile still listed); the dialog goes if its room does (below).
        if loading.get_untracked() {
            return;
        }
        let Some(parent) = parent.try_get_value() else { return };
        spawn_local(async move {
            if let Ok(list) = read_sidebars(ccmp, &parent, Mode::Background).await {
                rows.try_maybe_update(|r| {
                    let changed = *r != list;
                    *r = list;
                    (changed, ())
                });
                error.try_set(None);
            }
        });
    };
    // A room of a split that leaves the table (closed elsewhere) leaves the split's Undo too, and an Undo left
    // with none goes with its notice (QA: "Undo: Split into 2 rooms" stayed, offered to close a room gone, and
    // met a 404). Only a room the table listed before: a read that answers before the split's rooms are in
    // it must not take them out.
    Effect::new(move |listed_before: Option<Vec<String>>| {
        let listed: Vec<String> = rows.with(|r| r.iter().map(|r| uri_key(&r.uri)).collect());
        for gone in listed_before.iter().flatten().filter(|k| !listed.contains(k)) {
            let emptied = moderation.split.try_update(|splits| SplitUndo::forget_room(splits, gone));
            for split in emptied.unwrap_or_default() {
                split.notice.into_iter().for_each(|id| ccmp.notices.dismiss(id));
            }
        }
        listed
    });
    // A room closed elsewhere while its Close dialog is open: nothing left to ask.
    Effect::new(move |_| {
        // Each read of the table, dialog or not (an effect follows only what its last run read).
        let listed: Vec<String> = rows.with(|r| r.iter().map(|x| uri_key(&x.uri)).collect());
        let Some(Confirm::Close(row)) = confirm.get_untracked() else { return };
        if listed.contains(&uri_key(&row.uri)) {
            return;
        }
        confirm.set(None);
        let title = format!("{} was closed elsewhere", row.name);
        let said = "Someone else closed it while you were asked: there is nothing left to close.";
        let about = parent.try_get_value().map(|p| ccmp.about_conference(&p));
        ccmp.notices.push(Notice::plain(Tone::Info, title, said).about(about));
        request_animation_frame(crate::components::focus_main_if_lost);
    });
    let timer = set_interval_with_handle(quiet_read, Duration::from_secs(WATCH_SECS.into())).ok();
    on_cleanup(move || {
        if let Some(t) = timer {
            t.clear();
        }
    });
    Effect::new(move |seen: Option<u32>| {
        let n = moderation.stale.with(|(_, n)| *n);
        if seen.is_some_and(|s| s != n) {
            quiet_read();
        }
        n
    });
    // A request that found a sidebar gone (404: closed elsewhere; a sidebar request's, or a confRequest's
    // about a sidebar by reference) drops it from the table too, as its notice says; its users view closes
    // with it.
    let drop_room = move |key: String| {
        rows.maybe_update(|r| {
            let before = r.len();
            r.retain(|x| uri_key(&x.uri) != key);
            r.len() != before
        });
        if open.get_untracked().is_some_and(|o| uri_key(&o) == key) {
            open.set(None);
        }
    };
    for found_gone in [ccmp.store.dropped, ccmp.store.gone_sidebar] {
        Effect::new(move |first: Option<()>| {
            let Some(key) = found_gone.get() else { return };
            if first.is_some() {
                drop_room(key);
            }
        });
    }

    // The conference's users, for choosing members: from the page's document, which the page keeps current
    // while this tab shows (no second list of 10,000 users to hold).
    let no_users: &'static [User] = &[];
    let with_users = move |tracked: bool, f: &mut dyn FnMut(&[User])| {
        let read = |d: &Option<ccmp::xcon::Conference>| {
            f(d.as_ref().and_then(|c| c.users.as_ref()).map_or(no_users, |u| &u.users))
        };
        if tracked {
            page.doc.with(read)
        } else {
            page.doc.with_untracked(read)
        }
    };
    let selected_in_tab = move || parent.with_value(|p| moderation.selected(p));
    let selected_now = move || parent.with_value(|p| moderation.selected_now(p));
    let members = move |keys: &[String]| -> Vec<User> {
        let mut out = Vec::new();
        with_users(false, &mut |all| out = with_keys(all, keys));
        out
    };
    // Those chosen who are in a room already, with its names: the new room takes them too, and they stay
    // where they are (QA: someone in Red went into the new room without a word). Rooms by value, which come
    // with the conference's document.
    let elsewhere = Memo::new(move |_| {
        let keys = chosen.get();
        if keys.is_empty() {
            return Vec::new();
        }
        let rooms = page.doc.with(|d| d.as_ref().map(rooms_of).unwrap_or_default());
        keys.into_iter().filter_map(|k| Some((rooms_named(rooms.get(&k)?)?, k))).collect::<Vec<_>>()
    });
    let in_rooms =
        move |key: &str| elsewhere.with(|e| e.iter().find(|(_, k)| k == key).map(|(rooms, _)| rooms.clone()));
    let matches = Memo::new(move |_| {
        let filter = UserFilter { text: pick.get(), role: String::new() };
        if filter.is_empty() {
            return (Vec::new(), false);
        }
        let matcher = filter.matcher();
        let mut out = Vec::new();
        with_users(true, &mut |all| {
            out = all
                .iter()
                .enumerate()
                .map(|(i, u)| UserRow::new(u, i))
                .filter(|r| !r.entity.is_empty() && matcher(r))
                .take(20 + chosen.with(Vec::len))
                .collect();
        });
        // Those chosen already are listed above, each with its "leave out".
        let found = !out.is_empty();
        out.retain(|r| chosen.with(|c| !c.contains(&r.key)));
        out.truncate(20);
        (out, found)
    });
    // A sidebar may only have media its parent offers (a server answers 426 otherwise); a parent that lists
    // no media restricts nothing.
    let offered = Memo::new(move |_| {
        let listed: Vec<String> = page
            .doc
            .with(|d| d.iter().flat_map(|c| c.media()).map(|e| e.media_type.trim().to_ascii_lowercase()).collect());
        MEDIA_TYPES
            .iter()
            .copied()
            .filter(|t| listed.is_empty() || listed.iter().any(|l| l == t))
            .collect::<Vec<&str>>()
    });
    let media_list = move || {
        media.with(|m| {
            offered.with_untracked(|o| o.iter().filter(|t| m.iter().any(|x| x == *t)).copied().collect::<Vec<&str>>())
        })
    };

    let create_why = Signal::derive(move || {
        if page.doc.with(Option::is_none) {
            return Some("The conference has not been read.".to_owned());
        }
        if page.doc.with(|d| d.as_ref().and_then(|c| c.description.as_ref()?.allow_sidebars)) == Some(false) {
            return Some("This conference does not allow breakout rooms (allow-sidebars is false).".to_owned());
        }
        ccmp.connection.allows(kind.get().message(), Some(Operation::Create)).err()
    });
    let create = move || {
        let Some(conn) = ccmp.connection.get() else { return };
        let Some(parent_uri) = parent.try_get_value() else { return };
        let domain = ccmp.store.placeholder_domain(&conn, Some(&parent_uri), &[]);
        let doc = sidebar_doc(&name.get_untracked(), &media_list(), &members(&chosen.get_untracked()), &domain);
        let k = kind.get_untracked();
        creating.set(true);
        spawn_local(async move {
            let room_name = doc.display_text().unwrap_or_default().trim().to_owned();
            let label = format!("Create room {}", doc.display_text().unwrap_or("(unnamed)"));
            let sent =
                ccmp.send(k.request(&conn.user, &parent_uri, Operation::Create, Some(doc)), &label, Mode::Change).await;
            creating.try_set(false);
            if let Sent::Ok(r) = sent {
                ccmp.store.own_change_unseen(&parent_uri);
                ccmp.store.own_room(&parent_uri, &room_name, true);
                name.try_set(String::new());
                chosen.try_set(Vec::new());
                pick.try_set(String::new());
                open.try_set(r.conf_obj_id);
                read();
            }
        });
    };

    // Adding someone from the matches, or leaving someone out, takes their button away: the focus goes to
    // the button now in its place in that list, else back to the search field.
    let (chosen_list, match_list) = (NodeRef::<html::Ul>::new(), NodeRef::<html::Ul>::new());
    let pick_input = NodeRef::<html::Input>::new();
    let keep_focus = move |list: NodeRef<html::Ul>, at: usize| {
        request_animation_frame(move || {
            if focus_lost() && !list.try_get_untracked().flatten().is_some_and(|l| focus_nth(&l, "button", at)) {
                if let Some(input) = pick_input.try_get_untracked().flatten() {
                    let _ = input.focus();
                }
            }
        })
    };
    // Closes `all` (rooms of the conference `parent_uri` as listed), one after the other, under `label`: Close
    // all's, and the undo of a split's. Also after the tab is gone (a split's Undo is on its notice too): nothing
    // here needs the tab's signals, which it updates while they are there. `everything`: the moderator asked
    // for every room, so rooms opened meanwhile, still open, are named. Returns those of `all` still open (by
    // `uri_key`).
    let close_rooms = move |parent_uri: String, all: Vec<SidebarRow>, label: String, everything: bool| async move {
        let Some(conn) = ccmp.connection.get() else { return Vec::new() };
        let n = all.len();
        // Every room closed: the splits' Undos here have nothing left to close.
        if everything {
            let here = |s: &SplitUndo| uri_key(&s.parent) == uri_key(&parent_uri);
            let taken: Vec<SplitUndo> = moderation
                .split
                .try_update(|splits| {
                    let (here, elsewhere) = std::mem::take(splits).into_iter().partition(here);
                    *splits = elsewhere;
                    here
                })
                .unwrap_or_default();
            for split in taken {
                split.take();
                split.notice.into_iter().for_each(|id| ccmp.notices.dismiss(id));
            }
        }
        run.try_set(Some((label.clone(), all.iter().map(|r| (r.name.clone(), ItemOutcome::Pending)).collect())));
        if open.try_get_untracked().flatten().is_some_and(|o| all.iter().any(|r| uri_key(&r.uri) == uri_key(&o))) {
            open.try_set(None);
        }
        let steps = all
            .iter()
            .map(|row| {
                let request = row.kind.request(&conn.user, &row.uri, Operation::Delete, None);
                (format!("Close room {}", row.name), row.name.clone(), request)
            })
            .collect();
        let outcomes = run_steps(ccmp, run, &parent_uri, steps, false).await;
        let (mut closed, already) = closed_rooms(&outcomes);
        // The rooms closed leave the table now, whether or not the read below succeeds (a server
        // gone mid-run would leave them listed, and a second Close all would count them
        // "closed elsewhere").
        let gone: Vec<String> = all
            .iter()
            .zip(&outcomes)
            .filter(|(_, o)| o.succeeded() || matches!(o, ItemOutcome::Code(404, _)))
            .map(|(r, _)| uri_key(&r.uri))
            .collect();
        rows.try_update(|r| r.retain(|x| !gone.contains(&uri_key(&x.uri))));
        // Rooms a co-moderator opened after the moderator confirmed are still open: say so. And
        // what is closed is what the read shows: a close whose answer was lost may have been made
        // (QA: "1 room still open" above an empty table).
        let mut still_open: Vec<String> = all.iter().map(|r| uri_key(&r.uri)).filter(|k| !gone.contains(k)).collect();
        let opened_since: Vec<String> = match read_sidebars(ccmp, &parent_uri, Mode::Background).await {
            Ok(list) => {
                let listed = |uri: &str| list.iter().any(|x| uri_key(&x.uri) == uri_key(uri));
                closed = all.iter().filter(|a| !listed(&a.uri)).count();
                still_open = all.iter().filter(|a| listed(&a.uri)).map(|a| uri_key(&a.uri)).collect();
                let since = list
                    .iter()
                    .filter(|x| everything && !all.iter().any(|a| uri_key(&a.uri) == uri_key(&x.uri)))
                    .map(|x| x.name.clone())
                    .collect();
                rows.try_set(list);
                since
            }
            Err(_) => Vec::new(),
        };
        let open_left = (n - closed) + opened_since.len();
        let tone = if open_left == 0 { Tone::Success } else { Tone::Warning };
        let mut text = match n {
            1 if closed == 1 => "The room was closed.".to_owned(),
            1 => "The room was not closed.".to_owned(),
            n => format!("{closed} of {n} rooms closed."),
        };
        if already > 0 {
            text.push_str(&format!(" {already} of them had already been closed elsewhere (404 Object Not Found)."));
        }
        if !opened_since.is_empty() {
            text.push_str(&format!(" Opened meanwhile, and still open: {}.", opened_since.join(", ")));
        }
        let title = match open_left {
            0 => format!("{label}: finished"),
            1 => format!("{label}: 1 room still open"),
            k => format!("{label}: {k} rooms still open"),
        };
        ccmp.notices.push(Notice::plain(tone, title, text).about(Some(ccmp.about_conference(&parent_uri))));
        // The users back from the rooms show in the conference's list.
        moderation.mark_stale(&parent_uri);
        still_open
    };
    // The Undo of a split (on its notice, and in the toolbar for the latest one not undone here): closes the
    // rooms it opened, once; the split before it is offered next.
    let undo_split = move |split: SplitUndo| {
        if !split.take() {
            return;
        }
        split.notice.into_iter().for_each(|id| ccmp.notices.dismiss(id));
        undoing_split.try_set(true);
        spawn_local(async move {
            let rooms = split.rooms.iter().map(SidebarRow::opened).collect();
            let open = close_rooms(split.parent.clone(), rooms, format!("Undo: {}", split.label), false).await;
            undoing_split.try_set(false);
            // What it could not close (the server down meanwhile) stays to be undone, unless a later split took
            // its place (QA: a failed Undo was gone for good).
            moderation.split.maybe_update(|splits| {
                let Some(at) = splits.iter().position(|s| s.same(&split)) else { return false };
                match split.rest(&open) {
                    Some(rest) => splits[at] = rest,
                    None => {
                        splits.remove(at);
                    }
                }
                true
            });
            focus_main_if_lost();
        });
    };

    // Whom a split shares out of the conference's users `all`, and how many of those selected are gone.
    // `selection`: the users selected in the Users tab, if any; else everyone who may go.
    let split_users = move |all: &[User], selection: bool| {
        let keys: Vec<String> = if selection { selected_now().into_iter().collect() } else { Vec::new() };
        let roomed: std::collections::HashSet<String> =
            rows.with_untracked(|r| r.iter().flat_map(|x| x.members.iter().cloned()).collect());
        if !keys.is_empty() {
            let chosen = with_keys(all, &keys);
            let gone = keys.len() - chosen.len();
            return (to_share_out(&chosen, &roomed, Split::Selected), gone);
        }
        let me = ccmp.connection.current.get_untracked().map(|c| c.user.to_string()).unwrap_or_default();
        (to_share_out(all, &roomed, Split::Everyone { me: &me }), 0)
    };
    // While rooms are being created the Split button is busy, not disabled: disabled, it would drop the
    // keyboard focus onto the page.
    let split_why = Signal::derive(move || {
        create_why
            .get()
            .or_else(|| rooms.get().is_none().then(|| "The number of rooms is a whole number from 1 to 50.".to_owned()))
    });
    let splitting = Signal::derive(move || {
        run.with(|r| r.as_ref().is_some_and(|(_, items)| items.iter().any(|(_, o)| *o == ItemOutcome::Pending)))
    });
    let split = move || {
        let Some(conn) = ccmp.connection.get() else { return };
        let Some(parent_uri) = parent.try_get_value() else { return };
        let Some(n) = rooms.get_untracked() else { return };
        let label = split_label(n);
        let names_for = move |n: usize| {
            let taken: Vec<String> = rows.with_untracked(|r| r.iter().map(|x| x.name.clone()).collect());
            room_names(&prefix.get_untracked(), n, &taken)
        };
        let pending = |names: &[String]| names.iter().map(|n| (n.clone(), ItemOutcome::Pending)).collect();
        // Busy from the click on, then split on the rooms as the server has them now: a table read before a
        // co-moderator's split (or this moderator's, in another tab) opened every room a second time, with
        // each person in two (QA).
        run.set(Some((label.clone(), pending(&names_for(n)))));
        spawn_local(async move {
            // On the users as they are now too: the page's copy may be 10 s old, and put in a room someone who
            // had left while it left out someone who had just joined (QA).
            let conference = Scope::Conference { uri: parent_uri.clone() };
            let Ok((now, _)) = read_users(ccmp, &conference, Mode::Read).await else {
                // The read's failure is a notification of its own.
                run.try_set(None);
                return;
            };
            match read_sidebars(ccmp, &parent_uri, Mode::Read).await {
                Ok(list) => {
                    // The moderator may have left the tab meanwhile (QA: the panel crashed on the signals
                    // gone with it); nothing is created then, and the notice says so (QA: it said nothing).
                    if rows.try_set(list).is_some() {
                        ccmp.notices.push(
                            Notice::plain(
                                Tone::Warning,
                                format!("{label}: not done"),
                                "You left the Breakout rooms tab before the rooms were read: no room was opened.",
                            )
                            .about(Some(ccmp.about_conference(&parent_uri))),
                        );
                        return;
                    }
                }
                Err(_) => {
                    // The read's failure is a notification of its own.
                    run.try_set(None);
                    return;
                }
            }
            let (people, gone) = split_users(&now.users, true);
            if people.is_empty() {
                run.try_set(None);
                // A selection left from before decides whom a split shares out: said, with the way out (QA took
                // "Nobody to share out" for a fault, with everyone back in the conference).
                let selected = selected_now().len();
                // The advice to clear the selection only when everyone would share someone out.
                let why = if selected > 0 && !split_users(&now.users, false).0.is_empty() {
                    format!(
                        "{} in the Users tab, and none of them can go to a room (in one already, waiting to \
                         join, or gone): no room was opened. Clear the selection there to share out everyone.",
                        crate::state::counted(selected, "user is selected", "users are selected")
                    )
                } else {
                    "Everyone in the conference who is not a moderator is in a room already: no room was opened."
                        .to_owned()
                };
                ccmp.notices.push(
                    Notice::plain(Tone::Info, "Nobody to share out", why)
                        .about(Some(ccmp.about_conference(&parent_uri))),
                );
                return;
            }
            // No room is opened empty (QA: one person split into four rooms opened three empty ones).
            let wanted = n;
            let n = n.min(people.len());
            // Named for the rooms it opens (QA: "Split into 2 rooms" that opened one, and its Undo by that name).
            let label = split_label(n);
            let names = names_for(n);
            let people = if at_random.get_untracked() { shuffled(people, js_sys::Math::random) } else { people };
            let groups = distribute(&people, n);
            let media = media_list();
            let k = kind.get_untracked();
            let domain = ccmp.store.placeholder_domain(&conn, Some(&parent_uri), &[]);
            let docs: Vec<_> =
                names.iter().zip(&groups).map(|(name, group)| sidebar_doc(name, &media, group, &domain)).collect();
            run.try_set(Some((label.clone(), pending(&names))));
            let steps = names
                .iter()
                .zip(docs)
                .map(|(name, doc)| {
                    (
                        format!("Create breakout room {name}"),
                        name.clone(),
                        k.request(&conn.user, &parent_uri, Operation::Create, Some(doc)),
                    )
                })
                .collect();
            let mut outcomes = run_steps(ccmp, run, &parent_uri, steps, true).await;
            // A room whose answer was lost (or replaced by a Wi-Fi sign-in page) may have been opened all the
            // same: the rooms as listed now tell (QA: "1 of 2 rooms created" over two rooms with their people,
            // and a banner put the other down to someone else). Its name was new: a room by it is this one.
            // The same list names the rooms the split's Undo closes.
            let listed = read_sidebars(ccmp, &parent_uri, Mode::Background).await.ok();
            for (i, outcome) in outcomes.iter_mut().enumerate() {
                let opened = listed.iter().flatten().any(|r| Some(&r.name) == names.get(i));
                if matches!(outcome, ItemOutcome::Failed(_)) && opened {
                    *outcome = ItemOutcome::Done("opened: only its answer was lost".into());
                    run.try_update(|r| {
                        if let Some(item) = r.as_mut().and_then(|(_, items)| items.get_mut(i)) {
                            item.1 = outcome.clone();
                        }
                    });
                }
            }
            let made: Vec<OpenedRoom> = listed
                .iter()
                .flatten()
                .filter(|r| names.iter().zip(&outcomes).any(|(name, o)| o.succeeded() && *name == r.name))
                .map(|r| OpenedRoom { kind: r.kind, uri: r.uri.clone(), name: r.name.clone() })
                .collect();
            let ok = outcomes.iter().filter(|o| o.succeeded()).count();
            let tone = if ok == n { Tone::Success } else { Tone::Warning };
            // Those in the rooms made (QA: a split cut short counted everyone as shared out).
            let members: usize =
                outcomes.iter().zip(&groups).filter(|(o, _)| o.succeeded()).map(|(_, g)| g.len()).sum();
            // Named: two splits' notices read alike (QA).
            let opened: Vec<&str> =
                names.iter().zip(&outcomes).filter(|(_, o)| o.succeeded()).map(|(n, _)| n.as_str()).collect();
            let opened = if opened.is_empty() { String::new() } else { format!(" ({})", opened.join(", ")) };
            let members = crate::state::counted(members, "user", "users");
            let mut said = match (n, ok) {
                (1, 1) => format!("The room was created{opened}, {members} in it."),
                (1, _) => "The room was not created.".to_owned(),
                (n, ok) => format!("{ok} of {n} rooms created{opened}, {members} shared out among them."),
            };
            if gone > 0 {
                said.push_str(&format!(
                    " {} selected left the conference meanwhile.",
                    crate::state::counted(gone, "user", "users")
                ));
            }
            if n < wanted {
                said.push_str(&format!(
                    " {} to share out: {}, not {wanted}.",
                    crate::state::counted(people.len(), "person", "people"),
                    crate::state::counted(n, "room", "rooms")
                ));
            }
            if ok > 0 && listed.is_none() {
                said.push_str(" The rooms could not be read after it: close them from the table to undo it.");
            }
            let notice =
                Notice::plain(tone, format!("{label}: finished"), said).about(Some(ccmp.about_conference(&parent_uri)));
            if made.is_empty() {
                ccmp.notices.push(notice);
            } else {
                // Undone by closing the rooms it opened, which brings everyone back to the conference (QA: a
                // split had no way back but Close all, which closes standing rooms too).
                let (notice, clicked) = ccmp.notices.push_action(notice, "Undo");
                let split = SplitUndo::new(label.clone(), parent_uri.clone(), made, Some(notice));
                moderation.split.update(|splits| splits.push(split.clone()));
                spawn_local(async move {
                    if clicked.await.is_ok() {
                        // Asked first, as from the toolbar: one click on a notice ended every room, with
                        // everyone in them (QA). On this tab, in its dialog; from another page, in the panel's.
                        if let Some(Some(Confirm::UndoSplit(split))) = confirm.try_set(Some(Confirm::UndoSplit(split)))
                        {
                            let (title, message, confirm_label) = split.question(0);
                            let ask = Ask::Confirm { title, message, confirm_label };
                            if prompts.ask(ask).await == Some(Answer::Confirmed) {
                                undo_split(split);
                            }
                        }
                    }
                });
            }
            read();
        });
    };
    // Renames or locks a room: a partial document of the room, sent as an update of its kind (a room by value
    // had no way but the console's raw XML; QA).
    // `listed`: the change is to what the conference lists of the room (its name), which raises the
    // conference's version even for a room by reference.
    // The room that went (or may go) from its row by the moderator's hand, and its place in the table: see the
    // effect below, which hands the focus on.
    let rooms_table = NodeRef::<html::Table>::new();
    let closed_here = StoredValue::new(None::<(String, usize)>);
    let change_room = move |row: SidebarRow, doc: Conference, label: String, listed: bool| {
        let Some(conn) = ccmp.connection.get() else { return };
        // May run after a read, the tab gone meanwhile: nothing is sent then.
        if changing.try_set(Some(row.uri.clone())).is_some() {
            return;
        }
        // A room closed elsewhere meanwhile leaves the table on this change's 404, with the button pressed: the
        // focus goes on as after a Close here (QA: onto the page).
        let at = rows.with_untracked(|r| r.iter().position(|x| uri_key(&x.uri) == uri_key(&row.uri)));
        closed_here.set_value(at.map(|at| (row.uri.clone(), at)));
        spawn_local(async move {
            let sent = ccmp
                .send(row.kind.request(&conn.user, &row.uri, Operation::Update, Some(doc)), &label, Mode::Change)
                .await;
            changing.try_set(None);
            if sent.code() != Some(ResponseCode::ObjectNotFound)
                && closed_here.try_with_value(|c| c.as_ref().is_some_and(|(u, _)| *u == row.uri)) == Some(true)
            {
                closed_here.try_set_value(None);
            }
            if matches!(sent, Sent::Ok(_)) {
                // A room by value lives in the conference's document: its change raises the conference's version.
                if let Some(parent) = parent.try_get_value() {
                    if listed || row.scope(&parent).raises_too().is_some() {
                        ccmp.store.own_change_unseen(&parent);
                    }
                }
                read();
            }
        });
    };
    let rename = Callback::new(move |to: String| {
        let Some(row) = renaming.get_untracked() else { return };
        renaming.set(None);
        let Some(parent_uri) = parent.try_get_value() else { return };
        changing.set(Some(row.uri.clone()));
        spawn_local(async move {
            // The room as it is now: a co-moderator's rename while the dialog was open is not overwritten
            // unsaid (QA); the moderator sees the new name and may rename again.
            if let Ok(now) = read_sidebars(ccmp, &parent_uri, Mode::Read).await {
                let named = now.iter().find(|x| uri_key(&x.uri) == uri_key(&row.uri)).map(|x| x.name.clone());
                rows.try_set(now);
                if named.as_ref().is_some_and(|n| *n != row.name) {
                    changing.try_set(None);
                    let said = format!(
                        "Someone renamed {} to {} while you were typing: nothing was changed. Rename it again if \
                         yours is still wanted.",
                        row.name,
                        named.unwrap_or_default()
                    );
                    ccmp.notices.push(
                        Notice::plain(Tone::Warning, format!("Rename room {}: not sent", row.name), said)
                            .about(Some(ccmp.about_conference(&parent_uri))),
                    );
                    return;
                }
            }
            let mut doc = Conference::new(row.uri.clone());
            doc.description_mut().display_text = Some(to.clone());
            change_room(row.clone(), doc, format!("Rename room {} to {to}", row.name), true);
        });
    });
    let close_all = move || {
        if rows.with_untracked(|r| !r.is_empty()) {
            confirm.set(Some(Confirm::CloseAll));
        }
    };
    // A room closed from its row takes its Close button, which had the focus back from the dialog, with it:
    // the focus goes to the Open button of the room now in its place (not its Close: QA), else to the page
    // (QA: onto nothing, and the next Tab started from the top).
    Effect::new(move |_| {
        let gone = rows.with(|r| {
            let gone = |(uri, _): &&(String, usize)| !r.iter().any(|x| uri_key(&x.uri) == uri_key(uri));
            closed_here.with_value(|c| c.as_ref().filter(gone).map(|(_, at)| *at))
        });
        let Some(at) = gone else { return };
        closed_here.set_value(None);
        request_animation_frame(move || {
            let Some(table) = rooms_table.try_get_untracked().flatten() else { return };
            // The rows are drawn again in place: the focus may have stayed on the button at its place, now the
            // next room's Close (QA), as well as fallen onto the page.
            let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
            let in_table = active.is_some_and(|a| table.contains(Some(&a)));
            if (in_table || focus_unplaced()) && !focus_nth(&table, "button[aria-expanded]", at) {
                focus_main_if_lost();
            }
        });
    });
    let do_confirm = Callback::new(move |()| {
        let Some(what) = confirm.get_untracked() else { return };
        confirm.set(None);
        let Some(conn) = ccmp.connection.get() else { return };
        match what {
            Confirm::Close(row) => {
                deleting.set(Some(row.uri.clone()));
                let at = rows.with_untracked(|r| r.iter().position(|x| uri_key(&x.uri) == uri_key(&row.uri)));
                closed_here.set_value(at.map(|at| (row.uri.clone(), at)));
                spawn_local(async move {
                    let label = format!("Close room {}", row.name);
                    let sent = ccmp
                        .send(row.kind.request(&conn.user, &row.uri, Operation::Delete, None), &label, Mode::Change)
                        .await;
                    deleting.try_set(None);
                    if matches!(sent, Sent::Ok(_)) {
                        if let Some(parent) = parent.try_get_value() {
                            ccmp.store.own_change_unseen(&parent);
                            ccmp.store.own_room(&parent, &row.name, false);
                        }
                        let emptied = moderation.split.try_update(|splits| SplitUndo::forget_room(splits, &row.uri));
                        for split in emptied.unwrap_or_default() {
                            split.notice.into_iter().for_each(|id| ccmp.notices.dismiss(id));
                        }
                        if open.try_get_untracked().flatten().is_some_and(|o| uri_key(&o) == uri_key(&row.uri)) {
                            open.try_set(None);
                        }
                        read();
                    }
                });
            }
            Confirm::UndoSplit(split) => undo_split(split),
            Confirm::CloseAll => {
                let all = rows.get_untracked();
                if !all.is_empty() {
                    let parent_uri = parent.get_value();
                    spawn_local(async move {
                        close_rooms(parent_uri, all, "Close all rooms".to_owned(), true).await;
                    });
                }
            }
        }
    });

    // The room open below the table, by what names it: not its counts, which change with each move and
    // would draw its users table anew, closing the details the moderator works in and dropping the focus.
    let opened = Memo::new(move |_| {
        let uri = open.get()?;
        let parent = parent.get_value();
        rows.with(|r| {
            r.iter().find(|x| uri_key(&x.uri) == uri_key(&uri)).map(|x| (x.name.clone(), x.kind, x.scope(&parent)))
        })
    });
    let move_targets = Signal::derive(move || {
        let current = open.get().map(|o| uri_key(&o)).unwrap_or_default();
        let p = parent.get_value();
        rows.with(|r| {
            // A locked room says so where people are moved to it (QA: nothing did; the server lets a
            // moderator move them in all the same).
            let named = |x: &SidebarRow| {
                if x.locked == Some(true) {
                    format!("{} (locked)", x.name)
                } else {
                    x.name.clone()
                }
            };
            r.iter()
                .filter(|x| uri_key(&x.uri) != current)
                .map(|x| (named(x), x.name.clone(), x.scope(&p)))
                .collect::<Vec<_>>()
        })
    });
    let toggle_media = move |t: &'static str, on: bool| {
        media.update(|m| {
            m.retain(|x| x != t);
            if on {
                m.push(t.to_owned());
            }
        })
    };

    view! {
        <section class="sidebars" aria-label="Breakout rooms">
            <div class="toolbar">
                <ActionButton label="Refresh rooms" busy=loading on_click=read/>
                <ActionButton
                    label="Close all rooms\u{2026}"
                    class="button--danger"
                    busy=Signal::derive(move || run.with(|r| r.as_ref().is_some_and(|(l, items)| l.starts_with("Close") && items.iter().any(|(_, o)| *o == ItemOutcome::Pending))))
                    disabled_reason=Signal::derive(move || rows.with(Vec::is_empty).then(|| "Nothing to close.".to_owned()))
                    on_click=close_all
                />
                {move || moderation.split.with(|splits| splits.iter().rev().find(|s| uri_key(&s.parent) == uri_key(&parent.get_value())).cloned()).map(|split| {
                    let label = format!("Undo: {}", split.label);
                    view! { <ActionButton label=label busy=undoing_split on_click=move || confirm.set(Some(Confirm::UndoSplit(split.clone())))/> }
                })}
            </div>
            {move || error.get().map(|e| view! { <p class="users__error" role="alert">"The rooms could not be read: " {e}</p> })}
            {move || run.get().map(|(label, items)| {
                let done = items.iter().filter(|(_, o)| *o != ItemOutcome::Pending).count();
                let total = items.len();
                // A room closed elsewhere first (404) is closed, as asked; anything else not done is said (QA:
                // "finished" over an Undo that closed none, the server down).
                let missed = items
                    .iter()
                    .filter(|(_, o)| *o != ItemOutcome::Pending && !o.succeeded() && !matches!(o, ItemOutcome::Code(404, _)))
                    .count();
                let ended = match missed {
                    0 => format!("{label}: finished"),
                    k => format!("{label}: finished, {k} of {total} not done"),
                };
                view! {
                    <div class="bulk__run" role="status" aria-live="polite">
                        <p class="bulk__progress">
                            {if done < total { format!("{label}: {done} of {total}") } else { ended }}
                            {(done == total).then(|| view! { <button type="button" class="button button--quiet" on:click=move |_| run.set(None)>"Dismiss"</button> })}
                        </p>
                        <ul class="sidebars__results">
                            {items.into_iter().map(|(name, o)| view! { <li>{name} ": " {o.describe()}</li> }).collect_view()}
                        </ul>
                    </div>
                }
            })}
            <div class="table-wrap">
                <table class="sidebars__table" node_ref=rooms_table>
                    <thead><tr>
                        <th scope="col">"Room"</th><th scope="col">"Kind"</th><th scope="col">"Users"</th><th scope="col">"Actions"</th>
                    </tr></thead>
                    <tbody>
                        {move || {
                            if rows.with(Vec::is_empty) {
                                // A failed first read is told above the table; "Reading…" stayed under it (QA).
                                let text = if loaded.get() {
                                    "No rooms yet."
                                } else if error.with(Option::is_some) {
                                    "The rooms could not be read."
                                } else {
                                    "Reading the rooms\u{2026}"
                                };
                                return view! { <tr><td colspan="4" class="muted">{text}</td></tr> }.into_any();
                            }
                            rows.get().into_iter().map(|row| {
                                let uri = row.uri.clone();
                                let is_open = { let uri = uri.clone(); Signal::derive(move || open.with(|o| o.as_deref().is_some_and(|o| uri_key(o) == uri_key(&uri)))) };
                                let busy = { let uri = uri.clone(); Signal::derive(move || deleting.with(|d| d.as_deref() == Some(uri.as_str()))) };
                                let for_delete = row.clone();
                                let (for_rename, for_lock) = (row.clone(), row.clone());
                                let changing_row = { let uri = uri.clone(); Signal::derive(move || changing.with(|c| c.as_deref() == Some(uri.as_str()))) };
                                let locked = row.locked == Some(true);
                                let lock_label = if locked { format!("Unlock {}", row.name) } else { format!("Lock {}", row.name) };
                                // Under the room's name, not beside its kind: on a phone the kind's column is left out.
                                let link = (row.kind == SidebarKind::ByRef).then(|| view! {
                                    <a href=conference_href(&row.uri) class="muted sidebars__as-conference">"Open as a conference"</a>
                                });
                                view! {
                                    <tr class=move || if is_open.get() { "sidebars__row sidebars__row--open" } else { "sidebars__row" }>
                                        <th scope="row">{row.name.clone()} {locked.then(|| view! { <span class="badge badge--locked">"locked"</span> })} <span class="conf-list__uri mono">{row.uri.clone()}</span>{link}</th>
                                        <td>{row.kind.label()}</td>
                                        <td class="num">{row.users.map_or_else(|| "\u{2013}".to_owned(), |n| n.to_string())}</td>
                                        <td>
                                            <span class="toolbar">
                                                <button type="button" class="button" aria-expanded=move || is_open.get().to_string()
                                                    aria-label=format!("Open {}", row.name)
                                                    on:click={ let uri = uri.clone(); move |_| open.update(|o| *o = if o.as_deref().is_some_and(|x| uri_key(x) == uri_key(&uri)) { None } else { Some(uri.clone()) }) }>
                                                    {move || if is_open.get() { "Close view" } else { "Open" }}
                                                </button>
                                                <ActionButton label="Rename\u{2026}" aria_label=format!("Rename {}\u{2026}", row.name) busy=changing_row
                                                    on_click=move || renaming.set(Some(for_rename.clone()))/>
                                                <ActionButton label=if locked { "Unlock" } else { "Lock" } aria_label=lock_label busy=changing_row
                                                    on_click=move || {
                                                        let mut doc = Conference::new(for_lock.uri.clone());
                                                        doc.conference_state = Some(ConferenceState { locked: Some(!locked), ..Default::default() });
                                                        let verb = if locked { "Unlock" } else { "Lock" };
                                                        change_room(for_lock.clone(), doc, format!("{verb} room {}", for_lock.name), false);
                                                    }/>
                                                <ActionButton label="Close\u{2026}" aria_label=format!("Close {}\u{2026}", row.name) class="button--danger" busy=busy
                                                    on_click=move || confirm.set(Some(Confirm::Close(for_delete.clone())))/>
                                            </span>
                                        </td>
                                    </tr>
                                }
                            }).collect_view().into_any()
                        }}
                    </tbody>
                </table>
            </div>

            {move || opened.get().map(|(name, kind, scope)| {
                view! {
                    <section class="sidebars__open" aria-label=format!("Users of {name}")>
                        <h2 class="page__subtitle">"Users of " {name.clone()} <span class="muted">" (" {kind.label()} ")"</span></h2>
                        <UsersView scope=scope move_targets=move_targets/>
                    </section>
                }
            })}

            <div class="sidebars__forms">
                <section class="admission__box" aria-labelledby="sidebar-breakout">
                    <h2 class="admission__title" id="sidebar-breakout">"Split into rooms"</h2>
                    <p class="muted">{move || {
                        match selected_in_tab().len() {
                            0 => "No user is selected in the Users tab: everyone in the conference who is not a moderator (nor you), nor in a room already, is shared out; not those waiting to join.".to_owned(),
                            1 => "The user selected in the Users tab is shared out, unless waiting to join or in a room already.".to_owned(),
                            n => format!("The {n} users selected in the Users tab are shared out, except those waiting to join or in a room already."),
                        }
                    }}</p>
                    <label class="field">
                        <span class="field__label">"Number of rooms"</span>
                        <input class="field__input" type="text" inputmode="numeric" aria-label="Number of rooms"
                            aria-invalid=move || rooms.get().is_none().then_some("true")
                            prop:value=move || rooms_typed.get()
                            on:input=move |ev| rooms_typed.set(event_target_value(&ev))/>
                    </label>
                    <label class="field">
                        <span class="field__label">"Room names"</span>
                        <input class="field__input" type="text" bind:value=prefix aria-label="Room names"
                            aria-describedby="room-names-note"/>
                    </label>
                    <p class="field__hint" id="room-names-note" role="status">{move || rooms.get().and_then(|n| names_note(&prefix.get(), n))}</p>
                    <p class="field__hint">"A name to number (Team: Team 1, Team 2), or one name per room separated by commas (Red, Blue); one room takes the name as typed. Rooms get the kind and media ticked under New room: every medium of the conference, unless you untick one."</p>
                    <fieldset>
                        <legend>"Who goes where"</legend>
                        <label class="field field--check"><input type="radio" name="split-order" prop:checked=move || at_random.get() on:change=move |_| at_random.set(true)/>"At random: a new mix each split"</label>
                        <label class="field field--check"><input type="radio" name="split-order" prop:checked=move || !at_random.get() on:change=move |_| at_random.set(false)/>"In the order of the users list"</label>
                    </fieldset>
                    <ActionButton label=Signal::derive(move || rooms.get().map_or("Split into rooms".to_owned(), split_label)) class="button--primary" busy=splitting disabled_reason=split_why on_click=split/>
                </section>

                <section class="admission__box" aria-labelledby="sidebar-new">
                    <h2 class="admission__title" id="sidebar-new">"New room"</h2>
                    <label class="field">
                        <span class="field__label">"Name"</span>
                        <input class="field__input" type="text" bind:value=name placeholder="Interpreters"/>
                    </label>
                    <fieldset>
                        <legend>"Kind"</legend>
                        <label class="field field--check"><input type="radio" name="sidebar-kind" prop:checked=move || kind.get() == SidebarKind::ByVal on:change=move |_| kind.set(SidebarKind::ByVal)/>"by value (kept inside this conference)"</label>
                        <label class="field field--check"><input type="radio" name="sidebar-kind" prop:checked=move || kind.get() == SidebarKind::ByRef on:change=move |_| kind.set(SidebarKind::ByRef)/>"by reference (a conference of its own)"</label>
                    </fieldset>
                    <fieldset>
                        <legend>"Its own media"</legend>
                        {move || offered.get().into_iter().map(|t| view! {
                            <label class="field field--check">
                                <input type="checkbox" prop:checked=move || media.with(|m| m.iter().any(|x| x == t)) on:change=move |ev| toggle_media(t, event_target_checked(&ev))/>
                                {t}
                            </label>
                        }).collect_view()}
                    </fieldset>
                    <fieldset>
                        <legend>"Users"</legend>
                        <p class="muted">{move || match chosen.with(Vec::len) { 0 => "Nobody chosen yet.".to_owned(), n => format!("{n} chosen.") }}</p>
                        {move || match elsewhere.with(Vec::len) {
                            0 => None,
                            1 => Some(view! { <p class="field__hint">"1 of them is in another room already, and will be in both."</p> }),
                            n => Some(view! { <p class="field__hint">{format!("{n} of them are in other rooms already, and will be in both.")}</p> }),
                        }}
                        <ul class="sidebars__chosen" node_ref=chosen_list>
                            {move || members(&chosen.get()).into_iter().enumerate().map(|(at, u)| {
                                let row = UserRow::new(&u, 0);
                                let key = row.key.clone();
                                let there = in_rooms(&key).map(|r| view! { <span class="muted">{format!(" (in {r})")}</span> });
                                view! { <li>{row.name.clone()} {there} " " <button type="button" class="button button--quiet" aria-label=format!("Leave out {}", row.name)
                                    on:click=move |_| { chosen.update(|c| c.retain(|k| *k != key)); keep_focus(chosen_list, at); }>"leave out"</button></li> }
                            }).collect_view()}
                        </ul>
                        <button type="button" class="button" disabled=move || selected_in_tab().is_empty()
                            on:click=move |_| chosen.update(|c| for k in selected_now() { if !c.contains(&k) { c.push(k) } })>
                            {move || match selected_in_tab().len() {
                                0 => "Add those selected in the Users tab (none is)".to_owned(),
                                1 => "Add the user selected in the Users tab".to_owned(),
                                n => format!("Add the {n} users selected in the Users tab"),
                            }}
                        </button>
                        <label class="field">
                            <span class="field__label">"Find a user to add"</span>
                            <input class="field__input" type="search" bind:value=pick placeholder="Name, address or role" node_ref=pick_input/>
                        </label>
                        <ul class="sidebars__matches" node_ref=match_list>
                            {move || matches.get().0.into_iter().enumerate().map(|(at, r)| {
                                let key = r.key.clone();
                                view! { <li><button type="button" class="button button--quiet"
                                    on:click=move |_| { chosen.update(|c| if !c.contains(&key) { c.push(key.clone()) }); keep_focus(match_list, at); }>
                                    {format!("Add {}", r.name)}</button></li> }
                            }).collect_view()}
                        </ul>
                        <p class="muted" role="status">
                            {move || match matches.with(|(rows, found)| (rows.is_empty(), *found)) {
                                _ if pick.with(|p| p.trim().is_empty()) => None,
                                (true, true) => Some("Everyone who matches is chosen already.".to_owned()),
                                (true, false) => Some(format!("Nobody in the conference matches \u{201c}{}\u{201d}.", pick.get().trim())),
                                (false, _) => Some(match matches.with(|(rows, _)| rows.len()) {
                                    1 => "1 person matches.".to_owned(),
                                    n => format!("{n} people match."),
                                }),
                            }}
                        </p>
                    </fieldset>
                    <ActionButton label="Create room" class="button--primary" busy=creating disabled_reason=create_why on_click=create/>
                </section>
            </div>
            {move || confirm.get().map(|c| {
                let (title, message, label): (Signal<String>, Signal<String>, String) = match &c {
                    Confirm::Close(row) => (
                        format!("Close {}?", row.name).into(),
                        format!("The room ends for everyone in it; they stay in the main conference. ({})", row.uri).into(),
                        "Close room".to_owned(),
                    ),
                    Confirm::UndoSplit(split) => {
                        let keys: Vec<String> = split.rooms.iter().map(|r| uri_key(&r.uri)).collect();
                        let people = rows.with_untracked(|all| {
                            all.iter().filter(|r| keys.contains(&uri_key(&r.uri))).filter_map(|r| r.users).sum::<usize>()
                        });
                        let (title, message, label) = split.question(people);
                        (title.into(), message.into(), label)
                    }
                    // Live: a room a co-moderator opens or closes meanwhile changes the count.
                    Confirm::CloseAll => (
                        Signal::derive(move || rows.with(|all| match all.as_slice() {
                            [] => "No room is open now".to_owned(),
                            [one] => format!("Close {}, the only room?", one.name),
                            _ => format!("Close all {} rooms?", all.len()),
                        })),
                        // Named: "rooms" reads as the breakout rooms, and a standing sidebar goes too (QA).
                        Signal::derive(move || rows.with(|all| {
                            let names: Vec<&str> = all.iter().map(|r| r.name.as_str()).collect();
                            format!(
                                "Every room of this conference is closed, breakout rooms and standing ones alike: {}. Their \
                                 users stay in the main conference.",
                                names.join(", ")
                            )
                        })),
                        "Close all".to_owned(),
                    ),
                };
                view! { <ConfirmDialog title=title message=message confirm_label=label on_confirm=do_confirm on_cancel=Callback::new(move |()| confirm.set(None))/> }
            })}
            {move || renaming.get().map(|row| view! {
                <RenameDialog name=row.name on_save=rename on_cancel=Callback::new(move |()| renaming.set(None))/>
            })}
        </section>
    }
}

/// The progress of a breakout run: what it does, and each room with its outcome so far.
type Run = Option<(String, Vec<(String, ItemOutcome)>)>;

/// Sends `steps` (what the console calls it, the room's name, the request), which open (`opening`) or close rooms
/// of `parent`, one after the other, each outcome into `run` as it comes; returns the outcomes, in the order of
/// `steps`.
async fn run_steps(
    ccmp: Ccmp,
    run: RwSignal<Run>,
    parent: &str,
    steps: Vec<(String, String, Request)>,
    opening: bool,
) -> Vec<ItemOutcome> {
    let mut outcomes = Vec::with_capacity(steps.len());
    for (i, (label, room, request)) in steps.into_iter().enumerate() {
        let sent = ccmp.send(request, &label, Mode::Background).await;
        // Each room opened or closed raises the parent's version: the panel's own change, not someone else's.
        // So may one whose answer was lost (or replaced): the read its notice sets off would otherwise put it
        // down to someone else (QA), before the run's end finds the room there.
        if matches!(&sent, Sent::Ok(_)) || matches!(&sent, Sent::Failed(e) if e.may_have_acted()) {
            ccmp.store.own_change_unseen(parent);
            ccmp.store.own_room(parent, &room, opening);
        }
        let outcome = outcome_of(&sent);
        run.try_update(|r| {
            if let Some(item) = r.as_mut().and_then(|(_, items)| items.get_mut(i)) {
                item.1 = outcome.clone();
            }
        });
        outcomes.push(outcome);
    }
    outcomes
}

/// Of the outcomes of closing rooms: how many rooms are closed now, and how many of those were closed
/// already. A 404 to a delete means someone closed the room first, which is what the moderator wanted,
/// so it is not counted as a failure.
fn closed_rooms(outcomes: &[ItemOutcome]) -> (usize, usize) {
    let already = outcomes.iter().filter(|o| matches!(o, ItemOutcome::Code(404, _))).count();
    let deleted = outcomes.iter().filter(|o| o.succeeded()).count();
    (deleted + already, already)
}

fn outcome_of(sent: &Sent) -> ItemOutcome {
    match sent {
        Sent::Ok(r) | Sent::Refused(r) => ItemOutcome::Code(r.code.as_u16(), r.code.effective().reason().to_owned()),
        other => ItemOutcome::Failed(other.describe()),
    }
}
