use super::{Extended, ListRequest, MessageKind, Payload};
use crate::unknown::Unknown;
use crate::xcon::{Conference, Operation, User, Users};

/// A CCMP request (RFC 6503 section 5.1): the common parameters and exactly one of the twelve bodies.
///
/// `conf_user_id` and `conf_obj_id` are kept as the peer wrote them (the schema types them as plain
/// strings): a server must be able to answer a malformed sender id with 421 rather than fail to decode.
/// Parse them with [`crate::XconUserId`] and [`crate::XconUri`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub subject: Option<Subject>,
    pub conf_user_id: Option<String>,
    pub conf_obj_id: Option<String>,
    pub operation: Option<Operation>,
    pub conference_password: Option<String>,
    /// Foreign elements between the common parameters and the body, and foreign attributes.
    pub unknown: Unknown,
    pub body: RequestBody,
}

/// Credentials (RFC 6503 subject-type). The password is never printed by `Debug`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Subject {
    pub username: Option<String>,
    pub password: Option<String>,
    pub unknown: Unknown,
}

impl std::fmt::Debug for Subject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Subject")
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("unknown", &self.unknown)
            .finish()
    }
}

/// The specialized part of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestBody {
    Blueprints(ListRequest),
    Blueprint(Payload<Conference>),
    Confs(ListRequest),
    Conf(Payload<Conference>),
    Users(Payload<Users>),
    User(Payload<User>),
    SidebarsByVal(ListRequest),
    SidebarByVal(Payload<Conference>),
    SidebarsByRef(ListRequest),
    SidebarByRef(Payload<Conference>),
    Extended(Extended),
    /// optionsRequest has no specialized element.
    Options,
}

impl RequestBody {
    pub fn kind(&self) -> MessageKind {
        match self {
            RequestBody::Blueprints(_) => MessageKind::Blueprints,
            RequestBody::Blueprint(_) => MessageKind::Blueprint,
            RequestBody::Confs(_) => MessageKind::Confs,
            RequestBody::Conf(_) => MessageKind::Conf,
            RequestBody::Users(_) => MessageKind::Users,
            RequestBody::User(_) => MessageKind::User,
            RequestBody::SidebarsByVal(_) => MessageKind::SidebarsByVal,
            RequestBody::SidebarByVal(_) => MessageKind::SidebarByVal,
            RequestBody::SidebarsByRef(_) => MessageKind::SidebarsByRef,
            RequestBody::SidebarByRef(_) => MessageKind::SidebarByRef,
            RequestBody::Extended(_) => MessageKind::Extended,
            RequestBody::Options => MessageKind::Options,
        }
    }
}

impl Request {
    /// A request with this body and no common parameters set.
    pub fn new(body: RequestBody) -> Request {
        Request {
            subject: None,
            conf_user_id: None,
            conf_obj_id: None,
            operation: None,
            conference_password: None,
            unknown: Unknown::default(),
            body,
        }
    }

    pub fn kind(&self) -> MessageKind {
        self.body.kind()
    }
}
