//! `plan`, `check`, `load_saved_plan` and `apply` on `Client` (blocking, the GIL released) and
//! `AsyncClient` (awaitables): arguments converted here, the work done by the futures in
//! `fleet`.

use std::path::PathBuf;

use codespaces_secrets::fleet::{ApplyOptions, PlanOptions};
use pyo3::prelude::*;

use crate::auth::CancelHandle;
use crate::client::{AsyncClient, Client};
use crate::convert::running_loop;
use crate::fleet::{self, Plan};
use crate::fleet_report::ApplyReport;
use crate::runtime::{spawn, wait};

fn plan_options(
    state: Option<PathBuf>,
    state_key_file: Option<PathBuf>,
    force: bool,
    fingerprints: bool,
    conditional_reads: Option<bool>,
) -> PlanOptions {
    PlanOptions {
        state,
        state_key_file,
        force,
        limits: None,
        fingerprints,
        conditional_reads,
    }
}

fn apply_options(
    plan: &PlanOptions,
    max_writes: Option<u64>,
    cancel: Option<PyRef<'_, CancelHandle>>,
) -> ApplyOptions {
    ApplyOptions {
        state: plan.state.clone(),
        state_key_file: plan.state_key_file.clone(),
        max_writes,
        limits: None,
        conditional_reads: plan.conditional_reads,
        cancel: cancel.map(|c| c.0.clone()),
    }
}

#[pymethods]
impl Client {
    /// Plans `manifest` (a TOML file's path, or a mapping of the same shape): reads every
    /// value once and every target scope, writes nothing (not even the state).
    #[pyo3(signature = (manifest, *, state=None, state_key_file=None, force=false, fingerprints=false,
        conditional_reads=None))]
    #[allow(clippy::too_many_arguments)] // Python keyword arguments, one per option
    fn plan(
        &self,
        py: Python<'_>,
        manifest: &Bound<'_, PyAny>,
        state: Option<PathBuf>,
        state_key_file: Option<PathBuf>,
        force: bool,
        fingerprints: bool,
        conditional_reads: Option<bool>,
    ) -> PyResult<Plan> {
        let options = plan_options(
            state,
            state_key_file,
            force,
            fingerprints,
            conditional_reads,
        );
        let manifest = fleet::manifest(manifest)?;
        wait(py, fleet::plan(self.0.clone(), manifest, options))
    }
    /// `plan` for schedulers: `plan.has_changes` says whether an apply would send anything.
    #[pyo3(signature = (manifest, *, state=None, state_key_file=None, force=false,
        conditional_reads=None))]
    fn check(
        &self,
        py: Python<'_>,
        manifest: &Bound<'_, PyAny>,
        state: Option<PathBuf>,
        state_key_file: Option<PathBuf>,
        force: bool,
        conditional_reads: Option<bool>,
    ) -> PyResult<Plan> {
        self.plan(
            py,
            manifest,
            state,
            state_key_file,
            force,
            false,
            conditional_reads,
        )
    }
    /// A plan saved by `Plan.save`, made again and refused (`InvalidInputError`) if a target
    /// or a value changed since.
    #[pyo3(signature = (path, *, state=None, state_key_file=None, force=false,
        conditional_reads=None))]
    fn load_saved_plan(
        &self,
        py: Python<'_>,
        path: PathBuf,
        state: Option<PathBuf>,
        state_key_file: Option<PathBuf>,
        force: bool,
        conditional_reads: Option<bool>,
    ) -> PyResult<Plan> {
        let options = plan_options(state, state_key_file, force, true, conditional_reads);
        wait(py, fleet::load_saved_plan(self.0.clone(), path, options))
    }
    /// Carries out a `Plan`, or plans a manifest and carries that out.
    #[pyo3(signature = (plan, *, state=None, state_key_file=None, force=false, max_writes=None,
        progress=None, cancel=None, conditional_reads=None))]
    #[allow(clippy::too_many_arguments)] // Python keyword arguments, one per option
    fn apply(
        &self,
        py: Python<'_>,
        plan: &Bound<'_, PyAny>,
        state: Option<PathBuf>,
        state_key_file: Option<PathBuf>,
        force: bool,
        max_writes: Option<u64>,
        progress: Option<Py<PyAny>>,
        cancel: Option<PyRef<'_, CancelHandle>>,
        conditional_reads: Option<bool>,
    ) -> PyResult<ApplyReport> {
        let target = fleet::target(plan)?;
        let plan_options = plan_options(state, state_key_file, force, false, conditional_reads);
        let options = apply_options(&plan_options, max_writes, cancel);
        let progress = fleet::progress(progress, None);
        let call = fleet::apply(self.0.clone(), target, plan_options, options, progress);
        wait(py, call)
    }
}

#[pymethods]
impl AsyncClient {
    /// As `Client.plan`, awaitable.
    #[pyo3(signature = (manifest, *, state=None, state_key_file=None, force=false, fingerprints=false,
        conditional_reads=None))]
    #[allow(clippy::too_many_arguments)] // Python keyword arguments, one per option
    fn plan<'py>(
        &self,
        py: Python<'py>,
        manifest: &Bound<'py, PyAny>,
        state: Option<PathBuf>,
        state_key_file: Option<PathBuf>,
        force: bool,
        fingerprints: bool,
        conditional_reads: Option<bool>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let options = plan_options(
            state,
            state_key_file,
            force,
            fingerprints,
            conditional_reads,
        );
        let manifest = fleet::manifest(manifest)?;
        spawn(py, fleet::plan(self.0.clone(), manifest, options))
    }
    /// As `Client.check`, awaitable.
    #[pyo3(signature = (manifest, *, state=None, state_key_file=None, force=false,
        conditional_reads=None))]
    fn check<'py>(
        &self,
        py: Python<'py>,
        manifest: &Bound<'py, PyAny>,
        state: Option<PathBuf>,
        state_key_file: Option<PathBuf>,
        force: bool,
        conditional_reads: Option<bool>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.plan(
            py,
            manifest,
            state,
            state_key_file,
            force,
            false,
            conditional_reads,
        )
    }
    /// As `Client.load_saved_plan`, awaitable.
    #[pyo3(signature = (path, *, state=None, state_key_file=None, force=false,
        conditional_reads=None))]
    fn load_saved_plan<'py>(
        &self,
        py: Python<'py>,
        path: PathBuf,
        state: Option<PathBuf>,
        state_key_file: Option<PathBuf>,
        force: bool,
        conditional_reads: Option<bool>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let options = plan_options(state, state_key_file, force, true, conditional_reads);
        spawn(py, fleet::load_saved_plan(self.0.clone(), path, options))
    }
    /// As `Client.apply`, awaitable; `progress` runs on the event loop's thread.
    #[pyo3(signature = (plan, *, state=None, state_key_file=None, force=false, max_writes=None,
        progress=None, cancel=None, conditional_reads=None))]
    #[allow(clippy::too_many_arguments)] // Python keyword arguments, one per option
    fn apply<'py>(
        &self,
        py: Python<'py>,
        plan: &Bound<'py, PyAny>,
        state: Option<PathBuf>,
        state_key_file: Option<PathBuf>,
        force: bool,
        max_writes: Option<u64>,
        progress: Option<Py<PyAny>>,
        cancel: Option<PyRef<'py, CancelHandle>>,
        conditional_reads: Option<bool>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let target = fleet::target(plan)?;
        let plan_options = plan_options(state, state_key_file, force, false, conditional_reads);
        let options = apply_options(&plan_options, max_writes, cancel);
        let progress = fleet::progress(progress, running_loop(py));
        let call = fleet::apply(self.0.clone(), target, plan_options, options, progress);
        spawn(py, call)
    }
}
