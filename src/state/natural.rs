//! The order people expect of names: case does not count, and numbers count as numbers ("Room 2" before
//! "Room 10", "Participant 1180" after "Participant 999"). A plain text order puts "1180, 1380, 1580"
//! before "999", which is not how a moderator looks for someone in a list of thousands.

use std::cmp::Ordering;
use std::iter::Peekable;

/// Compares `a` and `b` case-insensitively, runs of ASCII digits by their value (then by their length, so
/// that "007" and "7" are not equal and the order stays total).
pub fn compare(a: &str, b: &str) -> Ordering {
    let mut x = a.chars().flat_map(char::to_lowercase).peekable();
    let mut y = b.chars().flat_map(char::to_lowercase).peekable();
    loop {
        match (x.peek().copied(), y.peek().copied()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let (m, n) = (digits(&mut x), digits(&mut y));
                let order = number(&m).cmp(&number(&n)).then(m.len().cmp(&n.len()));
                if order != Ordering::Equal {
                    return order;
                }
            }
            (Some(c), Some(d)) => {
                if c != d {
                    return c.cmp(&d);
                }
                x.next();
                y.next();
            }
        }
    }
}

/// The run of digits at the start of `chars`, taken from it.
fn digits(chars: &mut Peekable<impl Iterator<Item = char>>) -> String {
    let mut run = String::new();
    while let Some(c) = chars.next_if(char::is_ascii_digit) {
        run.push(c);
    }
    run
}

/// A run of digits as something ordered by its value, however long: without its leading zeros, the
/// shorter is the smaller, and of two as long the first to differ decides.
fn number(run: &str) -> (usize, &str) {
    let significant = run.trim_start_matches('0');
    (significant.len(), significant)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(mut names: Vec<&str>) -> Vec<&str> {
        names.sort_by(|a, b| compare(a, b));
        names
    }

    #[test]
    fn numbers_count_as_numbers() {
        assert_eq!(
            sorted(vec!["Participant 1580", "Participant 999", "Participant 1180", "Participant 10", "Participant 2"]),
            ["Participant 2", "Participant 10", "Participant 999", "Participant 1180", "Participant 1580"]
        );
        assert_eq!(sorted(vec!["Room 10", "Room 9", "room 1"]), ["room 1", "Room 9", "Room 10"]);
    }

    #[test]
    fn case_does_not_count_and_text_orders_as_text() {
        assert_eq!(sorted(vec!["bob", "Alice", "carol", "Bob 2"]), ["Alice", "bob", "Bob 2", "carol"]);
        assert_eq!(compare("ALICE", "alice"), Ordering::Equal);
    }

    #[test]
    fn leading_zeros_and_huge_numbers_keep_a_total_order() {
        assert_eq!(compare("a7", "a007"), Ordering::Less);
        assert_eq!(compare("a007", "a8"), Ordering::Less);
        // Longer than any integer type: still by value.
        assert_eq!(compare("x 99999999999999999999999", "x 100000000000000000000000"), Ordering::Less);
        assert_eq!(compare("2b", "2a"), Ordering::Greater);
        assert_eq!(compare("", "0"), Ordering::Less);
    }
}
