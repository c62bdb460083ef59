//! The panel's domain state as plain Rust: no DOM, no signals, no I/O. Components only wire signals to
//! these types, so everything here is tested with ordinary `#[test]`s (`cargo test -p ccmp-panel --lib`).

pub mod backoff;
pub mod base_path;
pub mod bidi;
pub mod capabilities;
pub mod composer;
pub mod conf_form;
pub mod conf_list;
pub mod conf_password;
pub mod console;
pub mod console_saved;
pub mod elsewhere;
pub mod floor_form;
pub mod fold;
pub mod glance;
pub mod ical;
pub mod instant;
pub mod kept;
pub mod natural;
pub mod notice;
pub mod outage;
pub mod placeholder;
pub mod profiles;
pub mod recurrence;
pub mod schedule;
pub mod transport;
pub mod versions;
pub mod xml_tokens;

// Part 2 (users, admission, sidebars and breakout rooms).
pub mod admission;
pub mod audit_csv;
pub mod breakout;
pub mod bulk;
pub mod own_changes;
pub mod scope;
pub mod shortcuts;
pub mod told;
pub mod undo;
pub mod undo_keep;
pub mod uri_path;
pub mod user_changes;
pub mod users;
pub mod users_news;
pub mod waiting;
pub mod watch_pace;

/// What the panel builds to send, checked against the RFC 6503 schema with xmllint as the protocol crate's
/// tests check its encoder (the same file): the panel's partial documents must validate too (`spec/CCMP.md`
/// section 8).
#[cfg(test)]
#[path = "../../crates/ccmp/tests/it/support.rs"]
pub(crate) mod xmllint;

/// `n` things, in words: `1 user`, `3 users`, `0 users`.
pub fn counted(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The key under which an XCON-URI is compared: XCON-URIs are case-insensitive (RFC 6501 section 3).
pub fn uri_key(uri: &str) -> String {
    uri.trim().to_ascii_lowercase()
}

/// The words of a search for people, folded ([`fold::folded`]: lower case, no accents), a user id's scheme left out: every id starts with
/// `xcon-userid:`, so that a word such as "er" would find everyone in it. What is searched leaves it out too
/// ([`without_user_scheme`]).
pub fn people_search_words(text: &str) -> Vec<String> {
    text.split_whitespace().map(|w| without_user_scheme(&fold::folded(w)).to_owned()).collect()
}

/// `id` without a leading `xcon-userid:` (in any case).
pub fn without_user_scheme(id: &str) -> &str {
    const SCHEME: &str = "xcon-userid:";
    match id.get(..SCHEME.len()) {
        Some(head) if head.eq_ignore_ascii_case(SCHEME) => &id[SCHEME.len()..],
        _ => id,
    }
}

/// `yes`, `no` or an en dash for unknown.
pub fn yes_no(value: Option<bool>) -> &'static str {
    match value {
        Some(true) => "yes",
        Some(false) => "no",
        None => "\u{2013}",
    }
}

/// `text` with its `%HH` escapes decoded, as UTF-8 (a query's value, an address's segment).
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_are_said_in_words() {
        assert_eq!(super::counted(1, "user", "users"), "1 user");
        assert_eq!(super::counted(0, "conference", "conferences"), "0 conferences");
        assert_eq!(super::counted(12, "room", "rooms"), "12 rooms");
    }
}
