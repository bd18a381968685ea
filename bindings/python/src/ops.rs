//! Each operation once, as a `'static` future over owned arguments with Python-class results:
//! `Scope` blocks on these, `AsyncScope` hands them to asyncio.

use std::path::PathBuf;
use std::sync::Arc;

use codespaces_secrets::{AnyScope, Error, SetOptions, SyncOptions};
use futures_util::StreamExt;
use futures_util::stream::BoxStream;
use tokio::sync::Mutex;

use crate::convert::{Plaintext, ProgressFn};
use crate::enums::SetOutcome;
use crate::models::{PublicKey, Repository, Secret};
use crate::reports::{BulkReport, SyncReport};

pub(crate) async fn list(scope: AnyScope) -> Result<Vec<Secret>, Error> {
    Ok(scope.list().await?.into_iter().map(Secret).collect())
}

/// A scope's secrets as a stream, shared by the iterator object that Python holds; the lock is
/// async so a waiting `__next__` never holds a thread (or the GIL).
pub(crate) type SecretStream = Arc<Mutex<BoxStream<'static, Result<Secret, Error>>>>;

/// The secrets as a stream, one page requested at a time.
pub(crate) fn stream(scope: &AnyScope) -> SecretStream {
    Arc::new(Mutex::new(
        scope.list_stream().map(|item| item.map(Secret)).boxed(),
    ))
}

pub(crate) async fn public_key(scope: AnyScope) -> Result<PublicKey, Error> {
    scope.public_key().await.map(PublicKey)
}

pub(crate) async fn get(scope: AnyScope, name: String) -> Result<Secret, Error> {
    scope.get(name).await.map(Secret)
}

pub(crate) async fn set(
    scope: AnyScope,
    name: String,
    value: Plaintext,
    options: SetOptions,
) -> Result<SetOutcome, Error> {
    scope.set(name, value, options).await.map(SetOutcome::from)
}

pub(crate) async fn delete(scope: AnyScope, name: String) -> Result<(), Error> {
    scope.delete(name).await
}

pub(crate) async fn set_many(
    scope: AnyScope,
    pairs: Vec<(String, Plaintext)>,
    progress: ProgressFn,
) -> Result<BulkReport, Error> {
    scope.set_many(pairs, progress).await.map(BulkReport)
}

pub(crate) async fn sync(
    scope: AnyScope,
    pairs: Vec<(String, Plaintext)>,
    options: SyncOptions,
    progress: ProgressFn,
) -> Result<SyncReport, Error> {
    scope.sync(pairs, options, progress).await.map(SyncReport)
}

pub(crate) async fn sync_env_file(
    scope: AnyScope,
    path: PathBuf,
    options: SyncOptions,
    progress: ProgressFn,
) -> Result<SyncReport, Error> {
    let report = scope.sync_env_file(path, options, progress).await?;
    Ok(SyncReport(report))
}

pub(crate) async fn repositories(scope: AnyScope, name: String) -> Result<Vec<Repository>, Error> {
    Ok(scope
        .repositories(name)
        .await?
        .into_iter()
        .map(Repository)
        .collect())
}

pub(crate) async fn set_repositories(
    scope: AnyScope,
    name: String,
    ids: Vec<i64>,
) -> Result<(), Error> {
    scope.set_repositories(name, ids).await
}

pub(crate) async fn add_repository(scope: AnyScope, name: String, id: i64) -> Result<(), Error> {
    scope.add_repository(name, id).await
}

pub(crate) async fn remove_repository(scope: AnyScope, name: String, id: i64) -> Result<(), Error> {
    scope.remove_repository(name, id).await
}
