//! The bulk methods of a scope handle: `setMany`, `sync` and `syncEnvFile`, each converting its
//! arguments on the JavaScript thread and delegating to one [`AnyScope`] call.
//!
//! [`AnyScope`]: codespaces_secrets::AnyScope

use codespaces_secrets as sdk;
use napi::bindgen_prelude::{PromiseRaw, Unknown};
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::{Env, Status};
use napi_derive::napi;

use crate::error::promise;
use crate::models::{BulkReport, Progress};
use crate::pairs::entries;
use crate::scope::Scope;
use crate::sync_models::{SyncOptions, SyncReport};

/// The SDK's progress callback, forwarding to the JavaScript one (spelled out in signatures:
/// napi writes `index.d.ts` from them and does not follow type aliases).
fn report_to(
    on_progress: Option<ThreadsafeFunction<Progress, (), Progress, Status, false>>,
) -> impl FnMut(sdk::Progress<'_>) + Send {
    move |p| {
        if let Some(callback) = &on_progress {
            callback.call(p.into(), ThreadsafeFunctionCallMode::NonBlocking);
        }
    }
}

#[napi]
impl Scope {
    /// Sets many secrets (`{ NAME: value }` or a `Map`; values strings or `Buffer`s): checks
    /// every name and value first (one bad item rejects the whole call before any request),
    /// fetches the key once, then writes each in turn. Only values change: existing
    /// organization secrets keep their visibility and repositories (learned from one list).
    /// A failed item does not stop the others; the report lists every item.
    #[napi]
    pub fn set_many<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "Record<string, string | Buffer> | Map<string, string | Buffer>")]
        secrets: Unknown<'_>,
        on_progress: Option<ThreadsafeFunction<Progress, (), Progress, Status, false>>,
    ) -> napi::Result<PromiseRaw<'env, BulkReport>> {
        let s = self.inner.clone();
        let secrets = entries(env, secrets);
        let progress = report_to(on_progress);
        promise(
            env,
            async move { s.set_many(secrets?, progress).await },
            BulkReport::from,
        )
    }

    /// Makes the scope match `secrets` (`{ NAME: value }` or a `Map`, in order; values strings
    /// or `Buffer`s): creates and updates what they name and, with `prune`, deletes the rest.
    /// With `state`, values this package wrote that did not change since are not sent again.
    /// Every name and value is checked before any request. Only values change: organization
    /// secrets keep their visibility and selected repositories.
    #[napi]
    pub fn sync<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "Record<string, string | Buffer> | Map<string, string | Buffer>")]
        secrets: Unknown<'_>,
        options: Option<SyncOptions>,
        on_progress: Option<ThreadsafeFunction<Progress, (), Progress, Status, false>>,
    ) -> napi::Result<PromiseRaw<'env, SyncReport>> {
        let s = self.inner.clone();
        let secrets = entries(env, secrets);
        let options = options.unwrap_or_default().into();
        let progress = report_to(on_progress);
        let call = async move { s.sync(secrets?, options, progress).await };
        promise(env, call, SyncReport::from)
    }

    /// `sync` from a `.env` file: the whole file is checked before any request, and no error
    /// quotes a line.
    #[napi]
    pub fn sync_env_file<'env>(
        &self,
        env: &'env Env,
        path: String,
        options: Option<SyncOptions>,
        on_progress: Option<ThreadsafeFunction<Progress, (), Progress, Status, false>>,
    ) -> napi::Result<PromiseRaw<'env, SyncReport>> {
        let s = self.inner.clone();
        let options = options.unwrap_or_default().into();
        let progress = report_to(on_progress);
        let call = async move { s.sync_env_file(path, options, progress).await };
        promise(env, call, SyncReport::from)
    }
}
