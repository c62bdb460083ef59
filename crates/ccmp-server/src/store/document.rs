//! How a document is kept in the database: the XML the protocol crate writes for it (a confResponse
//! wrapping the conference-type element), so that everything a peer sent, extensions included, is kept.

use ccmp::message::Payload;
use ccmp::xcon::Conference;
use ccmp::{Response, ResponseBody, ResponseCode};

pub fn encode(doc: &Conference) -> String {
    Response::new("", ResponseCode::Success, ResponseBody::Conf(Payload::new(Some(doc.clone())))).to_xml()
}

pub fn decode(text: &str) -> Result<Conference, String> {
    let response = ccmp::decode_response(text).map_err(|e| e.to_string())?;
    response.body.conference().cloned().ok_or_else(|| "no conference document".to_owned())
}

/// The name the conference element has in [`encode`]'s text.
pub const ELEMENT: &str = "confInfo";

/// Where the element `name` (unqualified, as the encoder writes CCMP payloads) lies in `xml`.
pub fn element_range(xml: &str, name: &str) -> Option<std::ops::Range<usize>> {
    let start = xml.find(&format!("<{name} ")).or_else(|| xml.find(&format!("<{name}>")))?;
    let close = format!("</{name}>");
    match xml.rfind(&close) {
        Some(end) if end > start => Some(start..end + close.len()),
        // Self-closed: `>` never appears raw inside attribute values, so the first `/>` ends the tag.
        _ => xml[start..].find("/>").map(|end| start..start + end + 2),
    }
}
