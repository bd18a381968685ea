//! HTTP for `codespaces-secrets`: one place that knows how to talk to GitHub politely.
//!
//! [`Transport`] sends a request with GitHub's headers and token, retries what is safe to retry,
//! waits out rate limits the way GitHub asks, sends mutating requests one at a time and spaced
//! apart, and follows `Link` pagination. It knows nothing about secrets or encryption.
//!
//! An internal layer of the `codespaces-secrets` crate (not published): its errors are
//! [`HttpError`]s, which the client maps to the SDK's one public error type.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod auth;
mod base_url;
mod config;
mod deadline;
mod error;
#[doc(hidden)]
pub mod fuzzing;
mod pacing;
mod pagination;
mod rate_limit;
mod request;
mod response;
mod retry;
mod token;
mod transport;

pub use auth::{
    AppKey, AuthTarget, CancelHandle, Credentials, DeviceCode, DeviceFlow, GitHubApp, LoginFailure,
    USER_TOKEN_NEEDED, web_origin,
};
pub use base_url::BaseUrl;
pub use config::{DEFAULT_API_URL, TransportConfig};
pub use error::{Cause, HttpError, Refusal};
pub use pagination::{MAX_PAGES, next_link};
pub use request::{ApiRequest, Method};
pub use response::ApiResponse;
pub use token::Token;
pub use transport::Transport;

/// The result type of this crate.
pub type Result<T, E = HttpError> = std::result::Result<T, E>;
