//! Fleets: manifests, plan, apply and check against the emulator.

mod cancel;
mod conditional;
mod manifest;
mod ownership;
mod plan_apply;
mod resume;
mod saved;
mod support;
