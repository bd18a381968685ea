//! `AsyncScope`: the same operations as `Scope`, as asyncio awaitables driven by the shared
//! tokio runtime, plus `async for` over a scope's secrets.

use std::path::PathBuf;
use std::sync::Arc;

use codespaces_secrets::AnyScope;
use futures_util::StreamExt;
use pyo3::exceptions::PyStopAsyncIteration;
use pyo3::prelude::*;

use crate::convert::{
    Plaintext, VisibilityArg, pairs, progress, running_loop, set_options, sync_options,
};
use crate::errors::PyError;
use crate::ops;
use crate::runtime::{spawn, spawn_with};

/// The secrets of a user, repository or organization; every call returns an awaitable.
#[pyclass(frozen, module = "codespaces_secrets")]
pub(crate) struct AsyncScope(pub(crate) AnyScope);

#[pymethods]
impl AsyncScope {
    #[getter]
    fn path(&self) -> String {
        self.0.scope()
    }
    fn list<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        spawn(py, ops::list(self.0.clone()))
    }
    fn list_stream(&self) -> AsyncSecretIterator {
        AsyncSecretIterator(ops::stream(&self.0))
    }
    fn public_key<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        spawn(py, ops::public_key(self.0.clone()))
    }
    fn get<'py>(&self, py: Python<'py>, name: String) -> PyResult<Bound<'py, PyAny>> {
        spawn(py, ops::get(self.0.clone(), name))
    }
    #[pyo3(signature = (name, value, *, visibility=None, selected_repository_ids=None))]
    fn set<'py>(
        &self,
        py: Python<'py>,
        name: String,
        value: Plaintext,
        visibility: Option<VisibilityArg>,
        selected_repository_ids: Option<Vec<i64>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let options = set_options(visibility, selected_repository_ids)?;
        spawn(py, ops::set(self.0.clone(), name, value, options))
    }
    fn delete<'py>(&self, py: Python<'py>, name: String) -> PyResult<Bound<'py, PyAny>> {
        spawn(py, ops::delete(self.0.clone(), name))
    }
    #[pyo3(signature = (secrets, *, progress=None))]
    fn set_many<'py>(
        &self,
        py: Python<'py>,
        secrets: &Bound<'py, PyAny>,
        progress: Option<Py<PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let callback = self::progress(progress, running_loop(py));
        spawn(py, ops::set_many(self.0.clone(), pairs(secrets)?, callback))
    }
    /// As `Scope.sync`, awaitable; `progress` runs on the event loop's thread.
    #[pyo3(signature = (secrets, *, dry_run=false, prune=false, state=None, force=false,
        state_key_file=None, progress=None))]
    #[allow(clippy::too_many_arguments)] // Python keyword arguments, one per option
    fn sync<'py>(
        &self,
        py: Python<'py>,
        secrets: &Bound<'py, PyAny>,
        dry_run: bool,
        prune: bool,
        state: Option<PathBuf>,
        force: bool,
        state_key_file: Option<PathBuf>,
        progress: Option<Py<PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let options = sync_options(dry_run, prune, state, force, state_key_file);
        let callback = self::progress(progress, running_loop(py));
        spawn(
            py,
            ops::sync(self.0.clone(), pairs(secrets)?, options, callback),
        )
    }
    /// As `Scope.sync_env_file`, awaitable.
    #[pyo3(signature = (path, *, dry_run=false, prune=false, state=None, force=false,
        state_key_file=None, progress=None))]
    #[allow(clippy::too_many_arguments)] // Python keyword arguments, one per option
    fn sync_env_file<'py>(
        &self,
        py: Python<'py>,
        path: PathBuf,
        dry_run: bool,
        prune: bool,
        state: Option<PathBuf>,
        force: bool,
        state_key_file: Option<PathBuf>,
        progress: Option<Py<PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let options = sync_options(dry_run, prune, state, force, state_key_file);
        let callback = self::progress(progress, running_loop(py));
        spawn(
            py,
            ops::sync_env_file(self.0.clone(), path, options, callback),
        )
    }
    fn repositories<'py>(&self, py: Python<'py>, name: String) -> PyResult<Bound<'py, PyAny>> {
        spawn(py, ops::repositories(self.0.clone(), name))
    }
    fn set_repositories<'py>(
        &self,
        py: Python<'py>,
        name: String,
        ids: Vec<i64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        spawn(py, ops::set_repositories(self.0.clone(), name, ids))
    }
    fn add_repository<'py>(
        &self,
        py: Python<'py>,
        name: String,
        id: i64,
    ) -> PyResult<Bound<'py, PyAny>> {
        spawn(py, ops::add_repository(self.0.clone(), name, id))
    }
    fn remove_repository<'py>(
        &self,
        py: Python<'py>,
        name: String,
        id: i64,
    ) -> PyResult<Bound<'py, PyAny>> {
        spawn(py, ops::remove_repository(self.0.clone(), name, id))
    }
    fn __repr__(&self) -> String {
        format!("AsyncScope('{}')", self.0.scope())
    }
}

/// `async for secret in scope.list_stream()`: one page requested at a time.
#[pyclass(frozen, module = "codespaces_secrets")]
pub(crate) struct AsyncSecretIterator(ops::SecretStream);

#[pymethods]
impl AsyncSecretIterator {
    fn __aiter__(slf: Py<Self>) -> Py<Self> {
        slf
    }
    fn __anext__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let stream = Arc::clone(&self.0);
        spawn_with(py, async move {
            match stream.lock().await.next().await {
                Some(item) => item.map_err(StreamEnd::Failed),
                None => Err(StreamEnd::Done),
            }
        })
    }
}

/// Why `__anext__` has no secret: the stream ended, or a page failed.
enum StreamEnd {
    Done,
    Failed(codespaces_secrets::Error),
}

impl From<StreamEnd> for PyErr {
    fn from(end: StreamEnd) -> Self {
        match end {
            StreamEnd::Done => PyStopAsyncIteration::new_err(()),
            StreamEnd::Failed(error) => PyError(error).into(),
        }
    }
}
