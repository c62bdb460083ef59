//! usersRequest (RFC 6503 section 5.3.5): the users element as a whole, with the admission settings
//! (allowed and deny lists, join-handling, user-admission-policy).

use ccmp::message::Payload;
use ccmp::xcon::{Operation, Users};
use ccmp::{RequestBody, ResponseBody};

use super::shared::{manages_or_parent, register_users, resolve};
use super::{Ctx, Reply};
use crate::conference::{bump, check_user_cap, drop_gone_from_sidebars, recount};
use crate::failure::{Failure, Outcome};
use crate::merge;
use crate::store::Kind;

pub async fn users(ctx: &Ctx<'_>, info: Option<&Users>) -> Outcome<Reply> {
    let uri = ctx.conf_obj_id()?.to_owned();
    let object = ctx.conference(&uri)?;
    ctx.check_password(&object).await?;
    if ctx.request.operation == Some(Operation::Retrieve) {
        let users = object.doc.users.clone().unwrap_or_default();
        return Ok(Reply::new(ResponseBody::Users(Payload::new(Some(users)))).version(object.version()));
    }
    if info.is_none() {
        return Err(Failure::bad_request("a usersRequest update needs usersInfo holding the changes"));
    }
    let (sender, domain, target) = (ctx.sender.clone(), ctx.domain().to_owned(), uri.clone());
    let request = ctx.request.clone();
    let max_users = ctx.state.config.max_users;
    let (version, generated) = ctx
        .state
        .store
        .write(ctx.deadline, move |tx| {
            let current = tx.object(&target).filter(|o| o.kind == Kind::Conference);
            let current = current.ok_or_else(|| Failure::not_found(format!("no conference {target}")))?;
            if !manages_or_parent(tx, &sender, &current) {
                return Err(Failure::unauthorized(format!(
                    "only a moderator or administrator of {target} may change its users"
                )));
            }
            // Placeholders are resolved here as in a create (QA: an allowed-users-list target
            // `xcon-userid:AUTO_GENERATE_1@...` was stored as written, and another domain's was a 200).
            let resolved = resolve(tx, &request, &domain)?;
            let RequestBody::Users(Payload { info: Some(changes), .. }) = &resolved.request.body else {
                return Err(Failure::internal("a usersRequest update lost its usersInfo"));
            };
            let mut next = (*current).clone();
            merge::users(next.doc.users.get_or_insert_with(Default::default), changes)?;
            recount(&mut next.doc);
            drop_gone_from_sidebars(&mut next.doc, &current.doc);
            check_user_cap(&current.doc, &next.doc, max_users)?;
            // The users as stored tell the values generated for the placeholders (as
            // `conf::Updated::reply` does for a conference).
            let told = !resolved.values.is_empty();
            if next.doc == current.doc {
                return Ok((current.version(), told.then(|| current.doc.users.clone().unwrap_or_default())));
            }
            let version = bump(&mut next.doc);
            register_users(tx, &next.doc, &domain);
            let generated = told.then(|| next.doc.users.clone().unwrap_or_default());
            tx.put(next);
            Ok((version, generated))
        })
        .await?;
    Ok(Reply::new(ResponseBody::Users(Payload::new(generated))).object(uri).version(version))
}
