//! The changes a moderator makes to one user, as the partial `userInfo` documents CCMP carries (RFC 6503
//! section 5.3.6: only what changes), the new-user form, and the same changes applied to the panel's own
//! copy of the list so that it need not re-read 10,000 users after each mute.

use ccmp::xcon::merge;
use ccmp::xcon::{Endpoint, EndpointStatus, JoiningMethod, Media, MediaStatus, Roles, UriEntry, Uris, User, Users};

use super::users::{is_type, UserRow};

/// Turns every medium of `media_type` of `user` on (`sendrecv`) or off (`recvonly` for audio, which
/// keeps the user hearing the conference; `inactive` for video). `None` when the user has no such
/// medium or no entity to address.
pub fn media_change(user: &User, media_type: &str, on: bool) -> Option<User> {
    let entity = user.entity.clone()?;
    let status = match (on, media_type.eq_ignore_ascii_case("audio")) {
        (true, _) => MediaStatus::SendRecv,
        (false, true) => MediaStatus::RecvOnly,
        (false, false) => MediaStatus::Inactive,
    };
    let endpoints: Vec<Endpoint> = user
        .endpoints
        .iter()
        .filter(|e| e.media.iter().any(|m| is_type(m, media_type)))
        .map(|e| Endpoint {
            entity: e.entity.clone(),
            media: e
                .media
                .iter()
                .filter(|m| is_type(m, media_type))
                .map(|m| Media { status: Some(status), ..Media::new(m.id.clone()) })
                .collect(),
            ..Default::default()
        })
        .collect();
    if endpoints.is_empty() {
        return None;
    }
    Some(User { endpoints, ..User::new(entity) })
}

/// Gives `user` exactly `roles`.
pub fn roles_change(entity: &str, roles: Vec<String>) -> User {
    User { roles: Some(Roles::new(roles)), ..User::new(entity) }
}

/// Renames `user`; an empty name removes the display-text (an empty element, in CCMP's partial update).
pub fn name_change(entity: &str, name: &str) -> User {
    User { display_text: Some(name.trim().to_owned()), ..User::new(entity) }
}

/// Applies a partial user to the panel's copy the way a server merges it (`ccmp::xcon::merge`): present
/// replaces, an empty text removes, endpoints are matched by entity and their media by id.
pub fn apply(users: &mut Users, change: &User) {
    if let Some(at) = change.entity.as_deref().and_then(|entity| users.position(entity)) {
        merge::user(&mut users.users[at], change);
    }
}

/// Whether `users`, as read, show `change` made: applying it again would change nothing. A user no longer
/// there shows nothing against it (an undo of it passes over them: 420). Only that user is copied, not a
/// list of 10,000.
pub fn made(users: &Users, change: &User) -> bool {
    let Some(at) = change.entity.as_deref().and_then(|entity| users.position(entity)) else { return true };
    let mut again = users.users[at].clone();
    merge::user(&mut again, change);
    again == users.users[at]
}

/// Removes the user with `entity` from the panel's copy; returns them.
pub fn remove(users: &mut Users, entity: &str) -> Option<User> {
    users.position(entity).map(|i| users.users.remove(i))
}

/// Every name a user goes by that a deny list can hold: the XCON-USERID, the associated AORs and the
/// endpoints' addresses (a server checks all of them when someone asks to join).
pub fn deny_names(user: &User) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let all = user
        .entity
        .iter()
        .map(String::as_str)
        .chain(user.associated_aors.iter().flat_map(|a| &a.entries).map(|e| e.uri.as_str()))
        .chain(user.endpoints.iter().filter_map(|e| e.entity.as_deref()));
    for name in all.map(str::trim).filter(|n| !n.is_empty()) {
        if !names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            names.push(name.to_owned());
        }
    }
    names
}

/// A SIP, SIPS or tel URI as typed, checked: `sip:alice@example.com`, `sips:room@host`, `tel:+15551234`.
pub fn check_address(text: &str) -> Result<String, String> {
    let text = text.trim();
    let Some((scheme, rest)) = text.split_once(':') else {
        return Err("Give a SIP or tel URI, such as sip:alice@example.com or tel:+15551234567.".into());
    };
    let scheme = scheme.to_ascii_lowercase();
    if rest.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"')) {
        return Err("An address has no spaces, quotes or angle brackets.".into());
    }
    match scheme.as_str() {
        "sip" | "sips" => {
            let host = rest.rsplit('@').next().unwrap_or_default();
            let host = host.split([';', '?']).next().unwrap_or_default();
            if host.is_empty() || rest.ends_with('@') || rest.starts_with('@') {
                return Err(format!("{text} names no host: write {scheme}:user@host."));
            }
            Ok(format!("{scheme}:{rest}"))
        }
        "tel" => {
            let number = rest.split(';').next().unwrap_or_default();
            let digits = number.chars().filter(char::is_ascii_digit).count();
            let allowed = number.chars().all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | '(' | ')'));
            if digits == 0 || !allowed {
                return Err(format!("{text} is not a telephone number: write tel:+15551234567."));
            }
            Ok(format!("tel:{rest}"))
        }
        _ => Err(format!("{scheme}: is not a SIP or tel URI; write sip:user@host or tel:+number.")),
    }
}

/// How the focus brings a new user in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Method {
    /// The user calls the conference.
    #[default]
    DialIn,
    /// The conference calls the user.
    DialOut,
}

/// The "add a user" form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub display_name: String,
    pub address: String,
    /// The address is the user's associated AOR rather than the address of one device (endpoint).
    pub as_aor: bool,
    pub role: String,
    pub method: Method,
}

impl Default for NewUser {
    fn default() -> Self {
        NewUser {
            display_name: String::new(),
            address: String::new(),
            as_aor: false,
            role: "participant".into(),
            method: Method::DialIn,
        }
    }
}

impl NewUser {
    /// The userInfo of a userRequest create: the placeholder entity `xcon-userid:AUTO_GENERATE_1@domain`
    /// (the server issues the XCON-USERID), and an endpoint whose joining method and status say whether
    /// the conference calls them (`dialed-out`, `dialing-out`) or waits for their call (`dialed-in`,
    /// `disconnected`: on the roster, not in the call yet). Not `pending`, which a conference that confirms
    /// joins gives to those waiting to be let in: someone the moderator invites is no knock at the door
    /// (QA: every page announced them waiting, and "Admit all" would have marked them connected). As an AOR, the address goes in associated-aors and the endpoint carries no address of
    /// its own.
    pub fn build(&self, domain: &str) -> Result<User, String> {
        let address = check_address(&self.address)?;
        let role = self.role.trim();
        if role.is_empty() {
            return Err("Choose a role.".into());
        }
        let (joining, status) = match self.method {
            Method::DialIn => (JoiningMethod::DialedIn, EndpointStatus::Disconnected),
            Method::DialOut => (JoiningMethod::DialedOut, EndpointStatus::DialingOut),
        };
        let endpoint = Endpoint {
            entity: (!self.as_aor).then(|| address.clone()),
            status: Some(status),
            joining_method: Some(joining),
            ..Default::default()
        };
        let name = self.display_name.trim();
        Ok(User {
            display_text: (!name.is_empty()).then(|| name.to_owned()),
            associated_aors: self.as_aor.then(|| Uris::new(vec![UriEntry::new(address.clone())])),
            roles: Some(Roles::new([role])),
            endpoints: vec![endpoint],
            ..User::new(format!("xcon-userid:AUTO_GENERATE_1@{domain}"))
        })
    }
}

/// A short name for notifications and the audit log: the display-text, else the entity.
pub fn label(user: &User) -> String {
    UserRow::new(user, 0).name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_is_made_when_applying_it_again_changes_nothing() {
        let user = |status| Users {
            users: vec![User {
                endpoints: vec![Endpoint { status, ..Endpoint::new("sip:a@x") }],
                ..User::new("xcon-userid:a@x")
            }],
            ..Default::default()
        };
        let admit = User {
            endpoints: vec![Endpoint { status: Some(EndpointStatus::Connected), ..Endpoint::new("sip:a@x") }],
            ..User::new("xcon-userid:a@x")
        };
        assert!(made(&user(Some(EndpointStatus::Connected)), &admit));
        assert!(!made(&user(Some(EndpointStatus::Pending)), &admit));
        assert!(made(&Users::default(), &admit), "gone: nothing shows against it");
    }
    use ccmp::xcon::EndpointStatus;

    fn alice() -> User {
        User {
            display_text: Some("Alice".into()),
            roles: Some(Roles::new(["participant"])),
            endpoints: vec![
                Endpoint {
                    status: Some(EndpointStatus::Connected),
                    media: vec![
                        Media {
                            media_type: Some("audio".into()),
                            status: Some(MediaStatus::SendRecv),
                            ..Media::new("11")
                        },
                        Media {
                            media_type: Some("video".into()),
                            status: Some(MediaStatus::SendRecv),
                            ..Media::new("12")
                        },
                    ],
                    ..Endpoint::new("sip:alice@example.com")
                },
                Endpoint {
                    media: vec![Media {
                        media_type: Some("audio".into()),
                        status: Some(MediaStatus::SendRecv),
                        ..Media::new("21")
                    }],
                    ..Endpoint::new("tel:+15550001")
                },
            ],
            ..User::new("xcon-userid:alice@example.com")
        }
    }

    #[test]
    fn mute_names_every_audio_medium_and_nothing_else() {
        let change = media_change(&alice(), "audio", false).expect("alice has audio");
        assert_eq!(change.entity.as_deref(), Some("xcon-userid:alice@example.com"));
        assert_eq!(change.display_text, None, "only what changes");
        let media: Vec<(Option<&str>, &str, Option<MediaStatus>)> = change
            .endpoints
            .iter()
            .flat_map(|e| e.media.iter().map(move |m| (e.entity.as_deref(), m.id.as_str(), m.status)))
            .collect();
        assert_eq!(
            media,
            [
                (Some("sip:alice@example.com"), "11", Some(MediaStatus::RecvOnly)),
                (Some("tel:+15550001"), "21", Some(MediaStatus::RecvOnly))
            ]
        );
        let video = media_change(&alice(), "video", false).unwrap();
        assert_eq!(video.endpoints.len(), 1);
        assert_eq!(video.endpoints[0].media[0].status, Some(MediaStatus::Inactive), "stopped video is inactive");
        let on = media_change(&alice(), "video", true).unwrap();
        assert_eq!(on.endpoints[0].media[0].status, Some(MediaStatus::SendRecv));
        assert_eq!(media_change(&alice(), "text", false), None);
        assert_eq!(media_change(&User::default(), "audio", false), None);
    }

    #[test]
    fn changes_apply_locally_as_a_server_merges_them() {
        let mut users = Users { users: vec![alice()], ..Default::default() };
        apply(&mut users, &media_change(&alice(), "audio", false).unwrap());
        apply(&mut users, &roles_change("XCON-USERID:alice@example.com", vec!["moderator".into()]));
        apply(&mut users, &name_change("xcon-userid:alice@example.com", " "));
        let a = &users.users[0];
        assert_eq!(UserRow::new(a, 0).audio, crate::state::users::MediaCell::Off);
        assert_eq!(UserRow::new(a, 0).video, crate::state::users::MediaCell::On);
        assert!(a.has_role("moderator") && !a.has_role("participant"));
        assert_eq!(a.display_text, None, "an empty name removes it");
        apply(&mut users, &name_change("xcon-userid:nobody@example.com", "X"));
        assert_eq!(users.users.len(), 1, "a change for someone absent changes nothing");
        assert_eq!(remove(&mut users, "xcon-userid:ALICE@example.com").map(|u| u.entity), Some(alice().entity));
        assert!(users.users.is_empty());
    }

    #[test]
    fn deny_names_are_every_address_once() {
        let mut a = alice();
        a.associated_aors = Some(Uris::new(vec![UriEntry::new("SIP:alice@example.com"), UriEntry::new(" ")]));
        assert_eq!(deny_names(&a), ["xcon-userid:alice@example.com", "SIP:alice@example.com", "tel:+15550001"]);
    }

    #[test]
    fn addresses_are_checked() {
        assert_eq!(check_address(" sip:alice@example.com "), Ok("sip:alice@example.com".into()));
        assert_eq!(check_address("SIPS:room@host;transport=tls"), Ok("sips:room@host;transport=tls".into()));
        assert!(check_address("tel:+1 (555) 1234").is_err(), "no spaces");
        assert!(check_address("tel:+1-555-1234").is_ok());
        for bad in ["alice@example.com", "sip:", "sip:alice@", "tel:abc", "http://x", "sip:a b@c", "sip:<x>@c", ""] {
            assert!(check_address(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_new_user_has_a_placeholder_and_says_how_they_join() {
        let form = NewUser {
            display_name: " Dan ".into(),
            address: "sip:dan@example.org".into(),
            role: "observer".into(),
            method: Method::DialOut,
            ..Default::default()
        };
        let user = form.build("example.com").unwrap();
        assert_eq!(user.entity.as_deref(), Some("xcon-userid:AUTO_GENERATE_1@example.com"));
        assert_eq!(user.display_text.as_deref(), Some("Dan"));
        assert_eq!(user.role_names(), ["observer"]);
        let e = &user.endpoints[0];
        assert_eq!(e.entity.as_deref(), Some("sip:dan@example.org"));
        assert_eq!((e.joining_method, e.status), (Some(JoiningMethod::DialedOut), Some(EndpointStatus::DialingOut)));
        assert_eq!(user.associated_aors, None);

        let aor = NewUser { as_aor: true, method: Method::DialIn, display_name: String::new(), ..form.clone() };
        let user = aor.build("example.com").unwrap();
        assert_eq!(user.display_text, None);
        assert_eq!(user.associated_aors.unwrap().entries[0].uri, "sip:dan@example.org");
        assert_eq!(user.endpoints[0].entity, None);
        assert_eq!(user.endpoints[0].status, Some(EndpointStatus::Disconnected), "invited, not waiting");

        assert!(NewUser { address: "dan".into(), ..form.clone() }.build("example.com").is_err());
        assert!(NewUser { role: " ".into(), ..form }.build("example.com").is_err());
    }
}
