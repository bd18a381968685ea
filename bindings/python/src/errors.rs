//! The SDK's errors become instances of the classes in `codespaces_secrets.errors` (pure Python,
//! so `InvalidInputError` can also be a `ValueError`); `_BY_CODE` there maps each stable code to
//! its class.

use chrono::{DateTime, Utc};
use codespaces_secrets::Error;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// The SDK's error on its way to Python: `?` turns it into the matching exception.
pub(crate) struct PyError(pub(crate) Error);

impl From<Error> for PyError {
    fn from(error: Error) -> Self {
        Self(error)
    }
}

impl From<PyError> for PyErr {
    fn from(error: PyError) -> Self {
        Python::attach(|py| match exception(py, &error.0) {
            Ok(instance) => PyErr::from_value(instance),
            Err(err) => err,
        })
    }
}

/// An exception instance for `error`: its class by code, with the message, HTTP status,
/// request id, documentation URL, (rate limits) when to retry and (logins) why it failed.
pub(crate) fn exception<'py>(py: Python<'py>, error: &Error) -> PyResult<Bound<'py, PyAny>> {
    let classes = py
        .import("codespaces_secrets.errors")?
        .getattr("_BY_CODE")?;
    let class = classes.get_item(error.code())?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("status", error.status())?;
    kwargs.set_item("request_id", error.request_id())?;
    kwargs.set_item("documentation_url", error.documentation_url())?;
    if let Error::RateLimited { retry_at, .. } = error {
        kwargs.set_item("retry_at", retry_at.map(DateTime::<Utc>::from))?;
    }
    if let Error::Login { reason, .. } = error {
        kwargs.set_item("reason", reason.as_str())?;
    }
    class.call((error.to_string(),), Some(&kwargs))
}
