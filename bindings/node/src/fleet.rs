//! Fleets on `Client`: `plan`, `check`, `loadSavedPlan` and `apply`, each converting its
//! arguments on the JavaScript thread and delegating to the SDK's fleet calls. A manifest is a
//! TOML file's path or an object of the same shape (handed to the SDK as `JSON.stringify`
//! writes it).

use std::sync::Arc;

use codespaces_secrets as sdk;
use codespaces_secrets::fleet::{self as fleet_sdk, Manifest};
use napi::bindgen_prelude::{
    ClassInstance, Either, Function, JsObjectValue, JsValue, Object, PromiseRaw, Unknown,
};
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::{Env, Status, ValueType};
use napi_derive::napi;

use crate::client::Client;
use crate::device_flow::follow;
use crate::error::promise;
use crate::fleet_models::Plan;
use crate::fleet_report::{ApplyProgress, ApplyReport};
use crate::login::CancelHandle;

/// How to plan (and, for `apply` of a manifest, to apply).
#[napi(object)]
#[derive(Default)]
pub struct PlanOptions {
    /// Path of the fleet's state file: what this package wrote where and for which manifest
    /// (keyed fingerprints, never values). Without one every existing value is written again
    /// (`untracked`) and nothing is owned, so nothing is pruned.
    pub state: Option<String>,
    /// Path of the state's key (default: `CODESPACES_SECRETS_STATE_KEY`, else `state.key` in
    /// the user's configuration directory).
    pub state_key_file: Option<String>,
    /// Write every value even when the state says it is in place.
    pub force: Option<bool>,
    /// Compute keyed fingerprints even without a state (a plan that will be `save`d).
    pub fingerprints: Option<bool>,
    /// Keep each list's ETag beside the state and send `If-None-Match`, so an unchanged list
    /// is a 304 that costs no rate limit (default: on with a state, off without one).
    pub conditional_reads: Option<bool>,
}

impl From<PlanOptions> for fleet_sdk::PlanOptions {
    fn from(o: PlanOptions) -> Self {
        Self {
            state: o.state.map(Into::into),
            state_key_file: o.state_key_file.map(Into::into),
            force: o.force.unwrap_or(false),
            limits: None,
            fingerprints: o.fingerprints.unwrap_or(false),
            conditional_reads: o.conditional_reads,
        }
    }
}

/// How to apply.
#[napi(object, object_to_js = false)]
#[derive(Default)]
pub struct ApplyOptions<'a> {
    /// The state file, saved after every write, so an interrupted apply resumes.
    pub state: Option<String>,
    /// Path of the state's key.
    pub state_key_file: Option<String>,
    /// For a manifest: plan it with `force`.
    pub force: Option<bool>,
    /// Stop after this many write requests; the next apply resumes.
    pub max_writes: Option<i64>,
    /// Conditional reads, as in `PlanOptions`.
    pub conditional_reads: Option<bool>,
    /// Stops the apply between two changes, the state saved (`report.cancelled`).
    pub cancel: Option<ClassInstance<'a, CancelHandle>>,
    /// Stops the apply when aborted, like `cancel`.
    #[napi(ts_type = "AbortSignal")]
    pub signal: Option<Object<'a>>,
}

/// The manifest an argument names: a path (a string) or a manifest object. Anything else is
/// `INVALID_INPUT`; so is an object `JSON.stringify` refuses.
fn manifest(env: &Env, value: Unknown<'_>) -> Result<Manifest, sdk::Error> {
    let invalid = |m: &str| sdk::Error::invalid_input("manifest", m.to_owned());
    match value.get_type() {
        Ok(ValueType::String) => {
            let path = text(value).map_err(|_| invalid("not a string"))?;
            Manifest::from_file(path)
        }
        Ok(ValueType::Object) => {
            let json = stringify(env, value)
                .map_err(|e| invalid(&format!("the manifest object: {}", e.reason)))?;
            Manifest::from_json_str(&json, "the manifest")
        }
        _ => Err(invalid(
            "expected a manifest file's path or a manifest object",
        )),
    }
}

fn text(value: Unknown<'_>) -> napi::Result<String> {
    value.coerce_to_string()?.into_utf8()?.into_owned()
}

/// `JSON.stringify(value)`.
fn stringify(env: &Env, value: Unknown<'_>) -> napi::Result<String> {
    let json: Object<'_> = env.get_global()?.get_named_property("JSON")?;
    let stringify: Function<'_, Unknown<'_>, String> = json.get_named_property("stringify")?;
    stringify.apply(json, value)
}

/// What `apply` carries out: a `Plan`, or a manifest planned first.
enum Target {
    Plan(Arc<fleet_sdk::Plan>),
    Manifest(Result<Manifest, sdk::Error>),
}

/// The SDK's progress callback, forwarding to the JavaScript one.
fn report_to(
    on_progress: Option<ThreadsafeFunction<ApplyProgress, (), ApplyProgress, Status, false>>,
) -> impl FnMut(fleet_sdk::ApplyProgress<'_>) + Send {
    move |p| {
        if let Some(callback) = &on_progress {
            callback.call(p.into(), ThreadsafeFunctionCallMode::NonBlocking);
        }
    }
}

#[napi]
impl Client {
    /// Plans a fleet manifest (a TOML file's path, or an object of the same shape): reads
    /// every value once and every target scope, writes nothing (not even the state). Rejects
    /// with `INVALID_INPUT` naming the key for a bad manifest (a literal value, a bad name).
    #[napi]
    pub fn plan<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string | FleetManifest")] manifest: Unknown<'_>,
        options: Option<PlanOptions>,
    ) -> napi::Result<PromiseRaw<'env, Plan>> {
        let client = self.inner.clone();
        let manifest = self::manifest(env, manifest);
        let options = fleet_sdk::PlanOptions::from(options.unwrap_or_default());
        let call = async move { client.plan(&manifest?, &options).await };
        promise(env, call, Plan::from)
    }

    /// `plan` for schedulers: `plan.hasChanges` says whether an apply would send anything.
    #[napi]
    pub fn check<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "string | FleetManifest")] manifest: Unknown<'_>,
        options: Option<PlanOptions>,
    ) -> napi::Result<PromiseRaw<'env, Plan>> {
        self.plan(env, manifest, options)
    }

    /// A plan `plan.save(path)` wrote, made again from its manifest; rejects with
    /// `INVALID_INPUT` (nothing sent) when a target or a value changed since, listing what.
    #[napi]
    pub fn load_saved_plan<'env>(
        &self,
        env: &'env Env,
        path: String,
        options: Option<PlanOptions>,
    ) -> napi::Result<PromiseRaw<'env, Plan>> {
        let client = self.inner.clone();
        let options = fleet_sdk::PlanOptions::from(options.unwrap_or_default());
        let call = async move { client.load_saved_plan(path, &options).await };
        promise(env, call, Plan::from)
    }

    /// Carries out a `Plan` made by this client, or plans a manifest (path or object) and
    /// carries that out. Writes one at a time within GitHub's limits (80 a minute, 500 an
    /// hour), saving `state` after each; a plan with errors rejects with `INVALID_INPUT` before
    /// any request. `onProgress` is called after each change and before a wait for a write
    /// window. `cancel` / `signal` stop it between two changes with the state saved.
    #[napi]
    pub fn apply<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "Plan | string | FleetManifest")] plan: Either<
            ClassInstance<'_, Plan>,
            Unknown<'_>,
        >,
        options: Option<ApplyOptions<'_>>,
        on_progress: Option<ThreadsafeFunction<ApplyProgress, (), ApplyProgress, Status, false>>,
    ) -> napi::Result<PromiseRaw<'env, ApplyReport>> {
        let target = match plan {
            Either::A(plan) => Target::Plan(Arc::clone(&plan.inner)),
            Either::B(value) => Target::Manifest(manifest(env, value)),
        };
        let o = options.unwrap_or_default();
        let cancel = o
            .cancel
            .as_ref()
            .map_or_else(sdk::CancelHandle::new, |handle| handle.inner.clone());
        if let Some(signal) = &o.signal {
            follow(env, signal, &cancel)?;
        }
        let max_writes = o.max_writes.map(u64::try_from).transpose().map_err(|_| {
            sdk::Error::invalid_input("maxWrites", "must be 0 or more write requests")
        });
        let plan_options = fleet_sdk::PlanOptions::from(PlanOptions {
            state: o.state,
            state_key_file: o.state_key_file,
            force: o.force,
            fingerprints: None,
            conditional_reads: o.conditional_reads,
        });
        let apply_options = fleet_sdk::ApplyOptions {
            state: plan_options.state.clone(),
            state_key_file: plan_options.state_key_file.clone(),
            max_writes: None,
            limits: None,
            conditional_reads: plan_options.conditional_reads,
            cancel: Some(cancel),
        };
        let progress = report_to(on_progress);
        let client = self.inner.clone();
        let call = async move {
            let plan = match target {
                Target::Plan(plan) => plan,
                Target::Manifest(manifest) => {
                    Arc::new(client.plan(&manifest?, &plan_options).await?)
                }
            };
            let options = fleet_sdk::ApplyOptions {
                max_writes: max_writes?,
                ..apply_options
            };
            client.apply(&plan, &options, progress).await
        };
        promise(env, call, ApplyReport::from)
    }
}

impl From<fleet_sdk::Plan> for Plan {
    fn from(plan: fleet_sdk::Plan) -> Self {
        Self {
            inner: Arc::new(plan),
        }
    }
}
