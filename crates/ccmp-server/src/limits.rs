//! What the server refuses to store, whoever sends it: an element of the data model's namespaces that its
//! schemas do not declare, a schedule time that is not the schema's, and in a user, a name longer than any
//! person's, roles with characters that do not show, and bulk. Checked for every request before it is
//! handled (`handlers::dispatch`).
//!
//! QA: twenty joins with 450 KB names grew one conference to 18 MB, which every moderator's panel then read
//! every ten seconds; and a role `moderator` followed by a zero-width space showed as "moderator" in every
//! roster while granting nothing.

use ccmp::xcon::{Conference, User};
use ccmp::RequestBody;

use crate::failure::{Failure, Outcome};

/// The longest display-text a user may have, in characters: room for any person's full name.
pub const MAX_NAME_CHARS: usize = 256;

/// The longest role, in characters: the roles RFC 6501 names are a few letters long.
pub const MAX_ROLE_CHARS: usize = 64;

/// The most a user may take, written as XML: a user with a handful of endpoints and media is under 2 KB.
/// Past the name, a join's other fields (its endpoints' names, its languages, extension elements) were
/// unbounded: twenty 1 MB joins made a 24 MB conference (security re-test).
pub const MAX_USER_BYTES: usize = 16 * 1024;

/// Refuses a request that would store a schedule time or a user outside these limits.
pub fn check(body: &RequestBody) -> Outcome<()> {
    if let RequestBody::Conf(p) | RequestBody::SidebarByVal(p) | RequestBody::SidebarByRef(p) = body {
        if let Some(info) = &p.info {
            times(info)?;
            declared(&ccmp::codec::encode_conference_info(info))?;
        }
    }
    if let RequestBody::Users(p) = body {
        if let Some(u) = &p.info {
            // Its lists and settings; each user is checked below.
            let shell = ccmp::xcon::Users {
                state: u.state,
                users: Vec::new(),
                join_handling: u.join_handling.clone(),
                user_admission_policy: u.user_admission_policy.clone(),
                allowed_users_list: u.allowed_users_list.clone(),
                deny_users_list: u.deny_users_list.clone(),
                unknown: u.unknown.clone(),
            };
            declared(&ccmp::codec::encode_conference_info(&Conference {
                users: Some(shell),
                ..Conference::default()
            }))?;
        }
    }
    let users: &[User] = match body {
        RequestBody::User(p) => p.info.as_slice(),
        RequestBody::Users(p) => p.info.as_ref().map(|u| u.users.as_slice()).unwrap_or_default(),
        RequestBody::Conf(p) | RequestBody::SidebarByVal(p) | RequestBody::SidebarByRef(p) => users_of(p.info.as_ref()),
        _ => &[],
    };
    users.iter().try_for_each(user)
}

/// Refuses a conference description whose schedule holds a time that is not the schema's `time-type` (a UTC
/// `xs:dateTime`): stored, it would be sent to every client that reads the conference, and read by each in
/// its own way, or not at all.
fn times(doc: &Conference) -> Outcome<()> {
    let bad = doc.description.as_ref().and_then(|d| d.conference_time.as_ref()?.first_bad_time());
    match bad {
        Some((name, time)) => Err(Failure::bad_request(format!(
            "{name} \"{time}\" is not a time as XCON writes one: a date and time in UTC, such as \
             2026-12-01T10:00:00Z"
        ))),
        None => Ok(()),
    }
}

/// Refuses an element of the conference-info or XCON namespace that neither schema declares, an attribute in
/// either namespace (neither declares one), or an element of conference-info's where its parent does not take
/// it: the schemas take extensions from other namespaces
/// only, so `info:lockd` is a misspelt `info:locked`, and `info:locked` belongs in the conference's state. Stored, the
/// update was a 200 that changed nothing, and every later answer about the conference failed the schema (QA).
fn declared(xml: &str) -> Outcome<()> {
    let names = ccmp::xcon::declared::undeclared(xml);
    if !names.is_empty() {
        let (verb, noun) = if names.len() == 1 { ("is", "an element") } else { ("are", "elements") };
        return Err(Failure::bad_request(format!(
            "{} {verb} not {noun} of the XCON data model (RFC 4575, RFC 6501): misspelt? An extension takes a \
             namespace of its own",
            names.join(", ")
        )));
    }
    let attributes = ccmp::xcon::declared::undeclared_attributes(xml);
    if !attributes.is_empty() {
        let (verb, noun) = if attributes.len() == 1 { ("is", "an attribute") } else { ("are", "attributes") };
        return Err(Failure::bad_request(format!(
            "{} {verb} not {noun} of the XCON data model (RFC 4575, RFC 6501): misspelt? Its attributes take no \
             namespace prefix (state=\"connected\"); an extension takes a namespace of its own",
            attributes.join(", ")
        )));
    }
    // A name the schemas declare, where its parent does not take it (`info:locked` in the description):
    // stored, it was as much a 200 that changed nothing (QA re-test).
    let misplaced = ccmp::xcon::declared::misplaced(xml);
    if !misplaced.is_empty() {
        let them = if misplaced.len() == 1 { "it" } else { "them" };
        return Err(Failure::bad_request(format!(
            "{}: not where the XCON data model (RFC 4575, RFC 6501) takes {them}",
            misplaced.join(", ")
        )));
    }
    Ok(())
}

fn users_of(conference: Option<&Conference>) -> &[User] {
    conference.and_then(|c| c.users.as_ref()).map(|u| u.users.as_slice()).unwrap_or_default()
}

fn user(user: &User) -> Outcome<()> {
    let alone = Conference {
        users: Some(ccmp::xcon::Users { users: vec![user.clone()], ..Default::default() }),
        ..Conference::default()
    };
    let xml = ccmp::codec::encode_conference_info(&alone);
    declared(&xml)?;
    let bytes = xml.len();
    if bytes > MAX_USER_BYTES {
        return Err(Failure::bad_request(format!(
            "a user takes {} KB: at most {} KB (a name, endpoints, media, roles)",
            bytes.div_ceil(1024),
            MAX_USER_BYTES / 1024
        )));
    }
    if let Some(name) = &user.display_text {
        let chars = name.chars().count();
        if chars > MAX_NAME_CHARS {
            return Err(Failure::bad_request(format!(
                "a user's display-text is {chars} characters long: at most {MAX_NAME_CHARS}"
            )));
        }
    }
    let mut roles = user.roles.iter().flat_map(|r| &r.entries);
    if let Some(role) = roles.clone().find(|r| r.chars().count() > MAX_ROLE_CHARS) {
        return Err(Failure::bad_request(format!(
            "the role {:?}… is longer than {MAX_ROLE_CHARS} characters",
            role.chars().take(MAX_ROLE_CHARS).collect::<String>()
        )));
    }
    if let Some(role) = roles.find(|r| r.chars().any(ccmp::text::is_invisible)) {
        return Err(Failure::bad_request(format!(
            "the role {role:?} holds a character that does not show (a control, a zero-width or a direction mark)"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ccmp::xcon::Roles;

    fn named(name: &str, roles: &[&str]) -> User {
        User {
            display_text: Some(name.into()),
            roles: Some(Roles { entries: roles.iter().map(|r| (*r).to_owned()).collect(), ..Default::default() }),
            ..Default::default()
        }
    }

    #[test]
    fn long_names_and_roles_that_do_not_show_are_refused() {
        assert!(user(&named("Seán Ó Briain", &["participant"])).is_ok());
        assert!(user(&named(&"é".repeat(MAX_NAME_CHARS), &[])).is_ok(), "characters, not bytes");
        let long = user(&named(&"a".repeat(MAX_NAME_CHARS + 1), &[])).err().map(|f| f.detail).unwrap_or_default();
        assert!(long.contains("257 characters long: at most 256"), "{long}");
        for sneaky in
            ["moderator\u{200b}", "moderator\u{202e}", "\u{2066}moderator", "mod\terator", "moderator\u{061c}"]
        {
            assert!(user(&named("Mallory", &[sneaky])).is_err(), "{sneaky:?}");
        }
        for sneaky in [
            "moderator\u{034f}",
            "moderator\u{fe0f}",
            "moderator\u{3164}",
            "moderator\u{e0041}",
            "\u{2800}",
            "mod\u{fff9}",
            "\u{0600}moderator",
            "moderator\u{13430}",
        ] {
            assert!(user(&named("Mallory", &[sneaky])).is_err(), "{sneaky:?}");
        }
        assert!(user(&named("Mallory", &[&"r".repeat(MAX_ROLE_CHARS + 1)])).is_err(), "a role of a page's length");
        let mut heavy = named("Mallory", &["participant"]);
        heavy.languages = Some(vec!["en".repeat(10_000)]);
        let said = user(&heavy).err().map(|f| f.detail).unwrap_or_default();
        assert!(said.contains("at most 16 KB"), "{said}");
    }
}
