//! One tokio runtime for the whole process (pyo3-async-runtimes' own): `AsyncClient`'s
//! awaitables run on it and `Client` blocks on it, so connections are shared. Its threads take
//! the GIL only through [`attach`](crate::gil_gate::attach), which keeps them out of Python
//! once the interpreter exits.

use std::future::Future;
use std::time::Duration;

use pyo3::prelude::*;

use crate::awaitable;
use crate::errors::PyError;
use crate::gil_gate::attach;

/// How often a blocked call checks for Ctrl-C (only the main thread receives signals).
const SIGNAL_POLL: Duration = Duration::from_millis(100);

/// Runs `future` to completion with the GIL released, so other Python threads keep running.
/// A signal (Ctrl-C) on the main thread cancels it and raises, as a blocking call should.
pub(crate) fn wait<F, T>(py: Python<'_>, future: F) -> PyResult<T>
where
    F: Future<Output = Result<T, codespaces_secrets::Error>> + Send,
    T: Send,
{
    wait_for(py, async { future.await.map_err(PyError) })
}

/// [`wait`] for a future whose error is not (only) the SDK's.
pub(crate) fn wait_for<F, T, E>(py: Python<'_>, future: F) -> PyResult<T>
where
    F: Future<Output = Result<T, E>> + Send,
    T: Send,
    E: Into<PyErr> + Send,
{
    let outcome = py.detach(|| {
        pyo3_async_runtimes::tokio::get_runtime().block_on(async {
            tokio::select! {
                outcome = future => Ok(outcome),
                interrupt = interrupted() => Err(interrupt),
            }
        })
    })?;
    outcome.map_err(Into::into)
}

/// Resolves when a signal handler raises (e.g. `KeyboardInterrupt`).
async fn interrupted() -> PyErr {
    loop {
        tokio::time::sleep(SIGNAL_POLL).await;
        if let Some(Err(err)) = attach(|py| py.check_signals()) {
            return err;
        }
    }
}

/// An asyncio awaitable for `future`, run on the shared runtime.
pub(crate) fn spawn<F, T>(py: Python<'_>, future: F) -> PyResult<Bound<'_, PyAny>>
where
    F: Future<Output = Result<T, codespaces_secrets::Error>> + Send + 'static,
    T: for<'py> IntoPyObject<'py> + Send + 'static,
{
    awaitable::spawn(py, async move { future.await.map_err(PyError) })
}

/// [`spawn`] for a future whose error is not (only) the SDK's.
pub(crate) use awaitable::spawn as spawn_with;
