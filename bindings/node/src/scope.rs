//! A scope handle (`client.user`, `client.repo(o, r)`, `client.org(o)`): every operation as a
//! method returning a Promise, each one line of delegation to [`AnyScope`].

use std::convert::identity;

use codespaces_secrets::{self as sdk, AnyScope};
use indexmap::IndexMap;
use napi::bindgen_prelude::{Buffer, Either, PromiseRaw};
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::{Env, Status};
use napi_derive::napi;

use crate::convert::all;
use crate::error::promise;
use crate::models::{
    BulkReport, Progress, PublicKey, Repository, SecretInfo, SetOptions, SetOutcome, SyncOptions,
    SyncReport,
};
use crate::stream::SecretStream;

/// The Codespaces secrets of one user, repository or organization. Every method returns a
/// Promise; bad input rejects with `INVALID_INPUT` before any request is sent.
#[napi]
pub struct Scope {
    inner: AnyScope,
}

impl Scope {
    pub(crate) fn new(inner: AnyScope) -> Self {
        Self { inner }
    }
}

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
    /// The scope as an API path: `user`, `repos/{owner}/{repo}` or `orgs/{org}`.
    #[napi(getter)]
    pub fn path(&self) -> String {
        self.inner.scope()
    }

    /// Every secret of the scope, all pages.
    #[napi]
    pub fn list<'env>(&self, env: &'env Env) -> napi::Result<PromiseRaw<'env, Vec<SecretInfo>>> {
        let s = self.inner.clone();
        promise(env, async move { s.list().await }, all)
    }

    /// The secrets one by one, a page fetched when needed: `for await (const s of scope.listStream())`.
    #[napi]
    pub fn list_stream(&self) -> SecretStream {
        SecretStream::new(self.inner.list_stream())
    }

    /// The scope's public key (what `seal` needs).
    #[napi]
    pub fn public_key<'env>(&self, env: &'env Env) -> napi::Result<PromiseRaw<'env, PublicKey>> {
        let s = self.inner.clone();
        promise(env, async move { s.public_key().await }, PublicKey::from)
    }

    /// One secret's metadata; rejects with `NOT_FOUND` if it does not exist.
    #[napi]
    pub fn get<'env>(
        &self,
        env: &'env Env,
        name: String,
    ) -> napi::Result<PromiseRaw<'env, SecretInfo>> {
        let s = self.inner.clone();
        promise(env, async move { s.get(name).await }, SecretInfo::from)
    }

    /// Seals `value` to the scope's public key and stores it: `'created'` or `'updated'`.
    #[napi]
    pub fn set<'env>(
        &self,
        env: &'env Env,
        name: String,
        value: Either<String, Buffer>,
        options: Option<SetOptions>,
    ) -> napi::Result<PromiseRaw<'env, SetOutcome>> {
        let s = self.inner.clone();
        let value = match value {
            Either::A(text) => text.into_bytes(),
            Either::B(bytes) => bytes.to_vec(),
        };
        let options = options.unwrap_or_default().into();
        promise(
            env,
            async move { s.set(name, value, options).await },
            SetOutcome::from,
        )
    }

    /// Deletes a secret; rejects with `NOT_FOUND` if it does not exist.
    #[napi(ts_return_type = "Promise<void>")]
    pub fn delete<'env>(&self, env: &'env Env, name: String) -> napi::Result<PromiseRaw<'env, ()>> {
        let s = self.inner.clone();
        promise(env, async move { s.delete(name).await }, identity)
    }

    /// Sets many secrets: checks every name and value first (one bad item rejects the whole
    /// call before any request), fetches the key once, then writes each in turn. A failed item
    /// does not stop the others; the report lists every item.
    #[napi]
    pub fn set_many<'env>(
        &self,
        env: &'env Env,
        secrets: IndexMap<String, String>,
        on_progress: Option<ThreadsafeFunction<Progress, (), Progress, Status, false>>,
    ) -> napi::Result<PromiseRaw<'env, BulkReport>> {
        let s = self.inner.clone();
        let progress = report_to(on_progress);
        promise(
            env,
            async move { s.set_many(secrets, progress).await },
            BulkReport::from,
        )
    }

    /// Makes the scope match a `.env` file: creates and updates what it names and, with
    /// `prune`, deletes the rest. The whole file is checked before any request.
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

    /// The repositories selected for a user or organization secret.
    #[napi]
    pub fn repositories<'env>(
        &self,
        env: &'env Env,
        name: String,
    ) -> napi::Result<PromiseRaw<'env, Vec<Repository>>> {
        let s = self.inner.clone();
        promise(env, async move { s.repositories(name).await }, all)
    }

    /// Replaces the repositories selected for a user or organization secret.
    #[napi(ts_return_type = "Promise<void>")]
    pub fn set_repositories<'env>(
        &self,
        env: &'env Env,
        name: String,
        ids: Vec<i64>,
    ) -> napi::Result<PromiseRaw<'env, ()>> {
        let s = self.inner.clone();
        promise(
            env,
            async move { s.set_repositories(name, ids).await },
            identity,
        )
    }

    /// Adds one repository to a user or organization secret's selection.
    #[napi(ts_return_type = "Promise<void>")]
    pub fn add_repository<'env>(
        &self,
        env: &'env Env,
        name: String,
        id: i64,
    ) -> napi::Result<PromiseRaw<'env, ()>> {
        let s = self.inner.clone();
        promise(
            env,
            async move { s.add_repository(name, id).await },
            identity,
        )
    }

    /// Removes one repository from a user or organization secret's selection.
    #[napi(ts_return_type = "Promise<void>")]
    pub fn remove_repository<'env>(
        &self,
        env: &'env Env,
        name: String,
        id: i64,
    ) -> napi::Result<PromiseRaw<'env, ()>> {
        let s = self.inner.clone();
        promise(
            env,
            async move { s.remove_repository(name, id).await },
            identity,
        )
    }
}
