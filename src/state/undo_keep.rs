//! The last change's Undo kept in the tab, for a reload: a moderator who reloads (or whose browser reloads the
//! tab) right after a removal by mistake still has its Undo (QA: it went with the reload, and the people with
//! it). Its requests, and the users its checks compare with, are kept as CCMP's own XML, written and read back
//! by the `ccmp` codec; the rest as JSON. Kept for one moderator on one server: nobody else gets it back.

use ccmp::xcon::{Conference, User, Users};
use serde::{Deserialize, Serialize};

use super::scope::Scope;
use super::undo::{AdmissionLeft, Guard, UndoEntry, UndoStep, UserLeft};

#[derive(Serialize, Deserialize)]
struct KeptUndo {
    server: String,
    user: String,
    label: String,
    scope: Scope,
    /// Each step's request (a whole ccmpRequest) and its check.
    steps: Vec<(String, Option<KeptGuard>)>,
    total: usize,
    /// [`AdmissionLeft`]: its change and the settings after it, each as a conference-info document.
    left: Option<(String, String)>,
    impossible: Option<String>,
    /// When the change was made (`Date.now()` ms): the Undo says how old it is, a reload or not.
    made_at: f64,
}

#[derive(Serialize, Deserialize)]
enum KeptGuard {
    /// [`Guard::Left`], its change as a conference-info document.
    Left {
        name: String,
        change: String,
        admitted_as: Option<Vec<String>>,
    },
    /// [`Guard::Away`], the user as a conference-info document.
    Away(String),
    Unban(Vec<String>),
    Out {
        entity: String,
        name: String,
    },
    BackInto {
        entity: String,
        name: String,
    },
}

/// `entry`, the Undo of a change made at `made_at` by `user` on `server`, as kept in the tab.
pub fn keep_undo(server: &str, user: &str, entry: &UndoEntry, made_at: f64) -> String {
    let kept = KeptUndo {
        server: server.to_owned(),
        user: user.to_owned(),
        label: entry.label.clone(),
        scope: entry.scope.clone(),
        steps: entry
            .steps
            .iter()
            .map(|s| (ccmp::encode_request(&s.request), s.guard.as_ref().map(kept_guard)))
            .collect(),
        total: entry.total,
        left: entry.left.as_ref().map(|l| (users_xml(&l.change), users_xml(&l.after))),
        impossible: entry.impossible.clone(),
        made_at,
    };
    serde_json::to_string(&kept).unwrap_or_default()
}

/// The Undo [`keep_undo`] kept, with when its change was made, for `user` on `server`: none for anyone else, or
/// when any part of it cannot be read back (kept by another version of the panel, say): an Undo with a step
/// missing would undo part of a change and say it was done.
pub fn restore_undo(kept: &str, server: &str, user: &str) -> Option<(UndoEntry, f64)> {
    let kept = serde_json::from_str::<KeptUndo>(kept).ok()?;
    if kept.server != server || !ccmp::xcon::merge::same_id(&kept.user, user) {
        return None;
    }
    let steps = kept
        .steps
        .into_iter()
        .map(|(request, guard)| {
            let request = ccmp::decode_request(&request).ok()?;
            let guard = match guard {
                Some(g) => Some(restored_guard(g)?),
                None => None,
            };
            Some(UndoStep { request, guard })
        })
        .collect::<Option<Vec<_>>>()?;
    let left = match kept.left {
        Some((change, after)) => Some(AdmissionLeft { change: users_of(&change)?, after: users_of(&after)? }),
        None => None,
    };
    let entry =
        UndoEntry { label: kept.label, scope: kept.scope, steps, total: kept.total, left, impossible: kept.impossible };
    Some((entry, kept.made_at))
}

fn kept_guard(guard: &Guard) -> KeptGuard {
    match guard {
        Guard::Left(UserLeft { name, change, admitted_as }) => {
            KeptGuard::Left { name: name.clone(), change: user_xml(change), admitted_as: admitted_as.clone() }
        }
        Guard::Away(user) => KeptGuard::Away(user_xml(user)),
        Guard::Unban(added) => KeptGuard::Unban(added.clone()),
        Guard::Out { entity, name } => KeptGuard::Out { entity: entity.clone(), name: name.clone() },
        Guard::BackInto { entity, name } => KeptGuard::BackInto { entity: entity.clone(), name: name.clone() },
    }
}

fn restored_guard(guard: KeptGuard) -> Option<Guard> {
    Some(match guard {
        KeptGuard::Left { name, change, admitted_as } => {
            Guard::Left(UserLeft { name, change: user_of(&change)?, admitted_as })
        }
        KeptGuard::Away(user) => Guard::Away(user_of(&user)?),
        KeptGuard::Unban(added) => Guard::Unban(added),
        KeptGuard::Out { entity, name } => Guard::Out { entity, name },
        KeptGuard::BackInto { entity, name } => Guard::BackInto { entity, name },
    })
}

/// A users element as a conference-info document that holds it alone.
fn users_xml(users: &Users) -> String {
    ccmp::codec::encode_conference_info(&Conference { users: Some(users.clone()), ..Conference::new("kept") })
}

fn users_of(xml: &str) -> Option<Users> {
    Some(ccmp::codec::decode_conference_info(xml).ok()?.users.unwrap_or_default())
}

fn user_xml(user: &User) -> String {
    users_xml(&Users { users: vec![user.clone()], ..Default::default() })
}

fn user_of(xml: &str) -> Option<User> {
    users_of(xml)?.users.into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::scope::SidebarKind;
    use ccmp::xcon::{Endpoint, Media, MediaStatus, Roles, State};
    use ccmp::XconUserId;

    const SERVER: &str = "http://127.0.0.1:8080/ccmp";

    fn me() -> XconUserId {
        XconUserId::new("xcon-userid:moderator@example.com").unwrap()
    }

    fn bob() -> User {
        User {
            display_text: Some("Bob <b>".into()),
            roles: Some(Roles::new(["participant"])),
            endpoints: vec![Endpoint {
                media: vec![Media {
                    media_type: Some("audio".into()),
                    status: Some(MediaStatus::RecvOnly),
                    ..Media::new("1")
                }],
                ..Endpoint::new("sip:bob@example.com")
            }],
            ..User::new("xcon-userid:bob@example.com")
        }
    }

    #[test]
    fn an_undo_comes_back_whole_for_the_same_moderator_on_the_same_server() {
        let scope = Scope::Conference { uri: "xcon:1@example.com".into() };
        let room = Scope::Sidebar {
            kind: SidebarKind::ByVal,
            uri: "xcon:r@example.com".into(),
            parent: "xcon:1@example.com".into(),
        };
        let mute = User { state: Some(State::Partial), ..bob() };
        let entry = UndoEntry::of_steps(
            "Remove and keep out (2 users)",
            scope.clone(),
            vec![
                UndoStep::unban(&scope, &me(), vec!["sip:bob@example.com".into()]),
                UndoStep::away(scope.add(&me(), bob()), bob()),
                UndoStep::of_change(scope.update(&me(), mute.clone()), &bob(), &mute),
                UndoStep::out_of(room.remove(&me(), "xcon-userid:bob@example.com"), &bob()),
                UndoStep::back_into(room.add(&me(), bob()), &bob()),
                scope.remove(&me(), "xcon-userid:ann@example.com").into(),
            ],
        );
        let kept = keep_undo(SERVER, "xcon-userid:moderator@example.com", &entry, 1234.0);
        let (back, made_at) = restore_undo(&kept, SERVER, "XCON-USERID:Moderator@example.com").unwrap();
        assert_eq!(back, entry);
        assert_eq!(made_at, 1234.0);
        assert!(restore_undo(&kept, "http://elsewhere/ccmp", "xcon-userid:moderator@example.com").is_none());
        assert!(restore_undo(&kept, SERVER, "xcon-userid:someone@example.com").is_none());
    }

    #[test]
    fn a_bulk_undo_of_eight_hundred_users_is_kept_in_less_than_a_megabyte() {
        // What `session::MAX_KEPT_UNDO` (1 MiB) lets through: a Mute of about 800 users (1.25 KB each).
        let scope = Scope::Conference { uri: "xcon:1@example.com".into() };
        let steps = (0..800)
            .map(|i| {
                let user = User { entity: Some(format!("xcon-userid:user{i}@example.com")), ..bob() };
                let change = crate::state::user_changes::media_change(&user, "audio", true).unwrap();
                UndoStep::of_change(scope.update(&me(), change.clone()), &user, &change)
            })
            .collect();
        let entry = UndoEntry::of_steps("Mute audio (800 users)", scope, steps);
        let kept = keep_undo(SERVER, "xcon-userid:moderator@example.com", &entry, 1.0);
        assert!(((1 << 19)..(1 << 20)).contains(&kept.len()), "{} bytes", kept.len());
    }

    #[test]
    fn an_undo_kept_unreadable_is_not_given_back_in_part() {
        let scope = Scope::Conference { uri: "xcon:1@example.com".into() };
        let entry = UndoEntry::new("Remove Bob", scope.clone(), vec![scope.add(&me(), bob())]);
        let kept = keep_undo(SERVER, "xcon-userid:moderator@example.com", &entry, 1.0);
        let broken = kept.replace("userRequest", "nothingRequest");
        assert!(restore_undo(&broken, SERVER, "xcon-userid:moderator@example.com").is_none());
        assert!(restore_undo("{", SERVER, "xcon-userid:moderator@example.com").is_none());
    }
}
