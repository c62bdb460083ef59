//! One desktop notification per piece of news, however many tabs of the panel are open: every tab watches
//! the waiting rooms, and QA counted three notifications for one knock with three tabs open. The tab that
//! shows one records it in localStorage (`<epoch ms> <news>`); another tab that sees the same news within
//! [`TOLD_BY_ANOTHER_TAB_MS`] does not show it again.

/// How long news shown by one tab stays told for the others.
pub const TOLD_BY_ANOTHER_TAB_MS: u64 = 15_000;

// Whole milliseconds: printing or parsing an `f64` would bring core's float formatting into the wasm
// (about 20 KB gzipped, measured).

/// Whether `news` is what `last` (the record, as kept) told less than [`TOLD_BY_ANOTHER_TAB_MS`] before `now`.
pub fn told_recently(last: &str, news: &str, now: u64) -> bool {
    let Some((when, told)) = last.split_once(' ') else { return false };
    let recent = when.parse::<u64>().is_ok_and(|t| now.checked_sub(t).is_some_and(|d| d < TOLD_BY_ANOTHER_TAB_MS));
    recent && told == news
}

/// The record of `news` told at `now`.
pub fn record(news: &str, now: u64) -> String {
    format!("{now} {news}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_news_is_told_once_for_a_while() {
        let kept = record("ccmp-knock xcon:a Ann waits", 1_000);
        assert!(told_recently(&kept, "ccmp-knock xcon:a Ann waits", 5_000));
        // Other news, or the same much later (someone knocking again), is told.
        assert!(!told_recently(&kept, "ccmp-knock xcon:a Bo waits", 5_000));
        assert!(!told_recently(&kept, "ccmp-knock xcon:a Ann waits", 20_000));
        // A clock that went back, nothing kept, or a record that cannot be read: told.
        assert!(!told_recently(&kept, "ccmp-knock xcon:a Ann waits", 500));
        assert!(!told_recently("", "x", 1));
        assert!(!told_recently("garbage", "garbage", 1));
    }
}
