//! Fleets: manifests, plan, apply and check against the emulator (one test binary).

#[path = "../common/mod.rs"]
mod common;
#[path = "../../../transport/tests/common/mod.rs"]
mod raw;

mod cancel;
mod conditional;
mod manifest;
mod ownership;
mod plan_apply;
mod resume;
mod saved;
mod support;
