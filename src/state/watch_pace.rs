//! How often the panel re-reads a waiting room in the background (the watch, `session/lobby/watch.rs`).
//! CCMP has no request for only the people waiting: each re-read fetches the whole conference, 7 MB for
//! one of 10,000 users. So the watch reads every [`WATCH_SECS`] only while a read is cheap; one that took
//! long (a large conference, a slow link, a busy server) puts the next off in proportion, so that the
//! watch keeps the link busy at most one part in [`BUSY_SHARE`] of the time, and a knock still comes
//! within [`LONGEST_SECS`].

/// How often a waiting room is re-read for newcomers, in seconds, at most: by the watch, and by a users
/// tab that shows one until the moderator picks another "Auto" interval.
pub const WATCH_SECS: u32 = 10;

/// The longest the watch waits between two reads of a conference, in seconds, however slow they are.
pub const LONGEST_SECS: u32 = 120;

/// A background read takes at most one part in this many of the time between two.
pub const BUSY_SHARE: u32 = 20;

/// When the watch reads a conference next (in ms, on the clock of `started`), after a read of it that
/// started at `started` and took `took` ms.
pub fn next_read(started: f64, took: f64) -> f64 {
    let least = f64::from(WATCH_SECS) * 1000.0;
    let most = f64::from(LONGEST_SECS) * 1000.0;
    // A clock that went back gives a negative time: the read counts as quick.
    started + (took.max(0.0) * f64::from(BUSY_SHARE)).clamp(least, most)
}

/// When the watch reads a conference next (in ms) after any other read of it at `now`: the page, the list
/// or a users tab just read it, so the watch has nothing to learn for a while.
pub fn after_other_read(due: f64, now: f64) -> f64 {
    due.max(now + f64::from(WATCH_SECS) * 1000.0)
}

/// How long after a read of the conferences list, begun on auto-refresh every `secs` seconds, that took
/// `took` ms, the next one begins (in ms from the end of that read): `secs` after the last began, or later
/// when reads are slow, so that the list keeps the server busy at most one part in [`BUSY_SHARE`] of the time,
/// as the watch does. A read of 500 conferences is 501 requests: "every 5 s" was 6,300 requests a minute
/// (QA).
pub fn next_refresh_in(secs: u32, took: f64) -> f64 {
    let took = took.max(0.0);
    (f64::from(secs) * 1000.0).max(took * f64::from(BUSY_SHARE)) - took
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_on_auto_refresh_slows_down_when_its_reads_are_long() {
        // 50 conferences read in 200 ms: every 5 s as chosen, counted from when the read began.
        assert_eq!(next_refresh_in(5, 200.0), 4_800.0);
        // 524 conferences read in 950 ms: every 19 s.
        assert_eq!(next_refresh_in(5, 950.0) + 950.0, 19_000.0);
        assert_eq!(next_refresh_in(60, 950.0) + 950.0, 60_000.0, "a longer choice stands");
        assert_eq!(next_refresh_in(5, -3.0), 5_000.0, "a clock that went back");
    }

    #[test]
    fn quick_reads_come_every_watch_interval() {
        assert_eq!(next_read(1_000.0, 0.0), 11_000.0);
        assert_eq!(next_read(1_000.0, 200.0), 11_000.0);
        assert_eq!(next_read(1_000.0, 500.0), 11_000.0);
    }

    #[test]
    fn slow_reads_put_the_next_off_in_proportion_up_to_two_minutes() {
        // 7 MB over a 10 Mbit/s link: about 6 s; the next read two minutes after it began.
        assert_eq!(next_read(0.0, 3_000.0), 60_000.0);
        assert_eq!(next_read(0.0, 6_000.0), 120_000.0);
        // A read that ran into the 30 s timeout.
        assert_eq!(next_read(0.0, 30_000.0), 120_000.0);
    }

    #[test]
    fn a_clock_that_went_back_counts_as_a_quick_read() {
        assert_eq!(next_read(5_000.0, -40.0), 15_000.0);
    }

    #[test]
    fn another_read_puts_the_watch_off_but_never_brings_it_forward() {
        assert_eq!(after_other_read(0.0, 2_000.0), 12_000.0);
        assert_eq!(after_other_read(90_000.0, 2_000.0), 90_000.0);
    }
}
