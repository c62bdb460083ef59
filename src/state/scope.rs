//! Whose users a users view manages, and the CCMP request for each thing a moderator does to them. A
//! conference's users are read with usersRequest and changed one by one with userRequest. A sidebar's
//! users are part of the sidebar's document: read with sidebarBy{Val,Ref}Request retrieve and changed
//! with its update, carrying a partial `users` element (CCMP.md section 10: "update (who is in)"); a user
//! in it with `state="deleted"` leaves.

use ccmp::xcon::{Conference, Operation, State, User, Users};
use ccmp::{MessageKind, Request, Response, ResponseBody, XconUserId};

/// The two kinds of sidebar (RFC 6503 sections 5.3.7 to 5.3.10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum SidebarKind {
    /// Kept inside the parent's document.
    ByVal,
    /// A conference of its own, listed by the parent.
    ByRef,
}

impl SidebarKind {
    pub fn label(self) -> &'static str {
        match self {
            SidebarKind::ByVal => "by value",
            SidebarKind::ByRef => "by reference",
        }
    }

    /// The request kind that creates, reads, changes and deletes one sidebar of this kind.
    pub fn message(self) -> MessageKind {
        match self {
            SidebarKind::ByVal => MessageKind::SidebarByVal,
            SidebarKind::ByRef => MessageKind::SidebarByRef,
        }
    }

    /// sidebarBy{Val,Ref}Request with `operation` on `uri` (the parent, for a create).
    pub fn request(self, me: &XconUserId, uri: &str, operation: Operation, info: Option<Conference>) -> Request {
        match self {
            SidebarKind::ByVal => Request::sidebar_by_val(me, uri, operation, info),
            SidebarKind::ByRef => Request::sidebar_by_ref(me, uri, operation, info),
        }
    }
}

/// What a users view manages.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Scope {
    Conference { uri: String },
    Sidebar { kind: SidebarKind, uri: String, parent: String },
}

impl Scope {
    /// The conference whose version a change here raises too, unsaid: a sidebar by value lives in its
    /// parent's document (`VersionTracker::own_change_unseen`).
    pub fn raises_too(&self) -> Option<&str> {
        match self {
            Scope::Sidebar { kind: SidebarKind::ByVal, parent, .. } => Some(parent),
            _ => None,
        }
    }

    /// The object the requests are about.
    pub fn uri(&self) -> &str {
        match self {
            Scope::Conference { uri } | Scope::Sidebar { uri, .. } => uri,
        }
    }

    /// The conference the moderator is on (a sidebar's parent).
    pub fn conference(&self) -> &str {
        match self {
            Scope::Conference { uri } => uri,
            Scope::Sidebar { parent, .. } => parent,
        }
    }

    /// The request kind and operation a change uses, for the capability check.
    pub fn change_kind(&self, operation: Operation) -> (MessageKind, Operation) {
        match self {
            Scope::Conference { .. } => (MessageKind::User, operation),
            Scope::Sidebar { kind, .. } => (kind.message(), Operation::Update),
        }
    }

    /// Reads the users (and the admission settings).
    pub fn read(&self, me: &XconUserId) -> Request {
        match self {
            Scope::Conference { uri } => Request::users_retrieve(me, uri),
            Scope::Sidebar { kind, uri, .. } => kind.request(me, uri, Operation::Retrieve, None),
        }
    }

    /// The users a read returned: usersInfo, or the sidebar document's users (none: an empty list).
    pub fn users_of(&self, response: Response) -> Option<Users> {
        match response.body {
            ResponseBody::Users(p) => Some(p.info.unwrap_or_default()),
            ResponseBody::SidebarByVal(p) | ResponseBody::SidebarByRef(p) | ResponseBody::Conf(p) => {
                Some(p.info.map(|c| c.users.unwrap_or_default()).unwrap_or_default())
            }
            _ => None,
        }
    }

    /// Adds a user (a placeholder entity makes the server issue an XCON-USERID).
    pub fn add(&self, me: &XconUserId, user: User) -> Request {
        match self {
            Scope::Conference { uri } => Request::user_add(me, uri, user),
            Scope::Sidebar { .. } => self.sidebar_users(me, Users { users: vec![user], ..Default::default() }),
        }
    }

    /// Changes a user: `change` holds only what changes, for `change.entity`.
    pub fn update(&self, me: &XconUserId, change: User) -> Request {
        match self {
            Scope::Conference { uri } => Request::user_update(me, uri, change),
            Scope::Sidebar { .. } => self.sidebar_users(me, Users { users: vec![change], ..Default::default() }),
        }
    }

    /// Removes the user `entity`.
    pub fn remove(&self, me: &XconUserId, entity: &str) -> Request {
        match self {
            Scope::Conference { uri } => Request::user_remove(me, uri, entity),
            Scope::Sidebar { .. } => {
                let gone = User { state: Some(State::Deleted), ..User::new(entity) };
                self.sidebar_users(me, Users { users: vec![gone], ..Default::default() })
            }
        }
    }

    /// Changes the admission settings: `changes` holds the lists and selectors that change.
    pub fn update_users(&self, me: &XconUserId, changes: Users) -> Request {
        match self {
            Scope::Conference { uri } => Request::users_update(me, uri, changes),
            Scope::Sidebar { .. } => self.sidebar_users(me, changes),
        }
    }

    fn sidebar_users(&self, me: &XconUserId, users: Users) -> Request {
        let Scope::Sidebar { kind, uri, .. } = self else {
            return Request::users_update(me, self.uri(), users);
        };
        let changes = Conference { users: Some(users), ..Conference::new(uri.clone()) };
        kind.request(me, uri, Operation::Update, Some(changes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ccmp::RequestBody;

    fn me() -> XconUserId {
        "xcon-userid:moderator@example.com".parse().unwrap()
    }

    #[test]
    fn a_conference_uses_user_and_users_requests() {
        let scope = Scope::Conference { uri: "xcon:1@example.com".into() };
        let r = scope.remove(&me(), "xcon-userid:bob@example.com");
        assert_eq!((r.kind(), r.operation), (MessageKind::User, Some(Operation::Delete)));
        assert_eq!(r.conf_obj_id.as_deref(), Some("xcon:1@example.com"));
        let RequestBody::User(p) = &r.body else { panic!("{r:?}") };
        assert_eq!(p.info.as_ref().and_then(|u| u.entity.as_deref()), Some("xcon-userid:bob@example.com"));
        assert_eq!(scope.read(&me()).kind(), MessageKind::Users);
        assert_eq!(scope.update_users(&me(), Users::default()).operation, Some(Operation::Update));
        assert_eq!(scope.change_kind(Operation::Delete), (MessageKind::User, Operation::Delete));
    }

    #[test]
    fn a_sidebar_changes_who_is_in_through_its_own_update() {
        let scope = Scope::Sidebar {
            kind: SidebarKind::ByVal,
            uri: "xcon:s@example.com".into(),
            parent: "xcon:1@example.com".into(),
        };
        let r = scope.remove(&me(), "xcon-userid:bob@example.com");
        assert_eq!((r.kind(), r.operation), (MessageKind::SidebarByVal, Some(Operation::Update)));
        assert_eq!(r.conf_obj_id.as_deref(), Some("xcon:s@example.com"));
        let RequestBody::SidebarByVal(p) = &r.body else { panic!("{r:?}") };
        let doc = p.info.as_ref().unwrap();
        assert_eq!(doc.entity, "xcon:s@example.com");
        let gone = &doc.users.as_ref().unwrap().users[0];
        assert_eq!((gone.entity.as_deref(), gone.state), (Some("xcon-userid:bob@example.com"), Some(State::Deleted)));
        assert_eq!(scope.conference(), "xcon:1@example.com");
        assert_eq!(scope.change_kind(Operation::Delete), (MessageKind::SidebarByVal, Operation::Update));

        let by_ref = Scope::Sidebar {
            kind: SidebarKind::ByRef,
            uri: "xcon:s@example.com".into(),
            parent: "xcon:1@example.com".into(),
        };
        let r = by_ref.add(&me(), User::new("xcon-userid:carol@example.com"));
        assert_eq!((r.kind(), r.operation), (MessageKind::SidebarByRef, Some(Operation::Update)));
        assert_eq!(by_ref.read(&me()).operation, Some(Operation::Retrieve));
    }

    #[test]
    fn users_come_out_of_either_response() {
        use ccmp::message::Payload;
        use ccmp::ResponseCode;
        let scope = Scope::Conference { uri: "xcon:1@example.com".into() };
        let users = Users { users: vec![User::new("xcon-userid:a@example.com")], ..Default::default() };
        let r = Response::new("x", ResponseCode::Success, ResponseBody::Users(Payload::new(Some(users.clone()))));
        assert_eq!(scope.users_of(r), Some(users.clone()));
        let doc = Conference { users: Some(users.clone()), ..Conference::new("xcon:s@example.com") };
        let r = Response::new("x", ResponseCode::Success, ResponseBody::SidebarByRef(Payload::new(Some(doc))));
        assert_eq!(scope.users_of(r), Some(users));
        let empty = Response::new("x", ResponseCode::Success, ResponseBody::SidebarByVal(Payload::default()));
        assert_eq!(scope.users_of(empty), Some(Users::default()));
        let wrong = Response::new("x", ResponseCode::Success, ResponseBody::Confs(Payload::default()));
        assert_eq!(scope.users_of(wrong), None);
    }
}
