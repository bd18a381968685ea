//! The gate between the runtime's threads and Python: they take the GIL only through
//! [`attach`], which shuts once the interpreter starts exiting, so no thread enters Python
//! while it finalizes.

use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use pyo3::prelude::*;

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
