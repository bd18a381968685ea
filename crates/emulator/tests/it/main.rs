//! Raw-HTTP integration tests of the emulator: every operation and every rule, spoken with
//! reqwest directly (not through our client), so the emulator is checked on its own.
//!
//! One test binary with modules: a binary per file would link reqwest a dozen times.

mod app_support;
mod harness;

mod api_versions;
mod app_auth;
mod auth_and_headers;
mod bad_requests;
mod binary;
mod conditional;
mod control_routes;
mod device_flow;
mod fault_validation;
mod faults;
mod library;
mod operation_docs;
mod org_secrets;
mod pagination;
mod repo_secrets;
mod repositories;
mod user_secrets;
mod validation;
mod write_quota;
