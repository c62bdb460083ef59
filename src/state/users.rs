//! The users of a conference as the users tab shows them: one flat row per user (display-text, entity,
//! roles, endpoint status, per-medium status, joining method), and filtering and sorting as plain work
//! over row indices, so that 10,000 users stay fast and the tab only renders what is on screen.

use std::cmp::Ordering;

use ccmp::xcon::{MediaStatus, User};

/// The roles RFC 4575 and RFC 6501 name; a moderator picks one of these (other roles a server uses are
/// kept as they are).
pub const STANDARD_ROLES: [&str; 4] = ["administrator", "moderator", "participant", "observer"];

/// Roles that manage a conference: a "promote" gives `moderator`, a "demote" takes these away.
pub const MANAGING_ROLES: [&str; 4] = ["administrator", "moderator", "creator", "organizer"];

/// What a user's media of one type are doing, over all their endpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum MediaCell {
    /// No medium of this type on any endpoint.
    #[default]
    Absent,
    /// Sending (sendrecv or sendonly) everywhere.
    On,
    /// Not sending (recvonly or inactive) everywhere: muted audio, stopped video.
    Off,
    /// Some endpoints send and others do not.
    Mixed,
    /// The server gave no status.
    Unknown,
}

impl MediaCell {
    /// The cell for the media of `media_type` of `user`.
    pub fn of(user: &User, media_type: &str) -> MediaCell {
        let mut cell = MediaCell::Absent;
        for status in user.endpoints.iter().flat_map(|e| &e.media).filter(|m| is_type(m, media_type)).map(|m| m.status)
        {
            let this = match status {
                Some(MediaStatus::SendRecv | MediaStatus::SendOnly) => MediaCell::On,
                Some(MediaStatus::RecvOnly | MediaStatus::Inactive) => MediaCell::Off,
                None => MediaCell::Unknown,
            };
            cell = match (cell, this) {
                (MediaCell::Absent, x) => x,
                (a, b) if a == b => a,
                (MediaCell::Unknown, x) | (x, MediaCell::Unknown) => x,
                _ => MediaCell::Mixed,
            };
        }
        cell
    }

    /// Whether a "mute" (or "stop video") makes sense: there is something sending.
    pub fn can_turn_off(self) -> bool {
        matches!(self, MediaCell::On | MediaCell::Mixed | MediaCell::Unknown)
    }

    /// The word the table shows for audio.
    pub fn audio_word(self) -> &'static str {
        match self {
            MediaCell::Absent => "\u{2013}",
            MediaCell::On => "on",
            MediaCell::Off => "muted",
            MediaCell::Mixed => "partly muted",
            MediaCell::Unknown => "?",
        }
    }

    /// The word the table shows for video.
    pub fn video_word(self) -> &'static str {
        match self {
            MediaCell::Absent => "\u{2013}",
            MediaCell::On => "on",
            MediaCell::Off => "stopped",
            MediaCell::Mixed => "partly stopped",
            MediaCell::Unknown => "?",
        }
    }

    fn rank(self) -> u8 {
        match self {
            MediaCell::On => 0,
            MediaCell::Mixed => 1,
            MediaCell::Off => 2,
            MediaCell::Unknown => 3,
            MediaCell::Absent => 4,
        }
    }
}

pub(crate) fn is_type(media: &ccmp::xcon::Media, media_type: &str) -> bool {
    media.media_type.as_deref().is_some_and(|t| t.trim().eq_ignore_ascii_case(media_type.trim()))
}

/// One user as the table shows it. Every text is the server's, shown as text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct UserRow {
    /// The user's XCON-USERID as the server wrote it; empty when the server sent none.
    pub entity: String,
    /// The key the panel compares users by (the entity, lowercased; `#n` for a user without one).
    pub key: String,
    /// The display-text, or the entity when there is none.
    pub name: String,
    pub roles: Vec<String>,
    /// The endpoints' statuses (`connected`, `on-hold`, ...), one per endpoint that has one.
    pub status: String,
    pub audio: MediaCell,
    pub video: MediaCell,
    /// Media of other types with their status (`text: sendrecv`).
    pub other_media: String,
    /// The endpoints' joining methods (`dialed-in`, ...).
    pub joining: String,
    /// The first address: an endpoint's entity, else an associated AOR.
    pub address: String,
    /// Whether the user is not in the conference yet (an endpoint `pending`): in a waiting room, someone
    /// waiting to be admitted ([`super::waiting::is_pending`]).
    pub pending: bool,
    /// Lowercased name, entity and address: what the text filter searches anywhere in.
    haystack: String,
}

impl UserRow {
    /// The row for `user`, the `index`-th of its list.
    pub fn new(user: &User, index: usize) -> UserRow {
        let entity = user.entity.as_deref().map(str::trim).unwrap_or_default().to_owned();
        let key = if entity.is_empty() { format!("#{index}") } else { entity.to_lowercase() };
        let name = user
            .display_text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map_or_else(|| entity.clone(), str::to_owned);
        let roles: Vec<String> =
            user.role_names().iter().map(|r| r.trim().to_owned()).filter(|r| !r.is_empty()).collect();
        let join = |values: Vec<&str>| {
            let mut unique: Vec<&str> = Vec::new();
            for v in values {
                if !unique.contains(&v) {
                    unique.push(v);
                }
            }
            unique.join(", ")
        };
        let status = join(user.endpoints.iter().filter_map(|e| e.status.map(|s| s.as_str())).collect());
        let joining = join(user.endpoints.iter().filter_map(|e| e.joining_method.map(|m| m.as_str())).collect());
        let other_media = join(
            user.endpoints
                .iter()
                .flat_map(|e| &e.media)
                .filter(|m| !is_type(m, "audio") && !is_type(m, "video"))
                .filter_map(|m| m.media_type.as_deref())
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .collect(),
        );
        let address = user
            .endpoints
            .iter()
            .filter_map(|e| e.entity.as_deref())
            .chain(user.associated_aors.iter().flat_map(|a| &a.entries).map(|e| e.uri.as_str()))
            .map(str::trim)
            .find(|a| !a.is_empty())
            .unwrap_or_default()
            .to_owned();
        // Without the scheme every user id shares: "er" would find everyone in "xcon-userid:".
        let id = entity
            .get(..12)
            .filter(|s| s.eq_ignore_ascii_case("xcon-userid:"))
            .map_or(entity.as_str(), |_| &entity[12..]);
        // Roles are matched apart, by the start of the word (see `UserFilter::matcher`).
        // Folded (`super::fold`): "sean" finds Seán.
        let haystack = super::fold::folded(&format!("{name}\u{1f}{id}\u{1f}{address}"));
        UserRow {
            entity,
            key,
            name,
            audio: MediaCell::of(user, "audio"),
            video: MediaCell::of(user, "video"),
            roles,
            status,
            other_media,
            joining,
            address,
            pending: super::waiting::is_pending(user),
            haystack,
        }
    }

    pub fn has_role(&self, role: &str) -> bool {
        self.roles.iter().any(|r| r.eq_ignore_ascii_case(role))
    }

    /// Whether the user holds a managing role (shown as "Demote" rather than "Promote").
    pub fn is_manager(&self) -> bool {
        MANAGING_ROLES.iter().any(|m| self.has_role(m))
    }
}

/// The rows of a users list, in the server's order.
pub fn rows_of(users: &[User]) -> Vec<UserRow> {
    users.iter().enumerate().map(|(i, u)| UserRow::new(u, i)).collect()
}

/// Whom "Mute all participants" mutes: everyone whose audio may be sending (on, partly on, or of
/// unknown status), but those who manage the conference (their voice runs the event), the moderator `me`
/// (who may have joined as a participant), those still waiting to be admitted (not in yet: QA's button
/// counted a waiting room of 200), and anyone the server gave no entity (no request can name them).
pub fn to_mute_all(rows: &[UserRow], me: &str) -> Vec<String> {
    rows.iter().filter(|r| r.muted_by_mute_all(me)).map(|r| r.key.clone()).collect()
}

impl UserRow {
    /// What a screen reader says of the user the keyboard moved to (`Bob, participant; audio muted`):
    /// the shortcuts that follow (m, v, p, r) act on them, so who they are and what Mute would do.
    pub fn spoken(&self) -> String {
        let mut said = self.name.clone();
        if !self.roles.is_empty() {
            said.push_str(", ");
            said.push_str(&self.roles.join(", "));
        }
        if self.pending {
            return said + "; waiting to join";
        }
        let media: Vec<String> =
            [("audio", self.audio, self.audio.audio_word()), ("video", self.video, self.video.video_word())]
                .into_iter()
                .filter(|(_, cell, _)| *cell != MediaCell::Absent)
                .map(|(what, _, word)| format!("{what} {word}"))
                .collect();
        if !media.is_empty() {
            said.push_str("; ");
            said.push_str(&media.join(", "));
        }
        said
    }

    /// Whether "Mute all participants" mutes this user ([`to_mute_all`]).
    pub fn muted_by_mute_all(&self, me: &str) -> bool {
        self.mute_all_passes(me).is_none()
    }

    /// Why "Mute all participants" leaves this user as they are, if it does.
    pub fn mute_all_passes(&self, me: &str) -> Option<&'static str> {
        if self.entity.is_empty() {
            Some("no address to name them by")
        } else if self.pending {
            Some("waiting to join")
        } else if self.is_manager() {
            Some("a moderator now: moderators keep their voice")
        } else if !self.audio.can_turn_off() {
            Some("muted already")
        // `uri_key`'s equality without its two strings: this runs for every row at every answer of a bulk
        // run of thousands.
        } else if self.entity.trim().eq_ignore_ascii_case(me.trim()) {
            Some("you")
        } else {
            None
        }
    }
}

/// The user a key names, in a list.
pub fn find<'u>(users: &'u [User], key: &str) -> Option<&'u User> {
    users.iter().enumerate().find(|(i, u)| UserRow::has_key(u, *i, key)).map(|(_, u)| u)
}

impl UserRow {
    /// The key of `user` at `index` without building the whole row.
    pub fn key_of(user: &User, index: usize) -> String {
        match user.entity.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
            Some(e) => e.to_lowercase(),
            None => format!("#{index}"),
        }
    }

    /// Whether `key` is [`UserRow::key_of`] `user` at `index`, without making the key: a bulk run looks
    /// its users up in a list of thousands at each of its requests.
    pub fn has_key(user: &User, index: usize, key: &str) -> bool {
        match user.entity.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
            // `str::to_lowercase` differs from the lowercase of each char only for a word-final sigma.
            Some(e) if e.contains(['\u{3a3}']) => e.to_lowercase() == key,
            Some(e) => e.chars().flat_map(char::to_lowercase).eq(key.chars()),
            None => key.strip_prefix('#').is_some_and(|n| n == index.to_string()),
        }
    }
}

/// The filter of the users tab: free text (every word must match the name, entity, address or roles)
/// and a role (empty: any).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserFilter {
    pub text: String,
    pub role: String,
}

impl UserFilter {
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && self.role.trim().is_empty()
    }

    /// A predicate with the filter's words lowercased once.
    pub fn matcher(&self) -> impl Fn(&UserRow) -> bool + '_ {
        // The haystack holds ids without their scheme (see `UserRow::new`): so does a word that has it.
        let words: Vec<String> = self
            .text
            .split_whitespace()
            .map(super::fold::folded)
            .map(|w| w.strip_prefix("xcon-userid:").map(str::to_owned).unwrap_or(w))
            .collect();
        let role = self.role.trim();
        move |row: &UserRow| {
            (role.is_empty() || row.has_role(role))
                && words
                    .iter()
                    .all(|w| super::fold::holds(&row.haystack, w) || row.roles.iter().any(|r| starts_with(r, w)))
        }
    }

    /// As a query string for keeping it (`q=…&role=…`, percent-encoded), and back.
    pub fn encode(&self) -> String {
        format!("q={}&role={}", percent_encode(&self.text), percent_encode(&self.role))
    }

    pub fn decode(text: &str) -> UserFilter {
        let mut filter = UserFilter::default();
        for pair in text.split('&') {
            match pair.split_once('=') {
                Some(("q", v)) => filter.text = super::percent_decode(v),
                Some(("role", v)) => filter.role = super::percent_decode(v),
                _ => {}
            }
        }
        filter
    }
}

fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The columns the table sorts by; `Server` keeps the server's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Server,
    Name,
    Entity,
    Roles,
    Status,
    Audio,
    Video,
    Joining,
}

/// The indices of the rows that match `filter`, in the order `sort` asks for (ties keep the server's
/// order, so the list does not jump around between reads).
pub fn visible(rows: &[UserRow], filter: &UserFilter, sort: SortKey, ascending: bool) -> Vec<u32> {
    let matcher = filter.matcher();
    let mut out: Vec<u32> = (0..rows.len()).filter(|&i| matcher(&rows[i])).map(|i| i as u32).collect();
    if sort != SortKey::Server {
        let key = |i: &u32| &rows[*i as usize];
        out.sort_by(|a, b| {
            let order = compare(key(a), key(b), sort);
            let order = if ascending { order } else { order.reverse() };
            order.then(a.cmp(b))
        });
    } else if !ascending {
        out.reverse();
    }
    out
}

fn compare(a: &UserRow, b: &UserRow, sort: SortKey) -> Ordering {
    let text = super::natural::compare;
    match sort {
        SortKey::Server => Ordering::Equal,
        SortKey::Name => text(&a.name, &b.name),
        SortKey::Entity => text(&a.entity, &b.entity),
        SortKey::Roles => role_rank(a).cmp(&role_rank(b)).then_with(|| text(&a.name, &b.name)),
        SortKey::Status => text(&a.status, &b.status),
        SortKey::Audio => a.audio.rank().cmp(&b.audio.rank()),
        SortKey::Video => a.video.rank().cmp(&b.video.rank()),
        SortKey::Joining => text(&a.joining, &b.joining),
    }
}

/// Managers first, then participants, observers, the rest.
fn role_rank(row: &UserRow) -> u8 {
    if row.has_role("administrator") {
        0
    } else if row.is_manager() {
        1
    } else if row.has_role("participant") {
        2
    } else if row.has_role("observer") {
        3
    } else {
        4
    }
}

/// The roles offered by the role filter: the standard ones, then any other role present.
pub fn role_choices(rows: &[UserRow]) -> Vec<String> {
    let mut out: Vec<String> = STANDARD_ROLES.iter().map(|r| (*r).to_owned()).collect();
    for row in rows {
        for role in &row.roles {
            if !out.iter().any(|r| r.eq_ignore_ascii_case(role)) {
                out.push(role.clone());
            }
        }
    }
    out
}

/// The roles after giving `role`: the standard roles are replaced by it, any other role is kept.
pub fn with_role(current: &[String], role: &str) -> Vec<String> {
    let mut out: Vec<String> = current
        .iter()
        .filter(|r| !STANDARD_ROLES.iter().any(|s| r.trim().eq_ignore_ascii_case(s)))
        .filter(|r| !r.trim().is_empty())
        .cloned()
        .collect();
    out.insert(0, role.to_owned());
    out
}

/// The roles after a promote (to moderator) or a demote (managing roles removed, participant given).
pub fn promoted(current: &[String], promote: bool) -> Vec<String> {
    if promote {
        return with_role(current, "moderator");
    }
    let mut out: Vec<String> = current
        .iter()
        .filter(|r| !MANAGING_ROLES.iter().any(|m| r.trim().eq_ignore_ascii_case(m)))
        .filter(|r| !STANDARD_ROLES.iter().any(|s| r.trim().eq_ignore_ascii_case(s)))
        .cloned()
        .collect();
    out.insert(0, "participant".to_owned());
    out
}

/// The first visible row at or after the scroll offset, and how many rows to render: what is on screen
/// plus `overscan` rows on each side, clamped to the list.
pub fn window(scroll_top: f64, viewport: f64, row_height: f64, total: usize, overscan: usize) -> (usize, usize) {
    if total == 0 || row_height <= 0.0 {
        return (0, 0);
    }
    let first = (scroll_top.max(0.0) / row_height).floor() as usize;
    let shown = (viewport.max(row_height) / row_height).ceil() as usize + 1;
    let start = first.saturating_sub(overscan).min(total.saturating_sub(1));
    let end = (first + shown + overscan).min(total);
    (start, end.saturating_sub(start))
}

/// Whether the role `role` begins with `word` (lowercased): "mod" finds moderators, but "er" does not find
/// every moderator and observer, as it would anywhere in the word.
fn starts_with(role: &str, word: &str) -> bool {
    role.get(..word.len()).is_some_and(|head| head.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ccmp::xcon::{Endpoint, EndpointStatus, JoiningMethod, Media, Roles, UriEntry, Uris};

    fn user(entity: &str, name: Option<&str>, roles: &[&str], audio: Option<MediaStatus>) -> User {
        let mut media = Vec::new();
        if let Some(status) = audio {
            media.push(Media { media_type: Some("audio".into()), status: Some(status), ..Media::new("1") });
        }
        User {
            display_text: name.map(str::to_owned),
            roles: Some(Roles::new(roles.iter().copied())),
            endpoints: vec![Endpoint {
                status: Some(EndpointStatus::Connected),
                joining_method: Some(JoiningMethod::DialedIn),
                media,
                ..Endpoint::new(format!("sip:{}", entity.trim_start_matches("xcon-userid:")))
            }],
            ..User::new(entity)
        }
    }

    fn sample() -> Vec<UserRow> {
        rows_of(&[
            user("xcon-userid:alice@example.com", Some("Alice Liddell"), &["moderator"], Some(MediaStatus::SendRecv)),
            user("xcon-userid:bob@example.com", Some("Bob"), &["participant"], Some(MediaStatus::RecvOnly)),
            user("xcon-userid:carol@example.com", None, &["observer"], None),
            user("xcon-userid:dave@example.org", Some("dave"), &["participant", "interpreter"], None),
        ])
    }

    fn names(rows: &[UserRow], indices: &[u32]) -> Vec<String> {
        indices.iter().map(|i| rows[*i as usize].name.clone()).collect()
    }

    #[test]
    fn a_key_is_matched_as_it_is_made() {
        let mut nameless = user("x", None, &[], None);
        nameless.entity = None;
        let users = [
            user("  XCON-USERID:Ann@Example.com ", None, &[], None),
            user("xcon-userid:ΟΔΥΣΣΕΥΣ@example.com", None, &[], None),
            user("xcon-userid:ΟΔΥΣΣΕΥΣ", None, &[], None),
            nameless,
        ];
        for (i, u) in users.iter().enumerate() {
            let key = UserRow::key_of(u, i);
            assert!(UserRow::has_key(u, i, &key), "{key}");
            assert!(!UserRow::has_key(u, i, &format!("{key}x")));
        }
        assert!(!UserRow::has_key(&users[3], 3, "#2"));
        assert_eq!(
            find(&users, "xcon-userid:ann@example.com").map(|u| u.entity.as_deref()),
            Some(users[0].entity.as_deref())
        );
        assert!(find(&users, "#3").is_some_and(|u| u.entity.is_none()));
    }

    #[test]
    fn the_current_user_is_said_with_roles_and_media() {
        let rows = sample();
        assert_eq!(rows[0].spoken(), "Alice Liddell, moderator; audio on");
        assert_eq!(rows[1].spoken(), "Bob, participant; audio muted");
        assert_eq!(rows[3].spoken(), "dave, participant, interpreter");
    }

    #[test]
    fn mute_all_spares_the_moderators_and_those_already_muted() {
        let mut users = vec![
            user("xcon-userid:alice@example.com", Some("Alice Liddell"), &["moderator"], Some(MediaStatus::SendRecv)),
            user("xcon-userid:bob@example.com", Some("Bob"), &["participant"], Some(MediaStatus::RecvOnly)),
            user("xcon-userid:erin@example.com", Some("Erin"), &["participant"], Some(MediaStatus::SendRecv)),
            user("xcon-userid:fay@example.com", Some("Fay"), &["observer"], Some(MediaStatus::SendOnly)),
            user("xcon-userid:gus@example.com", Some("Gus"), &["participant"], None),
        ];
        let mut nameless = user("xcon-userid:x@example.com", None, &["participant"], Some(MediaStatus::SendRecv));
        nameless.entity = None;
        users.push(nameless);
        assert_eq!(
            to_mute_all(&rows_of(&users), "xcon-userid:m@example.com"),
            ["xcon-userid:erin@example.com", "xcon-userid:fay@example.com"],
            "not Alice (a moderator), Bob (muted), Gus (no audio) or the user without an entity"
        );
        // Nor the moderator muting, joined as a participant (QA: "Mute all participants (2)" counted them).
        assert_eq!(to_mute_all(&rows_of(&users), "XCON-USERID:erin@example.com"), ["xcon-userid:fay@example.com"]);
        // Nor anyone still waiting to be admitted.
        users[3].endpoints[0].status = Some(ccmp::xcon::EndpointStatus::Pending);
        assert_eq!(to_mute_all(&rows_of(&users), "xcon-userid:m@example.com"), ["xcon-userid:erin@example.com"]);
    }

    #[test]
    fn a_row_flattens_the_user() {
        let rows = sample();
        let alice = &rows[0];
        assert_eq!(alice.key, "xcon-userid:alice@example.com");
        assert_eq!(alice.name, "Alice Liddell");
        assert_eq!(alice.status, "connected");
        assert_eq!(alice.joining, "dialed-in");
        assert_eq!(alice.address, "sip:alice@example.com");
        assert_eq!((alice.audio, alice.video), (MediaCell::On, MediaCell::Absent));
        assert!(alice.is_manager());
        assert_eq!(rows[1].audio, MediaCell::Off);
        assert_eq!(rows[2].name, "xcon-userid:carol@example.com", "no display-text: the entity");
    }

    #[test]
    fn odd_users_still_make_rows() {
        let nobody = User {
            roles: Some(Roles::new(["  ", "observer "])),
            associated_aors: Some(Uris::new(vec![UriEntry::new("tel:+15551234")])),
            endpoints: vec![Endpoint::default(), Endpoint::default()],
            ..Default::default()
        };
        let row = UserRow::new(&nobody, 7);
        assert_eq!((row.key.as_str(), row.entity.as_str(), row.name.as_str()), ("#7", "", ""));
        assert_eq!(row.roles, vec!["observer".to_string()]);
        assert_eq!(row.address, "tel:+15551234");
        assert_eq!(row.status, "");
        assert_eq!(UserRow::key_of(&nobody, 7), "#7");
    }

    #[test]
    fn media_cells_aggregate_over_endpoints() {
        let mut u = user("xcon-userid:x@example.com", None, &[], Some(MediaStatus::SendRecv));
        let mut second = u.endpoints[0].clone();
        second.entity = Some("sip:x2@example.com".into());
        second.media[0].status = Some(MediaStatus::Inactive);
        u.endpoints.push(second);
        assert_eq!(MediaCell::of(&u, "audio"), MediaCell::Mixed);
        assert_eq!(MediaCell::of(&u, "AUDIO "), MediaCell::Mixed, "types compare loosely");
        u.endpoints[0].media[0].status = Some(MediaStatus::RecvOnly);
        assert_eq!(MediaCell::of(&u, "audio"), MediaCell::Off);
        u.endpoints[0].media[0].status = None;
        assert_eq!(MediaCell::of(&u, "audio"), MediaCell::Off, "an unknown status does not hide a known one");
        assert!(!MediaCell::Off.can_turn_off() && MediaCell::Mixed.can_turn_off());
    }

    #[test]
    fn the_text_filter_matches_every_word_anywhere() {
        let rows = sample();
        let check = |text: &str, role: &str, expected: &[&str]| {
            let filter = UserFilter { text: text.into(), role: role.into() };
            assert_eq!(names(&rows, &visible(&rows, &filter, SortKey::Server, true)), expected, "{text:?} {role:?}");
        };
        check("", "", &["Alice Liddell", "Bob", "xcon-userid:carol@example.com", "dave"]);
        check("ALICE", "", &["Alice Liddell"]);
        check("lid ali", "", &["Alice Liddell"]);
        check("example.org", "", &["dave"]);
        check("sip:bob", "", &["Bob"]);
        check("interpreter", "", &["dave"]);
        // A role by the start of its name, not any part of it.
        check("interp", "", &["dave"]);
        check("MOD", "", &["Alice Liddell"]);
        check("erpreter", "", &[]);
        check("", "participant", &["Bob", "dave"]);
        check("b", "participant", &["Bob"]);
        check("", "Moderator", &["Alice Liddell"]);
        check("nobody", "", &[]);
        // Not the scheme every id shares (only carol, whose name is her id).
        check("userid", "", &["xcon-userid:carol@example.com"]);
        // An id typed whole, scheme and all, still finds its user (the list's "with Grace Kim" link sends one).
        check("xcon-userid:carol@", "", &["xcon-userid:carol@example.com"]);
        check("XCON-USERID:bob@", "", &["Bob"]);
        // Accents typed or not: "Líd" finds Liddell, as "sean" finds Seán.
        check("L\u{ed}d", "", &["Alice Liddell"]);
    }

    #[test]
    fn sorting_is_stable_and_reversible() {
        let rows = sample();
        let all = UserFilter::default();
        let order = |key, asc| names(&rows, &visible(&rows, &all, key, asc));
        assert_eq!(order(SortKey::Name, true), ["Alice Liddell", "Bob", "dave", "xcon-userid:carol@example.com"]);
        assert_eq!(order(SortKey::Name, false), ["xcon-userid:carol@example.com", "dave", "Bob", "Alice Liddell"]);
        assert_eq!(order(SortKey::Roles, true), ["Alice Liddell", "Bob", "dave", "xcon-userid:carol@example.com"]);
        assert_eq!(order(SortKey::Audio, true)[0], "Alice Liddell");
        assert_eq!(order(SortKey::Server, false)[0], "dave");
    }

    #[test]
    fn the_filter_survives_as_text() {
        let filter = UserFilter { text: "Zoë & co=1 %".into(), role: "moderator".into() };
        let kept = filter.encode();
        assert!(!kept.contains(' ') && !kept.contains('ë'), "{kept}");
        assert_eq!(UserFilter::decode(&kept), filter);
        assert_eq!(UserFilter::decode("garbage%zz&q=%"), UserFilter { text: "%".into(), role: String::new() });
        assert_eq!(UserFilter::decode(""), UserFilter::default());
    }

    #[test]
    fn role_changes_keep_other_roles() {
        let roles = |r: &[&str]| r.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(with_role(&roles(&["participant", "interpreter"]), "observer"), roles(&["observer", "interpreter"]));
        assert_eq!(promoted(&roles(&["participant", "interpreter"]), true), roles(&["moderator", "interpreter"]));
        assert_eq!(promoted(&roles(&["moderator", "organizer"]), false), roles(&["participant"]));
        assert_eq!(promoted(&[], false), roles(&["participant"]));
        assert_eq!(role_choices(&sample()).last().map(String::as_str), Some("interpreter"));
    }

    #[test]
    fn the_window_covers_the_screen_and_the_overscan() {
        assert_eq!(window(0.0, 400.0, 40.0, 10_000, 5), (0, 16));
        assert_eq!(window(4000.0, 400.0, 40.0, 10_000, 5), (95, 21));
        assert_eq!(window(399_900.0, 400.0, 40.0, 10_000, 5), (9992, 8), "clamped at the end");
        assert_eq!(window(1e9, 400.0, 40.0, 3, 5), (2, 1), "scrolled past a list that shrank");
        assert_eq!(window(0.0, 0.0, 40.0, 3, 5), (0, 3));
        assert_eq!(window(0.0, 400.0, 40.0, 0, 5), (0, 0));
        assert_eq!(window(-50.0, 400.0, 40.0, 100, 0), (0, 11));
    }
}
