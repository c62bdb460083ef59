//! How long to wait before retrying a request the server answered with 510 (Request Timeout).

/// The delay before retry number `attempt` (0 for the first retry): 1 s, 2 s, 4 s, ... capped at 30 s.
pub fn retry_delay_ms(attempt: u32) -> u32 {
    1000u32.saturating_mul(1 << attempt.min(5)).min(30_000)
}

#[cfg(test)]
mod tests {
    use super::retry_delay_ms;

    #[test]
    fn doubles_and_caps() {
        let delays: Vec<u32> = (0..8).map(retry_delay_ms).collect();
        assert_eq!(delays, [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
        assert_eq!(retry_delay_ms(u32::MAX), 30000);
    }
}
