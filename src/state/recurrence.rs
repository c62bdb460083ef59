//! A conference that repeats (its event's `RRULE`, RFC 5545 section 3.3.10), said in words on its overview:
//! "every week on Monday, Wednesday, 10 times". The times the overview shows are then the first
//! occurrence's, and "ended 3 weeks ago" of a weekly meeting would be a false alarm (QA).

use super::ical;

/// The rule of `base`'s first event in words, with the rule as written when a part of it is not put in
/// words (`BYSETPOS`, `BYMONTHDAY`…): the words alone would then claim less than it says. `None` when the
/// event does not repeat.
pub fn in_words(base: &str) -> Option<String> {
    let written = ical::event_property(base, "RRULE")?;
    let rule = written.split_once(':').map_or(written.as_str(), |(_, rule)| rule).trim();
    if rule.is_empty() {
        return None;
    }
    let mut words = Words::default();
    let mut untold = false;
    for part in rule.split(';').filter(|p| !p.trim().is_empty()) {
        let (name, value) = part.split_once('=').unwrap_or((part, ""));
        let value = value.trim();
        match name.trim().to_ascii_uppercase().as_str() {
            "FREQ" => words.unit = unit(value),
            "INTERVAL" => words.interval = value.parse().ok(),
            "COUNT" => words.count = value.parse().ok().filter(|&n| n > 0),
            "UNTIL" => words.until = date(value),
            "BYDAY" => words.days = value.split(',').map(day).collect(),
            // The week's first day changes nothing said here.
            "WKST" => continue,
            _ => untold = true,
        }
        untold |= match name.trim().to_ascii_uppercase().as_str() {
            "FREQ" => words.unit.is_none(),
            "INTERVAL" => words.interval.is_none_or(|n| n == 0),
            "COUNT" => words.count.is_none(),
            "UNTIL" => words.until.is_none(),
            "BYDAY" => words.days.iter().any(Option::is_none),
            _ => false,
        };
    }
    let Some(unit) = words.unit else {
        return Some(format!("as written: {rule}"));
    };
    let mut text = match words.interval.filter(|&n| n > 1) {
        Some(n) => format!("every {n} {unit}s"),
        None => format!("every {unit}"),
    };
    let days: Vec<String> = words.days.into_iter().flatten().collect();
    if !days.is_empty() {
        text.push_str(&format!(" on {}", days.join(", ")));
    }
    if let Some(n) = words.count {
        text.push_str(&if n == 1 { ", once".to_owned() } else { format!(", {n} times") });
    }
    if let Some(until) = words.until {
        text.push_str(&format!(", until {until}"));
    }
    if untold {
        text.push_str(&format!(" (as written: {rule})"));
    }
    Some(text)
}

#[derive(Default)]
struct Words {
    unit: Option<&'static str>,
    interval: Option<u32>,
    count: Option<u32>,
    until: Option<String>,
    days: Vec<Option<String>>,
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
        in_words(&format!("BEGIN:VEVENT\r\nDTSTART:20261201T100000Z\r\n{rrule}\r\nEND:VEVENT\r\n"))
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
        assert_eq!(
            rule("RRULE:FREQ=DAILY;INTERVAL=0;COUNT=0").as_deref(),
            Some("every day (as written: FREQ=DAILY;INTERVAL=0;COUNT=0)")
        );
    }
}
