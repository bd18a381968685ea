//! Rust futures as asyncio awaitables, run on the shared runtime. (In place of
//! pyo3-async-runtimes' `future_into_py`, whose result delivery takes the GIL on a runtime
//! thread however late the interpreter is in exiting; see [`attach`].)

use std::future::Future;

use pyo3::IntoPyObjectExt;
use pyo3::panic::PanicException;
use pyo3::prelude::*;
use pyo3::types::{PyCFunction, PyDict, PyTuple};
use tokio::task::JoinError;

use crate::gil_gate::attach;

/// An asyncio future on the running loop that `future`'s outcome resolves. Cancelling it (its
/// task cancelled) drops `future`.
pub(crate) fn spawn<F, T, E>(py: Python<'_>, future: F) -> PyResult<Bound<'_, PyAny>>
where
    F: Future<Output = Result<T, E>> + Send + 'static,
    T: for<'py> IntoPyObject<'py> + Send + 'static,
    E: Into<PyErr> + Send + 'static,
{
    let event_loop = pyo3_async_runtimes::tokio::get_current_loop(py)?;
    let awaitable = event_loop.call_method0("create_future")?;
    let tokio = pyo3_async_runtimes::tokio::get_runtime();
    let task = tokio.spawn(future);
    let abort = task.abort_handle();
    let on_done = move |args: &Bound<'_, PyTuple>, _: Option<&Bound<'_, PyDict>>| {
        if args.get_item(0)?.call_method0("cancelled")?.is_truthy()? {
            abort.abort();
        }
        PyResult::Ok(())
    };
    let on_done = PyCFunction::new_closure(py, None, None, on_done)?;
    awaitable.call_method1("add_done_callback", (on_done,))?;
    let target = (event_loop.unbind(), awaitable.clone().unbind());
    tokio.spawn(async move {
        let outcome = task.await;
        // Off the workers: taking the GIL may wait, and must not stall other tasks.
        tokio::task::spawn_blocking(move || {
            attach(move |py| deliver(py, target, outcome));
        });
    });
    Ok(awaitable)
}

/// Hands the outcome to the awaitable, on its loop's thread (`call_soon_threadsafe`).
fn deliver<T, E>(
    py: Python<'_>,
    (event_loop, awaitable): (Py<PyAny>, Py<PyAny>),
    outcome: Result<Result<T, E>, JoinError>,
) where
    T: for<'py> IntoPyObject<'py>,
    E: Into<PyErr>,
{
    let (method, value) = match outcome.map_err(panicked) {
        Err(None) => return, // cancelled from Python: nothing waits for it
        Ok(Ok(value)) => match value.into_py_any(py) {
            Ok(value) => ("set_result", value),
            Err(err) => ("set_exception", err.into_value(py).into_any()),
        },
        Ok(Err(err)) => ("set_exception", err.into().into_value(py).into_any()),
        Err(Some(err)) => ("set_exception", err.into_value(py).into_any()),
    };
    let resolved = wrap_pyfunction!(resolve, py).and_then(|resolve| {
        event_loop
            .bind(py)
            .call_method1("call_soon_threadsafe", (resolve, awaitable, method, value))
    });
    // A closed loop: whoever awaited is gone.
    drop(resolved);
}

/// A panic as the exception the awaitable raises; `None` for a task cancelled by Python.
fn panicked(error: JoinError) -> Option<PyErr> {
    let panic = error.try_into_panic().ok()?;
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned());
    Some(PanicException::new_err(message))
}

/// Sets the awaitable's result or exception unless it is already done (cancelled meanwhile).
#[pyfunction]
fn resolve(awaitable: &Bound<'_, PyAny>, method: &str, value: &Bound<'_, PyAny>) -> PyResult<()> {
    if !awaitable.call_method0("done")?.is_truthy()? {
        awaitable.call_method1(method, (value,))?;
    }
    Ok(())
}
