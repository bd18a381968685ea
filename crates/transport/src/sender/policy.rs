//! GitHub's rules for what follows a failed attempt: wait out rate limits, retry server errors
//! with bounded exponential back-off, give up with the refusal otherwise.

use std::time::Duration;

use codespaces_secrets_core::models::GitHubErrorBody;
use reqwest::header::HeaderMap;

use crate::config::TransportConfig;
use crate::error::{HttpError, Refusal};
use crate::rate_limit::{RateLimitSignal, Reset, classify, wait_for};
use crate::response::header_str;
use crate::retry::backoff;

/// Longest pause between retries after server or network errors.
const MAX_RETRY_DELAY: Duration = Duration::from_secs(30);

/// What to do after a failed attempt.
pub(super) enum Next {
    RetryAfter(Duration),
    Fail(HttpError),
}

/// How many retries and rate-limit waits one request has used.
#[derive(Default)]
pub(super) struct Spent {
    pub(super) retries: u32,
    pub(super) rate_waits: u32,
}

/// The pause before retry number `retry` (from 1).
pub(super) fn retry_delay(config: &TransportConfig, retry: u32) -> Duration {
    backoff(config.retry_base_delay, retry - 1, MAX_RETRY_DELAY)
}

/// GitHub's rules for a refused request: rate limits first, then 5xx retries.
pub(super) fn after_refusal(
    config: &TransportConfig,
    operation: &'static str,
    status: u16,
    headers: &HeaderMap,
    body: &[u8],
    spent: &mut Spent,
) -> Next {
    let parsed: Option<GitHubErrorBody> = serde_json::from_slice(body).ok();
    let request_id = header_str(headers, "x-github-request-id").map(str::to_owned);
    let message = parsed
        .as_ref()
        .map(|b| b.message.clone())
        .unwrap_or_default();
    let signal = classify(status, headers, &message);
    let parsed = match signal {
        RateLimitSignal::Exhausted(Reset::TooFar) => Some(say_too_far(parsed, headers)),
        _ => parsed,
    };
    let refusal = |rate_limited| {
        HttpError::Refused(Box::new(Refusal {
            operation,
            status,
            body: parsed.clone(),
            request_id: request_id.clone(),
            rate_limited,
        }))
    };
    let wait = wait_for(
        &signal,
        config.secondary_rate_limit_backoff,
        spent.rate_waits,
    );
    if let Some((wait, retry_at)) = wait {
        if spent.rate_waits < config.max_rate_limit_retries && wait <= config.max_rate_limit_wait {
            spent.rate_waits += 1;
            tracing::info!(wait_ms = wait.as_millis() as u64, "rate limited; waiting");
            return Next::RetryAfter(wait);
        }
        return Next::Fail(refusal(Some(retry_at)));
    }
    if (500..=599).contains(&status) && spent.retries < config.max_retries {
        spent.retries += 1;
        return Next::RetryAfter(retry_delay(config, spent.retries));
    }
    Next::Fail(refusal(None))
}

/// The refusal's message, saying why nothing was waited for: the reset is past any clock.
fn say_too_far(parsed: Option<GitHubErrorBody>, headers: &HeaderMap) -> GitHubErrorBody {
    let mut body = parsed.unwrap_or_default();
    let reset = header_str(headers, "x-ratelimit-reset").unwrap_or_default();
    let note = format!(
        "the rate limit resets too far in the future to wait for (x-ratelimit-reset: {reset}); try again later or use another token"
    );
    body.message = match body.message.is_empty() {
        true => note,
        false => format!("{} ({note})", body.message),
    };
    body
}
