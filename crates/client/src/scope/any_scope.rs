//! One type for every scope, for callers that pick the scope at run time: the CLI and the
//! language bindings. Everything delegates to [`Secrets`]; nothing here adds behaviour.

use std::path::Path;

use chrono::{DateTime, Utc};
use codespaces_secrets_core::models::{MinimalRepository, OrgSecret, RepoSecret, UserSecret};
use codespaces_secrets_core::{PublicKey, Visibility};
use futures_util::stream::BoxStream;
use futures_util::{StreamExt, TryStreamExt};

use crate::Error;
use crate::input::{IntoSecretName, IntoSecretValue};
use crate::scope::bulk::{BulkReport, Progress};
use crate::scope::kind::{Org, Repo, User};
use crate::scope::options::{SetOptions, SetOutcome};
use crate::scope::secrets::Secrets;
use crate::sync::report::{SyncOptions, SyncReport};

/// A secret's metadata in any scope: the fields of the three models together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretInfo {
    /// The name, upper-case as GitHub stores it.
    pub name: String,
    /// When the secret was created.
    pub created_at: DateTime<Utc>,
    /// When the secret was last updated.
    pub updated_at: DateTime<Utc>,
    /// User and organization secrets: which repositories can use it.
    pub visibility: Option<Visibility>,
    /// User and organization secrets: where the selected repositories are listed.
    pub selected_repositories_url: Option<String>,
}

impl From<UserSecret> for SecretInfo {
    fn from(s: UserSecret) -> Self {
        Self {
            name: s.name,
            created_at: s.created_at,
            updated_at: s.updated_at,
            visibility: Some(s.visibility),
            selected_repositories_url: s.selected_repositories_url,
        }
    }
}

impl From<RepoSecret> for SecretInfo {
    fn from(s: RepoSecret) -> Self {
        Self {
            name: s.name,
            created_at: s.created_at,
            updated_at: s.updated_at,
            visibility: None,
            selected_repositories_url: None,
        }
    }
}

impl From<OrgSecret> for SecretInfo {
    fn from(s: OrgSecret) -> Self {
        Self {
            name: s.name,
            created_at: s.created_at,
            updated_at: s.updated_at,
            visibility: Some(s.visibility),
            selected_repositories_url: s.selected_repositories_url,
        }
    }
}

/// The secrets of a user, repository or organization, chosen at run time.
#[derive(Debug, Clone)]
pub enum AnyScope {
    /// The authenticated user's secrets.
    User(Secrets<User>),
    /// A repository's secrets.
    Repo(Secrets<Repo>),
    /// An organization's secrets.
    Org(Secrets<Org>),
}

impl From<Secrets<User>> for AnyScope {
    fn from(s: Secrets<User>) -> Self {
        Self::User(s)
    }
}

impl From<Secrets<Repo>> for AnyScope {
    fn from(s: Secrets<Repo>) -> Self {
        Self::Repo(s)
    }
}

impl From<Secrets<Org>> for AnyScope {
    fn from(s: Secrets<Org>) -> Self {
        Self::Org(s)
    }
}

/// Runs the same call on whichever scope this is.
macro_rules! each {
    ($self:expr, $s:ident => $call:expr) => {
        match $self {
            AnyScope::User($s) => $call,
            AnyScope::Repo($s) => $call,
            AnyScope::Org($s) => $call,
        }
    };
}

/// Runs a selected-repositories call, which repository secrets do not have.
macro_rules! selectable {
    ($self:expr, $s:ident => $call:expr) => {
        match $self {
            AnyScope::User($s) => $call,
            AnyScope::Org($s) => $call,
            AnyScope::Repo(_) => Err(Error::invalid_input(
                "scope",
                "repository secrets have no selected repositories; use a user or organization secret",
            )),
        }
    };
}

impl AnyScope {
    /// The scope as a path, e.g. `repos/octocat/hello-world`.
    pub fn scope(&self) -> String {
        each!(self, s => s.scope())
    }

    /// See [`Secrets::list`].
    pub async fn list(&self) -> Result<Vec<SecretInfo>, Error> {
        self.list_stream().try_collect().await
    }

    /// See [`Secrets::list_stream`].
    pub fn list_stream(&self) -> BoxStream<'static, Result<SecretInfo, Error>> {
        each!(self, s => s.list_stream().map_ok(SecretInfo::from).boxed())
    }

    /// See [`Secrets::public_key`].
    pub async fn public_key(&self) -> Result<PublicKey, Error> {
        each!(self, s => s.public_key().await)
    }

    /// See [`Secrets::get`].
    pub async fn get(&self, name: impl IntoSecretName) -> Result<SecretInfo, Error> {
        each!(self, s => s.get(name).await.map(SecretInfo::from))
    }

    /// See [`Secrets::set`] and [`Secrets::set_with`]; repository secrets accept only
    /// `SetOptions::default()`.
    pub async fn set(
        &self,
        name: impl IntoSecretName,
        value: impl IntoSecretValue,
        options: SetOptions,
    ) -> Result<SetOutcome, Error> {
        each!(self, s => s.set_checked(name, value, &options).await)
    }

    /// See [`Secrets::delete`].
    pub async fn delete(&self, name: impl IntoSecretName) -> Result<(), Error> {
        each!(self, s => s.delete(name).await)
    }

    /// See [`Secrets::set_many_with_progress`].
    pub async fn set_many<N, V>(
        &self,
        pairs: impl IntoIterator<Item = (N, V)>,
        progress: impl FnMut(Progress<'_>) + Send,
    ) -> Result<BulkReport, Error>
    where
        N: IntoSecretName,
        V: IntoSecretValue,
    {
        each!(self, s => s.set_many_with_progress(pairs, progress).await)
    }

    /// See [`Secrets::sync_with_progress`].
    pub async fn sync<N, V>(
        &self,
        pairs: impl IntoIterator<Item = (N, V)>,
        options: SyncOptions,
        progress: impl FnMut(Progress<'_>) + Send,
    ) -> Result<SyncReport, Error>
    where
        N: IntoSecretName,
        V: IntoSecretValue,
    {
        each!(self, s => s.sync_with_progress(pairs, options, progress).await)
    }

    /// See [`Secrets::sync_env_file_with_progress`].
    pub async fn sync_env_file(
        &self,
        path: impl AsRef<Path>,
        options: SyncOptions,
        progress: impl FnMut(Progress<'_>) + Send,
    ) -> Result<SyncReport, Error> {
        each!(self, s => s.sync_env_file_with_progress(path, options, progress).await)
    }

    /// See [`Secrets::repositories`].
    pub async fn repositories(
        &self,
        name: impl IntoSecretName,
    ) -> Result<Vec<MinimalRepository>, Error> {
        selectable!(self, s => s.repositories(name).await)
    }

    /// See [`Secrets::set_repositories`].
    pub async fn set_repositories(
        &self,
        name: impl IntoSecretName,
        ids: impl IntoIterator<Item = i64>,
    ) -> Result<(), Error> {
        selectable!(self, s => s.set_repositories(name, ids).await)
    }

    /// See [`Secrets::add_repository`].
    pub async fn add_repository(&self, name: impl IntoSecretName, id: i64) -> Result<(), Error> {
        selectable!(self, s => s.add_repository(name, id).await)
    }

    /// See [`Secrets::remove_repository`].
    pub async fn remove_repository(&self, name: impl IntoSecretName, id: i64) -> Result<(), Error> {
        selectable!(self, s => s.remove_repository(name, id).await)
    }
}
