//! `AsyncClient` and `AsyncScope`: the same operations as asyncio awaitables, driven by the
//! shared tokio runtime, plus `async for` over a scope's secrets.

use std::path::PathBuf;
use std::sync::Arc;

use codespaces_secrets::{AnyScope, SyncOptions};
use futures_util::StreamExt;
use pyo3::exceptions::PyStopAsyncIteration;
use pyo3::prelude::*;

use crate::client::Settings;
use crate::convert::{Plaintext, VisibilityArg, pairs, progress, running_loop, set_options};
use crate::errors::PyError;
use crate::ops;
use crate::runtime::spawn;

/// A GitHub API client for Codespaces secrets whose calls return asyncio awaitables.
#[pyclass(frozen, module = "codespaces_secrets")]
pub(crate) struct AsyncClient(codespaces_secrets::Client);

#[pymethods]
impl AsyncClient {
    #[new]
    #[pyo3(signature = (token=None, base_url=None, *, user_agent=None, timeout=None,
        connect_timeout=None, max_retries=None, write_interval=None, max_rate_limit_wait=None))]
    #[allow(clippy::too_many_arguments)] // Python keyword arguments, one per setting
    fn new(
        token: Option<String>,
        base_url: Option<String>,
        user_agent: Option<String>,
        timeout: Option<f64>,
        connect_timeout: Option<f64>,
        max_retries: Option<u32>,
        write_interval: Option<f64>,
        max_rate_limit_wait: Option<f64>,
    ) -> Result<Self, PyError> {
        let settings = Settings {
            token,
            base_url,
            user_agent,
            timeout,
            connect_timeout,
            max_retries,
            write_interval,
            max_rate_limit_wait,
        };
        Ok(Self(settings.build()?))
    }
    #[getter]
    fn user(&self) -> AsyncScope {
        AsyncScope(self.0.user().into())
    }
    fn repo(&self, owner: String, repo: String) -> AsyncScope {
        AsyncScope(self.0.repo(owner, repo).into())
    }
    fn org(&self, org: String) -> AsyncScope {
        AsyncScope(self.0.org(org).into())
    }
    #[getter]
    fn base_url(&self) -> &str {
        self.0.base_url()
    }
    fn __repr__(&self) -> String {
        format!("AsyncClient(base_url='{}')", self.0.base_url())
    }
}

/// The secrets of a user, repository or organization; every call returns an awaitable.
#[pyclass(frozen, module = "codespaces_secrets")]
pub(crate) struct AsyncScope(AnyScope);

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
    #[pyo3(signature = (path, *, dry_run=false, prune=false, progress=None))]
    fn sync_env_file<'py>(
        &self,
        py: Python<'py>,
        path: PathBuf,
        dry_run: bool,
        prune: bool,
        progress: Option<Py<PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let options = SyncOptions {
            dry_run,
            prune,
            ..SyncOptions::default()
        };
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
        pyo3_async_runtimes::tokio::future_into_py(py, async move {
            match stream.lock().await.next().await {
                Some(item) => Ok(item.map_err(PyError)?),
                None => Err(PyStopAsyncIteration::new_err(())),
            }
        })
    }
}
