//! A GitHub App as a client's credentials.

use std::fmt;

use codespaces_secrets_transport as transport;

use crate::Error;

/// A GitHub App the client acts as: it signs a JWT with the App's private key and exchanges it
/// for installation tokens, cached and replaced before they expire. Organization automation is
/// what Apps are for: not tied to a person, fine-grained, short-lived tokens.
///
/// An App cannot manage a user's own secrets; those calls fail before sending anything.
///
/// ```no_run
/// use codespaces_secrets::{Client, ClientSettings, GitHubApp};
/// let pem = std::fs::read_to_string("my-app.private-key.pem")?;
/// let app = GitHubApp::new("123456", &pem, None)?; // installation found from each org/repo
/// let client = Client::new(ClientSettings { app: Some(app), ..ClientSettings::default() })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct GitHubApp(pub(crate) transport::GitHubApp);

impl GitHubApp {
    /// An App from its numeric id or its client id (`Iv…`), its private key (the PEM GitHub
    /// generates, PKCS#1 `BEGIN RSA PRIVATE KEY`, or PKCS#8 `BEGIN PRIVATE KEY`), and the
    /// installation to act as — `None` to find it from the organization or repository of each
    /// call (`GET /orgs/{org}/installation`, `GET /repos/{owner}/{repo}/installation`).
    ///
    /// The key is parsed here: a bad one is an `INVALID_INPUT` error that quotes none of it.
    pub fn new(
        app_id: impl Into<String>,
        private_key_pem: &str,
        installation_id: Option<u64>,
    ) -> Result<Self, Error> {
        Ok(Self(transport::GitHubApp::new(
            app_id,
            private_key_pem,
            installation_id,
        )?))
    }

    /// The app id (or client id) JWTs are issued as.
    pub fn app_id(&self) -> &str {
        self.0.app_id()
    }

    /// The installation given at construction, if any.
    pub fn installation_id(&self) -> Option<u64> {
        self.0.installation_id()
    }
}

impl fmt::Debug for GitHubApp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

/// Two Apps are the same settings when they name the same app and installation (the keys are
/// not compared: they cannot be read back).
impl PartialEq for GitHubApp {
    fn eq(&self, other: &Self) -> bool {
        self.app_id() == other.app_id() && self.installation_id() == other.installation_id()
    }
}

impl Eq for GitHubApp {}
