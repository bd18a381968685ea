//! A scope handle (`client.user`, `client.repo(o, r)`, `client.org(o)`): every operation as a
//! method returning a Promise, each one line of delegation to [`AnyScope`]. The bulk methods
//! (`setMany`, `sync`, `syncEnvFile`) are in `scope_bulk`.

use std::convert::identity;

use codespaces_secrets::AnyScope;
use napi::Env;
use napi::bindgen_prelude::{Buffer, Either, PromiseRaw};
use napi_derive::napi;

use crate::convert::all;
use crate::error::promise;
use crate::models::{PublicKey, Repository, SecretInfo, SetOptions, SetOutcome};
use crate::pairs::bytes;
use crate::stream::SecretStream;

/// The Codespaces secrets of one user, repository or organization. Every method returns a
/// Promise; bad input rejects with `INVALID_INPUT` before any request is sent.
#[napi]
pub struct Scope {
    pub(crate) inner: AnyScope,
}

impl Scope {
    pub(crate) fn new(inner: AnyScope) -> Self {
        Self { inner }
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

    /// Seals `value` to the scope's public key and stores it: `'created'` or `'updated'`. Only
    /// the value changes: without `options`, an existing organization secret keeps its
    /// visibility and selected repositories (read and sent again); a new one is `private`.
    #[napi]
    pub fn set<'env>(
        &self,
        env: &'env Env,
        name: String,
        value: Either<String, Buffer>,
        options: Option<SetOptions>,
    ) -> napi::Result<PromiseRaw<'env, SetOutcome>> {
        let s = self.inner.clone();
        let value = bytes(value);
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
