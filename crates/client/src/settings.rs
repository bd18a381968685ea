//! Every setting of a [`Client`](crate::Client) as one plain struct: the builder fills it in,
//! each language binding passes its own spelling of every field through, and the defaults live
//! in one place (the transport's configuration), so no binding repeats them.

use std::fmt;
use std::time::Duration;

use codespaces_secrets_transport::{Credentials, TransportConfig};

use crate::auth::credentials::{Chain, CredentialSource};
use crate::auth::device_login::web_host_of;
use crate::{Error, GitHubApp};

/// The settings of a client. `None` means "from the environment, else the default" (documented
/// per field); build with [`Client::new`](crate::Client::new) or through
/// [`Client::builder`](crate::Client::builder).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ClientSettings {
    /// The token. Default (when no `app` is given either): a GitHub App from `GITHUB_APP_ID`
    /// (see [`AppVariables`](crate::AppVariables)), else `GITHUB_TOKEN`, else `GH_TOKEN`,
    /// else the login `codespaces-secrets auth login` stored, else `gh auth token`.
    pub token: Option<String>,
    /// A GitHub App to act as instead of a token (installation tokens minted as needed).
    pub app: Option<GitHubApp>,
    /// The API root (`https://`, or `http://` to a loopback host). Default: `GITHUB_API_URL`,
    /// else `https://api.github.com`.
    pub base_url: Option<String>,
    /// The `User-Agent`. Default: `codespaces-secrets/<version>`.
    pub user_agent: Option<String>,
    /// The REST API version sent as `X-GitHub-Api-Version`: one of
    /// [`API_VERSIONS`](crate::API_VERSIONS). Default:
    /// [`DEFAULT_API_VERSION`](crate::DEFAULT_API_VERSION) (`2022-11-28`, GitHub's default).
    /// Any other value fails with `InvalidInput` before a request.
    pub api_version: Option<String>,
    /// Total time allowed per request. Default: 30 s.
    pub timeout: Option<Duration>,
    /// Time allowed to connect. Default: 10 s.
    pub connect_timeout: Option<Duration>,
    /// Retries after 5xx answers and network errors. Default: 3.
    pub max_retries: Option<u32>,
    /// First retry delay, doubled each retry, with jitter. Default: 500 ms.
    pub retry_base_delay: Option<Duration>,
    /// Minimum time between two writes. Default: 1 s, GitHub's rule for API clients.
    pub write_interval: Option<Duration>,
    /// Longest single wait for a rate limit before failing with `RateLimited`. Default: 60 s.
    pub max_rate_limit_wait: Option<Duration>,
    /// Back-off after a secondary rate limit with no `retry-after`, doubling. Default: 60 s.
    pub secondary_rate_limit_backoff: Option<Duration>,
    /// Rate-limit waits per request before failing. Default: 3.
    pub max_rate_limit_retries: Option<u32>,
    /// Longest time one operation may take in all — its retries, rate-limit waits, write
    /// pacing and, for a list, every page — before it fails with `TRANSPORT` saying how far it
    /// got. In bulk calls it bounds each item. Default: 5 min.
    pub deadline: Option<Duration>,
}

impl ClientSettings {
    /// The transport configuration: given values over the environment over the defaults.
    pub(crate) fn into_transport_config(
        self,
    ) -> Result<(TransportConfig, Credentials, CredentialSource), Error> {
        self.into_transport_config_with(&Chain::from_process())
    }

    /// [`Self::into_transport_config`] with the credential chain given (tests).
    pub(crate) fn into_transport_config_with(
        self,
        chain: &Chain,
    ) -> Result<(TransportConfig, Credentials, CredentialSource), Error> {
        let api_version = codespaces_secrets_transport::api_version(self.api_version.as_deref())?;
        let base_url = chain.api_root(self.base_url)?;
        let host = web_host_of(&base_url)?;
        let (credentials, source) = chain.resolve(self.token, self.app, &host)?;
        let mut config = TransportConfig::new(base_url);
        config.api_version = api_version;
        if let Some(agent) = self.user_agent {
            config.user_agent = agent;
        }
        set(&mut config.timeout, self.timeout);
        set(&mut config.connect_timeout, self.connect_timeout);
        set(&mut config.max_retries, self.max_retries);
        set(&mut config.retry_base_delay, self.retry_base_delay);
        set(&mut config.write_interval, self.write_interval);
        set(&mut config.max_rate_limit_wait, self.max_rate_limit_wait);
        set(
            &mut config.secondary_rate_limit_backoff,
            self.secondary_rate_limit_backoff,
        );
        set(
            &mut config.max_rate_limit_retries,
            self.max_rate_limit_retries,
        );
        set(&mut config.deadline, self.deadline);
        Ok((config, credentials, source))
    }
}

fn set<T>(slot: &mut T, value: Option<T>) {
    if let Some(value) = value {
        *slot = value;
    }
}

impl fmt::Debug for ClientSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientSettings")
            .field("token", &self.token.as_ref().map(|_| "[redacted]"))
            .field("app", &self.app)
            .field("base_url", &self.base_url)
            .field("user_agent", &self.user_agent)
            .field("api_version", &self.api_version)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("max_retries", &self.max_retries)
            .field("retry_base_delay", &self.retry_base_delay)
            .field("write_interval", &self.write_interval)
            .field("max_rate_limit_wait", &self.max_rate_limit_wait)
            .field(
                "secondary_rate_limit_backoff",
                &self.secondary_rate_limit_backoff,
            )
            .field("max_rate_limit_retries", &self.max_rate_limit_retries)
            .field("deadline", &self.deadline)
            .finish()
    }
}
