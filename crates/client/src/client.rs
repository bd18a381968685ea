//! `Client` and its builder: one connection pool, one write pacer, one key cache.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use codespaces_secrets_core::PublicKey;
use codespaces_secrets_transport::Transport;

use crate::auth::credentials::CredentialSource;
use crate::scope::fresh_writes::FreshWrites;
use crate::scope::reference::ScopeRef;
use crate::settings::ClientSettings;
use crate::{Error, GitHubApp};

/// The entry point: a GitHub API client for Codespaces secrets.
///
/// Cheap to clone (clones share the connection pool, the write pacing and the public-key
/// cache). Mutating requests from one `Client` and its clones go one at a time, at least
/// `write_interval` apart, as GitHub asks of API clients.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    /// Where the credentials came from, for `auth status`.
    source: CredentialSource,
    pub(crate) transport: Arc<Transport>,
    /// Public keys per scope path, so `set` needs one key request per scope, not per value.
    keys: Mutex<HashMap<ScopeRef, PublicKey>>,
    /// Held while a missing key is fetched, so concurrent first `set`s on a client wait for one
    /// key request instead of each sending their own.
    pub(crate) key_fetch: futures_util::lock::Mutex<()>,
    /// Secrets written in the last few seconds, whose 404s are retried (eventual consistency).
    pub(crate) fresh_writes: FreshWrites,
}

impl Client {
    /// A client configured from the environment: a GitHub App from `GITHUB_APP_ID`,
    /// `GITHUB_APP_PRIVATE_KEY_PATH` or `GITHUB_APP_PRIVATE_KEY` and `GITHUB_APP_INSTALLATION_ID`
    /// when `GITHUB_APP_ID` is set; else the token from `GITHUB_TOKEN`, else `GH_TOKEN`, else
    /// the login `codespaces-secrets auth login` stored, else `gh auth token`; the API root
    /// from `GITHUB_API_URL`, else `https://api.github.com`.
    ///
    /// ```no_run
    /// let client = codespaces_secrets::Client::from_env()?;
    /// # Ok::<(), codespaces_secrets::Error>(())
    /// ```
    pub fn from_env() -> Result<Self, Error> {
        Self::builder().build()
    }

    /// A builder for every setting.
    ///
    /// ```no_run
    /// use std::time::Duration;
    /// let client = codespaces_secrets::Client::builder()
    ///     .token("ghp_...")
    ///     .base_url("https://ghe.example.com/api/v3")
    ///     .timeout(Duration::from_secs(20))
    ///     .build()?;
    /// # Ok::<(), codespaces_secrets::Error>(())
    /// ```
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client from plain settings: every field left `None` comes from the environment or
    /// its documented default. What the language bindings call.
    ///
    /// ```no_run
    /// use codespaces_secrets::{Client, ClientSettings};
    /// let settings = ClientSettings { token: Some("ghp_...".into()), ..ClientSettings::default() };
    /// let client = Client::new(settings)?;
    /// # Ok::<(), codespaces_secrets::Error>(())
    /// ```
    pub fn new(settings: ClientSettings) -> Result<Self, Error> {
        let (config, credentials, source) = settings.into_transport_config()?;
        crate::tls::install_crypto_provider();
        Ok(Client {
            inner: Arc::new(Inner {
                source,
                transport: Arc::new(Transport::new(config, credentials)?),
                keys: Mutex::default(),
                key_fetch: futures_util::lock::Mutex::new(()),
                fresh_writes: FreshWrites::default(),
            }),
        })
    }

    /// Where the credentials came from (a given token, an App, `GITHUB_TOKEN`, a stored
    /// login, the GitHub CLI): what `auth status` reports.
    pub fn credential_source(&self) -> &CredentialSource {
        &self.inner.source
    }

    /// The API root in use.
    pub fn base_url(&self) -> &str {
        self.inner.transport.config().base_url.as_str()
    }

    /// The REST API version every request asks for (`X-GitHub-Api-Version`).
    pub fn api_version(&self) -> &'static str {
        self.inner.transport.config().api_version
    }

    pub(crate) fn cached_key(&self, scope: &ScopeRef) -> Option<PublicKey> {
        let keys = self
            .inner
            .keys
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        keys.get(scope).cloned()
    }

    pub(crate) fn cache_key(&self, scope: &ScopeRef, key: PublicKey) {
        let mut keys = self
            .inner
            .keys
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        keys.insert(scope.clone(), key);
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url())
            .field("token", &"[redacted]")
            .finish()
    }
}

/// Settings for a [`Client`], one method per [`ClientSettings`] field. Anything not set comes
/// from the environment or the defaults documented on each method.
#[derive(Default, Clone, Debug)]
pub struct ClientBuilder(ClientSettings);

impl ClientBuilder {
    /// The token. Default: `GITHUB_TOKEN`, else `GH_TOKEN`.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.0.token = Some(token.into());
        self
    }

    /// Acts as a GitHub App instead of with a token (see [`GitHubApp`]).
    pub fn app(mut self, app: GitHubApp) -> Self {
        self.0.app = Some(app);
        self
    }

    /// The API root (`https://`, or `http://` to a loopback host). Default: `GITHUB_API_URL`,
    /// else `https://api.github.com`.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.0.base_url = Some(url.into());
        self
    }

    /// The `User-Agent`. Default: `codespaces-secrets/<version>`.
    pub fn user_agent(mut self, agent: impl Into<String>) -> Self {
        self.0.user_agent = Some(agent.into());
        self
    }

    /// The REST API version to ask for (`X-GitHub-Api-Version`), one of
    /// [`API_VERSIONS`](crate::API_VERSIONS). Default: `2022-11-28`, GitHub's own default;
    /// `build` refuses any other value with `InvalidInput`.
    ///
    /// ```no_run
    /// let client = codespaces_secrets::Client::builder().api_version("2026-03-10").build()?;
    /// # Ok::<(), codespaces_secrets::Error>(())
    /// ```
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.0.api_version = Some(version.into());
        self
    }

    /// Total time allowed per request. Default: 30 s.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.0.timeout = Some(timeout);
        self
    }

    /// Time allowed to connect. Default: 10 s.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.0.connect_timeout = Some(timeout);
        self
    }

    /// Retries after 5xx answers and network errors. Default: 3.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.0.max_retries = Some(retries);
        self
    }

    /// First retry delay, doubled each retry, with jitter. Default: 500 ms.
    pub fn retry_base_delay(mut self, delay: Duration) -> Self {
        self.0.retry_base_delay = Some(delay);
        self
    }

    /// Minimum time between the starts of two writes. Default: 1 s, GitHub's rule for API
    /// clients. Lower it only against the emulator or a server you control.
    pub fn write_interval(mut self, interval: Duration) -> Self {
        self.0.write_interval = Some(interval);
        self
    }

    /// Longest single wait for a rate limit before failing with `RateLimited`. Default: 60 s.
    pub fn max_rate_limit_wait(mut self, wait: Duration) -> Self {
        self.0.max_rate_limit_wait = Some(wait);
        self
    }

    /// Back-off after a secondary rate limit with no `retry-after`, doubling each time.
    /// Default: 60 s.
    pub fn secondary_rate_limit_backoff(mut self, backoff: Duration) -> Self {
        self.0.secondary_rate_limit_backoff = Some(backoff);
        self
    }

    /// Rate-limit waits per request before failing. Default: 3.
    pub fn max_rate_limit_retries(mut self, retries: u32) -> Self {
        self.0.max_rate_limit_retries = Some(retries);
        self
    }

    /// Longest time one operation may take in all (retries, rate-limit waits, pacing, every
    /// page of a list); in bulk calls, each item. Default: 5 min.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.0.deadline = Some(deadline);
        self
    }

    /// Checks the settings and builds the client. Fails with `InvalidInput` for a missing or
    /// malformed token or URL, or an API version not in [`API_VERSIONS`](crate::API_VERSIONS);
    /// sends no request.
    pub fn build(self) -> Result<Client, Error> {
        Client::new(self.0)
    }
}
