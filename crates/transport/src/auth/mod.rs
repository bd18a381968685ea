//! Who the requests are made as: a static token, or a GitHub App's installation tokens minted
//! on demand. The transport asks [`Authenticator::authorize`] before every attempt, so a token
//! that expires mid-operation is replaced without the caller noticing.

mod app;
mod app_key;
mod cancel;
mod device_flow;
mod installation_token;
mod target;
mod web_origin;

use std::fmt;

pub(crate) use app::AppAuthenticator;
pub use app::GitHubApp;
pub use app_key::AppKey;
pub use cancel::CancelHandle;
pub use device_flow::{DeviceCode, DeviceFlow, LoginFailure};
pub use target::AuthTarget;
pub use web_origin::web_origin;

use crate::error::HttpError;
use crate::token::Token;
use crate::transport::Transport;

/// GitHub's answer to a user-secrets call made with an installation token is a bare 403
/// (google/go-github#3000); this says why before anything is sent.
pub const USER_TOKEN_NEEDED: &str = "user secrets need a user token: a personal access token with the codespace scope, or a user access token (an installation token or a GitHub App cannot manage a user's secrets)";

/// A token in a server's answer that could not be sent back in a header: the server's fault.
pub(crate) fn unusable_token(operation: &'static str) -> HttpError {
    HttpError::contract(
        operation,
        "the token in the answer is empty or holds characters a header cannot carry",
        None,
    )
}

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

/// The token an attempt carried, so a 401 can retire exactly that one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Issued {
    pub(crate) installation_id: u64,
    pub(crate) generation: u64,
}

impl Authenticator {
    pub(crate) fn new(credentials: Credentials) -> Self {
        match credentials {
            Credentials::Token(token) => Self::Token(token),
            Credentials::App(app) => Self::App(AppAuthenticator::new(app)),
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
    pub(crate) async fn authorize(
        &self,
        target: &AuthTarget,
        transport: &Transport,
    ) -> Result<(Token, Option<Issued>), HttpError> {
        if *target == AuthTarget::User && self.is_installation() {
            return Err(HttpError::config("token", USER_TOKEN_NEEDED));
        }
        match self {
            Self::Token(token) => Ok((token.clone(), None)),
            Self::App(app) => {
                let (token, issued) = app.token_for(target, transport).await?;
                Ok((token, Some(issued)))
            }
        }
    }

    /// After a 401: forget the token that was refused, if it is still the cached one. Returns
    /// whether a retry with a new token makes sense.
    pub(crate) async fn retire(&self, issued: Option<Issued>) -> bool {
        match (self, issued) {
            (Self::App(app), Some(issued)) => {
                app.retire(issued).await;
                true
            }
            _ => false,
        }
    }
}
