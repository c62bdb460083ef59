//! An object's URI (a conference's, a blueprint's) in the panel's own paths (`/conferences/:id`), and back.

/// The characters of an object's URI that a path segment cannot hold as they are (`/`, `?`, `#`), those
/// that the browser and the router would decode (`%`), a backslash (which browsers read as `/`), and `~`,
/// the escape itself.
const PATH_ESCAPED: [char; 6] = ['/', '?', '#', '%', '\\', '~'];

/// `uri` as a path segment: each of [`PATH_ESCAPED`] as `~` and its code in hex (`/` is `~2F`). Not
/// percent-escaped: the router decodes a link it follows once more than one it is sent to, so an escaped `%`
/// did not come back the same (QA: `xcon:pct%2Fslash@example.com` opened as `xcon:pct/slash@example.com`,
/// a 404). `~` is left alone by browsers and the router alike.
pub fn path_segment(uri: &str) -> std::borrow::Cow<'_, str> {
    if !uri.contains(PATH_ESCAPED) {
        return std::borrow::Cow::Borrowed(uri);
    }
    let mut out = String::with_capacity(uri.len() + 8);
    for c in uri.chars() {
        if PATH_ESCAPED.contains(&c) {
            out.push_str(&format!("~{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A route parameter (the router has decoded its percent escapes) as the URI it names: the inverse of
/// [`path_segment`]. A `~` not followed by the code of one of [`PATH_ESCAPED`] is itself.
pub fn param_uri(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('~') {
        out.push_str(&rest[..at]);
        let code = rest.get(at + 1..at + 3).and_then(|h| u32::from_str_radix(h, 16).ok()).and_then(char::from_u32);
        match code.filter(|c| PATH_ESCAPED.contains(c)) {
            Some(c) => {
                out.push(c);
                rest = &rest[at + 3..];
            }
            None => {
                out.push('~');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The object the panel's page at `route` (`/conferences/xcon:a@example.com`, the path within the panel) is
/// about, for the page `section` (`/conferences`): its segment, percent-decoded once, then [`param_uri`].
///
/// Not the router's parameter, which decodes an address twice when the browser was sent to it (typed,
/// bookmarked, reloaded: `%252F` came back as `/`, QA); a link the router follows is decoded already, and
/// holds no `%` of the panel's making to decode again.
pub fn from_route(route: &str, section: &str) -> String {
    let segment = route.strip_prefix(section).and_then(|r| r.strip_prefix('/')).unwrap_or_default();
    param_uri(&super::percent_decode(segment))
}

#[cfg(test)]
mod tests {
    use super::{param_uri, path_segment};

    #[test]
    fn any_uri_comes_back_from_its_path_segment() {
        assert_eq!(path_segment("xcon:weekly-sync@example.com"), "xcon:weekly-sync@example.com", "as it is");
        assert_eq!(path_segment("xcon:pct%2Fslash@example.com"), "xcon:pct~252Fslash@example.com");
        for uri in [
            "xcon:weekly-sync@example.com",
            "xcon:pct%2Fslash@example.com",
            "xcon:odd room#1?x=y/z%41\u{e9}@example.com",
            "xcon:a~b~2F\\c@example.com",
        ] {
            let segment = path_segment(uri);
            assert!(!segment.contains(['/', '?', '#', '%']), "{segment}");
            assert_eq!(param_uri(&segment), uri);
        }
        assert_eq!(param_uri("xcon:a~41@x"), "xcon:a~41@x", "not an escape of ours");
        assert_eq!(param_uri("xcon:a~"), "xcon:a~");
    }

    #[test]
    fn a_page_finds_its_object_in_any_address_that_names_it() {
        use super::from_route;
        let odd = "xcon:pct%2Fslash@example.com";
        // The panel's own link, as the router keeps it once followed.
        assert_eq!(from_route(&format!("/conferences/{}", path_segment(odd)), "/conferences"), odd);
        // An address typed or bookmarked, percent-escaped as browsers write one.
        assert_eq!(from_route("/conferences/xcon%3Apct%252Fslash%40example.com", "/conferences"), odd);
        assert_eq!(from_route("/conferences/xcon:caf%C3%A9@example.com", "/conferences"), "xcon:caf\u{e9}@example.com");
        assert_eq!(
            from_route("/conferences/xcon:caf\u{e9} x@example.com", "/conferences"),
            "xcon:caf\u{e9} x@example.com"
        );
        assert_eq!(from_route("/conferences/xcon:a%zz@x", "/conferences"), "xcon:a%zz@x", "no escape");
        assert_eq!(from_route("/conferences", "/conferences"), "");
        assert_eq!(from_route("/blueprints/xcon:v@x", "/conferences"), "");
    }
}
