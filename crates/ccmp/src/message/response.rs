use super::{Extended, MessageKind, Options, Payload};
use crate::registry::ResponseCode;
use crate::unknown::Unknown;
use crate::xcon::{Conference, Operation, SidebarsByVal, Uris, User, Users};

/// A CCMP response (RFC 6503 section 5.2): the common parameters and exactly one of the twelve bodies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub conf_user_id: String,
    pub conf_obj_id: Option<String>,
    pub operation: Option<Operation>,
    pub code: ResponseCode,
    pub response_string: Option<String>,
    /// The version of the conference object after the operation.
    pub version: Option<u64>,
    /// Foreign elements between the common parameters and the body, and foreign attributes.
    pub unknown: Unknown,
    pub body: ResponseBody,
}

/// The specialized part of a response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponseBody {
    Blueprints(Payload<Uris>),
    Blueprint(Payload<Conference>),
    Confs(Payload<Uris>),
    Conf(Payload<Conference>),
    Users(Payload<Users>),
    User(Payload<User>),
    SidebarsByVal(Payload<SidebarsByVal>),
    SidebarByVal(Payload<Conference>),
    SidebarsByRef(Payload<Uris>),
    SidebarByRef(Payload<Conference>),
    Extended(Extended),
    Options(Payload<Options>),
}

impl ResponseBody {
    pub fn kind(&self) -> MessageKind {
        match self {
            ResponseBody::Blueprints(_) => MessageKind::Blueprints,
            ResponseBody::Blueprint(_) => MessageKind::Blueprint,
            ResponseBody::Confs(_) => MessageKind::Confs,
            ResponseBody::Conf(_) => MessageKind::Conf,
            ResponseBody::Users(_) => MessageKind::Users,
            ResponseBody::User(_) => MessageKind::User,
            ResponseBody::SidebarsByVal(_) => MessageKind::SidebarsByVal,
            ResponseBody::SidebarByVal(_) => MessageKind::SidebarByVal,
            ResponseBody::SidebarsByRef(_) => MessageKind::SidebarsByRef,
            ResponseBody::SidebarByRef(_) => MessageKind::SidebarByRef,
            ResponseBody::Extended(_) => MessageKind::Extended,
            ResponseBody::Options(_) => MessageKind::Options,
        }
    }

    /// An empty body of this kind (`extensionName` empty for extended), for error responses.
    pub fn empty(kind: MessageKind) -> ResponseBody {
        match kind {
            MessageKind::Blueprints => ResponseBody::Blueprints(Payload::default()),
            MessageKind::Blueprint => ResponseBody::Blueprint(Payload::default()),
            MessageKind::Confs => ResponseBody::Confs(Payload::default()),
            MessageKind::Conf => ResponseBody::Conf(Payload::default()),
            MessageKind::Users => ResponseBody::Users(Payload::default()),
            MessageKind::User => ResponseBody::User(Payload::default()),
            MessageKind::SidebarsByVal => ResponseBody::SidebarsByVal(Payload::default()),
            MessageKind::SidebarByVal => ResponseBody::SidebarByVal(Payload::default()),
            MessageKind::SidebarsByRef => ResponseBody::SidebarsByRef(Payload::default()),
            MessageKind::SidebarByRef => ResponseBody::SidebarByRef(Payload::default()),
            MessageKind::Extended => ResponseBody::Extended(Extended::default()),
            MessageKind::Options => ResponseBody::Options(Payload::default()),
        }
    }

    /// The conference document this body carries, for the four conference-payload kinds.
    pub fn conference(&self) -> Option<&Conference> {
        match self {
            ResponseBody::Blueprint(p)
            | ResponseBody::Conf(p)
            | ResponseBody::SidebarByVal(p)
            | ResponseBody::SidebarByRef(p) => p.info.as_ref(),
            _ => None,
        }
    }

    /// The URI list this body carries, for blueprints, confs and sidebarsByRef.
    pub fn uris(&self) -> Option<&Uris> {
        match self {
            ResponseBody::Blueprints(p) | ResponseBody::Confs(p) | ResponseBody::SidebarsByRef(p) => p.info.as_ref(),
            _ => None,
        }
    }
}

impl Response {
    /// A response of `kind` with `code`, the code's default reason string, and an empty body.
    pub fn new(conf_user_id: impl Into<String>, code: ResponseCode, body: ResponseBody) -> Response {
        Response {
            conf_user_id: conf_user_id.into(),
            conf_obj_id: None,
            operation: None,
            code,
            response_string: Some(code.reason().to_owned()),
            version: None,
            unknown: Unknown::default(),
            body,
        }
    }

    pub fn kind(&self) -> MessageKind {
        self.body.kind()
    }

    /// The conference object's version after this exchange: the response's `version`, else the `version`
    /// attribute of the document it carries (servers set one or both).
    pub fn conference_version(&self) -> Option<u64> {
        self.version.or_else(|| self.body.conference()?.version.map(u64::from))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_conference_version_prefers_the_response_parameter() {
        let mut conf = Conference::new("xcon:a@example.com");
        conf.version = Some(3);
        let mut r = Response::new("x", ResponseCode::Success, ResponseBody::Conf(Payload::new(Some(conf))));
        assert_eq!(r.conference_version(), Some(3));
        r.version = Some(4);
        assert_eq!(r.conference_version(), Some(4));
        let none = Response::new("x", ResponseCode::Success, ResponseBody::empty(MessageKind::Users));
        assert_eq!(none.conference_version(), None);
    }
}
