//! Where a conference's scheduled time stands against the clock, as the overview says it during an event
//! ("ends in 25 min"): the times themselves are shown too, but the moderator should not have to do the
//! arithmetic with a call running.

use ccmp::xcon::{ConferenceTime, TimeEntry};

use super::ical;
use super::instant::{self, Ms};
use super::recurrence::{Rule, Turn};

const MINUTE: f64 = 60_000.0;

/// `start` and `end` (either may be unknown) against `now`, all in milliseconds on one clock; `None` when
/// there is nothing to say.
pub fn relative(now: f64, start: Option<f64>, end: Option<f64>) -> Option<String> {
    match (start, end) {
        (Some(start), _) if now < start => Some(format!("starts in {}", span(start - now))),
        (_, Some(end)) if now < end => Some(format!("ends in {}", span(end - now))),
        (_, Some(end)) => Some(format!("ended {} ago", span(now - end))),
        (Some(start), None) => Some(format!("started {} ago", span(now - start))),
        (None, None) => None,
    }
}

/// A conference's schedule as the conferences list tells where it stands: its first time, and its rule
/// when it repeats (with the first start as written, which the rule's times are worked out from).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    start: Ms,
    end: Option<Ms>,
    repeats: Option<(Rule, String)>,
}

/// Where a scheduled conference stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stands {
    /// Under way, until `end` when it has one.
    Now { end: Option<Ms> },
    /// To come, from `start` (to `end` when it has one).
    Next { start: Ms, end: Option<Ms> },
}

impl Schedule {
    /// The schedule of `time`'s first entry, when it has a start the panel reads.
    pub fn of(time: Option<&ConferenceTime>) -> Option<Schedule> {
        let entry = time?.entries.first()?;
        let (start, end) = times(entry);
        let (start, end) = (start?.at()?, end.and_then(|e| e.at()));
        let rule = super::recurrence::of(&entry.base);
        let repeats = rule.zip(ical::event_property(&entry.base, "DTSTART"));
        Some(Schedule { start, end, repeats })
    }

    /// Where it stands at `now`: `None` once over, or for a start long past with no end, which says nothing
    /// of whether it still runs; for a repetition the panel cannot follow, only its first time is told.
    pub fn at(&self, now: Ms) -> Option<Stands> {
        let length = self.end.map_or(0, |e| e - self.start);
        if let Some((rule, dtstart)) = &self.repeats {
            match rule.turn_at(dtstart, length, now) {
                Some(Turn::Now { end, .. }) => return Some(Stands::Now { end: (length > 0).then_some(end) }),
                Some(Turn::Next { start, end }) => {
                    return Some(Stands::Next { start, end: (length > 0).then_some(end) })
                }
                Some(Turn::Over { .. }) => return None,
                None => {}
            }
        }
        match self.end {
            _ if now < self.start => Some(Stands::Next { start: self.start, end: self.end }),
            Some(end) if now < end => Some(Stands::Now { end: Some(end) }),
            _ => None,
        }
    }
}

/// How much later "Extend" moves a conference's end, in minutes.
pub const EXTEND_MINUTES: u32 = 15;

/// Extend is offered until the conference has been over this long: a click on a conference that ended
/// hours ago would open it again (QA: "ended 267 days ago" still had the button).
pub const EXTEND_AFTER_END_MS: i64 = 60 * 60_000;

/// A scheduled start or end as a time entry gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Time {
    At(Ms),
    /// Written in a form the panel cannot read (`tomorrow`, a zone the browser does not know): as written.
    Unreadable(String),
}

impl Time {
    pub fn at(&self) -> Option<Ms> {
        match self {
            Time::At(ms) => Some(*ms),
            Time::Unreadable(_) => None,
        }
    }
}

/// The start and end of `entry`: its mixing offsets, else its iCalendar event (`DTSTART`, and `DTEND` or
/// `DTSTART` plus `DURATION`), each the instant it names whatever zone it was written in.
pub fn times(entry: &TimeEntry) -> (Option<Time>, Option<Time>) {
    let read_iso =
        |text: &str| instant::parse_iso(text).map_or_else(|| Time::Unreadable(text.trim().to_owned()), Time::At);
    let read_ical = |name: &str| {
        let value = ical::event_property(&entry.base, name)?;
        let as_written = || Time::Unreadable(value.rsplit(':').next().unwrap_or(&value).trim().to_owned());
        Some(instant::from_ical(&value).map_or_else(as_written, Time::At))
    };
    let start = entry.mixing_start_offset.as_ref().map(|m| read_iso(&m.time)).or_else(|| read_ical("DTSTART"));
    // An end given as a duration after the start; one the panel cannot read is shown as written, not as no
    // end (QA: a save of the start then dropped it without a word).
    let after_start = || {
        let lasts = ical::event_property(&entry.base, "DURATION")?;
        let lasts = lasts.trim_start_matches(':');
        let end = start.as_ref().and_then(Time::at).zip(ical::duration_ms(lasts)).and_then(|(s, d)| s.checked_add(d));
        Some(end.filter(|&t| t <= instant::LATEST).map_or_else(|| Time::Unreadable(lasts.to_owned()), Time::At))
    };
    let end =
        entry.mixing_end_offset.as_ref().map(|m| read_iso(&m.time)).or_else(|| read_ical("DTEND")).or_else(after_start);
    (start, end)
}

/// The schedule "Extend" sends for `time` as the server has it now: its end 15 minutes later, counted from
/// that end, or from `now` once it has passed (an event running over), to the second; and that end. Only the
/// end changes: the start and the rest go back as they were written. `None` when it has no end.
pub fn extended(time: &ConferenceTime, now: Ms) -> Option<(ConferenceTime, Ms)> {
    let entry = time.entries.first()?;
    let end = times(entry).1?.at()?;
    let later = end.max(now) + i64::from(EXTEND_MINUTES) * 60_000;
    if later > instant::LATEST {
        return None;
    }
    let mut time = time.clone();
    time.entries[0] = with_end(entry, later);
    Some((time, later))
}

/// `entry` ending at `end`, everything else as it was written: the mixing offset if it has one, and the
/// iCalendar event's `DTEND` (in UTC, in place of a `DURATION`) if its text has an event.
pub fn with_end(entry: &TimeEntry, end: Ms) -> TimeEntry {
    let iso = format!("{}Z", instant::utc_text(end));
    let mut entry = entry.clone();
    if let Some(m) = &mut entry.mixing_end_offset {
        m.time = iso.clone();
    }
    if ical::event_property(&entry.base, "DTSTART").is_some() {
        let value = format!(":{}", iso.replace(['-', ':'], ""));
        let ended = ical::with_event_property(&entry.base, "DTEND", Some(&value), "DTSTART");
        entry.base = ical::with_event_property(&ended, "DURATION", None, "");
    }
    entry
}

/// When `time` ends, if it says.
pub fn end_of(time: &ConferenceTime) -> Option<Ms> {
    times(time.entries.first()?).1?.at()
}

/// A length of time in the largest units that say it to the minute, rounded so that "ends in 1 min"
/// never shows once it has ended.
pub fn span(ms: f64) -> String {
    let minutes = (ms / MINUTE).floor() as i64;
    match minutes {
        i64::MIN..=0 => "less than a minute".to_owned(),
        1..=59 => format!("{minutes} min"),
        60..=2879 => match (minutes / 60, minutes % 60) {
            (h, 0) => format!("{h} h"),
            (h, m) => format!("{h} h {m} min"),
        },
        _ => format!("{} days", minutes / 1440),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: f64 = 1_000_000_000_000.0;

    fn at(minutes: f64) -> Option<f64> {
        Some(NOW + minutes * MINUTE)
    }

    #[test]
    fn before_during_and_after() {
        assert_eq!(relative(NOW, at(90.0), at(150.0)).as_deref(), Some("starts in 1 h 30 min"));
        assert_eq!(relative(NOW, at(-10.0), at(25.5)).as_deref(), Some("ends in 25 min"));
        assert_eq!(relative(NOW, at(-60.0), at(-3.0)).as_deref(), Some("ended 3 min ago"));
        assert_eq!(relative(NOW, at(-120.0), None).as_deref(), Some("started 2 h ago"));
        assert_eq!(relative(NOW, None, at(45.0)).as_deref(), Some("ends in 45 min"));
        assert_eq!(relative(NOW, None, None), None);
    }

    #[test]
    fn the_list_tells_a_time_to_come_or_under_way_and_nothing_once_over() {
        let iso = |t: &str| instant::parse_iso(t).expect("a time");
        let once = Schedule::of(Some(&time("2026-12-01T10:00:00Z", Some("2026-12-01T11:00:00Z"), ""))).unwrap();
        let end = Some(iso("2026-12-01T11:00:00Z"));
        assert_eq!(
            once.at(iso("2026-12-01T09:00:00Z")),
            Some(Stands::Next { start: iso("2026-12-01T10:00:00Z"), end })
        );
        assert_eq!(once.at(iso("2026-12-01T10:30:00Z")), Some(Stands::Now { end }));
        assert_eq!(once.at(iso("2026-12-01T11:00:00Z")), None, "over");
        let open_ended = Schedule::of(Some(&time("2026-12-01T10:00:00Z", None, ""))).unwrap();
        assert_eq!(open_ended.at(iso("2026-12-02T10:00:00Z")), None, "a start long past says nothing");
        // Weekly, from a Tuesday: the next Tuesday's time, then the one under way.
        let weekly =
            "BEGIN:VEVENT\r\nDTSTART:20261201T100000Z\r\nDTEND:20261201T110000Z\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\n";
        let entry = ccmp::xcon::TimeEntry { base: weekly.into(), ..Default::default() };
        let weekly = Schedule::of(Some(&ConferenceTime { entries: vec![entry], ..Default::default() })).unwrap();
        let next = Some(Stands::Next { start: iso("2026-12-08T10:00:00Z"), end: Some(iso("2026-12-08T11:00:00Z")) });
        assert_eq!(weekly.at(iso("2026-12-03T12:00:00Z")), next);
        let end = Some(iso("2026-12-08T11:00:00Z"));
        assert_eq!(weekly.at(iso("2026-12-08T10:15:00Z")), Some(Stands::Now { end }));
        assert!(Schedule::of(Some(&time("tomorrow", None, ""))).is_none(), "a start the panel cannot read");
    }

    fn time(start: &str, end: Option<&str>, base: &str) -> ConferenceTime {
        use ccmp::xcon::{MixingOffset, TimeEntry};
        let entry = TimeEntry {
            base: base.into(),
            mixing_start_offset: Some(MixingOffset::new(start, "none")),
            mixing_end_offset: end.map(|e| MixingOffset::new(e, "none")),
            ..Default::default()
        };
        ConferenceTime { entries: vec![entry], ..Default::default() }
    }

    #[test]
    fn extending_counts_from_the_end_or_from_now_once_it_has_passed_to_the_second() {
        let ics =
            "BEGIN:VEVENT\r\nDTSTART;TZID=Europe/Paris:20261130T180224\r\nDTEND:20261130T174244Z\r\nEND:VEVENT\r\n";
        let before = time("2026-11-30T17:02:24+00:00", Some("2026-11-30T17:42:44Z"), ics);
        let end = instant::parse_iso("2026-11-30T17:42:44Z").unwrap_or_default();
        let (after, later) = extended(&before, end - 60_000).expect("an end");
        assert_eq!(instant::utc_text(later), "2026-11-30T17:57:44");
        let entry = &after.entries[0];
        assert_eq!(entry.mixing_end_offset.as_ref().map(|m| m.time.as_str()), Some("2026-11-30T17:57:44Z"));
        assert_eq!(entry.mixing_start_offset, before.entries[0].mixing_start_offset, "the start as it was written");
        assert_eq!(entry.base, ics.replace("DTEND:20261130T174244Z", "DTEND:20261130T175744Z"));
        // Running over: from now.
        let (_, later) = extended(&before, end + 10 * 60_000).expect("an end");
        assert_eq!(later, end + 25 * 60_000);
        assert_eq!(end_of(&before), Some(end));
        assert_eq!(extended(&time("2026-11-30T17:02:24Z", None, ""), end), None, "no end, nothing to extend");
        // An end past year 9999 is no end (QA: a huge DURATION, extended, wrote a thirteen-digit year).
        let endless = ConferenceTime {
            entries: vec![ccmp::xcon::TimeEntry {
                base: "DTSTART:20261130T170224Z\nDURATION:P99999999999D".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        assert_eq!(end_of(&endless), None);
        assert_eq!(extended(&endless, end), None);
        // Shown as written, not as no end.
        assert_eq!(times(&endless.entries[0]).1, Some(Time::Unreadable("P99999999999D".into())));
    }

    #[test]
    fn spans_read_to_the_minute() {
        assert_eq!(relative(NOW, at(0.5), None).as_deref(), Some("starts in less than a minute"));
        assert_eq!(relative(NOW, None, at(-0.2)).as_deref(), Some("ended less than a minute ago"));
        assert_eq!(relative(NOW, at(59.9), None).as_deref(), Some("starts in 59 min"));
        assert_eq!(relative(NOW, at(60.0), None).as_deref(), Some("starts in 1 h"));
        assert_eq!(relative(NOW, at(47.0 * 60.0 + 59.0), None).as_deref(), Some("starts in 47 h 59 min"));
        assert_eq!(relative(NOW, at(3.0 * 1440.0 + 5.0), None).as_deref(), Some("starts in 3 days"));
    }
}
