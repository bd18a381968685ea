//! `GitHubAppConfig`: a GitHub App as a client's credentials, passed to the SDK's `GitHubApp`
//! when the `Client` is built (where a bad key is reported, like every other setting).

use std::fmt;

use codespaces_secrets::GitHubApp;

use crate::error::CodespacesSecretsError;

/// A GitHub App to act as, given as `ClientConfig(app = ...)` instead of a token: the client
/// signs a JWT with the App's private key and exchanges it for installation tokens, cached and
/// replaced before they expire. For organization and repository secrets; user secrets need a
/// user token (see `deviceFlow`), and calls for them fail with `InvalidInput` before any request.
///
/// Its `toString()` / `description` shows the app and installation, never the key.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Display)]
pub struct GitHubAppConfig {
    /// The App's numeric id (`"123456"`) or its client id (`"Iv23li..."`).
    pub app_id: String,
    /// The private key GitHub generated for the App, as PEM text: PKCS#1
    /// (`BEGIN RSA PRIVATE KEY`, what GitHub downloads) or PKCS#8 (`BEGIN PRIVATE KEY`).
    /// Checked by `Client(config)`: a bad key is `InvalidInput`, quoting none of it.
    pub private_key: String,
    /// The installation to act as. `null` / `nil`: found from the organization or repository
    /// of each call (`GET /orgs/{org}/installation`, `GET /repos/{owner}/{repo}/installation`).
    #[uniffi(default)]
    pub installation_id: Option<u64>,
}

impl GitHubAppConfig {
    /// The SDK's App: the key parsed, or `InvalidInput`.
    pub(crate) fn to_sdk(&self) -> Result<GitHubApp, CodespacesSecretsError> {
        Ok(GitHubApp::new(
            self.app_id.clone(),
            &self.private_key,
            self.installation_id,
        )?)
    }
}

impl fmt::Display for GitHubAppConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "GitHubAppConfig(appId={}, privateKey=[redacted], installationId=",
            self.app_id
        )?;
        match self.installation_id {
            Some(id) => write!(f, "{id})"),
            None => write!(f, "null)"),
        }
    }
}

/// Like Display: never the key (Rust-side logging and test failures).
impl fmt::Debug for GitHubAppConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}
