//! From the model to XML, in the shape of `CCMP.md` section 1: the prefixes `ccmp`, `info` and `xcon`
//! declared once on the root, CCMP's own children unqualified, children in schema order, and each
//! type's unknown content after its modelled children (where the schema's extension slot is).

mod conference;
mod envelope;
mod user;

pub(crate) use envelope::{request, response};

/// A conference object as a conference-info document of its own (RFC 4575's root element).
pub(crate) fn conference_info(c: &crate::xcon::Conference, pretty: bool) -> String {
    let mut w = Writer::new(pretty, 1024);
    w.out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    let declarations = [("xmlns:info", crate::ns::INFO), ("xmlns:xcon", crate::ns::XCON)];
    conference::conference_with(&mut w, "info:conference-info", c, &declarations);
    w.finish()
}

use super::writer::Writer;
use crate::xcon::{Execution, UriEntry, Uris};

pub(crate) fn uris(w: &mut Writer, name: &str, u: &Uris) {
    w.start(name);
    w.opt_attr("state", u.state.map(|s| s.as_str()));
    w.unknown_attrs(&u.unknown);
    for e in &u.entries {
        uri_entry(w, e);
    }
    w.unknown_elements(&u.unknown);
    w.end(name);
}

fn uri_entry(w: &mut Writer, e: &UriEntry) {
    w.start("info:entry");
    w.unknown_attrs(&e.unknown);
    w.leaf("info:uri", &e.uri);
    w.opt_leaf("info:display-text", e.display_text.as_deref());
    w.opt_leaf("info:purpose", e.purpose.as_deref());
    if let Some(m) = &e.modified {
        execution(w, "info:modified", m);
    }
    w.unknown_elements(&e.unknown);
    w.end("info:entry");
}

fn execution(w: &mut Writer, name: &str, x: &Execution) {
    w.start(name);
    w.unknown_attrs(&x.unknown);
    w.opt_leaf("info:when", x.when.as_deref());
    w.opt_leaf("info:reason", x.reason.as_deref());
    w.opt_leaf("info:by", x.by.as_deref());
    w.unknown_elements(&x.unknown);
    w.end(name);
}

/// A whitespace-separated list (xs:list).
fn list(items: &[String]) -> String {
    items.join(" ")
}
