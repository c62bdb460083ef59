//! What a read of a users list shows changed since the read before it, other than by this panel: who
//! joined, whose row changed and in what, who left. CCMP has no push, so a co-moderator's mute or removal
//! otherwise appears in the table without a word (QA: "the table is right after each read, but nothing says
//! 'Kim removed, Dave muted'"). Said in a line under the count and a word on the row, not in a live region:
//! in a large event people join and leave at every read, and a screen reader would hear nothing else.

use std::collections::{HashMap, HashSet};

use super::users::UserRow;

/// At most this many names per kind of news; the rest are counted.
const NAMED: usize = 5;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UsersNews {
    /// Keys and names of those who joined.
    pub joined: Vec<(String, String)>,
    /// Keys and names of those whose row changed, with what changed (`audio`, `roles`...).
    pub changed: Vec<(String, String, Vec<&'static str>)>,
    /// Names of those who left.
    pub left: Vec<String>,
}

impl UsersNews {
    /// The news between two reads, leaving out the users this panel changed meanwhile (`own`, by key): its
    /// copy had them changed already, and the server may write a change a little otherwise.
    pub fn between(before: &[UserRow], after: &[UserRow], own: &HashSet<String>) -> UsersNews {
        let old: HashMap<&str, &UserRow> = before.iter().map(|r| (r.key.as_str(), r)).collect();
        let new: HashSet<&str> = after.iter().map(|r| r.key.as_str()).collect();
        let mut news = UsersNews::default();
        for row in after.iter().filter(|r| !own.contains(&r.key)) {
            match old.get(row.key.as_str()) {
                None => news.joined.push((row.key.clone(), row.name.clone())),
                Some(was) => {
                    let what = what_changed(was, row);
                    if !what.is_empty() {
                        news.changed.push((row.key.clone(), row.name.clone(), what));
                    }
                }
            }
        }
        news.left = before
            .iter()
            .filter(|r| !new.contains(r.key.as_str()) && !own.contains(&r.key))
            .map(|r| r.name.clone())
            .collect();
        news
    }

    pub fn is_empty(&self) -> bool {
        self.joined.is_empty() && self.changed.is_empty() && self.left.is_empty()
    }

    /// The word for the row `key`: `new` or `changed`.
    pub fn mark(&self, key: &str) -> Option<&'static str> {
        if self.joined.iter().any(|(k, _)| k == key) {
            Some("new")
        } else if self.changed.iter().any(|(k, ..)| k == key) {
            Some("changed")
        } else {
            None
        }
    }

    /// `Changed elsewhere since the read before: Dave Chen: audio; Kim Lee: roles. Joined: Ann Lee. Left:
    /// Lee Park.`; empty when nothing is new.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if !self.changed.is_empty() {
            let names = self.changed.iter().map(|(_, name, what)| format!("{name}: {}", what.join(", ")));
            parts.push(format!("Changed elsewhere since the read before: {}.", named(names, self.changed.len(), "; ")));
        }
        if !self.joined.is_empty() {
            let names = self.joined.iter().map(|(_, n)| n.clone());
            parts.push(format!("Joined: {}.", named(names, self.joined.len(), ", ")));
        }
        if !self.left.is_empty() {
            parts.push(format!("Left: {}.", named(self.left.iter().cloned(), self.left.len(), ", ")));
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

/// What differs between two reads of one user's row, in words.
fn what_changed(was: &UserRow, now: &UserRow) -> Vec<&'static str> {
    let fields = [
        (was.name != now.name, "name"),
        (was.roles != now.roles, "roles"),
        (was.pending != now.pending, "admitted"),
        (was.status != now.status && was.pending == now.pending, "status"),
        (was.audio != now.audio, "audio"),
        (was.video != now.video, "video"),
        (was.other_media != now.other_media, "media"),
    ];
    fields.into_iter().filter(|(differs, _)| *differs).map(|(_, word)| word).collect()
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

    fn rows(users: &[User]) -> Vec<UserRow> {
        super::super::users::rows_of(users)
    }

    #[test]
    fn a_read_tells_who_joined_changed_and_left_but_not_what_this_panel_did() {
        let before = rows(&[
            user("dave", "Dave Chen", MediaStatus::SendRecv),
            user("kim", "Kim Lee", MediaStatus::SendRecv),
            user("lee", "Lee Park", MediaStatus::SendRecv),
            user("me", "Mo", MediaStatus::SendRecv),
        ]);
        let after = rows(&[
            user("dave", "Dave Chen", MediaStatus::RecvOnly),
            user("kim", "Kim Lee", MediaStatus::SendRecv),
            user("ann", "Ann Lee", MediaStatus::SendRecv),
            user("me", "Mo", MediaStatus::RecvOnly),
        ]);
        let own = HashSet::from(["xcon-userid:me@example.com".to_owned()]);
        let news = UsersNews::between(&before, &after, &own);
        assert_eq!(
            news.summary(),
            "Changed elsewhere since the read before: Dave Chen: audio. Joined: Ann Lee. Left: Lee Park."
        );
        assert_eq!(news.mark("xcon-userid:dave@example.com"), Some("changed"));
        assert_eq!(news.mark("xcon-userid:ann@example.com"), Some("new"));
        assert_eq!(news.mark("xcon-userid:kim@example.com"), None);
        assert_eq!(news.mark("xcon-userid:me@example.com"), None, "this panel's own change");
        assert!(UsersNews::between(&after, &after, &HashSet::new()).is_empty());
    }

    #[test]
    fn many_are_counted_after_the_first_five() {
        let after: Vec<User> =
            (0..8).map(|i| user(&format!("p{i}"), &format!("P{i}"), MediaStatus::SendRecv)).collect();
        let news = UsersNews::between(&[], &rows(&after), &HashSet::new());
        assert_eq!(news.summary(), "Joined: P0, P1, P2, P3, P4 and 3 more.");
    }
}
