//! Fleets on `Client`: `plan`, `check`, `loadSavedPlan`, `apply` (a plan) and
//! `applyManifest`, as `suspend fun` / `async throws`, each delegating to the SDK's fleet calls;
//! the options, the apply's progress listener and its report.

use std::sync::Arc;
use std::time::Duration;

use codespaces_secrets::fleet as sdk;

use crate::client::Client;
use crate::device_flow::CancelHandle;
use crate::error::CodespacesSecretsError;
use crate::fleet_manifest::ManifestSource;
use crate::fleet_models::{ChangeAction, Plan};
use crate::listener_error::ListenerError;

type Result<T> = std::result::Result<T, CodespacesSecretsError>;

/// How to plan. `PlanOptions()` plans without a state: every existing value counts as
/// untracked (written again) and nothing is owned, so nothing is pruned.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct PlanOptions {
    /// Path of the fleet's state file: what this library wrote where, for which manifest
    /// (keyed fingerprints, never values).
    #[uniffi(default)]
    pub state: Option<String>,
    /// Path of the state's key (default: `CODESPACES_SECRETS_STATE_KEY`, else a 0600 file in
    /// the user's config directory).
    #[uniffi(default)]
    pub state_key_file: Option<String>,
    /// Write every value even when the state says it is in place.
    #[uniffi(default)]
    pub force: bool,
    /// Compute keyed fingerprints even without a state (a plan that will be saved).
    #[uniffi(default)]
    pub fingerprints: bool,
    /// Keep each list's ETag beside the state and send `If-None-Match`, so an unchanged list
    /// is a 304 that costs no rate limit (null: on with a state, off without one).
    #[uniffi(default)]
    pub conditional_reads: Option<bool>,
}

impl From<PlanOptions> for sdk::PlanOptions {
    fn from(o: PlanOptions) -> Self {
        Self {
            state: o.state.map(Into::into),
            state_key_file: o.state_key_file.map(Into::into),
            force: o.force,
            limits: None,
            fingerprints: o.fingerprints,
            conditional_reads: o.conditional_reads,
        }
    }
}

/// How to apply. The state is saved after every write, so an interrupted apply resumes.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct ApplyOptions {
    /// The fleet's state file (as in `PlanOptions`).
    #[uniffi(default)]
    pub state: Option<String>,
    /// Path of the state's key.
    #[uniffi(default)]
    pub state_key_file: Option<String>,
    /// `applyManifest`: plan with `force`.
    #[uniffi(default)]
    pub force: bool,
    /// Stop after this many write requests; the next apply resumes.
    #[uniffi(default)]
    pub max_writes: Option<u64>,
    /// Conditional reads, as in `PlanOptions`.
    #[uniffi(default)]
    pub conditional_reads: Option<bool>,
}

/// Progress of an apply: after each change, and before a wait for GitHub's write limits.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ApplyProgress {
    /// Changes done (succeeded or failed).
    pub done: u32,
    /// Changes that write.
    pub total: u32,
    /// The scope of the change just done (or next, while waiting).
    pub scope: String,
    /// The secret's name.
    pub name: String,
    /// What was done.
    pub action: ChangeAction,
    /// Whether it succeeded (true while waiting).
    pub ok: bool,
    /// Set while waiting this long for a write window.
    pub waiting: Option<Duration>,
    /// Time left for the remaining writes at the limits.
    pub eta: Duration,
}

/// Told of an apply's progress, on the thread running it. Keep it quick; an exception it throws
/// is ignored (cancel with a `CancelHandle` instead).
#[uniffi::export(with_foreign)]
pub trait ApplyListener: Send + Sync {
    /// One more change is done, or a wait begins.
    fn on_progress(&self, progress: ApplyProgress) -> std::result::Result<(), ListenerError>;
}

/// What an apply did.
#[derive(Debug, Clone, uniffi::Record)]
pub struct ApplyReport {
    /// The changes attempted, in plan order.
    pub items: Vec<AppliedChange>,
    /// Write requests sent.
    pub writes: u64,
    /// Changes not attempted (`maxWrites` reached, or cancelled): the next apply does them.
    pub remaining: u64,
    /// The state could not be saved after a write, so the apply stopped there.
    pub state_error: Option<CodespacesSecretsError>,
    /// Whether the `CancelHandle` stopped the apply.
    pub cancelled: bool,
}

/// One attempted change.
#[derive(Debug, Clone, uniffi::Record)]
pub struct AppliedChange {
    /// The scope.
    pub scope: String,
    /// The secret.
    pub name: String,
    /// What was attempted.
    pub action: ChangeAction,
    /// Why it failed, if it did.
    pub error: Option<CodespacesSecretsError>,
}

impl From<sdk::ApplyReport> for ApplyReport {
    fn from(r: sdk::ApplyReport) -> Self {
        let item = |i: sdk::AppliedChange| AppliedChange {
            scope: i.scope,
            name: i.name,
            action: i.action.into(),
            error: i.error.map(Into::into),
        };
        Self {
            items: r.items.into_iter().map(item).collect(),
            writes: r.writes,
            remaining: r.remaining as u64,
            state_error: r.state_error.map(Into::into),
            cancelled: r.cancelled,
        }
    }
}

fn report_to(
    listener: Option<Arc<dyn ApplyListener>>,
) -> impl FnMut(sdk::ApplyProgress<'_>) + Send {
    move |p| {
        let Some(listener) = &listener else { return };
        let told = listener.on_progress(ApplyProgress {
            done: u32::try_from(p.done).unwrap_or(u32::MAX),
            total: u32::try_from(p.total).unwrap_or(u32::MAX),
            scope: p.scope.to_owned(),
            name: p.name.to_owned(),
            action: p.action.into(),
            ok: p.ok,
            waiting: p.waiting,
            eta: p.eta,
        });
        if let Err(e) = told {
            tracing::warn!(error = %e, "the apply listener threw; ignored");
        }
    }
}

fn apply_options(o: &ApplyOptions, cancel: Option<Arc<CancelHandle>>) -> sdk::ApplyOptions {
    sdk::ApplyOptions {
        state: o.state.clone().map(Into::into),
        state_key_file: o.state_key_file.clone().map(Into::into),
        max_writes: o.max_writes,
        limits: None,
        conditional_reads: o.conditional_reads,
        cancel: cancel.map(|c| c.0.clone()),
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl Client {
    /// Plans a fleet manifest: reads every value once and every target scope, writes nothing
    /// (not even the state). A bad manifest is `InvalidInput` naming the key.
    #[uniffi::method(default(options = None))]
    pub async fn plan(
        &self,
        manifest: ManifestSource,
        options: Option<PlanOptions>,
    ) -> Result<Arc<Plan>> {
        let manifest = manifest.load()?;
        let options = options.unwrap_or_default().into();
        Ok(Arc::new(Plan(self.0.plan(&manifest, &options).await?)))
    }

    /// `plan` for schedulers: `hasChanges()` says whether an apply would send anything.
    #[uniffi::method(default(options = None))]
    pub async fn check(
        &self,
        manifest: ManifestSource,
        options: Option<PlanOptions>,
    ) -> Result<Arc<Plan>> {
        self.plan(manifest, options).await
    }

    /// A plan `Plan.save` wrote, made again from its manifest; `InvalidInput` (nothing sent)
    /// when a target or a value changed since, listing what.
    #[uniffi::method(default(options = None))]
    pub async fn load_saved_plan(
        &self,
        path: String,
        options: Option<PlanOptions>,
    ) -> Result<Arc<Plan>> {
        let options = options.unwrap_or_default().into();
        Ok(Arc::new(Plan(
            self.0.load_saved_plan(path, &options).await?,
        )))
    }

    /// Carries out a plan made by this client: writes one at a time within GitHub's limits (80
    /// a minute, 500 an hour), saving the state after each; a plan with errors is refused
    /// (`InvalidInput`) before any request. `cancel` stops it between two changes with the
    /// state saved (`report.cancelled`); cancelling the coroutine or task drops it at once.
    #[uniffi::method(default(options = None, listener = None, cancel = None))]
    pub async fn apply(
        &self,
        plan: Arc<Plan>,
        options: Option<ApplyOptions>,
        listener: Option<Arc<dyn ApplyListener>>,
        cancel: Option<Arc<CancelHandle>>,
    ) -> Result<ApplyReport> {
        let options = apply_options(&options.unwrap_or_default(), cancel);
        let report = self.0.apply(&plan.0, &options, report_to(listener)).await?;
        Ok(report.into())
    }

    /// Plans `manifest` and carries the plan out, as `plan` then `apply`.
    #[uniffi::method(default(options = None, listener = None, cancel = None))]
    pub async fn apply_manifest(
        &self,
        manifest: ManifestSource,
        options: Option<ApplyOptions>,
        listener: Option<Arc<dyn ApplyListener>>,
        cancel: Option<Arc<CancelHandle>>,
    ) -> Result<ApplyReport> {
        let options = options.unwrap_or_default();
        let plan_options = PlanOptions {
            state: options.state.clone(),
            state_key_file: options.state_key_file.clone(),
            force: options.force,
            fingerprints: false,
            conditional_reads: options.conditional_reads,
        };
        let plan = self.plan(manifest, Some(plan_options)).await?;
        self.apply(plan, Some(options), listener, cancel).await
    }
}
