//! A pull reader over quick-xml that resolves namespaces, tracks the element path for errors, and
//! enforces the decoder's limits: no DTD, bounded depth, one root.

use std::borrow::Cow;

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, BytesText, Event};

use super::error::{DecodeError, DecodeErrorKind};
use crate::ns;
use crate::unknown::{AnyAttr, AnyElement, AnyNode, QName, Unknown};

/// Finds namespace declarations among an element's attributes.
static XMLNS: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"xmlns"));

/// Elements nested deeper than this are refused (a CCMP document with sidebars needs about 15).
pub const MAX_DEPTH: usize = 64;

/// The namespace of a name, with the ones the decoder matches on as variants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Ns {
    None,
    /// Either spelling of the CCMP namespace.
    Ccmp,
    Info,
    Xcon,
    Xsi,
    Xml,
    Other(String),
}

impl Ns {
    fn from_uri(uri: &[u8]) -> Ns {
        match uri {
            b if b == ns::CCMP.as_bytes() || b == ns::CCMP_ALT.as_bytes() => Ns::Ccmp,
            b if b == ns::INFO.as_bytes() => Ns::Info,
            b if b == ns::XCON.as_bytes() => Ns::Xcon,
            b if b == ns::XSI.as_bytes() => Ns::Xsi,
            b if b == ns::XML.as_bytes() => Ns::Xml,
            b"" => Ns::None,
            b => Ns::Other(String::from_utf8_lossy(b).into_owned()),
        }
    }

    /// `info:local` or `xcon:local` for a name of the data model, the local name otherwise: how a refusal names
    /// it.
    pub fn data_model_name(&self, local: &str) -> String {
        match self {
            Ns::Info => format!("info:{local}"),
            Ns::Xcon => format!("xcon:{local}"),
            _ => local.to_owned(),
        }
    }

    /// The namespace URI, as the encoder writes it (the CCMP namespace with a dash).
    pub fn uri(&self) -> Option<String> {
        Some(
            match self {
                Ns::None => return None,
                Ns::Ccmp => ns::CCMP,
                Ns::Info => ns::INFO,
                Ns::Xcon => ns::XCON,
                Ns::Xsi => ns::XSI,
                Ns::Xml => ns::XML,
                Ns::Other(uri) => uri,
            }
            .to_owned(),
        )
    }

    /// Unqualified, or (leniently) qualified with the CCMP namespace: how CCMP's own children appear.
    pub fn is_ccmp_local(&self) -> bool {
        matches!(self, Ns::None | Ns::Ccmp)
    }
}

/// An element whose start tag has been read.
pub(crate) struct El<'a> {
    pub ns: Ns,
    local: &'a str,
    start: BytesStart<'a>,
    empty: bool,
    /// Where the start tag begins, and how many elements enclose it, for errors about this element.
    pos: u64,
    depth: usize,
}

impl<'a> El<'a> {
    pub fn local(&self) -> &'a str {
        self.local
    }
    fn prefix(&self) -> Option<String> {
        self.start.name().prefix().map(|p| String::from_utf8_lossy(p.as_ref()).into_owned())
    }
}

/// An attribute of the element just read.
pub(crate) struct Attr<'e> {
    pub ns: Ns,
    pub local: &'e str,
    prefix: Option<&'e str>,
    pub value: Cow<'e, str>,
}

impl Attr<'_> {
    pub fn to_any(&self) -> AnyAttr {
        AnyAttr {
            name: QName { ns: self.ns.uri(), local: self.local.to_owned(), prefix: self.prefix.map(str::to_owned) },
            value: self.value.clone().into_owned(),
        }
    }
}

pub(crate) struct Reader<'a> {
    input: &'a str,
    xml: quick_xml::Reader<&'a [u8]>,
    /// The local names of the open elements, for error paths and the depth limit.
    stack: Vec<&'a str>,
    /// Namespace declarations in scope, innermost last: `(prefix, namespace)`; the default namespace
    /// has the empty prefix. Resolved here rather than by quick-xml's NsReader, which re-reads every
    /// element's attributes looking for declarations: CCMP documents declare namespaces near the root.
    bindings: Vec<(Box<[u8]>, Ns)>,
    /// For each open element, the length of `bindings` before its own declarations.
    marks: Vec<usize>,
    /// The last element read was empty (`<x/>`): it leaves the stack at the next read.
    pop_pending: bool,
    /// Where the last event began, for error positions.
    event_start: u64,
    /// A data-model value that does not parse is an error, not unknown content (see `decode_request_strict`).
    pub strict: bool,
}

pub(crate) type Result<T> = std::result::Result<T, DecodeError>;

impl<'a> Reader<'a> {
    pub fn new(input: &'a str) -> Self {
        let mut xml = quick_xml::Reader::from_str(input);
        xml.config_mut().check_end_names = true;
        Reader {
            input,
            xml,
            stack: Vec::new(),
            bindings: Vec::new(),
            marks: Vec::new(),
            pop_pending: false,
            event_start: 0,
            strict: false,
        }
    }

    /// The document's root element, after any declaration, comments and whitespace.
    pub fn root(&mut self) -> Result<El<'a>> {
        // quick-xml does not check characters; a document with a control character is not XML, and
        // keeping one would make a value that no encoder can write back.
        if let Some((at, c)) = illegal_char(self.input) {
            return Err(self.error_at(
                at as u64,
                0,
                None,
                DecodeErrorKind::Syntax(format!("U+{:04X} is not allowed in XML", c as u32)),
            ));
        }
        loop {
            match self.next()? {
                Next::Start(el) => return Ok(el),
                Next::End => return Err(self.error(DecodeErrorKind::Syntax("an end tag without a start tag".into()))),
                Next::Text(t) if t.trim().is_empty() => {}
                Next::Text(_) => return Err(self.error(DecodeErrorKind::Syntax("text before the root element".into()))),
                Next::Eof => return Err(self.error(DecodeErrorKind::Empty)),
            }
        }
    }

    /// After the root element has been read: nothing but whitespace, comments and PIs may follow.
    pub fn finish(&mut self) -> Result<()> {
        loop {
            match self.next()? {
                Next::Eof => return Ok(()),
                Next::Text(t) if t.trim().is_empty() => {}
                _ => return Err(self.error(DecodeErrorKind::TrailingContent)),
            }
        }
    }

    /// The next child element of `parent`, skipping text (CCMP containers hold no mixed content);
    /// `None` at the parent's end tag.
    pub fn child(&mut self, parent: &El<'a>) -> Result<Option<El<'a>>> {
        if parent.empty {
            return Ok(None);
        }
        loop {
            match self.next()? {
                Next::Start(el) => return Ok(Some(el)),
                Next::End => return Ok(None),
                Next::Text(_) => {}
                Next::Eof => return Err(self.unexpected_eof()),
            }
        }
    }

    /// The attributes of `el`, namespace-resolved, without namespace declarations. Call before reading
    /// any child of `el`: resolution uses the namespaces in scope at `el`.
    pub fn attrs<'e>(&'e self, el: &'e El<'a>) -> impl Iterator<Item = Result<Attr<'e>>> + 'e {
        el.start.attributes().filter_map(move |a| {
            let a = match a {
                Ok(a) => a,
                Err(e) => return Some(Err(self.syntax(e))),
            };
            let key = a.key.as_ref();
            if key == b"xmlns" || key.starts_with(b"xmlns:") {
                return None;
            }
            Some(self.attr(a))
        })
    }

    fn attr<'e>(&'e self, a: Attribute<'e>) -> Result<Attr<'e>> {
        let key = a.key;
        if !is_qname(key.as_ref()) {
            return Err(
                self.syntax(format_args!("{:?} is not an attribute name", String::from_utf8_lossy(key.as_ref())))
            );
        }
        let (ns, prefix) = match key.prefix() {
            // Unprefixed attributes are in no namespace, whatever the default namespace.
            None => (Ns::None, None),
            Some(p) => (self.resolve(p.as_ref())?, std::str::from_utf8(p.into_inner()).ok()),
        };
        let local = std::str::from_utf8(key.local_name().into_inner()).map_err(|e| self.syntax(e))?;
        let value = self.attr_value(&a)?;
        Ok(Attr { ns, local, prefix, value })
    }

    /// An attribute's value with its references resolved; a character reference to a character XML
    /// does not allow (`&#4;`) is refused, as the document check cannot see it.
    fn attr_value<'e>(&self, a: &Attribute<'e>) -> Result<Cow<'e, str>>
    where
        'a: 'e,
    {
        // Without a reference the value is a slice of the input, whose UTF-8 is known good.
        if memchr::memchr(b'&', &a.value).is_none() {
            if let Some(value) = self.input_slice(&a.value) {
                return Ok(Cow::Borrowed(value));
            }
        }
        let value = a.unescape_value().map_err(|e| self.syntax(e))?;
        if let Cow::Owned(v) = &value {
            if let Some(c) = v.chars().find(|c| !is_xml_char(*c)) {
                return Err(self.syntax(format_args!("U+{:04X} is not allowed in XML", c as u32)));
            }
        }
        Ok(value)
    }

    /// The namespace bound to `prefix` (empty for the default namespace) where the reader stands.
    fn resolve(&self, prefix: &[u8]) -> Result<Ns> {
        if let Some((_, ns)) = self.bindings.iter().rev().find(|(p, _)| **p == *prefix) {
            return Ok(ns.clone());
        }
        match prefix {
            b"" => Ok(Ns::None),
            b"xml" => Ok(Ns::Xml),
            _ => Err(self.unknown_prefix(prefix)),
        }
    }

    /// Opens `start`: its namespace declarations come into scope and its name is resolved.
    fn open(&mut self, start: &BytesStart<'a>) -> Result<(Ns, &'a str)> {
        self.marks.push(self.bindings.len());
        // Most elements have no attributes; the others are searched with a finder built once.
        let raw = start.attributes_raw();
        if !raw.is_empty() && XMLNS.find(raw).is_some() {
            for a in start.attributes() {
                let a = a.map_err(|e| self.syntax(e))?;
                let prefix: &[u8] = match a.key.as_ref() {
                    b"xmlns" => b"",
                    key => match key.strip_prefix(b"xmlns:") {
                        Some(p) => p,
                        None => continue,
                    },
                };
                let uri = self.attr_value(&a)?;
                self.bindings.push((prefix.into(), Ns::from_uri(uri.trim().as_bytes())));
            }
        }
        let name = start.name();
        if !is_qname(name.as_ref()) {
            return Err(
                self.syntax(format_args!("{:?} is not an element name", String::from_utf8_lossy(name.as_ref())))
            );
        }
        let ns = self.resolve(name.prefix().map_or(&b""[..], |p| p.into_inner()))?;
        Ok((ns, self.borrow_str(name.local_name().into_inner())))
    }

    /// Closes the innermost open element.
    fn close(&mut self) {
        self.stack.pop();
        if let Some(mark) = self.marks.pop() {
            self.bindings.truncate(mark);
        }
    }

    /// `bytes`, a slice of the input, as a `&'a str` (quick-xml lends names for its own lifetime only).
    fn borrow_str(&self, bytes: &[u8]) -> &'a str {
        self.input_slice(bytes).unwrap_or("")
    }

    /// The part of the input `bytes` is, if it is one (and on character boundaries).
    fn input_slice(&self, bytes: &[u8]) -> Option<&'a str> {
        let offset = (bytes.as_ptr() as usize).wrapping_sub(self.input.as_ptr() as usize);
        self.input.get(offset..offset.checked_add(bytes.len())?)
    }

    /// The text content of a leaf element, entities resolved, whitespace kept.
    pub fn text(&mut self, el: &El<'a>) -> Result<String> {
        self.text_cow(el).map(Cow::into_owned)
    }

    /// [`Reader::text`], borrowed from the input when it holds no entity reference: enumerated and
    /// numeric values are parsed without an allocation.
    pub fn text_cow(&mut self, el: &El<'a>) -> Result<Cow<'a, str>> {
        if el.empty {
            return Ok(Cow::Borrowed(""));
        }
        let mut text = Cow::Borrowed("");
        loop {
            match self.next()? {
                Next::Text(t) => {
                    if text.is_empty() {
                        text = t;
                    } else {
                        text.to_mut().push_str(&t);
                    }
                }
                Next::End => return Ok(text),
                Next::Start(child) => {
                    let name = String::from_utf8_lossy(child.start.name().as_ref()).into_owned();
                    return Err(self.error(DecodeErrorKind::ElementInText(name)));
                }
                Next::Eof => return Err(self.unexpected_eof()),
            }
        }
    }

    /// Consumes `el` and everything inside it.
    pub fn skip(&mut self, el: &El<'a>) -> Result<()> {
        while let Some(child) = self.child(el)? {
            self.skip(&child)?;
        }
        Ok(())
    }

    /// Consumes `el` into an [`AnyElement`], keeping every attribute, element and text run.
    pub fn capture(&mut self, el: &El<'a>) -> Result<AnyElement> {
        let mut any = AnyElement {
            name: QName { ns: el.ns.uri(), local: el.local().to_owned(), prefix: el.prefix() },
            ..Default::default()
        };
        for a in self.attrs(el) {
            any.attrs.push(a?.to_any());
        }
        if el.empty {
            return Ok(any);
        }
        loop {
            match self.next()? {
                Next::Start(child) => any.children.push(AnyNode::Element(self.capture(&child)?)),
                Next::Text(t) => match any.children.last_mut() {
                    Some(AnyNode::Text(prev)) => prev.push_str(&t),
                    _ => any.children.push(AnyNode::Text(t.into_owned())),
                },
                Next::End => return Ok(any),
                Next::Eof => return Err(self.unexpected_eof()),
            }
        }
    }

    /// Captures `el` into `unknown`: how every decoder keeps what it does not model.
    pub fn keep(&mut self, unknown: &mut Unknown, el: &El<'a>) -> Result<()> {
        unknown.push_element(self.capture(el)?);
        Ok(())
    }

    /// An error at the current place.
    pub fn error(&self, kind: DecodeErrorKind) -> DecodeError {
        self.error_at(self.event_start, self.stack.len(), None, kind)
    }

    /// An error about `el`, which may already have been read to its end.
    pub fn error_in(&self, el: &El<'a>, kind: DecodeErrorKind) -> DecodeError {
        self.error_at(el.pos, el.depth, Some(el.local()), kind)
    }

    /// An error at byte `at`, in the first `enclosing` open elements and then `last`.
    fn error_at(&self, at: u64, enclosing: usize, last: Option<&str>, kind: DecodeErrorKind) -> DecodeError {
        let offset = usize::try_from(at).unwrap_or(usize::MAX).min(self.input.len());
        let before = self.input.get(..offset).unwrap_or(self.input);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let mut path = String::new();
        for local in self.stack.iter().take(enclosing) {
            path.push('/');
            path.push_str(local);
        }
        if let Some(last) = last {
            path.push('/');
            path.push_str(last);
        }
        DecodeError { kind, line: to_u32(line), column: to_u32(column), path }
    }

    /// An invalid value in `el`, named `element` in the message.
    pub fn invalid(&self, el: &El<'a>, element: &'static str, value: &str, expected: &'static str) -> DecodeError {
        self.error_in(el, DecodeErrorKind::InvalidValue { element, value: value.to_owned(), expected })
    }

    fn syntax(&self, e: impl std::fmt::Display) -> DecodeError {
        self.error(DecodeErrorKind::Syntax(e.to_string()))
    }

    fn unknown_prefix(&self, prefix: &[u8]) -> DecodeError {
        self.syntax(format_args!("the prefix {:?} is not declared", String::from_utf8_lossy(prefix)))
    }

    fn unexpected_eof(&self) -> DecodeError {
        self.syntax("the document ends inside an element")
    }

    /// The next event the decoders care about.
    fn next(&mut self) -> Result<Next<'a>> {
        if self.pop_pending {
            self.close();
            self.pop_pending = false;
        }
        loop {
            self.event_start = self.xml.buffer_position();
            let event = match self.xml.read_event() {
                Ok(event) => event,
                Err(e) => {
                    self.event_start = self.xml.error_position();
                    return Err(self.syntax(e));
                }
            };
            return Ok(match event {
                Event::Start(start) | Event::Empty(start) if self.stack.len() >= MAX_DEPTH => {
                    drop(start);
                    return Err(self.error(DecodeErrorKind::TooDeep(MAX_DEPTH)));
                }
                Event::Start(start) => self.start(start, false)?,
                Event::Empty(start) => {
                    self.pop_pending = true;
                    self.start(start, true)?
                }
                Event::End(_) => {
                    self.close();
                    Next::End
                }
                Event::Text(t) => Next::Text(self.text_event(t)?),
                Event::CData(c) => Next::Text(c.decode().map_err(|e| self.syntax(e))?),
                Event::GeneralRef(r) => Next::Text(Cow::Owned(self.entity(&r)?.to_string())),
                Event::DocType(_) => return Err(self.error(DecodeErrorKind::Dtd)),
                Event::Decl(_) | Event::Comment(_) | Event::PI(_) => continue,
                Event::Eof => {
                    if !self.stack.is_empty() {
                        return Err(self.unexpected_eof());
                    }
                    Next::Eof
                }
            });
        }
    }

    /// A text run, line ends normalized. A run that is a slice of the input with no carriage return is
    /// lent as it is: the input is a `&str` already, so its UTF-8 need not be checked again.
    fn text_event(&self, t: BytesText<'a>) -> Result<Cow<'a, str>> {
        if memchr::memchr(b'\r', &t).is_none() {
            if let Some(text) = self.input_slice(&t) {
                return Ok(Cow::Borrowed(text));
            }
        }
        t.xml10_content().map_err(|e| self.syntax(e))
    }

    fn start(&mut self, start: BytesStart<'a>, empty: bool) -> Result<Next<'a>> {
        let (ns, local) = self.open(&start)?;
        self.stack.push(local);
        let depth = self.stack.len() - 1;
        Ok(Next::Start(El { ns, local, start, empty, pos: self.event_start, depth }))
    }

    /// A character reference or one of the five predefined entities; nothing else exists without a DTD.
    fn entity(&self, r: &quick_xml::events::BytesRef<'_>) -> Result<char> {
        if let Some(c) = r.resolve_char_ref().map_err(|e| self.syntax(e))? {
            return if is_xml_char(c) {
                Ok(c)
            } else {
                Err(self.syntax(format_args!("U+{:04X} is not allowed in XML", c as u32)))
            };
        }
        match r.as_ref() {
            b"amp" => Ok('&'),
            b"lt" => Ok('<'),
            b"gt" => Ok('>'),
            b"quot" => Ok('"'),
            b"apos" => Ok('\''),
            other => Err(self.syntax(format_args!("unknown entity &{};", String::from_utf8_lossy(other)))),
        }
    }
}

enum Next<'a> {
    Start(El<'a>),
    End,
    Text(Cow<'a, str>),
    Eof,
}

/// A qualified name's shape: `local` or `prefix:local`, neither part empty nor starting with a digit,
/// `-` or `.` (quick-xml splits names but does not check them).
fn is_qname(name: &[u8]) -> bool {
    let ncname = |part: &[u8]| part.first().is_some_and(|b| !b.is_ascii_digit() && !matches!(b, b'-' | b'.' | b':'));
    match memchr::memchr(b':', name) {
        None => ncname(name),
        Some(i) => ncname(&name[..i]) && ncname(&name[i + 1..]) && memchr::memchr(b':', &name[i + 1..]).is_none(),
    }
}

/// The first character XML 1.0 does not allow, and its byte offset.
fn illegal_char(input: &str) -> Option<(usize, char)> {
    // Branch-free, so that the block loop below vectorizes.
    let is_control = |b: u8| (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r');
    // Whole blocks are tested without an early exit; only a block that holds a control character is
    // searched byte by byte.
    let bytes = input.as_bytes();
    let control = bytes
        .chunks(64)
        .enumerate()
        .find(|(_, block)| block.iter().fold(false, |found, &b| found | is_control(b)))
        .and_then(|(n, block)| block.iter().position(|&b| is_control(b)).map(|i| n * 64 + i));
    // U+FFFE and U+FFFF are EF BF BE and EF BF BF: one pass for the (rare) lead byte, then the rest.
    let noncharacter =
        memchr::memchr_iter(0xEF, bytes).find(|&i| matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])));
    let at = [control, noncharacter].into_iter().flatten().min()?;
    input[at..].chars().next().map(|c| (at, c))
}

/// XML 1.0's Char production (Rust strings hold no surrogates).
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..)
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
