//! The capability matrix: which messages and operations the server says it supports (optionsResponse),
//! or RFC 6503's base set when it does not answer options. Disabled actions explain themselves from here.

use ccmp::message::Options;
use ccmp::xcon::Operation;
use ccmp::MessageKind;

/// Where the matrix came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The server's optionsResponse.
    Options,
    /// The server did not answer options usefully; `why` says how.
    AssumedBase { why: String },
}

/// Whether an operation applies to a message at all (the list requests take none; usersRequest only
/// retrieve and update; blueprintRequest only retrieve).
pub fn applicable(kind: MessageKind, op: Operation) -> bool {
    use MessageKind::*;
    match kind {
        Blueprints | Confs | SidebarsByVal | SidebarsByRef | Options => false,
        Blueprint => op == Operation::Retrieve,
        Users => matches!(op, Operation::Retrieve | Operation::Update),
        Conf | User | SidebarByVal | SidebarByRef | Extended => true,
    }
}

/// The ten standard messages of RFC 6503 (extendedRequest and optionsRequest are not in the list).
pub const STANDARD: [MessageKind; 10] = [
    MessageKind::Blueprints,
    MessageKind::Blueprint,
    MessageKind::Confs,
    MessageKind::Conf,
    MessageKind::Users,
    MessageKind::User,
    MessageKind::SidebarsByVal,
    MessageKind::SidebarByVal,
    MessageKind::SidebarsByRef,
    MessageKind::SidebarByRef,
];

pub const OPERATIONS: [Operation; 4] = [Operation::Retrieve, Operation::Create, Operation::Update, Operation::Delete];

/// What one cell of the matrix says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Supported,
    Unsupported,
    NotApplicable,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capabilities {
    pub source: Source,
    /// Each supported message with its operations (`None`: every operation it takes).
    messages: Vec<(MessageKind, Option<Vec<Operation>>)>,
    /// The extensions (extendedRequest `extensionName`s) the server lists.
    pub extensions: Vec<Extension>,
}

/// One extension the server lists, with the operations it takes (`None`: the server did not say).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    pub name: String,
    pub operations: Option<Vec<Operation>>,
}

impl Extension {
    /// Whether the server lists `op` for this extension (any operation when it lists none).
    pub fn takes(&self, op: Operation) -> bool {
        self.operations.as_ref().is_none_or(|ops| ops.contains(&op))
    }
}

impl Capabilities {
    /// From an optionsResponse. An options document listing no standard message at all is treated as
    /// no answer: a server that truly supported nothing could not be used anyway.
    pub fn from_options(options: &Options) -> Capabilities {
        if options.standard_messages.is_empty() {
            return Self::base_set("its optionsResponse listed no standard message");
        }
        let messages = options.standard_messages.iter().map(|m| (m.name, m.operations.clone())).collect();
        let extensions = options
            .extended_message_list
            .iter()
            .flat_map(|l| &l.messages)
            .map(|m| Extension { name: m.name.trim().to_owned(), operations: m.operations.clone() })
            .filter(|e| !e.name.is_empty())
            .collect();
        Capabilities { source: Source::Options, messages, extensions }
    }

    /// RFC 6503's base set: the ten standard messages with every operation they take, no extension.
    pub fn base_set(why: impl Into<String>) -> Capabilities {
        Capabilities {
            source: Source::AssumedBase { why: why.into() },
            messages: STANDARD.iter().map(|k| (*k, None)).collect(),
            extensions: Vec::new(),
        }
    }

    /// `Ok` when the request may be sent; otherwise the reason to show on the disabled action.
    pub fn check(&self, kind: MessageKind, op: Option<Operation>) -> Result<(), String> {
        if kind == MessageKind::Options {
            return Ok(());
        }
        if kind == MessageKind::Extended {
            return match op {
                _ if self.extensions.is_empty() => Err("The server lists no extension.".to_owned()),
                Some(op) if !self.extensions.iter().any(|e| e.takes(op)) => {
                    Err(format!("None of the server's extensions takes the {} operation.", op.as_str()))
                }
                _ => Ok(()),
            };
        }
        let Some((_, ops)) = self.messages.iter().find(|(k, _)| *k == kind) else {
            return Err(format!("The server does not list {} among the messages it supports.", kind.request_name()));
        };
        match (op, ops) {
            (Some(op), Some(ops)) if !ops.contains(&op) => {
                let listed: Vec<&str> = ops.iter().map(|o| o.as_str()).collect();
                let listed = if listed.is_empty() { "none".to_owned() } else { listed.join(", ") };
                Err(format!(
                    "The server supports {} but not the {} operation (it lists: {listed}).",
                    kind.request_name(),
                    op.as_str()
                ))
            }
            _ => Ok(()),
        }
    }

    /// One cell of the matrix.
    pub fn cell(&self, kind: MessageKind, op: Operation) -> Cell {
        if !applicable(kind, op) {
            return Cell::NotApplicable;
        }
        match self.check(kind, Some(op)) {
            Ok(()) => Cell::Supported,
            Err(_) => Cell::Unsupported,
        }
    }

    /// Whether a list message (no operations) is supported.
    pub fn supports(&self, kind: MessageKind) -> bool {
        self.check(kind, None).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ccmp::message::{ExtendedMessage, ExtendedMessageList, StandardMessage};

    fn options() -> Options {
        Options {
            standard_messages: vec![
                StandardMessage::new(MessageKind::Confs, None),
                StandardMessage::new(MessageKind::Conf, Some(vec![Operation::Retrieve, Operation::Update])),
            ],
            extended_message_list: Some(ExtendedMessageList {
                messages: vec![ExtendedMessage {
                    name: " recording ".into(),
                    operations: Some(vec![Operation::Retrieve, Operation::Update]),
                    ..Default::default()
                }],
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn options_decide_what_is_enabled() {
        let caps = Capabilities::from_options(&options());
        assert_eq!(caps.source, Source::Options);
        assert_eq!(caps.check(MessageKind::Conf, Some(Operation::Update)), Ok(()));
        let why = caps.check(MessageKind::Conf, Some(Operation::Delete)).unwrap_err();
        assert_eq!(why, "The server supports confRequest but not the delete operation (it lists: retrieve, update).");
        assert!(caps.check(MessageKind::Blueprints, None).unwrap_err().contains("does not list blueprintsRequest"));
        assert!(caps.supports(MessageKind::Confs));
        assert!(caps.supports(MessageKind::Extended));
        let recording =
            Extension { name: "recording".into(), operations: Some(vec![Operation::Retrieve, Operation::Update]) };
        assert_eq!(caps.extensions, [recording]);
        assert_eq!(caps.cell(MessageKind::Extended, Operation::Update), Cell::Supported);
        let why = caps.check(MessageKind::Extended, Some(Operation::Delete)).unwrap_err();
        assert_eq!(why, "None of the server's extensions takes the delete operation.");
        assert_eq!(caps.cell(MessageKind::Conf, Operation::Create), Cell::Unsupported);
        assert_eq!(caps.cell(MessageKind::Confs, Operation::Create), Cell::NotApplicable);
    }

    #[test]
    fn base_set_is_the_ten_standard_messages() {
        let caps = Capabilities::base_set("501");
        for kind in STANDARD {
            for op in OPERATIONS {
                let expected = if applicable(kind, op) { Cell::Supported } else { Cell::NotApplicable };
                assert_eq!(caps.cell(kind, op), expected, "{kind:?} {op:?}");
            }
        }
        assert!(!caps.supports(MessageKind::Extended));
        assert_eq!(caps.cell(MessageKind::Users, Operation::Delete), Cell::NotApplicable);
    }

    #[test]
    fn empty_options_fall_back_to_the_base_set() {
        let caps = Capabilities::from_options(&Options::default());
        assert!(matches!(caps.source, Source::AssumedBase { .. }));
        assert!(caps.supports(MessageKind::Blueprints));
    }
}
