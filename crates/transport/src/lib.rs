//! HTTP for `codespaces-secrets`: one place that knows how to talk to GitHub politely.
//!
//! [`Transport`] sends a request with GitHub's headers and token, retries what is safe to retry,
//! waits out rate limits the way GitHub asks, sends mutating requests one at a time and spaced
//! apart, and follows `Link` pagination. It knows nothing about secrets or encryption.
//!
//! Three layers, each using only the ones below: the unauthenticated sender (`sender/`:
//! headers, retries, pacing, caps, deadline, base-URL containment), authentication (`auth/`:
//! a token, App installations, the device flow — its own requests go through the sender), and
//! the authenticated [`Transport`] on top.
//!
//! An internal layer of the `codespaces-secrets` crate (not published): its errors are
//! [`HttpError`]s, which the client maps to the SDK's one public error type.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod api_version;
mod auth;
mod base_url;
mod config;
mod deadline;
mod error;
#[doc(hidden)]
pub mod fuzzing;
mod login_failure;
mod pacing;
mod pagination;
mod rate_limit;
mod request;
mod response;
mod retry;
mod sender;
mod token;
mod transport;

pub use api_version::{API_VERSIONS, DEFAULT_API_VERSION, api_version};
pub use auth::{
    AppKey, AuthTarget, CancelHandle, Credentials, DeviceCode, DeviceFlow, GitHubApp,
    USER_TOKEN_NEEDED, web_origin,
};
pub use base_url::BaseUrl;
pub use config::{DEFAULT_API_URL, TransportConfig};
pub use error::{Cause, HttpError, Refusal};
pub use login_failure::LoginFailure;
pub use pagination::{MAX_PAGES, next_link};
pub use request::{ApiRequest, Method};
pub use response::ApiResponse;
pub use sender::RateStatus;
pub use token::Token;
pub use transport::Transport;

/// The result type of this crate.
pub type Result<T, E = HttpError> = std::result::Result<T, E>;
