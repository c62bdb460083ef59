use crate::unknown::Unknown;

/// XCON `conference-time` (RFC 6501 conference-time-type): when the conference happens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConferenceTime {
    pub entries: Vec<TimeEntry>,
    pub unknown: Unknown,
}

/// One occurrence. Times are `xs:dateTime` in UTC (`2026-11-28T10:00:00Z`), kept as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimeEntry {
    /// An iCalendar text (liblinphone writes a VCALENDAR here).
    pub base: String,
    pub mixing_start_offset: Option<MixingOffset>,
    pub mixing_end_offset: Option<MixingOffset>,
    pub can_join_after_offset: Option<String>,
    pub must_join_before_offset: Option<String>,
    pub request_user: Option<String>,
    pub notify_end_of_conference: Option<u64>,
    pub allowed_extend_mixing_end_offset: Option<bool>,
    pub unknown: Unknown,
}

/// A start or end of mixing, and the role whose presence it waits for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MixingOffset {
    pub time: String,
    /// `none`, `administrator`, `moderator`, `user`, `observer`, `participant` or another role.
    pub required_participant: String,
    /// Only foreign attributes.
    pub unknown: Unknown,
}

impl MixingOffset {
    pub fn new(time: impl Into<String>, required_participant: impl Into<String>) -> Self {
        MixingOffset {
            time: time.into(),
            required_participant: required_participant.into(),
            unknown: Unknown::default(),
        }
    }
}
