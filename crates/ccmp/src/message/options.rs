use super::MessageKind;
use crate::unknown::Unknown;
use crate::xcon::Operation;

/// What a server supports (RFC 6503 section 5.3.12 options-type).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The standard messages; the schema wants 1 to 10.
    pub standard_messages: Vec<StandardMessage>,
    /// Foreign content of `standard-message-list`.
    pub standard_list_unknown: Unknown,
    pub extended_message_list: Option<ExtendedMessageList>,
    pub unknown: Unknown,
}

impl Options {
    /// The entry for a kind of request, if the server lists it.
    pub fn standard(&self, kind: MessageKind) -> Option<&StandardMessage> {
        self.standard_messages.iter().find(|m| m.name == kind)
    }

    /// The extension with this name, if the server lists it.
    pub fn extended(&self, name: &str) -> Option<&ExtendedMessage> {
        self.extended_message_list.as_ref()?.messages.iter().find(|m| m.name.trim() == name)
    }
}

/// One supported standard request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StandardMessage {
    pub name: MessageKind,
    /// The operations supported; absent means all the request takes.
    pub operations: Option<Vec<Operation>>,
    pub schema_def: Option<String>,
    pub description: Option<String>,
    pub unknown: Unknown,
}

impl StandardMessage {
    pub fn new(name: MessageKind, operations: Option<Vec<Operation>>) -> Self {
        StandardMessage { name, operations, schema_def: None, description: None, unknown: Unknown::default() }
    }

    /// Whether the server says it supports `op` for this message.
    pub fn supports(&self, op: Operation) -> bool {
        self.operations.as_ref().is_none_or(|ops| ops.contains(&op))
    }
}

/// The extensions a server supports.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExtendedMessageList {
    /// The schema allows at most one; more are kept and written, but do not validate.
    pub messages: Vec<ExtendedMessage>,
    pub unknown: Unknown,
}

/// One supported extension, reached through extendedRequest with `extensionName` = `name`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExtendedMessage {
    pub name: String,
    pub operations: Option<Vec<Operation>>,
    /// Required by the schema.
    pub schema_def: String,
    pub description: Option<String>,
    pub unknown: Unknown,
}
