//! The transport's own errors: what went wrong on the way to GitHub and back. The SDK's client
//! maps them to its public `Error`; this crate is internal and none of its types are public API.

use std::error::Error as StdError;
use std::time::SystemTime;

use codespaces_secrets_core::models::GitHubErrorBody;
use thiserror::Error;

/// A cause kept for `source()` chains.
pub type Cause = Box<dyn StdError + Send + Sync>;

/// Every way a request can fail in transport.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum HttpError {
    /// A setting the transport cannot use (base URL, token, user agent, request body), found
    /// before any request.
    #[error("invalid {field}: {message}")]
    Config {
        /// Which setting.
        field: &'static str,
        /// Why, and what to do.
        message: String,
    },
    /// GitHub answered with a status other than 2xx, after the retries and rate-limit waits
    /// the configuration allows.
    #[error("{} failed: HTTP {}", .0.operation, .0.status)]
    Refused(Box<Refusal>),
    /// Connecting, TLS, a timeout or a dropped connection, after the retries.
    #[error("{operation}: network error: {message}")]
    Network {
        /// The operation attempted.
        operation: &'static str,
        /// What failed, with its causes.
        message: String,
        /// The HTTP client's error.
        #[source]
        source: Option<Cause>,
    },
    /// A device-flow login that ended without a token: denied, expired, cancelled, or the
    /// client refused.
    #[error("login {}: {message}", .reason.as_str())]
    Login {
        /// How it ended.
        reason: crate::login_failure::LoginFailure,
        /// What happened and what to do.
        message: String,
    },
    /// An answer outside the API contract: a body that does not decode, one larger than any
    /// valid answer, a paging link that leaves the base URL.
    #[error("{operation}: unexpected response: {message}")]
    Contract {
        /// The operation attempted.
        operation: &'static str,
        /// What did not match.
        message: String,
        /// The decoder's error, when there was one.
        #[source]
        source: Option<Cause>,
    },
}

/// A refused request as GitHub answered it.
#[derive(Debug)]
pub struct Refusal {
    /// The operation attempted.
    pub operation: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// GitHub's error body, when it parsed.
    pub body: Option<GitHubErrorBody>,
    /// The `x-github-request-id` header.
    pub request_id: Option<String>,
    /// `Some` when the refusal is a rate limit that could not be waited out: when GitHub says
    /// requests may resume, if it said.
    pub rate_limited: Option<Option<SystemTime>>,
}

impl HttpError {
    /// A [`HttpError::Config`].
    pub fn config(field: &'static str, message: impl Into<String>) -> Self {
        Self::Config {
            field,
            message: message.into(),
        }
    }

    /// A token in a server's answer that could not be sent back in a header: the server's
    /// fault.
    pub(crate) fn unusable_token(operation: &'static str) -> Self {
        Self::contract(
            operation,
            "the token in the answer is empty or holds characters a header cannot carry",
            None,
        )
    }

    /// A [`HttpError::Contract`] with the decoder's error as its source.
    pub fn contract(
        operation: &'static str,
        message: impl Into<String>,
        source: Option<Cause>,
    ) -> Self {
        Self::Contract {
            operation,
            message: message.into(),
            source,
        }
    }
}
