//! GitHub's secondary limits on content-creating requests — at most 80 a minute and 500 an
//! hour — kept by the apply itself, so a large fleet waits instead of being refused (GitHub
//! answers a burst with 403s and may flag the token). Windows slide: at any instant, the
//! writes of the last minute and of the last hour are counted.

use std::collections::VecDeque;
use std::time::Duration;

/// The write limits an apply keeps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteLimits {
    /// Writes in any `minute`.
    pub per_minute: u32,
    /// Writes in any `hour`.
    pub per_hour: u32,
    /// The short window (a minute on GitHub; shorter against an emulator with a fast clock).
    pub minute: Duration,
    /// The long window (an hour on GitHub).
    pub hour: Duration,
    /// At least this long between two writes (GitHub: one second).
    pub min_interval: Duration,
}

impl Default for WriteLimits {
    /// GitHub's: 80 a minute, 500 an hour, one a second.
    fn default() -> Self {
        Self {
            per_minute: 80,
            per_hour: 500,
            minute: Duration::from_secs(60),
            hour: Duration::from_secs(3600),
            min_interval: Duration::from_secs(1),
        }
    }
}

/// The times (since the start of the run) of the writes sent, to know when the next may go.
#[derive(Debug, Clone)]
pub(crate) struct WriteBudget {
    limits: WriteLimits,
    sent: VecDeque<Duration>,
}

impl WriteBudget {
    pub(crate) fn new(limits: WriteLimits) -> Self {
        Self {
            limits,
            sent: VecDeque::new(),
        }
    }

    /// The earliest time (since the start) at or after `now` when one more write keeps every
    /// limit.
    pub(crate) fn next_slot(&self, now: Duration) -> Duration {
        let l = &self.limits;
        let mut at = now;
        if let Some(last) = self.sent.back() {
            at = at.max(*last + l.min_interval);
        }
        at = at.max(window_slot(&self.sent, l.per_minute, l.minute));
        at.max(window_slot(&self.sent, l.per_hour, l.hour))
    }

    /// Notes a write sent at `at`.
    pub(crate) fn record(&mut self, at: Duration) {
        self.sent.push_back(at);
        // Older than the long window: never counted again.
        while self
            .sent
            .front()
            .is_some_and(|t| at.saturating_sub(*t) >= self.limits.hour.max(self.limits.minute))
        {
            self.sent.pop_front();
        }
    }
}

impl WriteBudget {
    /// How long from `now` until `remaining` more writes are sent, at these limits.
    pub(crate) fn eta(&self, now: Duration, remaining: u64) -> Duration {
        let mut budget = self.clone();
        let mut at = now;
        for _ in 0..remaining {
            at = budget.next_slot(at);
            budget.record(at);
        }
        at.saturating_sub(now)
    }
}

/// With `limit` writes allowed per `window`: the time the oldest write that still counts
/// leaves the window, if the window is full; zero otherwise.
fn window_slot(sent: &VecDeque<Duration>, limit: u32, window: Duration) -> Duration {
    let limit = limit.max(1) as usize;
    if sent.len() < limit {
        return Duration::ZERO;
    }
    // The write `limit` places back from the newest must be a full window old.
    sent[sent.len() - limit] + window
}

/// How long `writes` writes take at these limits, from an idle start (no latency).
pub(crate) fn estimate(writes: u64, limits: WriteLimits) -> Duration {
    let mut budget = WriteBudget::new(limits);
    let mut now = Duration::ZERO;
    for _ in 0..writes {
        now = budget.next_slot(now);
        budget.record(now);
    }
    now
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_a_second_then_the_minute_then_the_hour() {
        let limits = WriteLimits::default();
        assert_eq!(estimate(0, limits), Duration::ZERO);
        assert_eq!(estimate(1, limits), Duration::ZERO);
        assert_eq!(estimate(80, limits), Duration::from_secs(79));
        // One a second is 60 a minute: the minute's 80 never binds at GitHub's pace.
        assert_eq!(estimate(81, limits), Duration::from_secs(80));
        // 500 fit in the first hour; the 501st waits until the first leaves the hour.
        assert_eq!(estimate(500, limits), Duration::from_secs(499));
        assert_eq!(estimate(501, limits), Duration::from_secs(3600));
    }

    #[test]
    fn a_full_window_waits_for_its_oldest_write() {
        let limits = WriteLimits {
            per_minute: 2,
            per_hour: 100,
            minute: Duration::from_secs(10),
            hour: Duration::from_secs(100),
            min_interval: Duration::ZERO,
        };
        let mut budget = WriteBudget::new(limits);
        budget.record(Duration::from_secs(0));
        budget.record(Duration::from_secs(1));
        assert_eq!(
            budget.next_slot(Duration::from_secs(2)),
            Duration::from_secs(10)
        );
        budget.record(Duration::from_secs(10));
        assert_eq!(
            budget.next_slot(Duration::from_secs(10)),
            Duration::from_secs(11)
        );
    }
}
