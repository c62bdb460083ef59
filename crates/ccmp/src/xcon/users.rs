use super::{AdmissionPolicy, JoinHandling, State, TargetMethod, User};
use crate::unknown::Unknown;

/// The users of a conference (RFC 4575 users-type) with the XCON admission settings, which the schema
/// admits in its extension slot and the encoder writes after the users.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Users {
    pub state: Option<State>,
    pub users: Vec<User>,
    /// XCON `join-handling`.
    pub join_handling: Option<JoinHandling>,
    /// XCON `user-admission-policy`.
    pub user_admission_policy: Option<AdmissionPolicy>,
    /// XCON `allowed-users-list`.
    pub allowed_users_list: Option<AllowedUsersList>,
    /// XCON `deny-users-list`.
    pub deny_users_list: Option<DenyUsersList>,
    pub unknown: Unknown,
}

impl Users {
    /// The user with this entity, compared case-insensitively.
    pub fn find(&self, entity: &str) -> Option<&User> {
        self.position(entity).map(|i| &self.users[i])
    }

    /// Where the user with this entity is among the users, compared case-insensitively.
    pub fn position(&self, entity: &str) -> Option<usize> {
        self.users.iter().position(|u| u.entity.as_deref().is_some_and(|e| super::merge::same_id(e, entity)))
    }

    /// The user already at one of the addresses of `someone` (an endpoint's entity or an address of record,
    /// whichever it is on either side), compared case-insensitively: someone added anew whom the conference
    /// already has.
    pub fn at_address_of(&self, someone: &User) -> Option<&User> {
        let theirs: Vec<String> = addresses(someone).map(address_key).collect();
        self.users.iter().find(|u| addresses(u).any(|a| theirs.contains(&address_key(a))))
    }
}

/// What tells two addresses of one person apart from two people's (QA: `tel:+1-555-0100` and
/// `tel:+15550100`, or `sip:dana@example.org;transport=tcp`, were taken for two people):
/// - `tel:`: the number without its visual separators (RFC 3966) nor its parameters;
/// - `sip:` and `sips:`: one scheme, the user part as it is (case-sensitive, RFC 3261), the host in lower case,
///   without the default port (5060, 5061), the parameters or the headers;
/// - anything else: the whole address in lower case.
fn address_key(address: &str) -> String {
    let lower = address.to_ascii_lowercase();
    if let Some(number) = lower.strip_prefix("tel:") {
        let number = number.split(';').next().unwrap_or_default();
        let digits: String = number.chars().filter(|c| !matches!(c, '-' | '.' | '(' | ')' | ' ')).collect();
        return format!("tel:{digits}");
    }
    let rest = ["sips:", "sip:"].iter().find_map(|scheme| {
        address.get(..scheme.len()).filter(|s| s.eq_ignore_ascii_case(scheme)).map(|_| &address[scheme.len()..])
    });
    let Some(rest) = rest else { return lower };
    let rest = rest.split([';', '?']).next().unwrap_or_default();
    let (user, host) = rest.rsplit_once('@').map_or(("", rest), |(u, h)| (u, h));
    let host = host.to_ascii_lowercase();
    let host = host.strip_suffix(":5060").or_else(|| host.strip_suffix(":5061")).unwrap_or(&host);
    format!("sip:{user}@{host}")
}

/// A user's addresses: its endpoints' entities and its addresses of record, trimmed, the empty left out.
fn addresses(user: &User) -> impl Iterator<Item = &str> {
    let endpoints = user.endpoints.iter().filter_map(|e| e.entity.as_deref());
    let aors = user.associated_aors.iter().flat_map(|a| &a.entries).map(|e| e.uri.as_str());
    endpoints.chain(aors).map(str::trim).filter(|a| !a.is_empty())
}

/// Who may join, and how the focus brings them in (RFC 6501 allowed-users-list-type).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllowedUsersList {
    pub targets: Vec<Target>,
    pub persistent_list: Option<PersistentList>,
    pub unknown: Unknown,
}

/// One allowed user (RFC 6501 target-type).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub uri: String,
    pub method: TargetMethod,
    /// Only foreign attributes: the type has no children.
    pub unknown: Unknown,
}

impl Target {
    pub fn new(uri: impl Into<String>, method: TargetMethod) -> Self {
        Target { uri: uri.into(), method, unknown: Unknown::default() }
    }
}

/// Users kept out of the conference (RFC 6501 deny-users-list-type).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DenyUsersList {
    pub targets: Vec<DenyTarget>,
    pub unknown: Unknown,
}

/// One denied user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DenyTarget {
    pub uri: String,
    /// Only foreign attributes: the type has no children.
    pub unknown: Unknown,
}

impl DenyTarget {
    pub fn new(uri: impl Into<String>) -> Self {
        DenyTarget { uri: uri.into(), unknown: Unknown::default() }
    }
}

/// Users allowed across conferences (RFC 6501 persistent-list-type).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersistentList {
    pub users: Vec<PersistentUser>,
    pub unknown: Unknown,
}

/// One user of a persistent list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersistentUser {
    pub name: String,
    pub nickname: String,
    pub id: String,
    pub emails: Vec<String>,
    pub unknown: Unknown,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xcon::Endpoint;

    #[test]
    fn one_address_written_two_ways_is_one_address() {
        for (a, b) in [
            ("tel:+1-555-0100", "tel:+15550100"),
            ("tel:+1 (555) 0100;ext=1", "TEL:+15550100"),
            ("sip:dana@example.org;transport=tcp", "sip:dana@Example.ORG"),
            ("sips:dana@example.org:5061", "sip:dana@example.org"),
            ("SIP:dana@example.org:5060?subject=x", "sip:dana@example.org"),
            ("mailto:Dana@Example.org", "mailto:dana@example.org"),
        ] {
            assert_eq!(address_key(a), address_key(b), "{a} and {b}");
        }
        for (a, b) in [
            ("sip:Dana@example.org", "sip:dana@example.org"),
            ("sip:dana@example.org:5070", "sip:dana@example.org"),
            ("tel:+15550100", "tel:+15550101"),
        ] {
            assert_ne!(address_key(a), address_key(b), "{a} and {b}");
        }
    }

    #[test]
    fn someone_is_found_at_any_of_their_addresses() {
        let dana = User {
            endpoints: vec![Endpoint::new("tel:+15550100"), Endpoint::new("sip:dana@example.org")],
            ..User::new("xcon-userid:AUTO_GENERATE_1@example.com")
        };
        let there =
            User { endpoints: vec![Endpoint::new(" SIP:dana@Example.org")], ..User::new("xcon-userid:x1@example.com") };
        let other =
            User { endpoints: vec![Endpoint::new("sip:dan@example.org")], ..User::new("xcon-userid:x2@example.com") };
        let users = Users { users: vec![other.clone(), there], ..Default::default() };
        assert_eq!(users.at_address_of(&dana).and_then(|u| u.entity.as_deref()), Some("xcon-userid:x1@example.com"));
        let alone = Users { users: vec![other.clone()], ..Default::default() };
        assert!(alone.at_address_of(&dana).is_none());
        // An address of record is an address as well, on either side (QA).
        let aor = User {
            associated_aors: Some(crate::xcon::Uris::new(vec![crate::xcon::UriEntry::new("sip:dana@example.org")])),
            ..User::new("xcon-userid:AUTO_GENERATE_1@example.com")
        };
        assert!(users.at_address_of(&aor).is_some(), "an AOR at someone's endpoint");
        let with_aor = Users { users: vec![other, aor], ..Default::default() };
        assert!(with_aor.at_address_of(&dana).is_some(), "an endpoint at someone's AOR");
        let nowhere =
            User { endpoints: vec![Endpoint::new("  ")], ..User::new("xcon-userid:AUTO_GENERATE_1@example.com") };
        assert!(users.at_address_of(&nowhere).is_none(), "an empty address is found nowhere");
    }
}
