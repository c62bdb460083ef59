//! The iCalendar text of a conference's schedule (the XCON `base`, RFC 5545), read and changed property by
//! property inside its event: another client's calendar may carry a time-zone definition whose own
//! `DTSTART` is 1970 (QA: read as the conference's start), a `DURATION` instead of a `DTEND`, and its
//! `UID`, `SUMMARY` or `ORGANIZER`, which a change of the end must leave as they are.

/// The parameters and value of the first event's property `name` (`;TZID=Europe/Paris:20261201T100000`,
/// or `:20261201T100000Z`): inside its `BEGIN:VEVENT` … `END:VEVENT` when the text has one, else anywhere.
/// Names are matched in any case, and folded lines are read unfolded (RFC 5545 section 3.1).
pub fn event_property(base: &str, name: &str) -> Option<String> {
    let text = unfolded(base);
    let mut lines = first_event(&text);
    lines.find_map(|line| after_name(line.trim(), name).map(str::to_owned))
}

/// `base` with the first event's property `name` set to `value` (`:20261201T100000Z`, parameters first if
/// any), or removed when `value` is `None`. A property the event lacks goes after `after` (one of its
/// properties), else before its `END:VEVENT`. Every other line stays as written, line endings included;
/// the other events are left alone (QA: an Extend took the end off the next one). Folded lines come out
/// unfolded, which RFC 5545 reads the same.
pub fn with_event_property(base: &str, name: &str, value: Option<&str>, after: &str) -> String {
    let base = unfolded(base);
    let ending = if base.contains("\r\n") { "\r" } else { "" };
    let has_event = base.lines().any(|l| l.trim().eq_ignore_ascii_case("BEGIN:VEVENT"));
    // Before the first event, in it, after it.
    let mut stage = if has_event { 0 } else { 1 };
    let mut done = false;
    let mut out: Vec<String> = Vec::new();
    for line in base.split('\n') {
        let trimmed = line.trim();
        if stage == 0 && trimmed.eq_ignore_ascii_case("BEGIN:VEVENT") {
            stage = 1;
        }
        if stage == 1 && after_name(trimmed, name).is_some() {
            if let (Some(value), false) = (value, done) {
                out.push(format!("{name}{value}{ending}"));
                done = true;
            }
            continue;
        }
        if stage == 1 && has_event && trimmed.eq_ignore_ascii_case("END:VEVENT") {
            if let (Some(value), false) = (value, done) {
                out.push(format!("{name}{value}{ending}"));
                done = true;
            }
            stage = 2;
        }
        out.push(line.to_owned());
        if stage == 1 && !done && !after.is_empty() && after_name(trimmed, after).is_some() {
            if let Some(value) = value {
                out.push(format!("{name}{value}{ending}"));
                done = true;
            }
        }
    }
    out.join("\n")
}

/// An iCalendar duration (`PT40M`, `PT1H30M`, `P1D`, `P1W`) in milliseconds; `None` for anything else (a
/// negative one included: a conference does not end before it starts).
pub fn duration_ms(text: &str) -> Option<i64> {
    let rest = text.trim().strip_prefix('+').unwrap_or(text.trim()).strip_prefix('P')?;
    let (mut total, mut number, mut in_time, mut any) = (0i64, String::new(), false, false);
    for c in rest.chars() {
        match c {
            'T' => in_time = true,
            '0'..='9' => number.push(c),
            unit => {
                let n: i64 = std::mem::take(&mut number).parse().ok()?;
                let scale = match (unit, in_time) {
                    ('W', false) => 7 * 86_400,
                    ('D', false) => 86_400,
                    ('H', true) => 3_600,
                    ('M', true) => 60,
                    ('S', true) => 1,
                    _ => return None,
                };
                total = total.checked_add(n.checked_mul(scale * 1000)?)?;
                any = true;
            }
        }
    }
    (any && number.is_empty()).then_some(total)
}

/// `text` with its folded lines joined: a line break followed by a space or a tab continues the line.
fn unfolded(text: &str) -> String {
    text.replace("\r\n ", "").replace("\r\n\t", "").replace("\n ", "").replace("\n\t", "")
}

/// The lines of the first event (all of them when the text has no `BEGIN:VEVENT`).
fn first_event(base: &str) -> impl Iterator<Item = &str> {
    let has_event = base.lines().any(|l| l.trim().eq_ignore_ascii_case("BEGIN:VEVENT"));
    let mut stage = if has_event { 0 } else { 1 };
    base.lines().filter(move |line| {
        let l = line.trim();
        if stage == 0 && l.eq_ignore_ascii_case("BEGIN:VEVENT") {
            stage = 1;
        } else if stage == 1 && has_event && l.eq_ignore_ascii_case("END:VEVENT") {
            stage = 2;
        }
        stage == 1
    })
}

/// What follows the property name `name` on `line` (`;…` or `:…`), if the line is that property.
fn after_name<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    let head = line.get(..name.len())?;
    let rest = &line[name.len()..];
    (head.eq_ignore_ascii_case(name) && rest.starts_with([':', ';'])).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINPHONE: &str = "BEGIN:VCALENDAR\r\nPRODID:-//Linphone//EN\r\nBEGIN:VTIMEZONE\r\nTZID:Custom\r\nBEGIN:STANDARD\r\n\
        DTSTART:19700101T000000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:conf-42@example.com\r\n\
        SUMMARY:Board\r\nDTSTART;TZID=America/New_York:20261201T100000\r\nDURATION:PT40M\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    #[test]
    fn properties_are_the_events_not_the_time_zones() {
        assert_eq!(event_property(LINPHONE, "DTSTART").as_deref(), Some(";TZID=America/New_York:20261201T100000"));
        assert_eq!(event_property(LINPHONE, "DTEND"), None);
        assert_eq!(event_property(LINPHONE, "DURATION").as_deref(), Some(":PT40M"));
        assert_eq!(event_property("DTSTART:20261201T100000Z", "DTSTART").as_deref(), Some(":20261201T100000Z"));
        assert_eq!(event_property("DTSTARTX:1", "DTSTART"), None);
        // In any case, and folded over lines.
        assert_eq!(event_property("dtstart;tzid=X:1", "DTSTART").as_deref(), Some(";tzid=X:1"));
        let folded = "BEGIN:VEVENT\r\nDTSTART;TZID=America/New_\r\n York:2026\r\n\t1201T100000\r\nEND:VEVENT";
        assert_eq!(event_property(folded, "DTSTART").as_deref(), Some(";TZID=America/New_York:20261201T100000"));
    }

    #[test]
    fn a_change_leaves_every_other_line_as_written() {
        let ended = with_event_property(LINPHONE, "DTEND", Some(":20261201T160000Z"), "DTSTART");
        let ended = with_event_property(&ended, "DURATION", None, "");
        let moved = with_event_property(&ended, "DTSTART", Some(":20261201T150000Z"), "");
        assert_eq!(
            moved,
            LINPHONE
                .replace("DTSTART;TZID=America/New_York:20261201T100000", "DTSTART:20261201T150000Z")
                .replace("DURATION:PT40M", "DTEND:20261201T160000Z")
        );
        // The time zone's own DTSTART is left alone, and so is a calendar without an event.
        assert!(moved.contains("DTSTART:19700101T000000\r\n"));
        assert_eq!(with_event_property("DTSTART:1\nDTEND:2", "DTEND", None, ""), "DTSTART:1");
    }

    #[test]
    fn only_the_first_event_is_read_and_changed() {
        let two = "BEGIN:VEVENT\nUID:a\nDTSTART:1\nEND:VEVENT\nBEGIN:VEVENT\nUID:b\nDTSTART:7\nDTEND:8\nEND:VEVENT\n";
        assert_eq!(event_property(two, "DTEND"), None, "not the next event's end");
        let extended = with_event_property(two, "DTEND", Some(":2"), "DTSTART");
        assert_eq!(extended, two.replace("DTSTART:1\n", "DTSTART:1\nDTEND:2\n"));
    }

    #[test]
    fn durations_in_the_units_icalendar_writes() {
        assert_eq!(duration_ms("PT40M"), Some(40 * 60_000));
        assert_eq!(duration_ms("PT1H30M"), Some(90 * 60_000));
        assert_eq!(duration_ms("P1DT2H"), Some(26 * 3_600_000));
        assert_eq!(duration_ms("P1W"), Some(7 * 86_400_000));
        for text in ["-PT40M", "P", "PT40", "40M", "P1H"] {
            assert_eq!(duration_ms(text), None, "{text}");
        }
    }
}
