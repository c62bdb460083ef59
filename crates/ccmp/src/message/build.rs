//! One-line constructors for the requests a client sends most.

use super::{Extended, ListRequest, Payload, Request, RequestBody, Subject};
use crate::ids::XconUserId;
use crate::unknown::AnyElement;
use crate::xcon::{Conference, Endpoint, Media, MediaStatus, Operation, Roles, User, Users};

impl Request {
    fn from(user: &XconUserId, conf: Option<&str>, operation: Option<Operation>, body: RequestBody) -> Request {
        Request {
            conf_user_id: Some(user.to_string()),
            conf_obj_id: conf.map(str::to_owned),
            operation,
            ..Request::new(body)
        }
    }

    /// optionsRequest: what does the server support?
    pub fn options(user: &XconUserId) -> Request {
        Self::from(user, None, None, RequestBody::Options)
    }

    /// blueprintsRequest: the blueprints (templates) on offer.
    pub fn blueprints(user: &XconUserId) -> Request {
        Self::from(user, None, None, RequestBody::Blueprints(ListRequest::default()))
    }

    /// blueprintRequest retrieve: one blueprint's whole document.
    pub fn blueprint(user: &XconUserId, blueprint: &str) -> Request {
        Self::from(user, Some(blueprint), Some(Operation::Retrieve), RequestBody::Blueprint(Payload::default()))
    }

    /// confsRequest: the active and registered conferences.
    pub fn confs(user: &XconUserId) -> Request {
        Self::from(user, None, None, RequestBody::Confs(ListRequest::default()))
    }

    /// confRequest with any operation and no confInfo (retrieve, delete, clone).
    pub fn conf(user: &XconUserId, conf: &str, operation: Operation) -> Request {
        Self::from(user, Some(conf), Some(operation), RequestBody::Conf(Payload::default()))
    }

    /// confRequest retrieve: one conference's whole document.
    pub fn conf_retrieve(user: &XconUserId, conf: &str) -> Request {
        Self::from(user, Some(conf), Some(Operation::Retrieve), RequestBody::Conf(Payload::default()))
    }

    /// confRequest create by cloning a blueprint or an existing conference.
    pub fn conf_clone(user: &XconUserId, template: &str) -> Request {
        Self::from(user, Some(template), Some(Operation::Create), RequestBody::Conf(Payload::default()))
    }

    /// confRequest create from a description (use `AUTO_GENERATE_n` where the server must fill in).
    pub fn conf_create(user: &XconUserId, conference: Conference) -> Request {
        Self::from(user, None, Some(Operation::Create), RequestBody::Conf(Payload::new(Some(conference))))
    }

    /// confRequest update with a partial document holding only the changes.
    pub fn conf_update(user: &XconUserId, conf: &str, changes: Conference) -> Request {
        Self::from(user, Some(conf), Some(Operation::Update), RequestBody::Conf(Payload::new(Some(changes))))
    }

    /// confRequest delete.
    pub fn conf_delete(user: &XconUserId, conf: &str) -> Request {
        Self::from(user, Some(conf), Some(Operation::Delete), RequestBody::Conf(Payload::default()))
    }

    /// usersRequest retrieve: the users element with the admission settings.
    pub fn users_retrieve(user: &XconUserId, conf: &str) -> Request {
        Self::from(user, Some(conf), Some(Operation::Retrieve), RequestBody::Users(Payload::default()))
    }

    /// usersRequest update: allowed and deny lists, join-handling, admission policy.
    pub fn users_update(user: &XconUserId, conf: &str, changes: Users) -> Request {
        Self::from(user, Some(conf), Some(Operation::Update), RequestBody::Users(Payload::new(Some(changes))))
    }

    /// userRequest with any operation and an optional userInfo.
    pub fn user(user: &XconUserId, conf: &str, operation: Operation, info: Option<User>) -> Request {
        Self::from(user, Some(conf), Some(operation), RequestBody::User(Payload::new(info)))
    }

    /// userRequest create: add someone (a placeholder entity makes the server issue an XCON-USERID).
    pub fn user_add(user: &XconUserId, conf: &str, added: User) -> Request {
        Self::user(user, conf, Operation::Create, Some(added))
    }

    /// userRequest retrieve of another user.
    pub fn user_retrieve(user: &XconUserId, conf: &str, entity: &str) -> Request {
        Self::user(user, conf, Operation::Retrieve, Some(User::new(entity)))
    }

    /// userRequest update with the changes for `changes.entity`.
    pub fn user_update(user: &XconUserId, conf: &str, changes: User) -> Request {
        Self::user(user, conf, Operation::Update, Some(changes))
    }

    /// userRequest delete: remove another user from the conference.
    pub fn user_remove(user: &XconUserId, conf: &str, entity: &str) -> Request {
        Self::user(user, conf, Operation::Delete, Some(User::new(entity)))
    }

    /// userRequest update of one medium's status: `RecvOnly` or `Inactive` mutes audio or stops video,
    /// `SendRecv` restores it.
    pub fn set_media_status(
        user: &XconUserId,
        conf: &str,
        target: &str,
        endpoint: &str,
        media_id: &str,
        status: MediaStatus,
    ) -> Request {
        let media = Media { status: Some(status), ..Media::new(media_id) };
        let changes =
            User { endpoints: vec![Endpoint { media: vec![media], ..Endpoint::new(endpoint) }], ..User::new(target) };
        Self::user_update(user, conf, changes)
    }

    /// userRequest update of a user's roles (promote, demote).
    pub fn set_roles<S: Into<String>>(
        user: &XconUserId,
        conf: &str,
        target: &str,
        roles: impl IntoIterator<Item = S>,
    ) -> Request {
        Self::user_update(user, conf, User { roles: Some(Roles::new(roles)), ..User::new(target) })
    }

    /// sidebarsByValRequest: the sidebars kept inside `conf`.
    pub fn sidebars_by_val(user: &XconUserId, conf: &str) -> Request {
        Self::from(user, Some(conf), None, RequestBody::SidebarsByVal(ListRequest::default()))
    }

    /// sidebarsByRefRequest: the sidebars of `conf` that are conferences of their own.
    pub fn sidebars_by_ref(user: &XconUserId, conf: &str) -> Request {
        Self::from(user, Some(conf), None, RequestBody::SidebarsByRef(ListRequest::default()))
    }

    /// sidebarByValRequest. For create, `conf` is the parent; without `info` the parent is cloned.
    pub fn sidebar_by_val(user: &XconUserId, conf: &str, operation: Operation, info: Option<Conference>) -> Request {
        Self::from(user, Some(conf), Some(operation), RequestBody::SidebarByVal(Payload::new(info)))
    }

    /// sidebarByRefRequest. For create, `conf` is the parent; without `info` the parent is cloned.
    pub fn sidebar_by_ref(user: &XconUserId, conf: &str, operation: Operation, info: Option<Conference>) -> Request {
        Self::from(user, Some(conf), Some(operation), RequestBody::SidebarByRef(Payload::new(info)))
    }

    /// extendedRequest for the extension `name`.
    pub fn extended(
        user: &XconUserId,
        conf: Option<&str>,
        name: &str,
        operation: Operation,
        elements: Vec<AnyElement>,
    ) -> Request {
        let body = Extended { extension_name: name.to_owned(), elements, ..Default::default() };
        Self::from(user, conf, Some(operation), RequestBody::Extended(body))
    }

    /// The same request with `subject` credentials.
    pub fn with_credentials(mut self, username: &str, password: &str) -> Request {
        self.subject = Some(Subject {
            username: Some(username.to_owned()),
            password: Some(password.to_owned()),
            ..Default::default()
        });
        self
    }

    /// The same request with a conference password.
    pub fn with_conference_password(mut self, password: &str) -> Request {
        self.conference_password = Some(password.to_owned());
        self
    }

    /// The same request with an XPath filter, for the four list requests (ignored by the others).
    pub fn with_xpath_filter(mut self, filter: &str) -> Request {
        if let RequestBody::Blueprints(l)
        | RequestBody::Confs(l)
        | RequestBody::SidebarsByVal(l)
        | RequestBody::SidebarsByRef(l) = &mut self.body
        {
            l.xpath_filter = Some(filter.to_owned());
        }
        self
    }
}
