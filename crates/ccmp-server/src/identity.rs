//! Who sent a request: `subject` credentials checked against the accounts, or (when credentials are not
//! required) the `confUserID` taken at its word.

use std::net::IpAddr;
use std::time::Instant;

use ccmp::xcon::Operation;
use ccmp::{AutoGenerate, MessageKind, Request, ResponseCode, XconUserId};

use crate::auth::Verdict;
use crate::failure::{Failure, Outcome};
use crate::guesses::{self, Guesser};
use crate::store::{key, Account};
use crate::AppState;

/// The sender of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sender {
    /// Its XCON-USERID; `None` for a client joining without one (the anonymous join).
    pub user_id: Option<String>,
    /// A server-wide administrator (the seeded moderator).
    pub admin: bool,
    /// Whether it proved who it is with credentials.
    pub authenticated: bool,
}

impl Sender {
    /// Whether this sender is `user_id` (case-insensitively).
    pub fn is(&self, user_id: &str) -> bool {
        self.user_id.as_deref().is_some_and(|me| key(me) == key(user_id))
    }
}

/// Identifies the sender, or fails with 400 (no confUserID, outside a join), 421 (a malformed confUserID, or one
/// nobody has), 424 (credentials required and missing) or 401 (credentials wrong, or another user's, or wrong
/// too often from `peer`).
pub async fn identify(state: &AppState, request: &Request, peer: Option<IpAddr>, deadline: Instant) -> Outcome<Sender> {
    let claimed = request.conf_user_id.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if let Some(claimed) = claimed {
        if claimed.parse::<XconUserId>().is_err() || AutoGenerate::occurs_in(claimed) {
            return Err(Failure::new(
                ResponseCode::InvalidConfUserId,
                format!("{claimed:?} is not a sender's XCON-USERID (xcon-userid:..., without AUTO_GENERATE_n)"),
            ));
        }
    }
    let subject = request.subject.as_ref();
    let username = subject.and_then(|s| s.username.as_deref()).filter(|u| !u.is_empty());
    let password = subject.and_then(|s| s.password.as_deref());
    if let Some(username) = username {
        let refused = || Failure::unauthorized("unknown username or wrong password");
        let account = state.store.read().account_by_username(username).cloned();
        // An unknown username (or an account without a password) is checked all the same, against a hash
        // no password matches: it takes as long, and its guesses count, so that neither the time of the
        // answer nor the "too many" message tells which usernames exist.
        let hash = account.as_ref().and_then(|a| a.password_hash.clone());
        let checked = hash.as_deref().unwrap_or_else(|| state.passwords.decoy());
        match state.passwords.check(checked, password.unwrap_or(""), &Guesser::account(username, peer)).await {
            Verdict::Right if hash.is_some() && password.is_some() => {}
            Verdict::Right | Verdict::Wrong => return Err(refused()),
            Verdict::Wait(wait) => {
                return Err(Failure::unauthorized(guesses::too_many(&format!("passwords for {username}"), wait)))
            }
        }
        let account = account.ok_or_else(refused)?;
        match claimed {
            Some(claimed) if key(claimed) != key(&account.user_id) => {
                // To a sender whose credentials hold, 421 tells a confUserID nobody has (a typo) from another
                // user's (401: these credentials do not speak for them).
                let known = state.store.read().account(claimed).is_some();
                let why = format!("the credentials are those of {}, not of {claimed}", account.user_id);
                return Err(if known {
                    Failure::unauthorized(why)
                } else {
                    Failure::new(ResponseCode::InvalidConfUserId, format!("{claimed} is no user here: {why}"))
                });
            }
            Some(_) => {}
            // The credentials name the sender, but confUserID is required all the same (all but a join), and
            // a 200 answered with an empty one (QA conformance audit).
            None if !joining(request) => {
                return Err(Failure::bad_request(format!(
                    "confUserID is missing (the credentials are those of {})",
                    account.user_id
                )))
            }
            // A join may come without one: the credentials name the sender, whom the answer names
            // (handlers::user).
            None => {}
        }
        return Ok(Sender { user_id: Some(account.user_id.clone()), admin: account.admin, authenticated: true });
    }
    if claimed.is_none() && joining(request) {
        // The conference's admission policy decides (handlers::user).
        return Ok(Sender { user_id: None, admin: false, authenticated: false });
    }
    if state.config.require_credentials {
        return Err(Failure::new(ResponseCode::AuthenticationRequired, "this server wants subject credentials"));
    }
    let Some(claimed) = claimed else {
        return Err(Failure::bad_request("confUserID is missing"));
    };
    let known = state.store.read().account(claimed).cloned();
    match known {
        // An account that has a password is never taken on a bare confUserID.
        Some(account) if account.password_hash.is_some() => Err(Failure::new(
            ResponseCode::AuthenticationRequired,
            format!("{} has credentials: send them in subject", account.user_id),
        )),
        Some(account) => {
            Ok(Sender { user_id: Some(account.user_id.clone()), admin: account.admin, authenticated: false })
        }
        None => {
            register(state, claimed, deadline).await?;
            Ok(Sender { user_id: Some(claimed.to_owned()), admin: false, authenticated: false })
        }
    }
}

/// A userRequest create: the one request a client may send before it has a confUserID (the join).
fn joining(request: &Request) -> bool {
    request.kind() == MessageKind::User && request.operation == Some(Operation::Create)
}

/// Records a user id seen for the first time, so that it is known from then on (420 tells unknown
/// target users apart).
async fn register(state: &AppState, user_id: &str, deadline: Instant) -> Outcome<()> {
    let account = Account { user_id: user_id.to_owned(), username: None, password_hash: None, admin: false };
    state
        .store
        .write(deadline, move |tx| {
            if tx.account(&account.user_id).is_none() {
                tx.put_account(account);
            }
            Ok(())
        })
        .await
}
