//! A small XML writer: escaping, optional indentation, and namespace declarations for foreign content.

use crate::ns;
use crate::unknown::{AnyAttr, AnyElement, AnyNode, QName, Unknown};

pub(crate) struct Writer {
    pub out: String,
    pretty: bool,
    depth: usize,
    /// A start tag is written up to its attributes; `>` or `/>` is still to come.
    tag_open: bool,
    /// The open element holds text: its end tag follows without indentation.
    inline: bool,
}

impl Writer {
    pub fn new(pretty: bool, capacity: usize) -> Self {
        Writer { out: String::with_capacity(capacity), pretty, depth: 0, tag_open: false, inline: false }
    }

    /// The document, ending with a newline when indented.
    pub fn finish(mut self) -> String {
        if self.pretty {
            self.out.push('\n');
        }
        self.out
    }

    /// `<name`; attributes may follow until the first child or the end.
    pub fn start(&mut self, name: &str) {
        self.close_tag();
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        self.tag_open = true;
        self.depth += 1;
    }

    pub fn attr(&mut self, name: &str, value: &str) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        escape(&mut self.out, value, true);
        self.out.push('"');
    }

    pub fn opt_attr(&mut self, name: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.attr(name, v);
        }
    }

    pub fn end(&mut self, name: &str) {
        self.depth -= 1;
        if self.tag_open {
            self.out.push_str("/>");
            self.tag_open = false;
        } else {
            if !std::mem::take(&mut self.inline) {
                self.indent();
            }
            self.out.push_str("</");
            self.out.push_str(name);
            self.out.push('>');
        }
    }

    /// Text inside the open element (one with attributes and simple content); `end` follows.
    pub fn content(&mut self, text: &str) {
        self.close_tag();
        escape(&mut self.out, text, false);
        self.inline = true;
    }

    /// `<name>text</name>`.
    pub fn leaf(&mut self, name: &str, text: &str) {
        self.close_tag();
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        if text.is_empty() {
            self.out.push_str("/>");
            return;
        }
        self.out.push('>');
        escape(&mut self.out, text, false);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    pub fn opt_leaf(&mut self, name: &str, text: Option<&str>) {
        if let Some(t) = text {
            self.leaf(name, t);
        }
    }

    pub fn opt_bool(&mut self, name: &str, value: Option<bool>) {
        if let Some(v) = value {
            self.leaf(name, if v { "true" } else { "false" });
        }
    }

    pub fn opt_number(&mut self, name: &str, value: Option<impl std::fmt::Display>) {
        if let Some(v) = value {
            self.leaf(name, &v.to_string());
        }
    }

    /// The foreign attributes of a modelled element, with the declarations their namespaces need.
    pub fn unknown_attrs(&mut self, unknown: &Unknown) {
        if unknown.attrs().is_empty() {
            return;
        }
        let mut scope = Scope::default();
        self.attrs_in(unknown.attrs(), &mut scope);
    }

    /// The foreign child elements of a modelled element.
    pub fn unknown_elements(&mut self, unknown: &Unknown) {
        for e in unknown.elements() {
            self.any(e);
        }
    }

    /// A foreign element, exactly as it stood (no indentation is added inside it: it may be mixed content).
    pub fn any(&mut self, element: &AnyElement) {
        self.close_tag();
        self.indent();
        let pretty = std::mem::replace(&mut self.pretty, false);
        let mut scope = Scope::default();
        self.any_in(element, &mut scope);
        self.pretty = pretty;
    }

    fn any_in(&mut self, e: &AnyElement, scope: &mut Scope) {
        let mark = scope.bindings.len();
        let name = scope.qualify(&e.name);
        self.out.push('<');
        self.out.push_str(&name.text);
        if let Some((prefix, uri)) = &name.declare {
            push_decl(&mut self.out, prefix, uri);
        }
        self.attrs_in(&e.attrs, scope);
        if e.children.is_empty() {
            self.out.push_str("/>");
        } else {
            self.out.push('>');
            for child in &e.children {
                match child {
                    AnyNode::Text(t) => escape(&mut self.out, t, false),
                    AnyNode::Element(c) => self.any_in(c, scope),
                }
            }
            self.out.push_str("</");
            self.out.push_str(&name.text);
            self.out.push('>');
        }
        scope.bindings.truncate(mark);
    }

    fn attrs_in(&mut self, attrs: &[AnyAttr], scope: &mut Scope) {
        for a in attrs {
            let name = scope.qualify(&a.name);
            if let Some((prefix, uri)) = &name.declare {
                push_decl(&mut self.out, prefix, uri);
            }
            self.attr(&name.text, &a.value);
        }
    }

    fn close_tag(&mut self) {
        if self.tag_open {
            self.out.push('>');
            self.tag_open = false;
        }
    }

    fn indent(&mut self) {
        if self.pretty && !self.out.is_empty() {
            self.out.push('\n');
            for _ in 0..self.depth.saturating_sub(usize::from(self.tag_open)) {
                self.out.push_str("  ");
            }
        }
    }
}

fn push_decl(out: &mut String, prefix: &str, uri: &str) {
    out.push_str(" xmlns:");
    out.push_str(prefix);
    out.push_str("=\"");
    escape(out, uri, true);
    out.push('"');
}

/// The namespace prefixes declared so far inside one foreign subtree.
#[derive(Default)]
struct Scope {
    bindings: Vec<(String, String)>,
}

struct Qualified {
    text: String,
    declare: Option<(String, String)>,
}

impl Scope {
    /// The name to write for `name`, and the declaration it needs, if any. The CCMP, conference-info,
    /// XCON and XSI namespaces use the prefixes declared at the top of every message.
    fn qualify(&mut self, name: &QName) -> Qualified {
        let plain = |text: String| Qualified { text, declare: None };
        let Some(uri) = name.ns.as_deref() else {
            return plain(name.local.clone());
        };
        if let Some(prefix) = ns::prefix_of(uri) {
            return plain(format!("{prefix}:{}", name.local));
        }
        if let Some((prefix, _)) = self.bindings.iter().rev().find(|(_, u)| u == uri) {
            return plain(format!("{prefix}:{}", name.local));
        }
        let taken = |p: &str| {
            matches!(p, "ccmp" | "info" | "xcon" | "xsi" | "xml" | "xmlns") || self.bindings.iter().any(|(b, _)| b == p)
        };
        let prefix = match name.prefix.as_deref() {
            Some(hint) if is_ncname(hint) && !taken(hint) => hint.to_owned(),
            _ => (1..).map(|n| format!("ns{n}")).find(|p| !taken(p)).unwrap_or_default(),
        };
        self.bindings.push((prefix.clone(), uri.to_owned()));
        Qualified { text: format!("{prefix}:{}", name.local), declare: Some((prefix, uri.to_owned())) }
    }
}

fn is_ncname(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || "_-.".contains(c))
}

/// Appends `text` escaped for element content or (with `attr`) a double-quoted attribute value.
/// Characters XML cannot carry at all (most C0 controls, U+FFFE, U+FFFF) become U+FFFD, so the output
/// is always well-formed.
pub(crate) fn escape(out: &mut String, text: &str, attr: bool) {
    let bytes = text.as_bytes();
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let replacement = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'\r' => "&#13;",
            b'"' if attr => "&quot;",
            b'\n' if attr => "&#10;",
            b'\t' if attr => "&#9;",
            b'\t' | b'\n' => continue,
            0..=0x1f => "\u{FFFD}",
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF in UTF-8.
            0xbe | 0xbf if i >= 2 && bytes[i - 2] == 0xef && bytes[i - 1] == 0xbf => {
                out.push_str(&text[run..i - 2]);
                out.push('\u{FFFD}');
                run = i + 1;
                continue;
            }
            _ => continue,
        };
        out.push_str(&text[run..i]);
        out.push_str(replacement);
        run = i + 1;
    }
    out.push_str(&text[run..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_what_xml_can_carry() {
        let mut out = String::new();
        escape(&mut out, "a<b&c>\"d\"\r\n\t\u{1}\u{FFFF}é", false);
        assert_eq!(out, "a&lt;b&amp;c&gt;\"d\"&#13;\n\t\u{FFFD}\u{FFFD}é");
        let mut out = String::new();
        escape(&mut out, "\"x\"\n\t", true);
        assert_eq!(out, "&quot;x&quot;&#10;&#9;");
    }
}
