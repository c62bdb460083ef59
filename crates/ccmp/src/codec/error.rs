use std::fmt;

/// Why a document is not a CCMP message, and where: line and column of the place the decoder stopped,
/// and the path of elements it was in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub kind: DecodeErrorKind,
    /// 1-based line of the offending place.
    pub line: u32,
    /// 1-based column (in characters) of the offending place.
    pub column: u32,
    /// The elements enclosing it, as `/ccmpRequest/ccmpRequest/operation`; empty at the top level.
    pub path: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)?;
        if !self.path.is_empty() {
            write!(f, " (in {})", self.path)?;
        }
        write!(f, ": {}", self.kind)
    }
}

impl std::error::Error for DecodeError {}

/// What was wrong with a document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeErrorKind {
    #[error("the document is empty")]
    Empty,
    #[error("not well-formed XML: {0}")]
    Syntax(String),
    #[error("document type declarations (DTDs) are refused: CCMP needs no entities")]
    Dtd,
    #[error("elements are nested deeper than {0} levels")]
    TooDeep(usize),
    #[error("content after the end of the root element")]
    TrailingContent,
    #[error("expected {expected}, found <{found}>")]
    UnexpectedRoot { expected: &'static str, found: String },
    #[error("{0:?} is not a CCMP message type")]
    UnknownMessageType(String),
    #[error("the message type says {declared} but the message holds <{found}>")]
    BodyMismatch { declared: &'static str, found: String },
    #[error("missing <{0}>")]
    MissingElement(&'static str),
    #[error("<{element}> holds {value:?}, which is not {expected}")]
    InvalidValue { element: &'static str, value: String, expected: &'static str },
    /// A value of the data model that does not parse as its type: `name` is `info:locked`, or `state on
    /// info:user` for an attribute. Only a strict decoder refuses it (`decode_request_strict`).
    #[error("{name} holds {value:?}, which is not a value the XCON data model (RFC 4575, RFC 6501) takes there")]
    RefusedValue { name: String, value: String },
    #[error("expected text inside <{0}>, found an element")]
    ElementInText(String),
}
