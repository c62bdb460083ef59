//! blueprintsRequest and blueprintRequest (RFC 6503 sections 5.3.1 and 5.3.2).

use ccmp::message::{ListRequest, Payload};
use ccmp::{MessageKind, ResponseBody};

use super::{Ctx, Reply};
use crate::conference::{list_entry, uri_list};
use crate::failure::{Failure, Outcome};
use crate::store::Kind;
use crate::xpath::Filter;

/// The blueprints on offer, those an xpathFilter selects when there is one.
pub fn list(ctx: &Ctx<'_>, list: &ListRequest) -> Outcome<Reply> {
    let filter = Filter::from_request(list.xpath_filter.as_deref())?;
    let blueprints = ctx.state.store.read().list(Kind::Blueprint);
    let entries = blueprints.iter().filter(|b| filter.matches(&b.doc)).map(|b| list_entry(b)).collect();
    ctx.check_deadline()?;
    Ok(Reply::new(ResponseBody::Blueprints(Payload::new(uri_list(entries)))))
}

/// One blueprint's whole document; a conference URI is 404.
pub fn retrieve(ctx: &Ctx<'_>) -> Outcome<Reply> {
    let uri = ctx.conf_obj_id()?;
    let blueprint = match ctx.state.store.read().object(uri) {
        Some(o) if o.kind == Kind::Blueprint => o.clone(),
        Some(_) => return Err(Failure::not_found(format!("{uri} is a conference, not a blueprint"))),
        None => return Err(Failure::not_found(format!("no blueprint {uri}"))),
    };
    Ok(Reply::document(MessageKind::Blueprint, &blueprint))
}
