//! GitHub Codespaces secrets from Rust.
//!
//! Hand over a plaintext; the client fetches the scope's public key (and caches it), seals the
//! value with libsodium's sealed-box construction, stores it, and reports whether it was
//! created or updated — sending writes one at a time and waiting out rate limits the way GitHub
//! asks, with a clear [`Error`] when anything is wrong.
//!
//! ```no_run
//! # async fn run() -> codespaces_secrets::Result<()> {
//! use codespaces_secrets::{Client, SetOutcome};
//!
//! let client = Client::from_env()?; // GITHUB_TOKEN / GH_TOKEN, GITHUB_API_URL
//! let repo = client.repo("octocat", "hello-world");
//! let outcome = repo.set("DATABASE_URL", "postgres://...").await?;
//! assert!(matches!(outcome, SetOutcome::Created | SetOutcome::Updated));
//! for secret in repo.list().await? {
//!     println!("{} (updated {})", secret.name, secret.updated_at);
//! }
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod auth;
mod client;
mod environment;
mod error;
pub mod fleet;
#[doc(hidden)]
pub mod fuzzing;
mod input;
mod paths;
mod private_file;
mod scope;
mod settings;
mod state_key;
mod sync;
mod sync_state;
mod tls;
mod visible_text;

pub use auth::app_env::AppVariables;
pub use auth::credentials::{CredentialSource, find_token};
pub use auth::device_login::{
    CancelHandle, DeviceCode, DeviceFlowOptions, DeviceLogin, LoginFailure, device_flow, web_host,
};
pub use auth::github_app::GitHubApp;
pub use auth::login_store::LoginStore;
pub use client::{Client, ClientBuilder};
pub use codespaces_secrets_core::models::{
    self, MinimalRepository, OrgSecret, RepoSecret, RepositoryOwner, UserSecret,
};
pub use codespaces_secrets_core::{
    KeyId, PublicKey, RepoRef, RepoRefError, SecretName, SecretValue, Visibility, seal,
};
pub use codespaces_secrets_transport::{API_VERSIONS, DEFAULT_API_VERSION, USER_TOKEN_NEEDED};
pub use environment::{
    APP_ID_ENV, APP_INSTALLATION_ID_ENV, APP_PRIVATE_KEY_ENV, APP_PRIVATE_KEY_PATH_ENV,
    STATE_KEY_ENV,
};
pub use error::{ApiError, Error, ErrorSource};
pub use input::{IntoSecretName, IntoSecretValue};
pub use paths::{config_dir, default_state_key_path, default_state_path, state_dir};
pub use scope::any_scope::{AnyScope, SecretInfo};
pub use scope::bulk::{BulkFailure, BulkReport, Progress};
pub use scope::kind::{AccessOnUpdate, Org, Repo, ScopeKind, SecretModel, SelectableScope, User};
pub use scope::options::{SetOptions, SetOutcome};
pub use scope::seal_cache::seal_cached;
pub use scope::secrets::Secrets;
pub use settings::ClientSettings;
pub use sync::report::{PlannedChange, SyncAction, SyncOptions, SyncReport, WriteReason};
pub use visible_text::visible_text;

/// The README's examples, compiled as doctests so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
