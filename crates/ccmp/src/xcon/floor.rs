use super::{FloorAlgorithm, FloorRequestHandling};
use crate::unknown::Unknown;

/// XCON `floor-information` (RFC 6501 floor-information-type).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FloorInformation {
    pub conference_id: Option<u64>,
    pub allow_floor_events: Option<bool>,
    pub floor_request_handling: Option<FloorRequestHandling>,
    pub conference_floor_policy: Option<FloorPolicy>,
    pub unknown: Unknown,
}

/// The floors of a conference (RFC 6501 conference-floor-policy).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FloorPolicy {
    pub floors: Vec<Floor>,
    /// Only foreign attributes: the schema gives this type no extension slot.
    pub unknown: Unknown,
}

/// One floor: who may talk on which media.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Floor {
    pub id: String,
    /// At least one on the wire.
    pub media_labels: Vec<String>,
    pub algorithm: Option<FloorAlgorithm>,
    pub max_floor_users: Option<u64>,
    pub moderator_id: Option<u64>,
    pub unknown: Unknown,
}
