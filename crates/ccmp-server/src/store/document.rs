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
