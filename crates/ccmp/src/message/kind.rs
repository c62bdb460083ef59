/// The twelve kinds of CCMP exchange; each has a request and a response message type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MessageKind {
    Blueprints,
    Blueprint,
    Confs,
    Conf,
    Users,
    User,
    SidebarsByVal,
    SidebarByVal,
    SidebarsByRef,
    SidebarByRef,
    Extended,
    Options,
}

use MessageKind::*;

use crate::xcon::Operation;

impl MessageKind {
    pub const ALL: [MessageKind; 12] = [
        Blueprints,
        Blueprint,
        Confs,
        Conf,
        Users,
        User,
        SidebarsByVal,
        SidebarByVal,
        SidebarsByRef,
        SidebarByRef,
        Extended,
        Options,
    ];

    /// The stem of the names: `conf` for confRequest, `sidebarsByVal`, ...
    pub fn stem(self) -> &'static str {
        match self {
            Blueprints => "blueprints",
            Blueprint => "blueprint",
            Confs => "confs",
            Conf => "conf",
            Users => "users",
            User => "user",
            SidebarsByVal => "sidebarsByVal",
            SidebarByVal => "sidebarByVal",
            SidebarsByRef => "sidebarsByRef",
            SidebarByRef => "sidebarByRef",
            Extended => "extended",
            Options => "options",
        }
    }

    /// The request's name: `confRequest`, ...
    pub fn request_name(self) -> &'static str {
        match self {
            Blueprints => "blueprintsRequest",
            Blueprint => "blueprintRequest",
            Confs => "confsRequest",
            Conf => "confRequest",
            Users => "usersRequest",
            User => "userRequest",
            SidebarsByVal => "sidebarsByValRequest",
            SidebarByVal => "sidebarByValRequest",
            SidebarsByRef => "sidebarsByRefRequest",
            SidebarByRef => "sidebarByRefRequest",
            Extended => "extendedRequest",
            Options => "optionsRequest",
        }
    }

    /// The response's name: `confResponse`, ...
    pub fn response_name(self) -> &'static str {
        match self {
            Blueprints => "blueprintsResponse",
            Blueprint => "blueprintResponse",
            Confs => "confsResponse",
            Conf => "confResponse",
            Users => "usersResponse",
            User => "userResponse",
            SidebarsByVal => "sidebarsByValResponse",
            SidebarByVal => "sidebarByValResponse",
            SidebarsByRef => "sidebarsByRefResponse",
            SidebarByRef => "sidebarByRefResponse",
            Extended => "extendedResponse",
            Options => "optionsResponse",
        }
    }

    /// The payload element inside the specialized element: `confInfo`, `usersInfo`, ... (`None` for
    /// extended and options, whose payloads are shaped otherwise).
    pub fn info_name(self) -> Option<&'static str> {
        Some(match self {
            Blueprints => "blueprintsInfo",
            Blueprint => "blueprintInfo",
            Confs => "confsInfo",
            Conf => "confInfo",
            Users => "usersInfo",
            User => "userInfo",
            SidebarsByVal => "sidebarsByValInfo",
            SidebarByVal => "sidebarByValInfo",
            SidebarsByRef => "sidebarsByRefInfo",
            SidebarByRef => "sidebarByRefInfo",
            Extended | Options => return None,
        })
    }

    /// The list requests take no `operation` (RFC 6503 section 5.3).
    pub fn takes_operation(self) -> bool {
        !matches!(self, Blueprints | Confs | SidebarsByVal | SidebarsByRef | Options)
    }

    /// The operations RFC 6503 gives the request (section 5.3): none for the list requests, retrieve for
    /// blueprintRequest, retrieve and update for usersRequest (its create and delete are 403), all four for
    /// the others (an extendedRequest's are its extension's to define).
    pub fn operations(self) -> &'static [Operation] {
        use Operation::*;
        match self {
            Blueprints | Confs | SidebarsByVal | SidebarsByRef | Options => &[],
            Blueprint => &[Retrieve],
            Users => &[Retrieve, Update],
            Conf | User | SidebarByVal | SidebarByRef | Extended => &[Retrieve, Create, Update, Delete],
        }
    }

    /// The kind whose request or response has this name.
    pub fn from_message_name(name: &str) -> Option<MessageKind> {
        Self::ALL.into_iter().find(|k| k.request_name() == name || k.response_name() == name)
    }

    /// The kind named by an `xsi:type` local part such as `ccmp-conf-request-message-type`. Both
    /// spellings of the sidebars-by-ref response type are accepted: `sidebarsByRef`, as this crate writes it and
    /// the schema in `spec/xsd` has it, and `sidebarsByref`, as the RFC's schema spells it in one place.
    pub fn from_xsi_type(local: &str) -> Option<(MessageKind, crate::registry::Direction)> {
        use crate::registry::Direction;
        let rest = local.trim().strip_prefix("ccmp-")?.strip_suffix("-message-type")?;
        let (stem, direction) = match rest.rsplit_once('-')? {
            (stem, "request") => (stem, Direction::Request),
            (stem, "response") => (stem, Direction::Response),
            _ => return None,
        };
        let kind =
            Self::ALL.into_iter().find(|k| k.stem() == stem || (stem == "sidebarsByref" && *k == SidebarsByRef))?;
        Some((kind, direction))
    }

    /// The `xsi:type` local part this crate writes.
    pub fn xsi_type(self, direction: crate::registry::Direction) -> String {
        let dir = match direction {
            crate::registry::Direction::Request => "request",
            crate::registry::Direction::Response => "response",
        };
        format!("ccmp-{}-{dir}-message-type", self.stem())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_has_operations_exactly_when_it_takes_one() {
        for kind in MessageKind::ALL {
            assert_eq!(kind.takes_operation(), !kind.operations().is_empty(), "{kind:?}");
        }
        assert_eq!(Blueprint.operations(), [Operation::Retrieve]);
        assert!(!Users.operations().contains(&Operation::Create) && !Users.operations().contains(&Operation::Delete));
    }
}
