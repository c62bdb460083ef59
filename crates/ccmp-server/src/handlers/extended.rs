//! extendedRequest (RFC 6503 section 5.3.11) and the one extension this server knows: the conference
//! summary of RFC 6503 section 6.9. Any other extension is 501.

use ccmp::message::Extended;
use ccmp::unknown::AnyElement;
use ccmp::xcon::Operation;
use ccmp::{ResponseBody, ResponseCode};

use super::{Ctx, Reply};
use crate::failure::{Failure, Outcome};

/// The extension's name as the options list it; the RFC's own request example spells it
/// `confRequestSummary`, which is accepted too (and answered under that name).
pub const CONF_SUMMARY: &str = "confSummaryRequest";
const CONF_SUMMARY_ALIAS: &str = "confRequestSummary";
pub const SCHEMA_DEF: &str = "http://example.com/ccmp-extension-schema.xsd";
/// The namespace of the summary element (RFC 6503 section 6.9).
pub const NAMESPACE: &str = "http://example.com/ccmp-extension";

pub async fn extended(ctx: &Ctx<'_>, request: &Extended) -> Outcome<Reply> {
    let name = request.extension_name.trim();
    if name != CONF_SUMMARY && name != CONF_SUMMARY_ALIAS {
        return Err(Failure::new(ResponseCode::NotImplemented, format!("this server knows no extension {name:?}")));
    }
    if ctx.request.operation != Some(Operation::Retrieve) {
        return Err(Failure::forbidden("confSummaryRequest only retrieves"));
    }
    let object = ctx.conference(ctx.conf_obj_id()?)?;
    ctx.check_password(&object).await?;
    let doc = &object.doc;
    let description = doc.description.as_ref();
    let title = doc.display_text().unwrap_or("").to_owned();
    let active = doc.conference_state.as_ref().and_then(|s| s.active).unwrap_or(false);
    let users = doc.users.as_ref();
    let closed =
        users.and_then(|u| u.user_admission_policy.as_ref()).is_some_and(|p| p.as_str() == "closedAuthenticated");
    let public = object.password_hash.is_none() && !closed;
    let media: Vec<&str> = description
        .and_then(|d| d.available_media.as_ref())
        .map(|m| m.entries.iter().map(|e| e.media_type.trim()).collect())
        .unwrap_or_default();
    let leaf = |name: &str, text: &str| AnyElement::new(None, name).with_text(text);
    let summary = AnyElement::new(Some(NAMESPACE), "confSummary")
        .with_child(leaf("title", &title))
        .with_child(leaf("status", if active { "active" } else { "inactive" }))
        .with_child(leaf("public", if public { "true" } else { "false" }))
        .with_child(leaf("media", &media.join(" ")));
    // The pair carries the one name (RFC 6503 section 5.3.11, `CCMP.md` section 2): the answer names the
    // extension as the request did, alias included (the RFC's example answers its `confRequestSummary` with
    // `confSummaryRequest`, and a client that matches the name it sent found none).
    let body =
        Extended { extension_name: request.extension_name.clone(), elements: vec![summary], ..Default::default() };
    Ok(Reply::new(ResponseBody::Extended(body)).version(object.version()))
}
