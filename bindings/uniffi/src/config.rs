//! `ClientConfig`: every setting of the SDK's `ClientSettings`, each optional, passed through
//! as given. An object rather than a record so that its `toString()` / `description` is ours,
//! with the token redacted (a Kotlin data class would print it). A GitHub App's key is parsed
//! by `Client(config)`, which reports a bad one as it does every other bad setting.

use std::fmt;
use std::time::Duration;

use codespaces_secrets::ClientSettings;

use crate::error::CodespacesSecretsError;
use crate::github_app::GitHubAppConfig;

/// Settings for a `Client`. Credentials: `token`, or `app` (a GitHub App), not both; with
/// neither, `GITHUB_TOKEN`, else `GH_TOKEN`, else the login `codespaces-secrets auth login` (or
/// `DeviceLogin.save()`) stored, else `gh auth token`. Anything else left out comes from the
/// environment (`GITHUB_API_URL`) or the SDK's documented defaults: 30 s timeout, 10 s connect
/// timeout, 3 retries from 500 ms, writes at least 1 s apart, rate-limit waits of at most 60 s
/// (3 per request), a 60 s back-off after a secondary rate limit with no `retry-after`, and a
/// 5 min deadline for one operation in all (its retries, rate-limit waits, write pacing and every
/// page of a list; in bulk calls, each item), after which it fails with `Transport`. The REST API
/// version (`apiVersion`) is `2022-11-28`, GitHub's default, or `2026-03-10`; any other value
/// makes `Client(config)` fail with `InvalidInput`.
#[derive(uniffi::Object)]
#[uniffi::export(Display)]
pub struct ClientConfig {
    settings: ClientSettings,
    app: Option<GitHubAppConfig>,
}

#[uniffi::export]
impl ClientConfig {
    /// Checks nothing yet: `Client(config)` does, and sends no request doing so.
    #[uniffi::constructor(default(
        token = None,
        app = None,
        base_url = None,
        user_agent = None,
        timeout = None,
        connect_timeout = None,
        max_retries = None,
        retry_base_delay = None,
        write_interval = None,
        max_rate_limit_wait = None,
        secondary_rate_limit_backoff = None,
        max_rate_limit_retries = None,
        deadline = None,
        api_version = None,
    ))]
    #[allow(clippy::too_many_arguments)] // one named, defaulted parameter per setting
    pub fn new(
        token: Option<String>,
        app: Option<GitHubAppConfig>,
        base_url: Option<String>,
        user_agent: Option<String>,
        timeout: Option<Duration>,
        connect_timeout: Option<Duration>,
        max_retries: Option<u32>,
        retry_base_delay: Option<Duration>,
        write_interval: Option<Duration>,
        max_rate_limit_wait: Option<Duration>,
        secondary_rate_limit_backoff: Option<Duration>,
        max_rate_limit_retries: Option<u32>,
        deadline: Option<Duration>,
        // Last, so that code passing the earlier settings by position still compiles.
        api_version: Option<String>,
    ) -> Self {
        let settings = ClientSettings {
            token,
            app: None,
            base_url,
            user_agent,
            api_version,
            timeout,
            connect_timeout,
            max_retries,
            retry_base_delay,
            write_interval,
            max_rate_limit_wait,
            secondary_rate_limit_backoff,
            max_rate_limit_retries,
            deadline,
        };
        Self { settings, app }
    }
}

impl ClientConfig {
    /// The SDK's settings, with the App's key parsed (`InvalidInput` for a bad one).
    pub(crate) fn settings(&self) -> Result<ClientSettings, CodespacesSecretsError> {
        let app = self.app.as_ref().map(GitHubAppConfig::to_sdk).transpose()?;
        Ok(ClientSettings {
            app,
            ..self.settings.clone()
        })
    }
}

impl fmt::Display for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let url = self
            .settings
            .base_url
            .as_deref()
            .unwrap_or("from environment");
        match (&self.settings.token, &self.app) {
            (Some(_), None) => write!(f, "ClientConfig(token=[redacted], baseUrl={url})"),
            (None, None) => write!(f, "ClientConfig(token=from environment, baseUrl={url})"),
            (Some(_), Some(app)) => {
                write!(
                    f,
                    "ClientConfig(token=[redacted], app={app}, baseUrl={url})"
                )
            }
            (None, Some(app)) => write!(f, "ClientConfig(app={app}, baseUrl={url})"),
        }
    }
}
