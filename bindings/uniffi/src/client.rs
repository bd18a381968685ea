//! `Client`: one connection pool, write pacer and key cache, and the three scope handles.

use std::fmt;
use std::sync::Arc;

use codespaces_secrets as sdk;

use crate::config::ClientConfig;
use crate::error::CodespacesSecretsError;
use crate::scope::Scope;

/// A GitHub API client for Codespaces secrets. Thread-safe; share one per process so writes
/// stay paced as GitHub asks.
#[derive(uniffi::Object)]
#[uniffi::export(Display)]
pub struct Client(pub(crate) sdk::Client);

#[uniffi::export]
impl Client {
    /// Checks the settings (`InvalidInput` for no credentials, both a token and an App, an App
    /// key that does not parse, or a bad URL); sends no request.
    #[uniffi::constructor]
    pub fn new(config: Arc<ClientConfig>) -> Result<Self, CodespacesSecretsError> {
        Ok(Self(sdk::Client::new(config.settings()?)?))
    }

    /// The authenticated user's secrets (`/user/codespaces/secrets`).
    pub fn user(&self) -> Scope {
        Scope::new(self.0.user())
    }

    /// A repository's secrets (`/repos/{owner}/{repo}/codespaces/secrets`).
    pub fn repo(&self, owner: String, repo: String) -> Scope {
        Scope::new(self.0.repo(owner, repo))
    }

    /// An organization's secrets (`/orgs/{org}/codespaces/secrets`).
    pub fn org(&self, org: String) -> Scope {
        Scope::new(self.0.org(org))
    }

    /// The API root in use.
    pub fn base_url(&self) -> String {
        self.0.base_url().to_owned()
    }

    /// The REST API version every request asks for (`X-GitHub-Api-Version`).
    pub fn api_version(&self) -> String {
        self.0.api_version().to_owned()
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl Client {
    /// The login of the user the token belongs to (`GET /user`): who a device-flow login or a
    /// stored token signs in as. An App has no user: `InvalidInput`, before any request.
    pub async fn user_login(&self) -> Result<String, CodespacesSecretsError> {
        Ok(self.0.user_login().await?)
    }
}

impl fmt::Display for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Client(baseUrl={})", self.0.base_url())
    }
}
