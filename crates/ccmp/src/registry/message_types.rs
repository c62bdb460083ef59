use crate::message::MessageKind;

/// Whether a message goes from client to server or back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    Request,
    Response,
}

/// One of the 24 registered CCMP message types: a kind and a direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MessageType {
    pub kind: MessageKind,
    pub direction: Direction,
}

impl MessageType {
    /// The registered name, such as `confRequest` or `sidebarsByRefResponse`.
    pub fn name(self) -> &'static str {
        self.row().1
    }

    /// The registry's description.
    pub fn description(self) -> &'static str {
        self.row().2
    }

    /// The message type with this registered name.
    pub fn from_name(name: &str) -> Option<MessageType> {
        MESSAGE_TYPES.iter().find(|row| row.1 == name).map(|row| row.0)
    }

    fn row(self) -> &'static (MessageType, &'static str, &'static str) {
        // MESSAGE_TYPES holds every (kind, direction) pair; the test `every_kind_has_both_directions`
        // keeps it that way.
        MESSAGE_TYPES.iter().find(|row| row.0 == self).unwrap_or(&MESSAGE_TYPES[0])
    }
}

const fn req(kind: MessageKind) -> MessageType {
    MessageType { kind, direction: Direction::Request }
}
const fn resp(kind: MessageKind) -> MessageType {
    MessageType { kind, direction: Direction::Response }
}

use MessageKind::*;

/// `(type, name, description)` for the 24 registered types, in registry order.
pub const MESSAGE_TYPES: [(MessageType, &str, &str); 24] = [
    (
        req(Options),
        "optionsRequest",
        "Used by a conference control client to query a conference server for its capabilities, in terms \
         of supported messages.",
    ),
    (resp(Options), "optionsResponse", "Returns a list of CCMP messages supported by the specific conference server."),
    (
        req(Blueprints),
        "blueprintsRequest",
        "Used by a conference control client to query a conferencing system for its capabilities, in terms \
         of available conference blueprints.",
    ),
    (
        resp(Blueprints),
        "blueprintsResponse",
        "The blueprintsResponse returns a list of blueprints supported by the specific conference server.",
    ),
    (
        req(Blueprint),
        "blueprintRequest",
        "Sent to retrieve the conference object associated with a specific blueprint.",
    ),
    (resp(Blueprint), "blueprintResponse", "Returns the conference object associated with a specific blueprint."),
    (
        req(Confs),
        "confsRequest",
        "Used by a conference control client to query a conference server for its scheduled/active \
         conferences.",
    ),
    (resp(Confs), "confsResponse", "Returns the list of the currently activated/scheduled conferences at the server."),
    (
        req(Conf),
        "confRequest",
        "Used to create a conference object and/or to request an operation on the conference object as a \
         whole.",
    ),
    (resp(Conf), "confResponse", "Indicates the result of the operation on the conference object as a whole."),
    (req(User), "userRequest", "Used to request an operation on the \"user\" element in the conference object."),
    (
        resp(User),
        "userResponse",
        "Indicates the result of the requested operation on the \"user\" element in the conference object.",
    ),
    (
        req(Users),
        "usersRequest",
        "Used to manipulate the \"users\" element in the conference object, including parameters such as the \
         \"allowed-users-list\", \"join-handling\", etc.",
    ),
    (
        resp(Users),
        "usersResponse",
        "Indicates the result of the request to manipulate the \"users\" element in the conference object.",
    ),
    (
        req(SidebarsByVal),
        "sidebarsByValRequest",
        "Used to retrieve the \"sidebars-by-val\" element of the target conference object.",
    ),
    (
        resp(SidebarsByVal),
        "sidebarsByValResponse",
        "Returns the list of the sidebar-by-val conferences within the target conference object.",
    ),
    (
        req(SidebarsByRef),
        "sidebarsByRefRequest",
        "Used to retrieve the \"sidebars-by-ref\" element of the target conference object.",
    ),
    (
        resp(SidebarsByRef),
        "sidebarsByRefResponse",
        "Returns the list of the sidebar-by-ref conferences associated with the target conference object.",
    ),
    (req(SidebarByVal), "sidebarByValRequest", "Used to request an operation on a sidebar-by-val conference."),
    (
        resp(SidebarByVal),
        "sidebarByValResponse",
        "Indicates the result of the request to manipulate a sidebar-by-val conference.",
    ),
    (req(SidebarByRef), "sidebarByRefRequest", "Used to request an operation on a sidebar-by-ref conference."),
    (
        resp(SidebarByRef),
        "sidebarByRefResponse",
        "Indicates the result of the request to manipulate a sidebar-by-ref conference.",
    ),
    (
        req(Extended),
        "extendedRequest",
        "Provides for extensibility of the CCMP message types. Each extension is characterized by an \
         extensionName that MUST be included in the extendedRequest.",
    ),
    (resp(Extended), "extendedResponse", "Returns the XML elements as defined for the specific extensionName."),
];
