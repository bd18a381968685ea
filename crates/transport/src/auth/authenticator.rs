//! Who the requests are made as: a static token, or a GitHub App's installation tokens minted
//! on demand. The authenticated transport hands the sender an [`Acting`] per request, which
//! asks [`Authenticator::authorize`] before every attempt, so a token that expires
//! mid-operation is replaced without the caller noticing.

use std::fmt;

use super::app::AppAuthenticator;
#[cfg(not(feature = "app-signing"))]
use super::app_key::APP_SIGNING_LEFT_OUT;
use super::github_app::GitHubApp;
use super::installation_token::Issued;
use super::target::AuthTarget;
use crate::error::HttpError;
use crate::sender::{Credential, Sender};
use crate::token::Token;

/// GitHub's answer to a user-secrets call made with an installation token is a bare 403
/// (google/go-github#3000); this says why before anything is sent.
pub const USER_TOKEN_NEEDED: &str = "user secrets need a user token: a personal access token with the codespace scope, or a user access token (an installation token or a GitHub App cannot manage a user's secrets)";

/// What a client authenticates with.
#[derive(Clone)]
pub enum Credentials {
    /// One token for every request (a personal access token, `GITHUB_TOKEN`, a user access
    /// token from the device flow, or an installation token minted elsewhere).
    Token(Token),
    /// A GitHub App: installation tokens are minted from its private key as needed.
    App(GitHubApp),
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Token(_) => f.write_str("Credentials::Token([redacted])"),
            Self::App(app) => f.debug_tuple("Credentials::App").field(app).finish(),
        }
    }
}

/// The credentials at run time, with the App's token cache.
#[derive(Debug)]
pub(crate) enum Authenticator {
    Token(Token),
    App(AppAuthenticator),
}

impl Authenticator {
    pub(crate) fn new(credentials: Credentials) -> Self {
        match credentials {
            Credentials::Token(token) => Self::Token(token),
            Credentials::App(app) => Self::App(AppAuthenticator::new(app)),
        }
    }

    /// These credentials acting on `target`, as the sender's credential for one request.
    /// `sender` carries the App's own requests (installation lookups, token exchange).
    pub(crate) fn acting<'a>(&'a self, target: AuthTarget, sender: &'a Sender) -> Acting<'a> {
        Acting {
            auth: self,
            target,
            sender,
        }
    }

    /// Whether these credentials can only act as a GitHub App installation, never as a user:
    /// the App itself, or a token with GitHub's installation-token prefix `ghs_`.
    fn is_installation(&self) -> bool {
        match self {
            Self::Token(token) => token.expose().starts_with("ghs_"),
            Self::App(_) => true,
        }
    }

    /// The token for a request to `target`, refusing user-scope requests an installation
    /// cannot make before anything is sent.
    async fn authorize(
        &self,
        target: &AuthTarget,
        sender: &Sender,
    ) -> Result<(Token, Option<Issued>), HttpError> {
        if *target == AuthTarget::User && self.is_installation() {
            return Err(HttpError::config("token", USER_TOKEN_NEEDED));
        }
        match self {
            Self::Token(token) => Ok((token.clone(), None)),
            #[cfg(feature = "app-signing")]
            Self::App(app) => {
                let (token, issued) = app.token_for(target, sender).await?;
                Ok((token, Some(issued)))
            }
            // No App can be built without signing (`GitHubApp::new` refuses); this arm lets
            // the linker drop the installation-token machinery from the mobile library.
            #[cfg(not(feature = "app-signing"))]
            Self::App(_) => {
                let _ = sender;
                Err(HttpError::config("app private key", APP_SIGNING_LEFT_OUT))
            }
        }
    }

    /// After a 401: forget the token that was refused, if it is still the cached one. Returns
    /// whether a retry with a new token makes sense.
    async fn retire(&self, issued: Option<Issued>) -> bool {
        match (self, issued) {
            (Self::App(app), Some(issued)) => {
                app.retire(issued).await;
                true
            }
            _ => false,
        }
    }
}

/// The client's credentials applied to one request's account.
pub(crate) struct Acting<'a> {
    auth: &'a Authenticator,
    target: AuthTarget,
    sender: &'a Sender,
}

impl Credential for Acting<'_> {
    type Ticket = Option<Issued>;

    async fn token(&self) -> Result<(Token, Option<Issued>), HttpError> {
        self.auth.authorize(&self.target, self.sender).await
    }

    async fn refused(&self, issued: Option<Issued>) -> bool {
        let retry = self.auth.retire(issued).await;
        if retry {
            tracing::debug!("installation token refused; minting a new one");
        }
        retry
    }
}
