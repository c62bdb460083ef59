//! Partial updates (RFC 6503 section 4.2, `CCMP.md` section 2): a confRequest, usersRequest or
//! userRequest update carries only the changes. A value present replaces the current one; an empty
//! element removes it; what is absent stays.
//!
//! Lists are merged by their key where entries have one (users by entity, endpoints by entity, media by
//! id); an entry whose `state` is `deleted` is removed. Lists that are values of their own (the
//! available media, the allowed and deny lists, conference-time, floor information) are replaced whole.
//! conf-uris is the server's (liblinphone resends it): changes to it are ignored.

use std::collections::HashSet;

use ccmp::unknown::{AnyElement, Unknown};
use ccmp::xcon::{
    AvailableMedia, Conference, ConferenceDescription, ConferenceState, Endpoint, Media, State, User, Users,
};

use crate::failure::{Failure, Outcome};
use crate::store::key;

/// Applies `changes` to the conference `doc`. `generated` holds the values this request's
/// `AUTO_GENERATE_n` placeholders received (a generated media label stands for "the medium of this type").
pub fn conference(doc: &mut Conference, changes: &Conference, generated: &HashSet<String>) -> Outcome<()> {
    if let Some(d) = &changes.description {
        description(doc.description.get_or_insert_with(Default::default), d, generated)?;
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
    if changes.sidebars_by_ref.as_ref().is_some_and(|s| Some(s) != doc.sidebars_by_ref.as_ref())
        || changes.sidebars_by_val.as_ref().is_some_and(|s| Some(s) != doc.sidebars_by_val.as_ref())
    {
        return Err(Failure::forbidden("sidebars are changed with sidebarByValRequest and sidebarByRefRequest"));
    }
    if let Some(f) = &changes.floor_information {
        doc.floor_information = if *f == Default::default() { None } else { Some(f.clone()) };
    }
    unknown(&mut doc.unknown, &changes.unknown, &[]);
    if let Some(max) = doc.description.as_ref().and_then(|d| d.maximum_user_count) {
        let count = doc.users.as_ref().map_or(0, |u| u.users.len());
        if (max as usize) < count {
            return Err(Failure::conflict(
                format!("maximum-user-count {max} is below the {count} users already in the conference"),
                None,
            ));
        }
    }
    Ok(())
}

fn text(slot: &mut Option<String>, change: &Option<String>) {
    if let Some(v) = change {
        *slot = if v.trim().is_empty() { None } else { Some(v.clone()) };
    }
}

fn value<T: Clone>(slot: &mut Option<T>, change: &Option<T>) {
    if let Some(v) = change {
        *slot = Some(v.clone());
    }
}

/// Names of the description's typed leaves whose empty element (which the decoder keeps as unknown
/// content, having no value to parse) removes the value.
const DESCRIPTION_LEAVES: &[&str] =
    &["maximum-user-count", "language", "allow-sidebars", "allow-conference-event-subscription", "keywords"];

fn description(d: &mut ConferenceDescription, c: &ConferenceDescription, generated: &HashSet<String>) -> Outcome<()> {
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
        d.available_media =
            if m.entries.is_empty() { None } else { Some(media(d.available_media.as_ref(), m, generated)) };
    }
    value(&mut d.language, &c.language);
    value(&mut d.allow_sidebars, &c.allow_sidebars);
    value(&mut d.allow_conference_event_subscription, &c.allow_conference_event_subscription);
    for (name, current, change) in [
        ("cloning-parent", &d.cloning_parent, &c.cloning_parent),
        ("sidebar-parent", &d.sidebar_parent, &c.sidebar_parent),
    ] {
        if change.as_ref().is_some_and(|v| Some(key(v)) != current.as_deref().map(key)) {
            return Err(Failure::protected(format!("{name} is set by the server")));
        }
    }
    if let Some(t) = &c.conference_time {
        d.conference_time = if t.entries.is_empty() { None } else { Some(t.clone()) };
    }
    for removed in empty_elements(&c.unknown, DESCRIPTION_LEAVES) {
        match removed.as_str() {
            "maximum-user-count" => d.maximum_user_count = None,
            "language" => d.language = None,
            "allow-sidebars" => d.allow_sidebars = None,
            "allow-conference-event-subscription" => d.allow_conference_event_subscription = None,
            "keywords" => d.keywords = None,
            _ => {}
        }
    }
    unknown(&mut d.unknown, &c.unknown, DESCRIPTION_LEAVES);
    Ok(())
}

/// The new media list. An entry whose label this request generated takes the label of the current
/// entry of the same type, so that floors and endpoints that refer to it stay valid.
fn media(current: Option<&AvailableMedia>, change: &AvailableMedia, generated: &HashSet<String>) -> AvailableMedia {
    let mut out = change.clone();
    let mut used: HashSet<String> = HashSet::new();
    for entry in &mut out.entries {
        if !generated.contains(&entry.label) {
            continue;
        }
        let same_type = current
            .into_iter()
            .flat_map(|m| &m.entries)
            .find(|e| e.media_type.trim().eq_ignore_ascii_case(entry.media_type.trim()) && !used.contains(&e.label));
        if let Some(existing) = same_type {
            entry.label = existing.label.clone();
        }
        used.insert(entry.label.clone());
    }
    out
}

fn conference_state(s: &mut ConferenceState, c: &ConferenceState) {
    value(&mut s.active, &c.active);
    value(&mut s.locked, &c.locked);
    unknown(&mut s.unknown, &c.unknown, &[]);
}

const USERS_LEAVES: &[&str] = &["join-handling", "user-admission-policy"];

/// Applies a partial users element: users merged by entity (`state="deleted"` removes one), the
/// admission settings replaced.
pub fn users(u: &mut Users, c: &Users) -> Outcome<()> {
    if c.state == Some(State::Full) {
        u.users.clear();
    }
    for change in &c.users {
        let Some(entity) = change.entity.as_deref().filter(|e| !e.trim().is_empty()) else {
            return Err(Failure::bad_request("every user in an update needs its entity"));
        };
        let at = u.users.iter().position(|x| x.entity.as_deref().is_some_and(|e| key(e) == key(entity)));
        match (at, change.state) {
            (Some(i), Some(State::Deleted)) => {
                u.users.remove(i);
            }
            (None, Some(State::Deleted)) => {
                return Err(Failure::user_not_found(format!("{entity} is not a user of this conference")))
            }
            (Some(i), _) => user(&mut u.users[i], change),
            (None, _) => {
                let mut added = change.clone();
                added.state = None;
                u.users.push(added);
            }
        }
    }
    value(&mut u.join_handling, &c.join_handling);
    value(&mut u.user_admission_policy, &c.user_admission_policy);
    if let Some(l) = &c.allowed_users_list {
        u.allowed_users_list = if l.targets.is_empty() && l.persistent_list.is_none() { None } else { Some(l.clone()) };
    }
    if let Some(l) = &c.deny_users_list {
        u.deny_users_list = if l.targets.is_empty() { None } else { Some(l.clone()) };
    }
    for removed in empty_elements(&c.unknown, USERS_LEAVES) {
        match removed.as_str() {
            "join-handling" => u.join_handling = None,
            "user-admission-policy" => u.user_admission_policy = None,
            _ => {}
        }
    }
    unknown(&mut u.unknown, &c.unknown, USERS_LEAVES);
    Ok(())
}

/// Applies a partial user: endpoints merged by entity, their media by id.
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
        let at = u.endpoints.iter().position(|e| same(&e.entity, &change.entity));
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

fn same(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => key(a) == key(b),
        (None, None) => true,
        _ => false,
    }
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

fn is_empty_host(h: &ccmp::xcon::HostInfo) -> bool {
    h.display_text.is_none() && h.web_page.is_none() && h.uris.is_none() && h.unknown.is_empty()
}

fn is_empty_element(e: &AnyElement) -> bool {
    e.attrs.is_empty()
        && e.text().trim().is_empty()
        && !e.children.iter().any(|c| matches!(c, ccmp::unknown::AnyNode::Element(_)))
}

/// Local names among `leaves` whose element came empty.
fn empty_elements(change: &Unknown, leaves: &[&str]) -> Vec<String> {
    change
        .elements()
        .iter()
        .filter(|e| leaves.contains(&e.name.local.as_str()) && is_empty_element(e))
        .map(|e| e.name.local.clone())
        .collect()
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
    use ccmp::xcon::{Roles, Uris};

    fn base() -> Conference {
        let mut c = Conference::new("xcon:1@example.com");
        let d = c.description_mut();
        d.display_text = Some("Old".into());
        d.subject = Some("Keep".into());
        d.maximum_user_count = Some(10);
        d.conf_uris = Some(Uris::default());
        let mut alice = User::new("xcon-userid:alice@example.com");
        alice.roles = Some(Roles::new(["participant"]));
        c.users = Some(Users { users: vec![alice], ..Default::default() });
        c
    }

    #[test]
    fn present_replaces_absent_stays_empty_removes() {
        let mut doc = base();
        let mut changes = Conference::new("xcon:1@example.com");
        changes.description_mut().display_text = Some("New".into());
        changes.description_mut().free_text = Some(String::new());
        conference(&mut doc, &changes, &HashSet::new()).unwrap();
        let d = doc.description.as_ref().unwrap();
        assert_eq!((d.display_text.as_deref(), d.subject.as_deref()), (Some("New"), Some("Keep")));

        let mut changes = Conference::new("xcon:1@example.com");
        changes.description_mut().subject = Some(String::new());
        changes.description_mut().unknown.push_element(AnyElement::new(Some(ccmp::ns::INFO), "maximum-user-count"));
        conference(&mut doc, &changes, &HashSet::new()).unwrap();
        let d = doc.description.as_ref().unwrap();
        assert_eq!((d.subject.as_deref(), d.maximum_user_count), (None, None));
        assert!(d.unknown.is_empty());
    }

    #[test]
    fn users_merge_by_entity_and_deleted_removes() {
        let mut doc = base();
        let mut changes = Conference::new("xcon:1@example.com");
        let mut alice = User::new("XCON-USERID:Alice@example.com");
        alice.roles = Some(Roles::new(["moderator"]));
        let bob = User::new("xcon-userid:bob@example.com");
        changes.users = Some(Users { users: vec![alice, bob], ..Default::default() });
        conference(&mut doc, &changes, &HashSet::new()).unwrap();
        let users = doc.users.as_ref().unwrap();
        assert_eq!(users.users.len(), 2);
        assert!(users.users[0].has_role("moderator"));

        let gone = User { state: Some(State::Deleted), ..User::new("xcon-userid:bob@example.com") };
        let changes = Users { users: vec![gone], ..Default::default() };
        users_apply(&mut doc, &changes);
        assert_eq!(doc.users.as_ref().unwrap().users.len(), 1);
    }

    fn users_apply(doc: &mut Conference, changes: &Users) {
        users(doc.users.as_mut().unwrap(), changes).unwrap();
    }

    #[test]
    fn a_cap_below_the_users_present_is_a_conflict() {
        let mut doc = base();
        let mut changes = Conference::new("xcon:1@example.com");
        changes.description_mut().maximum_user_count = Some(0);
        let failure = conference(&mut doc, &changes, &HashSet::new()).unwrap_err();
        assert_eq!(failure.code, ccmp::ResponseCode::Conflict);
    }
}
