//! A local server that behaves like GitHub's Codespaces secrets REST API — all 23 operations of
//! the user, repository and organization scopes — for tests, examples and users' own tests.
//!
//! It keeps per-token identities, repositories and organizations, a key pair per scope, and
//! opens every sealed value it is sent (refusing what does not open), answering with GitHub's
//! status codes, error bodies, `Link` pagination and headers. It can be told to misbehave —
//! latency, 5xx answers, dropped connections, primary and secondary rate limits, key rotation —
//! reproducibly from a seed. What it stored can be read back decrypted, from Rust or over HTTP
//! under `/_emulator/` (see the crate README).
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

mod admin;
mod app;
mod auth;
mod auth_settings;
mod body;
mod config;
mod device_codes;
mod emulator;
mod errors;
mod faults;
#[doc(hidden)]
pub mod fuzzing;
mod gate;
mod github_app;
mod jwt;
mod keys;
mod log;
mod pagination;
mod ratelimit;
mod render;
mod rng;
mod routes;
mod seed;
mod server;
mod state;

pub use auth_settings::AuthSettings;
pub use config::{EmulatorConfig, Scope};
pub use device_codes::{DeviceCodeInfo, DeviceCodeStatus};
pub use emulator::Emulator;
pub use faults::{Faults, FaultsError, Latency, PrimaryRateLimit, SecondaryRateLimit};
pub use github_app::RegisteredApp;
pub use log::{InjectedFault, LoggedRequest};
pub use state::StoredSecret;
