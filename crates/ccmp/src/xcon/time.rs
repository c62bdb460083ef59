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

impl ConferenceTime {
    /// The first of its times that is not the schema's `time-type` ([`is_time_type`]), with the name of
    /// its element: what a server refuses to store.
    pub fn first_bad_time(&self) -> Option<(&'static str, &str)> {
        self.entries.iter().find_map(|e| {
            let times = [
                ("mixing-start-offset", e.mixing_start_offset.as_ref().map(|m| m.time.as_str())),
                ("mixing-end-offset", e.mixing_end_offset.as_ref().map(|m| m.time.as_str())),
                ("can-join-after-offset", e.can_join_after_offset.as_deref()),
                ("must-join-before-offset", e.must_join_before_offset.as_deref()),
                ("request-user", e.request_user.as_deref()),
            ];
            times.into_iter().find_map(|(name, time)| time.filter(|t| !is_time_type(t)).map(|t| (name, t)))
        })
    }
}

/// Whether `text` is an XCON `time-type` (RFC 6501): an `xs:dateTime` whose zone is UTC, written `Z`
/// (`2026-12-01T10:00:00Z`, `2026-12-01T10:00:00.5Z`), with every field in its range. An offset
/// (`+05:30`) or no zone at all is not one.
pub fn is_time_type(text: &str) -> bool {
    let Some(t) = text.trim().strip_suffix('Z') else { return false };
    let Some((date, time)) = t.split_once('T') else { return false };
    date_in_range(date.strip_prefix('-').unwrap_or(date)) && time_in_range(time)
}

/// `YYYY-MM-DD`, the year of four digits or more (more only without a leading zero), and not 0000: XML Schema
/// 1.0, which the CCMP schema is written in, has no year zero (1 BC is -0001).
fn date_in_range(date: &str) -> bool {
    let mut parts = date.rsplitn(3, '-');
    let (Some(day), Some(month), Some(year)) = (parts.next(), parts.next(), parts.next()) else { return false };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(year) || year.len() < 4 || (year.len() > 4 && year.starts_with('0')) || year == "0000" {
        return false;
    }
    let (Some(month), Some(day)) = (two_digits(month), two_digits(day)) else { return false };
    // Whether the year is a leap year depends on its last four digits only (400 divides 10,000).
    let y: i64 = year[year.len() - 4..].parse().unwrap_or(1);
    let Some(days) = days_in_month(y, month) else { return false };
    (1..=days).contains(&day)
}

/// The days of `month` (1 to 12) of the proleptic Gregorian `year`; `None` for no month.
pub fn days_in_month(year: i64, month: u32) -> Option<u32> {
    let leap = year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0);
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    })
}

/// `hh:mm:ss` with an optional fraction; `24:00:00` is the end of the day.
fn time_in_range(time: &str) -> bool {
    let (whole, fraction) = time.split_once('.').unwrap_or((time, ""));
    if time.contains('.') && (fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    let mut parts = whole.split(':');
    let (Some(h), Some(m), Some(s), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let (Some(h), Some(m), Some(s)) = (two_digits(h), two_digits(m), two_digits(s)) else { return false };
    let end_of_day = h == 24 && m == 0 && s == 0 && fraction.bytes().all(|b| b == b'0');
    (h < 24 && m < 60 && s < 60) || end_of_day
}

fn two_digits(s: &str) -> Option<u32> {
    (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_type_is_a_utc_date_time() {
        for good in [
            "2026-12-01T10:00:00Z",
            " 2026-12-01T10:00:00Z ",
            "2026-12-01T10:00:00.250Z",
            "2028-02-29T23:59:59Z",
            "2000-02-29T00:00:00Z",
            "2026-12-01T24:00:00Z",
            "12026-01-01T00:00:00Z",
            "-0044-03-15T12:00:00Z",
        ] {
            assert!(is_time_type(good), "{good}");
        }
        for bad in [
            "tomorrow",
            "",
            "2026-12-01T10:00:00",
            "2026-12-01T10:00:00+05:30",
            "2026-12-01T10:00Z",
            "2026-12-01 10:00:00Z",
            "2026-13-01T10:00:00Z",
            "2026-02-29T10:00:00Z",
            "1900-02-29T10:00:00Z",
            "2026-04-31T10:00:00Z",
            "2026-12-00T10:00:00Z",
            "2026-12-01T25:00:00Z",
            "2026-12-01T24:00:01Z",
            "2026-12-01T10:60:00Z",
            "2026-12-01T10:00:60Z",
            "2026-12-01T10:00:00.Z",
            "2026-12-01T10:00:00.5xZ",
            "226-12-01T10:00:00Z",
            "02026-12-01T10:00:00Z",
            "2026-1-01T10:00:00Z",
            "2026-12-01T10:00:00ZZ",
            "२०२६-12-01T10:00:00Z",
            "0000-01-01T00:00:00Z",
            "-0000-01-01T00:00:00Z",
        ] {
            assert!(!is_time_type(bad), "{bad}");
        }
    }

    #[test]
    fn month_lengths_follow_the_gregorian_leap_years() {
        assert_eq!(days_in_month(2028, 2), Some(29));
        assert_eq!(days_in_month(1900, 2), Some(28));
        assert_eq!(days_in_month(2000, 2), Some(29));
        assert_eq!(days_in_month(-4, 2), Some(29), "before year 1 too");
        assert_eq!(days_in_month(2026, 4), Some(30));
        assert_eq!(days_in_month(2026, 13), None);
    }

    #[test]
    fn the_first_bad_time_is_named_with_its_element() {
        let mut entry = TimeEntry {
            base: "BEGIN:VCALENDAR".into(),
            mixing_start_offset: Some(MixingOffset::new("2026-12-01T10:00:00Z", "none")),
            ..TimeEntry::default()
        };
        let mut time = ConferenceTime { entries: vec![entry.clone()], unknown: Unknown::default() };
        assert_eq!(time.first_bad_time(), None);
        entry.mixing_end_offset = Some(MixingOffset::new("tomorrow", "none"));
        entry.request_user = Some("2026-12-01T10:00:00+01:00".into());
        time.entries.push(entry);
        assert_eq!(time.first_bad_time(), Some(("mixing-end-offset", "tomorrow")));
    }
}
