//! Misbehaviour on request: latency, 5xx answers, dropped connections and rate limits.
//!
//! Every random decision comes from one seeded generator, drawn in a fixed order per API request
//! (latency, error roll, error kind, drop roll), so a seed plus the same request sequence gives
//! the same faults on every run.

use std::time::Duration;

use axum::http::StatusCode;

use crate::rng::SplitMix64;

/// What the emulator does wrong, and how often. `Faults::default()` is a well-behaved server.
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
/// # let _ = faults;
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

impl Default for SecondaryRateLimit {
    /// GitHub's guidance for clients: writes one at a time, at least a second apart.
    fn default() -> Self {
        Self {
            min_write_interval: Duration::from_secs(1),
            max_concurrent_writes: 1,
            status: 403,
            retry_after: Duration::from_secs(60),
        }
    }
}

/// The random part of the faults for one request, drawn when it arrives.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct FaultDraw {
    pub(crate) latency: Option<Duration>,
    pub(crate) server_error: Option<StatusCode>,
    pub(crate) drop_connection: bool,
}

/// The configured faults plus the generator they draw from.
#[derive(Debug)]
pub(crate) struct FaultEngine {
    faults: Faults,
    rng: SplitMix64,
}

const SERVER_ERRORS: [StatusCode; 3] = [
    StatusCode::INTERNAL_SERVER_ERROR,
    StatusCode::BAD_GATEWAY,
    StatusCode::SERVICE_UNAVAILABLE,
];

impl FaultEngine {
    pub(crate) fn new(faults: Faults) -> Self {
        let rng = SplitMix64::new(faults.seed);
        Self {
            faults: sanitize(faults),
            rng,
        }
    }

    pub(crate) fn faults(&self) -> &Faults {
        &self.faults
    }

    /// Draws this request's faults. Always four draws, so one request's outcome never shifts
    /// the next request's.
    pub(crate) fn draw(&mut self) -> FaultDraw {
        let latency_roll = self.rng.next_f64();
        let error_roll = self.rng.next_f64();
        let error_kind = self.rng.next_u64();
        let drop_roll = self.rng.next_f64();
        let latency = self.faults.latency.map(|latency| match latency {
            Latency::Fixed(d) => d,
            Latency::Uniform { min, max } => min + (max - min).mul_f64(latency_roll),
        });
        let server_error = (error_roll < self.faults.server_error_rate).then(|| {
            let index = usize::try_from(error_kind % SERVER_ERRORS.len() as u64).unwrap_or(0);
            SERVER_ERRORS[index]
        });
        FaultDraw {
            latency,
            server_error,
            drop_connection: drop_roll < self.faults.drop_connection_rate,
        }
    }
}

/// Clamps rates into `0..=1` (NaN counts as 0), orders latency bounds and fixes a status that is
/// neither 403 nor 429, so a careless configuration degrades instead of failing at runtime.
fn sanitize(mut faults: Faults) -> Faults {
    let rate = |r: f64| if r.is_nan() { 0.0 } else { r.clamp(0.0, 1.0) };
    faults.server_error_rate = rate(faults.server_error_rate);
    faults.drop_connection_rate = rate(faults.drop_connection_rate);
    if let Some(Latency::Uniform { min, max }) = faults.latency
        && max < min
    {
        faults.latency = Some(Latency::Uniform { min: max, max: min });
    }
    if let Some(secondary) = faults.secondary_rate_limit.as_mut()
        && secondary.status != 429
    {
        secondary.status = 403;
    }
    faults
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draws(faults: Faults, n: usize) -> Vec<(Option<Duration>, Option<StatusCode>, bool)> {
        let mut engine = FaultEngine::new(faults);
        (0..n)
            .map(|_| {
                let d = engine.draw();
                (d.latency, d.server_error, d.drop_connection)
            })
            .collect()
    }

    #[test]
    fn a_seed_reproduces_the_same_faults() {
        let faults = Faults {
            seed: 99,
            latency: Some(Latency::Uniform {
                min: Duration::from_millis(1),
                max: Duration::from_millis(9),
            }),
            server_error_rate: 0.3,
            drop_connection_rate: 0.2,
            ..Faults::default()
        };
        assert_eq!(draws(faults.clone(), 200), draws(faults, 200));
    }

    #[test]
    fn rates_roughly_match() {
        let faults = Faults {
            seed: 1,
            server_error_rate: 0.25,
            ..Faults::default()
        };
        let errors = draws(faults, 10_000)
            .iter()
            .filter(|d| d.1.is_some())
            .count();
        assert!((2_200..2_800).contains(&errors), "{errors}");
    }

    #[test]
    fn default_faults_never_fire() {
        assert!(
            draws(Faults::default(), 1000)
                .iter()
                .all(|d| d.0.is_none() && d.1.is_none() && !d.2)
        );
    }

    #[test]
    fn careless_values_are_sanitized() {
        let engine = FaultEngine::new(Faults {
            server_error_rate: f64::NAN,
            drop_connection_rate: 7.0,
            latency: Some(Latency::Uniform {
                min: Duration::from_millis(9),
                max: Duration::from_millis(1),
            }),
            secondary_rate_limit: Some(SecondaryRateLimit {
                status: 500,
                ..SecondaryRateLimit::default()
            }),
            ..Faults::default()
        });
        let f = engine.faults();
        assert_eq!(f.server_error_rate, 0.0);
        assert_eq!(f.drop_connection_rate, 1.0);
        assert_eq!(
            f.latency,
            Some(Latency::Uniform {
                min: Duration::from_millis(1),
                max: Duration::from_millis(9)
            })
        );
        assert_eq!(f.secondary_rate_limit.map(|s| s.status), Some(403));
    }
}
