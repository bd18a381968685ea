//! What a fleet apply reports: each attempted change (with the exception of one that failed),
//! and the progress passed to a callback.

use codespaces_secrets::Error;
use codespaces_secrets::fleet as sdk;
use pyo3::prelude::*;

use crate::errors::exception;
use crate::fleet_models::ChangeAction;

/// What an apply did: one item per change it attempted, in plan order.
#[pyclass(frozen, module = "codespaces_secrets.fleet")]
pub(crate) struct ApplyReport(pub(crate) sdk::ApplyReport);

#[pymethods]
impl ApplyReport {
    #[getter]
    fn items(&self) -> Vec<AppliedChange> {
        let items = self.0.items.iter();
        items.map(AppliedChange::from).collect()
    }
    /// Write requests sent.
    #[getter]
    fn writes(&self) -> u64 {
        self.0.writes
    }
    /// Changes not attempted (`max_writes` reached, or cancelled): the next apply does them.
    #[getter]
    fn remaining(&self) -> usize {
        self.0.remaining
    }
    /// The state could not be saved after a write, so the apply stopped there.
    #[getter]
    fn state_error<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.0
            .state_error
            .as_ref()
            .map(|e| exception(py, e))
            .transpose()
    }
    /// Whether `cancel` stopped the apply.
    #[getter]
    fn cancelled(&self) -> bool {
        self.0.cancelled
    }
    /// Whether every attempted change succeeded and the state was saved.
    #[getter]
    fn ok(&self) -> bool {
        self.0.is_success()
    }
    fn __repr__(&self) -> String {
        let r = &self.0;
        format!(
            "ApplyReport(items={}, writes={}, remaining={}, failed={}, cancelled={})",
            r.items.len(),
            r.writes,
            r.remaining,
            r.failed().count(),
            if r.cancelled { "True" } else { "False" }
        )
    }
}

/// One attempted change and, if it failed, the exception it would have raised alone.
#[pyclass(frozen, module = "codespaces_secrets.fleet")]
pub(crate) struct AppliedChange {
    #[pyo3(get)]
    scope: String,
    #[pyo3(get)]
    name: String,
    #[pyo3(get)]
    action: ChangeAction,
    failure: Option<Error>,
}

impl From<&sdk::AppliedChange> for AppliedChange {
    fn from(c: &sdk::AppliedChange) -> Self {
        Self {
            scope: c.scope.clone(),
            name: c.name.clone(),
            action: c.action.into(),
            failure: c.error.clone(),
        }
    }
}

#[pymethods]
impl AppliedChange {
    /// A `CodespacesSecretsError` subclass instance, or `None` when it succeeded.
    #[getter]
    fn error<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.failure.as_ref().map(|e| exception(py, e)).transpose()
    }
    fn __repr__(&self) -> String {
        let code = self.failure.as_ref().map_or("None", |e| e.code());
        format!(
            "AppliedChange(scope='{}', name='{}', action='{}', error={code})",
            self.scope,
            self.name,
            sdk::ChangeAction::from(self.action).as_str()
        )
    }
}

/// Passed to `apply`'s `progress` after each change, and before a wait for GitHub's write
/// limits (`waiting` seconds). Durations are seconds.
#[pyclass(frozen, get_all, module = "codespaces_secrets.fleet")]
pub(crate) struct ApplyProgress {
    done: usize,
    total: usize,
    scope: String,
    name: String,
    action: ChangeAction,
    ok: bool,
    waiting: Option<f64>,
    eta: f64,
}

impl From<sdk::ApplyProgress<'_>> for ApplyProgress {
    fn from(p: sdk::ApplyProgress<'_>) -> Self {
        Self {
            done: p.done,
            total: p.total,
            scope: p.scope.to_owned(),
            name: p.name.to_owned(),
            action: p.action.into(),
            ok: p.ok,
            waiting: p.waiting.map(|w| w.as_secs_f64()),
            eta: p.eta.as_secs_f64(),
        }
    }
}
