//! The order people expect of names: case and accents do not count, and numbers count as numbers ("Room 2"
//! before "Room 10", "Participant 1180" after "Participant 999"). A plain text order puts "1180, 1380,
//! 1580" before "999", which is not how a moderator looks for someone in a list of thousands; and it put
//! Ärzte-Treffen, Élodie and Öffentliche after Zebra (QA), where no German or French moderator looks.

use std::cmp::Ordering;
use std::iter::Peekable;

use super::fold::folded_chars;

/// Compares `a` and `b` as the filters see them (`state::fold`: without case or accents), runs of ASCII
/// digits by their value (then by their length, so that "007" and "7" are not equal); names equal so are
/// ordered by their lower-case text, so that the order stays total ("Emile" next to "Émile").
pub fn compare(a: &str, b: &str) -> Ordering {
    by_runs(folded_chars(a), folded_chars(b))
        .then_with(|| by_runs(a.chars().flat_map(char::to_lowercase), b.chars().flat_map(char::to_lowercase)))
}

fn by_runs(x: impl Iterator<Item = char>, y: impl Iterator<Item = char>) -> Ordering {
    let (mut x, mut y) = (x.peekable(), y.peekable());
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
    fn accents_do_not_count_either() {
        assert_eq!(
            sorted(vec!["Zebra Runde", "Öffentliche Sitzung", "école", "Élodie", "Ärzte-Treffen", "Anna", "Emil"]),
            ["Anna", "Ärzte-Treffen", "école", "Élodie", "Emil", "Öffentliche Sitzung", "Zebra Runde"]
        );
        assert_eq!(compare("Emile", "Émile"), Ordering::Less, "equal folded, then by their text");
        assert_eq!(sorted(vec!["Room １０", "Room 9"]), ["Room 9", "Room １０"], "full-width digits count too");
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
