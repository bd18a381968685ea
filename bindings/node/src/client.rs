//! `new Client(options)` and its scope handles.

use std::time::Duration;

use codespaces_secrets as sdk;
use napi::Env;
use napi_derive::napi;

use crate::error::throw;
use crate::scope::Scope;

/// Settings for `new Client()`. Everything is optional.
#[napi(object)]
#[derive(Default)]
pub struct ClientOptions {
    /// Default: `GITHUB_TOKEN`, else `GH_TOKEN`.
    pub token: Option<String>,
    /// `https://`, or `http://` to a loopback host. Default: `GITHUB_API_URL`, else
    /// `https://api.github.com`.
    pub base_url: Option<String>,
    /// Minimum time between the starts of two writes. Default: 1000 (GitHub's rule for API
    /// clients); lower it only against the emulator or a server you control.
    pub write_interval_ms: Option<u32>,
    /// Total time allowed per request. Default: 30000.
    pub timeout_ms: Option<u32>,
    /// Retries after 5xx answers and network errors. Default: 3.
    pub max_retries: Option<u32>,
    /// The `User-Agent`. Default: `codespaces-secrets/<version>`.
    pub user_agent: Option<String>,
}

/// A GitHub API client for Codespaces secrets. Holds the token (never shown by `inspect` or
/// `JSON.stringify`), one connection pool, the write pacing and the public-key cache; the scope
/// handles share them.
#[napi]
pub struct Client {
    inner: sdk::Client,
}

#[napi]
impl Client {
    /// Checks the settings (no request is sent); throws an `INVALID_INPUT` error for a missing
    /// token or a malformed URL.
    #[napi(constructor)]
    pub fn new(env: Env, options: Option<ClientOptions>) -> napi::Result<Self> {
        let o = options.unwrap_or_default();
        let mut builder = sdk::Client::builder();
        if let Some(token) = o.token {
            builder = builder.token(token);
        }
        if let Some(url) = o.base_url {
            builder = builder.base_url(url);
        }
        if let Some(ms) = o.write_interval_ms {
            builder = builder.write_interval(Duration::from_millis(ms.into()));
        }
        if let Some(ms) = o.timeout_ms {
            builder = builder.timeout(Duration::from_millis(ms.into()));
        }
        if let Some(retries) = o.max_retries {
            builder = builder.max_retries(retries);
        }
        if let Some(agent) = o.user_agent {
            builder = builder.user_agent(agent);
        }
        let inner = throw(&env, builder.build())?;
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

    /// The API root in use.
    #[napi(getter)]
    pub fn base_url(&self) -> String {
        self.inner.base_url().to_owned()
    }
}
