//! The wall clock and the moderator's time zone. The panel keeps and sends times in UTC (ISO 8601); what
//! it shows, and what a moderator types into a date field, is on their own clock, which only the browser
//! knows.

use js_sys::Date;
use wasm_bindgen::JsValue;

/// The current time as an ISO 8601 string in UTC.
pub fn iso_now() -> String {
    Date::new_0().to_iso_string().into()
}

/// Milliseconds since 1970 (UTC) on this computer's clock ([`server_now_ms`] for the server's).
pub fn now_epoch_ms() -> f64 {
    Date::now()
}

fn parse(text: &str) -> Option<Date> {
    let date = Date::new(&JsValue::from_str(text.trim()));
    (!date.get_time().is_nan()).then_some(date)
}

/// The time an HTTP-date names (`Wed, 21 Oct 2026 07:28:00 GMT`, as a `Retry-After` header may), in
/// milliseconds since 1970; `None` for text that is no date.
pub fn epoch_ms_of_http_date(text: &str) -> Option<f64> {
    parse(text).map(|date| date.get_time())
}

/// The time of day of an [`iso_now`] string as the moderator reads a clock: their time zone, their
/// browser's format ("23:26:57", "11:26:57 PM"). The ISO string itself is UTC, an hour or more off for most
/// moderators.
pub fn local_time(iso: &str) -> String {
    Date::new(&iso.into()).to_locale_time_string("default").into()
}

/// The date and time of an ISO 8601 time on the moderator's clock ("11/29/2026, 12:05:03 AM"); text that
/// is not a time (a server may send anything) as it is.
pub fn local_date_time(iso: &str) -> String {
    match parse(iso) {
        Some(date) => date.to_locale_string("default", &JsValue::UNDEFINED).into(),
        None => iso.to_owned(),
    }
}

/// A scheduled span on the moderator's clock, to the minute: "Dec 1, 2026, 10:00 AM \u{2013} 11:30 AM" (a
/// dash, as a range is written: the arrow says "changed to" in the banner that shows a schedule changed),
/// the end's date only when it is another day; either end may be missing. Text that is not a time (a
/// server may send anything) is shown as it is.
pub fn local_span(start: Option<&str>, end: Option<&str>) -> String {
    let day_and_time = |d: &Date| format_date(d, &[("dateStyle", "medium"), ("timeStyle", "short")]);
    // Only what `state::instant` reads as an instant: the browser would take a date alone for midnight UTC.
    let strict = |text: &str| crate::state::instant::parse_iso(text).and_then(|_| parse(text));
    let shown = |text: &str, same_day_as: Option<&Date>| match strict(text) {
        Some(d) if same_day_as.is_some_and(|s| same_day(s, &d)) => format_date(&d, &[("timeStyle", "short")]),
        Some(d) => day_and_time(&d),
        None => text.to_owned(),
    };
    let start_date = start.and_then(strict);
    match (start, end) {
        (Some(s), Some(e)) => format!("{} \u{2013} {}", shown(s, None), shown(e, start_date.as_ref())),
        (Some(s), None) => format!("from {}", shown(s, None)),
        (None, Some(e)) => format!("until {}", shown(e, None)),
        (None, None) => String::new(),
    }
}

/// A start or end as the conference form keeps it (`YYYY-MM-DDTHH:MM` in UTC), on the moderator's clock to
/// the minute ("Dec 1, 2030, 10:00 AM"); text that is not such a time as it is.
pub fn local_form_time(utc: &str) -> String {
    match parse(&format!("{}Z", utc.trim().trim_end_matches('Z'))) {
        Some(d) => format_date(&d, &[("dateStyle", "medium"), ("timeStyle", "short")]),
        None => utc.to_owned(),
    }
}

fn same_day(a: &Date, b: &Date) -> bool {
    (a.get_full_year(), a.get_month(), a.get_date()) == (b.get_full_year(), b.get_month(), b.get_date())
}

/// `date` in the browser's language and the moderator's zone, with `Intl.DateTimeFormat` options.
fn format_date(date: &Date, options: &[(&str, &str)]) -> String {
    let object = js_sys::Object::new();
    for (key, value) in options {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    date.to_locale_string("default", &object).into()
}

/// The day of the week an instant falls on, on the moderator's clock (`Saturday`).
pub fn local_weekday(ms: f64) -> &'static str {
    const DAYS: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    DAYS[Date::new(&JsValue::from_f64(ms)).get_day() as usize % 7]
}

/// The moderator's time zone, as the browser names it (`Europe/Paris`), else as its offset (`UTC+01:00`).
pub fn time_zone() -> String {
    let options = js_sys::Intl::DateTimeFormat::default().resolved_options();
    let named = js_sys::Reflect::get(&options, &JsValue::from_str("timeZone")).ok().and_then(|z| z.as_string());
    named.filter(|z| !z.is_empty()).unwrap_or_else(|| {
        // getTimezoneOffset is UTC minus local time, in minutes.
        let east = -(Date::new_0().get_timezone_offset() as i32);
        let sign = if east < 0 { '-' } else { '+' };
        format!("UTC{sign}{:02}:{:02}", east.abs() / 60, east.abs() % 60)
    })
}

/// A wall-clock time on the moderator's clock, as a date-and-time field gives it (`YYYY-MM-DDTHH:MM`), in
/// UTC in the same shape; `None` when it is not such a time. The offset is the one in force on that date
/// (summer time), not today's.
pub fn utc_from_local(local: &str) -> Option<String> {
    let local = local.trim();
    // Without an offset, the browser reads a date-time as local time (ECMAScript's Date.parse).
    if local.len() < 16 || local.ends_with('Z') {
        return None;
    }
    let iso: String = parse(local)?.to_iso_string().into();
    iso.get(..local.len().min(19)).map(str::to_owned)
}

/// The inverse of [`utc_from_local`]: a UTC time in a date-and-time field's shape (`YYYY-MM-DDTHH:MM`),
/// as the moderator's clock shows it then.
pub fn local_from_utc(utc: &str) -> Option<String> {
    let utc = utc.trim().trim_end_matches('Z');
    if utc.len() < 16 {
        return None;
    }
    let date = parse(&format!("{utc}Z"))?;
    let mut local = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes()
    );
    if utc.len() >= 19 {
        local.push_str(&format!(":{:02}", date.get_seconds()));
    }
    Some(local)
}

/// Which of the two instants showing the same time of day on the moderator's clock `ms` is, the night that
/// clock goes back; `None` on any other night.
pub fn repeated_here(ms: crate::state::instant::Ms) -> Option<crate::state::instant::Repeated> {
    use crate::state::instant;
    let wall = |t| local_from_utc(&instant::utc_text(t)).and_then(|w| w.get(..16).map(str::to_owned));
    instant::repeated(ms, wall)
}

/// A wall-clock time (`2026-12-01T10:00:00`) in the time zone `zone` (`America/New_York`; empty: this
/// computer's) as milliseconds since 1970, with the browser's zone database; `None` for a zone it does not
/// know. For the iCalendar
/// `TZID` other clients write (`state::instant::use_zones`).
pub fn zone_wall_to_utc(wall: &str, zone: &str) -> Option<i64> {
    use crate::state::instant::parse_iso;
    let format = zone_format(zone)?;
    // The zone's offset at `t`: its wall clock then, read as if UTC, less `t`.
    let offset = |t: i64| -> Option<i64> { Some(parse_iso(&format!("{}Z", wall_at(&format, t)?))? - t) };
    let as_utc = parse_iso(wall)?;
    // The two offsets around `wall` (they differ on the nights the clocks change), and which of the two
    // instants they give shows `wall` on the zone's clock.
    let first = as_utc - offset(as_utc)?;
    let second = as_utc - offset(first)?;
    let shows_wall = |t: i64| offset(t).is_some_and(|o| t + o == as_utc);
    Some(match (shows_wall(first), shows_wall(second)) {
        // Twice that night (the clocks go back): the first (RFC 5545 section 3.3.5).
        (true, true) => first.min(second),
        (true, false) => first,
        (false, true) => second,
        // Never that night (the clocks jump over it): read with the offset from before the jump, which is
        // the later instant (RFC 5545: 02:30 in New York that night is 03:30 EDT).
        (false, false) => first.max(second),
    })
}

/// The wall-clock time (`2026-12-01T10:00:00`) in the time zone `zone` (empty: this computer's) at `ms`;
/// `None` for a zone the browser does not know. The reverse of [`zone_wall_to_utc`], for writing a time
/// back in the zone another client wrote it in (`state::instant::use_zones`).
pub fn utc_to_zone_wall(ms: i64, zone: &str) -> Option<String> {
    wall_at(&zone_format(zone)?, ms)
}

/// What `format` shows of the instant `t`, as `YYYY-MM-DDTHH:MM:SS`.
fn wall_at(format: &js_sys::Intl::DateTimeFormat, t: i64) -> Option<String> {
    let parts = format.format_to_parts(&Date::new(&JsValue::from_f64(t as f64)));
    let part = |kind: &str| {
        parts.iter().find_map(|p| {
            let is = js_sys::Reflect::get(&p, &JsValue::from_str("type")).ok()?.as_string()? == kind;
            is.then(|| js_sys::Reflect::get(&p, &JsValue::from_str("value")).ok()?.as_string())?
        })
    };
    Some(format!(
        "{}-{}-{}T{}:{}:{}",
        part("year")?,
        part("month")?,
        part("day")?,
        part("hour")?,
        part("minute")?,
        part("second")?
    ))
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `Intl.DateTimeFormat(locales, options)`, which throws for a time zone the browser does not know:
    /// caught here, as a zone named by a server must never stop the panel.
    #[wasm_bindgen(catch, js_namespace = Intl, js_name = DateTimeFormat)]
    fn date_time_format(locales: &JsValue, options: &JsValue) -> Result<js_sys::Intl::DateTimeFormat, JsValue>;
}

/// A formatter of times in `zone` into numeric parts on a 24-hour clock.
fn zone_format(zone: &str) -> Option<js_sys::Intl::DateTimeFormat> {
    let options = js_sys::Object::new();
    let set =
        |key: &str, value: &str| js_sys::Reflect::set(&options, &JsValue::from_str(key), &JsValue::from_str(value));
    // No zone named: the computer's own (an iCalendar floating time).
    if !zone.is_empty() {
        set("timeZone", zone).ok()?;
    }
    set("hourCycle", "h23").ok()?;
    set("year", "numeric").ok()?;
    for key in ["month", "day", "hour", "minute", "second"] {
        set(key, "2-digit").ok()?;
    }
    date_time_format(&JsValue::from_str("en-US"), &options).ok()
}

thread_local! {
    /// How far the server's clock is ahead of this computer's, in milliseconds (0 until a reply says).
    static SERVER_AHEAD: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
    /// Whether the moderator has been told that the clocks differ.
    static SKEW_TOLD: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// A difference between the clocks the panel corrects and tells: below it, the second the server's `Date`
/// header is written to and the request's round trip make noise.
const SKEW_MS: f64 = 60_000.0;

/// Notes the server's `Date` header (`Mon, 30 Nov 2026 17:33:04 GMT`) of a reply to a request sent at
/// `sent` and answered at `received` (both [`now_epoch_ms`]). A moderator whose computer's clock is off saw
/// a running conference as "ended 2 h 30 min ago", and Extend set its end hours out (QA): "ends in" and
/// Extend count by [`server_now_ms`].
pub fn note_server_date(header: &str, sent: f64, received: f64) {
    let server = Date::parse(header);
    if server.is_nan() {
        return;
    }
    // The header is cut to the second: its middle, against the middle of the round trip.
    let ahead = server + 500.0 - (sent + received) / 2.0;
    SERVER_AHEAD.with(|a| a.set(if ahead.abs() >= SKEW_MS { ahead } else { 0.0 }));
}

/// Now on the server's clock, as far as its replies tell (this computer's when the two agree to the minute).
pub fn server_now_ms() -> f64 {
    now_epoch_ms() + SERVER_AHEAD.with(std::cell::Cell::get)
}

/// How far this computer's clock is behind the server's, in milliseconds (negative: ahead of it), the first
/// time it is found off by a minute or more; `None` after that, or while the clocks agree.
pub fn clock_off_news() -> Option<f64> {
    let behind = SERVER_AHEAD.with(std::cell::Cell::get);
    (behind != 0.0 && !SKEW_TOLD.with(|t| t.replace(true))).then_some(behind)
}
