//! Sidebars and breakout rooms: the document a new sidebar is created from (its name, its own media and
//! its users), and how "split into N rooms" shares the selected users out.

use ccmp::xcon::{AvailableMedia, Conference, ConferenceDescription, Endpoint, MediaEntry, User, Users};

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use super::scope::{Scope, SidebarKind};
use super::uri_key;
use super::users::{is_type, UserRow};
use super::waiting::is_pending;

/// The media a sidebar can have of its own.
pub const MEDIA_TYPES: [&str; 3] = ["audio", "video", "text"];

/// Who is in which breakout rooms: each user's key (`UserRow::key_of`: their entity) with every room they are
/// in, by value first. Who is where, in the conference's users table (QA: a moderator had to open each room in
/// turn), and where a move from that table takes them out of.
pub type Whereabouts = std::collections::HashMap<String, Vec<InRoom>>;

/// Who of the conference `conf` is in which of its breakout rooms by value (they come with its document).
pub fn rooms_of(conf: &Conference) -> Whereabouts {
    let mut out = Whereabouts::new();
    for room in conf.sidebars_by_val.iter().flat_map(|s| &s.entries) {
        add_room(&mut out, room, SidebarKind::ByVal);
    }
    out
}

/// The URIs of the rooms by reference `conf` lists: conferences of their own, whose users are read from each.
pub fn rooms_by_ref(conf: &Conference) -> Vec<String> {
    let uris = conf.sidebars_by_ref.iter().flat_map(|s| &s.entries).map(|e| e.uri.trim().to_owned());
    uris.filter(|u| !u.is_empty()).collect()
}

/// Adds to `out` those in `room` (a sidebar's document, of `kind`).
pub fn add_room(out: &mut Whereabouts, room: &Conference, kind: SidebarKind) {
    let name = room_name(room.display_text(), &room.entity);
    for user in room.users.iter().flat_map(|u| &u.users).filter(|u| u.entity.is_some()) {
        let at = InRoom { name: name.clone(), uri: room.entity.clone(), kind, member: user.clone() };
        let rooms = out.entry(UserRow::key_of(user, 0)).or_default();
        if !rooms.iter().any(|r| uri_key(&r.uri) == uri_key(&at.uri)) {
            rooms.push(at);
        }
    }
}

/// A user's place in a breakout room of the conference.
#[derive(Debug, Clone, PartialEq)]
pub struct InRoom {
    /// The room's name (its entity when it has none).
    pub name: String,
    pub uri: String,
    pub kind: SidebarKind,
    /// The user as the room lists them: what a move's undo puts back there.
    pub member: User,
}

/// The names of `rooms`, for a user's row: `Red`, or `Red, Stage` for someone in two.
pub fn rooms_named(rooms: &[InRoom]) -> Option<String> {
    (!rooms.is_empty()).then(|| rooms.iter().map(|r| r.name.as_str()).collect::<Vec<_>>().join(", "))
}

impl InRoom {
    /// The room, as a list of users of the conference `parent`.
    pub fn scope(&self, parent: &str) -> Scope {
        Scope::Sidebar { kind: self.kind, uri: self.uri.clone(), parent: parent.to_owned() }
    }
}

/// A room's name as the panel calls it: its display text, or its entity when it has none.
fn room_name(display_text: Option<&str>, entity: &str) -> String {
    display_text.map(str::trim).filter(|n| !n.is_empty()).unwrap_or(entity.trim()).to_owned()
}

/// The breakout rooms of the conference `conf`, by value then by reference, as a users view's move targets:
/// what its list of rooms shows (a locked one says so), the name notices call it, and its scope. From the
/// conference's own users table a late joiner goes into a room that is already open (QA: only a new split
/// could put anyone in one).
pub fn rooms_to_move_into(conf: &Conference) -> Vec<(String, String, Scope)> {
    let parent = &conf.entity;
    let by_val = conf.sidebars_by_val.iter().flat_map(|s| &s.entries).map(|room| {
        let name = room_name(room.display_text(), &room.entity);
        let locked = room.conference_state.as_ref().and_then(|s| s.locked) == Some(true);
        let shown = if locked { format!("{name} (locked)") } else { name.clone() };
        let scope = Scope::Sidebar { kind: SidebarKind::ByVal, uri: room.entity.clone(), parent: parent.clone() };
        (shown, name, scope)
    });
    let by_ref = conf.sidebars_by_ref.iter().flat_map(|s| &s.entries).map(|room| {
        let name = room_name(room.display_text.as_deref(), &room.uri);
        let scope = Scope::Sidebar { kind: SidebarKind::ByRef, uri: room.uri.clone(), parent: parent.clone() };
        (name.clone(), name, scope)
    });
    by_val.chain(by_ref).filter(|(_, _, s)| !s.uri().trim().is_empty()).collect()
}

/// A room a split opened, which the split's Undo closes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OpenedRoom {
    pub kind: SidebarKind,
    pub uri: String,
    /// Its name as listed after the split, for the Undo's run.
    pub name: String,
}

/// The Undo of a split: the rooms it opened, until the Undo closes them, or Close all does. Kept above the
/// tab, so that it is still there when the moderator comes back from the users to bring everyone back (QA: it
/// went with the tab, and the notice that also offers it fades).
#[derive(Debug, Clone)]
pub struct SplitUndo {
    /// The split's label (`Split into 4 rooms`).
    pub label: String,
    /// The conference split.
    pub parent: String,
    /// The rooms still to close.
    pub rooms: Vec<OpenedRoom>,
    /// Set once the Undo is taken (by its notice's button or the toolbar's): one Undo runs once.
    taken: Arc<AtomicBool>,
    /// The split's notice, which carries the Undo too, while it shows.
    pub notice: Option<u32>,
}

impl SplitUndo {
    pub fn new(label: String, parent: String, rooms: Vec<OpenedRoom>, notice: Option<u32>) -> Self {
        SplitUndo { label, parent, rooms, taken: Arc::new(AtomicBool::new(false)), notice }
    }

    /// What its Undo asks first (title, question, the button's label): it ends every room of the split,
    /// however long after it. `people`: how many are in its rooms, as last read (0 when not known).
    pub fn question(&self, people: usize) -> (String, String, String) {
        let names: Vec<&str> = self.rooms.iter().map(|r| r.name.as_str()).collect();
        let (title, label) = match names.as_slice() {
            [one] => (format!("Undo the split: close {one}?"), "Close the room".to_owned()),
            _ => (format!("Undo the split: close its {} rooms?", names.len()), format!("Close {} rooms", names.len())),
        };
        let one = names.len() == 1;
        let message = format!(
            "{} {} for everyone in {}; {} stay in the main conference.",
            names.join(", "),
            if one { "ends" } else { "end" },
            if one { "it" } else { "them" },
            match people {
                0 => "they".to_owned(),
                n => super::waiting::people(n),
            },
        );
        (title, message, label)
    }

    /// Takes the Undo: `true` the first time only.
    pub fn take(&self) -> bool {
        !self.taken.swap(true, Ordering::Relaxed)
    }

    /// Whether `other` is this same Undo (or what is left of it), not a later split's.
    pub fn same(&self, other: &SplitUndo) -> bool {
        Arc::ptr_eq(&self.taken, &other.taken)
    }

    /// Takes the room `uri`, closed by the moderator on its own, out of the splits' Undos: their Undo no longer
    /// closes it, nor counts it as closed elsewhere (QA: "1 of them had already been closed elsewhere", of a room
    /// closed in the same tab). Returns the Undos left with no room, taken, for their notices to go.
    pub fn forget_room(splits: &mut Vec<SplitUndo>, uri: &str) -> Vec<SplitUndo> {
        for split in splits.iter_mut() {
            split.rooms.retain(|r| uri_key(&r.uri) != uri_key(uri));
        }
        let (empty, left): (Vec<SplitUndo>, Vec<SplitUndo>) =
            std::mem::take(splits).into_iter().partition(|s| s.rooms.is_empty());
        *splits = left;
        empty.into_iter().filter(|s| s.take()).collect()
    }

    /// What is left to undo once `open` (of its rooms, by `uri_key`) are still open after an Undo that did
    /// not close them all: that Undo again, for those.
    pub fn rest(&self, open: &[String]) -> Option<SplitUndo> {
        let rooms: Vec<OpenedRoom> = self.rooms.iter().filter(|r| open.contains(&uri_key(&r.uri))).cloned().collect();
        (!rooms.is_empty()).then(|| SplitUndo::new(self.label.clone(), self.parent.clone(), rooms, None))
    }
}

/// The splits' Undos as the browser tab keeps them across a reload (QA: the Undo was gone after one, with the
/// rooms still open): who made them on which server, and each split's label, conference and rooms. Restored
/// only for the same moderator on the same server; a notice's button does not come back, the toolbar's does.
#[derive(serde::Serialize, serde::Deserialize)]
struct KeptSplits {
    server: String,
    user: String,
    splits: Vec<KeptSplit>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct KeptSplit {
    label: String,
    parent: String,
    rooms: Vec<OpenedRoom>,
}

/// `splits` as kept for the moderator `user` on `server` (JSON).
pub fn keep_splits(server: &str, user: &str, splits: &[SplitUndo]) -> String {
    let splits = splits
        .iter()
        .map(|s| KeptSplit { label: s.label.clone(), parent: s.parent.clone(), rooms: s.rooms.clone() })
        .collect();
    let kept = KeptSplits { server: server.to_owned(), user: user.to_owned(), splits };
    serde_json::to_string(&kept).unwrap_or_default()
}

/// The splits' Undos `kept` by [`keep_splits`] for `user` on `server`: none for anyone else, or when what is
/// kept cannot be read (another version of the panel, say).
pub fn restore_splits(kept: &str, server: &str, user: &str) -> Vec<SplitUndo> {
    match serde_json::from_str::<KeptSplits>(kept) {
        Ok(k) if k.server == server && uri_key(&k.user) == uri_key(user) => k
            .splits
            .into_iter()
            .filter(|s| !s.rooms.is_empty())
            .map(|s| SplitUndo::new(s.label, s.parent, s.rooms, None))
            .collect(),
        _ => Vec::new(),
    }
}

/// `items` shared out over `rooms` rooms in order, in runs whose sizes differ by at most one (the first
/// rooms get the extra ones): 5 users in 2 rooms are 3 and 2. Fewer items than rooms leaves rooms empty;
/// no rooms is no split.
pub fn distribute<T: Clone>(items: &[T], rooms: usize) -> Vec<Vec<T>> {
    if rooms == 0 {
        return Vec::new();
    }
    let (base, extra) = (items.len() / rooms, items.len() % rooms);
    let mut out = Vec::with_capacity(rooms);
    let mut at = 0;
    for room in 0..rooms {
        let size = base + usize::from(room < extra);
        out.push(items[at..at + size].to_vec());
        at += size;
    }
    out
}

/// `items` in a random order (Fisher and Yates' shuffle), `random` giving numbers from 0 to 1 (`Math.random` in
/// the panel; a number out of that range is taken as its nearest end): a split "at random" makes a new mix each
/// time (QA: a split shared out in the users list's order, and a second split of the same people made the same
/// groups).
pub fn shuffled<T>(mut items: Vec<T>, mut random: impl FnMut() -> f64) -> Vec<T> {
    for i in (1..items.len()).rev() {
        // `as` saturates: NaN and negatives are 0, too large is `i`.
        let j = ((random() * (i + 1) as f64) as usize).min(i);
        items.swap(i, j);
    }
    items
}

/// The split form as the moderator left it for a conference, kept in the browser tab: the number of rooms and
/// their names as typed, and whether people are mixed at random.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitForm {
    pub rooms: String,
    pub names: String,
    pub at_random: bool,
}

impl Default for SplitForm {
    fn default() -> Self {
        SplitForm { rooms: "2".to_owned(), names: "Room".to_owned(), at_random: true }
    }
}

impl SplitForm {
    /// One line each (a line break typed into a field is none: the fields are single lines).
    pub fn encode(&self) -> String {
        let order = if self.at_random { "random" } else { "list" };
        format!("{}\n{}\n{order}", self.rooms.replace('\n', " "), self.names.replace('\n', " "))
    }

    /// What `encode` wrote; kept by an earlier version without the order, at random.
    pub fn decode(kept: &str) -> Option<SplitForm> {
        let mut lines = kept.split('\n');
        let (rooms, names) = (lines.next()?, lines.next()?);
        let at_random = lines.next() != Some("list");
        Some(SplitForm { rooms: rooms.to_owned(), names: names.to_owned(), at_random })
    }
}

/// Whom a split shares out.
pub enum Split<'a> {
    /// Those the moderator selected.
    Selected,
    /// Everyone but the moderators and administrators, and the moderator `me` splitting (who may have
    /// joined as a participant).
    Everyone { me: &'a str },
}

/// Who of `users` a split shares out: never those waiting to be admitted (a room would let them in by a
/// side door; QA saw two rooms of people still knocking), nor those `roomed` already (by key: a second room
/// would split them between two; a Move takes someone from one room to another).
pub fn to_share_out(users: &[User], roomed: &HashSet<String>, split: Split) -> Vec<User> {
    let kept = |u: &User| {
        let Some(key) = u.entity.as_deref().map(uri_key) else { return false };
        match &split {
            Split::Selected => !roomed.contains(&key),
            Split::Everyone { me } => !roomed.contains(&key) && key != uri_key(me) && !UserRow::new(u, 0).is_manager(),
        }
    };
    users.iter().filter(|u| !is_pending(u) && kept(u)).cloned().collect()
}

/// What a split into `rooms` rooms is called, on its button and in its notices: `Split into 1 room`, `Split into
/// 4 rooms`.
pub fn split_label(rooms: usize) -> String {
    format!("Split into {}", super::counted(rooms, "room", "rooms"))
}

/// The names of `rooms` new rooms from what the moderator typed: one name per room separated by commas
/// (`Red, Blue`), used in order; or a name numbered from 1 (`Team`: `Team 1`, `Team 2`; `Room` when empty, and
/// past the end of a list). Never a name `taken` by a room open already, nor one given twice: a second split
/// adds `Room 3` and `Room 4`, not a second `Room 1`, which the table and the Move list could not tell from the
/// first (a listed name taken is numbered: `Red 2`). QA typed `Red, Blue` and got "Red, Blue 1". A single room
/// takes a name typed as it is (numbered only if taken), but the default `Room`.
pub fn room_names(typed: &str, rooms: usize, taken: &[String]) -> Vec<String> {
    let one = typed.trim();
    let (listed, prefix): (Vec<&str>, &str) = if typed.contains(',') {
        (typed.split(',').map(str::trim).filter(|n| !n.is_empty()).collect(), "Room")
    } else if rooms == 1 && !one.is_empty() && !one.eq_ignore_ascii_case("Room") {
        // One room is called what was typed: "Latecomers", not "Latecomers 1" (QA).
        (vec![one], "Room")
    } else {
        (Vec::new(), Some(typed.trim()).filter(|t| !t.is_empty()).unwrap_or("Room"))
    };
    let mut used: Vec<String> = taken.iter().map(|t| t.trim().to_lowercase()).collect();
    let mut numbered = (1..).map(|n| format!("{prefix} {n}"));
    (0..rooms)
        .map(|i| match listed.get(i) {
            Some(name) => {
                // A name that ends in a number is numbered in brackets: "Team 1 (2)", not "Team 1 2" (QA).
                let again = |n: usize| {
                    if name.ends_with(|c: char| c.is_ascii_digit()) {
                        format!("{name} ({n})")
                    } else {
                        format!("{name} {n}")
                    }
                };
                first_free(&mut used, std::iter::once(name.to_string()).chain((2..).map(again)))
            }
            None => first_free(&mut used, &mut numbered),
        })
        .collect()
}

/// What the form says of a list of names (`Red, Blue, Green`) that does not match the number of `rooms`: the
/// names left unused, or that the rooms past the list are numbered (QA: a third name vanished unsaid).
pub fn names_note(typed: &str, rooms: usize) -> Option<String> {
    if !typed.contains(',') {
        return None;
    }
    let names: Vec<&str> = typed.split(',').map(str::trim).filter(|n| !n.is_empty()).collect();
    let given = super::counted(names.len(), "name", "names");
    let wanted = super::counted(rooms, "room", "rooms");
    match names.len().cmp(&rooms) {
        std::cmp::Ordering::Greater => Some(format!("{given} for {wanted}: {} not used.", names[rooms..].join(", "))),
        std::cmp::Ordering::Less => {
            Some(format!("{given} for {wanted}: the rooms past them are numbered (Room 1\u{2026})."))
        }
        std::cmp::Ordering::Equal => None,
    }
}

/// The first of `candidates` not `used` (lower-cased), now used.
fn first_free(used: &mut Vec<String>, mut candidates: impl Iterator<Item = String>) -> String {
    let name = candidates.find(|c| !used.contains(&c.to_lowercase())).unwrap_or_default();
    used.push(name.to_lowercase());
    name
}

/// The placeholder label of the sidebar's `i`-th medium (`AUTO_GENERATE_1` is the sidebar's own URI): the
/// server gives each `n` one value throughout the request, so that its users' media can name it.
fn media_label(i: usize) -> String {
    format!("AUTO_GENERATE_{}", i + 2)
}

/// A user as a sidebar lists them: who they are and their roles, and their endpoints with only the media
/// the sidebar has, each labelled as the sidebar's medium of its type (the parent's labels name media the
/// sidebar does not have), without the parent's stream ids.
fn member(user: &User, media: &[&str]) -> User {
    let relabel = |m: &ccmp::xcon::Media| {
        let i = media.iter().position(|t| is_type(m, t))?;
        Some(ccmp::xcon::Media { label: Some(media_label(i)), src_id: None, ..m.clone() })
    };
    User {
        entity: user.entity.clone(),
        display_text: user.display_text.clone(),
        associated_aors: user.associated_aors.clone(),
        roles: user.roles.clone(),
        endpoints: user
            .endpoints
            .iter()
            .map(|e| Endpoint {
                entity: e.entity.clone(),
                display_text: e.display_text.clone(),
                status: e.status,
                joining_method: e.joining_method,
                media: e.media.iter().filter_map(relabel).collect(),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    }
}

/// `user` as a move lists them in a room whose media are `room` (`None`: not known): each medium they have
/// takes the label of the room's medium of its type, and goes when the room has none of that type. Their
/// labels name the media of where they come from, which a media server following the document would keep
/// them on (QA: moved to Blue, they were still heard in Red). Without the room's media the labels go, as
/// their stream ids do, rather than name the wrong room's.
pub fn moved_into(user: &User, room: Option<&AvailableMedia>) -> User {
    let relabel = |m: &ccmp::xcon::Media| {
        let of_its_type = |e: &&MediaEntry| m.media_type.as_deref().is_some_and(|t| e.is_type(t));
        let label = match room {
            Some(room) => Some(room.entries.iter().find(of_its_type)?.label.clone()),
            None => None,
        };
        Some(ccmp::xcon::Media { label, src_id: None, ..m.clone() })
    };
    let mut moved = user.clone();
    for e in &mut moved.endpoints {
        e.media = e.media.iter().filter_map(relabel).collect();
    }
    moved
}

/// The sidebarBy{Val,Ref}Info of a new sidebar: placeholders for its URI and its media labels (the server
/// fills them in), its name, its own media, and its users.
pub fn sidebar_doc(name: &str, media: &[&str], users: &[User], domain: &str) -> Conference {
    let entries = media.iter().enumerate().map(|(i, kind)| MediaEntry::new(media_label(i), *kind)).collect::<Vec<_>>();
    Conference {
        description: Some(ConferenceDescription {
            display_text: Some(name.trim().to_owned()).filter(|n| !n.is_empty()),
            available_media: (!entries.is_empty()).then(|| AvailableMedia { entries, ..Default::default() }),
            ..Default::default()
        }),
        users: (!users.is_empty())
            .then(|| Users { users: users.iter().map(|u| member(u, media)).collect(), ..Default::default() }),
        ..Conference::new(format!("xcon:AUTO_GENERATE_1@{domain}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ccmp::xcon::{Media, Roles};
    use ccmp::{Request, XconUserId};

    #[test]
    fn a_room_closed_on_its_own_leaves_the_splits_undo() {
        let room = |n: &str| OpenedRoom { kind: SidebarKind::ByVal, uri: format!("xcon:{n}@x"), name: n.into() };
        let mut splits = vec![
            SplitUndo::new("Split into 2 rooms".into(), "xcon:c@x".into(), vec![room("red"), room("blue")], Some(7)),
            SplitUndo::new("Split into 1 room".into(), "xcon:c@x".into(), vec![room("late")], None),
        ];
        assert!(SplitUndo::forget_room(&mut splits, "xcon:RED@x").is_empty(), "the split still has Blue");
        assert_eq!(splits[0].rooms.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["blue"]);
        let emptied = SplitUndo::forget_room(&mut splits, "xcon:late@x");
        assert_eq!((emptied.len(), splits.len()), (1, 1), "the second split has nothing left to undo");
        assert!(!emptied[0].take(), "taken: it runs no more");
    }

    #[test]
    fn a_user_moved_takes_the_rooms_media_labels() {
        let medium = |t: &str, label: &str| Media {
            media_type: Some(t.into()),
            src_id: Some("77".into()),
            status: Some(ccmp::xcon::MediaStatus::RecvOnly),
            ..Media::new(label)
        };
        let ann = User {
            endpoints: vec![Endpoint {
                media: vec![medium("audio", "red-a"), medium("video", "red-v")],
                ..Endpoint::new("sip:ann@x")
            }],
            ..User::new("xcon-userid:ann@x")
        };
        let blue = AvailableMedia { entries: vec![MediaEntry::new("blue-a", "Audio")], ..Default::default() };
        let moved = moved_into(&ann, Some(&blue));
        let media = &moved.endpoints[0].media;
        // Blue's audio label, the status kept (muted stays muted), no stream id; Blue has no video.
        assert_eq!(media.len(), 1);
        assert_eq!((media[0].label.as_deref(), media[0].src_id.as_deref()), (Some("blue-a"), None));
        assert_eq!(media[0].status, Some(ccmp::xcon::MediaStatus::RecvOnly));
        // Where the room's media are not known, no label rather than Red's.
        let unknown = moved_into(&ann, None);
        assert!(unknown.endpoints[0].media.iter().all(|m| m.label.is_none() && m.src_id.is_none()));
        assert_eq!(unknown.endpoints[0].media.len(), 2);
    }

    #[test]
    fn users_are_shared_out_evenly_in_order() {
        let users: Vec<u32> = (1..=5).collect();
        assert_eq!(distribute(&users, 2), vec![vec![1, 2, 3], vec![4, 5]]);
        assert_eq!(distribute(&users, 3), vec![vec![1, 2], vec![3, 4], vec![5]]);
        assert_eq!(distribute(&users, 5), vec![vec![1], vec![2], vec![3], vec![4], vec![5]]);
        assert_eq!(distribute(&users[..1], 3), vec![vec![1], vec![], vec![]]);
        assert_eq!(distribute(&users, 0), Vec::<Vec<u32>>::new());
        let many: Vec<u32> = (0..10_000).collect();
        let rooms = distribute(&many, 7);
        assert_eq!(rooms.iter().map(Vec::len).sum::<usize>(), 10_000);
        assert!(rooms.iter().all(|r| r.len() == 1428 || r.len() == 1429));
        assert_eq!(rooms.concat(), many, "nobody lost or repeated");
    }

    #[test]
    fn a_split_shares_out_neither_those_waiting_nor_the_moderators_nor_oneself() {
        let person = |id: &str, role: &str, status: ccmp::xcon::EndpointStatus| User {
            roles: Some(Roles::new([role])),
            endpoints: vec![Endpoint { status: Some(status), ..Endpoint::new(format!("sip:{id}@example.org")) }],
            ..User::new(format!("xcon-userid:{id}@example.com"))
        };
        use ccmp::xcon::EndpointStatus::{Connected, Pending};
        let users = [
            person("ann", "participant", Connected),
            person("mod", "moderator", Connected),
            person("knock", "participant", Pending),
            person("me", "participant", Connected),
            person("roomed", "participant", Connected),
        ];
        let ids = |out: Vec<User>| out.into_iter().filter_map(|u| u.entity).collect::<Vec<_>>();
        let roomed: HashSet<String> = ["xcon-userid:roomed@example.com".to_owned()].into();
        let everyone = Split::Everyone { me: "XCON-USERID:me@example.com" };
        assert_eq!(ids(to_share_out(&users, &roomed, everyone)), ["xcon-userid:ann@example.com"]);
        // Those selected, but for who waits to be admitted and who is in a room already.
        assert_eq!(
            ids(to_share_out(&users[1..], &roomed, Split::Selected)),
            ["xcon-userid:mod@example.com", "xcon-userid:me@example.com"]
        );
    }

    #[test]
    fn who_is_in_which_room_comes_from_the_rooms_by_value() {
        let room = |entity: &str, name: Option<&str>, who: &[&str]| {
            let mut r = Conference::new(entity);
            r.description = name.map(|n| ConferenceDescription { display_text: Some(n.into()), ..Default::default() });
            r.users = Some(Users { users: who.iter().map(|w| User::new(*w)).collect(), ..Default::default() });
            r
        };
        let mut conf = Conference::new("xcon:main@example.com");
        conf.sidebars_by_val = Some(ccmp::xcon::SidebarsByVal {
            entries: vec![
                room("xcon:r1@example.com", Some(" Red "), &["xcon-userid:Ann@example.com"]),
                room("xcon:r2@example.com", None, &["xcon-userid:ben@example.com"]),
            ],
            ..Default::default()
        });
        let mut rooms = rooms_of(&conf);
        let name = |rooms: &Whereabouts, who: &str| {
            let places = rooms.get(&uri_key(who))?;
            Some(places.iter().map(|r| (r.name.clone(), r.uri.clone())).collect::<Vec<_>>())
        };
        let at = |name: &str, uri: &str| (name.to_owned(), uri.to_owned());
        assert_eq!(name(&rooms, "xcon-userid:ann@example.com"), Some(vec![at("Red", "xcon:r1@example.com")]));
        let r2 = at("xcon:r2@example.com", "xcon:r2@example.com");
        assert_eq!(name(&rooms, "xcon-userid:ben@example.com"), Some(vec![r2]));
        assert_eq!(rooms.len(), 2);
        let ben = &rooms[&uri_key("xcon-userid:ben@example.com")][0];
        assert_eq!(ben.member.entity.as_deref(), Some("xcon-userid:ben@example.com"));
        assert_eq!(ben.scope("xcon:main@example.com").raises_too(), Some("xcon:main@example.com"));
        // Someone in a room by reference too is in both.
        add_room(
            &mut rooms,
            &room("xcon:stage@example.com", Some("Stage"), &["xcon-userid:ann@example.com"]),
            SidebarKind::ByRef,
        );
        assert_eq!(
            name(&rooms, "xcon-userid:ann@example.com"),
            Some(vec![at("Red", "xcon:r1@example.com"), at("Stage", "xcon:stage@example.com")])
        );
    }

    #[test]
    fn the_rooms_to_move_into_are_those_open_by_value_and_by_reference() {
        let mut red = Conference::new("xcon:r1@example.com");
        red.description = Some(ConferenceDescription { display_text: Some("Red".into()), ..Default::default() });
        red.conference_state = Some(ccmp::xcon::ConferenceState { locked: Some(true), ..Default::default() });
        let mut conf = Conference::new("xcon:main@example.com");
        conf.sidebars_by_val = Some(ccmp::xcon::SidebarsByVal { entries: vec![red], ..Default::default() });
        conf.sidebars_by_ref = Some(ccmp::xcon::Uris::new(vec![
            ccmp::xcon::UriEntry {
                display_text: Some("Blue".into()),
                ..ccmp::xcon::UriEntry::new("xcon:b@example.com")
            },
            ccmp::xcon::UriEntry::new(" "),
        ]));
        let rooms = rooms_to_move_into(&conf);
        let shown: Vec<(&str, &str, &str)> = rooms.iter().map(|(l, n, s)| (l.as_str(), n.as_str(), s.uri())).collect();
        assert_eq!(shown, [("Red (locked)", "Red", "xcon:r1@example.com"), ("Blue", "Blue", "xcon:b@example.com")]);
        assert_eq!(rooms[0].2.raises_too(), Some("xcon:main@example.com"));
        assert_eq!(rooms[1].2.raises_too(), None);
    }

    #[test]
    fn a_shuffle_mixes_everyone_and_loses_nobody() {
        let people: Vec<u32> = (1..=6).collect();
        let mut sorted = shuffled(people.clone(), || 0.0);
        assert_ne!(sorted, people, "a new order");
        sorted.sort_unstable();
        assert_eq!(sorted, people, "everyone, once");
        assert_eq!(shuffled(people.clone(), || 0.999_999), people, "the top of the range keeps each in place");
        for odd in [f64::NAN, -1.0, 7.0] {
            let mut mixed = shuffled(people.clone(), || odd);
            mixed.sort_unstable();
            assert_eq!(mixed, people, "{odd} is no index out of range");
        }
        assert!(shuffled(Vec::<u32>::new(), || 0.5).is_empty());
    }

    #[test]
    fn the_splits_undos_are_kept_for_the_same_moderator_on_the_same_server() {
        let room =
            |n: &str| OpenedRoom { kind: SidebarKind::ByRef, uri: format!("xcon:{n}@example.com"), name: n.into() };
        let first = SplitUndo::new(
            "Split into 2 rooms".into(),
            "xcon:a@example.com".into(),
            vec![room("r1"), room("r2")],
            Some(7),
        );
        let second = SplitUndo::new("Split into 1 room".into(), "xcon:a@example.com".into(), vec![room("r3")], None);
        let kept = keep_splits("/ccmp", "xcon-userid:mod@example.com", &[first.clone(), second]);
        let back = restore_splits(&kept, "/ccmp", "XCON-USERID:mod@example.com");
        assert_eq!(back.len(), 2);
        assert_eq!((back[0].label.as_str(), back[0].parent.as_str()), ("Split into 2 rooms", "xcon:a@example.com"));
        assert_eq!(back[0].rooms, first.rooms);
        assert_eq!(back[0].notice, None, "no notice comes back");
        assert!(back[0].take(), "and it can be taken once");
        assert!(restore_splits(&kept, "https://other.example/ccmp", "xcon-userid:mod@example.com").is_empty());
        assert!(restore_splits(&kept, "/ccmp", "xcon-userid:other@example.com").is_empty());
        assert!(restore_splits("{not json", "/ccmp", "xcon-userid:mod@example.com").is_empty());
    }

    #[test]
    fn the_split_form_is_kept_with_its_order() {
        let form = SplitForm { rooms: "4".into(), names: "Red,\nBlue".into(), at_random: false };
        let kept = SplitForm::decode(&form.encode());
        assert_eq!(kept, Some(SplitForm { names: "Red, Blue".into(), ..form }));
        let earlier = SplitForm::decode("3\nTeam");
        assert_eq!(earlier, Some(SplitForm { rooms: "3".into(), names: "Team".into(), at_random: true }));
        assert_eq!(SplitForm::decode("3"), None);
    }

    #[test]
    fn rooms_are_numbered() {
        assert_eq!(room_names(" Team ", 2, &[]), ["Team 1", "Team 2"]);
        assert_eq!(room_names("", 1, &[]), ["Room 1"]);
        assert_eq!(room_names("Room", 1, &[]), ["Room 1"]);
        assert_eq!(room_names(" Latecomers ", 1, &[]), ["Latecomers"], "one room, as typed");
        assert_eq!(room_names("Latecomers", 1, &["latecomers".into()]), ["Latecomers 2"], "one room, taken");
        let open = ["Room 1".to_owned(), "room 2".to_owned(), "Interpreters".to_owned()];
        assert_eq!(room_names("Room", 2, &open), ["Room 3", "Room 4"], "past the rooms open already");
    }

    #[test]
    fn a_list_of_names_that_does_not_match_the_rooms_is_said() {
        assert_eq!(names_note("Team", 2), None, "a name to number");
        assert_eq!(names_note("A, B", 2), None);
        assert_eq!(names_note("A, B, C, D", 2).as_deref(), Some("4 names for 2 rooms: C, D not used."));
        assert_eq!(
            names_note("A,", 3).as_deref(),
            Some("1 name for 3 rooms: the rooms past them are numbered (Room 1\u{2026}).")
        );
    }

    #[test]
    fn rooms_are_named_from_a_list() {
        assert_eq!(room_names("Red, Blue", 2, &[]), ["Red", "Blue"]);
        assert_eq!(room_names(" Red ,, Blue,", 3, &[]), ["Red", "Blue", "Room 1"], "past the list, numbered");
        let open = ["red".to_owned(), "Room 1".to_owned()];
        assert_eq!(room_names("Red, Red, Green", 4, &open), ["Red 2", "Red 3", "Green", "Room 2"], "none twice");
        assert_eq!(room_names("Team 1, Team 5", 2, &["Team 1".into()]), ["Team 1 (2)", "Team 5"]);
        assert_eq!(split_label(1), "Split into 1 room");
        assert_eq!(split_label(4), "Split into 4 rooms");
    }

    #[test]
    fn a_sidebar_document_has_placeholders_its_media_and_its_users() {
        let user = User {
            display_text: Some("Alice".into()),
            roles: Some(Roles::new(["participant"])),
            endpoints: vec![Endpoint {
                media: vec![
                    Media { media_type: Some("audio".into()), ..Media::new("1") },
                    Media { media_type: Some("video".into()), ..Media::new("2") },
                ],
                ..Endpoint::new("sip:alice@example.com")
            }],
            ..User::new("xcon-userid:alice@example.com")
        };
        let doc = sidebar_doc("Room 1", &["audio"], std::slice::from_ref(&user), "example.com");
        assert_eq!(doc.entity, "xcon:AUTO_GENERATE_1@example.com");
        assert_eq!(doc.display_text(), Some("Room 1"));
        let media = doc.media();
        assert_eq!((media[0].label.as_str(), media[0].media_type.as_str()), ("AUTO_GENERATE_2", "audio"));
        let members = &doc.users.as_ref().unwrap().users;
        assert_eq!(members[0].entity, user.entity);
        assert_eq!(members[0].endpoints[0].media.len(), 1, "only the sidebar's media");
        // Labelled as the sidebar's audio, not the parent's (QA saw the parent's "audioLabel" sent).
        assert_eq!(members[0].endpoints[0].media[0].label.as_deref(), Some("AUTO_GENERATE_2"));
        // What the panel sends is schema-shaped: the request encodes with the placeholders in values.
        let me: XconUserId = "xcon-userid:m@example.com".parse().unwrap();
        let xml = Request::sidebar_by_val(&me, "xcon:1@example.com", ccmp::xcon::Operation::Create, Some(doc)).to_xml();
        assert!(xml.contains("xcon:AUTO_GENERATE_1@example.com") && xml.contains("AUTO_GENERATE_2"), "{xml}");
        let empty = sidebar_doc(" ", &[], &[], "example.com");
        assert_eq!((empty.display_text(), empty.users.as_ref()), (None, None));
    }

    #[test]
    fn a_split_undo_runs_once_and_keeps_the_rooms_left_open() {
        let room =
            |n: &str| OpenedRoom { kind: SidebarKind::ByVal, uri: format!("xcon:{n}@example.com"), name: n.into() };
        let undo = SplitUndo::new(
            "Split into 2 rooms".into(),
            "xcon:p@example.com".into(),
            vec![room("a"), room("b")],
            Some(3),
        );
        let shown = undo.clone();
        assert!(undo.take() && !shown.take(), "the notice's Undo and the toolbar's are one");
        assert!(shown.same(&undo));
        let rest = undo.rest(&[uri_key("xcon:b@example.com")]).expect("b is still open");
        assert_eq!(rest.rooms, vec![room("b")]);
        assert!(rest.take(), "what is left can be undone again");
        assert!(!rest.same(&undo));
        assert!(undo.rest(&[]).is_none());
    }
}
