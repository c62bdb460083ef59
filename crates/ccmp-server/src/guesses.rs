//! Wrong passwords, counted per sender address and per secret guessed at (an account's password, a
//! conference's PIN). A few in a row are free, as typing makes them; past those, the same sender's next
//! guesses at the same secret are refused without being checked, for a wait that doubles with each wrong
//! one (1 s, 2 s, 4 s… up to a minute). A four-digit PIN guessed at argon2's pace (about 30 a second)
//! fell in minutes; at one a minute it takes a week.
//!
//! Counted per address, not per secret alone: a stranger guessing at the moderator's password does not
//! lock the moderator out. A success clears the count; a count left alone for a quarter of an hour is
//! forgotten.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Wrong guesses in a row that cost nothing.
const FREE: u32 = 5;
/// The longest wait between guesses.
const LONGEST_WAIT: Duration = Duration::from_secs(60);
/// A count with no wrong guess for this long starts again from zero.
const FORGOTTEN_AFTER: Duration = Duration::from_secs(15 * 60);
/// Past this many counts, those forgotten are dropped (and, should all be live, all of them): a bound on
/// memory that a flood of addresses cannot push past.
const MAX_COUNTS: usize = 100_000;

/// What is guessed at, and by whom.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Guesser {
    /// The secret: `account:USERNAME` or `conference:URI`.
    pub secret: String,
    /// The sender's address; `None` for requests made in-process (the tests).
    pub peer: Option<IpAddr>,
}

impl Guesser {
    pub fn account(username: &str, peer: Option<IpAddr>) -> Guesser {
        Guesser { secret: format!("account:{username}"), peer }
    }

    pub fn conference(uri: &str, peer: Option<IpAddr>) -> Guesser {
        Guesser { secret: format!("conference:{uri}"), peer }
    }
}

struct Count {
    wrong: u32,
    last: Instant,
    /// No guess is checked before this.
    until: Instant,
}

#[derive(Default)]
pub struct Guesses {
    counts: Mutex<HashMap<Guesser, Count>>,
}

impl Guesses {
    /// How long `guesser` must still wait before a guess is checked; `None` when it may guess now.
    pub fn wait(&self, guesser: &Guesser, now: Instant) -> Option<Duration> {
        let counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        counts.get(guesser).map(|c| c.until.saturating_duration_since(now)).filter(|d| !d.is_zero())
    }

    /// Counts a wrong guess.
    pub fn wrong(&self, guesser: &Guesser, now: Instant) {
        let mut counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        if counts.len() >= MAX_COUNTS && !counts.contains_key(guesser) {
            counts.retain(|_, c| now.saturating_duration_since(c.last) < FORGOTTEN_AFTER);
            if counts.len() >= MAX_COUNTS {
                counts.clear();
            }
        }
        let count = counts.entry(guesser.clone()).or_insert(Count { wrong: 0, last: now, until: now });
        if now.saturating_duration_since(count.last) >= FORGOTTEN_AFTER {
            count.wrong = 0;
        }
        count.wrong = count.wrong.saturating_add(1);
        count.last = now;
        count.until = now + wait_after(count.wrong);
    }

    /// Clears `guesser`'s count: the right secret was given.
    pub fn right(&self, guesser: &Guesser) {
        self.counts.lock().unwrap_or_else(|p| p.into_inner()).remove(guesser);
    }
}

/// The wait after the `wrong`-th wrong guess in a row.
fn wait_after(wrong: u32) -> Duration {
    match wrong.checked_sub(FREE) {
        None => Duration::ZERO,
        Some(past) => Duration::from_secs(1u64 << past.min(6)).min(LONGEST_WAIT),
    }
}

/// What a refusal says to a sender made to wait, about `what` (`passwords for moderator`).
pub fn too_many(what: &str, wait: Duration) -> String {
    format!("too many wrong {what} from this address: try again in {}", seconds(wait))
}

/// "8 s", rounded up.
fn seconds(wait: Duration) -> String {
    format!("{} s", wait.as_secs() + u64::from(wait.subsec_nanos() > 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn me() -> Guesser {
        Guesser::account("moderator", Some(IpAddr::from([127, 0, 0, 1])))
    }

    #[test]
    fn the_first_wrong_guesses_are_free_then_the_wait_doubles_to_a_minute() {
        let waits: Vec<u64> = (1..=13).map(|n| wait_after(n).as_secs()).collect();
        assert_eq!(waits, [0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
    }

    #[test]
    fn a_sender_past_its_free_guesses_waits_and_a_right_one_clears_it() {
        let guesses = Guesses::default();
        let t0 = Instant::now();
        for _ in 0..FREE - 1 {
            guesses.wrong(&me(), t0);
        }
        assert_eq!(guesses.wait(&me(), t0), None);
        guesses.wrong(&me(), t0);
        assert_eq!(guesses.wait(&me(), t0), Some(Duration::from_secs(1)));
        assert_eq!(guesses.wait(&me(), t0 + Duration::from_millis(400)), Some(Duration::from_millis(600)));
        assert_eq!(guesses.wait(&me(), t0 + Duration::from_secs(1)), None);
        guesses.wrong(&me(), t0 + Duration::from_secs(1));
        assert_eq!(guesses.wait(&me(), t0 + Duration::from_secs(1)), Some(Duration::from_secs(2)));
        guesses.right(&me());
        assert_eq!(guesses.wait(&me(), t0 + Duration::from_secs(1)), None);
    }

    #[test]
    fn another_address_or_another_secret_is_not_held_back() {
        let guesses = Guesses::default();
        let t0 = Instant::now();
        for _ in 0..FREE + 3 {
            guesses.wrong(&me(), t0);
        }
        assert!(guesses.wait(&me(), t0).is_some());
        let elsewhere = Guesser::account("moderator", Some(IpAddr::from([10, 0, 0, 7])));
        assert_eq!(guesses.wait(&elsewhere, t0), None);
        let pin = Guesser::conference("xcon:a@example.com", me().peer);
        assert_eq!(guesses.wait(&pin, t0), None);
    }

    #[test]
    fn a_count_left_alone_a_quarter_of_an_hour_starts_again() {
        let guesses = Guesses::default();
        let t0 = Instant::now();
        for _ in 0..FREE + 2 {
            guesses.wrong(&me(), t0);
        }
        let later = t0 + FORGOTTEN_AFTER;
        guesses.wrong(&me(), later);
        assert_eq!(guesses.wait(&me(), later), None, "one wrong guess after the pause is free again");
    }

    #[test]
    fn waits_are_told_in_whole_seconds_rounded_up() {
        assert_eq!(seconds(Duration::from_millis(600)), "1 s");
        assert_eq!(seconds(Duration::from_secs(8)), "8 s");
        assert_eq!(
            too_many("passwords for moderator", Duration::from_millis(7200)),
            "too many wrong passwords for moderator from this address: try again in 8 s"
        );
    }
}
