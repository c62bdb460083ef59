//! Passwords: argon2id hashes, and an in-memory record of verifications that succeeded.
//!
//! argon2id is slow on purpose (tens of milliseconds), which would cap a server that checks `subject`
//! on every request at a few dozen requests per second per core. So a successful verification is
//! remembered under a keyed hash (BLAKE2b MAC with a key drawn at start and never stored) of the stored
//! hash and the password presented: a later request with the same credentials is checked in
//! microseconds, a changed password (a new stored hash) is verified afresh, and the memory holds
//! nothing from which a password could be recovered. Failures are not remembered, but counted
//! ([`Guesses`]): a sender that keeps guessing is made to wait.

use std::collections::HashSet;
use std::sync::RwLock;
use std::time::{Duration, Instant};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use blake2::digest::Mac;
use blake2::Blake2bMac512;
use rand_core::{OsRng, RngCore};

use crate::failure::{Failure, Outcome};
use crate::guesses::{Guesser, Guesses};

/// Remembered verifications are forgotten all at once past this many (a cheap bound on memory).
const MAX_REMEMBERED: usize = 100_000;

pub struct Passwords {
    key: [u8; 32],
    verified: RwLock<HashSet<[u8; 32]>>,
    /// Slow verifications run at most one per core at a time: a burst of requests with the same new
    /// credentials costs one argon2 run (the others find it remembered once they get their turn), and a
    /// flood of wrong ones cannot take all the memory argon2 uses.
    slow: tokio::sync::Semaphore,
    guesses: Guesses,
    /// A hash no password matches (made from a random one, forgotten): an unknown username's password is
    /// checked against it, so that the answer takes as long as for a known one, and its guesses count
    /// alike (QA: 0.4 ms against 25 ms told which usernames exist).
    decoy: std::sync::OnceLock<String>,
}

/// What a check of a password found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Right,
    Wrong,
    /// Not checked: the sender guessed wrong too often, and must wait this long.
    Wait(Duration),
}

impl Default for Passwords {
    fn default() -> Self {
        let mut key = [0; 32];
        OsRng.fill_bytes(&mut key);
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Passwords {
            key,
            verified: RwLock::new(HashSet::new()),
            slow: tokio::sync::Semaphore::new(cores),
            decoy: std::sync::OnceLock::new(),
            guesses: Guesses::default(),
        }
    }
}

impl Passwords {
    /// Whether `password`, sent by `guesser`, matches the argon2id `hash`. Credentials verified before
    /// from the same address pass even while that address waits: a moderator already signed in keeps
    /// working behind the same address (a proxy's) as someone guessing. They do not clear the count, which
    /// would give the guesser its free guesses back at each of the moderator's requests. From another
    /// address they are checked as any guess, the wait included: remembered for everyone, a PIN one
    /// participant had used passed at once for a guesser held back from every other guess, and 10,000
    /// guesses took 1.5 s (QA).
    pub async fn check(&self, hash: &str, password: &str, guesser: &Guesser) -> Verdict {
        let tag = self.tag(hash, password, guesser);
        if self.remembers(&tag) {
            return Verdict::Right;
        }
        if let Some(wait) = self.guesses.wait(guesser, Instant::now()) {
            return Verdict::Wait(wait);
        }
        let Ok(_turn) = self.slow.acquire().await else {
            return Verdict::Wrong;
        };
        if self.remembers(&tag) {
            return Verdict::Right;
        }
        // Again once its turn comes: guesses sent all at once would otherwise all have passed the first
        // look while none was counted yet, and all be checked.
        if let Some(wait) = self.guesses.wait(guesser, Instant::now()) {
            return Verdict::Wait(wait);
        }
        let (hash, password) = (hash.to_owned(), password.to_owned());
        let ok = tokio::task::spawn_blocking(move || verify_slowly(&hash, &password)).await.unwrap_or(false);
        if !ok {
            self.guesses.wrong(guesser, Instant::now());
            return Verdict::Wrong;
        }
        self.guesses.right(guesser);
        let mut verified = self.verified.write().unwrap_or_else(|p| p.into_inner());
        if verified.len() >= MAX_REMEMBERED {
            verified.clear();
        }
        verified.insert(tag);
        Verdict::Right
    }

    /// The hash to check an unknown username's password against (made at the first need: hashing is slow).
    pub fn decoy(&self) -> &str {
        self.decoy.get_or_init(|| hash_password(&random_password(32)).unwrap_or_default())
    }

    fn remembers(&self, tag: &[u8; 32]) -> bool {
        self.verified.read().unwrap_or_else(|p| p.into_inner()).contains(tag)
    }

    /// What is remembered of credentials verified from an address: a keyed hash of the three.
    fn tag(&self, hash: &str, password: &str, guesser: &Guesser) -> [u8; 32] {
        let mut mac = <Blake2bMac512 as Mac>::new_from_slice(&self.key).expect("a 32-byte key is valid for BLAKE2b");
        let address = guesser.peer.map(|ip| ip.to_string()).unwrap_or_default();
        for field in [hash.as_bytes(), password.as_bytes(), address.as_bytes()] {
            mac.update(&(field.len() as u64).to_le_bytes());
            mac.update(field);
        }
        let full = mac.finalize().into_bytes();
        let mut tag = [0; 32];
        tag.copy_from_slice(&full[..32]);
        tag
    }
}

fn verify_slowly(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// The argon2id hash (PHC string, random salt) of `password`.
pub fn hash_password(password: &str) -> Outcome<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Failure::internal(format_args!("argon2: {e}")))
}

/// `n` random characters from an alphabet without look-alikes, for generated passwords.
pub fn random_password(n: usize) -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    random_from(ALPHABET, n)
}

/// `n` random decimal digits, the first not zero: conference and user ids.
pub fn random_digits(n: usize) -> String {
    let mut s = random_from(b"123456789", 1);
    s.push_str(&random_from(b"0123456789", n.saturating_sub(1)));
    s
}

fn random_from(alphabet: &[u8], n: usize) -> String {
    let mut out = String::with_capacity(n);
    while out.len() < n {
        let mut byte = [0u8; 1];
        OsRng.fill_bytes(&mut byte);
        // Rejection sampling keeps every character equally likely.
        let limit = 256 - 256 % alphabet.len();
        if usize::from(byte[0]) < limit {
            out.push(char::from(alphabet[usize::from(byte[0]) % alphabet.len()]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn someone() -> Guesser {
        Guesser::account("moderator", None)
    }

    #[tokio::test]
    async fn verification_is_remembered_only_when_it_succeeds() {
        let passwords = Passwords::default();
        let hash = hash_password("s3cret").unwrap();
        assert!(!hash.contains("s3cret"));
        assert_eq!(passwords.check(&hash, "wrong", &someone()).await, Verdict::Wrong);
        assert_eq!(passwords.check(&hash, "s3cret", &someone()).await, Verdict::Right);
        assert_eq!(passwords.check(&hash, "s3cret", &someone()).await, Verdict::Right);
        assert_eq!(passwords.verified.read().unwrap().len(), 1);
        assert_eq!(passwords.check(&hash, "wrong", &someone()).await, Verdict::Wrong);
    }

    #[tokio::test]
    async fn a_guesser_made_to_wait_is_not_checked_but_remembered_credentials_still_pass() {
        let passwords = Passwords::default();
        let hash = hash_password("s3cret").unwrap();
        assert_eq!(passwords.check(&hash, "s3cret", &someone()).await, Verdict::Right);
        for _ in 0..5 {
            assert_eq!(passwords.check(&hash, "guess", &someone()).await, Verdict::Wrong);
        }
        // Even the right password is not checked now: a guesser cannot tell it found it.
        let other = hash_password("other").unwrap();
        assert!(matches!(passwords.check(&other, "other", &someone()).await, Verdict::Wait(_)));
        assert!(matches!(passwords.check(&hash, "guess", &someone()).await, Verdict::Wait(_)));
        assert_eq!(passwords.check(&hash, "s3cret", &someone()).await, Verdict::Right);
        assert!(matches!(passwords.check(&hash, "guess", &someone()).await, Verdict::Wait(_)), "not cleared");
    }

    #[tokio::test]
    async fn credentials_remembered_from_one_address_do_not_pass_a_guesser_waiting_at_another() {
        let passwords = Passwords::default();
        let hash = hash_password("4711").unwrap();
        let at = |ip: &str| Guesser::conference("xcon:board@example.com", ip.parse().ok());
        // A participant joins with the PIN.
        assert_eq!(passwords.check(&hash, "4711", &at("192.0.2.1")).await, Verdict::Right);
        // A guesser elsewhere, held back after five wrong guesses, is not let through by the right one.
        for guess in ["0000", "0001", "0002", "0003", "0004"] {
            assert_eq!(passwords.check(&hash, guess, &at("198.51.100.7")).await, Verdict::Wrong);
        }
        assert!(matches!(passwords.check(&hash, "4711", &at("198.51.100.7")).await, Verdict::Wait(_)));
        // The participant's address still passes at once.
        assert_eq!(passwords.check(&hash, "4711", &at("192.0.2.1")).await, Verdict::Right);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn guesses_sent_all_at_once_are_counted_as_they_are_checked() {
        let passwords = std::sync::Arc::new(Passwords::default());
        let hash = hash_password("s3cret").unwrap();
        let guesses: Vec<_> = (0..20)
            .map(|i| {
                let (passwords, hash) = (passwords.clone(), hash.clone());
                tokio::spawn(async move { passwords.check(&hash, &format!("guess {i}"), &someone()).await })
            })
            .collect();
        let mut checked = 0;
        for guess in guesses {
            checked += usize::from(guess.await.unwrap() == Verdict::Wrong);
        }
        // Five free, and those already under way on the other cores when the fifth was counted.
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        assert!(checked < 5 + cores, "{checked} of 20 guesses checked");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_burst_of_the_same_new_credentials_is_verified_once() {
        let passwords = std::sync::Arc::new(Passwords::default());
        let hash = hash_password("s3cret").unwrap();
        let checks: Vec<_> = (0..8)
            .map(|_| {
                let (passwords, hash) = (passwords.clone(), hash.clone());
                tokio::spawn(async move { passwords.check(&hash, "s3cret", &someone()).await })
            })
            .collect();
        for check in checks {
            assert_eq!(check.await.unwrap(), Verdict::Right);
        }
        assert_eq!(passwords.verified.read().unwrap().len(), 1);
    }

    #[test]
    fn random_ids_have_the_asked_shape() {
        let d = random_digits(9);
        assert_eq!(d.len(), 9);
        assert!(d.bytes().all(|b| b.is_ascii_digit()) && !d.starts_with('0'));
        assert_eq!(random_password(20).len(), 20);
    }
}
