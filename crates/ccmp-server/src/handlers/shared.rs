//! What the handlers that create and change conferences share: placeholders, new URIs, capacity,
//! passwords, known users and templates.

use ccmp::xcon::Conference;
use ccmp::{RequestBody, ResponseCode};

use crate::auth;
use crate::autogen::{self, Resolved};
use crate::failure::{Failure, Outcome};
use crate::identity::Sender;
use crate::store::{Account, Object, Tx};

/// What a request does to a conference password.
pub enum PasswordChange {
    Keep,
    Remove,
    Set(String),
}

/// Hashes the conference password a payload sets (before taking the writer: argon2 is slow).
pub fn password_change(info: Option<&Conference>) -> Outcome<PasswordChange> {
    match info.and_then(|c| c.description.as_ref()).and_then(|d| d.conference_password.as_deref()) {
        None => Ok(PasswordChange::Keep),
        Some("") => Ok(PasswordChange::Remove),
        Some(p) => Ok(PasswordChange::Set(auth::hash_password(p)?)),
    }
}

impl PasswordChange {
    pub fn apply(self, slot: &mut Option<String>) -> bool {
        match self {
            PasswordChange::Keep => false,
            PasswordChange::Remove => slot.take().is_some(),
            PasswordChange::Set(hash) => {
                *slot = Some(hash);
                true
            }
        }
    }
}

/// Replaces the placeholders of the request in the context of `tx`.
pub fn resolve(tx: &Tx<'_>, request: &ccmp::Request, domain: &str) -> Outcome<Resolved> {
    autogen::resolve(request, domain, |v| {
        tx.uri_taken(&format!("xcon:{v}@{domain}")) || tx.account(&format!("xcon-userid:{v}@{domain}")).is_some()
    })
}

/// A fresh conference URI in `domain`.
pub fn new_uri(tx: &Tx<'_>, domain: &str) -> String {
    loop {
        let uri = format!("xcon:{}@{domain}", auth::random_digits(8));
        if !tx.uri_taken(&uri) {
            return uri;
        }
    }
}

/// The URI a description asks for, checked: in this server's domain (403 otherwise) and free (409).
pub fn requested_uri(tx: &Tx<'_>, entity: &str, domain: &str) -> Outcome<Option<String>> {
    let entity = entity.trim();
    if entity.is_empty() {
        return Ok(None);
    }
    let uri: ccmp::XconUri =
        entity.parse().map_err(|_| Failure::bad_request(format!("{entity:?} is not an XCON-URI (xcon:id@host)")))?;
    if uri.id().is_none() {
        return Ok(None);
    }
    if !uri.host().eq_ignore_ascii_case(domain) {
        return Err(Failure::forbidden(format!("this server creates conferences in {domain}, not {}", uri.host())));
    }
    if tx.uri_taken(uri.as_str()) {
        // With the version of what is there, as every 409 (QA: it carried none).
        return Err(Failure::conflict(format!("{} already exists", uri.as_str()), tx.version_of(uri.as_str())));
    }
    Ok(Some(uri.as_str().to_owned()))
}

/// 511 when the server holds as many conferences as it may.
pub fn check_capacity(tx: &Tx<'_>, max: Option<usize>) -> Outcome<()> {
    match max {
        Some(max) if tx.conference_count() >= max => Err(Failure::new(
            ResponseCode::ResourcesNotAvailable,
            // Sidebars by reference are conferences of their own: they count, and the panel lists them
            // under their parent, not in its list of conferences.
            match max {
                1 => "this server holds at most 1 conference (sidebars by reference count)".to_owned(),
                _ => format!("this server holds at most {max} conferences (sidebars by reference count)"),
            },
        )),
        _ => Ok(()),
    }
}

/// Makes every XCON-USERID of this server's domain listed in `doc` (its sidebars by value included) a
/// known user.
pub fn register_users(tx: &mut Tx<'_>, doc: &Conference, domain: &str) {
    let sidebars = doc.sidebars_by_val.iter().flat_map(|s| &s.entries);
    let ids: Vec<String> = std::iter::once(doc)
        .chain(sidebars)
        .flat_map(|c| &c.users)
        .flat_map(|u| &u.users)
        .filter_map(|u| u.entity.as_deref())
        .filter_map(|e| e.parse::<ccmp::XconUserId>().ok())
        .filter(|id| id.domain().is_some_and(|d| d.eq_ignore_ascii_case(domain)))
        .map(String::from)
        .collect();
    for id in ids {
        if tx.account(&id).is_none() {
            tx.put_account(Account { user_id: id, username: None, password_hash: None, admin: false });
        }
    }
}

/// A copy of a blueprint or conference to start a new conference from: its description and settings,
/// without its people, sidebars or live state.
pub fn template_copy(template: &Object) -> Conference {
    let mut doc = template.doc.clone();
    doc.sidebars_by_ref = None;
    doc.sidebars_by_val = None;
    doc.conference_state = None;
    if let Some(users) = &mut doc.users {
        users.users.clear();
    }
    doc
}

/// The conference payload of a confRequest or sidebar request after placeholder replacement.
pub fn payload_of(request: &ccmp::Request) -> Option<&Conference> {
    match &request.body {
        RequestBody::Conf(p) | RequestBody::SidebarByVal(p) | RequestBody::SidebarByRef(p) => p.info.as_ref(),
        _ => None,
    }
}

/// The local part of a user id, for display (`alice` for `xcon-userid:alice@example.com`).
pub fn short_name(user_id: &str) -> &str {
    let id = user_id.get(12..).unwrap_or(user_id);
    id.split('@').next().unwrap_or(id)
}

/// Whether `sender` manages `object` or the conference it is a sidebar of.
pub fn manages_or_parent(tx: &Tx<'_>, sender: &Sender, object: &Object) -> bool {
    crate::rights::manages(sender, object)
        || object.parent.as_deref().and_then(|p| tx.object(p)).is_some_and(|p| crate::rights::manages(sender, &p))
}
