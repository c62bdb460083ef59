//! usersRequest (RFC 6503 section 5.3.5).

use ccmp::xcon::Users;

use super::{Ctx, Reply};
use crate::failure::{Failure, Outcome};

pub async fn users(_ctx: &Ctx<'_>, _info: Option<&Users>) -> Outcome<Reply> {
    Err(Failure::new(ccmp::ResponseCode::NotImplemented, "usersRequest is not implemented yet"))
}
