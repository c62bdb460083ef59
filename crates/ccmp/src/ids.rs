//! Identifiers (RFC 6501 section 3): XCON-URI for conference objects, XCON-USERID for users, and the
//! `AUTO_GENERATE_n` placeholders (RFC 6503 section 4.3) a client writes where it cannot know a value.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

/// Why a string is not the identifier it was meant to be.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("{0:?} is not an XCON-URI (expected xcon:[id@]host)")]
    NotXconUri(String),
    #[error("{0:?} is not an XCON-USERID (expected xcon-userid:id)")]
    NotXconUserId(String),
}

/// An XCON-URI: `xcon:` then an optional object id and `@`, then a host (`xcon:8977794@example.com`).
/// Compared case-insensitively; never resolved in DNS.
#[derive(Debug, Clone)]
pub struct XconUri(String);

impl XconUri {
    /// The URI `xcon:{id}@{host}`.
    pub fn new(id: &str, host: &str) -> Result<XconUri, IdError> {
        format!("xcon:{id}@{host}").parse()
    }

    /// The placeholder `xcon:AUTO_GENERATE_{n}@{host}`, for a conference the server is to name.
    pub fn placeholder(n: u32, host: &str) -> XconUri {
        XconUri(format!("xcon:{}@{host}", AutoGenerate(n)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The object id before `@`, if there is one.
    pub fn id(&self) -> Option<&str> {
        self.rest().rsplit_once('@').map(|(id, _)| id)
    }

    /// The host after `@` (or the whole remainder when there is no id).
    pub fn host(&self) -> &str {
        self.rest().rsplit_once('@').map_or(self.rest(), |(_, host)| host)
    }

    fn rest(&self) -> &str {
        &self.0[5..]
    }
}

impl FromStr for XconUri {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        let s = s.trim();
        let bad = || IdError::NotXconUri(s.to_owned());
        let rest = strip_scheme(s, "xcon:").ok_or_else(bad)?;
        let (id, host) = rest.rsplit_once('@').map_or(("", rest), |(id, host)| (id, host));
        let host_ok = !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || "-._[]:".contains(c));
        let id_ok = id.chars().all(is_uri_char) && !id.contains('@');
        if !host_ok || !id_ok || (rest.contains('@') && id.is_empty()) {
            return Err(bad());
        }
        Ok(XconUri(format!("xcon:{rest}")))
    }
}

/// An XCON-USERID: `xcon-userid:` then the id. The ABNF allows only unreserved characters, yet every RFC
/// example is `xcon-userid:alice@example.com`, so `@` is accepted.
#[derive(Debug, Clone)]
pub struct XconUserId(String);

impl XconUserId {
    /// The user id `xcon-userid:{id}`.
    pub fn new(id: &str) -> Result<XconUserId, IdError> {
        format!("xcon-userid:{id}").parse()
    }

    /// The placeholder `xcon-userid:AUTO_GENERATE_{n}@{host}`, for a user the server is to name.
    pub fn placeholder(n: u32, host: &str) -> XconUserId {
        XconUserId(format!("xcon-userid:{}@{host}", AutoGenerate(n)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Everything after `xcon-userid:`.
    pub fn id(&self) -> &str {
        &self.0[12..]
    }

    /// The domain after the last `@`, when the id has one.
    pub fn domain(&self) -> Option<&str> {
        self.id().rsplit_once('@').map(|(_, d)| d)
    }
}

impl FromStr for XconUserId {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        let s = s.trim();
        let bad = || IdError::NotXconUserId(s.to_owned());
        let id = strip_scheme(s, "xcon-userid:").ok_or_else(bad)?;
        if id.is_empty() || !id.chars().all(is_uri_char) {
            return Err(bad());
        }
        Ok(XconUserId(format!("xcon-userid:{id}")))
    }
}

/// Characters an id may hold: RFC 3986 unreserved and sub-delims, `@`, `:` and percent escapes.
fn is_uri_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@%".contains(c)
}

/// The remainder after a case-insensitive scheme.
fn strip_scheme<'a>(s: &'a str, scheme: &str) -> Option<&'a str> {
    let head = s.get(..scheme.len())?;
    head.eq_ignore_ascii_case(scheme).then(|| &s[scheme.len()..])
}

macro_rules! case_insensitive_id {
    ($ty:ident) => {
        impl PartialEq for $ty {
            fn eq(&self, other: &Self) -> bool {
                self.0.eq_ignore_ascii_case(&other.0)
            }
        }
        impl Eq for $ty {}
        impl Hash for $ty {
            fn hash<H: Hasher>(&self, state: &mut H) {
                for b in self.0.bytes() {
                    state.write_u8(b.to_ascii_lowercase());
                }
            }
        }
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
        impl From<$ty> for String {
            fn from(id: $ty) -> String {
                id.0
            }
        }
    };
}
case_insensitive_id!(XconUri);
case_insensitive_id!(XconUserId);

/// An `AUTO_GENERATE_n` placeholder: `n` names one value the server generates; the same `n` stands for
/// the same value everywhere in one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AutoGenerate(pub u32);

impl AutoGenerate {
    const PREFIX: &'static str = "AUTO_GENERATE_";

    /// Every placeholder in `text`, with its byte range.
    pub fn find_all(text: &str) -> Vec<(std::ops::Range<usize>, AutoGenerate)> {
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(at) = text[from..].find(Self::PREFIX) {
            let start = from + at;
            let digits_start = start + Self::PREFIX.len();
            let digits = text[digits_start..].bytes().take_while(u8::is_ascii_digit).count();
            let end = digits_start + digits;
            if let Ok(n) = text[digits_start..end].parse() {
                found.push((start..end, AutoGenerate(n)));
            }
            from = end.max(start + 1);
        }
        found
    }

    /// Whether `text` holds a placeholder anywhere.
    pub fn occurs_in(text: &str) -> bool {
        text.contains(Self::PREFIX)
    }
}

impl fmt::Display for AutoGenerate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", Self::PREFIX, self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xcon_uris_compare_case_insensitively() {
        let a: XconUri = "xcon:8977794@Example.COM".parse().unwrap();
        let b: XconUri = "XCON:8977794@example.com".parse().unwrap();
        assert_eq!(a, b);
        assert_eq!(a.id(), Some("8977794"));
        assert_eq!(a.host(), "Example.COM");
        let no_id: XconUri = "xcon:example.com".parse().unwrap();
        assert_eq!((no_id.id(), no_id.host()), (None, "example.com"));
    }

    #[test]
    fn malformed_uris_are_refused() {
        for bad in ["", "xcon:", "sip:a@b", "xcon:@example.com", "xcon:a b@example.com", "xcon:a@"] {
            assert!(bad.parse::<XconUri>().is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn user_ids_accept_at() {
        let id: XconUserId = "xcon-userid:alice@example.com".parse().unwrap();
        assert_eq!(id.id(), "alice@example.com");
        assert_eq!(id.domain(), Some("example.com"));
        assert_eq!(id, "XCON-USERID:Alice@Example.com".parse().unwrap());
        assert!("xcon-userid:".parse::<XconUserId>().is_err());
        assert!("alice@example.com".parse::<XconUserId>().is_err());
        assert!("xcon-userid:a<b".parse::<XconUserId>().is_err());
    }

    #[test]
    fn placeholders_are_found_with_their_numbers() {
        let found = AutoGenerate::find_all("xcon:AUTO_GENERATE_12@example.com AUTO_GENERATE_3 AUTO_GENERATE_");
        assert_eq!(found, vec![(5..21, AutoGenerate(12)), (34..49, AutoGenerate(3))]);
        assert_eq!(XconUri::placeholder(1, "example.com").as_str(), "xcon:AUTO_GENERATE_1@example.com");
    }
}
