//! One module per request kind. [`handle`] checks what every request must satisfy (its operation, its
//! sender), then dispatches; a panic in a handler becomes a 500, never a dropped connection.

mod blueprints;
mod conf;
mod confs;
mod extended;
mod options;
mod shared;
mod sidebars;
mod user;
mod users;

use std::net::IpAddr;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Instant;

use ccmp::xcon::Operation;
use ccmp::{MessageKind, Request, RequestBody, ResponseBody, ResponseCode};
use futures_util::FutureExt;

use crate::failure::{Failure, Outcome};
use crate::identity::{identify, Sender};
use crate::store::{Kind, Object};
use crate::AppState;

/// A successful answer: the body and the common parameters the handler sets.
#[derive(Debug)]
pub struct Reply {
    /// Overrides the response's confUserID (the anonymous join learns its new id here).
    pub conf_user_id: Option<String>,
    /// Overrides the echoed confObjID (a create returns the new object's).
    pub conf_obj_id: Option<String>,
    pub version: Option<u64>,
    pub body: ResponseBody,
    /// A stored document to splice into `body` (then empty) as text: see [`Reply::document`].
    pub document: Option<Spliced>,
}

/// A document's text, to be placed in the response as the payload element `info_name`.
#[derive(Debug)]
pub struct Spliced {
    pub xml: Arc<str>,
    pub range: std::ops::Range<usize>,
    pub info_name: &'static str,
}

impl Reply {
    pub fn new(body: ResponseBody) -> Reply {
        Reply { conf_user_id: None, conf_obj_id: None, version: None, body, document: None }
    }

    /// A response of `kind` carrying `object`'s whole document and version. The stored text is spliced
    /// in, so a retrieve neither clones nor re-encodes the document.
    pub fn document(kind: MessageKind, object: &Object) -> Reply {
        let spliced = object.encoded.fragment().zip(kind.info_name());
        let mut reply = match spliced {
            Some(((xml, range), info_name)) => {
                Reply { document: Some(Spliced { xml, range, info_name }), ..Reply::new(ResponseBody::empty(kind)) }
            }
            None => {
                let mut body = ResponseBody::empty(kind);
                if let ResponseBody::Blueprint(p)
                | ResponseBody::Conf(p)
                | ResponseBody::SidebarByVal(p)
                | ResponseBody::SidebarByRef(p) = &mut body
                {
                    p.info = Some(object.doc.clone());
                }
                Reply::new(body)
            }
        };
        reply.version = Some(object.version());
        reply
    }
    pub fn object(mut self, uri: impl Into<String>) -> Reply {
        self.conf_obj_id = Some(uri.into());
        self
    }
    pub fn version(mut self, version: u64) -> Reply {
        self.version = Some(version);
        self
    }
}

/// What a handler works with.
pub struct Ctx<'a> {
    pub state: &'a AppState,
    pub request: &'a Request,
    pub sender: Sender,
    /// The sender's address (`None` for requests made in-process): wrong passwords are counted by it.
    pub peer: Option<IpAddr>,
    pub deadline: Instant,
}

impl Ctx<'_> {
    pub fn domain(&self) -> &str {
        &self.state.config.domain
    }

    /// 510 once the deadline has passed.
    pub fn check_deadline(&self) -> Outcome<()> {
        if Instant::now() >= self.deadline {
            Err(Failure::new(ResponseCode::RequestTimeout, "the request took longer than the server allows"))
        } else {
            Ok(())
        }
    }

    /// The request's confObjID, or 400.
    pub fn conf_obj_id(&self) -> Outcome<&str> {
        self.request
            .conf_obj_id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| Failure::bad_request(format!("{} needs a confObjID", self.request.kind().request_name())))
    }

    /// The sender's id, or 400 when there is none (only the anonymous join has none).
    pub fn sender_id(&self) -> Outcome<&str> {
        self.sender.user_id.as_deref().ok_or_else(|| Failure::bad_request("confUserID is missing"))
    }

    /// The conference `uri`: 404 when there is none, or when `uri` is a blueprint.
    pub fn conference(&self, uri: &str) -> Outcome<Arc<Object>> {
        match self.state.store.read().object(uri) {
            Some(o) if o.kind == Kind::Conference => Ok(o.clone()),
            Some(_) => Err(Failure::not_found(format!("{uri} is a blueprint, not a conference"))),
            None => Err(Failure::not_found(format!("no conference {uri}"))),
        }
    }

    /// Checks the conference password of `object` for this request.
    pub async fn check_password(&self, object: &Object) -> Outcome<()> {
        crate::rights::check_conference_password(
            self.state,
            &self.sender,
            object,
            self.request.conference_password.as_deref(),
            self.peer,
        )
        .await
    }
}

/// Answers one decoded request.
pub async fn handle(state: &AppState, request: &Request, peer: Option<IpAddr>, deadline: Instant) -> Outcome<Reply> {
    let work = async {
        check_operation(request)?;
        let sender = identify(state, request, peer, deadline).await?;
        // A request without confUserID (a join with credentials) is answered with the id of the sender the
        // credentials identify, refused or not: the response's confUserID is required (QA: a refused join
        // answered with an empty one).
        let unnamed = request.conf_user_id.as_deref().is_none_or(|c| c.trim().is_empty());
        let identified = sender.user_id.clone().filter(|_| unnamed);
        let ctx = Ctx { state, request, sender, peer, deadline };
        let answer = async {
            ctx.check_deadline()?;
            dispatch(&ctx).await
        };
        answer.await.map_err(|f| Failure { sender: identified, ..f })
    };
    match AssertUnwindSafe(work).catch_unwind().await {
        Ok(outcome) => outcome,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(Failure::internal(format_args!("handler panicked: {what}")))
        }
    }
}

async fn dispatch(ctx: &Ctx<'_>) -> Outcome<Reply> {
    crate::limits::check(&ctx.request.body)?;
    match &ctx.request.body {
        RequestBody::Options => options::options(ctx),
        RequestBody::Blueprints(list) => blueprints::list(ctx, list),
        RequestBody::Blueprint(_) => blueprints::retrieve(ctx),
        RequestBody::Confs(list) => confs::list(ctx, list),
        RequestBody::Conf(payload) => conf::conf(ctx, payload.info.as_ref()).await,
        RequestBody::Users(payload) => users::users(ctx, payload.info.as_ref()).await,
        RequestBody::User(payload) => user::user(ctx, payload.info.as_ref()).await,
        RequestBody::SidebarsByVal(list) => sidebars::list_by_val(ctx, list).await,
        RequestBody::SidebarsByRef(list) => sidebars::list_by_ref(ctx, list).await,
        RequestBody::SidebarByVal(payload) => sidebars::by_val(ctx, payload.info.as_ref()).await,
        RequestBody::SidebarByRef(payload) => sidebars::by_ref(ctx, payload.info.as_ref()).await,
        RequestBody::Extended(extended) => extended::extended(ctx, extended).await,
    }
}

/// The operations each kind takes: none for the list requests, retrieve for blueprintRequest, retrieve
/// and update for usersRequest, all four for the rest (RFC 6503 section 5.3).
fn check_operation(request: &Request) -> Outcome<()> {
    let kind = request.kind();
    let name = kind.request_name();
    match (kind.takes_operation(), request.operation) {
        (false, Some(op)) => Err(Failure::bad_request(format!("{name} takes no operation (got {})", op.as_str()))),
        (false, None) => Ok(()),
        (true, None) => Err(Failure::bad_request(format!("{name} needs an operation"))),
        (true, Some(op)) => match (kind, op) {
            (MessageKind::Blueprint, Operation::Retrieve) => Ok(()),
            (MessageKind::Blueprint, _) => Err(Failure::forbidden(format!(
                "blueprints are read-only: blueprintRequest takes retrieve, not {}",
                op.as_str()
            ))),
            (MessageKind::Users, Operation::Retrieve | Operation::Update) => Ok(()),
            (MessageKind::Users, _) => Err(Failure::forbidden(format!(
                "usersRequest takes retrieve and update; add and remove users with userRequest, not {}",
                op.as_str()
            ))),
            _ => Ok(()),
        },
    }
}
