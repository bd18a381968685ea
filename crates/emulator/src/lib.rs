//! A local server that behaves like GitHub's Codespaces secrets REST API — all 23 operations of
//! the user, repository and organization scopes — for tests, examples and users' own tests.
//!
//! It keeps per-token identities, repositories and organizations, a key pair per scope, and
//! opens every sealed value it is sent (refusing what does not open), answering with GitHub's
//! status codes, error bodies, `Link` pagination and headers. It lists repositories as GitHub
//! does — an organization's, the user's, one by name — with the topics and archived flags a
//! test gives them ([`RepoSpec`], [`Emulator::add_repository`]). It can be told to misbehave —
//! latency, 5xx answers, dropped connections, primary and secondary rate limits (GitHub's write
//! quota on a clock a test can speed up, [`WriteQuota`]), key rotation —
//! reproducibly from a seed. What it stored can be read back decrypted, from Rust or over HTTP
//! under `/_emulator/` (see the crate README).
//!
//! Reads answer with an `ETag`, and a matching `If-None-Match` gets a 304 that, as on GitHub,
//! costs nothing against the primary rate limit; what was counted is
//! [`Emulator::primary_requests_counted`].
//!
//! Clients that authenticate other ways are tested here too: it registers GitHub Apps with real
//! RSA keys ([`Emulator::register_app`]), installs them ([`Emulator::install_app`]), checks their
//! JWTs and mints expiring installation tokens as GitHub does, and runs the OAuth device flow,
//! with the test playing the user ([`Emulator::approve_device_code`]). Lifetimes and the clock
//! are [`AuthSettings`].
//!
//! ```
//! use codespaces_secrets_emulator::{Emulator, EmulatorConfig, Scope};
//!
//! let emulator = Emulator::start(EmulatorConfig::default())?;
//! // Point a client at emulator.base_url() with emulator.token(), then check what arrived:
//! assert!(emulator.secrets(&Scope::user(emulator.user_login())).is_empty());
//! # Ok::<(), std::io::Error>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod auth;
mod config;
mod control;
mod emulator;
mod faults;
#[doc(hidden)]
pub mod fuzzing;
mod repos;
mod secrets;
mod seed;
mod server;
mod state;

pub use auth::device_codes::{DeviceCodeInfo, DeviceCodeStatus};
pub use auth::github_app::RegisteredApp;
pub use auth::settings::AuthSettings;
pub use config::{EmulatorConfig, Scope};
pub use emulator::Emulator;
pub use faults::{Faults, FaultsError, Latency, PrimaryRateLimit, SecondaryRateLimit, WriteQuota};
pub use repos::spec::RepoSpec;
pub use server::api_versions::{API_VERSIONS, ApiVersionsError};
pub use server::log::{InjectedFault, LoggedRequest};
pub use state::StoredSecret;
