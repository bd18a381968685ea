//! `device_flow` (blocking, the GIL released while it waits) and `device_flow_async` (an asyncio
//! awaitable): the SDK's OAuth device flow with the code shown by a Python callback.

use codespaces_secrets::{CancelHandle, DeviceFlowOptions, Error};
use pyo3::prelude::*;
use pyo3::types::{PyCFunction, PyDict, PyTuple};
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::oneshot;

use crate::auth::{self, DeviceCode, DeviceLogin};
use crate::convert::{running_loop, seconds};
use crate::errors::PyError;
use crate::gil_gate::attach;
use crate::runtime::{self, wait_for};

/// Logs a user in with the OAuth device flow and returns the `DeviceLogin`; see the stub.
#[pyfunction]
#[pyo3(signature = (client_id, *, scopes=None, base_url=None, web_url=None, timeout=None,
    on_code=None, cancel=None))]
#[allow(clippy::too_many_arguments)] // Python keyword arguments, one per option
pub(crate) fn device_flow(
    py: Python<'_>,
    client_id: String,
    scopes: Option<Vec<String>>,
    base_url: Option<String>,
    web_url: Option<String>,
    timeout: Option<f64>,
    on_code: Option<Py<PyAny>>,
    cancel: Option<Bound<'_, auth::CancelHandle>>,
) -> PyResult<DeviceLogin> {
    let options = options(client_id, scopes, base_url, web_url, timeout)?;
    let show = Show {
        on_code,
        event_loop: None,
    };
    wait_for(py, login(options, show, handle(cancel)))
}

/// `device_flow` as an awaitable; `on_code` runs on the event loop's thread, and cancelling
/// the awaiting task cancels the login.
#[pyfunction]
#[pyo3(signature = (client_id, *, scopes=None, base_url=None, web_url=None, timeout=None,
    on_code=None, cancel=None))]
#[allow(clippy::too_many_arguments)] // Python keyword arguments, one per option
pub(crate) fn device_flow_async<'py>(
    py: Python<'py>,
    client_id: String,
    scopes: Option<Vec<String>>,
    base_url: Option<String>,
    web_url: Option<String>,
    timeout: Option<f64>,
    on_code: Option<Py<PyAny>>,
    cancel: Option<Bound<'py, auth::CancelHandle>>,
) -> PyResult<Bound<'py, PyAny>> {
    let options = options(client_id, scopes, base_url, web_url, timeout)?;
    let show = Show {
        on_code,
        event_loop: running_loop(py),
    };
    runtime::spawn_with(py, login(options, show, handle(cancel)))
}

fn options(
    client_id: String,
    scopes: Option<Vec<String>>,
    base_url: Option<String>,
    web_url: Option<String>,
    timeout: Option<f64>,
) -> Result<DeviceFlowOptions, PyError> {
    Ok(DeviceFlowOptions {
        client_id,
        scopes: scopes.unwrap_or_default(),
        base_url,
        web_url,
        timeout: seconds("timeout", timeout)?,
    })
}

fn handle(cancel: Option<Bound<'_, auth::CancelHandle>>) -> CancelHandle {
    cancel.map_or_else(CancelHandle::new, |c| c.get().0.clone())
}

/// How a login failed: in the SDK, or in the caller's `on_code` (which then ends the login).
pub(crate) enum LoginError {
    Sdk(Error),
    OnCode(PyErr),
}

impl From<LoginError> for PyErr {
    fn from(error: LoginError) -> Self {
        match error {
            LoginError::Sdk(error) => PyError(error).into(),
            LoginError::OnCode(error) => error,
        }
    }
}

/// The flow, ended early (its wait dropped, which cancels it) when `on_code` raises.
async fn login(
    options: DeviceFlowOptions,
    show: Show,
    cancel: CancelHandle,
) -> Result<DeviceLogin, LoginError> {
    let (raised_tx, raised_rx) = oneshot::channel();
    let on_code = move |code: &codespaces_secrets::DeviceCode| show.show(code, raised_tx);
    tokio::select! {
        login = codespaces_secrets::device_flow(options, on_code, &cancel) => {
            login.map(DeviceLogin).map_err(LoginError::Sdk)
        }
        Ok(raised) = raised_rx => Err(LoginError::OnCode(raised)),
    }
}

/// Shows the code: the caller's `on_code`, else a line on `sys.stderr`. With an event loop
/// (`device_flow_async`) on that loop's thread, else on the calling thread. What `on_code`
/// raises is sent to `raised`, which ends the login with it.
struct Show {
    on_code: Option<Py<PyAny>>,
    event_loop: Option<Py<PyAny>>,
}

type Raised = Arc<Mutex<Option<oneshot::Sender<PyErr>>>>;

impl Show {
    fn show(self, code: &codespaces_secrets::DeviceCode, raised: oneshot::Sender<PyErr>) {
        let raised: Raised = Arc::new(Mutex::new(Some(raised)));
        let code = code.clone();
        attach(move |py| {
            let shown = match self.event_loop {
                None => call(py, self.on_code.as_ref(), code),
                Some(event_loop) => {
                    let (on_code, slot) = (self.on_code, Arc::clone(&raised));
                    PyCFunction::new_closure(
                        py,
                        None,
                        None,
                        move |args: &Bound<'_, PyTuple>, _: Option<&Bound<'_, PyDict>>| {
                            if let Err(err) = call(args.py(), on_code.as_ref(), code.clone()) {
                                send(&slot, err);
                            }
                        },
                    )
                    .and_then(|callback| {
                        event_loop
                            .bind(py)
                            .call_method1("call_soon_threadsafe", (callback,))
                            .map(drop)
                    })
                }
            };
            if let Err(err) = shown {
                send(&raised, err);
            }
        });
    }
}

fn send(raised: &Raised, err: PyErr) {
    let sender = raised.lock().unwrap_or_else(PoisonError::into_inner).take();
    if let Some(sender) = sender {
        let _ = sender.send(err);
    }
}

/// Calls `on_code` with the code, or writes `Open URI and enter CODE` to `sys.stderr`.
fn call(
    py: Python<'_>,
    on_code: Option<&Py<PyAny>>,
    code: codespaces_secrets::DeviceCode,
) -> PyResult<()> {
    if let Some(on_code) = on_code {
        return on_code.bind(py).call1((DeviceCode(code),)).map(drop);
    }
    let stderr = py.import("sys")?.getattr("stderr")?;
    if stderr.is_none() {
        return Ok(()); // no console (pythonw)
    }
    let line = format!(
        "Open {} and enter {}\n",
        code.verification_uri, code.user_code
    );
    stderr.call_method1("write", (line,))?;
    stderr.call_method0("flush").map(drop)
}
