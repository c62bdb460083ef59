//! The conference form: the fields a moderator edits, read from a conference document, turned into a
//! new conference (with `AUTO_GENERATE_n` placeholders) or into a partial update holding only what
//! changed, and merged with someone else's concurrent change.

use ccmp::xcon::{
    AvailableMedia, Conference, ConferenceDescription, ConferenceTime, MediaEntry, MixingOffset, TimeEntry,
};
use ccmp::AutoGenerate;
use serde::{Deserialize, Serialize};

use super::floor_form::FloorsForm;
use super::ical;
use super::instant;
use super::recurrence;
use super::schedule::{self, Time};

/// The edited fields, as the form holds them (text, so that a half-typed number is not lost). Serde: an
/// unsaved edit is kept across reloads (`session::drafts`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfForm {
    pub display_text: String,
    pub subject: String,
    pub free_text: String,
    /// Empty for no maximum.
    pub maximum_user_count: String,
    pub audio: bool,
    pub video: bool,
    pub text: bool,
    /// A new password; empty leaves it as it is (the server never returns the current one).
    pub conference_password: String,
    /// Remove the conference password.
    pub clear_password: bool,
    /// A new password was typed into this form before the page was reloaded, and not kept (passwords never
    /// are): until it is typed again, or given up, the form cannot be sent (QA: it was saved without it, and
    /// the conference was left open).
    #[serde(default)]
    pub password_not_kept: bool,
    pub allow_sidebars: bool,
    /// `YYYY-MM-DDTHH:MM` in UTC, empty for none. The form's date-and-time fields show and take it on the
    /// moderator's clock (`components::conf_fields`): kept and sent in UTC, typed in local time.
    pub start: String,
    pub end: String,
    /// How it repeats: the rule as written after `RRULE:` (`FREQ=WEEKLY;COUNT=10`), empty when it does not.
    /// The form offers a few (`recurrence::PRESETS`) and keeps another client's as read.
    #[serde(default)]
    pub repeats: String,
    /// The floor control, for a conference that has one (`state::floor_form`); a draft kept before the form
    /// had it reads as none.
    #[serde(default)]
    pub floor: Option<FloorsForm>,
}

/// A form field, for reporting what changed and what conflicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    DisplayText,
    Subject,
    FreeText,
    MaximumUserCount,
    Media,
    ConferencePassword,
    AllowSidebars,
    Time,
    Repeats,
    Floor,
}

impl Field {
    pub const ALL: [Field; 10] = [
        Field::DisplayText,
        Field::Subject,
        Field::FreeText,
        Field::MaximumUserCount,
        Field::Media,
        Field::ConferencePassword,
        Field::AllowSidebars,
        Field::Time,
        Field::Repeats,
        Field::Floor,
    ];

    /// The setting as the form names it, for the moderator's eyes ("Maximum users").
    pub fn title(self) -> &'static str {
        match self {
            Field::DisplayText => "Name",
            Field::Subject => "Subject",
            Field::FreeText => "Description",
            Field::MaximumUserCount => "Maximum users",
            Field::Media => "Media",
            Field::ConferencePassword => "Conference password",
            Field::AllowSidebars => "Allow breakout rooms",
            Field::Time => "When",
            Field::Repeats => "Repeats",
            Field::Floor => "Floor control",
        }
    }

    /// The XCON element name, as the moderator sees it in the raw document.
    pub fn label(self) -> &'static str {
        match self {
            Field::DisplayText => "display-text",
            Field::Subject => "subject",
            Field::FreeText => "free-text",
            Field::MaximumUserCount => "maximum-user-count",
            Field::Media => "available-media",
            Field::ConferencePassword => "conference-password",
            Field::AllowSidebars => "allow-sidebars",
            Field::Time | Field::Repeats => "conference-time",
            Field::Floor => "floor-information",
        }
    }
}

/// Why the form cannot be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormError {
    MaximumUserCount(String),
    Time(String),
    Repeats(String),
    Floor(String),
    Nothing,
}

impl std::fmt::Display for FormError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormError::MaximumUserCount(v) if v.is_empty() => f.write_str(MAX_USERS_KEPT),
            // A number too large for the element (an unsignedInt) is a number all the same: say what is wrong.
            FormError::MaximumUserCount(v)
                if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) && !v.trim_start_matches('0').is_empty() =>
            {
                write!(f, "Maximum users must be at most {}, not {v}.", u32::MAX)
            }
            FormError::MaximumUserCount(v) => write!(f, "Maximum users must be a whole number above 0, not {v:?}."),
            FormError::Time(why) | FormError::Repeats(why) | FormError::Floor(why) => f.write_str(why),
            FormError::Nothing => f.write_str("Nothing changed."),
        }
    }
}

/// The media types the form offers, a box each, in the form's order.
const FORM_MEDIA: [&str; 3] = ["audio", "video", "text"];

/// Why an emptied "Maximum users" cannot be sent: an update cannot remove the limit (the element holds a
/// number, and an empty one is not), only change it.
const MAX_USERS_KEPT: &str = "Maximum users cannot be emptied once set: enter the new limit.";

/// An input of the form that holds what cannot be sent: the form marks it and says why beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalid {
    Name,
    MaximumUsers,
    Start,
    End,
    RepeatCount,
    Password,
    Floor,
}

/// What a Save or Create waits for while fields are marked: `First correct the field marked above: Start.`,
/// each of them when there are several (QA: two were marked, one named); `None` when none is.
pub fn correct_first(invalid: &[(Invalid, String)]) -> Option<String> {
    let mut labels: Vec<&str> = Vec::new();
    for (i, _) in invalid {
        if !labels.contains(&i.label()) {
            labels.push(i.label());
        }
    }
    match labels.as_slice() {
        [] => None,
        [one] => Some(format!("First correct the field marked above: {one}.")),
        [init @ .., last] => {
            Some(format!("First correct the {} fields marked above: {} and {last}.", labels.len(), init.join(", ")))
        }
    }
}

impl Invalid {
    /// The input's `name` in the form, from which the id of its reason's element is made.
    pub fn input_name(self) -> &'static str {
        match self {
            Invalid::Name => "display-text",
            Invalid::MaximumUsers => "maximum-user-count",
            Invalid::Start => "start",
            Invalid::End => "end",
            Invalid::RepeatCount => "repeat-count",
            Invalid::Password => "conference-password",
            Invalid::Floor => "floor-at-once",
        }
    }

    /// The field as the form labels it.
    pub fn label(self) -> &'static str {
        match self {
            Invalid::Name => "Name",
            Invalid::MaximumUsers => "Maximum users",
            Invalid::Start => "Start",
            Invalid::End => "End",
            Invalid::RepeatCount => "Times",
            Invalid::Password => "Conference password",
            Invalid::Floor => "Floor control",
        }
    }
}

impl ConfForm {
    /// The form showing a conference document.
    pub fn from_conference(c: &Conference) -> ConfForm {
        let d = c.description.clone().unwrap_or_default();
        let has = |t: &str| d.available_media.as_ref().is_some_and(|m| m.entries.iter().any(|e| e.is_type(t)));
        let (start, end) = scheduled(d.conference_time.as_ref());
        ConfForm {
            display_text: d.display_text.clone().unwrap_or_default(),
            subject: d.subject.clone().unwrap_or_default(),
            free_text: d.free_text.clone().unwrap_or_default(),
            maximum_user_count: d.maximum_user_count.map(|n| n.to_string()).unwrap_or_default(),
            audio: has("audio"),
            video: has("video"),
            text: has("text"),
            conference_password: String::new(),
            clear_password: false,
            password_not_kept: false,
            allow_sidebars: d.allow_sidebars.unwrap_or(false),
            start,
            end,
            repeats: recurrence::of_conference(c).map(|r| r.written().to_owned()).unwrap_or_default(),
            floor: FloorsForm::of(c.floor_information.as_ref(), d.available_media.as_ref()),
        }
    }

    /// The defaults of the create form.
    pub fn new_conference() -> ConfForm {
        ConfForm { audio: true, video: true, floor: Some(FloorsForm::for_new_conference()), ..Default::default() }
    }

    fn value(&self, field: Field) -> String {
        match field {
            Field::DisplayText => self.display_text.clone(),
            Field::Subject => self.subject.clone(),
            Field::FreeText => self.free_text.clone(),
            Field::MaximumUserCount => self.maximum_user_count.trim().to_owned(),
            Field::Media => format!("{}{}{}", self.audio, self.video, self.text),
            Field::ConferencePassword => {
                format!("{}{}{}", self.clear_password, self.password_not_kept, self.conference_password)
            }
            Field::AllowSidebars => self.allow_sidebars.to_string(),
            Field::Time => format!("{}|{}", self.start.trim(), self.end.trim()),
            Field::Repeats => self.repeats.trim().to_owned(),
            // What the moderator sets, not the words for the media (which follow the Media field).
            Field::Floor => self.floor.as_ref().map_or_else(String::new, |f| {
                let floors = f.floors.iter().map(|r| format!("{}={}/{}", r.id, r.algorithm.trim(), r.max.trim()));
                format!("{}|{}", f.requests.trim(), floors.collect::<Vec<_>>().join(","))
            }),
        }
    }

    /// The value of a field as the moderator would read it, for "someone else changed X to Y"; `time` shows
    /// a start or end (kept in UTC) as the moderator's clock reads it.
    pub fn show(&self, field: Field, time: ShowTime) -> String {
        let v = match field {
            Field::Media => {
                let m: Vec<&str> = self.media_boxes().filter_map(|(n, on)| on.then_some(n)).collect();
                m.join(", ")
            }
            Field::Time => match (self.start.trim(), self.end.trim()) {
                ("", "") => String::new(),
                (s, "") => format!("from {}", time(s)),
                ("", e) => format!("until {}", time(e)),
                // A dash, as the overview writes a range: the banner's arrow is the change (QA).
                (s, e) => format!("{} \u{2013} {}", time(s), time(e)),
            },
            Field::ConferencePassword => "(hidden)".into(),
            // As the overview says it, and "no" rather than "(none)" (`state::elsewhere`'s line read so).
            Field::Repeats => {
                let rule = self.repeats.trim();
                return match recurrence::of_rule(rule) {
                    Some(rule) => rule.in_words(),
                    None if rule.is_empty() => "no".to_owned(),
                    None => rule.to_owned(),
                };
            }
            Field::Floor => self.floor.as_ref().map(|f| f.in_words().join("; ")).unwrap_or_default(),
            f => self.value(f),
        };
        if v.is_empty() {
            "(none)".into()
        } else {
            v
        }
    }

    /// The text the moderator typed into the form since `base` (its name, subject, description and maximum of
    /// users, as typed), to be said when the form cannot be kept: `Name: “…”; Description: “…”`.
    pub fn typed_since(&self, base: &ConfForm) -> String {
        let changed = self.changed_fields(base);
        [Field::DisplayText, Field::Subject, Field::FreeText, Field::MaximumUserCount]
            .into_iter()
            .filter(|f| changed.contains(f) && !self.value(*f).trim().is_empty())
            .map(|f| format!("{}: \u{201c}{}\u{201d}", f.title(), self.value(f).trim()))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// The fields that differ from `other`.
    pub fn changed_fields(&self, other: &ConfForm) -> Vec<Field> {
        Field::ALL.into_iter().filter(|f| self.value(*f) != other.value(*f)).collect()
    }

    /// Copies one field's value from `from`.
    pub fn take(&mut self, field: Field, from: &ConfForm) {
        match field {
            Field::DisplayText => self.display_text = from.display_text.clone(),
            Field::Subject => self.subject = from.subject.clone(),
            Field::FreeText => self.free_text = from.free_text.clone(),
            Field::MaximumUserCount => self.maximum_user_count = from.maximum_user_count.clone(),
            Field::Media => (self.audio, self.video, self.text) = (from.audio, from.video, from.text),
            Field::ConferencePassword => {
                self.conference_password = from.conference_password.clone();
                self.clear_password = from.clear_password;
                self.password_not_kept = from.password_not_kept;
            }
            Field::AllowSidebars => self.allow_sidebars = from.allow_sidebars,
            Field::Time => (self.start, self.end) = (from.start.clone(), from.end.clone()),
            Field::Repeats => self.repeats = from.repeats.clone(),
            Field::Floor => self.floor = from.floor.clone(),
        }
    }

    /// The inputs that hold what the form cannot send, each with why, in the form's order. `original` is
    /// the form as read, when editing a conference (a limit it had cannot be emptied).
    pub fn invalid(&self, original: Option<&ConfForm>) -> Vec<(Invalid, String)> {
        let mut out = Vec::new();
        // A name of spaces only would take the conference's name away (QA: the create form refused it, the
        // edit form saved it).
        if original.is_some_and(|o| !blank(&o.display_text)) && blank(&self.display_text) {
            out.push((Invalid::Name, "A conference needs a name: type one.".to_owned()));
        }
        match self.max_users() {
            Err(e) => out.push((Invalid::MaximumUsers, e.to_string())),
            Ok(None) if original.is_some_and(|o| !o.maximum_user_count.trim().is_empty()) => {
                out.push((Invalid::MaximumUsers, MAX_USERS_KEPT.to_owned()))
            }
            Ok(_) => {}
        }
        // A schedule the moderator did not touch is not theirs to correct: another client may have written
        // one the form cannot send back (QA: a lowercase `z` blocked saving the subject), and it is left as it is.
        let time_untouched = original.is_some_and(|o| {
            let changed = self.changed_fields(o);
            !changed.contains(&Field::Time) && !changed.contains(&Field::Repeats)
        });
        match (time_untouched, self.conference_time()) {
            (false, Err(FormError::Time(why))) => {
                let end_at_fault = !self.start.trim().is_empty() && utc(self.start.trim()).is_some();
                out.push((if end_at_fault { Invalid::End } else { Invalid::Start }, why));
            }
            (false, Err(FormError::Repeats(why))) => out.push((Invalid::RepeatCount, why)),
            _ => {}
        }
        if let Some(bad) = self.floor.as_ref().and_then(FloorsForm::bad_max) {
            out.push((Invalid::Floor, bad.to_string()));
        }
        if !self.conference_password.is_empty() && self.clear_password {
            // A tick by mistake would leave the conference open, the new password thrown away (QA).
            out.push((Invalid::Password, "Either type a new password or remove it, not both.".to_owned()));
        } else if self.password_not_kept && self.conference_password.is_empty() && !self.clear_password {
            out.push((
                Invalid::Password,
                "The password typed before the page was reloaded was not kept (a password never is): type it \
                 again, or go on without it."
                    .to_owned(),
            ));
        }
        out
    }

    /// Whether the form holds no name: nothing but spaces and characters that do not show (a zero-width space
    /// alone made a conference listed under a blank name: QA).
    pub fn unnamed(&self) -> bool {
        blank(&self.display_text)
    }

    /// What a draft keeps of the form across a reload: everything but a new password, which it says was typed.
    pub fn without_password(&self) -> ConfForm {
        ConfForm {
            conference_password: String::new(),
            password_not_kept: self.password_not_kept || !self.conference_password.is_empty(),
            ..self.clone()
        }
    }

    fn max_users(&self) -> Result<Option<u32>, FormError> {
        let v = self.maximum_user_count.trim();
        if v.is_empty() {
            return Ok(None);
        }
        // Full-width digits (an input method's) are digits too.
        match super::fold::folded(v).parse::<u32>() {
            Ok(n) if n > 0 => Ok(Some(n)),
            _ => Err(FormError::MaximumUserCount(v.to_owned())),
        }
    }

    /// The repetition to send (after `RRULE:`), if any: its count, as typed, must be one.
    pub fn rule(&self) -> Result<Option<String>, FormError> {
        let (pattern, count) = recurrence::count_apart(&self.repeats);
        if pattern.is_empty() {
            return Ok(None);
        }
        // Full-width digits (an input method's) are digits too.
        let folded = super::fold::folded(&count);
        if !count.is_empty() && !folded.parse::<u32>().is_ok_and(|n| n > 0) {
            return Err(FormError::Repeats(format!(
                "How many times: a whole number above 0, or empty for no end, not \u{201c}{count}\u{201d}."
            )));
        }
        Ok(Some(recurrence::with_count(&pattern, &folded)))
    }

    fn conference_time(&self) -> Result<Option<ConferenceTime>, FormError> {
        let (start, end) = (self.start.trim(), self.end.trim());
        let rule = self.rule()?;
        if start.is_empty() && end.is_empty() {
            return match rule {
                Some(_) => Err(FormError::Time("Enter a start time: the repetition starts from it.".into())),
                None => Ok(None),
            };
        }
        for (which, time) in [("start", start), ("end", end)] {
            if time.starts_with(SKIPPED_LOCALLY) {
                return Err(FormError::Time(format!(
                    "That {which} time does not exist on your clock: that night the clocks jump over it (summer \
                     time). Pick another time."
                )));
            }
        }
        let start = match start {
            "" => return Err(FormError::Time("Enter a start time: an end time needs one.".into())),
            s => utc(s).ok_or_else(|| FormError::Time("The start time is not a date and time.".into()))?,
        };
        let end = match end {
            "" => None,
            e => Some(utc(e).ok_or_else(|| FormError::Time("The end time is not a date and time.".into()))?),
        };
        if end.as_ref().is_some_and(|e| e <= &start) {
            return Err(FormError::Time("The end time must come after the start time.".into()));
        }
        // A repetition follows the clock its first time is written on: in UTC, a weekly 9:00 on the moderator's
        // clock would be at 8:00 once summer time ends (QA). So it is written in the moderator's zone.
        let zone = rule.as_ref().and_then(|_| instant::in_home_zone());
        let value = |t: &str| match instant::parse_iso(t) {
            Some(ms) => instant::to_ical(ms, zone.as_deref()),
            None => format!(":{}", t.replace(['-', ':'], "")),
        };
        let mut ics = format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART{}\r\n", value(&start));
        if let Some(e) = &end {
            ics.push_str(&format!("DTEND{}\r\n", value(e)));
        }
        if let Some(rule) = &rule {
            ics.push_str(&format!("RRULE:{rule}\r\n"));
        }
        ics.push_str("END:VEVENT\r\nEND:VCALENDAR\r\n");
        let entry = TimeEntry {
            base: ics,
            mixing_start_offset: Some(MixingOffset::new(start, "none")),
            mixing_end_offset: end.map(|e| MixingOffset::new(e, "none")),
            ..Default::default()
        };
        Ok(Some(ConferenceTime { entries: vec![entry], ..Default::default() }))
    }

    /// The schedule to send in place of `old` (the conference's, when it has one): its first entry with the
    /// form's start and end, everything else as written (QA: a save of the end dropped another client's
    /// `UID`, `SUMMARY` and `ORGANIZER`); empty to remove it.
    fn time_over(&self, old: Option<&ConferenceTime>) -> Result<ConferenceTime, FormError> {
        let Some(new) = self.conference_time()? else {
            return Ok(ConferenceTime::default());
        };
        let (Some(old), Some(fresh)) = (old.filter(|o| !o.entries.is_empty()), new.entries.first()) else {
            return Ok(new);
        };
        let mut time = old.clone();
        let entry = &mut time.entries[0];
        // Only what the moderator moved: a time left as it was keeps the way it was written (its zone).
        // None: no time; Some(None): one the panel cannot read (a removal of it is a change too).
        let at = |m: &Option<MixingOffset>| m.as_ref().map(|m| instant::parse_iso(&m.time));
        let was = |t: Option<Time>| t.map(|t| t.at());
        let (was_start, was_end) = schedule::times(entry);
        let lasted = ical::event_property(&entry.base, "DURATION").is_some();
        let start_moved = was(was_start) != at(&fresh.mixing_start_offset);
        // An end given as a duration moves with the start: written out, it stays where the form has it.
        let end_moved = was(was_end) != at(&fresh.mixing_end_offset) || (start_moved && lasted);
        let moved = |kept: &Option<MixingOffset>, to: &Option<MixingOffset>| match (kept, to) {
            (Some(k), Some(t)) => Some(MixingOffset { time: t.time.clone(), ..k.clone() }),
            (_, to) => to.clone(),
        };
        let in_ical = ical::event_property(&entry.base, "DTSTART").is_some();
        let has_offsets = entry.mixing_start_offset.is_some() || entry.mixing_end_offset.is_some();
        if has_offsets || !in_ical {
            if start_moved {
                entry.mixing_start_offset = moved(&entry.mixing_start_offset, &fresh.mixing_start_offset);
            }
            if end_moved {
                entry.mixing_end_offset = moved(&entry.mixing_end_offset, &fresh.mixing_end_offset);
            }
        }
        if in_ical {
            // In the zone it was written in, if any (a repeating event keeps its local hour through summer time).
            let base = entry.base.clone();
            let ical_value = |m: &MixingOffset, name: &str| {
                let was = ical::event_property(&base, name);
                instant::parse_iso(&m.time).map_or_else(
                    || format!(":{}", m.time.replace(['-', ':'], "")),
                    |ms| instant::to_ical(ms, was.as_deref()),
                )
            };
            if start_moved {
                let start = fresh.mixing_start_offset.as_ref().map(|m| ical_value(m, "DTSTART"));
                entry.base = ical::with_event_property(&entry.base, "DTSTART", start.as_deref(), "");
            }
            if end_moved {
                // An end written as a duration takes the start's zone.
                let zone_of = if ical::event_property(&base, "DTEND").is_some() { "DTEND" } else { "DTSTART" };
                let end = fresh.mixing_end_offset.as_ref().map(|m| ical_value(m, zone_of));
                let ended = ical::with_event_property(&entry.base, "DTEND", end.as_deref(), "DTSTART");
                entry.base = ical::with_event_property(&ended, "DURATION", None, "");
            }
        }
        // The repetition, when the moderator changed it; another client's, left alone, stays as written.
        let rule = self.rule()?;
        let had = recurrence::of(&entry.base).map(|r| r.written().to_owned()).unwrap_or_default();
        if self.repeats.trim() != had {
            // Made to repeat, a first time written in UTC moves to the moderator's zone, the same instants:
            // the times to come keep its hour through summer time (as in `conference_time`). One that repeated
            // already keeps the clock its rule was written on.
            let zoned = |name: &str| {
                ical::event_property(&entry.base, name).is_some_and(|v| v.to_ascii_uppercase().contains("TZID="))
            };
            let made_to_repeat = in_ical && rule.is_some() && had.is_empty();
            if let (true, false, Some(zone)) = (made_to_repeat, zoned("DTSTART"), instant::in_home_zone()) {
                for name in ["DTSTART", "DTEND"] {
                    let at = ical::event_property(&entry.base, name).and_then(|v| instant::from_ical(&v));
                    if let Some(ms) = at {
                        let value = instant::to_ical(ms, Some(&zone));
                        entry.base = ical::with_event_property(&entry.base, name, Some(&value), "");
                    }
                }
            }
            if in_ical {
                let after = if ical::event_property(&entry.base, "DTEND").is_some() { "DTEND" } else { "DTSTART" };
                let value = rule.map(|r| format!(":{r}"));
                entry.base = ical::with_event_property(&entry.base, "RRULE", value.as_deref(), after);
            } else if rule.is_some() {
                // A schedule of mixing times only: the repetition needs the calendar text, as the form writes it.
                entry.base = fresh.base.clone();
            }
        }
        Ok(time)
    }

    /// Each media type the form offers, and whether its box is ticked.
    fn media_boxes(&self) -> impl Iterator<Item = (&'static str, bool)> {
        FORM_MEDIA.into_iter().zip([self.audio, self.video, self.text])
    }

    /// The media types the form has turned off (`audio`).
    pub fn media_off(&self) -> Vec<&'static str> {
        self.media_boxes().filter_map(|(k, on)| (!on).then_some(k)).collect()
    }

    /// The media entries: those of `existing` that stay, with a placeholder label for each new one, and those
    /// of a type the form does not offer (an `application` medium) as they were: the form cannot take them away.
    fn media(&self, existing: Option<&AvailableMedia>, next_placeholder: &mut u32) -> AvailableMedia {
        let offered = |e: &MediaEntry| FORM_MEDIA.iter().any(|k| e.is_type(k));
        let mut entries = Vec::new();
        for (kind, on) in self.media_boxes() {
            if !on {
                continue;
            }
            let kept = existing.and_then(|m| m.entries.iter().find(|e| e.is_type(kind)));
            entries.push(match kept {
                Some(e) => e.clone(),
                None => {
                    let label = AutoGenerate(*next_placeholder).to_string();
                    *next_placeholder += 1;
                    MediaEntry::new(label, kind)
                }
            });
        }
        entries.extend(existing.into_iter().flat_map(|m| &m.entries).filter(|e| !offered(e)).cloned());
        AvailableMedia { entries, ..Default::default() }
    }

    /// A new conference for confRequest create: entity `xcon:AUTO_GENERATE_1@domain`, media labels
    /// `AUTO_GENERATE_2`.. (RFC 6503 section 4.3).
    pub fn to_new_conference(&self, domain: &str) -> Result<Conference, FormError> {
        let mut placeholder = 2;
        let text = |s: &str| Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_owned);
        let media = self.media(None, &mut placeholder);
        // Floor control covers the audio: none without it.
        let audio = media.entries.iter().find(|e| e.media_type == "audio").map(|e| e.label.clone());
        let floor_information = match (&self.floor, audio) {
            (Some(floor), Some(label)) => {
                floor.for_audio_labelled(&label).map_err(|bad| FormError::Floor(bad.to_string()))?
            }
            _ => None,
        };
        let description = ConferenceDescription {
            display_text: text(&self.display_text),
            subject: text(&self.subject),
            free_text: text(&self.free_text),
            maximum_user_count: self.max_users()?,
            available_media: Some(media),
            allow_sidebars: Some(self.allow_sidebars),
            conference_time: self.conference_time()?,
            conference_password: text(&self.conference_password),
            ..Default::default()
        };
        Ok(Conference {
            description: Some(description),
            floor_information,
            ..Conference::new(format!("xcon:{}@{domain}", AutoGenerate(1)))
        })
    }

    /// The partial document for confRequest update: only the fields that differ from `original` (the
    /// form as read from `base`), an empty element where a value is removed.
    pub fn to_update(&self, original: &ConfForm, base: &Conference) -> Result<Conference, FormError> {
        let changed = self.changed_fields(original);
        if changed.is_empty() {
            return Err(FormError::Nothing);
        }
        let mut doc = Conference::new(base.entity.clone());
        let mut floor_information = None;
        let d = doc.description_mut();
        let base_media = base.description.as_ref().and_then(|d| d.available_media.as_ref());
        let mut placeholder = 1;
        for field in changed {
            match field {
                // An empty element removes the value (RFC 6503 section 5.3.4).
                Field::DisplayText => d.display_text = Some(self.display_text.trim().to_owned()),
                Field::Subject => d.subject = Some(self.subject.trim().to_owned()),
                Field::FreeText => d.free_text = Some(self.free_text.trim().to_owned()),
                Field::MaximumUserCount => match self.max_users()? {
                    Some(n) => d.maximum_user_count = Some(n),
                    None => return Err(FormError::MaximumUserCount(String::new())),
                },
                Field::Media => d.available_media = Some(self.media(base_media, &mut placeholder)),
                Field::ConferencePassword if self.clear_password => d.conference_password = Some(String::new()),
                Field::ConferencePassword if !self.conference_password.is_empty() => {
                    d.conference_password = Some(self.conference_password.clone())
                }
                Field::ConferencePassword => {}
                Field::AllowSidebars => d.allow_sidebars = Some(self.allow_sidebars),
                // One schedule holds both: sent once, with the times and the rule as the form has them.
                Field::Time | Field::Repeats if d.conference_time.is_none() => {
                    let old = base.description.as_ref().and_then(|d| d.conference_time.as_ref());
                    d.conference_time = Some(self.time_over(old)?);
                }
                Field::Time | Field::Repeats => {}
                // Replaced whole by an update: the rest of it goes back as read.
                Field::Floor => {
                    if let Some(floor) = &self.floor {
                        let sent = floor.apply(base.floor_information.as_ref());
                        floor_information = Some(sent.map_err(|bad| FormError::Floor(bad.to_string()))?);
                    }
                }
            }
        }
        // A medium taken away goes from the floors that cover it (the floor control as sent, else as read).
        let kept = doc.description.as_ref().and_then(|d| d.available_media.as_ref());
        let kept: Option<Vec<String>> = kept.map(|m| m.entries.iter().map(|e| e.label.clone()).collect());
        if let (Some(kept), Some(info)) = (kept, floor_information.as_ref().or(base.floor_information.as_ref())) {
            if let Some(pruned) = super::floor_form::without_media(info, &kept) {
                floor_information = Some(pruned);
            }
        }
        // A change of the floor control alone carries no description, not an empty one.
        if doc.description.as_ref().is_some_and(|d| *d == ConferenceDescription::default()) {
            doc.description = None;
        }
        doc.floor_information = floor_information;
        Ok(doc)
    }
}

/// The outcome of merging the moderator's edit with someone else's change to the same conference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merge {
    /// The moderator's edit applied on top of the current document.
    pub merged: ConfForm,
    /// Fields someone else changed since the edit began (moderator's view: `base` → `theirs`).
    pub theirs_changed: Vec<Field>,
    /// Fields both changed to different values; `merged` keeps the moderator's value for them.
    pub conflicts: Vec<Field>,
}

/// Three-way merge: `base` is the form as read when editing began, `mine` the edited form, `theirs` the
/// form of the document as it is now on the server.
pub fn merge(base: &ConfForm, mine: &ConfForm, theirs: &ConfForm) -> Merge {
    let mut merged = theirs.clone();
    let mut conflicts = Vec::new();
    let theirs_changed = theirs.changed_fields(base);
    for field in mine.changed_fields(base) {
        // The floor control holds several settings: each merged on its own.
        if let (Field::Floor, Some(b), Some(m), Some(t)) = (field, &base.floor, &mine.floor, &theirs.floor) {
            let (floor, clash) = FloorsForm::merge(b, m, t);
            merged.floor = Some(floor);
            if clash {
                conflicts.push(field);
            }
            continue;
        }
        merged.take(field, mine);
        if theirs_changed.contains(&field) && mine.value(field) != theirs.value(field) {
            conflicts.push(field);
        }
    }
    // The password is never read back, so "theirs" cannot carry one: keep the moderator's entry.
    merged.take(Field::ConferencePassword, mine);
    Merge { merged, theirs_changed, conflicts }
}

/// What the form holds, before the time typed, for a time of day the moderator's clock skips (the night
/// summer time begins): no instant to send, and the form says so.
pub const SKIPPED_LOCALLY: &str = "skipped:";

/// `YYYY-MM-DDTHH:MM[:SS]` (from a datetime-local input) as `YYYY-MM-DDTHH:MM:SSZ`.
fn utc(local: &str) -> Option<String> {
    let t = local.trim().trim_end_matches('Z');
    let ok_shape = |s: &str| {
        let b = s.as_bytes();
        b.len() >= 16
            && b[4] == b'-'
            && b[7] == b'-'
            && b[10] == b'T'
            && b[13] == b':'
            && s.chars().enumerate().all(|(i, c)| matches!(i, 4 | 7 | 10 | 13 | 16) || c.is_ascii_digit())
    };
    match t.len() {
        16 if ok_shape(t) => Some(format!("{t}:00Z")),
        19 if ok_shape(t) && t.as_bytes()[16] == b':' => Some(format!("{t}Z")),
        _ => None,
    }
}

/// How a start or end (`YYYY-MM-DDTHH:MM` in UTC) reads to the moderator: the browser knows their clock
/// (`api::local_form_time`); tests show it as it is.
pub type ShowTime = fn(&str) -> String;

/// Whether `text` shows nothing: spaces and invisible characters only (`ccmp::text::is_invisible`).
fn blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || ccmp::text::is_invisible(c))
}

/// A conference's first scheduled start and end in UTC as the form keeps them (`YYYY-MM-DDTHH:MM`, with
/// `:SS` when the seconds are not zero; empty when not set), from the mixing offsets or the iCalendar text:
/// for the form, and for the overview. Whatever zone another client wrote a time in, it comes out as the
/// same instant in UTC (`super::instant`); a value that is no time at all (`tomorrow`) comes out as it is,
/// for the overview to show and the form to leave alone.
pub fn scheduled(t: Option<&ConferenceTime>) -> (String, String) {
    let Some(entry) = t.and_then(|t| t.entries.first()) else {
        return (String::new(), String::new());
    };
    let text = |time: Option<Time>| match time {
        Some(Time::At(ms)) => form_time(ms),
        Some(Time::Unreadable(text)) => text,
        None => String::new(),
    };
    let (start, end) = schedule::times(entry);
    (text(start), text(end))
}

/// An instant in the form's shape: to the minute, or to the second when it has seconds.
fn form_time(ms: instant::Ms) -> String {
    let text = instant::utc_text(ms);
    match text.strip_suffix(":00") {
        Some(minute) => minute.to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_to_correct_is_named() {
        let why = |v: &[Invalid]| correct_first(&v.iter().map(|i| (*i, String::new())).collect::<Vec<_>>());
        assert_eq!(why(&[]), None);
        assert_eq!(why(&[Invalid::Start]).as_deref(), Some("First correct the field marked above: Start."));
        assert_eq!(
            why(&[Invalid::MaximumUsers, Invalid::Start, Invalid::End, Invalid::Start]).as_deref(),
            Some("First correct the 3 fields marked above: Maximum users, Start and End.")
        );
    }

    #[test]
    fn a_new_password_not_kept_through_a_reload_holds_the_form_until_typed_again_or_given_up() {
        let typed = ConfForm { display_text: "VIP".into(), conference_password: "7777".into(), ..Default::default() };
        let kept = typed.without_password();
        assert!(kept.conference_password.is_empty() && kept.password_not_kept);
        assert_eq!(kept.without_password(), kept, "kept again as it is");
        let why = kept.invalid(None);
        assert_eq!(why.first().map(|(i, _)| *i), Some(Invalid::Password), "{why:?}");
        let again = ConfForm { conference_password: "7777".into(), ..kept.clone() };
        assert!(again.invalid(None).is_empty(), "typed again");
        let given_up = ConfForm { password_not_kept: false, ..kept.clone() };
        assert!(given_up.invalid(None).is_empty(), "given up");
        let removed = ConfForm { clear_password: true, ..kept };
        assert!(removed.invalid(None).is_empty(), "removed instead");
        assert!(ConfForm::default().without_password().invalid(None).is_empty(), "nothing was typed");
    }

    #[test]
    fn what_was_typed_is_said_field_by_field() {
        let base = ConfForm { display_text: "Catering".into(), free_text: "old".into(), ..Default::default() };
        let typed = ConfForm { free_text: "Menu: 40 veg, 12 vegan".into(), subject: "  ".into(), ..base.clone() };
        assert_eq!(typed.typed_since(&base), "Description: \u{201c}Menu: 40 veg, 12 vegan\u{201d}");
        assert_eq!(base.typed_since(&base), "");
    }

    #[test]
    fn an_edit_cannot_empty_the_name() {
        let read = ConfForm { display_text: "Board call".into(), ..Default::default() };
        let spaces = ConfForm { display_text: "   ".into(), ..read.clone() };
        assert_eq!(spaces.invalid(Some(&read)).first().map(|(i, _)| *i), Some(Invalid::Name));
        let unnamed = ConfForm::default();
        assert!(unnamed.invalid(Some(&unnamed)).is_empty(), "a conference read without a name may stay so");
        let invisible = ConfForm { display_text: "\u{200b}\u{feff}".into(), ..read.clone() };
        assert_eq!(invisible.invalid(Some(&read)).first().map(|(i, _)| *i), Some(Invalid::Name));
        assert!(invisible.unnamed());
    }

    #[test]
    fn a_new_password_and_its_removal_together_are_refused() {
        let both = ConfForm { conference_password: "8080".into(), clear_password: true, ..Default::default() };
        assert_eq!(both.invalid(None).first().map(|(i, _)| *i), Some(Invalid::Password));
    }

    fn conference() -> Conference {
        let mut c = Conference::new("xcon:42@example.com");
        let d = c.description_mut();
        d.display_text = Some("Weekly".into());
        d.subject = Some("Roadmap".into());
        d.maximum_user_count = Some(10);
        d.available_media = Some(AvailableMedia {
            entries: vec![MediaEntry::new("11", "audio"), MediaEntry::new("12", "video")],
            ..Default::default()
        });
        c
    }

    #[test]
    fn reads_the_document() {
        let f = ConfForm::from_conference(&conference());
        assert_eq!(
            (f.display_text.as_str(), f.subject.as_str(), f.maximum_user_count.as_str()),
            ("Weekly", "Roadmap", "10")
        );
        assert!(f.audio && f.video && !f.text);
    }

    #[test]
    fn update_holds_only_what_changed() {
        let c = conference();
        let original = ConfForm::from_conference(&c);
        let mut edited = original.clone();
        edited.display_text = "Weekly sync".into();
        edited.subject.clear();
        let doc = edited.to_update(&original, &c).unwrap();
        assert_eq!(doc.entity, "xcon:42@example.com");
        let d = doc.description.unwrap();
        assert_eq!(d.display_text.as_deref(), Some("Weekly sync"));
        assert_eq!(d.subject.as_deref(), Some(""), "an empty element removes the subject");
        assert_eq!((d.free_text, d.maximum_user_count, d.available_media), (None, None, None));
        assert_eq!(original.to_update(&original, &c), Err(FormError::Nothing));
    }

    #[test]
    fn a_medium_taken_away_goes_from_its_floors_and_media_the_form_does_not_offer_stay() {
        use ccmp::xcon::{Floor, FloorInformation, FloorPolicy, FloorRequestHandling};
        let mut c = conference();
        if let Some(media) = c.description_mut().available_media.as_mut() {
            media.entries.push(MediaEntry::new("13", "application"));
        }
        let floor = |id: &str, labels: &[&str]| Floor {
            id: id.into(),
            media_labels: labels.iter().map(|l| l.to_string()).collect(),
            ..Default::default()
        };
        c.floor_information = Some(FloorInformation {
            floor_request_handling: Some(FloorRequestHandling::Confirm),
            conference_floor_policy: Some(FloorPolicy {
                floors: vec![floor("talk", &["11"]), floor("show", &["11", "12"])],
                ..Default::default()
            }),
            ..Default::default()
        });
        let original = ConfForm::from_conference(&c);
        let no_audio = ConfForm { audio: false, ..original.clone() };
        let doc = no_audio.to_update(&original, &c).unwrap();
        let media = doc.description.and_then(|d| d.available_media).unwrap_or_default();
        let kinds: Vec<&str> = media.entries.iter().map(|e| e.media_type.as_str()).collect();
        assert_eq!(kinds, ["video", "application"], "the application medium the form does not show stays");
        let sent = doc.floor_information.expect("the floors, without the audio");
        assert_eq!(sent.floor_request_handling, Some(FloorRequestHandling::Confirm), "the rest as read");
        assert_eq!(sent.conference_floor_policy.map(|p| p.floors), Some(vec![floor("show", &["12"])]));
        let nothing = ConfForm { video: false, ..no_audio };
        let sent = nothing.to_update(&original, &c).unwrap().floor_information.expect("no floor left");
        assert_eq!(sent.conference_floor_policy, None, "a policy without floors is not valid");
        let with_text = ConfForm { text: true, ..original.clone() };
        assert_eq!(with_text.to_update(&original, &c).unwrap().floor_information, None, "the floors untouched");
    }

    #[test]
    fn a_change_of_the_floor_control_alone_sends_the_floor_information_whole_and_no_description() {
        use ccmp::xcon::{Floor, FloorAlgorithm, FloorInformation, FloorPolicy, FloorRequestHandling};
        let mut c = conference();
        let floor = Floor {
            id: "f1".into(),
            media_labels: vec!["11".into()],
            algorithm: Some(FloorAlgorithm::Fcfs),
            max_floor_users: Some(8),
            ..Default::default()
        };
        c.floor_information = Some(FloorInformation {
            floor_request_handling: Some(FloorRequestHandling::Confirm),
            conference_floor_policy: Some(FloorPolicy { floors: vec![floor], ..Default::default() }),
            ..Default::default()
        });
        let original = ConfForm::from_conference(&c);
        assert_eq!(
            original.show(Field::Floor, |t| t.to_owned()),
            "Requests to talk: taken, by each floor's rule; Audio: first come, first served, up to 8 at once"
        );
        let mut edited = original.clone();
        let row = &mut edited.floor.as_mut().unwrap().floors[0];
        row.algorithm = "moderator-controlled".into();
        row.max = "1".into();
        assert_eq!(edited.changed_fields(&original), [Field::Floor]);
        let doc = edited.to_update(&original, &c).unwrap();
        assert_eq!(doc.description, None, "an empty description is no part of the change");
        let sent = doc.floor_information.unwrap();
        assert_eq!(sent.floor_request_handling, Some(FloorRequestHandling::Confirm), "the rest as read");
        let floor = &sent.conference_floor_policy.unwrap().floors[0];
        assert_eq!(
            (floor.algorithm.clone(), floor.max_floor_users),
            (Some(FloorAlgorithm::ModeratorControlled), Some(1))
        );
        // Media turned off meanwhile elsewhere do not make the floor look changed, and a merge keeps the edit.
        let theirs = ConfForm { video: false, ..original.clone() };
        let merged = merge(&original, &edited, &theirs);
        assert_eq!((merged.conflicts, merged.merged.floor), (vec![], edited.floor.clone()));
        let typo = ConfForm {
            floor: edited.floor.clone().map(|mut f| {
                f.floors[0].max = "x".into();
                f
            }),
            ..edited
        };
        assert_eq!(typo.invalid(Some(&original))[0].0, Invalid::Floor);
    }

    #[test]
    fn media_changes_keep_existing_labels_and_placeholder_new_ones() {
        let c = conference();
        let original = ConfForm::from_conference(&c);
        let edited = ConfForm { video: false, text: true, ..original.clone() };
        let media = edited.to_update(&original, &c).unwrap().description.unwrap().available_media.unwrap();
        let got: Vec<(&str, &str)> = media.entries.iter().map(|e| (e.label.as_str(), e.media_type.as_str())).collect();
        assert_eq!(got, [("11", "audio"), ("AUTO_GENERATE_1", "text")]);
    }

    #[test]
    fn new_conference_uses_placeholders() {
        let form = ConfForm {
            display_text: " Town hall ".into(),
            maximum_user_count: "250".into(),
            text: true,
            start: "2026-12-01T10:00".into(),
            end: "2026-12-01T11:30".into(),
            conference_password: "1234".into(),
            ..ConfForm::new_conference()
        };
        let c = form.to_new_conference("example.com").unwrap();
        assert_eq!(c.entity, "xcon:AUTO_GENERATE_1@example.com");
        let d = c.description.unwrap();
        assert_eq!(d.display_text.as_deref(), Some("Town hall"));
        let labels: Vec<&str> = d.available_media.as_ref().unwrap().entries.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(labels, ["AUTO_GENERATE_2", "AUTO_GENERATE_3", "AUTO_GENERATE_4"]);
        let entry = &d.conference_time.unwrap().entries[0];
        assert_eq!(entry.mixing_start_offset.as_ref().unwrap().time, "2026-12-01T10:00:00Z");
        assert!(entry.base.contains("DTEND:20261201T113000Z"));
        assert_eq!(d.conference_password.as_deref(), Some("1234"));
        assert_eq!(d.subject, None);
        assert_eq!(c.floor_information, None, "no floor control unless asked for");
        // Asked for, it covers the audio by the audio's placeholder, which the server gives one value.
        let mut moderated = form.clone();
        moderated.floor.as_mut().unwrap().floors[0].algorithm = "moderator-controlled".into();
        let c = moderated.to_new_conference("example.com").unwrap();
        let floors = c.floor_information.unwrap().conference_floor_policy.unwrap().floors;
        assert_eq!(floors[0].media_labels, ["AUTO_GENERATE_2"]);
        let silent = ConfForm { audio: false, ..moderated };
        assert_eq!(silent.to_new_conference("example.com").unwrap().floor_information, None, "no audio, no floor");
    }

    #[test]
    fn bad_input_is_refused_with_a_reason() {
        let bad = ConfForm { maximum_user_count: "ten".into(), ..ConfForm::new_conference() };
        assert_eq!(bad.to_new_conference("x").unwrap_err(), FormError::MaximumUserCount("ten".into()));
        assert_eq!(
            bad.invalid(None),
            [(Invalid::MaximumUsers, "Maximum users must be a whole number above 0, not \"ten\".".to_owned())]
        );
        let huge = ConfForm { maximum_user_count: "99999999999".into(), ..Default::default() };
        assert_eq!(
            huge.max_users().map_err(|e| e.to_string()),
            Err("Maximum users must be at most 4294967295, not 99999999999.".into())
        );
        let zero = ConfForm { maximum_user_count: "000".into(), ..Default::default() };
        assert!(zero.max_users().map_err(|e| e.to_string()).is_err_and(|e| e.contains("above 0")));
        let backwards =
            ConfForm { start: "2026-12-01T10:00".into(), end: "2026-12-01T09:00".into(), ..Default::default() };
        assert!(matches!(backwards.to_new_conference("x"), Err(FormError::Time(_))));
        let garbage = ConfForm { start: "tomorrow".into(), ..Default::default() };
        assert!(matches!(garbage.to_new_conference("x"), Err(FormError::Time(_))));
    }

    #[test]
    fn each_invalid_input_is_named_with_why() {
        let at = |invalid: Vec<(Invalid, String)>| invalid.into_iter().map(|(i, _)| i).collect::<Vec<_>>();
        // The end before the start: the end is marked; an end without a start: the start is.
        let backwards =
            ConfForm { start: "2026-12-01T10:00".into(), end: "2026-12-01T09:00".into(), ..Default::default() };
        assert_eq!(at(backwards.invalid(None)), [Invalid::End]);
        let no_start = ConfForm { end: "2026-12-01T09:00".into(), ..Default::default() };
        assert_eq!(no_start.invalid(None), [(Invalid::Start, "Enter a start time: an end time needs one.".to_owned())]);
        let garbage = ConfForm { start: "tomorrow".into(), end: "2026-12-01T09:00".into(), ..Default::default() };
        assert_eq!(at(garbage.invalid(None)), [Invalid::Start]);
        // A limit the conference has cannot be emptied by an edit; a new conference needs none.
        let read = ConfForm { maximum_user_count: "50".into(), ..Default::default() };
        let emptied = ConfForm { maximum_user_count: " ".into(), ..read.clone() };
        assert_eq!(at(emptied.invalid(Some(&read))), [Invalid::MaximumUsers]);
        assert_eq!(emptied.to_update(&read, &conference()).unwrap_err().to_string(), emptied.invalid(Some(&read))[0].1);
        assert!(emptied.invalid(None).is_empty());
        assert!(read.invalid(Some(&read)).is_empty());
    }

    #[test]
    fn times_round_trip_through_the_document() {
        let form = ConfForm { start: "2026-12-01T10:00".into(), end: "2026-12-01T11:30".into(), ..Default::default() };
        let c = form.to_new_conference("x").unwrap();
        let back = ConfForm::from_conference(&c);
        assert_eq!((back.start.as_str(), back.end.as_str()), ("2026-12-01T10:00", "2026-12-01T11:30"));
    }

    fn scheduled_as(start: &str, end: &str, base: &str) -> (String, String) {
        let entry = TimeEntry {
            base: base.into(),
            mixing_start_offset: (!start.is_empty()).then(|| MixingOffset::new(start, "none")),
            mixing_end_offset: (!end.is_empty()).then(|| MixingOffset::new(end, "none")),
            ..Default::default()
        };
        scheduled(Some(&ConferenceTime { entries: vec![entry], ..Default::default() }))
    }

    #[test]
    fn times_another_client_wrote_are_read_as_the_same_instants() {
        // An offset is applied, seconds are kept, a lowercase z is a z.
        assert_eq!(
            scheduled_as("2026-12-01T10:00:00+05:30", "2026-12-01t17:42:44z", ""),
            ("2026-12-01T04:30".to_owned(), "2026-12-01T17:42:44".to_owned())
        );
        // From the iCalendar text when there are no offsets; what is no time comes out as it is.
        let ics = "BEGIN:VEVENT\r\nDTSTART:20261201T100000Z\r\nDTEND:tomorrow\r\nEND:VEVENT";
        assert_eq!(scheduled_as("", "", ics), ("2026-12-01T10:00".to_owned(), "tomorrow".to_owned()));
    }

    /// A conference whose schedule is the iCalendar text `ics` alone.
    fn scheduled_by(ics: &str) -> Conference {
        let mut c = conference();
        c.description_mut().conference_time = Some(ConferenceTime {
            entries: vec![TimeEntry { base: ics.into(), ..Default::default() }],
            ..Default::default()
        });
        c
    }

    #[test]
    fn another_clients_calendar_keeps_all_but_the_times_changed() {
        let ics = "BEGIN:VCALENDAR\r\nPRODID:-//Linphone//EN\r\nBEGIN:VTIMEZONE\r\nTZID:Custom\r\nBEGIN:STANDARD\r\n\
            DTSTART:19700101T000000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:conf-42@example.com\r\n\
            DTSTART:20261201T100000Z\r\nDURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let c = scheduled_by(ics);
        // The time zone's rule is not the conference's start; the duration gives its end.
        let read = ConfForm::from_conference(&c);
        assert_eq!((read.start.as_str(), read.end.as_str()), ("2026-12-01T10:00", "2026-12-01T11:00"));
        let later = ConfForm { end: "2026-12-01T12:30".into(), ..read.clone() };
        let update = later.to_update(&read, &c).unwrap();
        let time = update.description.and_then(|d| d.conference_time).unwrap_or_default();
        let expected = ics.replace("DURATION:PT1H", "DTEND:20261201T123000Z");
        assert_eq!(time.entries[0].base, expected, "only the end changed, the UID and the time zone kept");
    }

    #[test]
    fn a_repetition_is_set_changed_and_taken_off_and_another_clients_is_kept_as_written() {
        let weekly = ConfForm {
            display_text: "Stand-up".into(),
            start: "2026-12-01T10:00".into(),
            end: "2026-12-01T10:15".into(),
            repeats: "FREQ=WEEKLY;COUNT=10".into(),
            ..ConfForm::new_conference()
        };
        let made = weekly.to_new_conference("example.com").unwrap();
        let time = made.description.and_then(|d| d.conference_time).unwrap_or_default();
        assert!(time.entries[0].base.contains("DTEND:20261201T101500Z\r\nRRULE:FREQ=WEEKLY;COUNT=10\r\n"));
        // Without a start it has nothing to repeat from; a count of nothing is no count.
        let unstarted = ConfForm { start: String::new(), end: String::new(), ..weekly.clone() };
        assert_eq!(unstarted.invalid(None).first().map(|(i, _)| *i), Some(Invalid::Start));
        let zero = ConfForm { repeats: "FREQ=WEEKLY;COUNT=0".into(), ..weekly.clone() };
        assert_eq!(zero.invalid(None).first().map(|(i, _)| *i), Some(Invalid::RepeatCount));
        let wide = ConfForm { repeats: "FREQ=WEEKLY;COUNT=\u{ff11}\u{ff12}".into(), ..weekly.clone() };
        let made = wide.to_new_conference("example.com").unwrap().description.and_then(|d| d.conference_time);
        assert!(made.unwrap_or_default().entries[0].base.contains("RRULE:FREQ=WEEKLY;COUNT=12\r\n"), "full-width");

        // Another client's calendar: a rule set goes after the end, changed in place, taken off; the rest stays.
        let ics = "BEGIN:VEVENT\r\nUID:x@example.com\r\nDTSTART:20261201T100000Z\r\nDTEND:20261201T110000Z\r\n\
            SUMMARY:Sync\r\nEND:VEVENT\r\n";
        let c = scheduled_by(ics);
        let read = ConfForm::from_conference(&c);
        assert_eq!(read.repeats, "");
        let set = ConfForm { repeats: "FREQ=DAILY".into(), ..read.clone() };
        assert_eq!(set.changed_fields(&read), [Field::Repeats]);
        let update = set.to_update(&read, &c).unwrap();
        let base = update.description.and_then(|d| d.conference_time).unwrap_or_default().entries[0].base.clone();
        assert_eq!(base, ics.replace("DTEND:20261201T110000Z\r\n", "DTEND:20261201T110000Z\r\nRRULE:FREQ=DAILY\r\n"));
        let c = scheduled_by(&base);
        let read = ConfForm::from_conference(&c);
        assert_eq!(read.repeats, "FREQ=DAILY");
        assert_eq!(read.show(Field::Repeats, str::to_owned), "every day");
        let off = ConfForm { repeats: String::new(), ..read.clone() };
        assert_eq!(off.show(Field::Repeats, str::to_owned), "no");
        let update = off.to_update(&read, &c).unwrap();
        let base = update.description.and_then(|d| d.conference_time).unwrap_or_default().entries[0].base.clone();
        assert_eq!(base, ics, "taken off, the calendar is as it was");
        // A rule in another client's order stays as written when only the start moves.
        let theirs = scheduled_by(&ics.replace("SUMMARY", "RRULE:COUNT=3;FREQ=WEEKLY\r\nSUMMARY"));
        let read = ConfForm::from_conference(&theirs);
        let moved = ConfForm { start: "2026-12-01T09:00".into(), ..read.clone() };
        let update = moved.to_update(&read, &theirs).unwrap();
        let base = update.description.and_then(|d| d.conference_time).unwrap_or_default().entries[0].base.clone();
        assert!(base.contains("RRULE:COUNT=3;FREQ=WEEKLY\r\n") && base.contains("DTSTART:20261201T090000Z"), "{base}");
    }

    #[test]
    fn a_repetition_is_written_on_the_moderators_clock() {
        crate::state::instant::tests::stand_in_zones();
        crate::state::instant::use_home_zone("America/New_York");
        let weekly = ConfForm {
            display_text: "Stand-up".into(),
            start: "2026-12-01T14:00".into(),
            end: "2026-12-01T14:15".into(),
            repeats: "FREQ=WEEKLY".into(),
            ..ConfForm::new_conference()
        };
        let made = weekly.to_new_conference("example.com").unwrap().description.and_then(|d| d.conference_time);
        let base = made.unwrap_or_default().entries[0].base.clone();
        assert!(base.contains("DTSTART;TZID=America/New_York:20261201T090000\r\n"), "{base}");
        assert!(base.contains("DTEND;TZID=America/New_York:20261201T091500\r\n"), "{base}");
        // Once, it stays in UTC, as the mixing times are.
        let once = ConfForm { repeats: String::new(), ..weekly.clone() };
        let made = once.to_new_conference("example.com").unwrap().description.and_then(|d| d.conference_time);
        assert!(made.unwrap_or_default().entries[0].base.contains("DTSTART:20261201T140000Z"));
        // A calendar in UTC made to repeat moves to the moderator's zone, the same instants.
        let ics = "BEGIN:VEVENT\r\nDTSTART:20261201T140000Z\r\nDTEND:20261201T150000Z\r\nEND:VEVENT\r\n";
        let c = scheduled_by(ics);
        let read = ConfForm::from_conference(&c);
        let update = ConfForm { repeats: "FREQ=DAILY".into(), ..read.clone() }.to_update(&read, &c).unwrap();
        let base = update.description.and_then(|d| d.conference_time).unwrap_or_default().entries[0].base.clone();
        assert_eq!(
            base,
            "BEGIN:VEVENT\r\nDTSTART;TZID=America/New_York:20261201T090000\r\n\
             DTEND;TZID=America/New_York:20261201T100000\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\n"
        );
    }

    #[test]
    fn a_time_moved_stays_in_the_zone_it_was_written_in() {
        crate::state::instant::tests::stand_in_zones();
        let ics = "BEGIN:VEVENT\r\nDTSTART;TZID=America/New_York:20261201T050000\r\n\
            DTEND;TZID=America/New_York:20261201T060000\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\n";
        let c = scheduled_by(ics);
        let read = ConfForm::from_conference(&c);
        assert_eq!((read.start.as_str(), read.end.as_str()), ("2026-12-01T10:00", "2026-12-01T11:00"));
        let earlier = ConfForm { start: "2026-12-01T09:30".into(), ..read.clone() };
        let time = earlier.to_update(&read, &c).unwrap().description.and_then(|d| d.conference_time);
        let expected = ics
            .replace("DTSTART;TZID=America/New_York:20261201T050000", "DTSTART;TZID=America/New_York:20261201T043000");
        assert_eq!(
            time.unwrap_or_default().entries[0].base,
            expected,
            "the start moved in its zone, the end as it was"
        );
        let longer = ConfForm { end: "2026-12-01T12:00".into(), ..read.clone() };
        let time = longer.to_update(&read, &c).unwrap().description.and_then(|d| d.conference_time);
        let expected =
            ics.replace("DTEND;TZID=America/New_York:20261201T060000", "DTEND;TZID=America/New_York:20261201T070000");
        assert_eq!(time.unwrap_or_default().entries[0].base, expected);
    }

    #[test]
    fn an_end_the_panel_cannot_read_is_shown_and_goes_only_when_cleared() {
        let ics = "BEGIN:VEVENT\nDTSTART:20261201T100000Z\nDURATION:-PT1H\nEND:VEVENT";
        let c = scheduled_by(ics);
        let read = ConfForm::from_conference(&c);
        assert_eq!(read.end, "-PT1H", "shown as written, not as no end");
        let cleared = ConfForm { end: String::new(), ..read.clone() };
        let time =
            cleared.to_update(&read, &c).unwrap().description.and_then(|d| d.conference_time).unwrap_or_default();
        assert_eq!(time.entries[0].base, "BEGIN:VEVENT\nDTSTART:20261201T100000Z\nEND:VEVENT");
    }

    #[test]
    fn a_time_left_as_it_was_keeps_the_way_it_was_written() {
        let mut c = conference();
        let entry = TimeEntry {
            mixing_start_offset: Some(MixingOffset::new("2026-12-01T15:30:00+05:30", "none")),
            mixing_end_offset: Some(MixingOffset::new("2026-12-01T16:30:00+05:30", "none")),
            ..Default::default()
        };
        c.description_mut().conference_time = Some(ConferenceTime { entries: vec![entry], ..Default::default() });
        let read = ConfForm::from_conference(&c);
        let later = ConfForm { end: "2026-12-01T12:00".into(), ..read.clone() };
        let time = later.to_update(&read, &c).unwrap().description.and_then(|d| d.conference_time).unwrap_or_default();
        let entry = &time.entries[0];
        assert_eq!(entry.mixing_start_offset.as_ref().map(|m| m.time.as_str()), Some("2026-12-01T15:30:00+05:30"));
        assert_eq!(entry.mixing_end_offset.as_ref().map(|m| m.time.as_str()), Some("2026-12-01T12:00:00Z"));
        assert_eq!(entry.base, "", "no calendar added to one that had none");
    }

    #[test]
    fn a_time_the_clock_skips_is_said_to_be_so_at_its_field() {
        let start = format!("{SKIPPED_LOCALLY}2026-03-08T02:30");
        let form = ConfForm { start, end: "2026-03-08T08:30".into(), ..Default::default() };
        let invalid = form.invalid(None);
        assert_eq!(invalid.len(), 1);
        assert_eq!(invalid[0].0, Invalid::Start);
        assert!(invalid[0].1.contains("does not exist on your clock"), "{}", invalid[0].1);
        let end = format!("{SKIPPED_LOCALLY}2026-03-08T02:30");
        let form = ConfForm { start: "2026-03-08T05:30".into(), end, ..Default::default() };
        assert_eq!(form.invalid(None).first().map(|i| i.0), Some(Invalid::End));
    }

    #[test]
    fn a_schedule_the_moderator_did_not_touch_does_not_hold_back_a_save() {
        let mut c = conference();
        c.description_mut().conference_time = Some(ConferenceTime {
            entries: vec![TimeEntry {
                mixing_start_offset: Some(MixingOffset::new("tomorrow", "none")),
                ..Default::default()
            }],
            ..Default::default()
        });
        let read = ConfForm::from_conference(&c);
        let edited = ConfForm { subject: "Budget".into(), ..read.clone() };
        assert!(edited.invalid(Some(&read)).is_empty(), "{:?}", edited.invalid(Some(&read)));
        let update = edited.to_update(&read, &c).unwrap();
        assert!(update.description.as_ref().is_some_and(|d| d.conference_time.is_none()), "the schedule is not sent");
        let retimed = ConfForm { start: "later".into(), ..read.clone() };
        assert_eq!(retimed.invalid(Some(&read)).len(), 1, "one the moderator typed is theirs to correct");
    }

    #[test]
    fn a_partial_update_applied_reads_as_the_edit() {
        let c = conference();
        let original = ConfForm::from_conference(&c);
        let edited = ConfForm { display_text: "New".into(), subject: String::new(), text: true, ..original.clone() };
        let mut expected = c.clone();
        let update = edited.to_update(&original, &c).unwrap();
        ccmp::xcon::merge::conference(&mut expected, &update).unwrap();
        assert_eq!(ConfForm::from_conference(&expected).changed_fields(&edited), []);
    }

    #[test]
    fn merge_keeps_both_edits_and_reports_conflicts() {
        let base = ConfForm::from_conference(&conference());
        let mine = ConfForm { display_text: "Mine".into(), maximum_user_count: "20".into(), ..base.clone() };
        let theirs = ConfForm { subject: "Theirs".into(), maximum_user_count: "30".into(), ..base.clone() };
        let m = merge(&base, &mine, &theirs);
        assert_eq!(m.merged.display_text, "Mine");
        assert_eq!(m.merged.subject, "Theirs");
        assert_eq!(m.merged.maximum_user_count, "20");
        assert_eq!(m.theirs_changed, [Field::Subject, Field::MaximumUserCount]);
        assert_eq!(m.conflicts, [Field::MaximumUserCount]);
        // What is sent after the merge is the moderator's change relative to the current document.
        assert_eq!(m.merged.changed_fields(&theirs), [Field::DisplayText, Field::MaximumUserCount]);
    }
}
