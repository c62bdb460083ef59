use super::{ConferenceTime, FloorInformation, MediaStatus, State, Uris, Users};
use crate::unknown::Unknown;

/// A conference object (RFC 4575 conference-type with the RFC 6501 additions): the payload of
/// confInfo, blueprintInfo, sidebarByValInfo, sidebarByRefInfo and of each sidebars-by-val entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conference {
    /// The conference's XCON-URI (required by the schema).
    pub entity: String,
    pub state: Option<State>,
    pub version: Option<u32>,
    pub description: Option<ConferenceDescription>,
    pub host_info: Option<HostInfo>,
    pub conference_state: Option<ConferenceState>,
    pub users: Option<Users>,
    pub sidebars_by_ref: Option<Uris>,
    pub sidebars_by_val: Option<SidebarsByVal>,
    /// XCON `floor-information`.
    pub floor_information: Option<FloorInformation>,
    pub unknown: Unknown,
}

impl Conference {
    /// An empty document for `entity`.
    pub fn new(entity: impl Into<String>) -> Self {
        Conference { entity: entity.into(), ..Default::default() }
    }

    /// The description, created empty when missing: for building partial updates.
    pub fn description_mut(&mut self) -> &mut ConferenceDescription {
        self.description.get_or_insert_with(Default::default)
    }

    /// The display-text of the description, if any.
    pub fn display_text(&self) -> Option<&str> {
        self.description.as_ref()?.display_text.as_deref()
    }

    /// The entries of the description's available-media, empty when there is none.
    pub fn media(&self) -> &[MediaEntry] {
        self.description.as_ref().map_or(&[], ConferenceDescription::media)
    }
}

/// The conference description (RFC 4575 conference-description-type with the XCON additions, which
/// the schema admits in its extension slot and the encoder writes after the RFC 4575 children).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConferenceDescription {
    pub display_text: Option<String>,
    pub subject: Option<String>,
    pub free_text: Option<String>,
    /// A whitespace-separated list on the wire.
    pub keywords: Option<Vec<String>>,
    pub conf_uris: Option<Uris>,
    pub service_uris: Option<Uris>,
    pub maximum_user_count: Option<u32>,
    pub available_media: Option<AvailableMedia>,
    /// XCON `language` (an `xs:language` tag).
    pub language: Option<String>,
    /// XCON `allow-sidebars`.
    pub allow_sidebars: Option<bool>,
    /// XCON `cloning-parent`: the blueprint or conference this one was cloned from.
    pub cloning_parent: Option<String>,
    /// XCON `sidebar-parent`: the conference this sidebar belongs to.
    pub sidebar_parent: Option<String>,
    /// XCON `conference-time`.
    pub conference_time: Option<ConferenceTime>,
    /// XCON `allow-conference-event-subscription`.
    pub allow_conference_event_subscription: Option<bool>,
    /// XCON `conference-password`. A server stores it hashed and never returns it on a retrieve.
    pub conference_password: Option<String>,
    pub unknown: Unknown,
}

impl ConferenceDescription {
    /// The entries of available-media, empty when there is none.
    pub fn media(&self) -> &[MediaEntry] {
        self.available_media.as_ref().map_or(&[], |m| &m.entries)
    }
}

/// The host of the conference (RFC 4575 host-type).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostInfo {
    pub display_text: Option<String>,
    pub web_page: Option<String>,
    pub uris: Option<Uris>,
    pub unknown: Unknown,
}

/// The live state of the conference (RFC 4575 conference-state-type).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConferenceState {
    pub user_count: Option<u32>,
    pub active: Option<bool>,
    pub locked: Option<bool>,
    pub unknown: Unknown,
}

/// The media the conference offers (RFC 4575 conference-media-type).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AvailableMedia {
    pub entries: Vec<MediaEntry>,
    /// Only foreign attributes: the schema gives this type no extension slot.
    pub unknown: Unknown,
}

/// One medium of the conference (RFC 4575 conference-medium-type). The XCON additions (mixing-mode,
/// codecs, controls) are kept in `unknown`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MediaEntry {
    pub label: String,
    pub display_text: Option<String>,
    /// `audio`, `video`, `text`, `message`, ... (required by the schema).
    pub media_type: String,
    pub status: Option<MediaStatus>,
    pub unknown: Unknown,
}

impl MediaEntry {
    pub fn new(label: impl Into<String>, media_type: impl Into<String>) -> Self {
        MediaEntry { label: label.into(), media_type: media_type.into(), ..Default::default() }
    }

    /// Whether it is of the type `media_type` (`audio`), as written by any client: case and spaces aside.
    pub fn is_type(&self, media_type: &str) -> bool {
        self.media_type.trim().eq_ignore_ascii_case(media_type.trim())
    }
}

/// Sidebars kept inside their parent (RFC 4575 sidebars-by-val-type).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SidebarsByVal {
    pub state: Option<State>,
    pub entries: Vec<Conference>,
    /// Only foreign attributes: the schema gives this type no extension slot.
    pub unknown: Unknown,
}
