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
mod body;
mod config;
mod emulator;
mod errors;
mod faults;
#[doc(hidden)]
pub mod fuzzing;
mod gate;
mod log;
mod pagination;
mod ratelimit;
mod render;
mod rng;
mod routes;
mod seed;
mod server;
mod state;

pub use config::{EmulatorConfig, Scope};
pub use emulator::Emulator;
pub use faults::{Faults, FaultsError, Latency, PrimaryRateLimit, SecondaryRateLimit};
pub use log::{InjectedFault, LoggedRequest};
pub use state::StoredSecret;
