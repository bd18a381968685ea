//! `Scope`: one scope's secrets through the blocking client. Each method converts its
//! arguments and waits on the matching operation in `ops`.

use std::path::PathBuf;
use std::sync::Arc;

use codespaces_secrets::AnyScope;
use futures_util::StreamExt;
use pyo3::prelude::*;

use crate::convert::{Plaintext, VisibilityArg, pairs, progress, set_options, sync_options};
use crate::enums::SetOutcome;
use crate::models::{PublicKey, Repository, Secret};
use crate::ops;
use crate::reports::{BulkReport, SyncReport};
use crate::runtime::wait;

/// The secrets of a user, repository or organization; calls block until GitHub answers.
#[pyclass(frozen, module = "codespaces_secrets")]
pub(crate) struct Scope(pub(crate) AnyScope);

#[pymethods]
impl Scope {
    /// The scope as a path, e.g. `repos/octocat/hello-world`.
    #[getter]
    fn path(&self) -> String {
        self.0.scope()
    }
    fn list(&self, py: Python<'_>) -> PyResult<Vec<Secret>> {
        wait(py, ops::list(self.0.clone()))
    }
    fn list_stream(&self) -> SecretIterator {
        SecretIterator(ops::stream(&self.0))
    }
    fn public_key(&self, py: Python<'_>) -> PyResult<PublicKey> {
        wait(py, ops::public_key(self.0.clone()))
    }
    fn get(&self, py: Python<'_>, name: String) -> PyResult<Secret> {
        wait(py, ops::get(self.0.clone(), name))
    }
    #[pyo3(signature = (name, value, *, visibility=None, selected_repository_ids=None))]
    fn set(
        &self,
        py: Python<'_>,
        name: String,
        value: Plaintext,
        visibility: Option<VisibilityArg>,
        selected_repository_ids: Option<Vec<i64>>,
    ) -> PyResult<SetOutcome> {
        let options = set_options(visibility, selected_repository_ids)?;
        wait(py, ops::set(self.0.clone(), name, value, options))
    }
    fn delete(&self, py: Python<'_>, name: String) -> PyResult<()> {
        wait(py, ops::delete(self.0.clone(), name))
    }
    #[pyo3(signature = (secrets, *, progress=None))]
    fn set_many(
        &self,
        py: Python<'_>,
        secrets: &Bound<'_, PyAny>,
        progress: Option<Py<PyAny>>,
    ) -> PyResult<BulkReport> {
        let callback = self::progress(progress, None);
        wait(py, ops::set_many(self.0.clone(), pairs(secrets)?, callback))
    }
    /// Makes the scope hold these secrets (organization secrets keep their access). With
    /// `state`, only new or changed values are written; the state file (0600) holds keyed
    /// fingerprints and GitHub's `updated_at`, never a value, and its key is kept apart.
    #[pyo3(signature = (secrets, *, dry_run=false, prune=false, state=None, force=false,
        state_key_file=None, progress=None))]
    #[allow(clippy::too_many_arguments)] // Python keyword arguments, one per option
    fn sync(
        &self,
        py: Python<'_>,
        secrets: &Bound<'_, PyAny>,
        dry_run: bool,
        prune: bool,
        state: Option<PathBuf>,
        force: bool,
        state_key_file: Option<PathBuf>,
        progress: Option<Py<PyAny>>,
    ) -> PyResult<SyncReport> {
        let options = sync_options(dry_run, prune, state, force, state_key_file);
        let callback = self::progress(progress, None);
        wait(
            py,
            ops::sync(self.0.clone(), pairs(secrets)?, options, callback),
        )
    }
    /// `sync` with the secrets of a `.env` file.
    #[pyo3(signature = (path, *, dry_run=false, prune=false, state=None, force=false,
        state_key_file=None, progress=None))]
    #[allow(clippy::too_many_arguments)] // Python keyword arguments, one per option
    fn sync_env_file(
        &self,
        py: Python<'_>,
        path: PathBuf,
        dry_run: bool,
        prune: bool,
        state: Option<PathBuf>,
        force: bool,
        state_key_file: Option<PathBuf>,
        progress: Option<Py<PyAny>>,
    ) -> PyResult<SyncReport> {
        let options = sync_options(dry_run, prune, state, force, state_key_file);
        let callback = self::progress(progress, None);
        wait(
            py,
            ops::sync_env_file(self.0.clone(), path, options, callback),
        )
    }
    fn repositories(&self, py: Python<'_>, name: String) -> PyResult<Vec<Repository>> {
        wait(py, ops::repositories(self.0.clone(), name))
    }
    fn set_repositories(&self, py: Python<'_>, name: String, ids: Vec<i64>) -> PyResult<()> {
        wait(py, ops::set_repositories(self.0.clone(), name, ids))
    }
    fn add_repository(&self, py: Python<'_>, name: String, id: i64) -> PyResult<()> {
        wait(py, ops::add_repository(self.0.clone(), name, id))
    }
    fn remove_repository(&self, py: Python<'_>, name: String, id: i64) -> PyResult<()> {
        wait(py, ops::remove_repository(self.0.clone(), name, id))
    }
    fn __repr__(&self) -> String {
        format!("Scope('{}')", self.0.scope())
    }
}

/// The secrets of a scope, one page requested at a time (`for secret in scope.list_stream()`).
#[pyclass(frozen, module = "codespaces_secrets")]
pub(crate) struct SecretIterator(ops::SecretStream);

#[pymethods]
impl SecretIterator {
    fn __iter__(slf: Py<Self>) -> Py<Self> {
        slf
    }
    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Secret>> {
        let stream = Arc::clone(&self.0);
        wait(
            py,
            async move { stream.lock().await.next().await.transpose() },
        )
    }
}
