//! What the server refuses to store in a user, whoever sends it: a name longer than any person's, and roles
//! with characters that do not show. Checked for every request before it is handled (`handlers::dispatch`).
//!
//! QA: twenty joins with 450 KB names grew one conference to 18 MB, which every moderator's panel then read
//! every ten seconds; and a role `moderator` followed by a zero-width space showed as "moderator" in every
//! roster while granting nothing.

use ccmp::xcon::{Conference, User};
use ccmp::RequestBody;

use crate::failure::{Failure, Outcome};

/// The longest display-text a user may have, in characters: room for any person's full name.
pub const MAX_NAME_CHARS: usize = 256;

/// Refuses a request that would store a user outside these limits.
pub fn check(body: &RequestBody) -> Outcome<()> {
    let users: &[User] = match body {
        RequestBody::User(p) => p.info.as_slice(),
        RequestBody::Users(p) => p.info.as_ref().map(|u| u.users.as_slice()).unwrap_or_default(),
        RequestBody::Conf(p) | RequestBody::SidebarByVal(p) | RequestBody::SidebarByRef(p) => users_of(p.info.as_ref()),
        _ => &[],
    };
    users.iter().try_for_each(user)
}

fn users_of(conference: Option<&Conference>) -> &[User] {
    conference.and_then(|c| c.users.as_ref()).map(|u| u.users.as_slice()).unwrap_or_default()
}

fn user(user: &User) -> Outcome<()> {
    if let Some(name) = &user.display_text {
        let chars = name.chars().count();
        if chars > MAX_NAME_CHARS {
            return Err(Failure::bad_request(format!(
                "a user's display-text is {chars} characters long: at most {MAX_NAME_CHARS}"
            )));
        }
    }
    let roles = user.roles.iter().flat_map(|r| &r.entries);
    if let Some(role) = roles.into_iter().find(|r| r.chars().any(invisible)) {
        return Err(Failure::bad_request(format!(
            "the role {role:?} holds a character that does not show (a control, a zero-width or a direction mark)"
        )));
    }
    Ok(())
}

/// Whether `c` is a character that takes no room on screen: a control, a zero-width space or joiner, a
/// direction mark, override or isolate, a soft hyphen, a byte order mark.
fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{00ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}')
        || matches!(c, '\u{2066}'..='\u{2069}' | '\u{feff}')
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
        for sneaky in ["moderator\u{200b}", "moderator\u{202e}", "\u{2066}moderator", "mod\terator"] {
            assert!(user(&named("Mallory", &[sneaky])).is_err(), "{sneaky:?}");
        }
    }
}
