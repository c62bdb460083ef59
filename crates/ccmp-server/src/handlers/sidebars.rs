//! Sidebars by value and by reference (RFC 6503 sections 5.3.7 to 5.3.10).

use ccmp::message::ListRequest;
use ccmp::xcon::Conference;

use super::{Ctx, Reply};
use crate::failure::{Failure, Outcome};

fn later() -> Failure {
    Failure::new(ccmp::ResponseCode::NotImplemented, "sidebars are not implemented yet")
}

pub async fn list_by_val(_ctx: &Ctx<'_>, _list: &ListRequest) -> Outcome<Reply> {
    Err(later())
}
pub async fn list_by_ref(_ctx: &Ctx<'_>, _list: &ListRequest) -> Outcome<Reply> {
    Err(later())
}
pub async fn by_val(_ctx: &Ctx<'_>, _info: Option<&Conference>) -> Outcome<Reply> {
    Err(later())
}
pub async fn by_ref(_ctx: &Ctx<'_>, _info: Option<&Conference>) -> Outcome<Reply> {
    Err(later())
}
