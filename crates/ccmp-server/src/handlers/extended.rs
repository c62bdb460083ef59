//! extendedRequest (RFC 6503 section 5.3.11).

use ccmp::message::Extended;

use super::{Ctx, Reply};
use crate::failure::{Failure, Outcome};

/// The one extension: RFC 6503 section 6.9's conference summary.
pub const CONF_SUMMARY: &str = "confSummaryRequest";
pub const SCHEMA_DEF: &str = "http://example.com/ccmp-extension-schema.xsd";

pub async fn extended(_ctx: &Ctx<'_>, _e: &Extended) -> Outcome<Reply> {
    Err(Failure::new(ccmp::ResponseCode::NotImplemented, "extensions are not implemented yet"))
}
