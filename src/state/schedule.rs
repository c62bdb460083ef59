//! Where a conference's scheduled time stands against the clock, as the overview says it during an event
//! ("ends in 25 min"): the times themselves are shown too, but the moderator should not have to do the
//! arithmetic with a call running.

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

/// The end "Extend" gives a conference that ends at `end`: 15 minutes more of the event, counted from the
/// scheduled end, or from `now` once that has passed (an event running over).
pub fn extended_end(end: f64, now: f64) -> f64 {
    end.max(now) + f64::from(EXTEND_MINUTES) * MINUTE
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

    #[test]
    fn extending_counts_from_the_end_or_from_now_once_it_has_passed() {
        assert_eq!(Some(extended_end(NOW + 5.0 * MINUTE, NOW)), at(20.0));
        assert_eq!(Some(extended_end(NOW - 60.0 * MINUTE, NOW)), at(15.0));
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
