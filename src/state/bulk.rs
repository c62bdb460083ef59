//! Bulk actions on a hand-picked selection of users: one request per user, a few in flight at once, with
//! "N of M" while they run and each user's own response code at the end (never a single "done" that hides
//! the one that failed).

use ccmp::xcon::merge::same_id;
use ccmp::xcon::User;

use super::user_changes::{media_change, roles_change};
use super::users::{with_role, MediaCell};
use super::waiting::{admit_change, is_pending};

/// What a bulk action does to each selected user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BulkOp {
    /// Audio off (`recvonly`) or on (`sendrecv`).
    Audio { on: bool },
    /// Video off (`inactive`) or on.
    Video { on: bool },
    /// Give this role (the other standard roles are taken away).
    Role(String),
    /// Remove from the conference; `keep_out` also puts them on the deny list. `waiting`: the entities of
    /// those who were waiting to join when the moderator confirmed, turned away only if they still wait (QA:
    /// a co-moderator admitted one, and the turn-away removed them from the call); `waiting_only`: all were,
    /// and the run is a turn-away.
    Remove { keep_out: bool, waiting_only: bool, waiting: Vec<String> },
    /// Move into the sidebar named `to`: added there, then removed here. From the conference's own list (into
    /// one of its rooms) they stay in the conference, and are taken out of the room they were in.
    Move { to: String },
    /// Let in from the waiting room (their pending endpoints `connected`).
    Admit,
}

impl BulkOp {
    /// `Mute audio`, for the progress line, notifications and the audit log.
    pub fn label(&self) -> String {
        match self {
            BulkOp::Audio { on: false } => "Mute audio".into(),
            BulkOp::Audio { on: true } => "Unmute audio".into(),
            BulkOp::Video { on: false } => "Stop video".into(),
            BulkOp::Video { on: true } => "Start video".into(),
            BulkOp::Role(role) => format!("Make {role}"),
            BulkOp::Remove { keep_out: false, waiting_only: false, .. } => "Remove".into(),
            BulkOp::Remove { keep_out: true, waiting_only: false, .. } => "Remove and keep out".into(),
            BulkOp::Remove { keep_out: false, waiting_only: true, .. } => "Turn away".into(),
            BulkOp::Remove { keep_out: true, waiting_only: true, .. } => "Turn away and keep out".into(),
            BulkOp::Move { to } => format!("Move to {to}"),
            BulkOp::Admit => "Admit".into(),
        }
    }

    /// Whether the moderator confirms first.
    pub fn destructive(&self) -> bool {
        matches!(self, BulkOp::Remove { .. })
    }

    /// The partial user this action sends for `user`, or why it is skipped, when the moderator is `me`
    /// (their confUserID). Removal and moves send no partial user (`Ok(None)`): they are a delete (after an
    /// add, for a move).
    pub fn change_for(&self, user: &User, me: &str) -> Result<Option<User>, String> {
        let Some(entity) = user.entity.as_deref().filter(|e| !e.trim().is_empty()) else {
            return Err("the server gave this user no entity".into());
        };
        match self {
            // "Select all shown" takes the moderator too: a bulk "Make observer" would take away their own
            // right to moderate, in the middle of the event. Their own role is changed on its own row.
            BulkOp::Role(_) if same_id(entity, me) => Err("you: change your own role on your own row".into()),
            // Nor would a bulk removal take the moderator out of their own event, or onto its deny list (QA:
            // "Select all shown", "Remove and keep out" did).
            BulkOp::Remove { .. } if same_id(entity, me) => Err("you: leave the conference on your own row".into()),
            BulkOp::Audio { on } => media_change(user, "audio", *on).map(Some).ok_or_else(|| "no audio".to_owned()),
            BulkOp::Video { on } => media_change(user, "video", *on).map(Some).ok_or_else(|| "no video".to_owned()),
            BulkOp::Role(role) => Ok(Some(roles_change(entity, with_role(user.role_names(), role)))),
            BulkOp::Admit => admit_change(user).map(Some).ok_or_else(|| "not waiting".to_owned()),
            BulkOp::Remove { waiting, .. } if !is_pending(user) && waiting.iter().any(|w| same_id(w, entity)) => {
                Err("not waiting any more: admitted meanwhile".into())
            }
            // Someone waiting to join is not in the conference yet: nor is anyone in its rooms.
            BulkOp::Move { .. } if is_pending(user) => Err("waiting to join: admit them first".into()),
            BulkOp::Remove { .. } | BulkOp::Move { .. } => Ok(None),
        }
    }

    /// What `user` already is, when this action would leave them as they are (`already muted`): nothing is
    /// sent for them, and the outcome counts them apart (QA: a bulk Mute of 120, 28 of them muted already,
    /// said "120 of 120 succeeded", and its undo held requests for them).
    pub fn already(&self, user: &User) -> Option<String> {
        let cell = |media_type: &str, on: bool| {
            let want = if on { MediaCell::On } else { MediaCell::Off };
            MediaCell::of(user, media_type) == want
        };
        match self {
            BulkOp::Audio { on } if cell("audio", *on) => {
                Some(if *on { "audio already on" } else { "already muted" }.to_owned())
            }
            BulkOp::Video { on } if cell("video", *on) => {
                Some(if *on { "video already on" } else { "video already off" }.to_owned())
            }
            BulkOp::Role(role) if user.role_names() == with_role(user.role_names(), role) => {
                Some(format!("already {role}"))
            }
            _ => None,
        }
    }

    /// What the run does for `user`: the change to send (`Ok`, see [`BulkOp::change_for`]), or the outcome
    /// they have without a request: skipped, or already as asked.
    pub fn plan(&self, user: &User, me: &str) -> Result<Option<User>, ItemOutcome> {
        let change = self.change_for(user, me).map_err(ItemOutcome::Skipped)?;
        match self.already(user) {
            Some(what) => Err(ItemOutcome::Already(what)),
            None => Ok(change),
        }
    }
}

/// A run stops sending after this many requests in a row got no answer. Against a server that hangs,
/// each waits out the 30 s timeout: the rest of a run of 1,000 would take hours, and every request would
/// leave its outcome unknown, to arrive whenever the server wakes (QA).
pub const STOP_AFTER_UNANSWERED: usize = 2;

/// How many of a run's requests are in flight at once. Four of the six connections a browser opens to a
/// server: two stay free for the reads that go on meanwhile (the waiting room's, a list's auto-refresh).
pub const BULK_IN_FLIGHT: usize = 4;

/// How one user's request ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemOutcome {
    /// Not sent yet.
    Pending,
    /// Not sent, because it makes no sense for this user (no audio to mute); says why.
    Skipped(String),
    /// Not sent: they are already as asked (`already muted`).
    Already(String),
    /// Not sent: the moderator stopped the run first.
    Cancelled,
    /// Not sent: the server had stopped answering (see [`STOP_AFTER_UNANSWERED`]).
    Halted,
    /// The response code and its reason.
    Code(u16, String),
    /// Done, though not as asked: what happened (a move whose room went meanwhile: they are in the other).
    Done(String),
    /// No CCMP exchange happened (the server is unreachable...).
    Failed(String),
}

impl ItemOutcome {
    pub fn succeeded(&self) -> bool {
        matches!(self, ItemOutcome::Code(200, _) | ItemOutcome::Done(_))
    }

    /// Whether its request went out (answered or not): not skipped, not as asked already, not stopped.
    fn sent(&self) -> bool {
        matches!(self, ItemOutcome::Code(..) | ItemOutcome::Done(_) | ItemOutcome::Failed(_))
    }

    /// `200 Success`, `skipped: no audio`, ...
    pub fn describe(&self) -> String {
        match self {
            ItemOutcome::Pending => "waiting".into(),
            ItemOutcome::Skipped(why) => format!("skipped: {why}"),
            ItemOutcome::Cancelled => "not sent (stopped)".into(),
            ItemOutcome::Halted => "not sent (the server stopped answering)".into(),
            // Said in words first: in a run of an Admit all it is someone who hung up while waiting (QA).
            ItemOutcome::Code(420, reason) => {
                format!("not in the conference any more: left, or removed (420 {reason})")
            }
            ItemOutcome::Code(code, reason) => format!("{code} {reason}"),
            ItemOutcome::Done(what) | ItemOutcome::Failed(what) | ItemOutcome::Already(what) => what.clone(),
        }
    }
}

/// One selected user in a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkItem {
    pub key: String,
    pub entity: String,
    /// Display-text or entity, for the result list.
    pub name: String,
    pub outcome: ItemOutcome,
}

/// A bulk action: its items in the order they are sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkRun {
    pub op: BulkOp,
    pub items: Vec<BulkItem>,
    /// Set when the moderator stops the run; the remaining items are not sent.
    pub stop: bool,
    /// Set after the last item.
    pub finished: bool,
    /// After "remove and keep out": how the deny-list update ended.
    pub deny: Option<ItemOutcome>,
}

impl BulkRun {
    pub fn new(op: BulkOp, items: Vec<BulkItem>) -> BulkRun {
        BulkRun { op, items, stop: false, finished: false, deny: None }
    }

    /// How many items have an outcome.
    pub fn done(&self) -> usize {
        self.items.iter().filter(|i| i.outcome != ItemOutcome::Pending).count()
    }

    /// `3 of 10`.
    pub fn progress(&self) -> String {
        format!("{} of {}", self.done(), self.items.len())
    }

    pub fn succeeded(&self) -> usize {
        self.items.iter().filter(|i| i.outcome.succeeded()).count()
    }

    /// Whether every item ended as asked: done, or already so.
    pub fn as_asked(&self) -> bool {
        self.items.iter().all(|i| i.outcome.succeeded() || matches!(i.outcome, ItemOutcome::Already(_)))
    }

    /// `28 already muted`, when some were: for the line that ends the run.
    pub fn already(&self) -> Option<String> {
        let mut already = self.items.iter().filter_map(|i| match &i.outcome {
            ItemOutcome::Already(what) => Some(what),
            _ => None,
        });
        let what = already.next()?;
        Some(format!("{} {what}", already.count() + 1))
    }

    /// The items that were sent and did not succeed, or were not sent.
    pub fn problems(&self) -> impl Iterator<Item = &BulkItem> {
        self.items.iter().filter(|i| !i.outcome.succeeded())
    }

    /// Whether everyone was as asked already, and nothing was sent: "0 of 1 succeeded" read as a failure (QA).
    pub fn none_to_send(&self) -> bool {
        !self.items.is_empty() && self.items.iter().all(|i| matches!(i.outcome, ItemOutcome::Already(_)))
    }

    /// How a finished run went, counted over the requests it sent: `9 of 10 succeeded`, `1 of 1 sent
    /// succeeded` when some were not sent (QA: "1 of 2 succeeded" over someone skipped read as a refusal),
    /// `nothing sent`, `nothing to send` ([`Self::none_to_send`]).
    pub fn tally(&self) -> String {
        if self.none_to_send() {
            return "nothing to send".to_owned();
        }
        let ok = self.succeeded();
        match self.items.iter().filter(|i| i.outcome.sent()).count() {
            0 => "nothing sent".to_owned(),
            sent if sent == self.items.len() => format!("{ok} of {sent} succeeded"),
            sent => format!("{ok} of {sent} sent succeeded"),
        }
    }

    /// `2 skipped`, when some were: for the line that ends the run (the notice says whom).
    pub fn skipped(&self) -> Option<String> {
        let n = self.items.iter().filter(|i| matches!(i.outcome, ItemOutcome::Skipped(_))).count();
        (n > 0).then(|| format!("{n} skipped"))
    }

    /// One line for the notification: `Mute audio: 9 of 10 succeeded; 1 refused (403 Forbidden).`
    pub fn summary(&self) -> String {
        // The problems, and what happened besides in those done; those skipped with whom and why when they
        // are few (QA: "1 skipped" said neither, and the moderator had to open the result table).
        let mut groups: Vec<(String, usize)> = Vec::new();
        let mut skipped: Vec<String> = Vec::new();
        for item in self.items.iter().filter(|i| !matches!(i.outcome, ItemOutcome::Code(200, _))) {
            let what = match &item.outcome {
                ItemOutcome::Skipped(why) => {
                    skipped.push(format!("{}: {why}", item.name));
                    "skipped".to_owned()
                }
                // `1 403 Forbidden` would read as a sum; a 420 is said in words first.
                ItemOutcome::Code(code, _) if *code != 420 => format!("refused ({})", item.outcome.describe()),
                other => other.describe(),
            };
            match groups.iter_mut().find(|(w, _)| *w == what) {
                Some((_, n)) => *n += 1,
                None => groups.push((what, 1)),
            }
        }
        let mut line = format!("{}: {}", self.op.label(), self.tally());
        if !groups.is_empty() {
            let parts: Vec<String> = groups
                .iter()
                .map(|(w, n)| match w.as_str() {
                    "skipped" if *n <= 3 => format!("{n} skipped ({})", skipped.join("; ")),
                    _ => format!("{n} {w}"),
                })
                .collect();
            line.push_str(&format!("; {}", parts.join(", ")));
        }
        if let Some(deny) = &self.deny {
            line.push_str(&format!("; deny list: {}", deny.describe()));
        }
        line.push('.');
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ME: &str = "xcon-userid:m@x";
    use ccmp::xcon::{Endpoint, EndpointStatus, Media, MediaStatus, Roles};

    fn item(name: &str, outcome: ItemOutcome) -> BulkItem {
        BulkItem { key: name.to_lowercase(), entity: format!("xcon-userid:{name}@x"), name: name.into(), outcome }
    }

    #[test]
    fn progress_counts_what_has_an_outcome() {
        let mut run = BulkRun::new(
            BulkOp::Audio { on: false },
            vec![item("A", ItemOutcome::Pending), item("B", ItemOutcome::Pending), item("C", ItemOutcome::Pending)],
        );
        assert_eq!(run.progress(), "0 of 3");
        run.items[0].outcome = ItemOutcome::Code(200, "Success".into());
        run.items[1].outcome = ItemOutcome::Skipped("no audio".into());
        assert_eq!(run.progress(), "2 of 3");
        run.items[2].outcome = ItemOutcome::Code(420, "User Not Found".into());
        assert_eq!(run.summary(), "Mute audio: 1 of 2 sent succeeded; 1 skipped (B: no audio), 1 not in the conference any more: left, or removed (420 User Not Found).");
        assert_eq!(run.problems().map(|i| i.name.as_str()).collect::<Vec<_>>(), ["B", "C"]);
        run.items[2].outcome = ItemOutcome::Done("moved, and the room they were in is gone".into());
        assert_eq!(
            run.summary(),
            "Mute audio: 2 of 2 sent succeeded; 1 skipped (B: no audio), 1 moved, and the room they were in is gone."
        );
    }

    #[test]
    fn the_summary_names_a_few_skipped_and_counts_many() {
        let skipped = |n: usize| {
            let items = (0..n).map(|i| item(&format!("P{i}"), ItemOutcome::Skipped("no audio".into()))).collect();
            BulkRun::new(BulkOp::Audio { on: false }, items).summary()
        };
        assert_eq!(skipped(2), "Mute audio: nothing sent; 2 skipped (P0: no audio; P1: no audio).");
        assert_eq!(skipped(4), "Mute audio: nothing sent; 4 skipped.");
    }

    #[test]
    fn a_refusal_reads_as_one_not_as_a_sum() {
        let run = BulkRun::new(
            BulkOp::Admit,
            vec![
                item("A", ItemOutcome::Code(200, "Success".into())),
                item("B", ItemOutcome::Code(403, "Forbidden".into())),
            ],
        );
        assert_eq!(run.summary(), "Admit: 1 of 2 succeeded; 1 refused (403 Forbidden).");
    }

    #[test]
    fn the_summary_groups_equal_outcomes_and_reports_the_deny_list() {
        let mut run = BulkRun::new(
            BulkOp::Remove { keep_out: true, waiting_only: false, waiting: Vec::new() },
            vec![
                item("A", ItemOutcome::Code(200, "Success".into())),
                item("B", ItemOutcome::Failed("Server unreachable".into())),
                item("C", ItemOutcome::Failed("Server unreachable".into())),
                item("D", ItemOutcome::Cancelled),
            ],
        );
        run.deny = Some(ItemOutcome::Code(200, "Success".into()));
        assert_eq!(
            run.summary(),
            "Remove and keep out: 1 of 3 sent succeeded; 2 Server unreachable, 1 not sent (stopped); deny list: 200 Success."
        );
        assert!(run.op.destructive() && !BulkOp::Role("observer".into()).destructive());
    }

    #[test]
    fn each_op_builds_its_change_or_says_why_not() {
        let user = User {
            roles: Some(Roles::new(["participant", "interpreter"])),
            endpoints: vec![Endpoint {
                media: vec![Media {
                    media_type: Some("audio".into()),
                    status: Some(MediaStatus::SendRecv),
                    ..Media::new("9")
                }],
                ..Endpoint::new("sip:a@x")
            }],
            ..User::new("xcon-userid:a@x")
        };
        let mute = BulkOp::Audio { on: false }.change_for(&user, ME).unwrap().unwrap();
        assert_eq!(mute.endpoints[0].media[0].status, Some(MediaStatus::RecvOnly));
        assert_eq!(BulkOp::Video { on: false }.change_for(&user, ME), Err("no video".into()));
        let role = BulkOp::Role("observer".into()).change_for(&user, ME).unwrap().unwrap();
        assert_eq!(role.role_names(), ["observer", "interpreter"]);
        // Not the moderator's own (confUserIDs compare case-insensitively).
        let myself = User { entity: Some("XCON-USERID:M@x".into()), ..user.clone() };
        assert!(BulkOp::Role("observer".into()).change_for(&myself, ME).is_err(), "their own role");
        assert!(BulkOp::Audio { on: false }.change_for(&myself, ME).is_ok(), "their own audio is theirs to mute");
        let remove = BulkOp::Remove { keep_out: false, waiting_only: false, waiting: Vec::new() };
        assert_eq!(remove.change_for(&user, ME), Ok(None));
        assert!(remove.change_for(&myself, ME).is_err(), "not the moderator themselves");
        assert!(remove.change_for(&User::default(), ME).is_err());
        // A turn-away leaves alone whoever is not waiting (any more).
        let entity = user.entity.clone().unwrap_or_default();
        let turn_away = BulkOp::Remove { keep_out: false, waiting_only: true, waiting: vec![entity.clone()] };
        assert_eq!(turn_away.change_for(&user, ME), Err("not waiting any more: admitted meanwhile".into()));
        assert_eq!(turn_away.label(), "Turn away");
        // In a selection of some waiting and some in: only those let in since are left alone.
        let mixed = BulkOp::Remove { keep_out: false, waiting_only: false, waiting: vec![entity.to_uppercase()] };
        assert!(mixed.change_for(&user, ME).is_err(), "she was waiting when asked, and is in now");
        let other = User { entity: Some("xcon-userid:someone@x".into()), ..user.clone() };
        assert_eq!(mixed.change_for(&other, ME), Ok(None), "he was in when asked: removed");
        assert_eq!(BulkOp::Move { to: "Room 2".into() }.change_for(&user, ME), Ok(None));
        assert_eq!(BulkOp::Move { to: "Room 2".into() }.label(), "Move to Room 2");
        assert_eq!(BulkOp::Admit.change_for(&user, ME), Err("not waiting".into()), "her endpoint has no status");
        let mut waiting = user.clone();
        waiting.endpoints[0].status = Some(EndpointStatus::Pending);
        let admit = BulkOp::Admit.change_for(&waiting, ME).unwrap().unwrap();
        assert_eq!(admit.endpoints[0].status, Some(EndpointStatus::Connected));
        assert_eq!(turn_away.change_for(&waiting, ME), Ok(None));
        let into_room = BulkOp::Move { to: "Room 2".into() }.change_for(&waiting, ME);
        assert_eq!(into_room, Err("waiting to join: admit them first".into()));
    }

    #[test]
    fn those_already_as_asked_get_no_request_and_are_counted_apart() {
        let speaking = |name: &str, status: MediaStatus| User {
            roles: Some(Roles::new(["participant"])),
            endpoints: vec![Endpoint {
                media: vec![Media { media_type: Some("audio".into()), status: Some(status), ..Media::new("1") }],
                ..Endpoint::new(format!("sip:{name}@x"))
            }],
            ..User::new(format!("xcon-userid:{name}@x"))
        };
        let mute = BulkOp::Audio { on: false };
        assert!(matches!(mute.plan(&speaking("a", MediaStatus::SendRecv), ME), Ok(Some(_))));
        // Muted already, or not sending at all: nothing to send (QA: "120 of 120 succeeded", 28 of them muted).
        for status in [MediaStatus::RecvOnly, MediaStatus::Inactive] {
            assert_eq!(mute.plan(&speaking("b", status), ME), Err(ItemOutcome::Already("already muted".into())));
        }
        let unmute = BulkOp::Audio { on: true };
        assert_eq!(
            unmute.plan(&speaking("c", MediaStatus::SendRecv), ME),
            Err(ItemOutcome::Already("audio already on".into()))
        );
        let participant = BulkOp::Role("participant".into());
        assert_eq!(
            participant.plan(&speaking("d", MediaStatus::SendRecv), ME),
            Err(ItemOutcome::Already("already participant".into()))
        );
        assert!(matches!(BulkOp::Role("observer".into()).plan(&speaking("d", MediaStatus::SendRecv), ME), Ok(Some(_))));
        // Why a user is skipped comes first: no audio is not "already muted".
        assert_eq!(mute.plan(&User::new("xcon-userid:e@x"), ME), Err(ItemOutcome::Skipped("no audio".into())));

        let mut items: Vec<BulkItem> =
            (0..92).map(|i| item(&format!("S{i}"), ItemOutcome::Code(200, "Success".into()))).collect();
        items.extend((0..28).map(|i| item(&format!("M{i}"), ItemOutcome::Already("already muted".into()))));
        let run = BulkRun::new(mute, items);
        assert_eq!(run.summary(), "Mute audio: 92 of 92 sent succeeded; 28 already muted.");
        assert_eq!(run.already().as_deref(), Some("28 already muted"));
        assert!(run.as_asked(), "nothing went wrong");
        let moved = BulkRun::new(
            BulkOp::Move { to: "Blue".into() },
            vec![item("A", ItemOutcome::Already("already in Blue".into()))],
        );
        assert_eq!(moved.summary(), "Move to Blue: nothing to send; 1 already in Blue.");
        let failed = BulkRun::new(
            BulkOp::Audio { on: false },
            vec![item("F", ItemOutcome::Failed("Server unreachable".into()))],
        );
        assert!(!failed.as_asked() && failed.already().is_none());
    }
}
