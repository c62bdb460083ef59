//! A conference that repeats (its event's `RRULE`, RFC 5545 section 3.3.10), said in words on its overview:
//! "every week on Monday, Wednesday, 10 times", with the time under way or the next one worked out from
//! the rule. The times the schedule holds are the first occurrence's, and "ended 3 weeks ago" of a weekly
//! meeting would be a false alarm (QA).

use ccmp::xcon::Conference;

use super::bidi::isolate;
use super::ical;
use super::instant::{self, Ms};

/// A repeating event's rule, as far as the panel reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rule {
    /// The rule as written (after `RRULE:`).
    written: String,
    unit: Option<&'static str>,
    interval: Option<u32>,
    count: Option<u32>,
    /// `UNTIL` as a day, `2026-12-31`, and as the instant it names, if it names one the panel reads.
    until: Option<(String, Option<Ms>)>,
    days: Vec<Option<String>>,
    /// `BYMONTHDAY`'s days of the month (1 to 31; a count from the month's end is left untold).
    month_days: Vec<u32>,
    /// A part the words below leave out (`BYSETPOS`, `BYMONTHDAY`…), or one the panel cannot read.
    untold: bool,
}

/// The rule of `base`'s first event; `None` when it does not repeat.
pub fn of(base: &str) -> Option<Rule> {
    let written = ical::event_property(base, "RRULE")?;
    let rule = written.split_once(':').map_or(written.as_str(), |(_, rule)| rule).trim();
    if rule.is_empty() {
        return None;
    }
    let mut out = Rule { written: rule.to_owned(), ..Rule::default() };
    for part in rule.split(';').filter(|p| !p.trim().is_empty()) {
        let (name, value) = part.split_once('=').unwrap_or((part, ""));
        let value = value.trim();
        let read = match name.trim().to_ascii_uppercase().as_str() {
            "FREQ" => {
                out.unit = unit(value);
                out.unit.is_some()
            }
            "INTERVAL" => {
                out.interval = value.parse().ok().filter(|&n| n > 0);
                out.interval.is_some()
            }
            "COUNT" => {
                out.count = value.parse().ok().filter(|&n| n > 0);
                out.count.is_some()
            }
            "UNTIL" => {
                out.until = date(value)
                    .map(|day| (day, instant::from_ical(&format!(":{value}")).or_else(|| end_of_day(value))));
                out.until.is_some()
            }
            "BYDAY" => {
                out.days = value.split(',').map(day).collect();
                out.days.iter().all(Option::is_some)
            }
            "BYMONTHDAY" => {
                let days: Option<Vec<u32>> =
                    value.split(',').map(|d| d.trim().parse().ok().filter(|d| (1..=31).contains(d))).collect();
                out.month_days = days.unwrap_or_default();
                out.month_days.sort_unstable();
                out.month_days.dedup();
                !out.month_days.is_empty()
            }
            // The week's first day changes nothing said here.
            "WKST" => true,
            _ => false,
        };
        out.untold |= !read;
    }
    Some(out)
}

/// The rule `rule` (as written after `RRULE:`, the form's), if it names one.
pub fn of_rule(rule: &str) -> Option<Rule> {
    of(&format!("RRULE:{}", rule.trim()))
}

/// The repetitions the conference form offers, as rules and as the form names them. A weekly or monthly
/// rule without days repeats on the first time's day (RFC 5545 section 3.3.10).
pub const PRESETS: [(&str, &str); 5] = [
    ("FREQ=DAILY", "Every day"),
    ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "Every weekday (Monday to Friday)"),
    ("FREQ=WEEKLY", "Every week"),
    ("FREQ=WEEKLY;INTERVAL=2", "Every 2 weeks"),
    ("FREQ=MONTHLY", "Every month"),
];

/// A rule set apart into its pattern and its `COUNT` (empty when it has none): the form picks the one and
/// types the other. `FREQ=WEEKLY;COUNT=10` is `FREQ=WEEKLY` and `10`.
pub fn count_apart(rule: &str) -> (String, String) {
    let mut count = String::new();
    let mut pattern: Vec<&str> = Vec::new();
    for part in rule.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        match part.split_once('=') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("COUNT") => count = value.trim().to_owned(),
            _ => pattern.push(part),
        }
    }
    (pattern.join(";"), count)
}

/// The rule of a pattern and a count as [`count_apart`] sets them apart: no pattern, no rule; no count, no end.
pub fn with_count(pattern: &str, count: &str) -> String {
    let (pattern, count) = (pattern.trim(), count.trim());
    match (pattern.is_empty(), count.is_empty()) {
        (true, _) => String::new(),
        (false, true) => pattern.to_owned(),
        (false, false) => format!("{pattern};COUNT={count}"),
    }
}

/// The preset `pattern` is, in any case and part order of the rule's words: `FREQ=WEEKLY;INTERVAL=2` and
/// `interval=2;freq=weekly` are one.
pub fn preset_of(pattern: &str) -> Option<&'static str> {
    let parts = |rule: &str| {
        let mut parts: Vec<String> =
            rule.split(';').map(|p| p.trim().to_ascii_uppercase()).filter(|p| !p.is_empty()).collect();
        parts.sort();
        parts
    };
    let wanted = parts(pattern);
    PRESETS.iter().map(|(rule, _)| *rule).find(|rule| parts(rule) == wanted)
}

/// The rule of the conference `conf`'s schedule (its first time entry), if it repeats.
pub fn of_conference(conf: &Conference) -> Option<Rule> {
    of(&conf.description.as_ref()?.conference_time.as_ref()?.entries.first()?.base)
}

impl Rule {
    /// The rule as written, after `RRULE:` and its parameters.
    pub fn written(&self) -> &str {
        &self.written
    }

    /// Whether a weekly rule on given days leaves out `weekday` (`Saturday`), the day its first time falls on:
    /// that first time is one of its times all the same, and counts as one (RFC 5545), which a series of
    /// weekdays begun on a Saturday does not mean.
    pub fn leaves_out(&self, weekday: &str) -> bool {
        let plain = !self.days.is_empty() && self.days.iter().all(|d| d.as_deref().is_some_and(|d| !d.contains(' ')));
        self.unit == Some("week") && plain && !self.days.iter().flatten().any(|d| d == weekday)
    }

    /// Whether it ends on a date (`UNTIL`), which a count cannot go with (RFC 5545).
    pub fn has_until(&self) -> bool {
        self.until.is_some() || self.written.to_ascii_uppercase().contains("UNTIL=")
    }

    /// The rule in words, with the rule as written when a part of it is not put in words (`BYSETPOS`,
    /// `BYMONTHDAY`…): the words alone would then claim less than it says.
    pub fn in_words(&self) -> String {
        // The rule as written is another client's text: isolated, a right-to-left mark in it cannot turn
        // the rest of the line around (QA).
        let Some(unit) = self.unit else {
            return format!("as written: {}", isolate(&self.written));
        };
        let mut text = match self.interval.filter(|&n| n > 1) {
            Some(n) => format!("every {n} {unit}s"),
            None => format!("every {unit}"),
        };
        // Each day once (QA: a rule naming Monday 3,330 times filled screens).
        let mut days: Vec<&str> = Vec::new();
        for day in self.days.iter().flatten() {
            if !days.contains(&day.as_str()) {
                days.push(day);
            }
        }
        // Not when a part the words leave out narrows them (`BYSETPOS=-1` keeps the last of the days: "on
        // Monday, …, Friday" read as every weekday, QA); the rule as written follows.
        if !days.is_empty() && !self.untold {
            text.push_str(&format!(" on {}", days.join(", ")));
        }
        if let Some(n) = self.count {
            text.push_str(&if n == 1 { ", once".to_owned() } else { format!(", {n} times") });
        }
        if let Some((day, _)) = &self.until {
            text.push_str(&format!(", until {day}"));
        }
        if !self.month_days.is_empty() && !self.untold {
            let days: Vec<String> = self.month_days.iter().map(|&d| ordinal(d)).collect();
            text.push_str(&format!(" on the {}", days.join(", ")));
        }
        if self.untold {
            text.push_str(&format!(" (as written: {})", isolate(&self.written)));
        }
        text
    }

    /// Whether the repetition is over at `now`: its `UNTIL` has passed. A `COUNT` used up is for
    /// [`Rule::turn_at`] to tell, which goes through the times (for the rules it follows).
    pub fn over_at(&self, now: Ms) -> bool {
        self.until.as_ref().and_then(|(_, at)| *at).is_some_and(|until| until < now)
    }

    /// The shortest time between the starts of two of its times, where the rule says it plainly: every n
    /// seconds to weeks, or weekly on given days (Monday and Wednesday: two days). `None` otherwise.
    pub fn shortest_gap_ms(&self) -> Option<Ms> {
        const DAY: Ms = 86_400_000;
        let every = Ms::from(self.interval.unwrap_or(1));
        let unit = match self.unit? {
            "second" => 1_000,
            "minute" => 60_000,
            "hour" => 3_600_000,
            "day" => DAY,
            "week" => 7 * DAY,
            _ => return None,
        };
        if self.untold || (!self.days.is_empty() && unit != 7 * DAY) {
            return None;
        }
        let mut weekdays: Vec<Ms> = self.days.iter().flatten().filter_map(|d| weekday(d)).collect();
        weekdays.sort_unstable();
        weekdays.dedup();
        if weekdays.len() < 2 {
            return Some(unit * every);
        }
        // Within a week, and from the last day of one week to the first of the next one it meets.
        let wrap = weekdays[0] + 7 * every - weekdays[weekdays.len() - 1];
        let within = weekdays.windows(2).map(|w| w[1] - w[0]).min().unwrap_or(wrap);
        Some(within.min(wrap) * DAY)
    }
}

/// Where a repeating conference stands at a moment, worked out from its rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Turn {
    /// One of its times is under way, from `start` to `end`.
    Now { start: Ms, end: Ms },
    /// The next of its times, from `start` to `end`.
    Next { start: Ms, end: Ms },
    /// None is left (its count is used up, or its `UNTIL` has passed); the last was from `start` to `end`.
    Over { start: Ms, end: Ms },
}

/// How many periods (days, weeks, months, years) [`Rule::turn_at`] goes through before it gives up: a daily
/// meeting 270 years on. Each is a few integer operations, so a reading every 15 s costs nothing.
const MOST_PERIODS: i64 = 100_000;

impl Rule {
    /// Where the repetition stands at `now`, for a first time written `dtstart` (the property's parameters
    /// and value, `;TZID=Europe/Paris:20261201T100000`) that lasts `length`. The times are worked out on the
    /// clock it was written on, so that a 10:00 Paris meeting is at 10:00 in Paris after the clocks change,
    /// and the first time counts as one of `COUNT` (RFC 5545 section 3.3.10).
    ///
    /// `None` when the panel does not work it out: a part of the rule it does not follow (the first Monday,
    /// `BYSETPOS`, `BYMONTHDAY`…; days with another unit than weeks), a start it cannot read, or more than
    /// [`MOST_PERIODS`] periods to go through.
    pub fn turn_at(&self, dtstart: &str, length: Ms, now: Ms) -> Option<Turn> {
        const DAY: Ms = 86_400_000;
        let unit = self.unit?;
        let weekdays: Option<Vec<Ms>> = self.days.iter().map(|d| d.as_deref().and_then(weekday)).collect();
        let mut weekdays = weekdays?;
        weekdays.sort_unstable();
        weekdays.dedup();
        let by_month_day = !self.month_days.is_empty();
        if self.untold || (!weekdays.is_empty() && unit != "week") || (by_month_day && unit != "month") {
            return None;
        }
        let every = i64::from(self.interval.unwrap_or(1));
        let first = instant::from_ical(dtstart)?;
        let wall = instant::wall_of(dtstart)?;
        let until = match &self.until {
            Some((_, at)) => Some((*at)?),
            None => None,
        };
        let length = length.max(0);
        // The times of one period, on the event's clock (as `wall_of` counts it), in order.
        let in_day = wall.rem_euclid(DAY);
        let (y, m, d) = instant::date_of(wall);
        let period = |p: i64| -> Vec<Ms> {
            match unit {
                "day" => vec![wall + p * every * DAY],
                "week" if weekdays.is_empty() => vec![wall + p * every * 7 * DAY],
                "week" => {
                    // Weeks begin on Monday (WKST, which moves them, is rare enough to be left out).
                    let monday = wall - (wall.div_euclid(DAY) + 3).rem_euclid(7) * DAY + p * every * 7 * DAY;
                    weekdays.iter().map(|w| monday + w * DAY).collect()
                }
                // A month or a year without that day (the 31st, the 29th of February) has no time then.
                "month" => {
                    let months = (m - 1) + p * every;
                    let (y, m) = (y + months.div_euclid(12), months.rem_euclid(12) + 1);
                    let days =
                        if by_month_day { self.month_days.iter().map(|&d| i64::from(d)).collect() } else { vec![d] };
                    days.into_iter().filter_map(|d| instant::at_date(y, m, d, in_day)).collect()
                }
                "year" => instant::at_date(y + p * every, m, d, in_day).into_iter().collect(),
                // Steps under a day are not gone through by period (below).
                _ => Vec::new(),
            }
        };
        // Under a day, the times are a plain step apart.
        let step = match unit {
            "second" => Some(1_000),
            "minute" => Some(60_000),
            "hour" => Some(3_600_000),
            _ => None,
        };
        let mut walk = Walk { count: self.count, until, length, now, met: 0, last: None };
        if let Some(found) = walk.meet(first) {
            return found;
        }
        if let Some(step) = step.map(|s| s * every) {
            // Straight to the times near `now`, counting those skipped.
            let skip = ((now - length - first) / step - 1).max(0);
            // Not past the last time: the count's (the first is one of them), or the last before `UNTIL`.
            let skip = self.count.map_or(skip, |n| skip.min(i64::from(n) - 1));
            let skip = until.map_or(skip, |u| skip.min(((u - first) / step).max(0)));
            if skip > 0 {
                walk.met += u32::try_from(skip).ok()?;
                walk.last = Some(first + skip * step);
            }
            let mut at = first + (skip + 1) * step;
            for _ in 0..MOST_PERIODS {
                if let Some(found) = walk.meet(at) {
                    return found;
                }
                at += step;
            }
            return None;
        }
        for p in 0..MOST_PERIODS {
            for start_wall in period(p).into_iter().filter(|&w| w > wall) {
                // Turned into an instant on the event's clock only near the times that matter: the browser's
                // zone database is called for a few of them, not for every week of a year-old meeting.
                let near = |at: Ms| start_wall + 2 * DAY >= at;
                let last = self.count.is_some_and(|n| walk.met + 1 >= n);
                let start = if near(now - length) || until.is_some_and(near) || last {
                    instant::on_clock_of(start_wall, dtstart)?
                } else {
                    start_wall - wall + first
                };
                if let Some(found) = walk.meet(start) {
                    return found;
                }
            }
        }
        None
    }
}

/// The times of a rule met in order, as [`Rule::turn_at`] goes through them.
struct Walk {
    count: Option<u32>,
    until: Option<Ms>,
    length: Ms,
    now: Ms,
    /// How many times were met so far, and the start of the last.
    met: u32,
    last: Option<Ms>,
}

impl Walk {
    /// Meets the time starting at `start`: `Some` with the answer once it is known (the time under way or
    /// next, or none left), `None` to go on.
    fn meet(&mut self, start: Ms) -> Option<Option<Turn>> {
        if self.count.is_some_and(|n| self.met >= n) || self.until.is_some_and(|u| start > u) {
            return Some(self.last.map(|s| Turn::Over { start: s, end: s + self.length }));
        }
        self.met += 1;
        self.last = Some(start);
        let end = start + self.length;
        if end > self.now || (self.length == 0 && start >= self.now) {
            let turn = if start <= self.now { Turn::Now { start, end } } else { Turn::Next { start, end } };
            return Some(Some(turn));
        }
        None
    }
}

/// The day of the week of a plain day name ("Monday" is 0); `None` for "the first Monday" and the like.
fn weekday(name: &str) -> Option<Ms> {
    const NAMES: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    NAMES.iter().position(|n| *n == name).map(|i| i as Ms)
}

/// A day of the month as said: `1st`, `2nd`, `3rd`, `11th`, `22nd`.
fn ordinal(day: u32) -> String {
    let suffix = match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{day}{suffix}")
}

/// An `UNTIL` given as a day alone (`20261231`): the end of that day, in UTC.
fn end_of_day(value: &str) -> Option<Ms> {
    let day = date(value).filter(|_| value.len() == 8)?;
    instant::parse_iso(&format!("{day}T23:59:59Z"))
}

fn unit(freq: &str) -> Option<&'static str> {
    Some(match freq.to_ascii_uppercase().as_str() {
        "SECONDLY" => "second",
        "MINUTELY" => "minute",
        "HOURLY" => "hour",
        "DAILY" => "day",
        "WEEKLY" => "week",
        "MONTHLY" => "month",
        "YEARLY" => "year",
        _ => return None,
    })
}

/// `MO` as "Monday", `1MO` as "the first Monday", `-1FR` as "the last Friday".
fn day(text: &str) -> Option<String> {
    let text = text.trim().to_ascii_uppercase();
    let split = text.len().checked_sub(2)?;
    let (nth, code) = (text.get(..split)?, text.get(split..)?);
    let name = match code {
        "MO" => "Monday",
        "TU" => "Tuesday",
        "WE" => "Wednesday",
        "TH" => "Thursday",
        "FR" => "Friday",
        "SA" => "Saturday",
        "SU" => "Sunday",
        _ => return None,
    };
    let which = match nth.strip_prefix('+').unwrap_or(nth) {
        "" => return Some(name.to_owned()),
        "1" => "first",
        "2" => "second",
        "3" => "third",
        "4" => "fourth",
        "5" => "fifth",
        "-1" => "last",
        "-2" => "second to last",
        _ => return None,
    };
    Some(format!("the {which} {name}"))
}

/// `20261231` or `20261231T235959Z` as `2026-12-31`: the day is what a moderator reads off an end of
/// repetition.
fn date(text: &str) -> Option<String> {
    let digits = text.get(..8).filter(|d| d.bytes().all(|b| b.is_ascii_digit()))?;
    let rest = &text[8..];
    (rest.is_empty() || rest.starts_with('T')).then(|| format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(rrule: &str) -> Option<String> {
        of(&format!("BEGIN:VEVENT\r\nDTSTART:20261201T100000Z\r\n{rrule}\r\nEND:VEVENT\r\n")).map(|r| r.in_words())
    }

    #[test]
    fn rules_in_words() {
        assert_eq!(rule("RRULE:FREQ=WEEKLY").as_deref(), Some("every week"));
        assert_eq!(rule("RRULE:FREQ=DAILY;INTERVAL=2;COUNT=10").as_deref(), Some("every 2 days, 10 times"));
        assert_eq!(
            rule("RRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261231T235959Z;WKST=SU").as_deref(),
            Some("every week on Monday, Wednesday, until 2026-12-31")
        );
        assert_eq!(
            rule("rrule:freq=monthly;byday=-1fr;count=1").as_deref(),
            Some("every month on the last Friday, once")
        );
        assert_eq!(rule("DTEND:20261201T110000Z"), None, "no rule, no repetition");
    }

    #[test]
    fn the_form_sets_a_rule_apart_into_its_pattern_and_its_count() {
        assert_eq!(count_apart("FREQ=WEEKLY;COUNT=10"), ("FREQ=WEEKLY".to_owned(), "10".to_owned()));
        assert_eq!(count_apart(" freq=daily ; count = 3 ;"), ("freq=daily".to_owned(), "3".to_owned()));
        assert_eq!(count_apart("FREQ=MONTHLY"), ("FREQ=MONTHLY".to_owned(), String::new()));
        assert_eq!(with_count("FREQ=WEEKLY", "10"), "FREQ=WEEKLY;COUNT=10");
        assert_eq!(with_count("FREQ=WEEKLY", " "), "FREQ=WEEKLY", "no count, no end");
        assert_eq!(with_count("", "10"), "", "no pattern, no rule");
        assert_eq!(preset_of("interval=2;freq=weekly"), Some("FREQ=WEEKLY;INTERVAL=2"));
        assert_eq!(preset_of("FREQ=WEEKLY;BYDAY=MO"), None, "another client's rule is its own");
        for (rule, _) in PRESETS {
            assert!(of_rule(rule).is_some_and(|r| !r.in_words().contains("as written")), "{rule} is said in words");
        }
        assert!(of_rule("").is_none());
        let weekdays = of_rule("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR").expect("a rule");
        assert!(weekdays.leaves_out("Saturday") && !weekdays.leaves_out("Monday"));
        assert!(!of_rule("FREQ=WEEKLY").expect("a rule").leaves_out("Saturday"), "the first time's own day");
        assert!(!of_rule("FREQ=MONTHLY;BYDAY=1MO").expect("a rule").leaves_out("Saturday"), "not weekly");
        assert!(of_rule("FREQ=DAILY;UNTIL=20261231").is_some_and(|r| r.has_until()));
    }

    fn parsed(rrule: &str) -> Rule {
        of(&format!("DTSTART:20261201T100000Z\n{rrule}")).expect("a rule")
    }

    #[test]
    fn a_rule_whose_until_has_passed_is_over() {
        let at = |t: &str| instant::parse_iso(t).expect("a time");
        let rule = parsed("RRULE:FREQ=WEEKLY;UNTIL=20260301T000000Z");
        assert!(rule.over_at(at("2026-03-01T00:00:01Z")));
        assert!(!rule.over_at(at("2026-02-28T23:00:00Z")));
        // A day alone: until its end.
        let rule = parsed("RRULE:FREQ=DAILY;UNTIL=20260301");
        assert!(!rule.over_at(at("2026-03-01T23:00:00Z")));
        assert!(rule.over_at(at("2026-03-02T00:00:00Z")));
        assert!(!parsed("RRULE:FREQ=DAILY;COUNT=3").over_at(at("2099-01-01T00:00:00Z")), "a count is not worked out");
    }

    #[test]
    fn the_shortest_gap_between_two_times() {
        const DAY: Ms = 86_400_000;
        assert_eq!(parsed("RRULE:FREQ=WEEKLY").shortest_gap_ms(), Some(7 * DAY));
        assert_eq!(parsed("RRULE:FREQ=DAILY;INTERVAL=3").shortest_gap_ms(), Some(3 * DAY));
        assert_eq!(parsed("RRULE:FREQ=HOURLY").shortest_gap_ms(), Some(3_600_000));
        assert_eq!(parsed("RRULE:FREQ=WEEKLY;BYDAY=MO,WE").shortest_gap_ms(), Some(2 * DAY));
        assert_eq!(parsed("RRULE:FREQ=WEEKLY;BYDAY=FR,MO").shortest_gap_ms(), Some(3 * DAY), "Friday to Monday");
        assert_eq!(parsed("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=SU").shortest_gap_ms(), Some(14 * DAY));
        assert_eq!(parsed("RRULE:FREQ=MONTHLY").shortest_gap_ms(), None, "months differ in length");
        assert_eq!(parsed("RRULE:FREQ=WEEKLY;BYSETPOS=1").shortest_gap_ms(), None, "a part not read");
    }

    /// Where the rule `rrule` of a first time at `dtstart` lasting an hour stands at `now`.
    fn turn(dtstart: &str, rrule: &str, now: &str) -> Option<Turn> {
        instant::tests::stand_in_zones();
        let rule = of(&format!("DTSTART{dtstart}\n{rrule}")).expect("a rule");
        rule.turn_at(dtstart, 3_600_000, instant::parse_iso(now).expect("a time"))
    }

    fn next(start: &str) -> Option<Turn> {
        let start = instant::parse_iso(start).expect("a time");
        Some(Turn::Next { start, end: start + 3_600_000 })
    }

    #[test]
    fn the_next_time_of_a_weekly_meeting() {
        // Monday 30 November 2026, 10:00 UTC, every week.
        let weekly = |rule: &str, now: &str| turn(":20261130T100000Z", rule, now);
        assert_eq!(weekly("RRULE:FREQ=WEEKLY", "2026-12-09T12:00:00Z"), next("2026-12-14T10:00:00Z"));
        let start = instant::parse_iso("2026-12-07T10:00:00Z").expect("a time");
        assert_eq!(
            weekly("RRULE:FREQ=WEEKLY", "2026-12-07T10:30:00Z"),
            Some(Turn::Now { start, end: start + 3_600_000 }),
            "under way"
        );
        assert_eq!(weekly("RRULE:FREQ=WEEKLY;BYDAY=MO,WE", "2026-12-01T12:00:00Z"), next("2026-12-02T10:00:00Z"));
        assert_eq!(weekly("RRULE:FREQ=WEEKLY;BYDAY=WE,MO", "2026-12-03T12:00:00Z"), next("2026-12-07T10:00:00Z"));
        assert_eq!(weekly("RRULE:FREQ=WEEKLY;INTERVAL=2", "2026-12-08T12:00:00Z"), next("2026-12-14T10:00:00Z"));
        // Before the first time, the first time.
        assert_eq!(weekly("RRULE:FREQ=WEEKLY", "2026-11-01T00:00:00Z"), next("2026-11-30T10:00:00Z"));
        // In another zone (New York, UTC-5 in the stand-in), and on the moderator's clock (Kolkata, UTC+5:30).
        let new_york = turn(";TZID=America/New_York:20261130T050000", "RRULE:FREQ=WEEKLY", "2026-12-09T12:00:00Z");
        assert_eq!(new_york, next("2026-12-14T10:00:00Z"));
        let floating = turn(":20261130T153000", "RRULE:FREQ=WEEKLY", "2026-12-09T12:00:00Z");
        assert_eq!(floating, next("2026-12-14T10:00:00Z"));
        // Years on, without going through every week by the zone database.
        assert_eq!(weekly("RRULE:FREQ=WEEKLY", "2046-12-05T12:00:00Z"), next("2046-12-10T10:00:00Z"));
    }

    #[test]
    fn a_count_used_up_or_an_until_passed_is_over() {
        let last = |start: &str| {
            let start = instant::parse_iso(start).expect("a time");
            Some(Turn::Over { start, end: start + 3_600_000 })
        };
        let weekly = |rule: &str, now: &str| turn(":20261130T100000Z", rule, now);
        // The first time is one of the count.
        assert_eq!(weekly("RRULE:FREQ=WEEKLY;COUNT=2", "2026-12-09T12:00:00Z"), last("2026-12-07T10:00:00Z"));
        assert_eq!(weekly("RRULE:FREQ=WEEKLY;COUNT=3", "2026-12-09T12:00:00Z"), next("2026-12-14T10:00:00Z"));
        assert_eq!(weekly("RRULE:FREQ=WEEKLY;COUNT=1", "2026-12-09T12:00:00Z"), last("2026-11-30T10:00:00Z"));
        let until = "RRULE:FREQ=WEEKLY;UNTIL=20261208T000000Z";
        assert_eq!(weekly(until, "2026-12-09T12:00:00Z"), last("2026-12-07T10:00:00Z"));
        assert_eq!(weekly(until, "2026-12-03T12:00:00Z"), next("2026-12-07T10:00:00Z"));
        let hourly = |rule: &str, now: &str| turn(":20261201T100000Z", rule, now);
        assert_eq!(
            hourly("RRULE:FREQ=HOURLY;INTERVAL=2;COUNT=3", "2026-12-01T15:30:00Z"),
            last("2026-12-01T14:00:00Z")
        );
        assert_eq!(
            hourly("RRULE:FREQ=HOURLY;INTERVAL=2;COUNT=3", "2026-12-01T11:30:00Z"),
            next("2026-12-01T12:00:00Z")
        );
        assert_eq!(
            hourly("RRULE:FREQ=HOURLY;UNTIL=20261201T123000Z", "2027-01-01T00:00:00Z"),
            last("2026-12-01T12:00:00Z")
        );
    }

    #[test]
    fn days_months_and_steps_under_a_day() {
        let daily = turn(":20261201T100000Z", "RRULE:FREQ=DAILY;INTERVAL=2", "2026-12-04T09:00:00Z");
        assert_eq!(daily, next("2026-12-05T10:00:00Z"));
        // A month without a 31st has no time then.
        let monthly = turn(":20270131T100000Z", "RRULE:FREQ=MONTHLY", "2027-02-15T00:00:00Z");
        assert_eq!(monthly, next("2027-03-31T10:00:00Z"));
        // Days of the month a calendar names (Outlook writes the 15th so), a month without one skipped.
        let by_day = turn(":20270115T100000Z", "RRULE:FREQ=MONTHLY;BYMONTHDAY=1,15,31", "2027-02-16T00:00:00Z");
        assert_eq!(by_day, next("2027-03-01T10:00:00Z"), "no 31st in February");
        let by_day = turn(":20270115T100000Z", "RRULE:FREQ=MONTHLY;BYMONTHDAY=1,15,31", "2027-01-20T00:00:00Z");
        assert_eq!(by_day, next("2027-01-31T10:00:00Z"));
        let yearly = turn(":20240229T100000Z", "RRULE:FREQ=YEARLY", "2024-03-01T00:00:00Z");
        assert_eq!(yearly, next("2028-02-29T10:00:00Z"));
        // Every 90 minutes since January: straight to the one after now.
        let steps = turn(":20260101T000000Z", "RRULE:FREQ=MINUTELY;INTERVAL=90", "2026-12-01T10:00:00Z");
        assert_eq!(steps, next("2026-12-01T10:30:00Z"));
    }

    #[test]
    fn what_the_panel_does_not_follow_is_not_worked_out() {
        let at = "2026-12-09T12:00:00Z";
        for rule in [
            "RRULE:FREQ=MONTHLY;BYDAY=1MO",
            "RRULE:FREQ=MONTHLY;BYMONTHDAY=-1",
            "RRULE:FREQ=WEEKLY;BYMONTHDAY=15",
            "RRULE:FREQ=DAILY;BYDAY=MO",
            "RRULE:FREQ=WEEKLY;BYSETPOS=1",
            "RRULE:FREQ=FORTNIGHTLY",
        ] {
            assert_eq!(turn(":20261130T100000Z", rule, at), None, "{rule}");
        }
        assert_eq!(turn(";TZID=Nowhere/Else:20261130T100000", "RRULE:FREQ=WEEKLY", at), None, "an unknown zone");
        assert_eq!(turn(":tomorrow", "RRULE:FREQ=WEEKLY", at), None);
    }

    #[test]
    fn what_is_not_put_in_words_is_shown_as_written() {
        assert_eq!(
            rule("RRULE:FREQ=MONTHLY;BYMONTHDAY=-1").as_deref(),
            Some("every month (as written: FREQ=MONTHLY;BYMONTHDAY=-1)")
        );
        assert_eq!(rule("RRULE:FREQ=MONTHLY;BYMONTHDAY=15").as_deref(), Some("every month on the 15th"));
        assert_eq!(
            rule("RRULE:FREQ=MONTHLY;BYMONTHDAY=22,1,11,15,3").as_deref(),
            Some("every month on the 1st, 3rd, 11th, 15th, 22nd")
        );
        assert_eq!(rule("RRULE:FREQ=FORTNIGHTLY").as_deref(), Some("as written: FREQ=FORTNIGHTLY"));
        assert_eq!(
            rule("RRULE:FREQ=WEEKLY;BYDAY=XX;UNTIL=soon").as_deref(),
            Some("every week (as written: FREQ=WEEKLY;BYDAY=XX;UNTIL=soon)")
        );
        assert_eq!(rule("RRULE:"), None, "an empty rule repeats nothing");
        assert_eq!(rule("RRULE:FREQ=WEEKLY;BYDAY=MO,MO,TU,MO").as_deref(), Some("every week on Monday, Tuesday"));
        assert_eq!(
            rule("RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1").as_deref(),
            Some("every month (as written: FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1)"),
            "the last weekday of each month is not 'on Monday, …, Friday'"
        );
        assert_eq!(
            rule("RRULE:FREQ=WEEKLY;X-NOTE=\u{202e}abc").as_deref(),
            Some("every week (as written: \u{2068}FREQ=WEEKLY;X-NOTE=\u{202e}abc\u{2069})")
        );
        assert_eq!(
            rule("RRULE:FREQ=DAILY;INTERVAL=0;COUNT=0").as_deref(),
            Some("every day (as written: FREQ=DAILY;INTERVAL=0;COUNT=0)")
        );
    }
}
