//! `new Client(options)` and its scope handles.

use std::time::Duration;

use codespaces_secrets as sdk;
use napi::Env;
use napi::bindgen_prelude::PromiseRaw;
use napi_derive::napi;

use crate::app::GitHubApp;
use crate::error::{promise, throw};
use crate::scope::Scope;

/// Settings for `new Client()`, one per field of the SDK's `ClientSettings`. Everything is
/// optional: an absent setting comes from the environment or the SDK's documented default
/// (stated here, kept in one place in Rust). Durations are whole milliseconds.
#[napi(object)]
#[derive(Default)]
pub struct ClientOptions {
    /// A token (`ghp_`, `github_pat_`, `gho_`, `ghu_`, `ghs_`). Default (with no `app` either):
    /// `GITHUB_TOKEN`, else `GH_TOKEN`, else the login `DeviceLogin.save()` or `codespaces-secrets
    /// auth login` stored for the API's host, else `gh auth token`.
    pub token: Option<String>,
    /// Act as a GitHub App instead of with a token (not both: `INVALID_INPUT`).
    pub app: Option<GitHubApp>,
    /// `https://`, or `http://` to a loopback host. Default: `GITHUB_API_URL`, else
    /// `https://api.github.com`.
    pub base_url: Option<String>,
    /// The `User-Agent`. Default: `codespaces-secrets/<version>`.
    pub user_agent: Option<String>,
    /// The REST API version sent as `X-GitHub-Api-Version`: `'2022-11-28'` (the default,
    /// GitHub's) or `'2026-03-10'`; any other value throws `INVALID_INPUT`.
    pub api_version: Option<String>,
    /// Total time allowed per request. Default: 30000.
    pub timeout_ms: Option<i64>,
    /// Time allowed to connect. Default: 10000.
    pub connect_timeout_ms: Option<i64>,
    /// Retries after 5xx answers and network errors. Default: 3.
    pub max_retries: Option<i64>,
    /// First retry delay, doubled each retry, with jitter. Default: 500.
    pub retry_base_delay_ms: Option<i64>,
    /// Minimum time between the starts of two writes. Default: 1000 (GitHub's rule for API
    /// clients); lower it only against the emulator or a server you control.
    pub write_interval_ms: Option<i64>,
    /// Longest single wait for a rate limit; a longer one fails with `RATE_LIMITED`.
    /// Default: 60000.
    pub max_rate_limit_wait_ms: Option<i64>,
    /// Back-off after a secondary rate limit that sent no `retry-after`, doubling each time.
    /// Default: 60000.
    pub secondary_rate_limit_backoff_ms: Option<i64>,
    /// Rate-limit waits per request before failing with `RATE_LIMITED`. Default: 3.
    pub max_rate_limit_retries: Option<i64>,
    /// Longest time one operation may take in all (its retries, rate-limit waits, write pacing
    /// and, for a list, every page) before it fails with `TRANSPORT` saying how far it got; in
    /// `setMany` and `sync` it bounds each item. Default: 300000.
    pub deadline_ms: Option<i64>,
}

/// Every field spelled out (no `..Default::default()`): a setting added to the SDK does not
/// compile here until the binding exposes it. Numbers arrive as `i64` so that a negative one is
/// refused (`INVALID_INPUT` naming the option) rather than wrapped into a huge `u32`.
impl TryFrom<ClientOptions> for sdk::ClientSettings {
    type Error = sdk::Error;

    fn try_from(o: ClientOptions) -> Result<Self, sdk::Error> {
        Ok(Self {
            token: o.token,
            app: o.app.map(sdk::GitHubApp::try_from).transpose()?,
            base_url: o.base_url,
            user_agent: o.user_agent,
            api_version: o.api_version,
            timeout: millis("timeoutMs", o.timeout_ms)?,
            connect_timeout: millis("connectTimeoutMs", o.connect_timeout_ms)?,
            max_retries: count("maxRetries", o.max_retries)?,
            retry_base_delay: millis("retryBaseDelayMs", o.retry_base_delay_ms)?,
            write_interval: millis("writeIntervalMs", o.write_interval_ms)?,
            max_rate_limit_wait: millis("maxRateLimitWaitMs", o.max_rate_limit_wait_ms)?,
            secondary_rate_limit_backoff: millis(
                "secondaryRateLimitBackoffMs",
                o.secondary_rate_limit_backoff_ms,
            )?,
            max_rate_limit_retries: count("maxRateLimitRetries", o.max_rate_limit_retries)?,
            deadline: millis("deadlineMs", o.deadline_ms)?,
        })
    }
}

/// A duration given in whole milliseconds, 0 or more.
pub(crate) fn millis(
    option: &'static str,
    ms: Option<i64>,
) -> Result<Option<Duration>, sdk::Error> {
    let ms = ms.map(u64::try_from).transpose();
    let ms = ms.map_err(|_| sdk::Error::invalid_input(option, "must be 0 or more milliseconds"))?;
    Ok(ms.map(Duration::from_millis))
}

/// A count, 0 to 2^32 - 1.
fn count(option: &'static str, n: Option<i64>) -> Result<Option<u32>, sdk::Error> {
    let n = n.map(u32::try_from).transpose();
    n.map_err(|_| sdk::Error::invalid_input(option, "must be a count from 0 to 4294967295"))
}

/// A GitHub API client for Codespaces secrets. Holds the token (never shown by `inspect` or
/// `JSON.stringify`), one connection pool, the write pacing and the public-key cache; the scope
/// handles share them.
#[napi]
pub struct Client {
    pub(crate) inner: sdk::Client,
}

#[napi]
impl Client {
    /// Checks the settings (no request is sent); throws an `INVALID_INPUT` error for a missing
    /// token, a token and an `app` both, an App key that does not parse, a malformed URL or a
    /// negative number.
    #[napi(constructor)]
    pub fn new(env: Env, options: Option<ClientOptions>) -> napi::Result<Self> {
        let settings = sdk::ClientSettings::try_from(options.unwrap_or_default());
        let inner = throw(&env, settings.and_then(sdk::Client::new))?;
        Ok(Self { inner })
    }

    /// The authenticated user's secrets (`/user/codespaces/secrets`).
    #[napi(getter)]
    pub fn user(&self) -> Scope {
        Scope::new(self.inner.user().into())
    }

    /// A repository's secrets (`/repos/{owner}/{repo}/codespaces/secrets`).
    #[napi]
    pub fn repo(&self, owner: String, repo: String) -> Scope {
        Scope::new(self.inner.repo(owner, repo).into())
    }

    /// An organization's secrets (`/orgs/{org}/codespaces/secrets`).
    #[napi]
    pub fn org(&self, org: String) -> Scope {
        Scope::new(self.inner.org(org).into())
    }

    /// The login of the user the token belongs to (`GET /user`): a check that a token works,
    /// e.g. one from `deviceFlow`. Rejects with `INVALID_INPUT` for a GitHub App (it is no user).
    #[napi]
    pub fn user_login<'env>(&self, env: &'env Env) -> napi::Result<PromiseRaw<'env, String>> {
        let client = self.inner.clone();
        promise(env, async move { client.user_login().await }, |login| login)
    }

    /// The API root in use.
    #[napi(getter)]
    pub fn base_url(&self) -> String {
        self.inner.base_url().to_owned()
    }

    /// The REST API version every request asks for (`X-GitHub-Api-Version`).
    #[napi(getter)]
    pub fn api_version(&self) -> String {
        self.inner.api_version().to_owned()
    }
}
