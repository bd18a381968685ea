//! What the emulator does wrong and how often: the configuration every way of setting faults
//! (library, control route, flags, bindings) fills in, with GitHub's defaults for the limits.

use std::time::Duration;

/// What the emulator does wrong, and how often. `Faults::default()` is a well-behaved server.
///
/// Every way of setting faults checks them with [`Faults::validate`] and refuses what it
/// refuses ([`crate::Emulator::set_faults`] returns the [`FaultsError`](super::FaultsError)).
///
/// ```
/// use std::time::Duration;
/// use codespaces_secrets_emulator::{Faults, Latency};
/// let faults = Faults {
///     seed: 7,
///     latency: Some(Latency::Uniform { min: Duration::from_millis(5), max: Duration::from_millis(50) }),
///     server_error_rate: 0.1,
///     ..Faults::default()
/// };
/// assert!(faults.validate().is_ok());
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Faults {
    /// Seeds the generator behind every random fault; the same seed and the same request
    /// sequence give the same faults.
    pub seed: u64,
    /// Delay added to every API request (after it is admitted or refused, before it is answered).
    pub latency: Option<Latency>,
    /// Fraction (0..=1) of API requests answered 500, 502 or 503 before any state changes.
    pub server_error_rate: f64,
    /// Fraction (0..=1) of API requests whose connection is dropped mid-response. The request
    /// *is* applied first — a write whose reply is lost is the case clients must survive — so a
    /// dropped PUT or DELETE has changed the state even though the client saw no answer.
    pub drop_connection_rate: f64,
    /// GitHub's primary (hourly) rate limit, scaled down: once `limit` requests were made in a
    /// window, answer 403 with `x-ratelimit-remaining: 0` until the window ends.
    pub primary_rate_limit: Option<PrimaryRateLimit>,
    /// GitHub's secondary rate limit on writes: too fast or too many at once is refused with
    /// 403/429, GitHub's "secondary rate limit" message and `retry-after`.
    pub secondary_rate_limit: Option<SecondaryRateLimit>,
    /// GitHub's secondary limits on content-creating requests — 80 a minute and 500 an hour per
    /// token on github.com — on a clock a test can speed up, so a run can fill the hourly cap
    /// and see it free again in a second.
    pub write_quota: Option<WriteQuota>,
    /// GitHub's API is eventually consistent: for this long after a secret is created or
    /// updated, a GET of it (or of its selected repositories) answers 404, as a lagging replica
    /// can. Lists are not affected. Clients are expected to retry such a read briefly.
    pub hide_fresh_writes: Option<Duration>,
}

/// Added response time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Latency {
    /// The same delay for every request.
    Fixed(Duration),
    /// A delay drawn uniformly from `min..=max` per request.
    Uniform {
        /// Shortest delay.
        min: Duration,
        /// Longest delay.
        max: Duration,
    },
}

/// A primary rate limit: `limit` requests per `window`, per token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrimaryRateLimit {
    /// Requests allowed per window.
    pub limit: u32,
    /// Window length; `x-ratelimit-reset` is the window's end.
    pub window: Duration,
}

/// A secondary rate limit on mutating requests (PUT, DELETE, POST, PATCH), per token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SecondaryRateLimit {
    /// A write arriving sooner than this after the previous admitted write is refused.
    pub min_write_interval: Duration,
    /// A write arriving while this many writes are in flight is refused (0 = no limit).
    pub max_concurrent_writes: usize,
    /// The status of a refusal: 403 (GitHub's usual answer) or 429.
    pub status: u16,
    /// The `retry-after` sent with a refusal (whole seconds, rounded up).
    pub retry_after: Duration,
}

/// GitHub's caps on content-creating requests — PUT, POST, PATCH and DELETE on the secrets and
/// selected-repository routes — per token, in sliding windows of a minute and an hour. A write
/// over either cap is refused with 403, GitHub's secondary-rate-limit message and
/// `retry-after`; refused writes do not count.
///
/// **Time scale.** The windows run `time_scale` times faster than real time: a minute lasts
/// `60 / time_scale` real seconds and an hour `3600 / time_scale` (with `time_scale: 3600.0` an
/// hour lasts one real second). `retry-after` is the *real* time until the window that refused
/// the write has room again, in whole seconds rounded up, so a client that waits that many real
/// seconds (and writes nothing else meanwhile) is admitted.
///
/// ```
/// use codespaces_secrets_emulator::{Faults, WriteQuota};
/// // GitHub's numbers, with an hour that lasts a second.
/// let faults = Faults {
///     write_quota: Some(WriteQuota { time_scale: 3600.0, ..WriteQuota::default() }),
///     ..Faults::default()
/// };
/// assert!(faults.validate().is_ok());
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WriteQuota {
    /// Content-creating requests allowed in any (scaled) minute; at least 1.
    pub per_minute: u32,
    /// Content-creating requests allowed in any (scaled) hour; at least 1.
    pub per_hour: u32,
    /// How many times faster than real time the windows run; finite and above 0 (1.0 = real
    /// time).
    pub time_scale: f64,
}

impl Default for WriteQuota {
    /// GitHub's limits in real time: 80 a minute, 500 an hour. The control route, the binary's
    /// flags and the bindings fill a partly given quota from here.
    fn default() -> Self {
        Self {
            per_minute: 80,
            per_hour: 500,
            time_scale: 1.0,
        }
    }
}

impl WriteQuota {
    /// The real length of a window that lasts `scaled` on the quota's clock.
    pub(crate) fn real(&self, scaled: Duration) -> Duration {
        Duration::try_from_secs_f64(scaled.as_secs_f64() / self.time_scale).unwrap_or(Duration::MAX)
    }
}

impl Default for SecondaryRateLimit {
    /// GitHub's guidance for clients: writes one at a time, at least a second apart; refusals
    /// are 403 with `retry-after: 60`. The control route, the binary's flags and the bindings
    /// fill a partly given secondary limit from here.
    fn default() -> Self {
        Self {
            min_write_interval: Duration::from_secs(1),
            max_concurrent_writes: 1,
            status: 403,
            retry_after: Duration::from_secs(60),
        }
    }
}
