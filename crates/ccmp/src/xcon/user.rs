use super::{Anonymity, DisconnectionMethod, EndpointStatus, Execution, JoiningMethod, MediaStatus, State, Uris};
use crate::unknown::{AnyElement, Unknown};

/// A user of a conference (RFC 4575 user-type with the XCON additions, which the schema admits in its
/// extension slot and the encoder writes after the endpoints).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct User {
    /// The user's XCON-USERID (or a placeholder in a create).
    pub entity: Option<String>,
    pub state: Option<State>,
    pub display_text: Option<String>,
    pub associated_aors: Option<Uris>,
    pub roles: Option<Roles>,
    /// A whitespace-separated list of language tags on the wire.
    pub languages: Option<Vec<String>>,
    pub cascaded_focus: Option<String>,
    pub endpoints: Vec<Endpoint>,
    /// XCON `provide-anonymity`.
    pub provide_anonymity: Option<Anonymity>,
    /// XCON `allow-refer-users-dynamically`.
    pub allow_refer_users_dynamically: Option<bool>,
    /// XCON `allow-invite-users-dynamically`.
    pub allow_invite_users_dynamically: Option<bool>,
    /// XCON `allow-remove-users-dynamically`.
    pub allow_remove_users_dynamically: Option<bool>,
    pub unknown: Unknown,
}

impl User {
    pub fn new(entity: impl Into<String>) -> Self {
        User { entity: Some(entity.into()), ..Default::default() }
    }

    /// The role entries, empty when there are none.
    pub fn role_names(&self) -> &[String] {
        self.roles.as_ref().map_or(&[], |r| &r.entries)
    }

    /// Whether the user holds `role` (compared case-insensitively).
    pub fn has_role(&self, role: &str) -> bool {
        self.role_names().iter().any(|r| r.trim().eq_ignore_ascii_case(role))
    }
}

/// The roles of a user (RFC 4575 user-roles-type): administrator, moderator, participant, observer, ...
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roles {
    pub entries: Vec<String>,
    /// Only foreign attributes: the schema gives this type no extension slot.
    pub unknown: Unknown,
}

impl Roles {
    pub fn new<S: Into<String>>(entries: impl IntoIterator<Item = S>) -> Self {
        Roles { entries: entries.into_iter().map(Into::into).collect(), unknown: Unknown::default() }
    }
}

/// A device of a user in the conference (RFC 4575 endpoint-type).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Endpoint {
    pub entity: Option<String>,
    pub state: Option<State>,
    pub display_text: Option<String>,
    pub referred: Option<Box<Execution>>,
    pub status: Option<EndpointStatus>,
    pub joining_method: Option<JoiningMethod>,
    pub joining_info: Option<Box<Execution>>,
    pub disconnection_method: Option<DisconnectionMethod>,
    pub disconnection_info: Option<Box<Execution>>,
    pub media: Vec<Media>,
    /// `call-info` (SIP dialog identifiers), kept as it came.
    pub call_info: Option<Box<AnyElement>>,
    pub unknown: Unknown,
}

impl Endpoint {
    pub fn new(entity: impl Into<String>) -> Self {
        Endpoint { entity: Some(entity.into()), ..Default::default() }
    }

    /// The first medium of this type (`audio`, `video`, ...).
    pub fn medium(&self, media_type: &str) -> Option<&Media> {
        self.media.iter().find(|m| m.media_type.as_deref().is_some_and(|t| t.trim().eq_ignore_ascii_case(media_type)))
    }
}

/// One medium of an endpoint (RFC 4575 media-type).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Media {
    /// Required by the schema.
    pub id: String,
    pub display_text: Option<String>,
    pub media_type: Option<String>,
    pub label: Option<String>,
    pub src_id: Option<String>,
    pub status: Option<MediaStatus>,
    pub unknown: Unknown,
}

impl Media {
    pub fn new(id: impl Into<String>) -> Self {
        Media { id: id.into(), ..Default::default() }
    }
}
