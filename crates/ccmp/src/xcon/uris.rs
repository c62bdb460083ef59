use super::State;
use crate::unknown::Unknown;

/// A list of URIs (RFC 4575 uris-type): conf-uris, service-uris, associated-aors, sidebars-by-ref, and
/// the blueprint and conference lists of CCMP.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Uris {
    pub state: Option<State>,
    pub entries: Vec<UriEntry>,
    pub unknown: Unknown,
}

impl Uris {
    pub fn new(entries: Vec<UriEntry>) -> Self {
        Uris { entries, ..Default::default() }
    }

    /// The entry for this URI, compared case-insensitively.
    pub fn find(&self, uri: &str) -> Option<&UriEntry> {
        self.entries.iter().find(|e| e.uri.trim().eq_ignore_ascii_case(uri.trim()))
    }
}

/// One URI with its label (RFC 4575 uri-type).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UriEntry {
    pub uri: String,
    pub display_text: Option<String>,
    pub purpose: Option<String>,
    pub modified: Option<Box<Execution>>,
    pub unknown: Unknown,
}

impl UriEntry {
    pub fn new(uri: impl Into<String>) -> Self {
        UriEntry { uri: uri.into(), ..Default::default() }
    }
    pub fn with_display_text(mut self, text: impl Into<String>) -> Self {
        self.display_text = Some(text.into());
        self
    }
    pub fn with_purpose(mut self, text: impl Into<String>) -> Self {
        self.purpose = Some(text.into());
        self
    }
}

/// When, why and by whom something happened (RFC 4575 execution-type).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Execution {
    /// An `xs:dateTime`, kept as written.
    pub when: Option<String>,
    pub reason: Option<String>,
    pub by: Option<String>,
    pub unknown: Unknown,
}
