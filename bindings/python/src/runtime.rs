//! One tokio runtime for the whole process (pyo3-async-runtimes' own): `AsyncClient`'s
//! awaitables run on it and `Client` blocks on it, so connections are shared. Its threads take
//! the GIL only through [`attach`], which keeps them out of Python once the interpreter exits.

use std::future::Future;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use pyo3::prelude::*;

use crate::awaitable;
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

/// Runtime threads inside [`attach`] now, and whether the interpreter is exiting.
struct Gate {
    inside: usize,
    closed: bool,
}

static GATE: Mutex<Gate> = Mutex::new(Gate {
    inside: 0,
    closed: false,
});
static LEFT: Condvar = Condvar::new();

/// How long exiting waits for runtime threads to leave Python.
const EXIT_WAIT: Duration = Duration::from_secs(5);

fn gate() -> MutexGuard<'static, Gate> {
    GATE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Runs `f` with the GIL from a thread of the runtime (or any thread not holding it); `None`,
/// without running it, once the interpreter is exiting.
///
/// Why: a thread that takes the GIL while Python finalizes is ended by CPython with
/// `pthread_exit`, which unwinds through our frames and drops their Python objects without the
/// GIL while the main thread collects garbage: a crash at exit. So [`close`] (an `atexit` hook,
/// run before finalizing starts) waits for the threads inside to leave and lets no more in.
/// What `f` captures is dropped inside, with the GIL; what a refused `f` captures is dropped
/// without it, which pyo3 defers (and, once Python is gone, leaks).
pub(crate) fn attach<R>(f: impl FnOnce(Python<'_>) -> R) -> Option<R> {
    struct Leave;
    impl Drop for Leave {
        fn drop(&mut self) {
            gate().inside -= 1;
            LEFT.notify_all();
        }
    }
    {
        let mut gate = gate();
        if gate.closed {
            return None;
        }
        gate.inside += 1;
    }
    let _leave = Leave;
    Some(Python::attach(f))
}

/// The `atexit` hook: no thread of the runtime enters Python from now on, and those inside
/// leave before the interpreter finalizes (waiting with the GIL released, at most
/// [`EXIT_WAIT`]).
#[pyfunction]
fn close(py: Python<'_>) {
    gate().closed = true;
    py.detach(|| {
        let gate = gate();
        let _ = LEFT.wait_timeout_while(gate, EXIT_WAIT, |gate| gate.inside > 0);
    });
}

/// Registers [`close`] with `atexit`.
pub(crate) fn close_at_exit(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let hook = wrap_pyfunction!(close, m)?;
    m.py().import("atexit")?.call_method1("register", (hook,))?;
    Ok(())
}
