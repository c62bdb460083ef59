//! What the model does not know: foreign elements and attributes, kept where they stood so that a
//! decode-then-encode of a peer's document loses nothing.

/// A namespace-qualified name. `ns` is `None` for names in no namespace. `prefix` is only a hint for the
/// encoder (to write the peer's own prefix back); it takes no part in equality.
#[derive(Debug, Clone, Default)]
pub struct QName {
    pub ns: Option<String>,
    pub local: String,
    pub prefix: Option<String>,
}

impl QName {
    pub fn new(ns: Option<&str>, local: &str) -> Self {
        QName { ns: ns.map(str::to_owned), local: local.to_owned(), prefix: None }
    }
}

impl PartialEq for QName {
    fn eq(&self, other: &Self) -> bool {
        self.ns == other.ns && self.local == other.local
    }
}
impl Eq for QName {}

/// An attribute the model does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnyAttr {
    pub name: QName,
    pub value: String,
}

/// A child of an [`AnyElement`]: an element or a run of text (whitespace included, as it stood).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnyNode {
    Element(AnyElement),
    Text(String),
}

/// An element the model does not know, with everything inside it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AnyElement {
    pub name: QName,
    pub attrs: Vec<AnyAttr>,
    pub children: Vec<AnyNode>,
}

impl AnyElement {
    /// An empty element in namespace `ns`.
    pub fn new(ns: Option<&str>, local: &str) -> Self {
        AnyElement { name: QName::new(ns, local), ..Default::default() }
    }

    /// Adds a text child and returns the element, for building payloads in one expression.
    pub fn with_text(mut self, text: impl Into<String>) -> Self {
        self.children.push(AnyNode::Text(text.into()));
        self
    }

    /// Adds an element child and returns the element.
    pub fn with_child(mut self, child: AnyElement) -> Self {
        self.children.push(AnyNode::Element(child));
        self
    }

    /// The concatenated text directly inside this element.
    pub fn text(&self) -> String {
        self.children
            .iter()
            .filter_map(|c| match c {
                AnyNode::Text(t) => Some(t.as_str()),
                AnyNode::Element(_) => None,
            })
            .collect()
    }

    /// The first child element with this local name, whatever its namespace.
    pub fn child(&self, local: &str) -> Option<&AnyElement> {
        self.children.iter().find_map(|c| match c {
            AnyNode::Element(e) if e.name.local == local => Some(e),
            _ => None,
        })
    }
}

/// The unknown content of one modelled element: foreign child elements (which the schema places after
/// the known children) and foreign attributes. Empty in the common case, and then one pointer wide, so
/// that a 10,000-user document stays small in memory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unknown(Option<Box<UnknownContent>>);

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct UnknownContent {
    elements: Vec<AnyElement>,
    attrs: Vec<AnyAttr>,
}

impl Unknown {
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }
    pub fn elements(&self) -> &[AnyElement] {
        self.0.as_deref().map_or(&[], |c| &c.elements)
    }
    pub fn attrs(&self) -> &[AnyAttr] {
        self.0.as_deref().map_or(&[], |c| &c.attrs)
    }
    pub fn push_element(&mut self, element: AnyElement) {
        self.0.get_or_insert_with(Default::default).elements.push(element);
    }
    pub fn push_attr(&mut self, attr: AnyAttr) {
        self.0.get_or_insert_with(Default::default).attrs.push(attr);
    }
}
