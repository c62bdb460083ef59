//! Version tracking (RFC 6503 section 4.4 / CCMP.md section 3): the panel remembers the version of each
//! conference it last saw, and learns from the next version whether someone else changed it.

use std::collections::HashMap;

use super::uri_key;

/// What a version the server just returned says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionCheck {
    /// The first time the panel sees this object.
    First,
    /// What the panel expected: the same on a read, one more after its own change.
    AsExpected,
    /// The object moved further than the panel's own change explains: someone else changed it.
    ChangedElsewhere { known: u64, now: u64 },
    /// Older than what the panel already saw (a stale replica or a reordered reply); ignored.
    Older { known: u64, now: u64 },
    /// Older than a version the panel learned after the read was sent (see [`VersionTracker::stamp`]): the
    /// server answered it before a change that another answer told of first; nothing went back.
    Overtaken,
}

impl VersionCheck {
    /// Whether the panel should re-read the object and show what someone else changed.
    pub fn needs_reread(self) -> bool {
        matches!(self, VersionCheck::ChangedElsewhere { .. })
    }
}

#[derive(Debug, Clone, Default)]
pub struct VersionTracker {
    seen: HashMap<String, u64>,
    /// Per object, the panel's own changes that raised its version without telling it the new one: a change
    /// to one of its sidebars by value (they live in its document), a sidebar by reference opened or closed.
    unseen: HashMap<String, u64>,
    /// Counts the rises of any object's version; per object, the count at its latest rise (see
    /// [`VersionTracker::stamp`]).
    rises: u64,
    risen_at: HashMap<String, u64>,
}

impl VersionTracker {
    /// The version last seen for `uri`.
    pub fn known(&self, uri: &str) -> Option<u64> {
        self.seen.get(&uri_key(uri)).copied()
    }

    /// A read returned `version`: any increase since the last one is someone else's change.
    pub fn on_read(&mut self, uri: &str, version: u64) -> VersionCheck {
        self.observe(uri, version, 0)
    }

    /// Where the versions stand, for a read about to be sent: given back to [`VersionTracker::on_read_since`]
    /// with its answer.
    pub fn stamp(&self) -> u64 {
        self.rises
    }

    /// A read sent at `stamp` returned `version`. Older than known is [`VersionCheck::Overtaken`] when the
    /// version known was learned after the read was sent (QA: during an Admit all, a read answered before the
    /// run's changes and arrived after their answers was told as "The conference's version went back").
    pub fn on_read_since(&mut self, uri: &str, version: u64, stamp: u64) -> VersionCheck {
        match self.observe(uri, version, 0) {
            VersionCheck::Older { .. } if self.risen_at.get(&uri_key(uri)).is_some_and(|&at| at > stamp) => {
                VersionCheck::Overtaken
            }
            check => check,
        }
    }

    /// The panel's own change returned `version`: one more than known is expected, more than one means
    /// someone else changed it in between.
    pub fn on_own_change(&mut self, uri: &str, version: u64) -> VersionCheck {
        self.observe(uri, version, 1)
    }

    /// The panel changed something that raised the version of `uri` by one without saying to what: the next
    /// version seen may be that much higher and still be the panel's own (QA: a moderator's own split showed
    /// as "changed elsewhere" on the conference's page).
    pub fn own_change_unseen(&mut self, uri: &str) {
        *self.unseen.entry(uri_key(uri)).or_default() += 1;
    }

    /// The panel's own change, counted by [`VersionTracker::own_change_unseen`] as it was sent, returned
    /// `version`: the rise is explained by the changes counted (a bulk run's answers come in any order, and one
    /// may return a version that holds the changes of others still on their way).
    pub fn on_counted_change(&mut self, uri: &str, version: u64) -> VersionCheck {
        self.observe(uri, version, 0)
    }

    /// A change counted by [`VersionTracker::own_change_unseen`] was refused: it raised nothing, and the
    /// next rise is not its.
    pub fn own_change_not_made(&mut self, uri: &str) {
        if let Some(unseen) = self.unseen.get_mut(&uri_key(uri)) {
            *unseen = unseen.saturating_sub(1);
        }
    }

    fn observe(&mut self, uri: &str, version: u64, expected_step: u64) -> VersionCheck {
        let key = uri_key(uri);
        let unseen = self.unseen.get(&key).copied().unwrap_or(0);
        let check = match self.seen.get(&key).copied() {
            None => VersionCheck::First,
            Some(known) if version < known => return VersionCheck::Older { known, now: version },
            Some(known) => {
                // Own changes account for as much of the rise as they can; those not seen yet wait for a later
                // version (a read may have begun before they were made).
                let explained = (version - known).saturating_sub(expected_step).min(unseen);
                self.unseen.insert(key.clone(), unseen - explained);
                if version <= known.saturating_add(expected_step).saturating_add(explained) {
                    VersionCheck::AsExpected
                } else {
                    VersionCheck::ChangedElsewhere { known, now: version }
                }
            }
        };
        if self.seen.insert(key.clone(), version) != Some(version) {
            self.rises += 1;
            self.risen_at.insert(key, self.rises);
        }
        check
    }

    /// The server itself went back to `version` (restored from a backup): the versions count from there.
    pub fn went_back(&mut self, uri: &str, version: u64) {
        self.seen.insert(uri_key(uri), version);
        self.rises += 1;
        self.risen_at.insert(uri_key(uri), self.rises);
    }

    /// The object is gone (deleted, 404).
    pub fn forget(&mut self, uri: &str) {
        self.seen.remove(&uri_key(uri));
        self.unseen.remove(&uri_key(uri));
        self.risen_at.remove(&uri_key(uri));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use VersionCheck::*;

    #[test]
    fn own_changes_step_by_one() {
        let mut t = VersionTracker::default();
        assert_eq!(t.on_read("xcon:a@x", 3), First);
        assert_eq!(t.on_own_change("xcon:A@x", 4), AsExpected);
        assert_eq!(t.on_own_change("xcon:a@x", 6), ChangedElsewhere { known: 4, now: 6 });
        assert_eq!(t.known("xcon:a@x"), Some(6));
    }

    #[test]
    fn own_changes_of_unseen_version_explain_as_much_of_a_rise() {
        let mut t = VersionTracker::default();
        t.on_read("xcon:a@x", 3);
        t.own_change_unseen("xcon:a@x");
        t.own_change_unseen("xcon:A@x");
        assert_eq!(t.on_read("xcon:a@x", 3), AsExpected, "a read begun before them");
        assert_eq!(t.on_read("xcon:a@x", 4), AsExpected, "one of them");
        assert_eq!(t.on_read("xcon:a@x", 5), AsExpected, "the other");
        assert_eq!(t.on_read("xcon:a@x", 6), ChangedElsewhere { known: 5, now: 6 }, "no more of them");
        t.own_change_unseen("xcon:a@x");
        assert_eq!(t.on_read("xcon:a@x", 8), ChangedElsewhere { known: 6, now: 8 }, "more than they explain");
        assert_eq!(t.on_read("xcon:a@x", 9), ChangedElsewhere { known: 8, now: 9 }, "used up");
        t.own_change_unseen("xcon:a@x");
        assert_eq!(t.on_own_change("xcon:a@x", 11), AsExpected, "with the panel's own change that said");
    }

    #[test]
    fn changes_counted_as_sent_are_answered_in_any_order() {
        let mut t = VersionTracker::default();
        t.on_read("xcon:a@x", 3);
        for _ in 0..4 {
            t.own_change_unseen("xcon:a@x");
        }
        assert_eq!(t.on_counted_change("xcon:a@x", 5), AsExpected, "the second answered first");
        assert_eq!(t.on_counted_change("xcon:a@x", 4), Older { known: 5, now: 4 }, "then the first");
        t.own_change_not_made("xcon:a@x");
        assert_eq!(t.on_counted_change("xcon:a@x", 6), AsExpected, "the fourth; the third was refused");
        assert_eq!(t.on_read("xcon:a@x", 7), ChangedElsewhere { known: 6, now: 7 }, "nothing left to explain it");
        t.own_change_not_made("xcon:a@x");
        t.own_change_unseen("xcon:a@x");
        assert_eq!(t.on_counted_change("xcon:a@x", 9), ChangedElsewhere { known: 7, now: 9 }, "one counted, two more");
    }

    #[test]
    fn a_read_overtaken_by_a_change_told_first_is_no_step_back() {
        let mut t = VersionTracker::default();
        t.on_read("xcon:a@x", 3);
        let sent = t.stamp();
        t.own_change_unseen("xcon:a@x");
        assert_eq!(t.on_counted_change("xcon:a@x", 4), AsExpected, "the change's answer comes first");
        assert_eq!(t.on_read_since("xcon:a@x", 3, sent), Overtaken, "the read answered before the change");
        let later = t.stamp();
        assert_eq!(t.on_read_since("xcon:a@x", 2, later), Older { known: 4, now: 2 }, "sent after: it went back");
        // Another object's rise says nothing of this one.
        let sent = t.stamp();
        t.on_read("xcon:b@x", 1);
        t.on_read("xcon:b@x", 2);
        assert_eq!(t.on_read_since("xcon:a@x", 3, sent), Older { known: 4, now: 3 });
    }

    #[test]
    fn reads_notice_any_increase() {
        let mut t = VersionTracker::default();
        t.on_read("xcon:a@x", 3);
        assert_eq!(t.on_read("xcon:a@x", 3), AsExpected);
        assert!(t.on_read("xcon:a@x", 4).needs_reread());
        assert_eq!(t.on_read("xcon:a@x", 2), Older { known: 4, now: 2 });
        assert_eq!(t.known("xcon:a@x"), Some(4));
        t.went_back("xcon:a@x", 2);
        assert_eq!(t.on_read("xcon:a@x", 2), AsExpected, "counted from where the server went back to");
        t.forget("XCON:a@x");
        assert_eq!(t.on_read("xcon:a@x", 9), First);
    }
}
