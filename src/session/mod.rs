//! What every page shares: the connection, the capabilities, notifications, prompts, the request console,
//! the audit hook, version tracking, the conferences list, the edits not saved yet, and [`Ccmp::send`],
//! through which every request goes. Each is a small `Copy` handle provided as its own context (`use_x()`).

pub mod audit;
pub mod ccmp;
pub mod conf_store;
pub mod connection;
pub mod console;
pub mod drafts;
pub mod lobby;
pub mod notices;
pub mod prompts;
pub mod saved_profiles;
// Part 2: users, admission, sidebars.
pub mod audit_keep;
pub mod moderation;
pub mod shortcuts;
pub mod users_handle;
pub mod whereabouts;

use leptos::prelude::*;

pub use self::ccmp::{use_ccmp, Ccmp, Mode, Sent, Traced};
pub use audit::{use_audit, Audit, AuditEntry};
pub use conf_store::{use_conf_store, ConfStore};
pub use connection::{use_connection, Conn, Connection};
pub use console::{use_console, Console};
pub use drafts::{use_drafts, Drafts};
pub use lobby::Lobby;
pub use notices::{use_notices, Notices};
pub use prompts::{use_prompts, Answer, Ask, Prompts};

/// Provides every shared handle; called once by `App`.
pub fn provide() {
    let connection = Connection::new();
    let notices = Notices::new();
    let console = Console::new();
    let prompts = Prompts::new();
    let audit = Audit::new();
    // Before the list, which drops the drafts of conferences that are gone.
    let drafts = Drafts::new();
    let moderation = moderation::Moderation::new();
    let store = ConfStore::new(drafts, Lobby::new(notices, moderation));
    provide_context(connection);
    provide_context(notices);
    provide_context(console);
    provide_context(prompts);
    provide_context(audit);
    provide_context(store);
    let ccmp = Ccmp::new(connection, notices, console, prompts, audit, store, moderation);
    provide_context(ccmp);
    store.lobby.start(ccmp);
    self::ccmp::probe_while_unreachable(ccmp);
    provide_context(moderation);
    // When each change was made, for the age beside its Undo (QA: an unmute was offered for undo 12 minutes
    // and a server restart later, with nothing to say how old it was).
    Effect::new(move |_| {
        moderation.undo.track();
        moderation.note_undo_made();
    });
    keep_splits(ccmp, moderation);
    keep_undo(ccmp, moderation);
    audit_keep::keep(audit);
    tell_storage_refused(notices);
    tell_unreadable_drafts(notices, drafts.unreadable);
    provide_context(drafts);
    // An unsaved edit, or a bulk run or an undo cut short (QA: a reload stopped "Mute all" at 1,232 of
    // 5,000, and nothing said so after).
    drafts::guard_unload(move || drafts.any_unsaved() || moderation.busy());
    follow_sign_out_elsewhere(ccmp, moderation);
    // The console's log is kept for a reload of the tab while connected (not after a sign-out).
    let keep_log = window_event_listener_untyped("pagehide", move |_| {
        if ccmp.connection.current.with_untracked(Option::is_some) {
            console.save();
        }
    });
    // For the page's whole life: the session is provided once.
    std::mem::forget(keep_log);
}

/// Where the splits' Undos are kept in the tab (`state::breakout::keep_splits`).
const SPLITS_KEY: &str = "ccmp-panel.splits";

/// Keeps the splits' Undos across a reload of the tab, and gives them back once connected again to the same
/// server as the same moderator (QA: after a reload, the rooms of a split could only be closed one by one, or
/// with Close all, which closes standing rooms too). Leaving the server forgets them (`Moderation::reset`
/// empties them while disconnected).
fn keep_splits(ccmp: Ccmp, moderation: moderation::Moderation) {
    use crate::state::breakout::{keep_splits, restore_splits};
    keep_in_tab(
        ccmp,
        SPLITS_KEY,
        move |kept, conn| {
            let splits = restore_splits(kept, &conn.server, conn.user.as_str());
            if moderation.split.with_untracked(Vec::is_empty) && !splits.is_empty() {
                moderation.split.set(splits);
            }
        },
        move |conn| {
            let splits = moderation.split.get();
            let conn = conn?;
            (!splits.is_empty()).then(|| keep_splits(&conn.server, conn.user.as_str(), &splits))
        },
    );
}

/// Where the last change's Undo is kept in the tab (`state::undo_keep`).
const UNDO_KEY: &str = "ccmp-panel.undo";

/// The most of the tab's storage (about 5 MB in all) the kept Undo takes, in bytes of its JSON: a bulk run's of
/// about 800 users (`undo_keep`'s tests). A larger one is not kept, and goes with a reload as before, rather
/// than crowd out the drafts and the splits' Undos.
const MAX_KEPT_UNDO: usize = 1 << 20;

/// Keeps the last change's Undo across a reload of the tab, and gives it back once connected again to the same
/// server as the same moderator, as the splits' (QA: a reload right after a removal by mistake took its Undo
/// away). Its checks are made on a read just before it is sent, however old it is.
fn keep_undo(ccmp: Ccmp, moderation: moderation::Moderation) {
    use crate::state::undo_keep::{keep_undo, restore_undo};
    keep_in_tab(
        ccmp,
        UNDO_KEY,
        move |kept, conn| {
            let restored = restore_undo(kept, &conn.server, conn.user.as_str());
            if let (true, Some((entry, made_at))) = (moderation.undo.with_untracked(Option::is_none), restored) {
                moderation.restore_undo(entry, made_at);
            }
        },
        move |conn| {
            let entry = moderation.undo.get();
            let (conn, entry) = (conn?, entry?);
            let made_at = moderation.undo_made_at().unwrap_or_else(js_sys::Date::now);
            Some(keep_undo(&conn.server, conn.user.as_str(), &entry, made_at)).filter(|k| k.len() <= MAX_KEPT_UNDO)
        },
    );
}

/// Keeps something of the session under `key` in the tab's storage, for a reload. `restore` is given what is
/// kept each time a connection is made, and gives back what is the connection's; `kept` says what to keep for
/// the connection now (it tracks what it keeps), `None` for nothing. What the browser refuses is not left
/// behind either: the key would hold what was kept before, and a reload give back that.
fn keep_in_tab(
    ccmp: Ccmp,
    key: &'static str,
    restore: impl Fn(&str, &connection::Conn) + 'static,
    kept: impl Fn(Option<connection::Conn>) -> Option<String> + 'static,
) {
    Effect::new(move |_| {
        let Some(conn) = ccmp.connection.current.get() else { return };
        restore(&crate::api::session_get(key).unwrap_or_default(), &conn);
    });
    // Not at its first run: the page has just loaded, and what is kept is still to be restored.
    Effect::new(move |first: Option<()>| {
        let now = kept(ccmp.connection.current.get_untracked());
        if first.is_none() {
            return;
        }
        if !now.is_some_and(|value| crate::api::session_set(key, &value)) {
            crate::api::session_remove(key);
        }
    });
}

/// Says once that the browser does not keep what the panel writes (its storage for the site full, or
/// blocked by a policy): an unsaved edit marked as kept, a profile saved with "Remember", would otherwise be
/// gone at the next reload without a word (QA). It stays until dismissed.
fn tell_storage_refused(notices: Notices) {
    let refused = crate::api::storage_refused();
    Effect::new(move |told: Option<bool>| {
        let now = refused.get();
        if now && told != Some(true) {
            notices.push(crate::state::notice::Notice::plain(
                crate::state::notice::Tone::Warning,
                "This browser is not keeping the panel's data",
                "Its storage for this site is full or blocked, so what the panel keeps across a reload is not \
                 kept: unsaved edits, your saved connection and the audit log. Save your edits before you reload \
                 or close this tab. Freeing the site's data in the browser's settings, or allowing it, lets the \
                 panel keep them again.",
            ));
        }
        now
    });
}

/// Disconnects, and forgets what the panel knew of the server: its conferences and waiting rooms, the undo
/// and the selections, and the notices, whose buttons (Undo, Admit, Retry) would otherwise act on whichever
/// server the moderator connects to next.
pub fn leave_server(ccmp: Ccmp, moderation: moderation::Moderation) {
    if let Some(conn) = ccmp.connection.get() {
        saved_profiles::sign_out(&conn.profile);
    }
    saved_profiles::forget_this_tabs_password();
    leave_here(ccmp, moderation);
}

/// Leaves the server in this tab only, to connect to another: the other tabs connected with the same profile
/// go on (QA: changing servers in one tab cut off the moderator's other conference in another). Its password
/// kept for a reload goes; the profile stays signed in for those tabs.
pub fn leave_this_tab(ccmp: Ccmp, moderation: moderation::Moderation) {
    saved_profiles::forget_this_tabs_password();
    leave_here(ccmp, moderation);
}

fn leave_here(ccmp: Ccmp, moderation: moderation::Moderation) {
    // The console lists this session's requests: whoever connects next in this tab (another moderator on a
    // shared machine, another server) starts a log of their own (QA: it listed the last account's 151).
    Console::forget_saved();
    ccmp.console.entries.set(Vec::new());
    ccmp.connection.disconnect();
    ccmp.store.reset();
    moderation.reset();
    ccmp.notices.clear();
}

/// A Disconnect in one tab of this browser disconnects the other tabs connected with the same profile (QA:
/// they went on sending requests as the moderator, and on a shared machine that is who they stayed signed in
/// as); tabs on another server go on. Browsers tell the other tabs of a change to localStorage, where
/// Disconnect marks the profile signed out. And the tab the moderator looks at is the one a new tab follows
/// (`saved_profiles::prefer`).
/// Says that the unsaved edits kept in this tab of `unreadable` conferences could not be read back.
fn tell_unreadable_drafts(notices: Notices, unreadable: usize) {
    if unreadable == 0 {
        return;
    }
    notices.push(crate::state::notice::Notice::plain(
        crate::state::notice::Tone::Warning,
        "Unsaved edits could not be restored",
        format!(
            "The unsaved edits of {} kept in this tab could not be read back (damaged, or kept by another version \
             of the panel), and are lost. The conferences are as the server has them.",
            crate::state::counted(unreadable, "conference", "conferences")
        ),
    ));
}

/// The title of the notice that this tab was disconnected by a Disconnect in another.
const DISCONNECTED_ELSEWHERE: &str = "Disconnected in another tab";

fn follow_sign_out_elsewhere(ccmp: Ccmp, moderation: moderation::Moderation) {
    let listener = window_event_listener(leptos::ev::storage, move |event| {
        if event.key().as_deref() != Some(saved_profiles::PROFILES_KEY) {
            return;
        }
        let Some(mine) = ccmp.connection.current.with_untracked(|c| c.as_ref().map(|c| c.profile.clone())) else {
            return;
        };
        let parse = crate::state::profiles::Profiles::parse;
        if !parse(event.new_value().as_deref()).newly_signed_out_of(&parse(event.old_value().as_deref()), &mine) {
            return;
        }
        leave_here(ccmp, moderation);
        // It stays until dismissed: the moderator may come back to this tab much later.
        ccmp.notices.push(crate::state::notice::Notice::plain(
            crate::state::notice::Tone::Warning,
            DISCONNECTED_ELSEWHERE,
            "You disconnected from this server in another tab of this browser, so this tab is disconnected too: \
             nothing more is sent from it. Connect to go on.",
        ));
    });
    // Connected again, the tab sends again: "nothing more is sent from it" would be false (QA).
    Effect::new(move |_| {
        if ccmp.connection.current.with(Option::is_some) {
            ccmp.notices.dismiss_titled(DISCONNECTED_ELSEWHERE);
        }
    });
    let in_view = move || {
        if !crate::api::tab_hidden() {
            if let Some(conn) = ccmp.connection.get() {
                saved_profiles::prefer(&conn.profile);
            }
        }
    };
    let shown = window_event_listener_untyped("visibilitychange", move |_| in_view());
    let focused = window_event_listener(leptos::ev::focus, move |_| in_view());
    // For the page's whole life: the session is provided once.
    std::mem::forget((listener, shown, focused));
}
