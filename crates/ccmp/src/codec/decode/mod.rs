//! From XML to the model. Each function reads one element whose start tag has just been read: first
//! its attributes, then its children; what it does not model goes to the type's `unknown`.
//!
//! Leniency (`CCMP.md` section 8): names are matched by namespace, never by prefix; enumerated and
//! numeric values are trimmed; a data-model value that does not parse (an endpoint status the schema
//! does not list, say) is kept as unknown content rather than failing a whole document (unless the reader
//! is strict, as a server's is: see `decode_request_strict`). The envelope is
//! strict: a bad operation, response code or version is an error, because a server must answer it.

mod conference;
mod envelope;
mod options;
mod user;

pub(crate) use envelope::{message, request, response};

/// A conference-info document (RFC 4575's root element, with the XCON additions).
pub(crate) fn conference_info(xml: &str) -> Result<crate::xcon::Conference> {
    let xml = xml.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let mut r = Reader::new(xml);
    let root = r.root()?;
    if !(root.ns == Ns::Info && root.local() == "conference-info") {
        let found = root.local().to_owned();
        return Err(
            r.error(super::error::DecodeErrorKind::UnexpectedRoot { expected: "a conference-info document", found })
        );
    }
    let conference = conference::conference(&mut r, &root)?;
    r.finish()?;
    Ok(conference)
}

use super::error::DecodeErrorKind;
use super::reader::{Attr, El, Ns, Reader, Result};
use crate::unknown::{AnyElement, AnyNode, Unknown};
use crate::xcon::{Execution, State, UriEntry, Uris};

impl<'a> Reader<'a> {
    /// A leaf whose text must parse as `T`; when it does not, the element is kept in `unknown`.
    pub(crate) fn value<T>(
        &mut self,
        el: &El<'a>,
        unknown: &mut Unknown,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Result<Option<T>> {
        let text = self.text_cow(el)?;
        if let Some(v) = parse(&text) {
            return Ok(Some(v));
        }
        // Empty, the element removes the value in a partial update (RFC 6503 section 4.2): it is kept, as
        // unknown content, for the merge to find (`xcon::merge`).
        if self.strict && !text.trim().is_empty() {
            let element = el.ns.data_model_name(el.local());
            return Err(self.error_in(el, DecodeErrorKind::RefusedValue { name: element, value: text.into_owned() }));
        }
        let mut kept = AnyElement::new(el.ns.uri().as_deref(), el.local());
        kept.children.push(AnyNode::Text(text.into_owned()));
        unknown.push_element(kept);
        Ok(None)
    }

    /// An attribute of the data model whose value must parse as `T`; when it does not, the attribute is kept
    /// in `unknown` (an error when strict).
    pub(crate) fn parsed_attr<T>(
        &self,
        el: &El<'a>,
        a: &Attr<'a>,
        unknown: &mut Unknown,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Result<Option<T>> {
        if let Some(v) = parse(&a.value) {
            return Ok(Some(v));
        }
        if self.strict {
            let name = format!("{} on {}", a.local, el.ns.data_model_name(el.local()));
            return Err(self.error_in(el, DecodeErrorKind::RefusedValue { name, value: a.value.clone().into_owned() }));
        }
        unknown.push_attr(a.to_any());
        Ok(None)
    }

    /// The `state` attribute, or `None` (kept in `unknown`) when its value is not a state.
    fn state_attr(&self, el: &El<'a>, unknown: &mut Unknown) -> Result<Option<State>> {
        let mut state = None;
        for a in self.attrs(el) {
            let a = a?;
            match (&a.ns, a.local) {
                (Ns::None, "state") => state = self.parsed_attr(el, &a, unknown, State::parse)?,
                _ => unknown.push_attr(a.to_any()),
            }
        }
        Ok(state)
    }

    /// Keeps every attribute of `el` in `unknown`: for types whose attributes are all foreign.
    fn foreign_attrs(&self, el: &El<'a>, unknown: &mut Unknown) -> Result<()> {
        for a in self.attrs(el) {
            unknown.push_attr(a?.to_any());
        }
        Ok(())
    }
}

/// Pushes onto one of the short lists a user holds (endpoints, their media, roles, AORs), doubling from
/// one: a new `Vec` starts at four, which the `shrink_to_fit` at the list's end would then give back, one
/// more reallocation per list and tens of thousands in a large conference.
pub(crate) fn push_tight<T>(list: &mut Vec<T>, item: T) {
    if list.len() == list.capacity() {
        list.reserve_exact(list.len().max(1));
    }
    list.push(item);
}

/// `true`/`false`/`1`/`0`, trimmed (xs:boolean).
pub(crate) fn boolean(text: &str) -> Option<bool> {
    match text.trim() {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

/// An unsigned integer, trimmed.
pub(crate) fn number<T: std::str::FromStr>(text: &str) -> Option<T> {
    let t = text.trim();
    let t = t.strip_prefix('+').unwrap_or(t);
    t.parse().ok()
}

/// A whitespace-separated list (xs:list).
fn list(text: &str) -> Option<Vec<String>> {
    Some(text.split_whitespace().map(str::to_owned).collect())
}

/// A URI (xs:anyURI collapses whitespace, so the RFC's `<info:uri> mailto:... </info:uri>` is trimmed).
fn uri(text: &str) -> Option<String> {
    Some(text.trim().to_owned())
}

/// uris-type.
pub(crate) fn uris<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<Uris> {
    let mut u = Uris::default();
    u.state = r.state_attr(el, &mut u.unknown)?;
    while let Some(c) = r.child(el)? {
        match (&c.ns, c.local()) {
            (Ns::Info, "entry") => push_tight(&mut u.entries, uri_entry(r, &c)?),
            _ => r.keep(&mut u.unknown, &c)?,
        }
    }
    u.entries.shrink_to_fit();
    Ok(u)
}

fn uri_entry<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<UriEntry> {
    let mut e = UriEntry::default();
    r.foreign_attrs(el, &mut e.unknown)?;
    while let Some(c) = r.child(el)? {
        match (&c.ns, c.local()) {
            (Ns::Info, "uri") => e.uri = r.text_cow(&c)?.trim().to_owned(),
            (Ns::Info, "display-text") => e.display_text = Some(r.text(&c)?),
            (Ns::Info, "purpose") => e.purpose = Some(r.text(&c)?),
            (Ns::Info, "modified") => e.modified = Some(Box::new(execution(r, &c)?)),
            _ => r.keep(&mut e.unknown, &c)?,
        }
    }
    Ok(e)
}

/// execution-type.
fn execution<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<Execution> {
    let mut x = Execution::default();
    r.foreign_attrs(el, &mut x.unknown)?;
    while let Some(c) = r.child(el)? {
        match (&c.ns, c.local()) {
            (Ns::Info, "when") => x.when = r.value(&c, &mut x.unknown, uri)?,
            (Ns::Info, "reason") => x.reason = Some(r.text(&c)?),
            (Ns::Info, "by") => x.by = r.value(&c, &mut x.unknown, uri)?,
            _ => r.keep(&mut x.unknown, &c)?,
        }
    }
    Ok(x)
}
