//! Shaping conference documents: what the server fills in on creation and keeps consistent afterwards.

use ccmp::xcon::{Conference, ConferenceState, UriEntry, Uris};

use crate::failure::{Failure, Outcome};
use crate::store::Object;

/// The one `conf-uris` entry of a conference: the SIP address clients call (liblinphone needs exactly
/// one).
pub fn conf_uri_entry(uri: &str) -> UriEntry {
    let (id, host) = split_uri(uri);
    UriEntry::new(format!("sip:conf-{id}@{host}")).with_display_text("Join by SIP").with_purpose("participation")
}

/// `(id, host)` of `xcon:id@host`.
pub fn split_uri(uri: &str) -> (&str, &str) {
    let rest = uri.get(5..).unwrap_or("");
    rest.rsplit_once('@').unwrap_or((rest, ""))
}

/// Makes `doc` a new conference `uri` at version 1: its own conf-uris entry, a conference-state with the
/// user count, and no sidebars or password inside.
pub fn make_new(doc: &mut Conference, uri: &str) {
    doc.entity = uri.to_owned();
    doc.version = Some(1);
    doc.state = None;
    let description = doc.description_mut();
    description.conf_uris = Some(Uris::new(vec![conf_uri_entry(uri)]));
    description.conference_password = None;
    let state = doc.conference_state.get_or_insert_with(ConferenceState::default);
    state.active.get_or_insert(false);
    state.locked.get_or_insert(false);
    recount(doc);
}

/// Keeps conference-state/user-count equal to the number of users.
pub fn recount(doc: &mut Conference) {
    let count = doc.users.as_ref().map_or(0, |u| u.users.len());
    let count = u32::try_from(count).unwrap_or(u32::MAX);
    doc.conference_state.get_or_insert_with(ConferenceState::default).user_count = Some(count);
}

/// Takes those who left `doc` since `before` (removed from its users) out of its sidebars by value too: a
/// sidebar's people are some of its conference's (RFC 5239, 9.4), and someone removed from the conference was
/// still listed in a breakout room, where a panel's undo of a move put them back (QA).
pub fn drop_gone_from_sidebars(doc: &mut Conference, before: &Conference) {
    let entities = |c: &Conference| -> Vec<String> {
        c.users.iter().flat_map(|u| &u.users).filter_map(|u| u.entity.as_deref()).map(crate::store::key).collect()
    };
    let now = entities(doc);
    let gone: Vec<String> = entities(before).into_iter().filter(|e| !now.contains(e)).collect();
    if gone.is_empty() {
        return;
    }
    for room in doc.sidebars_by_val.iter_mut().flat_map(|s| &mut s.entries) {
        let Some(users) = room.users.as_mut() else { continue };
        let count = users.users.len();
        users.users.retain(|u| !u.entity.as_deref().is_some_and(|e| gone.contains(&crate::store::key(e))));
        if users.users.len() != count {
            recount(room);
        }
    }
}

/// Raises the version of `doc` by one.
pub fn bump(doc: &mut Conference) -> u64 {
    let next = doc.version.unwrap_or(1).saturating_add(1);
    doc.version = Some(next);
    u64::from(next)
}

/// Takes the plain conference password out of a document (it is stored hashed, beside it).
pub fn take_password(doc: &mut Conference) -> Option<String> {
    doc.description.as_mut()?.conference_password.take()
}

/// The list entry of an object: its URI, display-text and purpose (the description's free-text, else
/// its subject).
pub fn list_entry(object: &Object) -> UriEntry {
    let d = object.doc.description.as_ref();
    UriEntry {
        uri: object.uri().to_owned(),
        display_text: d.and_then(|d| d.display_text.clone()),
        purpose: d.and_then(|d| d.free_text.clone().or_else(|| d.subject.clone())),
        ..Default::default()
    }
}

/// A list of objects as a list response carries it: none at all when it is empty, because uris-type needs an
/// entry and an empty `<confsInfo/>` fails the schema (QA).
pub fn uri_list(entries: Vec<UriEntry>) -> Option<Uris> {
    (!entries.is_empty()).then(|| Uris::new(entries))
}

/// 409 when the conference holds more users than its maximum-user-count; 511 when a change that adds users
/// takes it past the most the server holds in one conference (`server_max`, `--max-users`).
pub fn check_user_cap(before: &Conference, doc: &Conference, server_max: usize) -> Outcome<()> {
    let max = doc.description.as_ref().and_then(|d| d.maximum_user_count);
    let count = doc.users.as_ref().map_or(0, |u| u.users.len());
    let added = count > before.users.as_ref().map_or(0, |u| u.users.len());
    if added {
        check_server_user_cap(doc, server_max)?;
    }
    match max {
        Some(max) if (max as usize) < count => {
            Err(Failure::conflict(format!("the conference takes at most {max} users"), doc.version.map(u64::from)))
        }
        _ => Ok(()),
    }
}

/// 511 when `doc` holds more users than the server holds in one conference (`--max-users`): whichever request
/// brings them, a userRequest, a usersRequest, or a confRequest or sidebar request that holds users.
pub fn check_server_user_cap(doc: &Conference, server_max: usize) -> Outcome<()> {
    if doc.users.as_ref().map_or(0, |u| u.users.len()) > server_max {
        return Err(Failure::new(
            ccmp::ResponseCode::ResourcesNotAvailable,
            format!("this server holds at most {server_max} users in one conference"),
        ));
    }
    Ok(())
}

/// 426 when a sidebar asks for more than its parent gives: more users than the parent's maximum, or a
/// medium the parent does not offer.
pub fn check_parent_limits(sidebar: &Conference, parent: &Conference) -> Outcome<()> {
    let max = |c: &Conference| c.description.as_ref().and_then(|d| d.maximum_user_count);
    if let (Some(mine), Some(cap)) = (max(sidebar), max(parent)) {
        if mine > cap {
            return Err(Failure::protected(format!("the parent conference takes at most {cap} users")));
        }
    }
    let media = |c: &Conference| -> Vec<String> {
        c.media().iter().map(|e| e.media_type.trim().to_ascii_lowercase()).collect()
    };
    let offered = media(parent);
    if !offered.is_empty() {
        if let Some(extra) = media(sidebar).into_iter().find(|m| !offered.contains(m)) {
            return Err(Failure::protected(format!("the parent conference offers no {extra}")));
        }
    }
    Ok(())
}

/// The first floor media-label that names no medium of the conference's `available-media`, as
/// `(floor id, label)`: a floor may only take media the conference offers.
pub fn dangling_media_label(doc: &Conference) -> Option<(&str, &str)> {
    let offered: Vec<&str> = doc.media().iter().map(|m| m.label.trim()).collect();
    let floors = &doc.floor_information.as_ref()?.conference_floor_policy.as_ref()?.floors;
    floors
        .iter()
        .flat_map(|f| f.media_labels.iter().map(move |label| (f.id.as_str(), label.as_str())))
        .find(|(_, label)| !offered.contains(&label.trim()))
}

/// 400 when a new conference's floors take a medium it does not offer (`dangling_media_label`).
pub fn check_new_floors(doc: &Conference) -> Outcome<()> {
    match dangling_media_label(doc) {
        Some((floor, label)) => Err(Failure::bad_request(format!(
            "the floor {floor:?} takes the medium labelled {label:?}, which available-media does not hold"
        ))),
        None => Ok(()),
    }
}
