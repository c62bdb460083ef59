//! The times a conference's schedule holds, read exactly: whatever another client wrote (`+05:30`, a
//! fraction of a second, a lowercase `z`, an iCalendar `DTSTART;TZID=America/New_York:…`) becomes one
//! instant in UTC, and the panel writes it back to the second. QA found offsets dropped (a `10:00+05:30`
//! start shown five and a half hours late) and seconds cut (an "ends in 2 min" with 3 min 14 s left).

use std::sync::OnceLock;

/// Milliseconds since 1970 (UTC).
pub type Ms = i64;

/// The last instant the panel reads or writes, 9999-12-31T23:59:59Z: the schema's times have four-digit
/// years (QA: a duration of 99,999,999,999 days gave an end in year 273 million).
pub const LATEST: Ms = 253_402_300_799_000;

/// Turns a wall-clock time (`2026-12-01T10:00:00`) in a named time zone (`America/New_York`), or in this
/// computer's own zone when the name is empty, into UTC. The zone database is the browser's: the panel
/// installs it at start (`api::clock`); natively, tests install their own.
pub type ZoneConverter = fn(wall: &str, zone: &str) -> Option<Ms>;

/// The reverse: an instant as a wall-clock time (`2026-12-01T10:00:00`) in a named time zone.
pub type WallWriter = fn(ms: Ms, zone: &str) -> Option<String>;

static ZONES: OnceLock<(ZoneConverter, WallWriter)> = OnceLock::new();

/// Installs the converters [`from_ical`] and [`to_ical`] use for a `TZID`; once, at start.
pub fn use_zones(converter: ZoneConverter, writer: WallWriter) {
    let _ = ZONES.set((converter, writer));
}

thread_local! {
    /// The moderator's time zone (`Europe/Berlin`), which a schedule that repeats is written in. Per thread: a
    /// native test sets its own without changing another's.
    static HOME: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Sets the moderator's time zone ([`in_home_zone`]); at start, from the browser.
pub fn use_home_zone(zone: &str) {
    HOME.with(|h| *h.borrow_mut() = Some(zone.to_owned()).filter(|z| !z.is_empty()));
}

/// The value [`to_ical`] takes for "in the moderator's zone" (`;TZID=Europe/Berlin:`), if one is set.
pub fn in_home_zone() -> Option<String> {
    HOME.with(|h| h.borrow().as_ref().map(|zone| format!(";TZID={zone}:")))
}

/// The iCalendar value a property written as `was` (`;TZID=Europe/Paris:20261102T100000`, `:…Z`) takes
/// for the instant `ms`: in the same zone, its other parameters kept, when it named one the browser knows,
/// else in UTC. A repeating event moved out of its zone would be an hour off for its people after the
/// next change of summer time (QA).
pub fn to_ical(ms: Ms, was: Option<&str>) -> String {
    let compact = |wall: &str| wall.replace(['-', ':'], "");
    let params = was.and_then(|w| w.rsplit_once(':')).map_or("", |(params, _)| params);
    let zone = params.split(';').find_map(|p| {
        let (name, value) = p.trim().split_once('=')?;
        name.eq_ignore_ascii_case("TZID").then(|| value.trim_matches('"'))
    });
    let in_zone = zone.and_then(|zone| ZONES.get().and_then(|(_, write)| write(ms, zone)));
    match in_zone {
        Some(wall) => format!("{params}:{}", compact(&wall)),
        None => format!(":{}Z", compact(&utc_text(ms))),
    }
}

/// An ISO 8601 date and time with its zone (`2026-12-01T10:00:00Z`, `…T10:00+05:30`, `…T10:00:00.250z`),
/// as milliseconds since 1970. A time without a zone is taken as UTC, as the XCON schema writes every time.
/// `None` for anything else, a date alone or a year past 9999 included.
pub fn parse_iso(text: &str) -> Option<Ms> {
    let t = text.trim();
    let (date, rest) = (t.get(..10)?, t.get(10..)?);
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let (y, mo, d) = (number(date, 0, 4)?, number(date, 5, 7)?, number(date, 8, 10)?);
    if date.as_bytes()[4] != b'-' || date.as_bytes()[7] != b'-' {
        return None;
    }
    let (h, mi) = (number(rest, 0, 2)?, number(rest, 3, 5)?);
    if rest.as_bytes()[2] != b':' {
        return None;
    }
    let mut at = 5;
    let mut seconds = 0;
    let mut millis = 0;
    if rest.as_bytes().get(5) == Some(&b':') {
        seconds = number(rest, 6, 8)?;
        at = 8;
        if rest.as_bytes().get(8) == Some(&b'.') {
            let digits = rest[9..].bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return None;
            }
            let fraction = &rest[9..9 + digits.min(3)];
            millis = fraction.parse::<i64>().ok()? * 10_i64.pow(3 - fraction.len() as u32);
            at = 9 + digits;
        }
    }
    let offset_minutes = match &rest[at..] {
        "" | "Z" | "z" => 0,
        zone => {
            let sign = match zone.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let zone = zone[1..].replace(':', "");
            if zone.len() != 4 {
                return None;
            }
            let (oh, om) = (number(&zone, 0, 2)?, number(&zone, 2, 4)?);
            if oh > 23 || om > 59 {
                return None;
            }
            sign * (oh * 60 + om)
        }
    };
    let wall = civil_ms(y, mo, d, h, mi, seconds)? + millis;
    Some(wall - offset_minutes * 60_000)
}

/// An iCalendar date-time value with its parameters, as after `DTSTART` (`:20261201T100000Z`,
/// `;TZID=America/New_York:20261201T100000`). A floating time (no `Z`, no `TZID`) is on the clock of whoever
/// reads it (RFC 5545 section 3.3.5), so on the moderator's: the scheduling client wrote the time its user
/// meant on their own clock. Without a zone database (natively, before a test installs one) it is read as
/// UTC.
pub fn from_ical(params_and_value: &str) -> Option<Ms> {
    let (params, value) = params_and_value.rsplit_once(':')?;
    let v = value.trim();
    // Sliced by byte below: anything but ASCII is no iCalendar date-time (and must not split a character).
    if !v.is_ascii() || v.len() < 15 || v.as_bytes()[8] != b'T' {
        return None;
    }
    let wall = format!("{}-{}-{}T{}:{}:{}", &v[0..4], &v[4..6], &v[6..8], &v[9..11], &v[11..13], &v[13..15]);
    // Parameter names in any case (RFC 5545 section 3.2).
    let zone = params.split(';').find_map(|p| {
        let (name, value) = p.trim().split_once('=')?;
        name.eq_ignore_ascii_case("TZID").then_some(value)
    });
    match (zone, &v[15..]) {
        (_, "Z" | "z") => parse_iso(&wall),
        (None, "") => match ZONES.get() {
            Some((convert, _)) => convert(&wall, ""),
            None => parse_iso(&wall),
        },
        (Some(zone), "") => ZONES.get().and_then(|(convert, _)| convert(&wall, zone.trim_matches('"'))),
        _ => None,
    }
}

/// `ms` as the schedule's form keeps a time: `YYYY-MM-DDTHH:MM:SS`, in UTC.
pub fn utc_text(ms: Ms) -> String {
    let days = ms.div_euclid(86_400_000);
    let in_day = ms.rem_euclid(86_400_000) / 1000;
    let (y, m, d) = from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}", in_day / 3600, in_day / 60 % 60, in_day % 60)
}

/// The date and time an iCalendar value (`;TZID=Europe/Paris:20261201T100000`, `:…Z`, floating) shows on
/// its own clock, counted as if that clock were UTC. A repeating event's times are worked out on that clock:
/// a Paris meeting at 10:00 stays at 10:00 after the clocks change.
pub fn wall_of(params_and_value: &str) -> Option<Ms> {
    let (_, value) = params_and_value.rsplit_once(':')?;
    let v = value.trim();
    if !v.is_ascii() || v.len() < 15 || v.as_bytes()[8] != b'T' {
        return None;
    }
    parse_iso(&format!("{}-{}-{}T{}:{}:{}", &v[0..4], &v[4..6], &v[6..8], &v[9..11], &v[11..13], &v[13..15]))
}

/// The instant that `wall` (as [`wall_of`] counts it) names on the clock of the value `like`: in its zone,
/// in UTC, or on the moderator's clock, as `like` is written.
pub fn on_clock_of(wall: Ms, like: &str) -> Option<Ms> {
    let (params, value) = like.rsplit_once(':')?;
    let utc = if value.trim().ends_with(['Z', 'z']) { "Z" } else { "" };
    from_ical(&format!("{params}:{}{utc}", utc_text(wall).replace(['-', ':'], "")))
}

/// The calendar date of `ms` (UTC): year, month, day.
pub fn date_of(ms: Ms) -> (i64, i64, i64) {
    from_days(ms.div_euclid(86_400_000))
}

/// The instant of a UTC calendar date at `in_day` milliseconds into it; `None` for a day the month lacks
/// (the 31st of April).
pub fn at_date(y: i64, m: i64, d: i64, in_day: Ms) -> Option<Ms> {
    Some(civil_ms(y, m, d, 0, 0, 0)? + in_day)
}

/// Which of two instants with the same time of day on a clock `ms` is, the night that clock goes back (an
/// hour, or half an hour on Lord Howe Island): a time typed then is ambiguous, and the moderator is told
/// which one the form holds. `wall` gives the clock's time of day at an instant, to the minute. `None` on
/// any other night.
pub fn repeated(ms: Ms, wall: impl Fn(Ms) -> Option<String>) -> Option<Repeated> {
    let here = wall(ms)?;
    [3_600_000, 1_800_000].into_iter().find_map(|shift| {
        if wall(ms - shift).as_ref() == Some(&here) {
            Some(Repeated::Later)
        } else if wall(ms + shift).as_ref() == Some(&here) {
            Some(Repeated::Earlier)
        } else {
            None
        }
    })
}

/// See [`repeated`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeated {
    /// Before the clock goes back.
    Earlier,
    /// After it went back.
    Later,
}

/// The digits of `text[from..to]` as a number.
fn number(text: &str, from: usize, to: usize) -> Option<i64> {
    let digits = text.get(from..to)?;
    digits.bytes().all(|b| b.is_ascii_digit()).then(|| digits.parse().ok())?
}

/// A UTC calendar date and time as milliseconds since 1970, when every field is in its range.
fn civil_ms(y: i64, m: i64, d: i64, h: i64, mi: i64, s: i64) -> Option<Ms> {
    let days_in_month = ccmp::xcon::time::days_in_month(y, u32::try_from(m).ok()?)?;
    if !(1..=i64::from(days_in_month)).contains(&d) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    Some((to_days(y, m, d) * 86_400 + h * 3600 + mi * 60 + s.min(59)) * 1000)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn to_days(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`to_days`] (`civil_from_days`).
fn from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    const TEN_UTC: Ms = 1_796_119_200_000; // 2026-12-01T10:00:00Z

    #[test]
    fn every_way_of_writing_an_instant_is_the_same_instant() {
        assert_eq!(parse_iso("2026-12-01T10:00:00Z"), Some(TEN_UTC));
        assert_eq!(parse_iso("2026-12-01t10:00:00z"), Some(TEN_UTC));
        assert_eq!(parse_iso("2026-12-01T10:00Z"), Some(TEN_UTC));
        assert_eq!(parse_iso("2026-12-01T15:30:00+05:30"), Some(TEN_UTC));
        assert_eq!(parse_iso("2026-12-01T02:00:00-0800"), Some(TEN_UTC));
        assert_eq!(parse_iso("2026-12-01T10:00:00.25Z"), Some(TEN_UTC + 250));
        assert_eq!(parse_iso("2026-12-01T10:00:00"), Some(TEN_UTC), "no zone: UTC, as the schema writes");
    }

    #[test]
    fn what_is_no_instant_is_none() {
        for text in ["tomorrow", "2026-12-01", "10000-01-01T00:00:00Z", "2026-02-30T10:00Z", "2026-12-01T24:00Z"] {
            assert_eq!(parse_iso(text), None, "{text}");
        }
        assert_eq!(parse_iso("2026-12-01T10:00+25:00"), None);
    }

    #[test]
    fn nothing_a_server_writes_panics_the_reader() {
        // Every cut of odd texts, at every byte: a multi-byte character where a digit or a sign is expected.
        let odd = ["2026-12-01T10:00:00.25+05:30", "2026-12-01T10:00:00é", "20261201T100000Zé", "2026-1é-01T10:00Z"];
        for text in odd {
            for end in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let cut = &text[..end];
                let _ = (parse_iso(cut), from_ical(&format!(":{cut}")), from_ical(&format!(";TZID=é:{cut}")));
                let _ = parse_iso(&format!("{cut}+é"));
            }
        }
    }

    #[test]
    fn written_back_to_the_second() {
        assert_eq!(utc_text(TEN_UTC + 44_000), "2026-12-01T10:00:44");
        assert_eq!(utc_text(parse_iso("2028-02-29T23:59:59Z").unwrap_or_default()), "2028-02-29T23:59:59");
        assert_eq!(utc_text(0), "1970-01-01T00:00:00");
        assert_eq!(utc_text(parse_iso("1969-12-31T23:59:00Z").unwrap_or_default()), "1969-12-31T23:59:00");
    }

    #[test]
    fn a_time_of_day_the_clock_shows_twice_is_told_apart() {
        // New York's clock on 1 November 2026: EDT (UTC-4) until 06:00 UTC, then EST (UTC-5); 01:00 to
        // 01:59 come twice.
        let new_york = |ms: Ms| {
            let offset = if ms < parse_iso("2026-11-01T06:00:00Z")? { 4 } else { 5 } * 3_600_000;
            utc_text(ms - offset).get(..16).map(str::to_owned)
        };
        let at = |iso: &str| parse_iso(iso).unwrap_or_default();
        assert_eq!(repeated(at("2026-11-01T05:30:00Z"), new_york), Some(Repeated::Earlier), "01:30 EDT");
        assert_eq!(repeated(at("2026-11-01T06:30:00Z"), new_york), Some(Repeated::Later), "01:30 EST");
        assert_eq!(repeated(at("2026-11-01T07:30:00Z"), new_york), None, "02:30 EST comes once");
        assert_eq!(repeated(at("2026-11-01T04:30:00Z"), new_york), None, "00:30 EDT comes once");
        assert_eq!(repeated(at("2026-12-01T10:00:00Z"), new_york), None);
    }

    /// The zone database is the browser's; natively, a stand-in that knows New York in December (UTC-5), and
    /// puts this computer in Kolkata (UTC+5:30). Every test that needs zones installs this one (the first
    /// installed stays).
    pub fn stand_in_zones() {
        use_zones(
            |wall, zone| match zone {
                "America/New_York" => parse_iso(&format!("{wall}-05:00")),
                "" => parse_iso(&format!("{wall}+05:30")),
                _ => None,
            },
            |ms, zone| match zone {
                "America/New_York" => Some(utc_text(ms - 5 * 3_600_000)),
                "" => Some(utc_text(ms + 330 * 60_000)),
                _ => None,
            },
        );
    }

    #[test]
    fn a_time_is_written_back_in_the_zone_it_was_written_in() {
        stand_in_zones();
        let was = ";VALUE=DATE-TIME;TZID=America/New_York:20261201T050000";
        assert_eq!(to_ical(TEN_UTC + 3_600_000, Some(was)), ";VALUE=DATE-TIME;TZID=America/New_York:20261201T060000");
        assert_eq!(to_ical(TEN_UTC, Some(":20261130T100000Z")), ":20261201T100000Z");
        assert_eq!(to_ical(TEN_UTC, Some(";TZID=Nowhere/Else:20261201T050000")), ":20261201T100000Z", "in UTC");
        assert_eq!(to_ical(TEN_UTC, None), ":20261201T100000Z");
    }

    #[test]
    fn icalendar_values_with_and_without_a_zone() {
        assert_eq!(from_ical(":20261201T100000Z"), Some(TEN_UTC));
        // The zone database is the browser's; here a stand-in that knows New York in December (UTC-5), and
        // puts this computer in Kolkata (UTC+5:30). A floating time is on this computer's clock.
        stand_in_zones();
        assert_eq!(from_ical(":20261201T153000"), Some(TEN_UTC), "floating: on the moderator's clock");
        assert_eq!(from_ical(";TZID=America/New_York:20261201T050000"), Some(TEN_UTC));
        assert_eq!(from_ical(";tzid=America/New_York:20261201T050000"), Some(TEN_UTC));
        assert_eq!(from_ical(";TZID=Nowhere/Else:20261201T050000"), None);
        assert_eq!(from_ical(":tomorrow"), None);
        assert_eq!(from_ical(":2026é201T1000000"), None, "no panic on a character split by the slicing");
    }
}
