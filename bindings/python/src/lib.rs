//! `codespaces_secrets._native`: the Python package's compiled half.
//!
//! Conversion only. Every operation, check and rule lives in the `codespaces-secrets` crate;
//! this crate turns Python arguments into its types, its results into frozen Python classes and
//! its errors into the classes of `codespaces_secrets.errors`, and picks the async style
//! (`Client` blocks with the GIL released, `AsyncClient` returns asyncio awaitables).
#![deny(missing_docs)]

mod aio;
mod auth;
mod awaitable;
mod client;
mod convert;
mod device_flow;
mod enums;
mod errors;
mod fleet;
mod fleet_client;
mod fleet_models;
mod fleet_report;
mod gil_gate;
mod models;
mod ops;
mod reports;
mod runtime;
mod scope;
mod testing;

use pyo3::prelude::*;

/// The compiled module behind `codespaces_secrets`.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    gil_gate::close_at_exit(m)?;
    m.add_function(wrap_pyfunction!(models::seal, m)?)?;
    m.add_class::<client::Client>()?;
    m.add_class::<scope::Scope>()?;
    m.add_class::<scope::SecretIterator>()?;
    m.add_class::<client::AsyncClient>()?;
    m.add_class::<aio::AsyncScope>()?;
    m.add_class::<aio::AsyncSecretIterator>()?;
    m.add_class::<models::Secret>()?;
    m.add_class::<models::PublicKey>()?;
    m.add_class::<models::Repository>()?;
    m.add_class::<models::RepositoryOwner>()?;
    m.add_class::<enums::Visibility>()?;
    m.add_class::<enums::SetOutcome>()?;
    m.add_class::<reports::BulkReport>()?;
    m.add_class::<reports::BulkFailure>()?;
    m.add_class::<reports::SyncReport>()?;
    m.add_class::<reports::PlannedChange>()?;
    m.add_class::<enums::SyncAction>()?;
    m.add_class::<enums::WriteReason>()?;
    m.add_class::<reports::Progress>()?;
    m.add_class::<auth::GitHubApp>()?;
    m.add_function(wrap_pyfunction!(device_flow::device_flow, m)?)?;
    m.add_function(wrap_pyfunction!(device_flow::device_flow_async, m)?)?;
    m.add_class::<auth::DeviceCode>()?;
    m.add_class::<auth::DeviceLogin>()?;
    m.add_class::<auth::CancelHandle>()?;
    m.add_class::<testing::emulator::Emulator>()?;
    m.add_class::<testing::auth::RegisteredApp>()?;
    m.add_class::<testing::models::StoredSecret>()?;
    m.add_class::<testing::models::LoggedRequest>()?;
    fleet_models::register(m)?;
    Ok(())
}
