//! CCMP, the Centralized Conferencing Manipulation Protocol (RFC 6503), and the XCON data model it
//! carries (RFC 6501 on RFC 4575).
//!
//! - [`message`]: requests and responses, one enum per direction.
//! - [`xcon`]: the conference document: description, state, users, sidebars, floors.
//! - [`registry`]: the IANA message types and response codes.
//! - [`codec`]: a lenient, namespace-aware decoder and a schema-valid encoder.
//! - [`text`]: what of a text shows on screen.
//!
//! The crate does no I/O and knows nothing of HTTP, the DOM or SQL; it builds for wasm32 and native.

pub mod codec;
pub mod ids;
pub mod message;
pub mod ns;
pub mod registry;
pub mod sample;
pub mod text;
pub mod unknown;
pub mod xcon;

pub use codec::{
    decode_request, decode_request_strict, decode_response, encode_request, encode_response, DecodeError, Message,
};
pub use ids::{AutoGenerate, IdError, XconUri, XconUserId};
pub use message::{MessageKind, Request, RequestBody, Response, ResponseBody};
pub use registry::ResponseCode;
