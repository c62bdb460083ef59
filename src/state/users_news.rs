//! What reads of a users list show changed, other than by this panel: who joined or asked to join, whose row
//! changed and in what, who left. CCMP has no push, so a co-moderator's mute or removal otherwise appears in
//! the table without a word (QA: "the table is right after each read, but nothing says 'Kim removed, Dave
//! muted'"). The news of successive reads adds up until the moderator dismisses it (QA: with the list read
//! every 10 s, each piece of news was gone before a moderator who looked away saw it). Said in a line under
//! the count and a word on the row, not in a live region: in a large event people join and leave at every
//! read, and a screen reader would hear nothing else.

use std::collections::{HashMap, HashSet};

use ccmp::xcon::Operation;
use ccmp::{Request, RequestBody};

use super::bidi::isolate;
use super::users::UserRow;

/// Stands for every user of a list in [`changed_by`]: a usersRequest change may change any of them (closing
/// a waiting room lets everyone in).
pub const EVERYONE: &str = "*";

/// The list (its URI key) and the users (their keys, or [`EVERYONE`]) a change request of this panel is
/// about; `None` for a read, or a request about no user. Whatever the panel sends is its own doing, however
/// it was sent (a row's button, a bulk run, an undo, a knock's notice): what the next read shows of those
/// users is not news from elsewhere.
pub fn changed_by(request: &Request) -> Option<(String, Vec<String>)> {
    if matches!(request.operation, None | Some(Operation::Retrieve)) {
        return None;
    }
    let list = super::uri_key(request.conf_obj_id.as_deref()?);
    let users = match &request.body {
        RequestBody::User(p) => vec![p.info.as_ref()?.entity.as_deref()?.trim().to_lowercase()],
        RequestBody::Users(_) => vec![EVERYONE.to_owned()],
        // A sidebar's users change through its own update (`Scope::sidebar_users`): those it names, or
        // everyone for its settings (QA: the undo of a move between rooms was told as someone joining).
        RequestBody::SidebarByVal(p) | RequestBody::SidebarByRef(p) => {
            let users = p.info.as_ref()?.users.as_ref()?;
            let named: Vec<String> =
                users.users.iter().filter_map(|u| Some(u.entity.as_deref()?.trim().to_lowercase())).collect();
            if named.is_empty() {
                vec![EVERYONE.to_owned()]
            } else {
                named
            }
        }
        _ => return None,
    };
    Some((list, users))
}

/// What became of the moderator between two reads of a conference's users, when it takes their say in it
/// away: someone else made them other than a moderator there, or took them out (QA: a co-moderator's
/// Demote showed as "Hana Ito: roles" on her own panel, which went on offering every button, each then
/// refused with 401).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MyStanding {
    /// Their roles now, none of them a managing one.
    Demoted(Vec<String>),
    /// Their entry is gone.
    Removed,
}

/// [`MyStanding`] of the moderator `me` (their confUserID) from `before` to `after`; `None` when they were not
/// in it before (a server's administrator need not be in the conference), when they keep their say, or when
/// this panel sent the change (`own`: they did it themselves). Taken out is told whatever their role was
/// just before (QA: demoted, then removed, the second step said nothing, and listed them as "Left").
pub fn my_standing(before: &[UserRow], after: &[UserRow], me: &str, own: &HashSet<String>) -> Option<MyStanding> {
    let me = me.trim().to_lowercase();
    if own.contains(&me) || own.contains(EVERYONE) {
        return None;
    }
    let was = before.iter().find(|r| r.key == me)?;
    match after.iter().find(|r| r.key == was.key) {
        None => Some(MyStanding::Removed),
        Some(now) if was.is_manager() && !now.is_manager() => Some(MyStanding::Demoted(now.roles.clone())),
        Some(_) => None,
    }
}

/// [`my_standing`] between two reads of a conference's users (the page's documents), from the moderator's own
/// entry alone: a list of 10,000 is not made into rows for it.
pub fn my_standing_in(
    before: &[ccmp::xcon::User],
    after: &[ccmp::xcon::User],
    me: &str,
    own: &HashSet<String>,
) -> Option<MyStanding> {
    let mine = |users| my_row(users, me).into_iter().collect::<Vec<_>>();
    my_standing(&mine(before), &mine(after), me, own)
}

/// Whether the moderator `me` manages the conference whose users are `users`; `None` when they are not in it.
pub fn manages_in(users: &[ccmp::xcon::User], me: &str) -> Option<bool> {
    my_row(users, me).map(|row| row.is_manager())
}

/// The row of the moderator `me` (their confUserID) among `users`, made for them alone.
fn my_row(users: &[ccmp::xcon::User], me: &str) -> Option<UserRow> {
    let me = me.trim().to_lowercase();
    let at = users.iter().enumerate().find(|(i, u)| UserRow::has_key(u, *i, &me));
    at.map(|(i, u)| UserRow::new(u, i))
}

/// At most this many names per kind of news; the rest are counted.
const NAMED: usize = 5;

/// A user the news is about: their key and name.
type Who = (String, String);

/// A user whose row changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub key: String,
    pub name: String,
    /// What changed (`audio`, `roles`...), each with its value before the first change told ([`field_value`]).
    pub what: Vec<(&'static str, String)>,
    /// Their name before a rename.
    pub renamed: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UsersNews {
    /// When the first piece of news came (ISO 8601), for "since …".
    pub since: Option<String>,
    /// Those who joined.
    pub joined: Vec<Who>,
    /// Those who asked to join and wait (a waiting room's newcomers).
    pub waiting: Vec<Who>,
    /// Those whose row changed.
    pub changed: Vec<Changed>,
    /// Those who left.
    pub left: Vec<Who>,
}

impl UsersNews {
    /// The news between two reads, leaving out the users this panel changed meanwhile (`own`, by key): its
    /// copy had them changed already, and the server may write a change a little otherwise.
    pub fn between(before: &[UserRow], after: &[UserRow], own: &HashSet<String>) -> UsersNews {
        let old: HashMap<&str, &UserRow> = before.iter().map(|r| (r.key.as_str(), r)).collect();
        let new: HashSet<&str> = after.iter().map(|r| r.key.as_str()).collect();
        let mut news = UsersNews::default();
        for row in after.iter().filter(|r| !own.contains(&r.key)) {
            let who = (row.key.clone(), row.name.clone());
            match old.get(row.key.as_str()) {
                None if row.pending => news.waiting.push(who),
                None => news.joined.push(who),
                Some(was) => {
                    let what = what_changed(was, row);
                    if !what.is_empty() {
                        let renamed = (was.name != row.name).then(|| was.name.clone());
                        news.changed.push(Changed { key: who.0, name: who.1, what, renamed });
                    }
                }
            }
        }
        news.left = before
            .iter()
            .filter(|r| !new.contains(r.key.as_str()) && !own.contains(&r.key))
            .map(|r| (r.key.clone(), r.name.clone()))
            .collect();
        news
    }

    /// This news followed by `newer`'s, from a later read (at `at`): someone who came and went is told as
    /// gone, someone admitted meanwhile as joined, and a user's changes add up.
    pub fn then(mut self, newer: UsersNews, at: &str) -> UsersNews {
        if newer.is_empty() {
            return self;
        }
        let gone = |key: &str| newer.left.iter().any(|(k, _)| k == key);
        let admitted =
            |key: &str| newer.changed.iter().any(|c| c.key == key && c.what.iter().any(|(w, _)| *w == "admitted"));
        self.joined.retain(|(k, _)| !gone(k));
        self.changed.retain(|c| !gone(&c.key));
        let (admitted_now, still): (Vec<Who>, Vec<Who>) = self.waiting.into_iter().partition(|(k, _)| admitted(k));
        self.waiting = still.into_iter().filter(|(k, _)| !gone(k)).collect();
        self.joined.extend(admitted_now);
        let back = |key: &str| newer.joined.iter().chain(&newer.waiting).any(|(k, _)| k == key);
        self.left.retain(|(k, _)| !back(k));
        for Changed { key, name, what, renamed } in newer.changed {
            // Admitted from the waiting room told above, as joined.
            if self.joined.iter().any(|(k, _)| *k == key) {
                continue;
            }
            match self.changed.iter_mut().find(|c| c.key == key) {
                Some(entry) => {
                    entry.name = name;
                    // A field changed again keeps the value it had before the first change.
                    for (w, was) in what {
                        if !entry.what.iter().any(|(e, _)| *e == w) {
                            entry.what.push((w, was));
                        }
                    }
                    entry.renamed = entry.renamed.take().or(renamed);
                }
                None => self.changed.push(Changed { key, name, what, renamed }),
            }
        }
        self.joined.extend(newer.joined);
        self.waiting.extend(newer.waiting);
        self.left.extend(newer.left);
        self.since = self.since.or_else(|| Some(at.to_owned()));
        self
    }

    /// Brings the news up to the read `rows`: a field back at the value it had before its first change told
    /// goes, and a user with none left (QA: a co-moderator's mute, undone, still read "Dan: audio on"). The
    /// moderator's own undo is such a change: the read after it leaves its users out of the news. Whether
    /// anything went (as `elsewhere::settle` says of the banner).
    pub fn settle(&mut self, rows: &[UserRow]) -> bool {
        let before = self.clone();
        // Someone asking to join who no longer waits (let in or turned away, from here or elsewhere) is
        // no longer news of that kind (QA: "Asking to join: Kai" stayed after he was turned away).
        self.waiting.retain(|(key, _)| rows.iter().any(|r| r.key == *key && r.pending));
        self.changed.retain_mut(|Changed { key, what, renamed, .. }| {
            let Some(row) = rows.iter().find(|r| r.key == *key) else { return true };
            what.retain(|(w, was)| field_value(row, w) != *was);
            if !what.iter().any(|(w, _)| *w == "name") {
                *renamed = None;
            }
            !what.is_empty()
        });
        if self.is_empty() {
            self.since = None;
        }
        *self != before
    }

    pub fn is_empty(&self) -> bool {
        self.joined.is_empty() && self.waiting.is_empty() && self.changed.is_empty() && self.left.is_empty()
    }

    /// The word for the row `key`: `new` or `changed`.
    pub fn mark(&self, key: &str) -> Option<&'static str> {
        if self.joined.iter().chain(&self.waiting).any(|(k, _)| k == key) {
            Some("new")
        } else if self.changed.iter().any(|c| c.key == key) {
            Some("changed")
        } else {
            None
        }
    }

    /// What a screen reader says of this news as it comes: the changes to users already there (a co-moderator's
    /// mute, a new role, a rename), each with what it is now (`rows`, the read that brought the news: "audio
    /// muted", not "audio", which said nothing of which way it went, QA); not who joined or left, which in a
    /// large event is every read. Empty without such changes.
    pub fn spoken(&self, rows: &[UserRow]) -> String {
        if self.changed.is_empty() {
            return String::new();
        }
        format!("Changed elsewhere: {}.", named(self.changes_said(rows), self.changed.len(), "; "))
    }

    /// Each user changed, with what changed as it is now in `rows` (`Dave Chen: audio muted`, `Hana: roles
    /// participant`), or in words alone for those not in them (QA: "Hana Ito: roles" told her neither that she
    /// was demoted nor to what).
    fn changes_said<'a>(&'a self, rows: &'a [UserRow]) -> impl Iterator<Item = String> + 'a {
        self.changed.iter().map(move |Changed { key, name, what, renamed }| {
            let row = rows.iter().find(|r| r.key == *key);
            let what: Vec<String> = what
                .iter()
                .map(|(w, _)| match (*w, row) {
                    ("audio", Some(r)) => format!("audio {}", r.audio.audio_word()),
                    ("video", Some(r)) => format!("video {}", r.video.video_word()),
                    ("roles", Some(r)) => format!("roles {}", r.roles.join(", ")),
                    (w, _) => w.to_owned(),
                })
                .collect();
            // Names are the server's text: each one's own direction stays inside it (`super::bidi`).
            match renamed {
                Some(was) => format!("{} (was {}): {}", isolate(name), isolate(was), what.join(", ")),
                None => format!("{}: {}", isolate(name), what.join(", ")),
            }
        })
    }

    /// `Alice Martin: roles; Carol D. (was Carol Diaz): name. Joined: Ann Lee. Asking to join: Kim. Left: Lee
    /// Park.`: what follows "Changed elsewhere since …"; empty when nothing is new.
    pub fn summary(&self) -> String {
        self.summary_in(&[])
    }

    /// The same, with what changed as it is now in `rows`: `Alice Martin: roles moderator`.
    pub fn summary_in(&self, rows: &[UserRow]) -> String {
        let mut parts = Vec::new();
        if !self.changed.is_empty() {
            parts.push(format!("{}.", named(self.changes_said(rows), self.changed.len(), "; ")));
        }
        for (label, list) in [("Joined", &self.joined), ("Asking to join", &self.waiting), ("Left", &self.left)] {
            if !list.is_empty() {
                parts.push(format!(
                    "{label}: {}.",
                    named(list.iter().map(|(_, n)| isolate(n).into_owned()), list.len(), ", ")
                ));
            }
        }
        parts.join(" ")
    }
}

/// The first [`NAMED`] of `names`, joined by `between`, then how many more.
fn named(names: impl Iterator<Item = String>, total: usize, between: &str) -> String {
    let first: Vec<String> = names.take(NAMED).collect();
    match total.saturating_sub(first.len()) {
        0 => first.join(between),
        more => format!("{} and {more} more", first.join(between)),
    }
}

/// What differs between two reads of one user's row, in words, each with its value in `was`.
fn what_changed(was: &UserRow, now: &UserRow) -> Vec<(&'static str, String)> {
    let fields = [
        (was.name != now.name, "name"),
        (was.roles != now.roles, "roles"),
        (was.pending && !now.pending, "admitted"),
        (was.status != now.status && was.pending == now.pending, "status"),
        (was.audio != now.audio, "audio"),
        (was.video != now.video, "video"),
        (was.other_media != now.other_media, "media"),
    ];
    fields.into_iter().filter(|(differs, _)| *differs).map(|(_, word)| (word, field_value(was, word))).collect()
}

/// The value of the field `word` (of [`what_changed`]) in `row`, to compare.
fn field_value(row: &UserRow, word: &str) -> String {
    match word {
        "name" => row.name.clone(),
        "roles" => row.roles.join(", "),
        "admitted" => (!row.pending).to_string(),
        "status" => row.status.clone(),
        "audio" => row.audio.audio_word().to_owned(),
        "video" => row.video.video_word().to_owned(),
        _ => row.other_media.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ccmp::xcon::{Endpoint, EndpointStatus, Media, MediaStatus, Roles, User};

    fn user(id: &str, name: &str, audio: MediaStatus) -> User {
        let mut endpoint = Endpoint::new(format!("sip:{id}@example.com"));
        endpoint.status = Some(EndpointStatus::Connected);
        endpoint.media = vec![Media { media_type: Some("audio".into()), status: Some(audio), ..Media::new("1") }];
        User {
            entity: Some(format!("xcon-userid:{id}@example.com")),
            display_text: Some(name.into()),
            roles: Some(Roles { entries: vec!["participant".into()], ..Default::default() }),
            endpoints: vec![endpoint],
            ..Default::default()
        }
    }

    fn waiting(id: &str, name: &str) -> User {
        let mut u = user(id, name, MediaStatus::SendRecv);
        u.endpoints[0].status = Some(EndpointStatus::Pending);
        u
    }

    fn rows(users: &[User]) -> Vec<UserRow> {
        super::super::users::rows_of(users)
    }

    fn key(id: &str) -> String {
        format!("xcon-userid:{id}@example.com")
    }

    #[test]
    fn a_read_tells_who_joined_changed_and_left_but_not_what_this_panel_did() {
        let before = rows(&[
            user("dave", "Dave Chen", MediaStatus::SendRecv),
            user("kim", "Kim Lee", MediaStatus::SendRecv),
            user("lee", "Lee Park", MediaStatus::SendRecv),
            user("me", "Mo", MediaStatus::SendRecv),
            user("cd", "Carol Diaz", MediaStatus::SendRecv),
        ]);
        let after = rows(&[
            user("dave", "Dave Chen", MediaStatus::RecvOnly),
            user("kim", "Kim Lee", MediaStatus::SendRecv),
            user("ann", "Ann Lee", MediaStatus::SendRecv),
            user("me", "Mo", MediaStatus::RecvOnly),
            user("cd", "Carol D.", MediaStatus::SendRecv),
            waiting("zed", "Zed"),
        ]);
        let news = UsersNews::between(&before, &after, &HashSet::from([key("me")]));
        assert_eq!(
            news.summary(),
            "Dave Chen: audio; Carol D. (was Carol Diaz): name. Joined: Ann Lee. Asking to join: Zed. Left: Lee Park."
        );
        // Said aloud: the changes, with what they are now, not the comings and goings.
        assert_eq!(news.spoken(&after), "Changed elsewhere: Dave Chen: audio muted; Carol D. (was Carol Diaz): name.");
        assert!(news.summary_in(&after).starts_with("Dave Chen: audio muted; Carol D."), "{}", news.summary_in(&after));
        assert_eq!(UsersNews { changed: Vec::new(), ..news.clone() }.spoken(&after), "");
        assert_eq!(news.mark(&key("dave")), Some("changed"));
        assert_eq!(news.mark(&key("ann")), Some("new"));
        assert_eq!(news.mark(&key("kim")), None);
        assert_eq!(news.mark(&key("me")), None, "this panel's own change");
        assert!(UsersNews::between(&after, &after, &HashSet::new()).is_empty());
    }

    #[test]
    fn the_moderator_learns_that_someone_else_took_their_say_away() {
        let with = |roles: &[&str]| {
            let mut me = user("me", "Mo", MediaStatus::SendRecv);
            me.roles = Some(Roles { entries: roles.iter().map(|r| r.to_string()).collect(), ..Default::default() });
            me
        };
        let none = HashSet::new();
        let (moderator, participant) = (rows(&[with(&["moderator"])]), rows(&[with(&["participant"])]));
        let me = "XCON-USERID:me@example.com ";
        assert_eq!(
            my_standing(&moderator, &participant, me, &none),
            Some(MyStanding::Demoted(vec!["participant".into()]))
        );
        assert_eq!(my_standing(&moderator, &[], me, &none), Some(MyStanding::Removed));
        assert_eq!(my_standing(&moderator, &moderator, me, &none), None, "still a moderator");
        assert_eq!(my_standing(&participant, &[], me, &none), Some(MyStanding::Removed), "demoted before");
        assert_eq!(my_standing(&participant, &participant, me, &none), None, "no moderator there before");
        assert_eq!(my_standing(&[], &participant, me, &none), None, "not in it before");
        assert_eq!(my_standing(&moderator, &participant, me, &HashSet::from([key("me")])), None, "their own doing");
    }

    #[test]
    fn a_change_undone_is_news_no_longer() {
        let dan = |audio| rows(&[user("dan", "Dan", audio), user("kim", "Kim", MediaStatus::SendRecv)]);
        let (on, muted) = (dan(MediaStatus::SendRecv), dan(MediaStatus::RecvOnly));
        let mut news = UsersNews::default().then(UsersNews::between(&on, &muted, &HashSet::new()), "10:00");
        assert!(!news.settle(&muted), "nothing back as it was");
        assert_eq!(news.summary_in(&muted), "Dan: audio muted.");
        // Muted again elsewhere and back: the value first seen is kept, and the news goes with it.
        let again = UsersNews::between(&muted, &on, &HashSet::new());
        news = news.then(again, "10:01");
        assert!(news.settle(&on), "back as first seen");
        assert!(news.is_empty(), "{news:?}");
        assert_eq!(news.since, None, "the next news starts its own time");
        // Someone asking to join, turned away since: no longer news.
        let (without, with_zoe) = (dan(MediaStatus::SendRecv), {
            let mut users = vec![user("dan", "Dan", MediaStatus::SendRecv), user("kim", "Kim", MediaStatus::SendRecv)];
            users.push(waiting("zoe", "Zoe"));
            rows(&users)
        });
        let mut news = UsersNews::default().then(UsersNews::between(&without, &with_zoe, &HashSet::new()), "10:03");
        assert_eq!(news.summary(), "Asking to join: Zoe.");
        news.settle(&without);
        assert!(news.is_empty(), "{news:?}");
        // Undone by the moderator here: the read leaves Dan out, and settles what was said.
        let mut news = UsersNews::default().then(UsersNews::between(&on, &muted, &HashSet::new()), "10:02");
        news.settle(&on);
        assert!(news.is_empty(), "{news:?}");
    }

    #[test]
    fn the_news_of_later_reads_adds_up() {
        let none = HashSet::new();
        let first = rows(&[user("dave", "Dave", MediaStatus::SendRecv), user("lee", "Lee", MediaStatus::SendRecv)]);
        let second = rows(&[
            user("dave", "Dave", MediaStatus::RecvOnly),
            user("lee", "Lee", MediaStatus::SendRecv),
            waiting("zed", "Zed"),
            user("ann", "Ann", MediaStatus::SendRecv),
        ]);
        let mut dave = user("dave", "Dave", MediaStatus::RecvOnly);
        dave.roles = Some(Roles { entries: vec!["moderator".into()], ..Default::default() });
        let third = rows(&[dave, user("zed", "Zed", MediaStatus::SendRecv), user("bo", "Bo", MediaStatus::SendRecv)]);
        let news = UsersNews::default()
            .then(UsersNews::between(&first, &second, &none), "t1")
            .then(UsersNews::between(&second, &third, &none), "t2")
            .then(UsersNews::between(&third, &third, &none), "t3");
        // Dave's changes add up; Zed, admitted, joined; Ann came and went; Lee left.
        assert_eq!(news.summary(), "Dave: audio, roles. Joined: Zed, Bo. Left: Lee, Ann.");
        assert_eq!(news.since.as_deref(), Some("t1"));
    }

    #[test]
    fn what_this_panel_sends_is_its_own_doing() {
        let me: ccmp::XconUserId = "xcon-userid:me@example.com".parse().expect("an id");
        let mute = Request::user(
            &me,
            "XCON:Room@example.com",
            Operation::Update,
            Some(user("Dan", "Dan", MediaStatus::RecvOnly)),
        );
        assert_eq!(changed_by(&mute), Some(("xcon:room@example.com".to_owned(), vec![key("dan")])));
        let users = Request::users_update(&me, "xcon:room@example.com", ccmp::xcon::Users::default());
        assert_eq!(changed_by(&users).map(|(_, u)| u), Some(vec![EVERYONE.to_owned()]));
        assert_eq!(changed_by(&Request::users_retrieve(&me, "xcon:room@example.com")), None, "a read");
        // A breakout room's users, through the room's own update.
        let into_room = ccmp::xcon::Conference {
            users: Some(ccmp::xcon::Users {
                users: vec![user("Erin", "Erin", MediaStatus::SendRecv)],
                ..Default::default()
            }),
            ..ccmp::xcon::Conference::new("xcon:red@example.com")
        };
        let moved = Request::sidebar_by_val(&me, "xcon:Red@example.com", Operation::Update, Some(into_room));
        assert_eq!(changed_by(&moved), Some(("xcon:red@example.com".to_owned(), vec![key("erin")])));
        let renamed = Request::sidebar_by_val(
            &me,
            "xcon:red@example.com",
            Operation::Update,
            Some(ccmp::xcon::Conference::new("xcon:red@example.com")),
        );
        assert_eq!(changed_by(&renamed), None, "a change about no user");
    }

    #[test]
    fn many_are_counted_after_the_first_five() {
        let after: Vec<User> =
            (0..8).map(|i| user(&format!("p{i}"), &format!("P{i}"), MediaStatus::SendRecv)).collect();
        let news = UsersNews::between(&[], &rows(&after), &HashSet::new());
        assert_eq!(news.summary(), "Joined: P0, P1, P2, P3, P4 and 3 more.");
    }

    #[test]
    fn a_name_cannot_turn_the_line_around_it() {
        let after =
            rows(&[user("k", "Knocker\u{202e} 123", MediaStatus::SendRecv), user("z", "Zoë", MediaStatus::SendRecv)]);
        let news = UsersNews::between(&[], &after, &HashSet::new());
        assert_eq!(news.summary(), "Joined: \u{2068}Knocker\u{202e} 123\u{2069}, Zoë.");
    }
}
