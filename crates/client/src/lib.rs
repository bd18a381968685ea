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

mod access;
mod any_scope;
mod bulk;
mod client;
mod credentials;
mod device_login;
mod env_file;
mod error;
mod fresh_writes;
#[doc(hidden)]
pub mod fuzzing;
mod gh_cli;
mod github_app;
mod input;
mod login_store;
mod options;
mod paths;
mod private_file;
mod scope;
mod scope_kind;
mod scope_ref;
mod seal_cache;
mod selected_repositories;
mod settings;
mod state_key;
mod sync;
mod sync_run;
mod sync_state;
mod tls;
mod visible_text;
mod whoami;

pub use any_scope::{AnyScope, SecretInfo};
pub use bulk::{BulkFailure, BulkReport, Progress};
pub use client::{Client, ClientBuilder};
pub use codespaces_secrets_core::models::{
    self, MinimalRepository, OrgSecret, RepoSecret, RepositoryOwner, UserSecret,
};
pub use codespaces_secrets_core::{
    KeyId, PublicKey, RepoRef, RepoRefError, SecretName, SecretValue, Visibility, seal,
};
pub use codespaces_secrets_transport::USER_TOKEN_NEEDED;
pub use credentials::{CredentialSource, find_token};
pub use device_login::{
    CancelHandle, DeviceCode, DeviceFlowOptions, DeviceLogin, LoginFailure, device_flow, web_host,
};
pub use error::{ApiError, Error, ErrorSource};
pub use github_app::GitHubApp;
pub use input::{IntoSecretName, IntoSecretValue};
pub use login_store::LoginStore;
pub use options::{SetOptions, SetOutcome};
pub use paths::{config_dir, default_state_key_path, default_state_path, state_dir};
pub use scope::Secrets;
pub use scope_kind::{AccessOnUpdate, Org, Repo, ScopeKind, SecretModel, SelectableScope, User};
pub use seal_cache::seal_cached;
pub use settings::ClientSettings;
pub use state_key::STATE_KEY_ENV;
pub use sync::{PlannedChange, SyncAction, SyncOptions, SyncReport, WriteReason};
pub use visible_text::visible_text;

/// The README's examples, compiled as doctests so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
