//! userRequest (RFC 6503 section 5.3.6): one user of a conference. Creation has four shapes: a user
//! joins; a moderator adds a known user; a client without an XCON-USERID joins and is issued one; a
//! moderator adds someone new, who is issued one.

use std::sync::Arc;

use ccmp::message::Payload;
use ccmp::xcon::{AdmissionPolicy, Conference, EndpointStatus, JoinHandling, Operation, Roles, User};
use ccmp::{AutoGenerate, RequestBody, ResponseBody, ResponseCode, XconUserId};

use super::shared::{manages_or_parent, resolve};
use super::{Ctx, Reply};
use crate::conference::{bump, check_user_cap, drop_gone_from_sidebars, recount};
use crate::failure::{Failure, Outcome};
use crate::identity::Sender;
use crate::rights::MANAGING_ROLES;
use crate::store::{key, Account, Kind, Object, Tx};
use ccmp::xcon::merge;

pub async fn user(ctx: &Ctx<'_>, info: Option<&User>) -> Outcome<Reply> {
    let uri = ctx.conf_obj_id()?.to_owned();
    let object = ctx.conference(&uri)?;
    ctx.check_password(&object).await?;
    match ctx.request.operation.unwrap_or(Operation::Retrieve) {
        Operation::Retrieve => {
            let target = target(&ctx.sender, info)?;
            let user = find(&object.doc, &target)?;
            Ok(Reply::new(ResponseBody::User(Payload::new(Some(user.clone())))).version(object.version()))
        }
        Operation::Create => create(ctx, uri, info).await,
        Operation::Update => change(ctx, uri, info, Change::Update).await,
        Operation::Delete => change(ctx, uri, info, Change::Delete).await,
    }
}

/// The user a request is about: `userInfo/@entity`, else the sender.
fn target(sender: &Sender, info: Option<&User>) -> Outcome<String> {
    match info.and_then(|u| u.entity.as_deref()).map(str::trim).filter(|e| !e.is_empty()) {
        Some(entity) => Ok(entity.to_owned()),
        None => sender.user_id.clone().ok_or_else(|| Failure::bad_request("confUserID is missing")),
    }
}

fn find<'d>(doc: &'d Conference, entity: &str) -> Outcome<&'d User> {
    doc.users
        .as_ref()
        .and_then(|u| u.find(entity))
        .ok_or_else(|| Failure::user_not_found(format!("{entity} is not a user of {}", doc.entity)))
}

/// Which of the four create shapes a request is.
#[derive(Debug, PartialEq, Eq)]
enum Shape {
    /// The sender joins.
    Join,
    /// A client without an XCON-USERID joins and gets one.
    Anonymous,
    /// A moderator adds a user the server knows.
    Known,
    /// A moderator adds someone new, who gets an XCON-USERID.
    New,
}

fn shape(sender: &Sender, original: Option<&User>) -> Outcome<Shape> {
    let entity = original.and_then(|u| u.entity.as_deref()).map(str::trim).filter(|e| !e.is_empty());
    let placeholder = entity.is_some_and(AutoGenerate::occurs_in);
    match (&sender.user_id, entity) {
        (None, Some(_)) if placeholder => Ok(Shape::Anonymous),
        (None, _) => Err(Failure::bad_request(
            "a client without confUserID joins with userInfo entity xcon-userid:AUTO_GENERATE_1@<domain> and an endpoint",
        )),
        (Some(_), None) => Ok(Shape::Join),
        (Some(_), Some(_)) if placeholder => Ok(Shape::New),
        (Some(me), Some(e)) if key(me) == key(e) => Ok(Shape::Join),
        (Some(_), Some(_)) => Ok(Shape::Known),
    }
}

async fn create(ctx: &Ctx<'_>, uri: String, info: Option<&User>) -> Outcome<Reply> {
    let shape = shape(&ctx.sender, info)?;
    let (sender, request, domain) = (ctx.sender.clone(), ctx.request.clone(), ctx.domain().to_owned());
    let open = !ctx.state.config.require_credentials;
    let max_users = ctx.state.config.max_users;
    let (entity, user, version) = ctx
        .state
        .store
        .write(ctx.deadline, move |tx| {
            let current = conference_in(tx, &uri)?;
            let manager = manages_or_parent(tx, &sender, &current);
            let resolved = resolve(tx, &request, &domain)?;
            let RequestBody::User(payload) = &resolved.request.body else {
                return Err(Failure::internal("a userRequest became another request"));
            };
            let mut user = payload.info.clone().unwrap_or_default();
            let entity = match &shape {
                Shape::Join => sender.user_id.clone().unwrap_or_default(),
                _ => user.entity.clone().unwrap_or_default().trim().to_owned(),
            };
            let id: XconUserId = entity
                .parse()
                .map_err(|_| Failure::bad_request(format!("{entity:?} is not an XCON-USERID (xcon-userid:...)")))?;
            user.entity = Some(id.to_string());
            user.state = None;
            match shape {
                Shape::Join => admit(&current.doc, &user, manager)?,
                Shape::Anonymous => {
                    if user.endpoints.is_empty() {
                        return Err(Failure::bad_request("a client joining without confUserID must name an endpoint"));
                    }
                    let policy = current.doc.users.as_ref().and_then(|u| u.user_admission_policy.clone());
                    if !open && policy != Some(AdmissionPolicy::Anonymous) {
                        return Err(Failure::new(
                            ResponseCode::AuthenticationRequired,
                            format!("{uri} admits only authenticated users: send subject credentials"),
                        ));
                    }
                    admit(&current.doc, &user, false)?;
                }
                Shape::Known | Shape::New if !manager => {
                    return Err(Failure::unauthorized(format!(
                        "only a moderator or administrator of {uri} may add other users"
                    )))
                }
                Shape::Known => {
                    if tx.account(id.as_str()).is_none() {
                        return Err(Failure::user_not_found(format!("{id} is not a user this server knows")));
                    }
                }
                Shape::New => {}
            }
            if current.doc.users.as_ref().and_then(|u| u.find(id.as_str())).is_some() {
                return Err(Failure::conflict(format!("{id} is already a user of {uri}"), Some(current.version())));
            }
            // Someone added anew at an address the conference already has (an endpoint's or an address of
            // record) is most often the same add sent twice: a browser sends a POST again by itself when a
            // kept-alive connection closes before the answer, and the person would be dialled twice.
            if matches!(shape, Shape::New) {
                if let Some(there) = current.doc.users.as_ref().and_then(|u| u.at_address_of(&user)) {
                    let id = there.entity.as_deref().unwrap_or_default();
                    let who = match there.display_text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                        Some(name) => format!("{name} ({id})"),
                        None => id.to_owned(),
                    };
                    return Err(Failure::conflict(
                        format!("{uri} already has {who} at that address: it was added already"),
                        Some(current.version()),
                    ));
                }
            }
            if !manager
                && user.role_names().iter().any(|r| MANAGING_ROLES.iter().any(|m| r.trim().eq_ignore_ascii_case(m)))
            {
                return Err(Failure::protected("only a moderator may give a managing role"));
            }
            if user.roles.is_none() {
                user.roles = Some(Roles::new(["participant"]));
            }
            let waits = matches!(
                current.doc.users.as_ref().and_then(|u| u.join_handling.clone()),
                Some(JoinHandling::Confirm | JoinHandling::DirectedOperator)
            );
            if waits && !manager && matches!(shape, Shape::Join | Shape::Anonymous) {
                for endpoint in &mut user.endpoints {
                    endpoint.status = Some(EndpointStatus::Pending);
                }
            }
            if tx.account(id.as_str()).is_none() {
                tx.put_account(Account { user_id: id.to_string(), username: None, password_hash: None, admin: false });
            }
            let mut next = (*current).clone();
            next.doc.users.get_or_insert_with(Default::default).users.push(user.clone());
            recount(&mut next.doc);
            check_user_cap(&current.doc, &next.doc, max_users)?;
            let version = bump(&mut next.doc);
            tx.put(next);
            Ok((id.to_string(), user, version))
        })
        .await?;
    let mut reply =
        Reply::new(ResponseBody::User(Payload::new(Some(user)))).object(ctx.conf_obj_id()?.to_owned()).version(version);
    // The response names the sender (its confUserID is required): the anonymous join learns its new id
    // here, and a sender who sent credentials but no confUserID, the id they identify (QA: the 200
    // carried an empty confUserID).
    let named = ctx.request.conf_user_id.as_deref().is_some_and(|c| !c.trim().is_empty());
    if !named {
        reply.conf_user_id = Some(ctx.sender.user_id.clone().unwrap_or(entity));
    }
    Ok(reply)
}

/// Whether `changes` would take `user` out of the waiting room (an endpoint `pending`, which is where
/// a conference that confirms each join holds newcomers) by giving one of their endpoints another
/// status: only a moderator may do that.
fn admits_self(user: &User, changes: &User) -> bool {
    let waiting = user.endpoints.iter().any(|e| e.status == Some(EndpointStatus::Pending));
    waiting && changes.endpoints.iter().any(|e| e.status.is_some_and(|s| s != EndpointStatus::Pending))
}

/// The admission rules for someone joining on their own: not locked out, not denied, not blocked, and
/// on the allowed list when the conference admits only those (a manager passes all of these).
fn admit(doc: &Conference, user: &User, manager: bool) -> Outcome<()> {
    if manager {
        return Ok(());
    }
    let uri = &doc.entity;
    if doc.conference_state.as_ref().and_then(|s| s.locked) == Some(true) {
        return Err(Failure::forbidden(format!("{uri} is locked: nobody new may join")));
    }
    let users = doc.users.as_ref();
    let names = names_of(user);
    if users
        .and_then(|u| u.deny_users_list.as_ref())
        .is_some_and(|l| listed(&names, l.targets.iter().map(|t| t.uri.as_str())))
    {
        return Err(Failure::unauthorized(format!(
            "{} may not join {uri}",
            user.entity.as_deref().unwrap_or("this user")
        )));
    }
    if users.and_then(|u| u.join_handling.clone()) == Some(JoinHandling::Block) {
        return Err(Failure::unauthorized(format!("{uri} lets nobody join on their own")));
    }
    if users.and_then(|u| u.user_admission_policy.clone()) == Some(AdmissionPolicy::ClosedAuthenticated) {
        let allowed = users
            .and_then(|u| u.allowed_users_list.as_ref())
            .is_some_and(|l| listed(&names, l.targets.iter().map(|t| t.uri.as_str())));
        if !allowed {
            return Err(Failure::unauthorized(format!("{uri} admits only the users on its allowed list")));
        }
    }
    Ok(())
}

fn listed<'a>(names: &[String], uris: impl Iterator<Item = &'a str>) -> bool {
    uris.into_iter().any(|u| names.contains(&key(u)))
}

/// Every name a user goes by: its id, its addresses and its endpoints, as keys.
fn names_of(user: &User) -> Vec<String> {
    let mut names: Vec<String> = user.entity.iter().map(|e| key(e)).collect();
    names.extend(user.associated_aors.iter().flat_map(|a| &a.entries).map(|e| key(&e.uri)));
    names.extend(user.endpoints.iter().filter_map(|e| e.entity.as_deref()).map(key));
    names
}

fn conference_in(tx: &Tx<'_>, uri: &str) -> Outcome<Arc<Object>> {
    tx.object(uri)
        .filter(|o| o.kind == Kind::Conference)
        .ok_or_else(|| Failure::not_found(format!("no conference {uri}")))
}

enum Change {
    Update,
    Delete,
}

/// Update or removal of one user: the user itself, or a manager for anyone.
async fn change(ctx: &Ctx<'_>, uri: String, info: Option<&User>, change: Change) -> Outcome<Reply> {
    if matches!(change, Change::Update) && info.is_none() {
        return Err(Failure::bad_request("a userRequest update needs userInfo holding the changes"));
    }
    let (sender, request, domain) = (ctx.sender.clone(), ctx.request.clone(), ctx.domain().to_owned());
    let (version, generated) = ctx
        .state
        .store
        .write(ctx.deadline, move |tx| {
            let current = conference_in(tx, &uri)?;
            // Placeholders are resolved here as in a create (QA: a media id or label `AUTO_GENERATE_1` was
            // stored as written, and a placeholder URI of another domain was a 200).
            let resolved = resolve(tx, &request, &domain)?;
            let RequestBody::User(payload) = &resolved.request.body else {
                return Err(Failure::internal("a userRequest became another request"));
            };
            let target = target(&sender, payload.info.as_ref())?;
            let changes = payload.info.clone().unwrap_or_default();
            let manager = manages_or_parent(tx, &sender, &current);
            if !manager && !sender.is(&target) {
                return Err(Failure::unauthorized(format!(
                    "only a moderator of {uri} may change or remove other users"
                )));
            }
            let existing = find(&current.doc, &target)?.clone();
            let mut next = (*current).clone();
            let users = next.doc.users.get_or_insert_with(Default::default);
            let at = users.users.iter().position(|u| u.entity.as_deref().is_some_and(|e| key(e) == key(&target)));
            let Some(at) = at else {
                return Err(Failure::user_not_found(format!("{target} is not a user of {uri}")));
            };
            match change {
                Change::Delete => {
                    users.users.remove(at);
                }
                Change::Update => {
                    if !manager && changes.roles.as_ref().is_some_and(|r| Some(r) != existing.roles.as_ref()) {
                        return Err(Failure::protected("only a moderator may change roles"));
                    }
                    if !manager && admits_self(&existing, &changes) {
                        return Err(Failure::protected(format!(
                            "{target} is waiting to join {uri}: only a moderator admits them"
                        )));
                    }
                    merge::user(&mut users.users[at], &changes);
                }
            }
            recount(&mut next.doc);
            drop_gone_from_sidebars(&mut next.doc, &current.doc);
            // The user as stored tells the values generated for the placeholders (as
            // `conf::Updated::reply` does for a conference); a removal answers without the user.
            let told = !resolved.values.is_empty() && matches!(change, Change::Update);
            let generated = told.then(|| next.doc.users.as_ref().and_then(|u| u.find(&target)).cloned()).flatten();
            if next.doc == current.doc {
                return Ok((current.version(), generated));
            }
            let version = bump(&mut next.doc);
            tx.put(next);
            Ok((version, generated))
        })
        .await?;
    Ok(Reply::new(ResponseBody::User(Payload::new(generated))).object(ctx.conf_obj_id()?.to_owned()).version(version))
}
