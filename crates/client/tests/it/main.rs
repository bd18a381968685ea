//! The client's integration tests, end to end against the emulator: every operation, scope,
//! failure, auth path and fleet.
//!
//! One test binary with a module per behaviour (`cargo test --test it <module>::` runs one):
//! a binary per file linked the whole stack once per file.

mod common;
/// The transport tests' raw-HTTP helpers: what the client sent, and hostile servers.
#[path = "../../../transport/tests/common/mod.rs"]
mod raw;

mod access;
mod any_scope;
mod api_versions;
mod app_auth;
mod auth_traces;
mod bad_inputs;
mod device_flow;
mod error_kinds;
mod faults;
mod fleet;
mod hostile_server;
mod incremental_sync;
mod operations;
mod pagination;
mod parity;
mod redaction;
mod sync;
