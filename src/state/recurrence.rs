//! A conference that repeats (its event's `RRULE`, RFC 5545 section 3.3.10), said in words on its overview:
//! "every week on Monday, Wednesday, 10 times". The times the overview shows are then the first
//! occurrence's, and "ended 3 weeks ago" of a weekly meeting would be a false alarm (QA).

use ccmp::xcon::Conference;

use super::bidi::isolate;
use super::ical;
use super::instant::{self, Ms};

/// A repeating event's rule, as far as the panel reads it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rule {
    /// The rule as written (after `RRULE:`).
    written: String,
    unit: Option<&'static str>,
    interval: Option<u32>,
    count: Option<u32>,
    /// `UNTIL` as a day, `2026-12-31`, and as the instant it names, if it names one the panel reads.
    until: Option<(String, Option<Ms>)>,
    days: Vec<Option<String>>,
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
            // The week's first day changes nothing said here.
            "WKST" => true,
            _ => false,
        };
        out.untold |= !read;
    }
    Some(out)
}

/// The rule of the conference `conf`'s schedule (its first time entry), if it repeats.
pub fn of_conference(conf: &Conference) -> Option<Rule> {
    of(&conf.description.as_ref()?.conference_time.as_ref()?.entries.first()?.base)
}

impl Rule {
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
        if !days.is_empty() {
            text.push_str(&format!(" on {}", days.join(", ")));
        }
        if let Some(n) = self.count {
            text.push_str(&if n == 1 { ", once".to_owned() } else { format!(", {n} times") });
        }
        if let Some((day, _)) = &self.until {
            text.push_str(&format!(", until {day}"));
        }
        if self.untold {
            text.push_str(&format!(" (as written: {})", isolate(&self.written)));
        }
        text
    }

    /// Whether the repetition is over at `now`: its `UNTIL` has passed (a `COUNT` used up is not worked out).
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

/// The day of the week of a plain day name ("Monday" is 0); `None` for "the first Monday" and the like.
fn weekday(name: &str) -> Option<Ms> {
    const NAMES: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    NAMES.iter().position(|n| *n == name).map(|i| i as Ms)
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

    #[test]
    fn what_is_not_put_in_words_is_shown_as_written() {
        assert_eq!(
            rule("RRULE:FREQ=MONTHLY;BYMONTHDAY=15").as_deref(),
            Some("every month (as written: FREQ=MONTHLY;BYMONTHDAY=15)")
        );
        assert_eq!(rule("RRULE:FREQ=FORTNIGHTLY").as_deref(), Some("as written: FREQ=FORTNIGHTLY"));
        assert_eq!(
            rule("RRULE:FREQ=WEEKLY;BYDAY=XX;UNTIL=soon").as_deref(),
            Some("every week (as written: FREQ=WEEKLY;BYDAY=XX;UNTIL=soon)")
        );
        assert_eq!(rule("RRULE:"), None, "an empty rule repeats nothing");
        assert_eq!(rule("RRULE:FREQ=WEEKLY;BYDAY=MO,MO,TU,MO").as_deref(), Some("every week on Monday, Tuesday"));
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
