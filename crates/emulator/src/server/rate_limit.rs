//! Rate-limit accounting: the `x-ratelimit-*` numbers for every response, and the primary and
//! secondary limits (write pacing and the write quota) when a fault asks for them.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::faults::{PrimaryRateLimit, SecondaryRateLimit, WriteQuota};

/// GitHub's hourly limit for a personal access token.
const AUTHENTICATED_LIMIT: u32 = 5000;
/// GitHub's hourly limit without a token.
const ANONYMOUS_LIMIT: u32 = 60;
const HOUR: Duration = Duration::from_secs(3600);
const MINUTE: Duration = Duration::from_secs(60);

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
    /// The window the request was counted in, so a refund lands in the same one.
    window: Instant,
}

#[derive(Debug, Clone, Copy)]
struct Window {
    started: Instant,
    started_wall: SystemTime,
    used: u32,
    limit: u32,
    length: Duration,
}

impl Window {
    fn new(now: Instant, limit: u32, length: Duration) -> Self {
        Self {
            started: now,
            started_wall: SystemTime::now(),
            used: 0,
            limit,
            length,
        }
    }

    fn quota(&self, exceeded: bool) -> Quota {
        Quota {
            limit: self.limit,
            remaining: self.limit.saturating_sub(self.used),
            used: self.used,
            reset: self.reset_unix(),
            exceeded,
            window: self.started,
        }
    }

    fn reset_unix(&self) -> u64 {
        let end = self.started_wall + self.length;
        let secs = end.duration_since(UNIX_EPOCH).unwrap_or_default();
        // Round up: a client waiting until `reset` must not arrive before the window ends.
        secs.as_secs() + u64::from(secs.subsec_nanos() > 0)
    }
}

/// Fixed windows per caller (token login, or anonymous), and how many requests were counted
/// against the primary limit since the emulator started (a 304 is not).
#[derive(Debug, Default)]
pub(crate) struct PrimaryLimiter {
    windows: HashMap<String, Window>,
    counted: u64,
    counted_by: HashMap<String, u64>,
}

/// One caller's primary-limit numbers, for the control route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CallerUsage {
    /// The identity key; `None` for requests without a valid token.
    pub(crate) caller: Option<String>,
    /// Requests counted since the emulator started.
    pub(crate) counted: u64,
    /// The current window's numbers, if the caller has one.
    pub(crate) quota: Option<Quota>,
}

impl PrimaryLimiter {
    /// Counts one request by `caller` and reports the quota after it. A request whose answer
    /// turns out not to count (a 304) is given back with [`PrimaryLimiter::refund`].
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
        let window = self
            .windows
            .entry(key.clone())
            .or_insert_with(|| Window::new(now, limit, length));
        let stale = window.limit != limit || window.length != length;
        if stale
            || now.duration_since(window.started) >= length
            || (!enforced && window.used >= limit)
        {
            *window = Window::new(now, limit, length);
        }
        let exceeded = enforced && window.used >= limit;
        if !exceeded {
            window.used += 1;
            self.counted += 1;
            *self.counted_by.entry(key).or_default() += 1;
        }
        window.quota(exceeded)
    }

    /// Gives back a request [`PrimaryLimiter::hit`] counted, as GitHub does for an authorized
    /// conditional request answered 304, and reports the quota after it. A refused request
    /// was never counted; a window that has started over keeps its count.
    pub(crate) fn refund(&mut self, caller: Option<&str>, counted: Quota) -> Quota {
        let key = caller.unwrap_or("");
        let Some(window) = self.windows.get_mut(key) else {
            return counted;
        };
        if counted.exceeded || window.started != counted.window || window.used == 0 {
            return window.quota(counted.exceeded);
        }
        window.used -= 1;
        self.counted = self.counted.saturating_sub(1);
        if let Some(by) = self.counted_by.get_mut(key) {
            *by = by.saturating_sub(1);
        }
        window.quota(false)
    }

    /// Requests counted against the primary limit since the emulator started, all callers.
    pub(crate) fn counted(&self) -> u64 {
        self.counted
    }

    /// Requests `caller` had counted since the emulator started.
    pub(crate) fn counted_by(&self, caller: &str) -> u64 {
        self.counted_by.get(caller).copied().unwrap_or_default()
    }

    /// `caller`'s current window, if any.
    pub(crate) fn window_of(&self, caller: &str) -> Option<Quota> {
        self.windows.get(caller).map(|window| window.quota(false))
    }

    /// Every caller that made a request, by identity key (anonymous first).
    pub(crate) fn usage(&self) -> Vec<CallerUsage> {
        let mut usage: Vec<CallerUsage> = self
            .counted_by
            .iter()
            .map(|(key, counted)| CallerUsage {
                caller: (!key.is_empty()).then(|| key.clone()),
                counted: *counted,
                quota: self.window_of(key),
            })
            .collect();
        usage.sort_by(|a, b| a.caller.cmp(&b.caller));
        usage
    }

    /// Forgets every window (new faults start from a clean slate); the counts since start stay.
    pub(crate) fn clear(&mut self) {
        self.windows.clear();
    }
}

#[derive(Debug, Default, Clone)]
struct WriteTracker {
    last_admitted: Option<Instant>,
    in_flight: usize,
    /// When the content-creating writes still inside the quota's hour were admitted, oldest
    /// first (kept only while a quota is configured).
    content: VecDeque<Instant>,
}

/// The secondary limits that apply to one write.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WriteRules {
    pub(crate) pacing: Option<SecondaryRateLimit>,
    pub(crate) quota: Option<WriteQuota>,
    /// The write creates content (a secrets or selected-repository route), so the quota counts it.
    pub(crate) creates_content: bool,
}

/// Why a write was refused, and how long until it would be admitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// Too soon after the previous write or too many at once: the configured `retry_after`.
    Pacing(Duration),
    /// Over the write quota: the real time until its windows have room.
    Quota(Duration),
}

impl Refusal {
    pub(crate) fn wait(self) -> Duration {
        match self {
            Self::Pacing(wait) | Self::Quota(wait) => wait,
        }
    }
}

/// How long until `log` (ascending) holds fewer than `cap` entries younger than `window`, or
/// `None` when it already does.
fn wait_for_room(
    log: &VecDeque<Instant>,
    cap: u32,
    window: Duration,
    now: Instant,
) -> Option<Duration> {
    let recent: Vec<Instant> = log
        .iter()
        .copied()
        .filter(|at| now.saturating_duration_since(*at) < window)
        .collect();
    let cap = usize::try_from(cap).unwrap_or(usize::MAX);
    // With n >= cap recent writes, n - cap + 1 must leave the window: the (n - cap)th oldest last.
    let must_leave = recent.len().checked_sub(cap)?;
    let leaves_at = recent.get(must_leave)?.checked_add(window)?;
    Some(leaves_at.saturating_duration_since(now))
}

impl WriteTracker {
    /// The quota's refusal of one more content-creating write: the real time until both
    /// windows have room.
    fn over_quota(&mut self, quota: WriteQuota, now: Instant) -> Option<Duration> {
        let (minute, hour) = (quota.real(MINUTE), quota.real(HOUR));
        // Nothing older than the longer window can matter again.
        let horizon = minute.max(hour);
        while self
            .content
            .front()
            .is_some_and(|at| now.saturating_duration_since(*at) >= horizon)
        {
            self.content.pop_front();
        }
        let by_minute = wait_for_room(&self.content, quota.per_minute, minute, now);
        let by_hour = wait_for_room(&self.content, quota.per_hour, hour, now);
        by_minute.max(by_hour)
    }
}

/// Writes per caller: when the last one was admitted, how many are still running, and the
/// content-creating ones the quota counts.
#[derive(Debug, Default)]
pub(crate) struct WriteLimiter {
    callers: HashMap<String, WriteTracker>,
}

impl WriteLimiter {
    /// Admits a write by `caller` or says how long to wait. An admitted write must be finished
    /// with [`WriteLimiter::finish`]. Pacing is checked first (its `retry_after` is fixed);
    /// then the quota, whose wait is the real time until its windows have room.
    pub(crate) fn admit(
        &mut self,
        caller: &str,
        rules: WriteRules,
        now: Instant,
    ) -> Result<(), Refusal> {
        let tracker = self.callers.entry(caller.to_owned()).or_default();
        if let Some(limit) = rules.pacing {
            let too_soon = tracker
                .last_admitted
                .is_some_and(|last| now.duration_since(last) < limit.min_write_interval);
            let too_many =
                limit.max_concurrent_writes > 0 && tracker.in_flight >= limit.max_concurrent_writes;
            if too_soon || too_many {
                return Err(Refusal::Pacing(limit.retry_after));
            }
        }
        let counted = rules.quota.filter(|_| rules.creates_content);
        if let Some(quota) = counted {
            if let Some(wait) = tracker.over_quota(quota, now) {
                return Err(Refusal::Quota(wait));
            }
            // Requests may take the lock out of arrival order; the log stays ascending.
            let at = tracker.content.back().map_or(now, |last| now.max(*last));
            tracker.content.push_back(at);
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
            tracker.content.clear();
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
        // A refund gives the request back, in the window it was counted in.
        let before = limiter.counted();
        let counted = limiter.hit(Some("b"), limit, now);
        assert_eq!(counted.used, 2);
        let refunded = limiter.refund(Some("b"), counted);
        assert_eq!((refunded.used, refunded.remaining), (1, 1));
        assert_eq!(limiter.counted(), before);
        assert_eq!(limiter.counted_by("b"), 1);
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
        let limit = WriteRules {
            pacing: Some(SecondaryRateLimit {
                min_write_interval: Duration::from_millis(100),
                max_concurrent_writes: 1,
                status: 403,
                retry_after: Duration::from_secs(3),
            }),
            ..WriteRules::default()
        };
        let t0 = Instant::now();
        assert_eq!(writes.admit("a", limit, t0), Ok(()));
        // Still running: a second concurrent write is refused even after the interval.
        assert_eq!(
            writes.admit("a", limit, t0 + Duration::from_millis(200)),
            Err(Refusal::Pacing(Duration::from_secs(3)))
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

    fn quota(per_minute: u32, per_hour: u32, time_scale: f64) -> WriteRules {
        WriteRules {
            quota: Some(WriteQuota {
                per_minute,
                per_hour,
                time_scale,
            }),
            creates_content: true,
            ..WriteRules::default()
        }
    }

    /// Admits and finishes a write by one caller; a refusal as the quota's wait.
    fn admit_finished(
        writes: &mut WriteLimiter,
        rules: WriteRules,
        at: Instant,
    ) -> Result<(), Duration> {
        let admitted = writes.admit("a", rules, at);
        writes.finish("a");
        admitted.map_err(|refusal| match refusal {
            Refusal::Quota(wait) => wait,
            Refusal::Pacing(_) => panic!("no pacing configured"),
        })
    }

    #[test]
    fn the_minute_cap_refuses_until_the_oldest_write_leaves_the_window() {
        let mut writes = WriteLimiter::default();
        let rules = quota(2, 100, 1.0);
        let t0 = Instant::now();
        let ms = Duration::from_millis;
        assert_eq!(admit_finished(&mut writes, rules, t0), Ok(()));
        assert_eq!(admit_finished(&mut writes, rules, t0 + ms(10_000)), Ok(()));
        assert_eq!(
            admit_finished(&mut writes, rules, t0 + ms(20_000)),
            Err(ms(40_000)),
            "the first write leaves the minute at t0 + 60 s"
        );
        assert_eq!(admit_finished(&mut writes, rules, t0 + ms(60_000)), Ok(()));
        // A write that creates nothing is not counted.
        let pacing_only = WriteRules {
            creates_content: false,
            ..rules
        };
        assert_eq!(
            admit_finished(&mut writes, pacing_only, t0 + ms(60_001)),
            Ok(())
        );
    }

    #[test]
    fn the_hour_cap_runs_on_the_scaled_clock() {
        let mut writes = WriteLimiter::default();
        // An hour lasts one real second; a minute 1/60 s.
        let rules = quota(100, 3, 3600.0);
        let t0 = Instant::now();
        let ms = Duration::from_millis;
        for i in 0..3 {
            assert_eq!(admit_finished(&mut writes, rules, t0 + ms(i * 100)), Ok(()));
        }
        assert_eq!(
            admit_finished(&mut writes, rules, t0 + ms(400)),
            Err(ms(600))
        );
        assert_eq!(admit_finished(&mut writes, rules, t0 + ms(1000)), Ok(()));
        writes.clear_history();
        for _ in 0..3 {
            assert_eq!(admit_finished(&mut writes, rules, t0 + ms(1001)), Ok(()));
        }
    }
}
