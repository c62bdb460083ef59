//! CCMP messages (RFC 6503 section 5): the common parameters of requests and responses and the twelve
//! specialized bodies, one enum per direction.

mod build;
mod kind;
mod options;
mod redact;
mod request;
mod response;

pub use kind::MessageKind;
pub use options::{ExtendedMessage, ExtendedMessageList, Options, StandardMessage};
pub use redact::{redact_text, REDACTED};
pub use request::{Request, RequestBody, Subject};
pub use response::{Response, ResponseBody};

use crate::unknown::{AnyElement, Unknown};

/// The body of the four list requests (blueprints, confs, sidebarsByVal, sidebarsByRef).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListRequest {
    /// An XPath expression selecting what to list.
    pub xpath_filter: Option<String>,
    pub unknown: Unknown,
}

/// A specialized element whose one modelled child is a payload (`confInfo`, `usersInfo`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payload<T> {
    pub info: Option<T>,
    pub unknown: Unknown,
}

impl<T> Default for Payload<T> {
    fn default() -> Self {
        Payload { info: None, unknown: Unknown::default() }
    }
}

impl<T> Payload<T> {
    pub fn new(info: Option<T>) -> Self {
        Payload { info, unknown: Unknown::default() }
    }
}

/// The body of extendedRequest and extendedResponse: the extension's name and its elements.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extended {
    pub extension_name: String,
    /// The extension's own elements (the schema admits any namespace but CCMP's).
    pub elements: Vec<AnyElement>,
    /// Attributes are not in the schema here; kept when a peer sends them anyway.
    pub unknown: Unknown,
}
