//! Every knob of the transport, with GitHub-friendly defaults.

use std::time::Duration;

use crate::auth::Credentials;
use crate::base_url::BaseUrl;
use crate::error::HttpError;

/// The public API root used when neither an argument nor `GITHUB_API_URL` says otherwise.
pub const DEFAULT_API_URL: &str = "https://api.github.com";

/// Transport settings. Build with [`TransportConfig::new`] (explicit values) or
/// [`TransportConfig::base_url`] (the argument, else `GITHUB_API_URL`, else the default) and
/// credentials the client chose (its credential chain reads the token variables).
#[derive(Debug, Clone)]
pub struct TransportConfig {
    /// The API root.
    pub base_url: BaseUrl,
    /// What requests authenticate with: a token, or a GitHub App.
    pub credentials: Credentials,
    /// The `User-Agent` header (GitHub refuses requests without one).
    pub user_agent: String,
    /// Time allowed to establish a connection. Default 10 s.
    pub connect_timeout: Duration,
    /// Time allowed for a whole request and response. Default 30 s.
    pub timeout: Duration,
    /// Retries after a 5xx or a connection error. Default 3.
    pub max_retries: u32,
    /// First retry delay; doubles each retry, with jitter. Default 500 ms.
    pub retry_base_delay: Duration,
    /// Minimum time between the starts of two mutating requests. Default 1 s (GitHub's rule).
    pub write_interval: Duration,
    /// Longest single wait for a rate limit to lift before giving up with `RateLimited`.
    /// Default 60 s.
    pub max_rate_limit_wait: Duration,
    /// Back-off after a secondary rate limit with no `retry-after`; doubles each time.
    /// Default 60 s, as GitHub asks.
    pub secondary_rate_limit_backoff: Duration,
    /// Rate-limit waits per request before giving up. Default 3.
    pub max_rate_limit_retries: u32,
    /// Largest response body accepted. Default 8 MiB.
    pub max_response_bytes: usize,
    /// Longest time one operation may take in all: its retries, rate-limit waits, write pacing
    /// and, for a list, every page. Default 5 min (a stalled server would otherwise hold a call
    /// for up to `(max_retries + 1) * timeout` plus the rate-limit waits, and a list that
    /// trickles pages for as long as it likes).
    pub deadline: Duration,
}

impl TransportConfig {
    /// Settings with the default knobs for the given URL and credentials.
    pub fn new(base_url: BaseUrl, credentials: Credentials) -> Self {
        Self {
            base_url,
            credentials,
            user_agent: concat!("codespaces-secrets/", env!("CARGO_PKG_VERSION")).to_owned(),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_retries: 3,
            retry_base_delay: Duration::from_millis(500),
            write_interval: Duration::from_secs(1),
            max_rate_limit_wait: Duration::from_secs(60),
            secondary_rate_limit_backoff: Duration::from_secs(60),
            max_rate_limit_retries: 3,
            max_response_bytes: 8 * 1024 * 1024,
            deadline: Duration::from_secs(300),
        }
    }

    /// The base URL from the argument, else `GITHUB_API_URL`, else [`DEFAULT_API_URL`].
    pub fn base_url(base_url: Option<String>) -> Result<BaseUrl, HttpError> {
        let base_url = base_url
            .or_else(|| non_empty_env("GITHUB_API_URL"))
            .unwrap_or_else(|| DEFAULT_API_URL.to_owned());
        BaseUrl::parse(&base_url)
    }
}

fn non_empty_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}
