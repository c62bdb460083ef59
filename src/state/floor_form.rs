//! Floor control (RFC 6501 `floor-information`): who may talk, as a moderator reads and changes it. The
//! focus refuses every request to talk (`block`) or lets each floor's rule decide (`confirm`); a floor
//! covers media (by their labels) and says who grants it (a moderator, first come first served, at
//! random) and how many may hold it at once. A moderated panel and its open questions afterwards differ
//! in exactly this, and the seeded blueprints describe themselves by it ("one person talks at a time, a
//! moderator grants the floor"). Granting the floor to someone is BFCP's (RFC 8855), not CCMP's: the panel
//! shows and sets the policy only.

use ccmp::xcon::{AvailableMedia, Floor, FloorAlgorithm, FloorInformation, FloorPolicy, FloorRequestHandling};
use serde::{Deserialize, Serialize};

/// The floor control as the edit form holds it: text, so that a half-typed number is not lost.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FloorsForm {
    /// `block` or `confirm` (or another client's value); empty when the conference does not say.
    pub requests: String,
    pub floors: Vec<FloorRow>,
}

/// One floor of the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FloorRow {
    /// Its `id`, by which the update finds it again.
    pub id: String,
    /// What it covers, in words ("audio and video"), for the moderator's eyes.
    pub covers: String,
    /// The types of the media it covers (`audio`), for what a medium turned off does to it.
    #[serde(default)]
    pub kinds: Vec<String>,
    /// The algorithm's value (`moderator-controlled`, `FCFS`, `random`, or another); empty when not said.
    pub algorithm: String,
    /// How many may hold it at once, as typed; empty when not said.
    pub max: String,
}

impl FloorRow {
    /// Why its "at once" cannot be sent, when it cannot.
    fn bad_max(&self) -> BadMax {
        BadMax { floor: self.covers.clone(), typed: self.max.trim().to_owned() }
    }
}

/// Why a floor's "at once" cannot be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadMax {
    pub floor: String,
    pub typed: String,
}

impl std::fmt::Display for BadMax {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "How many may talk at once on {} is a whole number (0 or more), not \u{201c}{}\u{201d}.",
            self.floor, self.typed
        )
    }
}

/// The floor a new conference is offered: one for its audio, which says who talks.
const NEW_FLOOR_ID: &str = "audioFloor";

impl FloorsForm {
    /// The create form's: requests taken, and one floor for the audio with nothing said of it yet. Left so,
    /// the conference is made without floor control.
    pub fn for_new_conference() -> FloorsForm {
        FloorsForm {
            requests: "confirm".to_owned(),
            floors: vec![FloorRow {
                id: NEW_FLOOR_ID.to_owned(),
                covers: "audio".to_owned(),
                kinds: vec!["audio".to_owned()],
                ..Default::default()
            }],
        }
    }

    /// The floor control of a new conference whose audio has the label `audio_label` (a placeholder the
    /// server replaces in both places alike); `None` when the moderator said nothing of it. Requests are
    /// taken unless refused: without `floor-request-handling`, RFC 6501 has a focus refuse them all.
    pub fn for_audio_labelled(&self, audio_label: &str) -> Result<Option<FloorInformation>, BadMax> {
        let refused = self.requests.trim().eq_ignore_ascii_case("block");
        let floors_said = self.floors.iter().any(|f| !f.algorithm.trim().is_empty() || !f.max.trim().is_empty());
        if !refused && !floors_said {
            return Ok(None);
        }
        let policy = FloorPolicy {
            floors: self
                .floors
                .iter()
                .map(|f| Floor { id: f.id.clone(), media_labels: vec![audio_label.to_owned()], ..Default::default() })
                .collect(),
            ..Default::default()
        };
        let read = FloorInformation { conference_floor_policy: Some(policy), ..Default::default() };
        self.apply(Some(&read)).map(Some)
    }

    /// The form of a conference's floor control; `None` when it has none (nothing to edit: a floor is the
    /// media server's, which a moderator does not make up).
    pub fn of(info: Option<&FloorInformation>, media: Option<&AvailableMedia>) -> Option<FloorsForm> {
        let info = info?;
        let floors = info.conference_floor_policy.as_ref().map_or(&[][..], |p| &p.floors[..]);
        Some(FloorsForm {
            requests: info.floor_request_handling.as_ref().map(|h| h.as_str().to_owned()).unwrap_or_default(),
            floors: floors
                .iter()
                .map(|f| FloorRow {
                    id: f.id.clone(),
                    covers: covers(&f.media_labels, media),
                    kinds: f.media_labels.iter().filter_map(|l| kind_of(l, media)).collect(),
                    algorithm: f.algorithm.as_ref().map(|a| a.as_str().to_owned()).unwrap_or_default(),
                    max: f.max_floor_users.map(|n| n.to_string()).unwrap_or_default(),
                })
                .collect(),
        })
    }

    /// What a save with the media `off` (types: `audio`) does to the floors, in words, for the form to say
    /// before it is sent (`without_media` is what is sent): `The floor on audio goes when you save.`; `None`
    /// when no floor covers them.
    pub fn media_off_words(&self, off: &[&str]) -> Option<String> {
        let said: Vec<String> = (self.floors.iter())
            .filter_map(|f| {
                let gone: Vec<&str> = f.kinds.iter().map(String::as_str).filter(|k| off.contains(k)).collect();
                match gone.len() {
                    0 => None,
                    n if n == f.kinds.len() => Some(format!("the floor on {} goes", f.covers)),
                    _ => Some(format!("the floor on {} no longer covers {}", f.covers, gone.join(" and "))),
                }
            })
            .collect();
        (!said.is_empty()).then(|| format!("{} when you save.", capitalized(&said.join("; "))))
    }

    /// The floors whose "at once" cannot be sent.
    pub fn bad_max(&self) -> Option<BadMax> {
        self.floors.iter().find(|f| at_once(&f.max).is_err()).map(FloorRow::bad_max)
    }

    /// `info` (the conference's floor control as read) with the form's settings: everything else of it
    /// (the BFCP conference id, the media labels, floors' chairs, other clients' elements) as it was, since
    /// an update replaces the element whole.
    pub fn apply(&self, info: Option<&FloorInformation>) -> Result<FloorInformation, BadMax> {
        let mut out = info.cloned().unwrap_or_default();
        out.floor_request_handling = Some(self.requests.trim()).filter(|r| !r.is_empty()).map(request_handling);
        if let Some(policy) = out.conference_floor_policy.as_mut() {
            for floor in &mut policy.floors {
                let Some(row) = self.floors.iter().find(|r| r.id == floor.id) else { continue };
                floor.algorithm = Some(row.algorithm.trim()).filter(|a| !a.is_empty()).map(algorithm);
                floor.max_floor_users = at_once(&row.max).map_err(|_| row.bad_max())?;
            }
        }
        Ok(out)
    }

    /// Three-way merge, setting by setting: `mine` (the moderator's edit of `base`) over `theirs` (the
    /// conference as it is now). A setting only one side changed takes that side's value; one both changed
    /// differently keeps the moderator's and makes the merge a conflict, returned `true`. (Merged as one
    /// field, the rule changed in one tab and the count in another were a conflict, and a second Save put
    /// the other tab's count back: QA.)
    pub fn merge(base: &FloorsForm, mine: &FloorsForm, theirs: &FloorsForm) -> (FloorsForm, bool) {
        let mut clash = false;
        let mut pick = |b: &str, m: &str, t: &str| -> String {
            let (b, m, t) = (b.trim(), m.trim(), t.trim());
            if m == b || m == t {
                t.to_owned()
            } else {
                clash |= t != b;
                m.to_owned()
            }
        };
        let mut merged = theirs.clone();
        merged.requests = pick(&base.requests, &mine.requests, &theirs.requests);
        for floor in &mut merged.floors {
            let find = |form: &FloorsForm| form.floors.iter().find(|f| f.id == floor.id).cloned();
            let (Some(b), Some(m)) = (find(base), find(mine)) else { continue };
            floor.algorithm = pick(&b.algorithm, &m.algorithm, &floor.algorithm);
            floor.max = pick(&b.max, &m.max, &floor.max);
        }
        (merged, clash)
    }

    /// The floor control in words, one part per line: "Requests to talk: taken, by each floor's rule",
    /// "Audio: a moderator grants it, 1 at a time".
    pub fn in_words(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if !self.requests.trim().is_empty() {
            lines.push(format!("Requests to talk: {}", requests_in_words(&self.requests)));
        }
        for floor in &self.floors {
            let mut parts = Vec::new();
            if !floor.algorithm.trim().is_empty() {
                parts.push(algorithm_in_words(&floor.algorithm));
            }
            match at_once(&floor.max) {
                Ok(Some(0)) => parts.push("nobody may talk".to_owned()),
                Ok(Some(1)) => parts.push("one at a time".to_owned()),
                Ok(Some(n)) => parts.push(format!("up to {n} at once")),
                Ok(None) => {}
                Err(_) => parts.push(format!("\u{201c}{}\u{201d} at once", floor.max.trim())),
            }
            if parts.is_empty() {
                parts.push("no rule said".to_owned());
            }
            lines.push(format!("{}: {}", capitalized(&floor.covers), parts.join(", ")));
        }
        lines
    }
}

/// What the focus does with a request to talk, in words.
pub fn requests_in_words(value: &str) -> String {
    match request_handling(value) {
        FloorRequestHandling::Block => "refused (nobody may ask for the floor)".to_owned(),
        FloorRequestHandling::Confirm => "taken, by each floor's rule".to_owned(),
        FloorRequestHandling::Other(other) => format!("\u{201c}{other}\u{201d} (another client's value)"),
    }
}

/// Who grants a floor, in words.
pub fn algorithm_in_words(value: &str) -> String {
    match algorithm(value) {
        FloorAlgorithm::ModeratorControlled => "a moderator grants it".to_owned(),
        FloorAlgorithm::Fcfs => "first come, first served".to_owned(),
        FloorAlgorithm::Random => "granted at random".to_owned(),
        FloorAlgorithm::Other(other) => format!("granted by \u{201c}{other}\u{201d}"),
    }
}

fn request_handling(value: &str) -> FloorRequestHandling {
    FloorRequestHandling::parse(value).unwrap_or_else(|| FloorRequestHandling::Other(value.trim().to_owned()))
}

fn algorithm(value: &str) -> FloorAlgorithm {
    FloorAlgorithm::parse(value).unwrap_or_else(|| FloorAlgorithm::Other(value.trim().to_owned()))
}

/// How many may hold a floor at once: empty for not said; else a whole number, 0 (nobody) included.
pub fn at_once(typed: &str) -> Result<Option<u64>, std::num::ParseIntError> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    // Full-width digits (an input method's) are digits too.
    super::fold::folded(typed).parse().map(Some)
}

/// The media a floor covers, by type where the conference lists the label ("audio and video"), else by label.
fn covers(labels: &[String], media: Option<&AvailableMedia>) -> String {
    let named: Vec<String> =
        labels.iter().map(|label| kind_of(label, media).unwrap_or_else(|| format!("media {}", label.trim()))).collect();
    match named.as_slice() {
        [] => "No media".to_owned(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The type (`audio`) of the medium labelled `label` in `media`, if it is there.
fn kind_of(label: &str, media: Option<&AvailableMedia>) -> Option<String> {
    let entry = media?.entries.iter().find(|e| e.label.trim() == label.trim())?;
    Some(entry.media_type.trim().to_owned())
}

/// `info` without the media labels not in `kept`: a floor names the media it covers, and one left covering
/// none goes, with the policy when no floor is left (the schema wants one floor in it at least). `None` when
/// every floor covers only media kept. (The server refuses, 409, a floor on a medium the conference no longer
/// offers: an edit that took the audio away was refused so, with a "someone else changed it" of no use.)
pub fn without_media(info: &FloorInformation, kept: &[String]) -> Option<FloorInformation> {
    let policy = info.conference_floor_policy.as_ref()?;
    let keeps = |label: &String| kept.iter().any(|k| k.trim() == label.trim());
    if policy.floors.iter().all(|f| f.media_labels.iter().all(keeps)) {
        return None;
    }
    let floors: Vec<Floor> = (policy.floors.iter())
        .map(|f| Floor { media_labels: f.media_labels.iter().filter(|l| keeps(l)).cloned().collect(), ..f.clone() })
        .filter(|f| !f.media_labels.is_empty())
        .collect();
    let policy = (!floors.is_empty()).then(|| FloorPolicy { floors, ..policy.clone() });
    Some(FloorInformation { conference_floor_policy: policy, ..info.clone() })
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use ccmp::xcon::MediaEntry;

    use super::*;

    #[test]
    fn media_turned_off_say_what_becomes_of_the_floors() {
        let media = AvailableMedia {
            entries: vec![MediaEntry::new("a1", "audio"), MediaEntry::new("v1", "video")],
            ..Default::default()
        };
        let floor = |id: &str, labels: &[&str]| Floor {
            id: id.into(),
            media_labels: labels.iter().map(|l| l.to_string()).collect(),
            ..Default::default()
        };
        let policy =
            FloorPolicy { floors: vec![floor("f1", &["a1"]), floor("f2", &["a1", "v1"])], ..Default::default() };
        let read = FloorInformation { conference_floor_policy: Some(policy), ..Default::default() };
        let form = FloorsForm::of(Some(&read), Some(&media)).unwrap();
        assert_eq!(form.media_off_words(&["text"]), None);
        assert_eq!(
            form.media_off_words(&["audio"]).as_deref(),
            Some("The floor on audio goes; the floor on audio and video no longer covers audio when you save.")
        );
        assert_eq!(
            form.media_off_words(&["video", "audio"]).as_deref(),
            Some("The floor on audio goes; the floor on audio and video goes when you save.")
        );
    }

    fn info() -> FloorInformation {
        FloorInformation {
            conference_id: Some(567),
            floor_request_handling: Some(FloorRequestHandling::Confirm),
            conference_floor_policy: Some(FloorPolicy {
                floors: vec![Floor {
                    id: "audioFloor".into(),
                    media_labels: vec!["a1".into(), "v1".into()],
                    algorithm: Some(FloorAlgorithm::Fcfs),
                    max_floor_users: Some(8),
                    moderator_id: Some(3),
                    ..Default::default()
                }],
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    fn media() -> AvailableMedia {
        AvailableMedia {
            entries: vec![MediaEntry::new("a1", "audio"), MediaEntry::new("v1", "video")],
            ..Default::default()
        }
    }

    #[test]
    fn reads_the_policy_in_words_naming_the_media_by_type() {
        let form = FloorsForm::of(Some(&info()), Some(&media())).unwrap();
        assert_eq!(
            form.in_words(),
            [
                "Requests to talk: taken, by each floor's rule",
                "Audio and video: first come, first served, up to 8 at once"
            ]
        );
        let mut moderated = form.clone();
        moderated.floors[0].algorithm = "moderator-controlled".into();
        moderated.floors[0].max = "1".into();
        moderated.requests = "block".into();
        assert_eq!(
            moderated.in_words(),
            [
                "Requests to talk: refused (nobody may ask for the floor)",
                "Audio and video: a moderator grants it, one at a time"
            ]
        );
        // A label the conference does not list is named as it is.
        assert_eq!(FloorsForm::of(Some(&info()), None).unwrap().floors[0].covers, "media a1 and media v1");
        assert_eq!(FloorsForm::of(None, Some(&media())), None, "no floor control, nothing to edit");
    }

    #[test]
    fn an_update_changes_what_the_form_says_and_keeps_the_rest_of_the_element() {
        let mut form = FloorsForm::of(Some(&info()), Some(&media())).unwrap();
        form.floors[0].algorithm = "moderator-controlled".into();
        form.floors[0].max = "\u{ff11}".into();
        let sent = form.apply(Some(&info())).unwrap();
        let floor = &sent.conference_floor_policy.as_ref().unwrap().floors[0];
        assert_eq!(floor.algorithm, Some(FloorAlgorithm::ModeratorControlled));
        assert_eq!(floor.max_floor_users, Some(1), "a full-width 1 is a 1");
        assert_eq!((floor.moderator_id, floor.media_labels.len(), sent.conference_id), (Some(3), 2, Some(567)));
        form.floors[0].max = "one".into();
        assert_eq!(form.apply(Some(&info())).unwrap_err().typed, "one");
        assert_eq!(
            form.bad_max().unwrap().to_string(),
            "How many may talk at once on audio and video is a whole number (0 or more), not \u{201c}one\u{201d}."
        );
        form.floors[0].max = String::new();
        assert_eq!(form.apply(Some(&info())).unwrap().conference_floor_policy.unwrap().floors[0].max_floor_users, None);
    }

    #[test]
    fn a_new_conference_has_floor_control_only_when_the_moderator_said_something_of_it() {
        let mut form = FloorsForm::for_new_conference();
        assert_eq!(form.for_audio_labelled("AUTO_GENERATE_2"), Ok(None), "left as offered: none");
        form.floors[0].algorithm = "moderator-controlled".into();
        form.floors[0].max = "1".into();
        let info = form.for_audio_labelled("AUTO_GENERATE_2").unwrap().unwrap();
        assert_eq!(info.floor_request_handling, Some(FloorRequestHandling::Confirm), "requests taken, not refused");
        let floor = &info.conference_floor_policy.as_ref().unwrap().floors[0];
        assert_eq!(floor.media_labels, ["AUTO_GENERATE_2"], "it covers the audio, by the audio's placeholder");
        assert_eq!(
            (floor.algorithm.clone(), floor.max_floor_users),
            (Some(FloorAlgorithm::ModeratorControlled), Some(1))
        );
        let refused = FloorsForm { requests: "block".into(), ..FloorsForm::for_new_conference() };
        let info = refused.for_audio_labelled("AUTO_GENERATE_2").unwrap().unwrap();
        assert_eq!(
            info.floor_request_handling,
            Some(FloorRequestHandling::Block),
            "refusing every request is a choice too"
        );
    }

    #[test]
    fn a_merge_goes_setting_by_setting() {
        let base = FloorsForm::of(Some(&info()), Some(&media())).unwrap();
        let mut mine = base.clone();
        mine.floors[0].algorithm = "random".into();
        let mut theirs = base.clone();
        theirs.floors[0].max = "4".into();
        let (merged, clash) = FloorsForm::merge(&base, &mine, &theirs);
        assert!(!clash, "two settings, one each");
        assert_eq!((merged.floors[0].algorithm.as_str(), merged.floors[0].max.as_str()), ("random", "4"));
        theirs.floors[0].algorithm = "moderator-controlled".into();
        let (merged, clash) = FloorsForm::merge(&base, &mine, &theirs);
        assert!(clash, "the same setting, two values");
        assert_eq!((merged.floors[0].algorithm.as_str(), merged.floors[0].max.as_str()), ("random", "4"), "mine kept");
        theirs.floors[0].algorithm = "random".into();
        assert!(!FloorsForm::merge(&base, &mine, &theirs).1, "the same value on both sides");
    }

    #[test]
    fn another_clients_values_are_kept_and_said_as_theirs() {
        let mut other = info();
        other.floor_request_handling = Some(FloorRequestHandling::Other("queue".into()));
        other.conference_floor_policy.as_mut().unwrap().floors[0].algorithm =
            Some(FloorAlgorithm::Other("round-robin".into()));
        let form = FloorsForm::of(Some(&other), Some(&media())).unwrap();
        assert_eq!(form.in_words()[0], "Requests to talk: \u{201c}queue\u{201d} (another client's value)");
        assert!(form.in_words()[1].starts_with("Audio and video: granted by \u{201c}round-robin\u{201d}"));
        assert_eq!(form.apply(Some(&other)).unwrap(), other, "sent back as read");
    }
}
