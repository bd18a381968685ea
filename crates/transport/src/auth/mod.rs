//! Authentication, the middle layer of the transport: a static token, GitHub App installations
//! and the OAuth device flow. It sends its own requests (an App's token exchange) through the
//! unauthenticated sender and never through the authenticated transport above it.

mod app;
mod app_jwt;
mod app_key;
mod authenticator;
mod cancel;
mod device_flow;
mod github_app;
mod installation_token;
mod target;
mod web_origin;

pub use app_key::AppKey;
pub(crate) use authenticator::Authenticator;
pub use authenticator::{Credentials, USER_TOKEN_NEEDED};
pub use cancel::CancelHandle;
pub use device_flow::{DeviceCode, DeviceFlow};
pub use github_app::GitHubApp;
pub use target::AuthTarget;
pub use web_origin::web_origin;
