//! The console's composer: any of the twelve requests built from a few fields (the payload, when
//! there is one, is written as XML by the moderator afterwards if they want one).

use ccmp::message::{Extended, ListRequest, Payload};
use ccmp::xcon::{Operation, User};
use ccmp::{MessageKind, Request, RequestBody};

/// The composer's fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub kind: MessageKind,
    pub operation: Option<Operation>,
    pub conf_obj_id: String,
    pub conference_password: String,
    pub xpath_filter: String,
    pub extension_name: String,
    /// userRequest: the XCON-USERID of the user it is about (empty: the sender themselves).
    pub target_user: String,
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            kind: MessageKind::Confs,
            operation: None,
            conf_obj_id: String::new(),
            conference_password: String::new(),
            xpath_filter: String::new(),
            extension_name: String::new(),
            target_user: String::new(),
        }
    }
}

/// Whether the request takes a confObjID (the list requests of the main list, options, and blueprints do not).
pub fn takes_conf_obj_id(kind: MessageKind) -> bool {
    !matches!(kind, MessageKind::Blueprints | MessageKind::Confs | MessageKind::Options)
}

/// Whether the request has an xpathFilter.
pub fn takes_xpath_filter(kind: MessageKind) -> bool {
    matches!(
        kind,
        MessageKind::Blueprints | MessageKind::Confs | MessageKind::SidebarsByVal | MessageKind::SidebarsByRef
    )
}

impl Draft {
    /// The request, with `user` as confUserID. Fields that do not apply to the kind are ignored.
    pub fn build(&self, user: &str) -> Request {
        let list = || ListRequest {
            xpath_filter: Some(self.xpath_filter.trim().to_owned())
                .filter(|f| takes_xpath_filter(self.kind) && !f.is_empty()),
            ..Default::default()
        };
        let body = match self.kind {
            MessageKind::Blueprints => RequestBody::Blueprints(list()),
            MessageKind::Confs => RequestBody::Confs(list()),
            MessageKind::SidebarsByVal => RequestBody::SidebarsByVal(list()),
            MessageKind::SidebarsByRef => RequestBody::SidebarsByRef(list()),
            MessageKind::Blueprint => RequestBody::Blueprint(Payload::default()),
            MessageKind::Conf => RequestBody::Conf(Payload::default()),
            MessageKind::Users => RequestBody::Users(Payload::default()),
            MessageKind::User => {
                let target = Some(self.target_user.trim()).filter(|t| !t.is_empty());
                RequestBody::User(Payload::new(target.map(User::new)))
            }
            MessageKind::SidebarByVal => RequestBody::SidebarByVal(Payload::default()),
            MessageKind::SidebarByRef => RequestBody::SidebarByRef(Payload::default()),
            MessageKind::Extended => RequestBody::Extended(Extended {
                extension_name: self.extension_name.trim().to_owned(),
                ..Default::default()
            }),
            MessageKind::Options => RequestBody::Options,
        };
        let mut r = Request::new(body);
        r.conf_user_id = Some(user.trim().to_owned()).filter(|u| !u.is_empty());
        if takes_conf_obj_id(self.kind) {
            r.conf_obj_id = Some(self.conf_obj_id.trim().to_owned()).filter(|c| !c.is_empty());
        }
        r.operation = if self.kind.takes_operation() { self.operation.or(Some(Operation::Retrieve)) } else { None };
        // Only with the conference it opens (QA: typed once, it went with every later request, a list's or
        // another conference's).
        if r.conf_obj_id.is_some() {
            r.conference_password = Some(self.conference_password.clone()).filter(|p| !p.is_empty());
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_every_kind() {
        for kind in MessageKind::ALL {
            let draft = Draft {
                kind,
                operation: Some(Operation::Update),
                conf_obj_id: "xcon:1@x".into(),
                xpath_filter: "/a".into(),
                extension_name: "ext".into(),
                conference_password: "1234".into(),
                ..Default::default()
            };
            let r = draft.build("xcon-userid:m@x");
            assert_eq!(r.kind(), kind);
            // The PIN goes only with the conference it opens.
            assert_eq!(r.conference_password.is_some(), takes_conf_obj_id(kind), "{kind:?}");
            let xml = r.to_xml();
            let back = ccmp::decode_request(&xml).unwrap_or_else(|e| panic!("{kind:?}: {e}\n{xml}"));
            assert_eq!(back.operation.is_some(), kind.takes_operation(), "{kind:?}");
            assert_eq!(back.conf_obj_id.is_some(), takes_conf_obj_id(kind), "{kind:?}");
        }
    }

    #[test]
    fn a_user_request_names_the_user_it_is_about() {
        let mut draft = Draft { kind: MessageKind::User, conf_obj_id: "xcon:1@x".into(), ..Default::default() };
        let xml = draft.build("xcon-userid:m@x").to_xml();
        assert!(!xml.contains("userInfo"), "empty: about the sender: {xml}");
        draft.target_user = " xcon-userid:zoe@x ".into();
        let back = ccmp::decode_request(&draft.build("xcon-userid:m@x").to_xml()).unwrap();
        match back.body {
            RequestBody::User(p) => assert_eq!(p.info.and_then(|u| u.entity).as_deref(), Some("xcon-userid:zoe@x")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn list_requests_carry_no_operation() {
        let draft = Draft { kind: MessageKind::Confs, operation: Some(Operation::Delete), ..Default::default() };
        let r = draft.build("xcon-userid:m@x");
        assert_eq!((r.operation, r.conf_obj_id), (None, None));
    }
}
