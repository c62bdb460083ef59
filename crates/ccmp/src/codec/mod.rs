//! The XML codec: [`decode_request`], [`decode_response`] and [`decode`] read any CCMP message a real
//! peer sends (`CCMP.md` section 8); [`encode_request`] and [`encode_response`] write messages that
//! validate against the RFC 6503 schema.

mod decode;
mod encode;
mod error;
mod pretty;
mod reader;
mod writer;

pub use error::{DecodeError, DecodeErrorKind};
pub use pretty::pretty_print;
pub use reader::MAX_DEPTH;

use crate::message::{Request, Response};
use crate::xcon::Conference;

/// A CCMP message of either direction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Request(Request),
    Response(Response),
}

/// Decodes a `ccmpRequest`.
pub fn decode_request(xml: &str) -> Result<Request, DecodeError> {
    decode::request(xml, false)
}

/// Decodes a `ccmpRequest` as a server takes one: a data-model value that does not parse as its type
/// (`<info:locked>maybe</info:locked>`, a media status of `loud`, `state="gone"`) is an error. The lenient
/// decoder keeps it as unknown content, which a server would store and send back beside the value it holds,
/// in every later answer, none of them valid against the schema (QA).
pub fn decode_request_strict(xml: &str) -> Result<Request, DecodeError> {
    decode::request(xml, true)
}

/// Decodes a `ccmpResponse`.
pub fn decode_response(xml: &str) -> Result<Response, DecodeError> {
    decode::response(xml)
}

/// Decodes a message of either direction.
pub fn decode(xml: &str) -> Result<Message, DecodeError> {
    decode::message(xml)
}

/// Decodes a conference-info document: a conference object on its own, as a server stores it or a
/// conference event package carries it.
pub fn decode_conference_info(xml: &str) -> Result<Conference, DecodeError> {
    decode::conference_info(xml)
}

/// Encodes a conference object as a conference-info document (compact).
pub fn encode_conference_info(conference: &Conference) -> String {
    encode::conference_info(conference, false)
}

/// Encodes a request compactly, for the wire.
pub fn encode_request(request: &Request) -> String {
    encode::request(request, false)
}

/// Encodes a response compactly, for the wire.
pub fn encode_response(response: &Response) -> String {
    encode::response(response, false)
}

/// Encodes either direction, indented for people to read (`ccmp fmt`, the panel's console).
pub fn encode_pretty(message: &Message) -> String {
    match message {
        Message::Request(r) => encode::request(r, true),
        Message::Response(r) => encode::response(r, true),
    }
}

impl Request {
    /// The wire encoding; see [`encode_request`].
    pub fn to_xml(&self) -> String {
        encode_request(self)
    }
}

impl Response {
    /// The wire encoding; see [`encode_response`].
    pub fn to_xml(&self) -> String {
        encode_response(self)
    }
}
