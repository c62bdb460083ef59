//! userRequest (RFC 6503 section 5.3.6).

use ccmp::xcon::User;

use super::{Ctx, Reply};
use crate::failure::{Failure, Outcome};

pub async fn user(_ctx: &Ctx<'_>, _info: Option<&User>) -> Outcome<Reply> {
    Err(Failure::new(ccmp::ResponseCode::NotImplemented, "userRequest is not implemented yet"))
}
