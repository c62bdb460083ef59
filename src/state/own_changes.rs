//! Which users a read of a list may show changed by this panel itself, so that its news
//! (`super::users_news`) leaves them out. A user this panel sent a change about stays its own until a read
//! sent after the change's answer came is in: a read sent before may have been answered before the change
//! reached the server, and the read after it would show the change as someone else's (QA, a big live event:
//! with Auto re-reading a list of 2,000 during "Mute all", "Changed elsewhere: Fran Tanaka: audio … and 5
//! more", every one of them muted by this panel; the read had begun before their mutes and came in after them).

use std::collections::{HashMap, HashSet};

/// What the panel has in flight or answered about one user of one list.
#[derive(Debug, Clone, Copy, Default)]
struct Own {
    /// Changes sent and not answered yet.
    in_flight: u32,
    /// When the last one was answered, on [`OwnChanges`]'s clock.
    answered: u64,
}

/// The users this panel changed, per list (its URI key), until a read shows them as the server has them.
#[derive(Debug, Clone, Default)]
pub struct OwnChanges {
    /// Counts what happens (a change sent or answered, a read sent): the order of events, not a time.
    clock: u64,
    lists: HashMap<String, HashMap<String, Own>>,
}

/// A read as it is sent: what [`OwnChanges::for_read`] needs of it once it is in. The default is before
/// everything: such a read settles nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadTicket(u64);

impl OwnChanges {
    fn tick(&mut self) -> u64 {
        self.clock += 1;
        self.clock
    }

    /// A change about `users` of `list` is sent (`users_news::changed_by`).
    pub fn sent(&mut self, list: &str, users: &[String]) {
        let lists = self.lists.entry(list.to_owned()).or_default();
        for user in users {
            lists.entry(user.clone()).or_default().in_flight += 1;
        }
        self.tick();
    }

    /// Its answer came, or it ended without one (a lost answer, a dropped request): a read sent from now on
    /// shows what the server made of it.
    pub fn answered(&mut self, list: &str, users: &[String]) {
        let now = self.tick();
        let Some(lists) = self.lists.get_mut(list) else { return };
        for user in users {
            if let Some(own) = lists.get_mut(user) {
                own.in_flight = own.in_flight.saturating_sub(1);
                own.answered = now;
            }
        }
    }

    /// A read is being sent.
    pub fn read_sent(&mut self) -> ReadTicket {
        ReadTicket(self.tick())
    }

    /// The users of `list` this panel changed that no read has settled yet, leaving them as they are: for a
    /// read that is not the list's own (the conference page's), which must not settle them for the list's.
    pub fn unsettled(&self, list: &str) -> HashSet<String> {
        self.lists.get(list).map(|users| users.keys().cloned().collect()).unwrap_or_default()
    }

    /// The users of `list` a read sent at `ticket` may show changed by this panel: all those it changed
    /// since the last read that settled them. Those whose changes were all answered before the read was
    /// sent are settled by it: it shows them as the server has them, and later reads compare with it.
    pub fn for_read(&mut self, list: &str, ticket: ReadTicket) -> HashSet<String> {
        let Some(users) = self.lists.get_mut(list) else { return HashSet::new() };
        let own = users.keys().cloned().collect();
        users.retain(|_, o| o.in_flight > 0 || o.answered > ticket.0);
        if users.is_empty() {
            self.lists.remove(list);
        }
        own
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::users::{rows_of, UserRow};
    use crate::state::users_news::UsersNews;
    use ccmp::xcon::{Endpoint, EndpointStatus, Media, MediaStatus, User};

    const LIST: &str = "xcon:event@example.com";

    fn user(i: usize, audio: MediaStatus) -> User {
        let mut endpoint = Endpoint::new(format!("sip:u{i}@example.com"));
        endpoint.status = Some(EndpointStatus::Connected);
        endpoint.media = vec![Media { media_type: Some("audio".into()), status: Some(audio), ..Media::new("1") }];
        User {
            entity: Some(format!("xcon-userid:u{i}@example.com")),
            display_text: Some(format!("Kowalski {i}")),
            endpoints: vec![endpoint],
            ..Default::default()
        }
    }

    fn key(i: usize) -> String {
        format!("xcon-userid:u{i}@example.com")
    }

    /// The list of `n` users as the server has it once the first `muted` were muted by this panel, those of
    /// `others` being switched (muted, or unmuted) by someone else.
    fn server(n: usize, muted: usize, others: &[usize]) -> Vec<UserRow> {
        let audio = |i| match (i < muted) != others.contains(&i) {
            true => MediaStatus::RecvOnly,
            false => MediaStatus::SendRecv,
        };
        rows_of(&(0..n).map(|i| user(i, audio(i))).collect::<Vec<_>>())
    }

    /// The users tab: what it shows, and the news its reads told.
    struct Tab {
        own: OwnChanges,
        shown: Vec<UserRow>,
        news: UsersNews,
    }

    impl Tab {
        fn new(shown: Vec<UserRow>) -> Tab {
            Tab { own: OwnChanges::default(), shown, news: UsersNews::default() }
        }

        /// A change of user `i` sent (`Ccmp::send`).
        fn send(&mut self, i: usize) {
            self.own.sent(LIST, &[key(i)]);
        }

        /// Its answer came: the panel applies it to its copy, as `UsersHandle::bulk` does.
        fn answer(&mut self, i: usize) {
            self.own.answered(LIST, &[key(i)]);
            self.shown[i] = UserRow::new(&user(i, MediaStatus::RecvOnly), i);
        }

        /// A read's answer, `read` as the server had the list when it answered, is shown
        /// (`UsersHandle::store`).
        fn store(&mut self, ticket: ReadTicket, read: Vec<UserRow>) {
            let own = self.own.for_read(LIST, ticket);
            let fresh = UsersNews::between(&self.shown, &read, &own);
            self.news = std::mem::take(&mut self.news).then(fresh, "t");
            self.shown = read;
        }
    }

    #[test]
    fn a_read_sent_before_a_change_and_in_after_its_answer_does_not_make_it_news() {
        // QA's Dan Kowalski: a read (Auto, every 10 s) is sent, the mute goes and is answered, the read comes
        // in with the list as it was before the mute, and the next read shows Dan muted.
        let mut tab = Tab::new(server(1, 0, &[]));
        let read = tab.own.read_sent();
        tab.send(0);
        tab.answer(0);
        tab.store(read, server(1, 0, &[]));
        let next = tab.own.read_sent();
        tab.store(next, server(1, 1, &[]));
        assert_eq!(tab.news.summary(), "", "the mute is this panel's own");
        // Settled by that read: someone else's change to Dan after it is news again.
        let later = tab.own.read_sent();
        tab.store(later, server(1, 1, &[0]));
        assert_eq!(tab.news.summary(), "Kowalski 0: audio.");
    }

    #[test]
    fn a_change_in_flight_through_a_read_stays_the_panels_own() {
        // The change is sent before the read and answered after it is in, whether or not the read shows it.
        for shows_it in [false, true] {
            let mut tab = Tab::new(server(1, 0, &[]));
            tab.send(0);
            let read = tab.own.read_sent();
            tab.store(read, server(1, usize::from(shows_it), &[]));
            tab.answer(0);
            let next = tab.own.read_sent();
            tab.store(next, server(1, 1, &[]));
            assert_eq!(tab.news.summary(), "", "shown by the read: {shows_it}");
        }
    }

    #[test]
    fn no_read_overlapping_a_bulk_run_tells_its_changes_as_someone_elses() {
        // "Mute" of the first `n` of `n + 1`, one request after the other, and a read sent before the request
        // of user `sent_before` and in after the answer of user `in_after`, which the server answered once the
        // first `server_had` were muted. The last user, whom the run leaves alone, was muted by someone else
        // meanwhile: that is news, and the run's changes are not, at that read or the next.
        let n = 5;
        for sent_before in 0..n {
            for in_after in sent_before..n {
                for server_had in sent_before..=in_after + 1 {
                    let mut tab = Tab::new(server(n + 1, 0, &[]));
                    let mut read = None;
                    for i in 0..n {
                        if i == sent_before {
                            read = Some(tab.own.read_sent());
                        }
                        tab.send(i);
                        tab.answer(i);
                        if let (true, Some(ticket)) = (i == in_after, read) {
                            tab.store(ticket, server(n + 1, server_had, &[n]));
                        }
                    }
                    let after = tab.own.read_sent();
                    tab.store(after, server(n + 1, n, &[n]));
                    let case = format!("read sent before {sent_before}, in after {in_after}, showing {server_had}");
                    assert_eq!(tab.news.summary(), "Kowalski 5: audio.", "{case}");
                    let other = tab.own.read_sent();
                    tab.store(other, server(n + 1, n, &[n, 3]));
                    assert_eq!(
                        tab.news.summary(),
                        "Kowalski 5: audio; Kowalski 3: audio.",
                        "{case}, then 3 unmuted elsewhere"
                    );
                }
            }
        }
    }

    #[test]
    fn a_read_settles_only_the_changes_answered_before_it_was_sent() {
        let mut own = OwnChanges::default();
        own.sent(LIST, &[key(0)]);
        own.answered(LIST, &[key(0)]);
        let read = own.read_sent();
        own.sent(LIST, &[key(1)]);
        own.sent(LIST, &[key(2)]);
        own.answered(LIST, &[key(2)]);
        let all: HashSet<String> = [key(0), key(1), key(2)].into();
        assert_eq!(own.for_read(LIST, read), all);
        assert_eq!(own.for_read(LIST, read), [key(1), key(2)].into(), "0 is settled");
        own.answered(LIST, &[key(1)]);
        let next = own.read_sent();
        assert_eq!(own.for_read(LIST, next), [key(1), key(2)].into());
        let last = own.read_sent();
        assert_eq!(own.for_read(LIST, last), HashSet::new(), "all settled");
        assert_eq!(own.for_read("xcon:other@example.com", next), HashSet::new());
    }
}
