//! Every knob of the transport, with GitHub-friendly defaults.

use std::time::Duration;

use crate::base_url::BaseUrl;

/// The public API root used when neither an argument nor `GITHUB_API_URL` says otherwise.
pub const DEFAULT_API_URL: &str = "https://api.github.com";

/// Transport settings, none of them secret: what the sender needs. The credentials are given
/// apart ([`crate::Transport::new`]), so the sender below authentication never sees them. The
/// environment is not read here: the client's credential chain reads every variable.
#[derive(Debug, Clone)]
pub struct TransportConfig {
    /// The API root.
    pub base_url: BaseUrl,
    /// The `User-Agent` header (GitHub refuses requests without one).
    pub user_agent: String,
    /// The `X-GitHub-Api-Version` header: one of [`API_VERSIONS`](crate::API_VERSIONS) (check a
    /// chosen one with [`api_version`](crate::api_version)). Default
    /// [`DEFAULT_API_VERSION`](crate::DEFAULT_API_VERSION).
    pub api_version: &'static str,
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
    /// Settings with the default knobs for the given URL.
    pub fn new(base_url: BaseUrl) -> Self {
        Self {
            base_url,
            user_agent: concat!("codespaces-secrets/", env!("CARGO_PKG_VERSION")).to_owned(),
            api_version: crate::DEFAULT_API_VERSION,
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
}
