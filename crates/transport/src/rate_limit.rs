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
    /// Primary limit exhausted (`x-ratelimit-remaining: 0`): wait until the reset.
    Exhausted(Reset),
    /// A secondary limit without a `retry-after`: back off by our own schedule.
    Secondary,
}

/// When a primary limit resets, as `x-ratelimit-reset` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reset {
    /// At this time.
    At(SystemTime),
    /// At a time this machine's clock cannot represent (e.g. `18446744073709551615`): as good
    /// as never, like a reset in the year 3000 — not worth waiting for.
    TooFar,
    /// Not said, or not a number: back off by our own schedule.
    Unknown,
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

/// How long to wait for a rate limit and until when, or `None` when it is not one. Every
/// value may come from a hostile server: the arithmetic saturates or is checked, so no header
/// can overflow the clock; `retry_at` is `None` when the time cannot be represented.
pub(crate) fn wait_for(
    signal: &RateLimitSignal,
    backoff: Duration,
    rate_waits: u32,
) -> Option<(Duration, Option<SystemTime>)> {
    let now = SystemTime::now();
    match *signal {
        RateLimitSignal::RetryAfter(wait) => Some((wait, now.checked_add(wait))),
        RateLimitSignal::Exhausted(Reset::At(reset)) => {
            let wait = reset.duration_since(now).unwrap_or_default();
            // A second of slack: the reset is whole seconds and clocks drift.
            Some((wait.saturating_add(Duration::from_secs(1)), Some(reset)))
        }
        // Longer than any configured wait: the caller gives up at once.
        RateLimitSignal::Exhausted(Reset::TooFar) => Some((Duration::MAX, None)),
        RateLimitSignal::Exhausted(Reset::Unknown) | RateLimitSignal::Secondary => {
            let wait = backoff.saturating_mul(1u32 << rate_waits.min(16));
            Some((wait, now.checked_add(wait)))
        }
        RateLimitSignal::None => None,
    }
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

/// `x-ratelimit-reset`: epoch seconds. A number past what the system clock can represent is
/// [`Reset::TooFar`], not unknown: the server said "not for ages", and waiting a minute per try
/// would only postpone the failure.
pub(crate) fn reset_time(headers: &HeaderMap) -> Reset {
    let Some(text) = header_str(headers, "x-ratelimit-reset").map(str::trim) else {
        return Reset::Unknown;
    };
    let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    if !digits {
        return Reset::Unknown;
    }
    match text.parse::<u64>() {
        Ok(seconds) => match UNIX_EPOCH.checked_add(Duration::from_secs(seconds)) {
            Some(at) => Reset::At(at),
            None => Reset::TooFar,
        },
        // More digits than a u64 holds.
        Err(_) => Reset::TooFar,
    }
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
            RateLimitSignal::Exhausted(Reset::At(UNIX_EPOCH + Duration::from_secs(2_000_000_000)))
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

    #[test]
    fn a_reset_past_any_clock_is_too_far_not_unknown() {
        for reset in [u64::MAX.to_string(), format!("{}0", u64::MAX)] {
            let h = headers(&[
                ("x-ratelimit-remaining", "0"),
                ("x-ratelimit-reset", &reset),
            ]);
            let signal = classify(403, &h, "API rate limit exceeded");
            assert_eq!(signal, RateLimitSignal::Exhausted(Reset::TooFar), "{reset}");
            let (wait, at) = wait_for(&signal, Duration::from_secs(60), 0).expect("a wait");
            assert_eq!((wait, at), (Duration::MAX, None));
        }
        let h = headers(&[
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "soon"),
        ]);
        assert_eq!(
            classify(403, &h, ""),
            RateLimitSignal::Exhausted(Reset::Unknown)
        );
    }

    proptest::proptest! {
        /// Whatever a server puts in these headers, classifying it and computing the wait
        /// never panics.
        #[test]
        fn no_header_value_can_panic(
            retry_after in header_value(),
            reset in header_value(),
            remaining in header_value(),
            status in proptest::sample::select(vec![200u16, 403, 429, 500]),
            waits in 0u32..40,
        ) {
            let mut map = HeaderMap::new();
            for (name, value) in [("retry-after", &retry_after), ("x-ratelimit-reset", &reset), ("x-ratelimit-remaining", &remaining)] {
                if let Ok(value) = HeaderValue::from_str(value) {
                    map.insert(name, value);
                }
            }
            let signal = classify(status, &map, "You have exceeded a secondary rate limit");
            let _ = wait_for(&signal, Duration::from_secs(60), waits);
            let _ = wait_for(&signal, Duration::MAX, waits);
        }
    }

    /// Numbers up to u64::MAX and beyond, negative ones, dates far out, and garbage.
    fn header_value() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            any::<u64>().prop_map(|n| n.to_string()),
            any::<i64>().prop_map(|n| n.to_string()),
            Just(u64::MAX.to_string() + "0"),
            Just("Fri, 31 Dec 9999 23:59:59 GMT".to_owned()),
            Just("Thu, 01 Jan 1970 00:00:00 GMT".to_owned()),
            "[ -~]{0,40}",
        ]
    }
}
