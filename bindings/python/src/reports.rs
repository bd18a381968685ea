//! Reports of bulk work (`set_many`, `sync`, `sync_env_file`) and the progress passed to callbacks.

use pyo3::prelude::*;

use crate::enums::{SyncAction, WriteReason};
use crate::errors::exception;

/// What happened to each item of a bulk operation; every item given appears exactly once.
#[pyclass(frozen, module = "codespaces_secrets")]
pub(crate) struct BulkReport(pub(crate) codespaces_secrets::BulkReport);

#[pymethods]
impl BulkReport {
    /// Names of secrets that did not exist before.
    #[getter]
    fn created(&self) -> Vec<String> {
        self.0.created.clone()
    }
    /// Names of secrets whose value was replaced.
    #[getter]
    fn updated(&self) -> Vec<String> {
        self.0.updated.clone()
    }
    /// Names of secrets deleted (sync with `prune`).
    #[getter]
    fn deleted(&self) -> Vec<String> {
        self.0.deleted.clone()
    }
    /// The items that failed, each with its exception.
    #[getter]
    fn failed(&self) -> Vec<BulkFailure> {
        self.0.failed.iter().cloned().map(BulkFailure).collect()
    }
    /// Whether every item succeeded.
    #[getter]
    fn ok(&self) -> bool {
        self.0.is_success()
    }
    /// How many items succeeded.
    #[getter]
    fn succeeded(&self) -> usize {
        self.0.succeeded()
    }
    fn __str__(&self) -> String {
        self.0.to_string()
    }
    fn __repr__(&self) -> String {
        format!(
            "BulkReport(created={}, updated={}, deleted={}, failed={})",
            self.0.created.len(),
            self.0.updated.len(),
            self.0.deleted.len(),
            self.0.failed.len()
        )
    }
}

/// One failed item: the secret's name and the exception that stopped it.
#[pyclass(frozen, module = "codespaces_secrets")]
pub(crate) struct BulkFailure(codespaces_secrets::BulkFailure);

#[pymethods]
impl BulkFailure {
    #[getter]
    fn name(&self) -> &str {
        &self.0.name
    }
    /// A `CodespacesSecretsError` subclass instance, as `set` would have raised.
    #[getter]
    fn error<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        exception(py, &self.0.error)
    }
    fn __repr__(&self) -> String {
        format!(
            "BulkFailure(name='{}', code='{}')",
            self.0.name,
            self.0.error.code()
        )
    }
}

/// A sync's plan and, unless it was a dry run, what happened.
#[pyclass(frozen, module = "codespaces_secrets")]
pub(crate) struct SyncReport(pub(crate) codespaces_secrets::SyncReport);

#[pymethods]
impl SyncReport {
    /// Every desired secret in the order given (created, updated or unchanged), then deletes.
    #[getter]
    fn plan(&self) -> Vec<PlannedChange> {
        self.0
            .plan
            .iter()
            .map(|c| PlannedChange {
                name: c.name.clone(),
                action: c.action.into(),
                reason: c.reason.map(WriteReason::from),
            })
            .collect()
    }
    /// Names left alone because the state shows the scope already holds their value.
    #[getter]
    fn unchanged(&self) -> Vec<String> {
        self.0.unchanged.clone()
    }
    #[getter]
    fn dry_run(&self) -> bool {
        self.0.dry_run
    }
    /// What happened to each change (empty for a dry run).
    #[getter]
    fn result(&self) -> BulkReport {
        BulkReport(self.0.result.clone())
    }
    fn __str__(&self) -> String {
        self.0.to_string()
    }
    fn __repr__(&self) -> String {
        format!(
            "SyncReport(changes={}, unchanged={}, dry_run={}, result={})",
            self.0.changes().count(),
            self.0.unchanged.len(),
            if self.0.dry_run { "True" } else { "False" },
            self.result().__repr__()
        )
    }
}

/// One entry of a sync plan: what happens to a secret and, for a write, why.
#[pyclass(frozen, get_all, eq, module = "codespaces_secrets")]
#[derive(PartialEq)]
pub(crate) struct PlannedChange {
    name: String,
    action: SyncAction,
    reason: Option<WriteReason>,
}

#[pymethods]
impl PlannedChange {
    fn __repr__(&self) -> String {
        let reason = match self.reason {
            Some(reason) => format!("'{}'", reason.value()),
            None => "None".to_owned(),
        };
        format!(
            "PlannedChange(name='{}', action='{}', reason={reason})",
            self.name,
            self.action.value()
        )
    }
}

/// Passed to a `progress` callback after each item of a bulk operation.
#[pyclass(frozen, get_all, module = "codespaces_secrets")]
pub(crate) struct Progress {
    done: usize,
    total: usize,
    name: String,
    ok: bool,
}

impl From<codespaces_secrets::Progress<'_>> for Progress {
    fn from(p: codespaces_secrets::Progress<'_>) -> Self {
        Self {
            done: p.done,
            total: p.total,
            name: p.name.to_owned(),
            ok: p.ok,
        }
    }
}

#[pymethods]
impl Progress {
    fn __repr__(&self) -> String {
        let ok = if self.ok { "True" } else { "False" };
        format!(
            "Progress(done={}, total={}, name='{}', ok={ok})",
            self.done, self.total, self.name
        )
    }
}
