//! Where a conference's scheduled time stands against the clock, as the overview says it during an event
//! ("ends in 25 min"): the times themselves are shown too, but the moderator should not have to do the
//! arithmetic with a call running.

use ccmp::xcon::ConferenceTime;

use super::instant::{self, Ms};

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

/// How much later "Extend" moves a conference's end, in minutes.
pub const EXTEND_MINUTES: u32 = 15;

/// Extend is offered until the conference has been over this long: a click on a conference that ended
/// hours ago would open it again (QA: "ended 267 days ago" still had the button).
pub const EXTEND_AFTER_END_MS: i64 = 60 * 60_000;

/// The schedule "Extend" sends for `time` as the server has it now: its end 15 minutes later, counted from
/// that end, or from `now` once it has passed (an event running over), to the second; and that end. Only the
/// end changes: the start and the rest go back as they were written. `None` when it has no end.
pub fn extended(time: &ConferenceTime, now: Ms) -> Option<(ConferenceTime, Ms)> {
    let entry = time.entries.first()?;
    let dtend = |base: &str| {
        base.lines()
            .find_map(|l| l.trim().strip_prefix("DTEND").filter(|rest| rest.starts_with([':', ';'])).map(str::to_owned))
    };
    let end = match &entry.mixing_end_offset {
        Some(m) => instant::parse_iso(&m.time)?,
        None => instant::from_ical(&dtend(&entry.base)?)?,
    };
    let later = end.max(now) + i64::from(EXTEND_MINUTES) * 60_000;
    let iso = format!("{}Z", instant::utc_text(later));
    let mut entry = entry.clone();
    if let Some(m) = &mut entry.mixing_end_offset {
        m.time = iso.clone();
    }
    if dtend(&entry.base).is_some() {
        let ical = iso.replace(['-', ':'], "");
        entry.base = entry
            .base
            .split('\n')
            .map(|line| match line.trim_start().strip_prefix("DTEND") {
                Some(rest) if rest.starts_with([':', ';']) => {
                    format!("DTEND:{ical}{}", if line.ends_with('\r') { "\r" } else { "" })
                }
                _ => line.to_owned(),
            })
            .collect::<Vec<_>>()
            .join("\n");
    }
    let mut time = time.clone();
    time.entries[0] = entry;
    Some((time, later))
}

/// When `time` ends, if it says.
pub fn end_of(time: &ConferenceTime) -> Option<Ms> {
    extended(time, Ms::MIN).map(|(_, later)| later - i64::from(EXTEND_MINUTES) * 60_000)
}

/// A length of time in the largest units that say it to the minute, rounded so that "ends in 1 min"
/// never shows once it has ended.
fn span(ms: f64) -> String {
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
