//! A small read-only tree of a conference document for XPath: elements with local names, attributes
//! and text.

use ccmp::xcon::Conference;
use quick_xml::events::Event;

pub struct Node {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Child>,
    pub parent: Option<usize>,
}

pub enum Child {
    Element(usize),
    Text(String),
}

/// Node 0 is the document root (no name); node 1, when present, the conference element.
pub struct Dom {
    pub nodes: Vec<Node>,
}

fn local(name: &[u8]) -> String {
    let name = String::from_utf8_lossy(name);
    name.rsplit(':').next().unwrap_or_default().to_owned()
}

impl Dom {
    /// The tree of `doc` as the encoder writes it, rooted at a `conference-info` element.
    pub fn of(doc: &Conference) -> Dom {
        let xml = crate::store::encode_document(doc);
        let mut dom = Dom { nodes: vec![Node { name: String::new(), attrs: vec![], children: vec![], parent: None }] };
        let mut reader = quick_xml::Reader::from_str(&xml);
        let mut stack: Vec<usize> = Vec::new();
        let mut inside = false;
        while let Ok(event) = reader.read_event() {
            match event {
                Event::Start(e) | Event::Empty(e) if !inside && local(e.name().as_ref()) != "confInfo" => {
                    let _ = e;
                }
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let is_empty = matches!(event, Event::Empty(_));
                    let mut name = local(e.name().as_ref());
                    if !inside {
                        inside = true;
                        name = "conference-info".to_owned();
                    }
                    let attrs = e
                        .attributes()
                        .flatten()
                        .filter(|a| !a.key.as_ref().starts_with(b"xmlns"))
                        .map(|a| {
                            (local(a.key.as_ref()), a.unescape_value().map(|v| v.into_owned()).unwrap_or_default())
                        })
                        .collect();
                    let parent = stack.last().copied().unwrap_or(0);
                    let index = dom.nodes.len();
                    dom.nodes.push(Node { name, attrs, children: vec![], parent: Some(parent) });
                    dom.nodes[parent].children.push(Child::Element(index));
                    if !is_empty {
                        stack.push(index);
                    } else if stack.is_empty() {
                        break;
                    }
                }
                Event::Text(t) if inside => {
                    if let (Some(&top), Ok(text)) = (stack.last(), t.xml10_content()) {
                        dom.nodes[top].children.push(Child::Text(text.into_owned()));
                    }
                }
                Event::GeneralRef(r) if inside => {
                    let text = match r.as_ref() {
                        b"amp" => "&".to_owned(),
                        b"lt" => "<".to_owned(),
                        b"gt" => ">".to_owned(),
                        b"quot" => "\"".to_owned(),
                        b"apos" => "'".to_owned(),
                        _ => r.resolve_char_ref().ok().flatten().map(String::from).unwrap_or_default(),
                    };
                    if let Some(&top) = stack.last() {
                        dom.nodes[top].children.push(Child::Text(text));
                    }
                }
                Event::End(_) if inside => {
                    stack.pop();
                    if stack.is_empty() {
                        break;
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        dom
    }

    /// The string-value of an element: all the text inside it.
    pub fn text(&self, node: usize) -> String {
        let mut out = String::new();
        self.collect_text(node, &mut out);
        out
    }

    fn collect_text(&self, node: usize, out: &mut String) {
        for child in &self.nodes[node].children {
            match child {
                Child::Text(t) => out.push_str(t),
                Child::Element(e) => self.collect_text(*e, out),
            }
        }
    }

    pub fn element_children(&self, node: usize) -> impl Iterator<Item = usize> + '_ {
        self.nodes[node].children.iter().filter_map(|c| match c {
            Child::Element(e) => Some(*e),
            Child::Text(_) => None,
        })
    }

    /// Every element below `node`, in document order.
    pub fn descendants(&self, node: usize, out: &mut Vec<usize>) {
        for child in self.element_children(node) {
            out.push(child);
            self.descendants(child, out);
        }
    }
}
