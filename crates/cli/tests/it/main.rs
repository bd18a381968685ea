//! The CLI's integration tests: the built binaries run against an in-process emulator.
//!
//! One test binary with a module per behaviour (`cargo test --test it <module>::` runs one):
//! a binary per file linked the whole stack once per file.

mod common;

mod api_version;
mod auth;
mod commands;
mod failures;
mod fleet;
mod hostile_server;
mod terminal;
