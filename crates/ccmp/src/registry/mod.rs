//! The IANA "CCMP Parameters" registries as code (`shared/spec/iana-ccmp-parameters.txt`).
//!
//! Entries are word for word from the registry, except for its evident typos, which are corrected here
//! and listed in [`TYPO_CORRECTIONS`] so that the registry test can tell a correction from a mistake.

mod codes;
mod message_types;

pub use codes::ResponseCode;
pub use message_types::{Direction, MessageType, MESSAGE_TYPES};

/// `(as printed in the registry, as written here)` for every entry this crate corrects.
pub const TYPO_CORRECTIONS: &[(&str, &str)] =
    &[("cannot system cannot delete", "cannot delete"), ("a sideber-by-val conference", "a sidebar-by-val conference")];
