//! Rate-limit accounting: the `x-ratelimit-*` numbers for every response, and the primary and
//! secondary limits when a fault asks for them.

use std::collections::HashMap;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::faults::{PrimaryRateLimit, SecondaryRateLimit};

/// GitHub's hourly limit for a personal access token.
const AUTHENTICATED_LIMIT: u32 = 5000;
/// GitHub's hourly limit without a token.
const ANONYMOUS_LIMIT: u32 = 60;
const HOUR: Duration = Duration::from_secs(3600);

/// What the `x-ratelimit-*` headers of one response say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Quota {
    pub(crate) limit: u32,
    pub(crate) remaining: u32,
    pub(crate) used: u32,
    /// Unix seconds at which the window ends.
    pub(crate) reset: u64,
    /// The request is over a configured primary limit and must be refused.
    pub(crate) exceeded: bool,
}

#[derive(Debug, Clone, Copy)]
struct Window {
    started: Instant,
    started_wall: SystemTime,
    used: u32,
}

impl Window {
    fn new(now: Instant) -> Self {
        Self {
            started: now,
            started_wall: SystemTime::now(),
            used: 0,
        }
    }

    fn reset_unix(&self, length: Duration) -> u64 {
        let end = self.started_wall + length;
        let secs = end.duration_since(UNIX_EPOCH).unwrap_or_default();
        // Round up: a client waiting until `reset` must not arrive before the window ends.
        secs.as_secs() + u64::from(secs.subsec_nanos() > 0)
    }
}

/// Fixed windows per caller (token login, or anonymous).
#[derive(Debug, Default)]
pub(crate) struct PrimaryLimiter {
    windows: HashMap<String, Window>,
}

impl PrimaryLimiter {
    /// Counts one request by `caller` and reports the quota after it.
    ///
    /// Without a configured limit nothing is refused, and a window that reaches GitHub's limit
    /// starts over instead of reporting 0 remaining: a long test run must never see a limit it
    /// did not ask for (a careful client would otherwise wait an hour).
    pub(crate) fn hit(
        &mut self,
        caller: Option<&str>,
        configured: Option<PrimaryRateLimit>,
        now: Instant,
    ) -> Quota {
        let key = caller.unwrap_or("").to_owned();
        let enforced = caller.is_some() && configured.is_some();
        let (limit, length) = match (caller, configured) {
            (Some(_), Some(c)) => (c.limit, c.window),
            (Some(_), None) => (AUTHENTICATED_LIMIT, HOUR),
            (None, _) => (ANONYMOUS_LIMIT, HOUR),
        };
        let window = self.windows.entry(key).or_insert_with(|| Window::new(now));
        if now.duration_since(window.started) >= length || (!enforced && window.used >= limit) {
            *window = Window::new(now);
        }
        let exceeded = enforced && window.used >= limit;
        if !exceeded {
            window.used += 1;
        }
        Quota {
            limit,
            remaining: limit.saturating_sub(window.used),
            used: window.used,
            reset: window.reset_unix(length),
            exceeded,
        }
    }

    /// Forgets every window (new faults start from a clean slate).
    pub(crate) fn clear(&mut self) {
        self.windows.clear();
    }
}

#[derive(Debug, Default, Clone, Copy)]
struct WriteTracker {
    last_admitted: Option<Instant>,
    in_flight: usize,
}

/// Writes per caller: when the last one was admitted and how many are still running.
#[derive(Debug, Default)]
pub(crate) struct WriteLimiter {
    callers: HashMap<String, WriteTracker>,
}

impl WriteLimiter {
    /// Admits a write by `caller` or says how long to wait. An admitted write must be finished
    /// with [`WriteLimiter::finish`].
    pub(crate) fn admit(
        &mut self,
        caller: &str,
        configured: Option<SecondaryRateLimit>,
        now: Instant,
    ) -> Result<(), Duration> {
        let tracker = self.callers.entry(caller.to_owned()).or_default();
        if let Some(limit) = configured {
            let too_soon = tracker
                .last_admitted
                .is_some_and(|last| now.duration_since(last) < limit.min_write_interval);
            let too_many =
                limit.max_concurrent_writes > 0 && tracker.in_flight >= limit.max_concurrent_writes;
            if too_soon || too_many {
                return Err(limit.retry_after);
            }
        }
        tracker.last_admitted = Some(now);
        tracker.in_flight += 1;
        Ok(())
    }

    /// Marks one admitted write by `caller` as answered.
    pub(crate) fn finish(&mut self, caller: &str) {
        if let Some(tracker) = self.callers.get_mut(caller) {
            tracker.in_flight = tracker.in_flight.saturating_sub(1);
        }
    }

    /// Forgets when writes happened, keeping the in-flight counts that running writes will
    /// still decrement.
    pub(crate) fn clear_history(&mut self) {
        for tracker in self.callers.values_mut() {
            tracker.last_admitted = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unconfigured_limit_reports_github_numbers_and_never_refuses() {
        let mut limiter = PrimaryLimiter::default();
        let now = Instant::now();
        let first = limiter.hit(Some("octocat"), None, now);
        assert_eq!((first.limit, first.used, first.remaining), (5000, 1, 4999));
        for _ in 0..6000 {
            assert!(!limiter.hit(Some("octocat"), None, now).exceeded);
        }
        let anonymous = limiter.hit(None, None, now);
        assert_eq!(anonymous.limit, 60);
    }

    #[test]
    fn configured_limit_refuses_until_the_window_ends() {
        let mut limiter = PrimaryLimiter::default();
        let limit = Some(PrimaryRateLimit {
            limit: 2,
            window: Duration::from_secs(10),
        });
        let now = Instant::now();
        assert!(!limiter.hit(Some("a"), limit, now).exceeded);
        let second = limiter.hit(Some("a"), limit, now);
        assert!(!second.exceeded);
        assert_eq!(second.remaining, 0);
        let third = limiter.hit(Some("a"), limit, now);
        assert!(third.exceeded);
        assert_eq!((third.remaining, third.used), (0, 2));
        // Another caller has its own window.
        assert!(!limiter.hit(Some("b"), limit, now).exceeded);
        // After the window, requests pass again.
        assert!(
            !limiter
                .hit(Some("a"), limit, now + Duration::from_secs(10))
                .exceeded
        );
    }

    #[test]
    fn writes_too_fast_or_too_many_are_refused() {
        let mut writes = WriteLimiter::default();
        let limit = Some(SecondaryRateLimit {
            min_write_interval: Duration::from_millis(100),
            max_concurrent_writes: 1,
            status: 403,
            retry_after: Duration::from_secs(3),
        });
        let t0 = Instant::now();
        assert_eq!(writes.admit("a", limit, t0), Ok(()));
        // Still running: a second concurrent write is refused even after the interval.
        assert_eq!(
            writes.admit("a", limit, t0 + Duration::from_millis(200)),
            Err(Duration::from_secs(3))
        );
        writes.finish("a");
        // Finished, but too soon after the previous admitted write.
        assert!(
            writes
                .admit("a", limit, t0 + Duration::from_millis(50))
                .is_err()
        );
        assert!(
            writes
                .admit("a", limit, t0 + Duration::from_millis(150))
                .is_ok()
        );
    }
}
