//! confsRequest (RFC 6503 section 5.3.3): the conferences (sidebars by reference are listed by their
//! parent, not here).

use ccmp::message::{ListRequest, Payload};
use ccmp::ResponseBody;

use super::{Ctx, Reply};
use crate::conference::{list_entry, uri_list};
use crate::failure::Outcome;
use crate::store::Kind;
use crate::xpath::Filter;

pub fn list(ctx: &Ctx<'_>, list: &ListRequest) -> Outcome<Reply> {
    let filter = Filter::from_request(list.xpath_filter.as_deref())?;
    let conferences = ctx.state.store.read().list(Kind::Conference);
    let entries =
        conferences.iter().filter(|c| c.parent.is_none() && filter.matches(&c.doc)).map(|c| list_entry(c)).collect();
    ctx.check_deadline()?;
    Ok(Reply::new(ResponseBody::Confs(Payload::new(uri_list(entries)))))
}
