//! Who may do what. The roles in the conference object decide: a server administrator, the creator and
//! users holding a managing role change the conference and other users; a participant changes or
//! removes only itself; anything else is 401. A password-protected conference also wants its
//! conference-password (423 missing, 422 wrong) from anyone who does not manage it.

use std::net::IpAddr;

use ccmp::xcon::Conference;
use ccmp::ResponseCode;

use crate::auth::Verdict;
use crate::failure::{Failure, Outcome};
use crate::guesses::{self, Guesser};
use crate::identity::Sender;
use crate::store::Object;
use crate::AppState;

/// Roles that manage a conference. `administrator`, `moderator` and `creator` are RFC 6501's; liblinphone
/// marks its organizer `organizer`.
pub const MANAGING_ROLES: &[&str] = &["administrator", "moderator", "creator", "organizer"];

/// Whether `sender` holds a managing role among the users of `doc`.
pub fn has_managing_role(sender: &Sender, doc: &Conference) -> bool {
    let Some(me) = sender.user_id.as_deref() else {
        return false;
    };
    doc.users
        .as_ref()
        .and_then(|u| u.find(me))
        .is_some_and(|user| MANAGING_ROLES.iter().any(|role| user.has_role(role)))
}

/// Whether `sender` manages `object`: a server administrator, its creator, or a managing role in it.
pub fn manages(sender: &Sender, object: &Object) -> bool {
    sender.admin || object.owner.as_deref().is_some_and(|o| sender.is(o)) || has_managing_role(sender, &object.doc)
}

/// Checks the request's conference-password against `object`'s, unless `sender` manages it.
pub async fn check_conference_password(
    state: &AppState,
    sender: &Sender,
    object: &Object,
    given: Option<&str>,
    peer: Option<IpAddr>,
) -> Outcome<()> {
    let Some(hash) = object.password_hash.as_deref() else {
        return Ok(());
    };
    if manages(sender, object) {
        return Ok(());
    }
    match given {
        None => Err(Failure::new(
            ResponseCode::ConferencePasswordRequired,
            format!("{} is protected by a conference password", object.uri()),
        )),
        Some(password) => match state.passwords.check(hash, password, &Guesser::conference(object.uri(), peer)).await {
            Verdict::Right => Ok(()),
            Verdict::Wrong => Err(Failure::new(
                ResponseCode::InvalidConferencePassword,
                format!("wrong conference password for {}", object.uri()),
            )),
            Verdict::Wait(wait) => Err(Failure::new(
                ResponseCode::InvalidConferencePassword,
                guesses::too_many(&format!("conference passwords for {}", object.uri()), wait),
            )),
        },
    }
}
