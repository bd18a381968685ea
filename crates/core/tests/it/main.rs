//! The core crate's integration tests: models, names, redaction and the sealed box against
//! libsodium's vectors.
//!
//! One test binary with a module per behaviour (`cargo test --test it <module>::` runs one):
//! a binary per file linked the whole stack once per file.

mod common;

mod models;
mod names;
mod redaction;
mod round_trip;
mod vectors;
