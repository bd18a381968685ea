//! The token's primary rate limit as GitHub's answers report it (`x-ratelimit-limit`,
//! `-remaining`, `-used`, `-reset`), kept from the last answer that carried the headers, so a
//! fleet plan can say what an apply will leave and an apply can wait for the reset instead of
//! running the token dry.

use std::sync::{Mutex, PoisonError};
use std::time::SystemTime;

use reqwest::header::HeaderMap;

use crate::rate_limit::{Reset, reset_time};
use crate::response::header_str;

/// The token's primary rate limit, as of one answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateStatus {
    /// Requests allowed per window (`x-ratelimit-limit`), when sent.
    pub limit: Option<u64>,
    /// Requests left in the window (`x-ratelimit-remaining`).
    pub remaining: u64,
    /// Requests spent in the window (`x-ratelimit-used`), when sent.
    pub used: Option<u64>,
    /// When the window resets (`x-ratelimit-reset`); `None` when not said or past any clock
    /// (see `reset_too_far`).
    pub reset: Option<SystemTime>,
    /// The reset is past what this machine's clock can represent: as good as never.
    pub reset_too_far: bool,
}

impl RateStatus {
    /// Reads the headers; `None` when the answer carried no `x-ratelimit-remaining` number.
    pub(crate) fn from_headers(headers: &HeaderMap) -> Option<Self> {
        let number = |name: &str| header_str(headers, name)?.trim().parse::<u64>().ok();
        let remaining = number("x-ratelimit-remaining")?;
        let (reset, reset_too_far) = match reset_time(headers) {
            Reset::At(at) => (Some(at), false),
            Reset::TooFar => (None, true),
            Reset::Unknown => (None, false),
        };
        Some(Self {
            limit: number("x-ratelimit-limit"),
            remaining,
            used: number("x-ratelimit-used"),
            reset,
            reset_too_far,
        })
    }
}

/// The last status seen, shared by every request of a transport.
#[derive(Debug, Default)]
pub(crate) struct LastRate(Mutex<Option<RateStatus>>);

impl LastRate {
    /// Keeps what `headers` say, if they say anything.
    pub(crate) fn observe(&self, headers: &HeaderMap) {
        if let Some(status) = RateStatus::from_headers(headers) {
            *self.0.lock().unwrap_or_else(PoisonError::into_inner) = Some(status);
        }
    }

    pub(crate) fn get(&self) -> Option<RateStatus> {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn reads_githubs_headers() {
        let mut h = HeaderMap::new();
        assert_eq!(RateStatus::from_headers(&h), None);
        for (k, v) in [
            ("x-ratelimit-limit", "5000"),
            ("x-ratelimit-remaining", "4990"),
            ("x-ratelimit-used", "10"),
            ("x-ratelimit-reset", "2000000000"),
        ] {
            h.insert(k, HeaderValue::from_static(v));
        }
        let status = RateStatus::from_headers(&h).expect("status");
        assert_eq!(
            (status.limit, status.remaining, status.used),
            (Some(5000), 4990, Some(10))
        );
        assert!(status.reset.is_some() && !status.reset_too_far);
        h.insert(
            "x-ratelimit-reset",
            HeaderValue::from_static("18446744073709551615"),
        );
        let status = RateStatus::from_headers(&h).expect("status");
        assert!(status.reset.is_none() && status.reset_too_far);
    }
}
