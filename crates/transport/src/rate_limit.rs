//! Reading GitHub's rate-limit signals from a refused response.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::HeaderMap;

use crate::response::header_str;

/// What a refused response says about rate limiting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RateLimitSignal {
    /// Not a rate limit.
    None,
    /// The server said how long to wait (`retry-after`).
    RetryAfter(Duration),
    /// Primary limit exhausted (`x-ratelimit-remaining: 0`): wait until the reset time, if known.
    Exhausted(Option<SystemTime>),
    /// A secondary limit without a `retry-after`: back off by our own schedule.
    Secondary,
}

/// Classifies a 403 or 429 (or any status carrying `retry-after`) as GitHub documents it.
pub(crate) fn classify(status: u16, headers: &HeaderMap, message: &str) -> RateLimitSignal {
    if let Some(wait) = retry_after(headers) {
        return RateLimitSignal::RetryAfter(wait);
    }
    if status != 403 && status != 429 {
        return RateLimitSignal::None;
    }
    if header_str(headers, "x-ratelimit-remaining").map(str::trim) == Some("0") {
        return RateLimitSignal::Exhausted(reset_time(headers));
    }
    let lower = message.to_ascii_lowercase();
    if status == 429 || lower.contains("secondary rate limit") || lower.contains("abuse") {
        return RateLimitSignal::Secondary;
    }
    RateLimitSignal::None
}

/// `retry-after` as seconds or as an HTTP date.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let raw = header_str(headers, "retry-after")?.trim();
    if let Ok(seconds) = raw.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(raw).ok()?;
    Some(at.duration_since(SystemTime::now()).unwrap_or_default())
}

/// `x-ratelimit-reset`: epoch seconds.
fn reset_time(headers: &HeaderMap) -> Option<SystemTime> {
    let seconds = header_str(headers, "x-ratelimit-reset")?
        .trim()
        .parse::<u64>()
        .ok()?;
    Some(UNIX_EPOCH + Duration::from_secs(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, HeaderValue::from_str(v).unwrap());
        }
        map
    }

    #[test]
    fn retry_after_wins_in_seconds_or_as_a_date() {
        let h = headers(&[("retry-after", "7"), ("x-ratelimit-remaining", "0")]);
        assert_eq!(
            classify(403, &h, ""),
            RateLimitSignal::RetryAfter(Duration::from_secs(7))
        );
        let later = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(30));
        let RateLimitSignal::RetryAfter(d) =
            classify(429, &headers(&[("retry-after", &later)]), "")
        else {
            panic!("not retry-after");
        };
        assert!(
            d <= Duration::from_secs(30) && d >= Duration::from_secs(28),
            "{d:?}"
        );
    }

    #[test]
    fn primary_and_secondary_limits_are_told_apart() {
        let h = headers(&[
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "2000000000"),
        ]);
        assert_eq!(
            classify(403, &h, "API rate limit exceeded"),
            RateLimitSignal::Exhausted(Some(UNIX_EPOCH + Duration::from_secs(2_000_000_000)))
        );
        let msg = "You have exceeded a secondary rate limit. Please wait a few minutes.";
        assert_eq!(
            classify(403, &HeaderMap::new(), msg),
            RateLimitSignal::Secondary
        );
        assert_eq!(
            classify(429, &HeaderMap::new(), ""),
            RateLimitSignal::Secondary
        );
        assert_eq!(
            classify(403, &HeaderMap::new(), "Resource not accessible"),
            RateLimitSignal::None
        );
        assert_eq!(
            classify(500, &HeaderMap::new(), "secondary rate limit"),
            RateLimitSignal::None
        );
    }
}
