//! What `testing.Emulator` takes and returns: repositories and scopes by name, faults, stored
//! secrets and the request log.

use std::time::Duration;

use chrono::{DateTime, Utc};
use codespaces_secrets::{Error, RepoRef};
use codespaces_secrets_emulator as emu;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

use crate::convert::seconds;
use crate::enums::Visibility;
use crate::errors::PyError;

/// The scope named by at most one keyword, `user=`, `repo="owner/name"` or `org=`; none means
/// the demo user's own secrets.
pub(crate) fn scope(
    emulator: &emu::Emulator,
    keywords: Option<&Bound<'_, PyDict>>,
) -> PyResult<emu::Scope> {
    let invalid = |message: String| PyErr::from(PyError(Error::invalid_input("scope", message)));
    let Some(keywords) = keywords else {
        return Ok(emu::Scope::user(emulator.user_login()));
    };
    if keywords.len() != 1 {
        return Err(invalid("give at most one of user=, repo=, org=".into()));
    }
    let (key, value): (String, String) = keywords.items().get_item(0)?.extract()?;
    match key.as_str() {
        "user" => Ok(emu::Scope::user(value)),
        "org" => Ok(emu::Scope::org(value)),
        "repo" => Ok(repo_ref(&value)?.into()),
        other => Err(PyTypeError::new_err(format!(
            "unexpected keyword argument {other:?}; a scope is user=, repo= or org="
        ))),
    }
}

/// `"owner/name"`, checked by the SDK's one parser (a bad one is an `InvalidInputError`).
fn repo_ref(full_name: &str) -> Result<RepoRef, PyError> {
    full_name.parse().map_err(|e| PyError(Error::from(e)))
}

/// `Emulator(repos=[...])`: each `"owner/name"`, checked.
pub(crate) fn repos(full_names: Vec<String>) -> Result<Vec<RepoRef>, PyError> {
    full_names.iter().map(|full| repo_ref(full)).collect()
}

/// The rate-limit parts of `set_faults`: `rate_limit=(limit, window_seconds)`, and a secondary
/// limit when its minimum interval is given (the rest of it from the emulator's default: one
/// write in flight at a time). Whether the whole is valid is [`emu::Faults::validate`]'s to say.
pub(crate) fn faults(
    rate_limit: Option<(u32, f64)>,
    (min_interval, status, retry_after): (Option<f64>, u16, f64),
) -> Result<emu::Faults, PyError> {
    let retry_after = seconds("secondary_retry_after", Some(retry_after))?.unwrap_or_default();
    let primary_rate_limit = match rate_limit {
        Some((limit, window)) => Some(emu::PrimaryRateLimit {
            limit,
            window: seconds("rate_limit", Some(window))?.unwrap_or(Duration::ZERO),
        }),
        None => None,
    };
    let secondary_rate_limit =
        seconds("secondary_min_interval", min_interval)?.map(|interval| emu::SecondaryRateLimit {
            min_write_interval: interval,
            status,
            retry_after,
            ..emu::SecondaryRateLimit::default()
        });
    Ok(emu::Faults {
        primary_rate_limit,
        secondary_rate_limit,
        ..emu::Faults::default()
    })
}

/// Faults the emulator refused, as the `InvalidInputError` Python raises for bad arguments.
pub(crate) fn refused(error: emu::FaultsError) -> PyError {
    PyError(Error::invalid_input("faults", error.to_string()))
}

/// A secret as the emulator stored it, decrypted. Its repr never shows the value.
#[pyclass(frozen, module = "codespaces_secrets.testing")]
pub(crate) struct StoredSecret(pub(crate) emu::StoredSecret);

#[pymethods]
impl StoredSecret {
    #[getter]
    fn name(&self) -> &str {
        &self.0.name
    }
    /// The plaintext that arrived (after the emulator opened the sealed box).
    #[getter]
    fn value<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, self.0.value.expose())
    }
    #[getter]
    fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    #[getter]
    fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
    #[getter]
    fn visibility(&self) -> Option<Visibility> {
        self.0.visibility.map(Visibility::from)
    }
    #[getter]
    fn selected_repository_ids(&self) -> Vec<i64> {
        self.0.selected_repository_ids.clone()
    }
    fn __repr__(&self) -> String {
        format!("StoredSecret(name='{}', value=[redacted])", self.0.name)
    }
}

/// One API request the emulator answered. Holds no token and no value.
#[pyclass(frozen, module = "codespaces_secrets.testing")]
pub(crate) struct LoggedRequest(pub(crate) emu::LoggedRequest);

#[pymethods]
impl LoggedRequest {
    #[getter]
    fn method(&self) -> &str {
        &self.0.method
    }
    #[getter]
    fn path(&self) -> &str {
        &self.0.path
    }
    #[getter]
    fn query(&self) -> Option<&str> {
        self.0.query.as_deref()
    }
    #[getter]
    fn status(&self) -> u16 {
        self.0.status
    }
    /// Whether it was a mutating request (PUT, DELETE, POST, PATCH).
    #[getter]
    fn write(&self) -> bool {
        self.0.write
    }
    #[getter]
    fn request_id(&self) -> &str {
        &self.0.request_id
    }
    #[getter]
    fn started_at(&self) -> DateTime<Utc> {
        self.0.started_at
    }
    #[getter]
    fn ended_at(&self) -> DateTime<Utc> {
        self.0.ended_at
    }
    fn __repr__(&self) -> String {
        format!(
            "LoggedRequest(method='{}', path='{}', status={})",
            self.0.method, self.0.path, self.0.status
        )
    }
}
