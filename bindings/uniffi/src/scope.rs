//! A scope handle (`client.user()`, `client.repo(o, r)`, `client.org(o)`): every operation as
//! a Kotlin `suspend fun` / Swift `async throws`, each one line of delegation to [`AnyScope`].
//!
//! The exported impl runs on tokio (`async_runtime = "tokio"`): the SDK's HTTP needs a reactor.

use std::sync::Arc;

use codespaces_secrets::AnyScope;

use crate::entry::{SecretEntry, pairs};
use crate::error::CodespacesSecretsError;
use crate::models::{PublicKey, Repository, SecretInfo, SetOptions, SetOutcome};
use crate::reports::{BulkReport, ProgressListener, report_to};
use crate::sync::{SyncOptions, SyncReport};

type Result<T> = std::result::Result<T, CodespacesSecretsError>;

/// The Codespaces secrets of one user, repository or organization. Bad input fails with
/// `InvalidInput` before any request is sent.
#[derive(uniffi::Object)]
pub struct Scope(AnyScope);

impl Scope {
    pub(crate) fn new(scope: impl Into<AnyScope>) -> Self {
        Self(scope.into())
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl Scope {
    /// The scope as an API path: `user`, `repos/{owner}/{repo}` or `orgs/{org}`.
    pub fn path(&self) -> String {
        self.0.scope()
    }

    /// Every secret of the scope, all pages.
    pub async fn list(&self) -> Result<Vec<SecretInfo>> {
        Ok(self.0.list().await?.into_iter().map(Into::into).collect())
    }

    /// The scope's public key (what `seal` needs).
    pub async fn public_key(&self) -> Result<PublicKey> {
        Ok(self.0.public_key().await?.into())
    }

    /// One secret's metadata; `NotFound` if it does not exist.
    pub async fn get(&self, name: String) -> Result<SecretInfo> {
        Ok(self.0.get(name).await?.into())
    }

    /// Seals `value` to the scope's public key and stores it. `options` are for user and
    /// organization secrets (visibility, selected repositories). Without them an update
    /// changes only the value: an organization secret keeps its visibility and selected
    /// repositories (read first, sent again), and a new one is `PRIVATE`. Repository ids
    /// without a visibility mean `SELECTED`.
    #[uniffi::method(default(options = None))]
    pub async fn set(
        &self,
        name: String,
        value: String,
        options: Option<SetOptions>,
    ) -> Result<SetOutcome> {
        let options = options.unwrap_or_default().into();
        Ok(self.0.set(name, value, options).await?.into())
    }

    /// [`Scope::set`] with a value that is not text.
    #[uniffi::method(default(options = None))]
    pub async fn set_bytes(
        &self,
        name: String,
        value: Vec<u8>,
        options: Option<SetOptions>,
    ) -> Result<SetOutcome> {
        let options = options.unwrap_or_default().into();
        Ok(self.0.set(name, value, options).await?.into())
    }

    /// Deletes a secret; `NotFound` if it does not exist.
    pub async fn delete(&self, name: String) -> Result<()> {
        Ok(self.0.delete(name).await?)
    }

    /// Sets many secrets, in the given order: checks every name and value first (one bad item,
    /// or a name given twice, fails the whole call before any request), fetches the key once,
    /// then writes each in turn. A failed item does not stop the others; the report lists every
    /// item. As with `set`, organization secrets keep their visibility and repositories.
    #[uniffi::method(default(progress = None))]
    pub async fn set_many(
        &self,
        secrets: Vec<Arc<SecretEntry>>,
        progress: Option<Arc<dyn ProgressListener>>,
    ) -> Result<BulkReport> {
        let report = self.0.set_many(pairs(&secrets), report_to(progress));
        Ok(report.await?.into())
    }

    /// Makes the scope's secrets match `secrets`, in their order: creates and updates what
    /// they name and, with `prune`, deletes the rest. Every entry is checked first (one bad
    /// entry fails the call before any request). With `SyncOptions(state = ...)` only new and
    /// changed values are written; a re-sync of unchanged secrets is one list request.
    /// Updates change only values: organization secrets keep their visibility and repositories.
    #[uniffi::method(default(options = None, progress = None))]
    pub async fn sync(
        &self,
        secrets: Vec<Arc<SecretEntry>>,
        options: Option<SyncOptions>,
        progress: Option<Arc<dyn ProgressListener>>,
    ) -> Result<SyncReport> {
        let options = options.unwrap_or_default().into();
        let report = self.0.sync(pairs(&secrets), options, report_to(progress));
        Ok(report.await?.into())
    }

    /// [`Scope::sync`] from a `.env` file, in file order. The whole file is checked before any
    /// request, and no error quotes a line.
    #[uniffi::method(default(options = None, progress = None))]
    pub async fn sync_env_file(
        &self,
        path: String,
        options: Option<SyncOptions>,
        progress: Option<Arc<dyn ProgressListener>>,
    ) -> Result<SyncReport> {
        let options = options.unwrap_or_default().into();
        let report = self.0.sync_env_file(path, options, report_to(progress));
        Ok(report.await?.into())
    }

    /// The repositories selected for a user or organization secret.
    pub async fn repositories(&self, name: String) -> Result<Vec<Repository>> {
        let repos = self.0.repositories(name).await?;
        Ok(repos.into_iter().map(Into::into).collect())
    }

    /// Replaces the repositories selected for a user or organization secret.
    pub async fn set_repositories(&self, name: String, repository_ids: Vec<i64>) -> Result<()> {
        Ok(self.0.set_repositories(name, repository_ids).await?)
    }

    /// Adds one repository to a user or organization secret (no change if already there).
    pub async fn add_repository(&self, name: String, repository_id: i64) -> Result<()> {
        Ok(self.0.add_repository(name, repository_id).await?)
    }

    /// Removes one repository from a user or organization secret (no change if absent).
    pub async fn remove_repository(&self, name: String, repository_id: i64) -> Result<()> {
        Ok(self.0.remove_repository(name, repository_id).await?)
    }
}
