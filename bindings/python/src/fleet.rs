//! Fleets from Python: the manifest argument (a path or a mapping), the `Plan` that wraps the
//! SDK's (values stay in Rust memory, never reachable from Python), the apply report and its
//! progress, and each operation once as a `'static` future that `Client` blocks on and
//! `AsyncClient` awaits.

use std::path::PathBuf;
use std::sync::Arc;

use codespaces_secrets::fleet::{self as sdk, ApplyOptions, Manifest, PlanOptions};
use codespaces_secrets::{Client, Error};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;

use crate::errors::PyError;
use crate::fleet_models::{Change, Notice, Totals};
use crate::fleet_report::{ApplyProgress, ApplyReport};
use crate::gil_gate::attach;

/// What `plan`, `check` and `apply` read a manifest from: a path (`str` or `os.PathLike`) to a
/// TOML file, or a mapping of the same shape (handed to the SDK as JSON).
pub(crate) fn manifest(obj: &Bound<'_, PyAny>) -> PyResult<Manifest> {
    let py = obj.py();
    let mapping = py.import("collections.abc")?.getattr("Mapping")?;
    if obj.is_instance(&mapping)? {
        let json = py.import("json")?.call_method1("dumps", (obj,));
        let json: String = json
            .and_then(|text| text.extract())
            .map_err(|e| invalid(format!("the manifest: {e}")))?;
        return Ok(Manifest::from_json_str(&json, "the manifest").map_err(PyError)?);
    }
    let path: PathBuf = obj.extract().map_err(|_| {
        PyTypeError::new_err("a manifest is a path (str or os.PathLike) or a mapping")
    })?;
    Ok(Manifest::from_file(path).map_err(PyError)?)
}

fn invalid(message: String) -> PyErr {
    PyError(Error::invalid_input("manifest", message)).into()
}

/// What `apply` carries out: a `Plan`, or a manifest planned first.
pub(crate) enum Target {
    Plan(Arc<sdk::Plan>),
    Manifest(Manifest),
}

pub(crate) fn target(obj: &Bound<'_, PyAny>) -> PyResult<Target> {
    match obj.cast::<Plan>() {
        Ok(plan) => Ok(Target::Plan(Arc::clone(&plan.get().0))),
        Err(_) => manifest(obj).map(Target::Manifest),
    }
}

/// The SDK's progress callback, calling `callback` with an `ApplyProgress`: on the event
/// loop's thread when there is one (`AsyncClient`), else on the calling thread. An exception
/// it raises cannot stop the apply (use `cancel`), so it goes to `sys.unraisablehook`.
pub(crate) fn progress(
    callback: Option<Py<PyAny>>,
    event_loop: Option<Py<PyAny>>,
) -> impl FnMut(sdk::ApplyProgress<'_>) + Send + 'static {
    move |p| {
        let Some(callback) = &callback else { return };
        attach(|py| {
            let arg = ApplyProgress::from(p);
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
    }
}

pub(crate) async fn plan(
    client: Client,
    manifest: Manifest,
    options: PlanOptions,
) -> Result<Plan, Error> {
    let plan = client.plan(&manifest, &options).await?;
    Ok(Plan(Arc::new(plan)))
}

pub(crate) async fn load_saved_plan(
    client: Client,
    path: PathBuf,
    options: PlanOptions,
) -> Result<Plan, Error> {
    let plan = client.load_saved_plan(path, &options).await?;
    Ok(Plan(Arc::new(plan)))
}

pub(crate) async fn apply(
    client: Client,
    target: Target,
    plan_options: PlanOptions,
    options: ApplyOptions,
    progress: impl FnMut(sdk::ApplyProgress<'_>) + Send,
) -> Result<ApplyReport, Error> {
    let plan = match target {
        Target::Plan(plan) => plan,
        Target::Manifest(manifest) => Arc::new(client.plan(&manifest, &plan_options).await?),
    };
    let report = client.apply(&plan, &options, progress).await?;
    Ok(ApplyReport(report))
}

/// A fleet plan: what would change where and why, warnings, errors and the cost. It holds the
/// values an apply needs in Rust memory only; no attribute, repr or JSON shows one.
#[pyclass(frozen, module = "codespaces_secrets.fleet")]
pub(crate) struct Plan(pub(crate) Arc<sdk::Plan>);

#[pymethods]
impl Plan {
    /// The plan format's version.
    #[getter]
    fn version(&self) -> u32 {
        self.0.summary.version
    }
    /// Per scope and name, in scope order.
    #[getter]
    fn changes(&self, py: Python<'_>) -> PyResult<Vec<Change>> {
        let changes = self.0.summary.changes.iter();
        changes.map(|c| Change::new(py, c)).collect()
    }
    /// What does not stop an apply (value lint, shadowing, ownership).
    #[getter]
    fn warnings(&self) -> Vec<Notice> {
        self.0.summary.warnings.iter().map(Notice::from).collect()
    }
    /// What stops an apply (a selector that matched nothing, a missing repository, a value
    /// source that failed); `apply` refuses such a plan before any request.
    #[getter]
    fn errors(&self) -> Vec<Notice> {
        self.0.summary.errors.iter().map(Notice::from).collect()
    }
    #[getter]
    fn totals(&self) -> Totals {
        Totals::from(&self.0.summary.totals)
    }
    /// Whether an apply would send anything (what `check` is for).
    #[getter]
    fn has_changes(&self) -> bool {
        self.0.summary.has_changes()
    }
    /// Saves the plan (0600) for `Client.load_saved_plan`: what it observed and keyed
    /// fingerprints, never a value. The plan must come from a manifest file, with a state or
    /// `fingerprints=True`.
    fn save(&self, path: PathBuf) -> Result<(), PyError> {
        Ok(self.0.save(path)?)
    }
    /// The plan as the CLI's `plan --json` prints it.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.0.summary)
            .map_err(|e| PyTypeError::new_err(format!("cannot encode the plan: {e}")))
    }
    /// The plan as an aligned table, then warnings, errors and totals.
    fn __str__(&self) -> String {
        self.0.summary.to_string()
    }
    fn __repr__(&self) -> String {
        let s = &self.0.summary;
        format!(
            "Plan(changes={}, writes={}, warnings={}, errors={})",
            s.changes.len(),
            s.totals.writes,
            s.warnings.len(),
            s.errors.len()
        )
    }
}
