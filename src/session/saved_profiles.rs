//! The saved server profiles, kept in localStorage (what they hold: [`crate::state::profiles`]).

use crate::api::{local_get, local_set, session_get, session_set, vault};
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
