//! Undo: the inverse of the moderator's last change to a user or to the admission lists, built from the
//! state the panel read before the change. CCMP has no undo of its own, so an undo is simply more
//! requests: a rename is undone by the old name, a removal by adding the same user back (after taking
//! them off the deny list when "keep them out" put them there), an added user by removing them. A change
//! whose inverse CCMP cannot say is not undone: see [`UndoEntry::impossible`].

use std::collections::BTreeSet;

use ccmp::xcon::merge;
use ccmp::xcon::{Endpoint, Media, MediaStatus, User, Users};
use ccmp::{Request, RequestBody, XconUserId};

use super::notice::{Notice, Tone};
use super::scope::Scope;
use super::user_changes::label;

/// The last change, ready to be undone.
#[derive(Debug, Clone, PartialEq)]
pub struct UndoEntry {
    /// What is undone, for the button: `Mute audio of Alice`.
    pub label: String,
    /// Where the change was made.
    pub scope: Scope,
    /// The inverse requests not sent yet, in the order they are sent.
    pub steps: Vec<UndoStep>,
    /// How many inverse requests the undo had at first: an undo stopped or refused part way keeps the rest.
    pub total: usize,
    /// For a change of admission settings, which its undo puts back whole: what the change left, so that
    /// the undo goes only while the server still has it so. Only such a change has it: the Admission tab
    /// offers the undo of no other.
    pub left: Option<AdmissionLeft>,
    /// Why the change cannot be undone, when it cannot (then there are no steps): the Undo button says so,
    /// disabled, rather than sending what a validating server refuses.
    pub impossible: Option<String>,
}

/// One inverse request, and for the undo of a change to a user or of a removal, what must still hold for it
/// to go.
#[derive(Debug, Clone, PartialEq)]
pub struct UndoStep {
    pub request: Request,
    pub guard: Option<Guard>,
}

impl From<Request> for UndoStep {
    fn from(request: Request) -> Self {
        UndoStep { request, guard: None }
    }
}

impl UndoStep {
    /// The inverse `request` of `change`, made to the user named `name`.
    pub fn guarded(request: Request, name: String, change: User) -> Self {
        UndoStep { request, guard: Some(Guard::Left(UserLeft { name, change, admitted_as: None })) }
    }

    /// The inverse `request` of `change`, made to `before` (as read just before it): [`UndoStep::guarded`],
    /// and when the change let them in from waiting, [`UndoStep::admitted_as`] their roles then.
    pub fn of_change(request: Request, before: &User, change: &User) -> Self {
        let step = UndoStep::guarded(request, label(before), change.clone());
        let mut after = before.clone();
        merge::user(&mut after, change);
        if super::waiting::is_pending(before) && !super::waiting::is_pending(&after) {
            step.admitted_as(before.role_names().to_vec())
        } else {
            step
        }
    }

    /// The undo of an admission, which puts the user back on hold: only while they keep `roles`, those they
    /// waited with (QA: the Undo of Admit all sent back to the waiting room someone a co-moderator had made a
    /// moderator since).
    pub fn admitted_as(mut self, roles: Vec<String>) -> Self {
        if let Some(Guard::Left(left)) = &mut self.guard {
            left.admitted_as = Some(roles);
        }
        self
    }

    /// The `request` that adds back `user`, removed: sent only while they are not back already.
    pub fn away(request: Request, user: User) -> Self {
        UndoStep { request, guard: Some(Guard::Away(user)) }
    }

    /// The `request` that takes `user`, moved, out of the room they were moved to (see [`Guard::Out`]).
    pub fn out_of(request: Request, user: &User) -> Self {
        let (entity, name) = (user.entity.clone().unwrap_or_default(), label(user));
        UndoStep { request, guard: Some(Guard::Out { entity, name }) }
    }

    /// The `request` that puts `user` back into the breakout room they were in before a move from the
    /// conference's own list, or a removal from the conference, took them out of it (see [`Guard::BackInto`]).
    pub fn back_into(request: Request, user: &User) -> Self {
        let (entity, name) = (user.entity.clone().unwrap_or_default(), label(user));
        UndoStep { request, guard: Some(Guard::BackInto { entity, name }) }
    }

    /// Whom the step takes out of the room they were moved to, when it is the first half of a move's undo.
    pub fn out_of_room(&self) -> Option<&str> {
        match &self.guard {
            Some(Guard::Out { entity, .. }) => Some(entity),
            _ => None,
        }
    }

    /// Whom the step brings back to the list, when it adds back someone removed or moved.
    pub fn brings_back(&self) -> Option<&str> {
        match &self.guard {
            Some(Guard::Away(user)) => user.entity.as_deref(),
            Some(Guard::BackInto { entity, .. }) => Some(entity),
            _ => None,
        }
    }

    /// The step that takes `added` (what a "keep out" put on the deny list of `scope`) off it again, and
    /// nothing else. Its request holds no list: the list is the one read just before the undo
    /// ([`UndoStep::request_now`]).
    pub fn unban(scope: &Scope, me: &XconUserId, added: Vec<String>) -> Self {
        UndoStep { request: scope.update_users(me, Users::default()), guard: Some(Guard::Unban(added)) }
    }

    /// The request to send, given the users read just before the undo; `None` when there is nothing left to
    /// do. A deny list is sent as it is now without what the undone change put on it: the list as it was
    /// before would drop a ban someone else made since (QA: a co-moderator's ban of a spammer was lifted by
    /// the Undo of a "Remove and keep out", which said "done").
    pub fn request_now(&self, now: &Users) -> Option<Request> {
        let Some(Guard::Unban(added)) = &self.guard else { return Some(self.request.clone()) };
        let mut list = now.deny_users_list.clone()?;
        let count = list.targets.len();
        list.targets.retain(|t| !added.iter().any(|a| merge::same_id(&t.uri, a)));
        if list.targets.len() == count {
            return None;
        }
        let mut request = self.request.clone();
        let users = match &mut request.body {
            RequestBody::Users(p) => p.info.as_mut(),
            RequestBody::SidebarByVal(p) | RequestBody::SidebarByRef(p) => p.info.as_mut()?.users.as_mut(),
            _ => None,
        }?;
        users.deny_users_list = Some(list);
        Some(request)
    }
}

/// What an undo step checks, in the users read just before the undo, before it goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Guard {
    /// The undo of a change to a user: only while they still have it.
    Left(UserLeft),
    /// The undo of a removal (the user as they were, to add back): only while they are not in the list again,
    /// rejoined or added back by someone else (the add met 409 at their address, and the undo stopped there
    /// for good: each Undo after sent that add first again).
    Away(User),
    /// The undo of a "keep out": these names, which it put on the deny list, come off it (see
    /// [`UndoStep::request_now`]).
    Unban(Vec<String>),
    /// The first half of the undo of a move: `entity` (called `name`) taken out of the room they were moved
    /// to, a list the undo does not read. Their answer tells: a 420 says they left that room since, and then
    /// they are not brought back either (QA: someone who had left the room was put back in the one they came
    /// from).
    Out { entity: String, name: String },
    /// The second half of the undo of a move from the conference's own list, or of a removal from the
    /// conference, out of a breakout room: `entity` (called `name`) put back into that room, unless the undo's
    /// first half found they had left the room they were moved to. The conference's list, which the undo reads,
    /// does not tell whether they are in the room.
    BackInto { entity: String, name: String },
}

impl Guard {
    /// Who, for the undo's notice.
    pub fn name(&self) -> String {
        match self {
            Guard::Left(left) => left.name.clone(),
            Guard::Away(user) => super::user_changes::label(user),
            Guard::Unban(_) => "the deny list".to_owned(),
            Guard::Out { name, .. } | Guard::BackInto { name, .. } => name.clone(),
        }
    }

    /// Where the user stands in `now`, the list read just before the undo.
    pub fn since(&self, now: &Users) -> Since {
        match self {
            Guard::Left(left) => left.since(now),
            Guard::Away(user) => match back_in(user, now) {
                Some(there) if super::waiting::is_pending(there) => Since::Waiting,
                Some(_) => Since::Back,
                None => Since::AsLeft,
            },
            Guard::Unban(_) | Guard::Out { .. } | Guard::BackInto { .. } => Since::AsLeft,
        }
    }

    /// Who, for the undo's notice, as they stand in `now`: a removed user back under other roles says so
    /// (`Dave (participant now, was moderator)`): a moderator removed by mistake who dialled in again is back
    /// without their rights (QA: "in the conference again already" hid it).
    pub fn name_in(&self, now: &Users) -> String {
        let name = self.name();
        let Guard::Away(before) = self else { return name };
        let roles = |u: &User| u.role_names().iter().map(|r| r.trim().to_owned()).collect::<Vec<_>>().join(", ");
        match back_in(before, now) {
            Some(there) if roles(there) != roles(before) && !roles(before).is_empty() => {
                let now_roles = Some(roles(there)).filter(|r| !r.is_empty()).unwrap_or_else(|| "no role".into());
                format!("{name} ({now_roles} now, was {})", roles(before))
            }
            _ => name,
        }
    }

    /// The one user whose read alone tells where the step stands (a change's; not a removal's, which may be
    /// back under another entity, found by address in the whole list).
    pub fn single_entity(&self) -> Option<&str> {
        match self {
            Guard::Left(left) => left.change.entity.as_deref(),
            Guard::Away(_) | Guard::Unban(_) | Guard::Out { .. } | Guard::BackInto { .. } => None,
        }
    }
}

/// `before`, removed, as they are in `now` again (by entity, or at one of their addresses), if they are.
fn back_in<'a>(before: &User, now: &'a Users) -> Option<&'a User> {
    let at = before.entity.as_deref().and_then(|e| now.position(e));
    at.and_then(|i| now.users.get(i)).or_else(|| now.at_address_of(before))
}

/// A change made to one user, which its undo puts back only while the server still has it so: over a later
/// change by someone else it would drop theirs (QA: the Undo of "Mute all participants" unmuted someone a
/// co-moderator had set `inactive` since). The same rule as the admission settings' [`AdmissionLeft`].
#[derive(Debug, Clone, PartialEq)]
pub struct UserLeft {
    /// Who, for the undo's notice.
    pub name: String,
    /// The change as sent (a partial user: the values it set).
    pub change: User,
    /// For an admission: the roles the user waited with, which must still be theirs ([`UndoStep::admitted_as`]).
    pub admitted_as: Option<Vec<String>>,
}

/// Where a user stands, read just before an undo, against the change it undoes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    /// As the change left them (what it set is still so; a removed user still away): the undo goes.
    AsLeft,
    /// Someone else changed what it set: left as they are now.
    Changed,
    /// No longer in the list.
    Gone,
    /// Removed, and in the list again: not added twice.
    Back,
    /// Removed, and waiting to join again (the waiting room): not added twice; the moderator lets them in.
    Waiting,
}

impl UserLeft {
    /// Where the user stands in `now` (the list read just before the undo). Only what the change set is
    /// compared: a later change to anything else (their name, their video after a mute) is no reason to
    /// leave the undo out.
    pub fn since(&self, now: &Users) -> Since {
        let Some(at) = self.change.entity.as_deref().and_then(|e| now.position(e)) else { return Since::Gone };
        let roles = |r: &[String]| r.iter().map(|r| r.trim().to_lowercase()).collect::<BTreeSet<_>>();
        if self.admitted_as.as_ref().is_some_and(|was| roles(was) != roles(now.users[at].role_names())) {
            return Since::Changed;
        }
        // As left when setting it again would change nothing.
        let mut again = now.users[at].clone();
        merge::user(&mut again, &self.change);
        if again == now.users[at] {
            Since::AsLeft
        } else {
            Since::Changed
        }
    }
}

/// The admission settings a change made, and how it left them. Its undo sends the settings as they were
/// before, whole: over a later change by someone else, it would drop it (QA: undoing "Save allowed users"
/// took a co-moderator's addition off the list; undoing a join-handling change overrode their "block").
#[derive(Debug, Clone, PartialEq)]
pub struct AdmissionLeft {
    /// The change (only the settings it touched are set).
    pub change: Users,
    /// The settings after it.
    pub after: Users,
}

fn sorted(uris: impl Iterator<Item = String>) -> Vec<String> {
    let mut uris: Vec<String> = uris.collect();
    uris.sort_unstable();
    uris
}

impl AdmissionLeft {
    /// The settings among those the change made that `now` no longer has as it left them ("join handling
    /// and allowed users"); `None` when none.
    pub fn changed_since(&self, now: &Users) -> Option<String> {
        let (change, after) = (&self.change, &self.after);
        let allowed = |u: &Users| sorted(u.allowed_users_list.iter().flat_map(|l| &l.targets).map(|t| t.uri.clone()));
        let denied = |u: &Users| sorted(u.deny_users_list.iter().flat_map(|l| &l.targets).map(|t| t.uri.clone()));
        let mut changed = Vec::new();
        if change.join_handling.is_some() && now.join_handling != after.join_handling {
            changed.push("join handling");
        }
        if change.user_admission_policy.is_some() && now.user_admission_policy != after.user_admission_policy {
            changed.push("admission policy");
        }
        if change.allowed_users_list.is_some() && allowed(now) != allowed(after) {
            changed.push("allowed users");
        }
        if change.deny_users_list.is_some() && denied(now) != denied(after) {
            changed.push("deny list");
        }
        match changed.split_last() {
            None => None,
            Some((last, [])) => Some((*last).to_owned()),
            Some((last, rest)) => Some(format!("{} and {last}", rest.join(", "))),
        }
    }
}

impl UndoEntry {
    /// The undo that sends `requests`, as they are.
    pub fn new(label: impl Into<String>, scope: Scope, requests: Vec<Request>) -> Self {
        Self::of_steps(label, scope, requests.into_iter().map(UndoStep::from).collect())
    }

    /// The undo that sends `steps`, each of a change to a user only while the user still has it.
    pub fn of_steps(label: impl Into<String>, scope: Scope, steps: Vec<UndoStep>) -> Self {
        let total = steps.len();
        UndoEntry { label: label.into(), scope, steps, total, left: None, impossible: None }
    }

    /// Whether a step of it is to be checked against the users as they are now, before it goes.
    pub fn checks_users(&self) -> bool {
        self.steps.iter().any(|s| s.guard.is_some())
    }

    /// The last change, which cannot be undone because `why` ([`cannot_clear`]). It still takes the place
    /// of the undo before it: that one's Undo would act on an earlier change than the last.
    pub fn impossible(label: impl Into<String>, scope: Scope, why: &str) -> Self {
        UndoEntry { impossible: Some(format!("Not possible: {why}")), ..UndoEntry::new(label, scope, Vec::new()) }
    }

    /// This undo puts back admission settings that `left` says how the change left.
    pub fn guarded(self, left: AdmissionLeft) -> Self {
        UndoEntry { left: Some(left), ..self }
    }

    /// What the Undo button names: the change, and how much of its undo is left when part was sent.
    pub fn what(&self) -> String {
        match self.steps.len() {
            left if left < self.total => format!("{}, {left} of {} left", self.label, self.total),
            _ => self.label.clone(),
        }
    }

    /// The entry that undoes what is left: the steps not `done` (one flag per step, in order).
    pub fn remaining(mut self, done: &[bool]) -> Self {
        let mut flags = done.iter().copied().chain(std::iter::repeat(false));
        self.steps.retain(|_| !flags.next().unwrap_or(false));
        // The settings went back with the first request: the rest is about users.
        if done.iter().any(|d| *d) {
            self.left = None;
        }
        self
    }
}

/// Why an inverse cannot be sent: it would clear a value the server did not have before the change. CCMP
/// clears a value with an empty element (RFC 6503 section 4.2), and for roles, join-handling and
/// user-admission-policy the schema allows no empty one: what the panel sends must validate
/// (`spec/CCMP.md` section 8), and a validating server answers 400 (QA: the Undo of a role given to
/// someone who had none sent `<info:roles/>`).
pub fn cannot_clear(what: &str, them: &str) -> String {
    format!("the server had no {what} before, and CCMP cannot clear {them}.")
}

/// The partial user that restores what `change` changed, from `before` (the user as read before it). A
/// name that was absent comes back as an empty element, which removes it; roles or associated AORs that
/// were absent cannot be removed (`Err`: [`cannot_clear`]).
pub fn inverse_update(before: &User, change: &User) -> Result<User, String> {
    let mut inverse = User { entity: change.entity.clone().or_else(|| before.entity.clone()), ..Default::default() };
    if change.display_text.is_some() {
        inverse.display_text = Some(before.display_text.clone().unwrap_or_default());
    }
    if change.roles.is_some() {
        // An empty list read from a lenient server is no roles either.
        let roles = before.roles.clone().filter(|r| !r.entries.is_empty());
        inverse.roles = Some(roles.ok_or_else(|| cannot_clear("roles for them", "them"))?);
    }
    if change.associated_aors.is_some() {
        let aors = before.associated_aors.clone().filter(|a| !a.entries.is_empty());
        inverse.associated_aors = Some(aors.ok_or_else(|| cannot_clear("associated addresses for them", "them"))?);
    }
    for c in &change.endpoints {
        inverse.endpoints.push(inverse_endpoint(before, c));
    }
    Ok(inverse)
}

/// The endpoint that restores what `c` changed of `before`'s.
fn inverse_endpoint(before: &User, c: &Endpoint) -> Endpoint {
    let old = before.endpoints.iter().find(|e| merge::same_key(e.entity.as_deref(), c.entity.as_deref()));
    let media: Vec<Media> = c
        .media
        .iter()
        .map(|m| {
            let was = old.and_then(|e| e.media.iter().find(|x| x.id == m.id)).and_then(|x| x.status);
            // A status the server never gave cannot be "un-set" by a partial update; sendrecv is what
            // RFC 4575 assumes when it is absent.
            Media { status: Some(was.unwrap_or(MediaStatus::SendRecv)), ..Media::new(m.id.clone()) }
        })
        .collect();
    let status = c.status.and(old.and_then(|e| e.status));
    Endpoint { entity: c.entity.clone(), status, media, ..Default::default() }
}

/// The undo of `change`, made as `action` to the user read as `before`: its inverse, or why there is none.
pub fn undo_update(action: String, scope: Scope, me: &XconUserId, before: &User, change: &User) -> UndoEntry {
    match inverse_update(before, change) {
        Ok(inverse) => {
            let step = UndoStep::of_change(scope.update(me, inverse), before, change);
            UndoEntry::of_steps(action, scope, vec![step])
        }
        Err(why) => UndoEntry::impossible(action, scope, &why),
    }
}

/// What a bulk run's notice adds when `count` of its changes are left out of its undo, `why` ([`cannot_clear`]).
pub fn left_out_of_undo(count: usize, why: &str) -> String {
    format!("Undo leaves out {}: {why}", super::counted(count, "user", "users"))
}

/// The user to add back after a removal: as read, without a `state` attribute.
pub fn inverse_remove(before: &User) -> User {
    User { state: None, ..before.clone() }
}

/// The partial users element that restores the admission settings `change` touched, from `before`. A list
/// that was absent comes back empty, which removes it; a join handling or admission policy that was absent
/// cannot be removed (`Err`: [`cannot_clear`]).
pub fn inverse_admission(before: &Users, change: &Users) -> Result<Users, String> {
    let mut inverse = Users::default();
    if change.join_handling.is_some() {
        inverse.join_handling = Some(before.join_handling.clone().ok_or_else(|| cannot_clear("join handling", "it"))?);
    }
    if change.user_admission_policy.is_some() {
        let policy = before.user_admission_policy.clone();
        inverse.user_admission_policy = Some(policy.ok_or_else(|| cannot_clear("admission policy", "it"))?);
    }
    if change.allowed_users_list.is_some() {
        inverse.allowed_users_list = Some(before.allowed_users_list.clone().unwrap_or_default());
    }
    if change.deny_users_list.is_some() {
        inverse.deny_users_list = Some(before.deny_users_list.clone().unwrap_or_default());
    }
    Ok(inverse)
}

/// The undo of the admission change `left.change`, made as `action` to the settings read as `before`: one
/// request, sent only while the server still has them as the change left them, or why there is none.
pub fn undo_admission(action: String, scope: Scope, me: &XconUserId, before: &Users, left: AdmissionLeft) -> UndoEntry {
    // Guarded either way: `left` also tells the Admission tab that the change is one of its own.
    match inverse_admission(before, &left.change) {
        Ok(inverse) => {
            let steps = vec![scope.update_users(me, inverse)];
            UndoEntry::new(action, scope, steps).guarded(left)
        }
        Err(why) => UndoEntry::impossible(action, scope, &why).guarded(left),
    }
}

/// The undo of a removal: what it put on the deny list taken off (when it also kept them out), then the user
/// added back, unless they are back already.
pub fn undo_remove(scope: &Scope, me: &ccmp::XconUserId, before: &User, denied: &[String]) -> Vec<UndoStep> {
    let mut steps = Vec::new();
    if !denied.is_empty() {
        steps.push(UndoStep::unban(scope, me, denied.to_vec()));
    }
    steps.push(add_back(scope, me, before));
    steps
}

/// The undo step that adds back `before`, removed from `scope`, unless they are back already.
pub fn add_back(scope: &Scope, me: &ccmp::XconUserId, before: &User) -> UndoStep {
    UndoStep::away(scope.add(me, inverse_remove(before)), before.clone())
}

/// How a run of an undo ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UndoEnd {
    Done,
    /// The moderator stopped it.
    Stopped,
    /// The server refused a request: the one at `at` (from 0) of those the undo had when it began.
    Refused {
        at: usize,
    },
    /// A request did not reach the server.
    Unreachable,
}

/// The users an undo passed over, sending nothing for them: gone since (not in the read before it, or a 420
/// on the way), or changed since by someone else, by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PassedOver {
    /// Gone since, by name: a moderator told only "2 were about users no longer in the conference" could not
    /// tell whom the undo left out.
    pub gone: Vec<String>,
    pub changed: Vec<String>,
    /// Removed, and back in the list since: not added twice.
    pub back: Vec<String>,
    /// Removed, and waiting to join again since.
    pub waiting: Vec<String>,
    /// Moved, and gone since from the room they were moved to: the removal from that room, answered 420.
    pub left_room: Vec<String>,
    /// The requests that would have brought back those of `left_room`: not sent.
    pub not_brought_back: usize,
    /// Moved, and the room they were moved to closed since: the removal from it, answered 404 (they are out of
    /// it, as the undo wants).
    pub room_closed: Vec<String>,
    /// Moved from a room of the conference that closed since: not put back in it (answered 404), and in the
    /// conference still (QA: the undo stopped there, and each Undo after met the same 404).
    pub from_room_closed: Vec<String>,
    /// The steps that had nothing left to take off the deny list (someone else took the names off since):
    /// not sent (QA: counted as "sent, and succeeded" with no request in the console).
    pub off_list: usize,
}

/// How many of those changed since a notice names; the others are counted.
const NAMED: usize = 10;

impl PassedOver {
    pub fn count(&self) -> usize {
        self.gone.len()
            + self.changed.len()
            + self.back.len()
            + self.waiting.len()
            + self.left_room.len()
            + self.not_brought_back
            + self.room_closed.len()
            + self.from_room_closed.len()
            + self.off_list
    }

    /// Whether any of those passed over was sent a request (and answered as the undo expects): else nothing
    /// was sent at all.
    fn sent_any(&self) -> bool {
        !(self.left_room.is_empty() && self.room_closed.is_empty() && self.from_room_closed.is_empty())
    }

    /// Whether someone the undo would have put back is left as they are now, changed since by someone else
    /// or gone from the room they were moved to: a warning, as the undo did not put back all of the change.
    fn left_alone(&self) -> bool {
        !self.changed.is_empty() || !self.left_room.is_empty() || !self.from_room_closed.is_empty()
    }

    /// What is said of those gone: `one was about Ann, no longer in the conference, and was passed over`.
    fn gone_clause(&self) -> Option<String> {
        let names = named(&self.gone)?;
        Some(match self.gone.len() {
            1 => format!("one was about {names}, no longer in the conference, and was passed over"),
            n => format!("{n} were about users no longer in the conference ({names}), and were passed over"),
        })
    }

    /// What is said of those changed since, by name: `Left as they are now, changed since by someone else:
    /// Hana Walsh 7.`; and of those back: `Not added back, in the conference again already: Bob.`
    fn by_name(&self) -> Option<String> {
        let changed =
            named(&self.changed).map(|n| format!("Left as they are now, changed since by someone else: {n}."));
        let back = named(&self.back).map(|n| format!("Not added back, in the conference again already: {n}."));
        let waiting = named(&self.waiting)
            .map(|n| format!("Not added back, waiting to join again (let them in from the waiting room): {n}."));
        let left_room = named(&self.left_room).map(|n| {
            if self.not_brought_back > 0 {
                format!("Not brought back, gone since from the room they were moved to: {n}.")
            } else {
                format!("Out of the room they were moved to already, gone from it since: {n}.")
            }
        });
        let room_closed =
            named(&self.room_closed).map(|n| format!("Out of the room they were moved to already, closed since: {n}."));
        let from_room_closed = named(&self.from_room_closed).map(|n| {
            format!("Not put back in the room they came from, closed since (they are in the conference): {n}.")
        });
        let off_list = (self.off_list > 0)
            .then(|| "Nothing to take off the deny list: someone else took it off already.".to_owned());
        let said: Vec<String> = [changed, back, waiting, left_room, room_closed, from_room_closed, off_list]
            .into_iter()
            .flatten()
            .collect();
        (!said.is_empty()).then(|| said.join(" "))
    }

    /// What a notice adds of them, sentences each with a space before (empty when none).
    fn said(&self) -> String {
        let gone = self.gone_clause().map(|c| format!(" {}{}.", c[..1].to_uppercase(), &c[1..]));
        gone.into_iter().chain(self.by_name().map(|s| format!(" {s}"))).collect()
    }

    /// The detail of an undo done, of `total` requests.
    fn done(&self, total: usize) -> String {
        let ok = total - self.count();
        let mut detail = match (self.count(), self.gone_clause()) {
            (0, _) => format!("All {total} requests succeeded."),
            // Counted over those sent: those passed over did not fail (QA: "3 of 4 succeeded" read as one
            // refused, and "3 of 4 requests were sent, and succeeded" as a riddle).
            (_, Some(gone)) => format!("{}; {gone}.", sent_all_succeeded(ok)),
            (_, None) => format!("{}.", sent_all_succeeded(ok)),
        };
        if let Some(changed) = self.by_name() {
            detail.push(' ');
            detail.push_str(&changed);
        }
        detail
    }
}

/// `Hana, Bob and Eve`, the first few of `names` (the others counted), each isolated; `None` when there are none.
fn named(names: &[String]) -> Option<String> {
    if names.is_empty() {
        return None;
    }
    let mut shown: Vec<String> = names.iter().take(NAMED).map(|n| super::bidi::isolate(n).into_owned()).collect();
    if names.len() > NAMED {
        shown.push(format!("{} more", names.len() - NAMED));
    }
    Some(match shown.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => shown.concat(),
    })
}

/// The notice of a run of the undo `action` (`Undo: Mute audio (50 users)`) of `total` requests that ended
/// as `end` after `sent` of them (`passed` of those passed over: about users gone or changed since). `None`
/// for an undo of one request done, whose own notice said it.
pub fn outcome_notice(action: &str, end: UndoEnd, total: usize, sent: usize, passed: &PassedOver) -> Option<Notice> {
    let left = total - sent;
    let (tone, title, detail) = match end {
        UndoEnd::Done if total == 1 && passed.count() == 0 => return None,
        // Nothing sent: said as such, a warning when someone else's change is why.
        UndoEnd::Done if passed.count() == total => {
            let tone = if passed.left_alone() { Tone::Warning } else { Tone::Info };
            let gone = match (passed.gone.len(), named(&passed.gone)) {
                (_, None) => String::new(),
                (1, Some(name)) => format!(" {name} is no longer in the conference."),
                (_, Some(names)) => format!(" No longer in the conference: {names}."),
            };
            let changed = passed.by_name().map(|s| format!(" {s}")).unwrap_or_default();
            // A removal from a room they had left was sent, and found them gone.
            let nothing = if passed.sent_any() { "Nothing was changed." } else { "Nothing was sent." };
            (tone, format!("{action}: not sent"), format!("{nothing}{gone}{changed}"))
        }
        // Someone else's change left as it is: a warning, as the undo did not put back all of the change.
        UndoEnd::Done => (
            if passed.left_alone() { Tone::Warning } else { Tone::Success },
            format!("{action}: done"),
            passed.done(total),
        ),
        UndoEnd::Unreachable => (
            Tone::Warning,
            format!("{action}: stopped, the server could not be reached"),
            format!(
                "{}Once it answers again, Undo sends the rest ({left} left).{}",
                if total > 1 { format!("{sent} of {total} were undone. ") } else { String::new() },
                passed.said()
            ),
        ),
        UndoEnd::Refused { at } => (
            Tone::Warning,
            format!("{action}: stopped"),
            format!(
                "{} The users were read again so that you can see where things stand; Undo tries again from the \
                 refused request.{}",
                if total > 1 {
                    format!("Request {} of {total} was refused.", at + 1)
                } else {
                    "It was refused.".into()
                },
                passed.said()
            ),
        ),
        UndoEnd::Stopped => (
            Tone::Warning,
            format!("{action}: stopped after {sent} of {total}"),
            format!("You stopped it; the other {left} were not sent. Undo sends them.{}", passed.said()),
        ),
    };
    Some(Notice::plain(tone, title, detail))
}

/// `3 requests sent, all succeeded`: the start of an undo's detail when some were passed over.
fn sent_all_succeeded(ok: usize) -> String {
    match ok {
        0 => "No request sent".to_owned(),
        1 => "1 request sent, and it succeeded".to_owned(),
        n => format!("{n} requests sent, all succeeded"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::user_changes::{media_change, name_change, roles_change};
    use ccmp::xcon::{AdmissionPolicy, DenyTarget, DenyUsersList, JoinHandling, Operation, Roles, UriEntry, Uris};
    use ccmp::{MessageKind, RequestBody};

    fn bob() -> User {
        User {
            display_text: Some("Bob".into()),
            roles: Some(Roles::new(["participant"])),
            endpoints: vec![Endpoint {
                media: vec![
                    Media { media_type: Some("audio".into()), status: Some(MediaStatus::SendRecv), ..Media::new("1") },
                    Media { media_type: Some("audio".into()), status: None, ..Media::new("2") },
                ],
                ..Endpoint::new("sip:bob@example.com")
            }],
            ..User::new("xcon-userid:bob@example.com")
        }
    }

    fn me() -> XconUserId {
        "xcon-userid:m@example.com".parse().unwrap()
    }

    fn conference() -> Scope {
        Scope::Conference { uri: "xcon:1@example.com".into() }
    }

    /// Every step of `entry`, checked against the schema: what an undo sends must validate.
    fn validates(entry: &UndoEntry) {
        for step in &entry.steps {
            crate::state::xmllint::validate(&step.request.to_xml()).unwrap();
        }
    }

    #[test]
    fn the_inverse_of_a_mute_restores_each_medium() {
        let change = media_change(&bob(), "audio", false).unwrap();
        validates(&undo_update("Mute audio of Bob".into(), conference(), &me(), &bob(), &change));
        let inverse = inverse_update(&bob(), &change).unwrap();
        assert_eq!(inverse.entity.as_deref(), Some("xcon-userid:bob@example.com"));
        let statuses: Vec<(&str, Option<MediaStatus>)> =
            inverse.endpoints[0].media.iter().map(|m| (m.id.as_str(), m.status)).collect();
        assert_eq!(statuses, [("1", Some(MediaStatus::SendRecv)), ("2", Some(MediaStatus::SendRecv))]);
        assert_eq!(inverse.endpoints[0].entity.as_deref(), Some("sip:bob@example.com"));
        assert_eq!((inverse.display_text.as_ref(), inverse.roles.as_ref()), (None, None), "only what changed");
    }

    #[test]
    fn the_inverse_of_a_role_or_name_change_is_the_old_value() {
        let promote = roles_change("xcon-userid:bob@example.com", vec!["moderator".into()]);
        let inverse = inverse_update(&bob(), &promote).unwrap();
        assert_eq!(inverse.roles.map(|r| r.entries), Some(vec!["participant".to_string()]));
        let undo = undo_update("Promote Bob".into(), conference(), &me(), &bob(), &promote);
        assert_eq!((undo.steps.len(), undo.impossible.as_deref()), (1, None));
        validates(&undo);
        let mut nameless = bob();
        nameless.display_text = None;
        let rename = name_change("xcon-userid:bob@example.com", "Robert");
        let inverse = inverse_update(&nameless, &rename).unwrap();
        assert_eq!(inverse.display_text.as_deref(), Some(""), "an empty element removes the name again");
        validates(&undo_update("Rename Bob".into(), conference(), &me(), &nameless, &rename));
    }

    #[test]
    fn roles_or_addresses_the_user_had_none_of_cannot_be_undone() {
        // Undone, a role given to someone who had none would be `<info:roles/>`, which the schema does not
        // allow (QA): no request, and why.
        let empty = User { roles: Some(Roles::new(Vec::<String>::new())), ..User::new("xcon-userid:bob@example.com") };
        assert!(crate::state::xmllint::validate(&conference().update(&me(), empty).to_xml()).is_err());
        let observer = roles_change("xcon-userid:bob@example.com", vec!["observer".into()]);
        for roles in [None, Some(Roles::new(Vec::<String>::new()))] {
            let roleless = User { roles, ..bob() };
            let why = "the server had no roles for them before, and CCMP cannot clear them.";
            assert_eq!(inverse_update(&roleless, &observer), Err(why.to_owned()));
            let undo = undo_update("Make Bob an observer".into(), conference(), &me(), &roleless, &observer);
            assert!(undo.steps.is_empty(), "{:?}", undo.steps);
            assert_eq!(undo.impossible, Some(format!("Not possible: {why}")));
        }
        let aors = User {
            associated_aors: Some(Uris::new(vec![UriEntry::new("sip:b@x")])),
            ..User::new("xcon-userid:bob@example.com")
        };
        assert!(inverse_update(&bob(), &aors).is_err());
        assert_eq!(
            left_out_of_undo(2, "the server had no roles for them before, and CCMP cannot clear them."),
            "Undo leaves out 2 users: the server had no roles for them before, and CCMP cannot clear them."
        );
    }

    #[test]
    fn the_inverse_of_an_admission_change_restores_only_what_it_touched() {
        let before = Users {
            join_handling: Some(JoinHandling::Allow),
            user_admission_policy: Some(AdmissionPolicy::ClosedAuthenticated),
            deny_users_list: Some(DenyUsersList {
                targets: vec![DenyTarget::new("sip:eve@example.com")],
                ..Default::default()
            }),
            ..Default::default()
        };
        let change = Users {
            join_handling: Some(JoinHandling::Block),
            deny_users_list: Some(DenyUsersList::default()),
            ..Default::default()
        };
        let inverse = inverse_admission(&before, &change).unwrap();
        assert_eq!(inverse.join_handling, Some(JoinHandling::Allow));
        assert_eq!(inverse.user_admission_policy, None, "untouched");
        assert_eq!(inverse.deny_users_list, before.deny_users_list);
        assert_eq!(inverse.allowed_users_list, None);
        assert!(inverse.unknown.elements().is_empty());
        let after = Users { join_handling: Some(JoinHandling::Block), ..Default::default() };
        let undo =
            undo_admission("Set join handling".into(), conference(), &me(), &before, AdmissionLeft { change, after });
        assert!(undo.left.is_some() && undo.impossible.is_none());
        validates(&undo);
    }

    #[test]
    fn a_join_handling_or_policy_the_server_had_none_of_cannot_be_undone() {
        // Undone, it would be `<xcon:join-handling/>` or `<xcon:user-admission-policy/>`, which the schema
        // does not allow (QA: the Undo of "Set join handling" sent it).
        let cases = [
            (
                Users { join_handling: Some(JoinHandling::Confirm), ..Default::default() },
                "join handling",
                "join-handling",
            ),
            (
                Users { user_admission_policy: Some(AdmissionPolicy::Anonymous), ..Default::default() },
                "admission policy",
                "user-admission-policy",
            ),
        ];
        for (change, what, element) in cases {
            let mut empty = Users::default();
            empty.unknown.push_element(ccmp::unknown::AnyElement::new(Some(ccmp::ns::XCON), element));
            assert!(crate::state::xmllint::validate(&conference().update_users(&me(), empty).to_xml()).is_err());
            let why = format!("the server had no {what} before, and CCMP cannot clear it.");
            assert_eq!(inverse_admission(&Users::default(), &change), Err(why.clone()));
            let left = AdmissionLeft { change: change.clone(), after: change };
            let undo = undo_admission("Set it".into(), conference(), &me(), &Users::default(), left);
            assert!(undo.steps.is_empty() && undo.left.is_some(), "{undo:?}");
            assert_eq!(undo.impossible, Some(format!("Not possible: {why}")));
            assert_eq!(undo.what(), "Set it", "the button still names the change");
        }
    }

    #[test]
    fn a_removal_is_undone_by_unbanning_then_adding_back() {
        let me: ccmp::XconUserId = "xcon-userid:m@example.com".parse().unwrap();
        let scope = Scope::Conference { uri: "xcon:1@example.com".into() };
        let mut gone = bob();
        gone.state = Some(ccmp::xcon::State::Full);
        let denied = ["sip:bob@example.com".to_owned()];
        let steps = undo_remove(&scope, &me, &gone, &denied);
        let kinds: Vec<(MessageKind, Option<Operation>)> =
            steps.iter().map(|s| (s.request.kind(), s.request.operation)).collect();
        assert_eq!(
            kinds,
            [(MessageKind::Users, Some(Operation::Update)), (MessageKind::User, Some(Operation::Create))]
        );
        let RequestBody::User(p) = &steps[1].request.body else { panic!() };
        let back = p.info.as_ref().unwrap();
        assert_eq!((back.entity.as_deref(), back.state), (Some("xcon-userid:bob@example.com"), None));
        assert_eq!(back.endpoints, bob().endpoints, "the whole user comes back");
        assert_eq!(undo_remove(&scope, &me, &gone, &[]).len(), 1);
        // What the removal put on the deny list comes off it, and only that: a ban made since by someone else
        // stays (QA: the whole list as it was before went back, and dropped it).
        let list = |uris: &[&str]| Users {
            deny_users_list: Some(DenyUsersList {
                targets: uris.iter().map(|u| DenyTarget::new(*u)).collect(),
                ..Default::default()
            }),
            ..Default::default()
        };
        let now = list(&["sip:BOB@example.com", "xcon-userid:spammer@example.com"]);
        let request = steps[0].request_now(&now).expect("Bob comes off the list");
        let RequestBody::Users(p) = &request.body else { panic!() };
        let sent = p.info.as_ref().and_then(|u| u.deny_users_list.as_ref()).unwrap();
        assert_eq!(sent.targets, [DenyTarget::new("xcon-userid:spammer@example.com")]);
        crate::state::xmllint::validate(&request.to_xml()).unwrap();
        assert_eq!(steps[0].request_now(&list(&["xcon-userid:spammer@example.com"])), None, "lifted already");
        assert_eq!(steps[1].request_now(&now).as_ref(), Some(&steps[1].request), "the add as it is");
        let emptied = steps[0].request_now(&list(&["sip:bob@example.com"])).expect("the list emptied");
        crate::state::xmllint::validate(&emptied.to_xml()).unwrap();
    }

    #[test]
    fn a_removed_user_back_in_the_list_is_not_added_twice() {
        let step = add_back(&conference(), &me(), &bob());
        let guard = step.guard.as_ref().expect("the add back checks the list first");
        let mut ann = bob();
        ann.entity = Some("xcon-userid:ann@example.com".into());
        ann.endpoints[0].entity = Some("sip:ann@example.com".into());
        assert_eq!(guard.since(&users(vec![ann])), Since::AsLeft, "still away");
        assert_eq!(guard.since(&users(vec![bob()])), Since::Back, "added back by someone else");
        let mut redialled = bob();
        redialled.entity = Some("xcon-userid:bob-2@example.com".into());
        redialled.endpoints[0].entity = Some("sip:bob@EXAMPLE.com;transport=tcp".into());
        assert_eq!(guard.since(&users(vec![redialled])), Since::Back, "rejoined, under another entity");
        assert_eq!(guard.single_entity(), None, "found by address: the whole list is read");
        let mut waiting = bob();
        waiting.endpoints[0].status = Some(ccmp::xcon::EndpointStatus::Pending);
        assert_eq!(guard.since(&users(vec![waiting])), Since::Waiting, "dialled in again, to the waiting room");
        let mut moderator = bob();
        moderator.roles = Some(Roles::new(["moderator"]));
        let guard = Guard::Away(moderator);
        assert_eq!(guard.name_in(&users(vec![bob()])), "Bob (participant now, was moderator)");
        assert_eq!(guard.name_in(&users(vec![])), "Bob");
        let passed = PassedOver { back: vec!["Bob".into()], ..Default::default() };
        let notice = outcome_notice("Undo: Remove (Bob)", UndoEnd::Done, 1, 1, &passed).unwrap();
        assert_eq!(notice.title, "Undo: Remove (Bob): not sent");
        assert!(notice.detail.contains("Not added back, in the conference again already: Bob."), "{}", notice.detail);
        // Kept out too, and taken off the deny list since by someone else: neither request is sent, and none
        // is counted as sent (QA).
        let passed = PassedOver { back: vec!["Bob".into()], off_list: 1, ..Default::default() };
        let notice = outcome_notice("Undo: Remove and keep out (Bob)", UndoEnd::Done, 2, 2, &passed).unwrap();
        assert_eq!(notice.title, "Undo: Remove and keep out (Bob): not sent");
        assert_eq!(
            notice.detail,
            "Nothing was sent. Not added back, in the conference again already: Bob. Nothing to take off the deny \
             list: someone else took it off already."
        );
    }

    #[test]
    fn each_end_of_an_undo_says_what_was_done_and_what_is_left() {
        let a = "Undo: Mute audio (3 users)";
        let none = PassedOver::default();
        assert_eq!(outcome_notice(a, UndoEnd::Done, 1, 1, &none), None, "one request: its own notice said it");
        let one_gone = PassedOver { gone: vec!["Ann".into()], ..Default::default() };
        let done = outcome_notice(a, UndoEnd::Done, 3, 3, &one_gone).unwrap();
        assert_eq!(done.title, "Undo: Mute audio (3 users): done");
        assert_eq!(
            done.detail,
            "2 requests sent, all succeeded; one was about Ann, no longer in the conference, and was passed over."
        );
        let cut = outcome_notice(a, UndoEnd::Unreachable, 3, 1, &none).unwrap();
        assert!(cut.detail.starts_with("1 of 3 were undone. Once it answers again") && cut.detail.contains("(2 left)"));
        let refused = outcome_notice(a, UndoEnd::Refused { at: 1 }, 3, 1, &none).unwrap();
        assert!(refused.detail.starts_with("Request 2 of 3 was refused."), "{}", refused.detail);
        let stopped = outcome_notice(a, UndoEnd::Stopped, 3, 1, &one_gone).unwrap();
        assert!(stopped.detail.ends_with(" One was about Ann, no longer in the conference, and was passed over."));
        assert_eq!(stopped.title, "Undo: Mute audio (3 users): stopped after 1 of 3");
    }

    #[test]
    fn an_undo_cut_short_names_what_is_left() {
        let me: ccmp::XconUserId = "xcon-userid:m@example.com".parse().unwrap();
        let scope = Scope::Conference { uri: "xcon:1@example.com".into() };
        let steps: Vec<Request> = (0..3).map(|_| scope.add(&me, bob())).collect();
        let entry = UndoEntry::new("Mute audio (3 users)", scope, steps);
        assert_eq!(entry.what(), "Mute audio (3 users)");
        let rest = entry.clone().remaining(&[true]);
        assert_eq!((rest.steps.len(), rest.what()), (2, "Mute audio (3 users), 2 of 3 left".to_owned()));
        assert_eq!(rest.clone().remaining(&[true; 9]).steps.len(), 0, "never more than there is");
        assert_eq!(rest.remaining(&[true]).what(), "Mute audio (3 users), 1 of 3 left", "counted from the first total");
        // Steps sent several at once end in any order: those not done are left, in their order.
        let mut numbered = entry;
        for (i, step) in numbered.steps.iter_mut().enumerate() {
            step.request.conference_password = Some(i.to_string());
        }
        let rest = numbered.remaining(&[true, false, true]);
        let left: Vec<Option<String>> = rest.steps.iter().map(|s| s.request.conference_password.clone()).collect();
        assert_eq!(left, [Some("1".to_owned())]);
    }

    #[test]
    fn an_admission_undo_is_held_back_only_by_a_later_change_to_what_it_puts_back() {
        use ccmp::xcon::{AllowedUsersList, JoinHandling, Target, TargetMethod};
        let list = |uris: &[&str]| AllowedUsersList {
            targets: uris.iter().map(|u| Target::new(*u, TargetMethod::DialIn)).collect(),
            ..Default::default()
        };
        let change = Users { allowed_users_list: Some(list(&["sip:a@x", "sip:b@x"])), ..Default::default() };
        let after = Users { join_handling: Some(JoinHandling::Confirm), ..change.clone() };
        let left = AdmissionLeft { change, after: after.clone() };
        assert_eq!(left.changed_since(&after), None);
        // The same list in another order, and a change to a setting the undo does not touch: nothing.
        let reordered = Users {
            allowed_users_list: Some(list(&["sip:b@x", "sip:a@x"])),
            join_handling: Some(JoinHandling::Block),
            ..Default::default()
        };
        assert_eq!(left.changed_since(&reordered), None);
        let added = Users { allowed_users_list: Some(list(&["sip:a@x", "sip:b@x", "sip:c@x"])), ..after.clone() };
        assert_eq!(left.changed_since(&added).as_deref(), Some("allowed users"));
        let both = AdmissionLeft {
            change: Users { join_handling: Some(JoinHandling::Allow), ..left.change.clone() },
            after: Users { join_handling: Some(JoinHandling::Allow), ..after },
        };
        assert_eq!(both.changed_since(&added).as_deref(), Some("join handling and allowed users"));
    }

    /// Hana, with her one audio medium `status`.
    fn hana(status: MediaStatus) -> User {
        let mut hana = bob();
        hana.entity = Some("xcon-userid:hana7@example.com".into());
        hana.display_text = Some("Hana Walsh 7".into());
        hana.endpoints[0].media.truncate(1);
        hana.endpoints[0].media[0].status = Some(status);
        hana
    }

    /// Hana as a mute left her.
    fn hana_muted() -> User {
        hana(MediaStatus::RecvOnly)
    }

    fn users(list: Vec<User>) -> Users {
        Users { users: list, ..Default::default() }
    }

    #[test]
    fn a_users_undo_step_goes_only_while_they_are_as_the_change_left_them() {
        // Hana had her voice; a run muted her.
        let before = hana(MediaStatus::SendRecv);
        let mute = media_change(&before, "audio", false).unwrap();
        let undo = undo_update("Mute audio of Hana Walsh 7".into(), conference(), &me(), &before, &mute);
        let guard = undo.steps[0].guard.as_ref().expect("the undo of a change to a user checks them first");
        assert!(undo.checks_users());
        assert_eq!(guard.name(), "Hana Walsh 7");
        assert_eq!(guard.since(&users(vec![hana_muted()])), Since::AsLeft);
        // A change to something the run did not set is no reason to leave the undo out.
        let renamed = User { display_text: Some("Hana W.".into()), ..hana_muted() };
        assert_eq!(guard.since(&users(vec![renamed])), Since::AsLeft);
        // Another moderator set her audio `inactive` since (QA): the undo would unmute her over it.
        assert_eq!(guard.since(&users(vec![hana(MediaStatus::Inactive)])), Since::Changed);
        assert_eq!(guard.since(&users(vec![bob()])), Since::Gone);
        // The entity compares as an XCON-USERID does, case aside.
        let shouting = User { entity: Some("XCON-USERID:HANA7@example.com".into()), ..hana_muted() };
        assert_eq!(guard.since(&users(vec![shouting])), Since::AsLeft);
    }

    #[test]
    fn an_admission_is_held_again_only_with_the_roles_they_waited_with() {
        use ccmp::xcon::EndpointStatus;
        let waiting = |status| User {
            roles: Some(Roles::new(["participant"])),
            endpoints: vec![Endpoint { status: Some(status), ..Endpoint::new("sip:zoe@example.com") }],
            ..User::new("xcon-userid:zoe@example.com")
        };
        let before = waiting(EndpointStatus::Pending);
        let admit = super::super::waiting::admit_change(&before).unwrap();
        let hold = super::super::waiting::hold_change(&admit);
        let step = UndoStep::of_change(conference().update(&me(), hold), &before, &admit);
        let guard = step.guard.as_ref().unwrap();
        assert_eq!(guard.since(&users(vec![waiting(EndpointStatus::Connected)])), Since::AsLeft);
        // A co-moderator made her a moderator since: she is not sent back to wait.
        let promoted = User { roles: Some(Roles::new(["moderator"])), ..waiting(EndpointStatus::Connected) };
        assert_eq!(guard.since(&users(vec![promoted])), Since::Changed);
        // Any other change keeps no roles to compare: a role changed since is no reason to leave out the undo
        // of a rename.
        let rename = User { display_text: Some("Zoë".into()), ..User::new("xcon-userid:zoe@example.com") };
        let step = UndoStep::of_change(conference().update(&me(), rename.clone()), &before, &rename);
        let promoted = User { display_text: Some("Zoë".into()), roles: Some(Roles::new(["moderator"])), ..before };
        assert_eq!(step.guard.as_ref().unwrap().since(&users(vec![promoted])), Since::AsLeft);
    }

    #[test]
    fn a_role_changed_again_since_is_left_as_it_is() {
        // A bulk "Make participant" gave m11 the role; someone else made them a moderator since.
        let m11 = User { roles: Some(Roles::new(["observer"])), ..User::new("xcon-userid:m11@example.com") };
        let change = roles_change("xcon-userid:m11@example.com", vec!["participant".into()]);
        let step = UndoStep::guarded(
            conference().update(&me(), inverse_update(&m11, &change).unwrap()),
            "m11".into(),
            change.clone(),
        );
        let guard = step.guard.as_ref().unwrap();
        let left = User { roles: Some(Roles::new(["participant"])), ..m11.clone() };
        assert_eq!(guard.since(&users(vec![left])), Since::AsLeft);
        let promoted = User { roles: Some(Roles::new(["moderator"])), ..m11 };
        assert_eq!(guard.since(&users(vec![promoted])), Since::Changed);
        // A plain request (a user added back, the deny list) is sent as it is.
        let plain = UndoEntry::new("Remove m11", conference(), vec![conference().remove(&me(), "xcon-userid:m11@x")]);
        assert!(!plain.checks_users());
    }

    #[test]
    fn the_undo_of_a_move_does_not_bring_back_who_left_the_room_since() {
        let scope = Scope::Conference { uri: "xcon:1@example.com".into() };
        let out = UndoStep::out_of(scope.remove(&me(), "xcon-userid:bob@example.com"), &bob());
        assert_eq!(out.out_of_room(), Some("xcon-userid:bob@example.com"));
        assert_eq!(out.brings_back(), None);
        let back = add_back(&scope, &me(), &bob());
        assert_eq!(back.brings_back(), Some("xcon-userid:bob@example.com"));
        // Moved from the conference's list out of Red: put back into Red, unless he left Blue since.
        let into = UndoStep::back_into(scope.add(&me(), bob()), &bob());
        assert_eq!(into.brings_back(), Some("xcon-userid:bob@example.com"));
        assert_eq!(into.guard.as_ref().map(|g| g.since(&users(vec![]))), Some(Since::AsLeft));
        // Bob left the room: his two requests (out of the room, back here) are one name, and the undo warns.
        let a = "Undo: Move to Blue (2 users)";
        let passed = PassedOver { left_room: vec!["Bob".into()], not_brought_back: 1, ..Default::default() };
        let done = outcome_notice(a, UndoEnd::Done, 4, 4, &passed).unwrap();
        assert_eq!(done.tone, Tone::Warning);
        assert_eq!(
            done.detail,
            "2 requests sent, all succeeded. Not brought back, gone since from the room they were moved \
             to: Bob."
        );
        let alone = outcome_notice("Undo: Move to Blue (1 user)", UndoEnd::Done, 2, 2, &passed).unwrap();
        assert_eq!(alone.title, "Undo: Move to Blue (1 user): not sent");
        assert!(alone.detail.starts_with("Nothing was changed. Not brought back"), "{}", alone.detail);
        // From the conference's list: Ann's room (Blue) closed since, Bob left Blue, and Cat's room before
        // (Red) closed since: each said, none counted as done (QA: "All 4 requests succeeded"), and the undo
        // warns of Cat, not put back.
        let passed = PassedOver {
            left_room: vec!["Bob".into()],
            room_closed: vec!["Ann".into()],
            from_room_closed: vec!["Cat".into()],
            ..Default::default()
        };
        let done = outcome_notice("Undo: Move to Blue (3 users)", UndoEnd::Done, 4, 4, &passed).unwrap();
        assert_eq!(done.tone, Tone::Warning);
        assert_eq!(
            done.detail,
            "1 request sent, and it succeeded. Out of the room they were moved to already, gone from it \
             since: Bob. Out of the room they were moved to already, closed since: Ann. Not put back in the room \
             they came from, closed since (they are in the conference): Cat."
        );
    }

    #[test]
    fn an_undo_names_whom_it_left_alone_and_says_who_is_gone() {
        let a = "Undo: Mute audio (1,422 users)";
        let passed =
            PassedOver { gone: vec!["Ivo".into()], changed: vec!["Hana Walsh 7".into()], ..Default::default() };
        let done = outcome_notice(a, UndoEnd::Done, 1422, 1422, &passed).unwrap();
        assert_eq!(done.tone, Tone::Warning, "not all of the change was put back");
        assert_eq!(
            done.detail,
            "1420 requests sent, all succeeded; one was about Ivo, no longer in the conference, and was passed \
             over. Left as they are now, changed since by someone else: Hana Walsh 7."
        );
        // Many are named up to a point, then counted.
        let many = PassedOver { changed: (1..=12).map(|i| format!("P{i}")).collect(), ..Default::default() };
        let detail = outcome_notice(a, UndoEnd::Done, 20, 20, &many).unwrap().detail;
        assert!(detail.ends_with("by someone else: P1, P2, P3, P4, P5, P6, P7, P8, P9, P10 and 2 more."), "{detail}");
        // The undo of one change, left out: it says so, where its own request's notice would have.
        let single = "Undo: Mute audio of Hana Walsh 7";
        let changed = PassedOver { changed: vec!["Hana Walsh 7".into()], ..Default::default() };
        let notice = outcome_notice(single, UndoEnd::Done, 1, 1, &changed).unwrap();
        assert_eq!(notice.title, "Undo: Mute audio of Hana Walsh 7: not sent");
        assert_eq!(
            notice.detail,
            "Nothing was sent. Left as they are now, changed since by someone else: Hana Walsh 7."
        );
        let hana = PassedOver { gone: vec!["Hana Walsh 7".into()], ..Default::default() };
        let gone = outcome_notice(single, UndoEnd::Done, 1, 1, &hana).unwrap();
        assert_eq!(gone.detail, "Nothing was sent. Hana Walsh 7 is no longer in the conference.");
        assert_eq!(gone.tone, Tone::Info);
    }
}
