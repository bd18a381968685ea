//! Misbehaviour on request: latency, 5xx answers, dropped connections and rate limits.
//!
//! Every random decision comes from one seeded generator, drawn in a fixed order per API request
//! (latency, error roll, error kind, drop roll), so a seed plus the same request sequence gives
//! the same faults on every run. What a valid configuration is, and the secondary limit's
//! defaults, are decided here once, for the library, the control route, the binary's flags and
//! the language bindings alike.

mod config;
mod engine;
mod rng;
mod validate;

pub use config::{Faults, Latency, PrimaryRateLimit, SecondaryRateLimit, WriteQuota};
pub(crate) use engine::FaultEngine;
pub use validate::FaultsError;
