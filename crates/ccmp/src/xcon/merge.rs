//! Partial updates (RFC 6503 section 4.2): a confRequest, usersRequest or userRequest update carries only
//! the changes. A value present replaces the current one; an empty element removes it; what is absent
//! stays.
//!
//! Lists are merged by their key where entries have one (users by entity, endpoints by entity, media by
//! id); an entry whose `state` is `deleted` is removed, and `state="full"` on the users element replaces
//! them all. Lists that are values of their own (the available media, the allowed and deny lists,
//! conference-time, floor information) are replaced whole. conf-uris and the sidebars are the server's
//! and are left alone here.
//!
//! This is the data model's rule, not a server's policy: a server checks what a moderator may change
//! before it merges (and resolves `AUTO_GENERATE_n` placeholders); a client merges its own change into its
//! copy with the same functions, so that it shows what the server will store.

use std::fmt;

use super::{
    AllowedUsersList, Conference, ConferenceDescription, ConferenceState, DenyUsersList, Endpoint, HostInfo, Media,
    State, User, Users,
};
use crate::unknown::{AnyElement, AnyNode, Unknown};

/// Why a users change cannot be merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeError {
    /// A user in the change has no entity, so nothing says which user it changes.
    MissingEntity,
    /// A user marked `deleted` is not among the users.
    NoSuchUser(String),
}

impl fmt::Display for MergeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MergeError::MissingEntity => f.write_str("every user in an update needs its entity"),
            MergeError::NoSuchUser(entity) => write!(f, "{entity} is not a user of this conference"),
        }
    }
}

impl std::error::Error for MergeError {}

/// Whether two URIs or user ids name the same thing: compared without surrounding space, ignoring ASCII case.
pub fn same_id(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// Applies `changes` to the conference document `doc`: description, host-info, state, users, floor
/// information and foreign content. conf-uris and the sidebars are not touched.
pub fn conference(doc: &mut Conference, changes: &Conference) -> Result<(), MergeError> {
    if let Some(d) = &changes.description {
        description(doc.description.get_or_insert_with(Default::default), d);
    }
    if let Some(h) = &changes.host_info {
        doc.host_info = if is_empty_host(h) { None } else { Some(h.clone()) };
    }
    if let Some(s) = &changes.conference_state {
        conference_state(doc.conference_state.get_or_insert_with(Default::default), s);
    }
    if let Some(u) = &changes.users {
        users(doc.users.get_or_insert_with(Default::default), u)?;
    }
    if let Some(f) = &changes.floor_information {
        doc.floor_information = if *f == Default::default() { None } else { Some(f.clone()) };
    }
    unknown(&mut doc.unknown, &changes.unknown, &[]);
    Ok(())
}

/// Names of the description's typed leaves whose empty element (which the decoder keeps as unknown
/// content, having no value to parse) removes the value.
const DESCRIPTION_LEAVES: &[&str] =
    &["maximum-user-count", "language", "allow-sidebars", "allow-conference-event-subscription", "keywords"];

/// Applies a partial conference description. cloning-parent and sidebar-parent are the server's and
/// are not touched.
pub fn description(d: &mut ConferenceDescription, c: &ConferenceDescription) {
    text(&mut d.display_text, &c.display_text);
    text(&mut d.subject, &c.subject);
    text(&mut d.free_text, &c.free_text);
    if let Some(k) = &c.keywords {
        d.keywords = if k.is_empty() { None } else { Some(k.clone()) };
    }
    if let Some(s) = &c.service_uris {
        d.service_uris = if s.entries.is_empty() { None } else { Some(s.clone()) };
    }
    value(&mut d.maximum_user_count, &c.maximum_user_count);
    if let Some(m) = &c.available_media {
        d.available_media = if m.entries.is_empty() { None } else { Some(m.clone()) };
    }
    value(&mut d.language, &c.language);
    value(&mut d.allow_sidebars, &c.allow_sidebars);
    value(&mut d.allow_conference_event_subscription, &c.allow_conference_event_subscription);
    if let Some(t) = &c.conference_time {
        d.conference_time = if t.entries.is_empty() { None } else { Some(t.clone()) };
    }
    for removed in emptied(&c.unknown, DESCRIPTION_LEAVES) {
        match removed {
            "maximum-user-count" => d.maximum_user_count = None,
            "language" => d.language = None,
            "allow-sidebars" => d.allow_sidebars = None,
            "allow-conference-event-subscription" => d.allow_conference_event_subscription = None,
            "keywords" => d.keywords = None,
            _ => {}
        }
    }
    unknown(&mut d.unknown, &c.unknown, DESCRIPTION_LEAVES);
}

/// Applies a partial conference state (active, locked).
pub fn conference_state(s: &mut ConferenceState, c: &ConferenceState) {
    value(&mut s.active, &c.active);
    value(&mut s.locked, &c.locked);
    unknown(&mut s.unknown, &c.unknown, &[]);
}

const USERS_LEAVES: &[&str] = &["join-handling", "user-admission-policy"];

/// Applies a partial users element: users merged by entity (`state="deleted"` removes one,
/// `state="full"` on the element replaces them all), then the admission settings ([`admission`]).
pub fn users(u: &mut Users, c: &Users) -> Result<(), MergeError> {
    if c.state == Some(State::Full) {
        u.users.clear();
    }
    for change in &c.users {
        let Some(entity) = change.entity.as_deref().filter(|e| !e.trim().is_empty()) else {
            return Err(MergeError::MissingEntity);
        };
        match (u.position(entity), change.state) {
            (Some(i), Some(State::Deleted)) => {
                u.users.remove(i);
            }
            (None, Some(State::Deleted)) => return Err(MergeError::NoSuchUser(entity.to_owned())),
            (Some(i), _) => user(&mut u.users[i], change),
            (None, _) => {
                let mut added = change.clone();
                added.state = None;
                u.users.push(added);
            }
        }
    }
    admission(u, c);
    unknown(&mut u.unknown, &c.unknown, USERS_LEAVES);
    Ok(())
}

/// Applies the admission settings of a partial users element: join-handling, user-admission-policy and
/// the allowed and deny lists each replace the current one; an empty list or an empty selector element
/// removes it.
pub fn admission(u: &mut Users, c: &Users) {
    value(&mut u.join_handling, &c.join_handling);
    value(&mut u.user_admission_policy, &c.user_admission_policy);
    if let Some(l) = &c.allowed_users_list {
        u.allowed_users_list = if is_empty_allowed(l) { None } else { Some(l.clone()) };
    }
    if let Some(l) = &c.deny_users_list {
        u.deny_users_list = if is_empty_deny(l) { None } else { Some(l.clone()) };
    }
    for removed in emptied(&c.unknown, USERS_LEAVES) {
        match removed {
            "join-handling" => u.join_handling = None,
            "user-admission-policy" => u.user_admission_policy = None,
            _ => {}
        }
    }
}

/// Applies a partial user: endpoints merged by entity (`state="deleted"` removes one), their media by id.
pub fn user(u: &mut User, c: &User) {
    text(&mut u.display_text, &c.display_text);
    if let Some(a) = &c.associated_aors {
        u.associated_aors = if a.entries.is_empty() { None } else { Some(a.clone()) };
    }
    if let Some(r) = &c.roles {
        u.roles = if r.entries.iter().all(|e| e.trim().is_empty()) { None } else { Some(r.clone()) };
    }
    if let Some(l) = &c.languages {
        u.languages = if l.is_empty() { None } else { Some(l.clone()) };
    }
    text(&mut u.cascaded_focus, &c.cascaded_focus);
    for change in &c.endpoints {
        let at = u.endpoints.iter().position(|e| same_key(e.entity.as_deref(), change.entity.as_deref()));
        match (at, change.state) {
            (Some(i), Some(State::Deleted)) => {
                u.endpoints.remove(i);
            }
            (None, Some(State::Deleted)) => {}
            (Some(i), _) => endpoint(&mut u.endpoints[i], change),
            (None, _) => u.endpoints.push(change.clone()),
        }
    }
    value(&mut u.provide_anonymity, &c.provide_anonymity);
    value(&mut u.allow_refer_users_dynamically, &c.allow_refer_users_dynamically);
    value(&mut u.allow_invite_users_dynamically, &c.allow_invite_users_dynamically);
    value(&mut u.allow_remove_users_dynamically, &c.allow_remove_users_dynamically);
    unknown(&mut u.unknown, &c.unknown, &[]);
}

fn endpoint(e: &mut Endpoint, c: &Endpoint) {
    text(&mut e.display_text, &c.display_text);
    value(&mut e.referred, &c.referred);
    value(&mut e.status, &c.status);
    value(&mut e.joining_method, &c.joining_method);
    value(&mut e.joining_info, &c.joining_info);
    value(&mut e.disconnection_method, &c.disconnection_method);
    value(&mut e.disconnection_info, &c.disconnection_info);
    for change in &c.media {
        match e.media.iter_mut().find(|m| m.id == change.id) {
            Some(m) => medium(m, change),
            None => e.media.push(change.clone()),
        }
    }
    value(&mut e.call_info, &c.call_info);
    unknown(&mut e.unknown, &c.unknown, &[]);
}

fn medium(m: &mut Media, c: &Media) {
    text(&mut m.display_text, &c.display_text);
    text(&mut m.media_type, &c.media_type);
    text(&mut m.label, &c.label);
    text(&mut m.src_id, &c.src_id);
    value(&mut m.status, &c.status);
    unknown(&mut m.unknown, &c.unknown, &[]);
}

/// Whether two optional keys (endpoint entities) name the same entry: both absent, or the same id.
pub fn same_key(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => same_id(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// A text present replaces; an empty (or blank) one removes.
fn text(slot: &mut Option<String>, change: &Option<String>) {
    if let Some(v) = change {
        *slot = if v.trim().is_empty() { None } else { Some(v.clone()) };
    }
}

/// A typed value present replaces. (Its empty element cannot be parsed into a value: the decoder keeps
/// it as unknown content, which [`emptied`] finds.)
fn value<T: Clone>(slot: &mut Option<T>, change: &Option<T>) {
    if let Some(v) = change {
        *slot = Some(v.clone());
    }
}

fn is_empty_host(h: &HostInfo) -> bool {
    h.display_text.is_none() && h.web_page.is_none() && h.uris.is_none() && h.unknown.is_empty()
}

fn is_empty_allowed(l: &AllowedUsersList) -> bool {
    l.targets.is_empty() && l.persistent_list.is_none()
}

fn is_empty_deny(l: &DenyUsersList) -> bool {
    l.targets.is_empty()
}

fn is_empty_element(e: &AnyElement) -> bool {
    e.attrs.is_empty() && e.text().trim().is_empty() && !e.children.iter().any(|c| matches!(c, AnyNode::Element(_)))
}

/// Local names among `leaves` whose element came empty.
fn emptied<'a>(change: &'a Unknown, leaves: &'static [&'static str]) -> impl Iterator<Item = &'a str> {
    change
        .elements()
        .iter()
        .filter(|e| leaves.contains(&e.name.local.as_str()) && is_empty_element(e))
        .map(|e| e.name.local.as_str())
}

/// Merges foreign content: a changed element replaces those of its name, an empty one removes them.
/// `skip` names typed leaves handled by the caller.
fn unknown(current: &mut Unknown, change: &Unknown, skip: &[&str]) {
    let changed: Vec<&AnyElement> =
        change.elements().iter().filter(|e| !skip.contains(&e.name.local.as_str())).collect();
    if changed.is_empty() && change.attrs().is_empty() {
        return;
    }
    let mut merged = Unknown::default();
    for a in current.attrs() {
        if !change.attrs().iter().any(|c| c.name == a.name) {
            merged.push_attr(a.clone());
        }
    }
    for a in change.attrs() {
        merged.push_attr(a.clone());
    }
    for e in current.elements() {
        if !changed.iter().any(|c| c.name == e.name) {
            merged.push_element(e.clone());
        }
    }
    for e in changed {
        if !is_empty_element(e) {
            merged.push_element(e.clone());
        }
    }
    *current = merged;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xcon::{EndpointStatus, MediaStatus, Roles, Target, TargetMethod};

    fn alice() -> User {
        let mut alice = User::new("xcon-userid:alice@example.com");
        alice.roles = Some(Roles::new(["participant"]));
        alice.display_text = Some("Alice".into());
        alice
    }

    fn base() -> Conference {
        let mut c = Conference::new("xcon:1@example.com");
        let d = c.description_mut();
        d.display_text = Some("Old".into());
        d.subject = Some("Keep".into());
        d.maximum_user_count = Some(10);
        c.users = Some(Users { users: vec![alice()], ..Default::default() });
        c
    }

    #[test]
    fn present_replaces_absent_stays_empty_removes() {
        let mut doc = base();
        let mut changes = Conference::new("xcon:1@example.com");
        changes.description_mut().display_text = Some("New".into());
        changes.description_mut().free_text = Some(String::new());
        conference(&mut doc, &changes).unwrap();
        let d = doc.description.as_ref().unwrap();
        assert_eq!((d.display_text.as_deref(), d.subject.as_deref()), (Some("New"), Some("Keep")));

        let mut changes = Conference::new("xcon:1@example.com");
        changes.description_mut().subject = Some(String::new());
        changes.description_mut().unknown.push_element(AnyElement::new(Some(crate::ns::INFO), "maximum-user-count"));
        conference(&mut doc, &changes).unwrap();
        let d = doc.description.as_ref().unwrap();
        assert_eq!((d.subject.as_deref(), d.maximum_user_count), (None, None));
        assert!(d.unknown.is_empty(), "the empty leaf removed the value and is not kept as foreign content");
    }

    #[test]
    fn users_merge_by_entity_case_insensitively_and_deleted_removes() {
        let mut u = Users { users: vec![alice()], ..Default::default() };
        let mut changed = User::new(" XCON-USERID:Alice@example.com");
        changed.roles = Some(Roles::new(["moderator"]));
        let bob = User::new("xcon-userid:bob@example.com");
        users(&mut u, &Users { users: vec![changed, bob], ..Default::default() }).unwrap();
        assert_eq!(u.users.len(), 2);
        assert!(u.users[0].has_role("moderator"));
        assert_eq!(u.users[0].display_text.as_deref(), Some("Alice"), "what the change leaves out stays");

        let gone = User { state: Some(State::Deleted), ..User::new("xcon-userid:bob@example.com") };
        users(&mut u, &Users { users: vec![gone.clone()], ..Default::default() }).unwrap();
        assert_eq!(u.users.len(), 1);
        assert_eq!(
            users(&mut u, &Users { users: vec![gone], ..Default::default() }),
            Err(MergeError::NoSuchUser("xcon-userid:bob@example.com".into()))
        );
        let nameless = User::default();
        assert_eq!(
            users(&mut u, &Users { users: vec![nameless], ..Default::default() }),
            Err(MergeError::MissingEntity)
        );
    }

    #[test]
    fn full_state_replaces_every_user() {
        let mut u = Users { users: vec![alice()], ..Default::default() };
        let bob = User::new("xcon-userid:bob@example.com");
        users(&mut u, &Users { state: Some(State::Full), users: vec![bob], ..Default::default() }).unwrap();
        assert_eq!(u.users.len(), 1);
        assert_eq!(u.users[0].entity.as_deref(), Some("xcon-userid:bob@example.com"));
    }

    #[test]
    fn endpoints_merge_by_entity_and_media_by_id() {
        let mut u = alice();
        let mut phone = Endpoint::new("sip:alice@example.com");
        phone.status = Some(EndpointStatus::Connected);
        phone.media = vec![Media { id: "1".into(), status: Some(MediaStatus::SendRecv), ..Default::default() }];
        u.endpoints.push(phone);

        let mut change = User::new("xcon-userid:alice@example.com");
        let mut phone = Endpoint::new("SIP:alice@example.com");
        phone.media = vec![
            Media { id: "1".into(), status: Some(MediaStatus::RecvOnly), ..Default::default() },
            Media { id: "2".into(), status: Some(MediaStatus::SendRecv), ..Default::default() },
        ];
        change.endpoints.push(phone);
        user(&mut u, &change);
        let e = &u.endpoints[0];
        assert_eq!(u.endpoints.len(), 1);
        assert_eq!(e.status, Some(EndpointStatus::Connected), "the endpoint's status stays");
        assert_eq!(
            e.media.iter().map(|m| (m.id.as_str(), m.status)).collect::<Vec<_>>(),
            [("1", Some(MediaStatus::RecvOnly)), ("2", Some(MediaStatus::SendRecv))]
        );

        let mut change = User::new("xcon-userid:alice@example.com");
        change.endpoints.push(Endpoint { state: Some(State::Deleted), ..Endpoint::new("sip:alice@example.com") });
        user(&mut u, &change);
        assert!(u.endpoints.is_empty());
    }

    #[test]
    fn admission_lists_replace_whole_and_empty_removes() {
        let mut u = Users::default();
        let allowed = AllowedUsersList {
            targets: vec![Target::new("sip:bob@example.com", TargetMethod::DialOut)],
            ..Default::default()
        };
        admission(&mut u, &Users { allowed_users_list: Some(allowed.clone()), ..Default::default() });
        assert_eq!(u.allowed_users_list.as_ref(), Some(&allowed));
        admission(&mut u, &Users { allowed_users_list: Some(AllowedUsersList::default()), ..Default::default() });
        assert_eq!(u.allowed_users_list, None);

        u.join_handling = Some(crate::xcon::JoinHandling::Allow);
        let mut change = Users::default();
        change.unknown.push_element(AnyElement::new(Some(crate::ns::XCON), "join-handling"));
        admission(&mut u, &change);
        assert_eq!(u.join_handling, None);
    }
}
