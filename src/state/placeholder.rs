//! The domain of the `AUTO_GENERATE_n` placeholders the panel writes: `xcon:AUTO_GENERATE_1@domain` for a new
//! conference or sidebar, `xcon-userid:AUTO_GENERATE_1@domain` for a new user. A server answers 427 to a
//! placeholder whose domain it is not responsible for (RFC 6503 section 4.3), so the domain is taken from what
//! the server is known to serve before anything the moderator typed.

use std::collections::HashMap;

use ccmp::{XconUri, XconUserId};

/// The domain when nothing better is known: the RFC's examples' and the reference server's default.
pub const LAST_RESORT: &str = "example.com";

/// The placeholders' domain, best first:
/// 1. the host of `acted_on`, the XCON-URI of the conference (or sidebar) the request is about: the server
///    named it;
/// 2. the host most of `listed` have, the XCON-URIs the server listed (its conferences, its blueprints);
/// 3. the domain of the moderator's confUserID, which may have none (`xcon-userid:moderator`: the ABNF has no
///    `@`) or be that of a SIP identity (liblinphone derives it so), not the conference server's;
/// 4. `server_host`, the host of the server's URL, when it is a domain name (`localhost` and an address name
///    a machine, not a domain a server is responsible for);
/// 5. [`LAST_RESORT`].
///
/// (QA: the confUserID's domain came first, and `example.com` without one: every create met 427 on a server
/// of another domain.)
pub fn domain<'a>(
    acted_on: Option<&str>,
    listed: impl IntoIterator<Item = &'a str>,
    user: &XconUserId,
    server_host: Option<&str>,
) -> String {
    acted_on
        .and_then(host_of)
        .or_else(|| most_listed(listed))
        .or_else(|| user.domain().filter(|d| usable(d)).map(str::to_owned))
        .or_else(|| server_host.filter(|h| usable(h) && names_a_domain(h)).map(str::to_owned))
        .unwrap_or_else(|| LAST_RESORT.to_owned())
}

/// The host of an XCON-URI, when a placeholder can be written with it.
fn host_of(uri: &str) -> Option<String> {
    uri.parse::<XconUri>().ok().map(|u| u.host().to_owned()).filter(|h| usable(h))
}

/// The host most of `uris` have, compared case-insensitively as servers compare domains; the first listed
/// of those as many.
fn most_listed<'a>(uris: impl IntoIterator<Item = &'a str>) -> Option<String> {
    // Lower-cased host: (count, order first seen, spelling first seen).
    let mut counts: HashMap<String, (usize, usize, String)> = HashMap::new();
    for (order, host) in uris.into_iter().filter_map(host_of).enumerate() {
        counts.entry(host.to_ascii_lowercase()).or_insert((0, order, host)).0 += 1;
    }
    counts.into_values().max_by_key(|(count, order, _)| (*count, std::cmp::Reverse(*order))).map(|(_, _, host)| host)
}

/// Whether `host` makes both placeholders well-formed identifiers (no `@`, no space, not empty).
fn usable(host: &str) -> bool {
    XconUri::placeholder(1, host).as_str().parse::<XconUri>().is_ok()
        && XconUserId::placeholder(1, host).as_str().parse::<XconUserId>().is_ok()
}

/// Whether `host` is a dotted name rather than `localhost` or an IPv4 or IPv6 address.
fn names_a_domain(host: &str) -> bool {
    let last = host.rsplit('.').next().unwrap_or_default();
    host.contains('.') && !host.starts_with('[') && !last.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(acted_on: Option<&str>, listed: &[&str], user: &str, server_host: Option<&str>, expected: &str) {
        let user: XconUserId = user.parse().expect("a confUserID");
        assert_eq!(
            domain(acted_on, listed.iter().copied(), &user, server_host),
            expected,
            "acted on {acted_on:?}, listed {listed:?}, as {user}, server {server_host:?}"
        );
    }

    #[test]
    fn a_request_about_a_conference_takes_its_host() {
        // A confUserID derived from a SIP identity (liblinphone) is not in the conference server's domain.
        check(
            Some("xcon:weekly@conf.example.net"),
            &["xcon:other@elsewhere.org"],
            "xcon-userid:alice@example.org",
            Some("ccmp.example.org"),
            "conf.example.net",
        );
        // A URI without an object id names its host too.
        check(Some("xcon:conf.example.net"), &[], "xcon-userid:moderator", None, "conf.example.net");
    }

    #[test]
    fn a_new_conference_takes_the_host_the_server_lists_most() {
        let listed = ["xcon:a@example.org", "xcon:VideoRoom@Conf.Example.net", "xcon:b@conf.example.NET"];
        check(None, &listed, "xcon-userid:alice@example.org", None, "Conf.Example.net");
        // As many of each: the first listed.
        check(None, &listed[..2], "xcon-userid:moderator", None, "example.org");
        // A confUserID without `@` (the ABNF's own form) gave example.com, a 427 on every create.
        check(None, &["xcon:weekly@conf.example.net"], "xcon-userid:moderator", None, "conf.example.net");
    }

    #[test]
    fn what_is_not_an_xcon_uri_is_passed_over() {
        let listed = ["sip:weekly@sip.example.org", "xcon:", "not a uri", "xcon:x@conf.example.net"];
        check(Some("weekly"), &listed, "xcon-userid:moderator", None, "conf.example.net");
        check(Some("xcon:a b@x"), &listed[..3], "xcon-userid:alice@example.org", None, "example.org");
    }

    #[test]
    fn with_nothing_listed_the_confuserid_then_the_server_url_give_it() {
        check(None, &[], "xcon-userid:alice@example.org", Some("ccmp.example.net"), "example.org");
        check(None, &[], "xcon-userid:moderator", Some("ccmp.example.net"), "ccmp.example.net");
        // An id ending in `@` has no domain to give.
        check(None, &[], "xcon-userid:alice@", Some("ccmp.example.net"), "ccmp.example.net");
        // A machine is no domain: the last resort then.
        for machine in ["localhost", "127.0.0.1", "[::1]", "ccmp"] {
            check(None, &[], "xcon-userid:moderator", Some(machine), LAST_RESORT);
        }
        check(None, &[], "xcon-userid:moderator", None, LAST_RESORT);
    }
}
