//! The saved server profiles, kept in localStorage (what they hold: [`crate::state::profiles`]).

use crate::api::{local_get, local_set, session_get, session_remove, session_set, vault};
use crate::session::Conn;
use crate::state::profiles::{Profile, Profiles};

/// Where saved profiles live in localStorage (`src/boot.js` looks in it for a sealed password, to read the
/// vault's key early).
pub const PROFILES_KEY: &str = "ccmp-panel.profiles";

/// The profile this tab connected with last, in sessionStorage: a reload of the tab goes back to it, not to
/// the one another tab connected with since (QA: a tab reloaded after another tab switched servers connected
/// to the other server, and said its conference "may have been deleted").
const THIS_TAB_KEY: &str = "ccmp-panel.this-tab-profile";

/// The profile this tab connected with last, if it did.
pub fn this_tab() -> Option<String> {
    session_get(THIS_TAB_KEY)
}

pub fn used_in_this_tab(name: &str) {
    session_set(THIS_TAB_KEY, name);
}

/// The password this tab connected with when it was not to be remembered: sealed as a remembered one is
/// (`vault`), in sessionStorage, which the browser keeps through a reload and drops with the tab. A reload in
/// the middle of an event connects again by itself (QA: F5 sent the moderator back to the connect form to
/// type the password); a new tab, or the browser started again, asks for it.
const THIS_TAB_PASSWORD_KEY: &str = "ccmp-panel.this-tab-password";

/// Keeps `password` of the profile `name` for this tab (see [`THIS_TAB_PASSWORD_KEY`]); nothing when the
/// browser cannot seal it.
pub async fn keep_for_this_tab(name: &str, password: &str) {
    if let Some(sealed) = vault::seal(password).await {
        session_set(THIS_TAB_PASSWORD_KEY, &format!("{name}\n{sealed}"));
    }
}

/// Takes the password this tab kept for the profile `name`: taken, so that one the server refuses is not
/// tried at the next reload too (the connection keeps it again when the server takes it).
pub async fn take_this_tabs_password(name: &str) -> Option<String> {
    let kept = session_get(THIS_TAB_PASSWORD_KEY)?;
    forget_this_tabs_password();
    let (of, sealed) = kept.rsplit_once('\n')?;
    if of != name {
        return None;
    }
    vault::open(sealed).await
}

pub fn forget_this_tabs_password() {
    session_remove(THIS_TAB_PASSWORD_KEY);
}

pub fn load() -> Profiles {
    Profiles::parse(local_get(PROFILES_KEY).as_deref())
}

pub fn store(profiles: &Profiles) {
    local_set(PROFILES_KEY, &profiles.to_json());
}

/// Forgets the profile `name` from what localStorage holds now, not from what this page read earlier:
/// another tab may have saved a profile since, which writing this page's list back would drop. Returns the
/// profile as it was kept, and whether it was the last used, for an Undo ([`restore`]).
pub fn forget(name: &str) -> Option<(Profile, bool)> {
    let mut profiles = load();
    let kept = profiles.profiles.iter().find(|p| p.name == name).cloned()?;
    let last = profiles.last_used.as_deref() == Some(name);
    profiles.remove(name);
    store(&profiles);
    Some((kept, last))
}

/// Puts back a profile [`forget`] took out (see `Profiles::restore`).
pub fn restore(profile: Profile, was_last_used: bool) {
    let mut profiles = load();
    profiles.restore(profile, was_last_used);
    store(&profiles);
}

/// Disconnect from the profile `name`: no page connects with it by itself until the moderator connects
/// again (see `Profiles::signed_out_of`).
pub fn sign_out(name: &str) {
    let mut profiles = load();
    profiles.sign_out(name);
    store(&profiles);
}

/// Makes `name` the profile a new tab starts from: this tab is the one the moderator looks at (QA: a
/// conference opened in a new tab from a list on one server was read from the server another tab had
/// connected to last, and called deleted).
pub fn prefer(name: &str) {
    let mut profiles = load();
    if profiles.last_used.as_deref() != Some(name) && profiles.profiles.iter().any(|p| p.name == name) {
        profiles.last_used = Some(name.to_owned());
        store(&profiles);
    }
}

/// After the server took a password the moderator typed again for their own username (a 424 or 401
/// prompt: the password was changed), the profile that remembers the old one remembers this one instead.
/// Otherwise the next visit would connect by itself with the old password, and fail. `true` when it did.
pub async fn remember_new_password(conn: &Conn) -> bool {
    if !load().remembers(&conn.profile, &conn.username) {
        return false;
    }
    let Some(sealed) = vault::seal(&conn.password).await else { return false };
    // Read again after the await: another tab may have saved meanwhile.
    let mut profiles = load();
    let changed = profiles.reseal(&conn.profile, &conn.username, sealed);
    if changed {
        store(&profiles);
    }
    changed
}
