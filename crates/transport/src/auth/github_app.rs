//! A GitHub App as its owner configures it, and the JWTs it signs for its own endpoints.

use std::fmt;
use std::time::SystemTime;

use super::app_key::AppKey;
use crate::error::HttpError;
use crate::token::Token;

/// A GitHub App, as its owner configures it: the app id (or its client id), its private key,
/// and optionally the installation to act as — otherwise found from the organization or
/// repository of each request.
#[derive(Clone)]
pub struct GitHubApp {
    pub(super) app_id: String,
    key: AppKey,
    pub(super) installation_id: Option<u64>,
}

impl fmt::Debug for GitHubApp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GitHubApp")
            .field("app_id", &self.app_id)
            .field("key", &self.key)
            .field("installation_id", &self.installation_id)
            .finish()
    }
}

impl GitHubApp {
    /// An App from its id (digits) or client id (`Iv…`), its PEM private key, and an
    /// optional installation id. The key is parsed now, so a bad one fails here.
    pub fn new(
        app_id: impl Into<String>,
        private_key_pem: &str,
        installation_id: Option<u64>,
    ) -> Result<Self, HttpError> {
        let app_id = app_id.into().trim().to_owned();
        if app_id.is_empty() || !app_id.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(HttpError::config(
                "app id",
                "the app id must be the App's numeric id or its client id (letters and digits), as shown on the app's settings page",
            ));
        }
        if installation_id == Some(0) {
            return Err(HttpError::config(
                "installation id",
                "installation ids start at 1; omit it to find the installation from the organization or repository",
            ));
        }
        Ok(Self {
            app_id,
            key: AppKey::from_pem(private_key_pem)?,
            installation_id,
        })
    }

    /// The app id or client id it signs JWTs as.
    pub fn app_id(&self) -> &str {
        &self.app_id
    }

    /// The installation given at construction, if any.
    pub fn installation_id(&self) -> Option<u64> {
        self.installation_id
    }

    /// A JWT for the App's own endpoints (`/app`, installation lookups, token exchange).
    pub(crate) fn jwt(&self) -> Result<Token, HttpError> {
        self.key.jwt(&self.app_id, SystemTime::now())
    }
}
