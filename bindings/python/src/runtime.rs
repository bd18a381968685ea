//! One tokio runtime for the whole process: pyo3-async-runtimes' own, which drives
//! `AsyncClient`; `Client` blocks on the same one, so connections are shared.

use std::future::Future;
use std::time::Duration;

use pyo3::prelude::*;

use crate::errors::PyError;

/// How often a blocked call checks for Ctrl-C (only the main thread receives signals).
const SIGNAL_POLL: Duration = Duration::from_millis(100);

/// Runs `future` to completion with the GIL released, so other Python threads keep running.
/// A signal (Ctrl-C) on the main thread cancels it and raises, as a blocking call should.
pub(crate) fn wait<F, T>(py: Python<'_>, future: F) -> PyResult<T>
where
    F: Future<Output = Result<T, codespaces_secrets::Error>> + Send,
    T: Send,
{
    let outcome = py.detach(|| {
        pyo3_async_runtimes::tokio::get_runtime().block_on(async {
            tokio::select! {
                outcome = future => Ok(outcome),
                interrupt = interrupted() => Err(interrupt),
            }
        })
    })?;
    Ok(outcome.map_err(PyError)?)
}

/// Resolves when a signal handler raises (e.g. `KeyboardInterrupt`).
async fn interrupted() -> PyErr {
    loop {
        tokio::time::sleep(SIGNAL_POLL).await;
        if let Err(err) = Python::attach(|py| py.check_signals()) {
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
    pyo3_async_runtimes::tokio::future_into_py(
        py,
        async move { Ok(future.await.map_err(PyError)?) },
    )
}
