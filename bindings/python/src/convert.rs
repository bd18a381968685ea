//! Python arguments into the SDK's types.

use std::path::PathBuf;
use std::time::Duration;

use codespaces_secrets::{Error, IntoSecretValue, SecretValue, SetOptions, SyncOptions};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use zeroize::Zeroizing;

use crate::enums::Visibility;
use crate::errors::PyError;
use crate::gil_gate::attach;
use crate::reports::Progress;

/// A secret's plaintext as Python holds it: `str` (sent as UTF-8) or `bytes`, copied once into a
/// buffer that is wiped when dropped; the SDK checks the size and takes the buffer over.
pub(crate) struct Plaintext(Zeroizing<Vec<u8>>);

impl<'py> FromPyObject<'_, 'py> for Plaintext {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        let obj = obj.to_owned();
        if let Ok(text) = obj.cast::<PyString>() {
            return Ok(Self(Zeroizing::new(text.to_cow()?.as_bytes().to_vec())));
        }
        if let Ok(bytes) = obj.cast::<PyBytes>() {
            return Ok(Self(Zeroizing::new(bytes.as_bytes().to_vec())));
        }
        Err(PyTypeError::new_err("a secret value must be str or bytes"))
    }
}

impl IntoSecretValue for Plaintext {
    fn into_secret_value(mut self) -> Result<SecretValue, Error> {
        // Moves the allocation itself (no copy left behind) into the SDK's zeroizing value.
        Ok(SecretValue::new(std::mem::take(&mut *self.0))?)
    }
}

/// `set_many`'s and `sync`'s pairs, in the caller's order: a mapping of names to values, or an iterable of `(name, value)` pairs.
pub(crate) fn pairs(obj: &Bound<'_, PyAny>) -> PyResult<Vec<(String, Plaintext)>> {
    let items = match obj.hasattr("items")? {
        true => obj.call_method0("items")?,
        false => obj.clone(),
    };
    items.try_iter()?.map(|item| item?.extract()).collect()
}

/// `visibility=`: a `Visibility` or its name (`"all"`, `"private"`, `"selected"`).
#[derive(FromPyObject)]
pub(crate) enum VisibilityArg {
    Enum(Visibility),
    Text(String),
}

/// `set`'s keyword options.
pub(crate) fn set_options(
    visibility: Option<VisibilityArg>,
    selected_repository_ids: Option<Vec<i64>>,
) -> Result<SetOptions, PyError> {
    let visibility = match visibility {
        None => None,
        Some(VisibilityArg::Enum(v)) => Some(v.into()),
        Some(VisibilityArg::Text(text)) => Some(text.parse().map_err(
            |e: codespaces_secrets::models::ParseVisibilityError| {
                Error::invalid_input("visibility", e.to_string())
            },
        )?),
    };
    Ok(SetOptions {
        visibility,
        selected_repository_ids,
    })
}

/// The keyword options of `sync` and `sync_env_file`.
pub(crate) fn sync_options(
    dry_run: bool,
    prune: bool,
    state: Option<PathBuf>,
    force: bool,
    state_key_file: Option<PathBuf>,
) -> SyncOptions {
    SyncOptions {
        dry_run,
        prune,
        state,
        state_key_file,
        force,
    }
}

/// Seconds as Python passes them (`float`), refusing negative, infinite and NaN values.
pub(crate) fn seconds(
    field: &'static str,
    value: Option<f64>,
) -> Result<Option<Duration>, PyError> {
    value
        .map(|secs| {
            Duration::try_from_secs_f64(secs).map_err(|_| {
                PyError(Error::invalid_input(
                    field,
                    format!("{secs} is not a non-negative number of seconds"),
                ))
            })
        })
        .transpose()
}

/// A progress callback, boxed so every operation takes the same type.
pub(crate) type ProgressFn = Box<dyn FnMut(codespaces_secrets::Progress<'_>) + Send>;

/// A progress callback for the SDK. With an event loop (`AsyncClient`), the callback runs on
/// that loop's thread via `call_soon_threadsafe`; otherwise on the calling thread. An exception
/// it raises cannot stop the operation, so it goes to `sys.unraisablehook`.
pub(crate) fn progress(callback: Option<Py<PyAny>>, event_loop: Option<Py<PyAny>>) -> ProgressFn {
    Box::new(move |p| {
        let Some(callback) = &callback else { return };
        attach(|py| {
            let arg = Progress::from(p);
            let called = match &event_loop {
                Some(event_loop) => event_loop
                    .bind(py)
                    .call_method1("call_soon_threadsafe", (callback, arg)),
                None => callback.bind(py).call1((arg,)),
            };
            if let Err(err) = called {
                err.write_unraisable(py, Some(callback.bind(py)));
            }
        });
    })
}

/// The running asyncio loop, where `AsyncScope` runs progress callbacks.
pub(crate) fn running_loop(py: Python<'_>) -> Option<Py<PyAny>> {
    pyo3_async_runtimes::tokio::get_current_loop(py)
        .ok()
        .map(Bound::unbind)
}
