//! xpathFilter on the list requests (RFC 6503 sections 5.3.1, 5.3.3, 5.3.7, 5.3.9): an XPath 1.0
//! expression evaluated against each listed object's conference document; the object is listed when
//! the result is true (a non-empty node-set, a true boolean, a non-empty string, a non-zero number).
//!
//! The subset: location paths (absolute, relative, `//`, `.`, `..`, `*`, `@attr`, `text()`, `node()`,
//! the child, descendant, descendant-or-self, self, parent and attribute axes), predicates (numbers as
//! positions), `or`, `and`, `=`, `!=`, `<`, `<=`, `>`, `>=`, unary minus, string and number literals,
//! and the functions not, true, false, boolean, count, contains, starts-with, string, concat,
//! normalize-space, string-length, number, position, last, local-name and name. One leniency: a bare
//! `true` or `false` in a comparison (`active=true`) is read as that text.
//!
//! Names match by local name: the document is `conference-info` (RFC 4575) with elements of the
//! conference-info and XCON namespaces, and clients write `info:`, `xcon:` or no prefix at all. The root
//! element also answers to `confInfo`, `blueprintInfo`, `entry` and the other payload names.

mod dom;
mod eval;
mod parse;

use ccmp::xcon::Conference;

use crate::failure::{Failure, Outcome};

/// The longest filter accepted.
const MAX_LEN: usize = 4096;

/// A compiled filter; the empty filter selects everything.
#[derive(Debug)]
pub struct Filter(Option<parse::Expr>);

impl Filter {
    /// Compiles a request's xpathFilter; an expression this server cannot read is 400.
    pub fn from_request(text: Option<&str>) -> Outcome<Filter> {
        let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
            return Ok(Filter(None));
        };
        if text.len() > MAX_LEN {
            return Err(Failure::bad_request(format!("xpathFilter is longer than {MAX_LEN} characters")));
        }
        parse::parse(text).map(|e| Filter(Some(e))).map_err(|e| Failure::bad_request(format!("xpathFilter: {e}")))
    }

    /// Whether `doc` is selected.
    pub fn matches(&self, doc: &Conference) -> bool {
        let Some(expr) = &self.0 else {
            return true;
        };
        let dom = dom::Dom::of(doc);
        eval::boolean_of(&dom, expr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ccmp::xcon::{ConferenceState, MediaEntry, User, Users};

    fn doc() -> Conference {
        let mut c = Conference::new("xcon:1@example.com");
        let d = c.description_mut();
        d.display_text = Some("Weekly sync".into());
        d.maximum_user_count = Some(20);
        let media = d.available_media.get_or_insert_with(Default::default);
        media.entries.push(MediaEntry::new("a1", "audio"));
        media.entries.push(MediaEntry::new("v1", "video"));
        c.conference_state = Some(ConferenceState { active: Some(true), user_count: Some(2), ..Default::default() });
        c.users = Some(Users {
            users: vec![User::new("xcon-userid:alice@example.com"), User::new("xcon-userid:bob@example.com")],
            ..Default::default()
        });
        c
    }

    fn check(filter: &str, expected: bool) {
        let f = Filter::from_request(Some(filter)).unwrap_or_else(|e| panic!("{filter}: {e:?}"));
        assert_eq!(f.matches(&doc()), expected, "{filter}");
    }

    #[test]
    fn the_forms_clients_write() {
        check("/conference-info[conference-state/active='true']", true);
        check("/conference-info[conference-state/active='false']", false);
        check("/conference-info[conference-state/active=true]", true);
        check("/conference-info[conference-state/active = false]", false);
        check("/conference-info/conference-description/available-media/entry[type='video']", true);
        check("//info:entry[info:type='text']", false);
        check("/conference-info[conference-description/maximum-user-count>10]", true);
        check("/conference-info[conference-description/maximum-user-count > 50]", false);
        check("count(//user) = 2", true);
        check("//user[@entity='xcon-userid:alice@example.com']", true);
        check("//users/user[2]/@entity = 'xcon-userid:bob@example.com'", true);
        check("contains(conference-description/display-text, 'sync') and not(//user[@entity='x'])", true);
        check("/confInfo[@entity='xcon:1@example.com']", true);
        check("starts-with(/conference-info/@entity, 'xcon:2')", false);
        check("//entry[type='audio' or type='text']/@label = 'a1'", true);
    }

    #[test]
    fn unreadable_filters_are_400() {
        for bad in ["/conference-info[", "foo(", "'unterminated", "//", "1 +", "a[]"] {
            let failure = Filter::from_request(Some(bad)).err().unwrap_or_else(|| panic!("{bad} was accepted"));
            assert_eq!(failure.code, ccmp::ResponseCode::BadRequest, "{bad}");
        }
    }
}
