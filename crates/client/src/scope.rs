//! Scope handles: the same operations for user, repository and organization secrets.

use std::marker::PhantomData;

use codespaces_secrets_core::models::{
    CodespacesPublicKey, CreateOrUpdateSecretBody, MinimalRepository, OrgSecret, RepoSecret,
    RepositoryList, SecretList, SelectedRepositoriesBody, UserSecret,
};
use codespaces_secrets_core::{PublicKey, SecretName, SecretValue, Visibility};
use codespaces_secrets_transport::{ApiRequest, Method};
use futures_util::TryStreamExt;
use futures_util::stream::BoxStream;
use serde::de::DeserializeOwned;

use crate::input::{IntoSecretName, IntoSecretValue};
use crate::options::{SetOptions, SetOutcome, check_repository_ids};
use crate::{Client, Error};

mod private {
    pub trait Sealed {}
}

/// The GitHub operation names of one scope, used in errors and trace spans.
#[doc(hidden)]
#[derive(Debug)]
pub struct SecretOperations {
    pub list: &'static str,
    pub public_key: &'static str,
    pub get: &'static str,
    pub put: &'static str,
    pub delete: &'static str,
}

/// The operation names of the selected-repositories endpoints.
#[doc(hidden)]
#[derive(Debug)]
pub struct RepositoryOperations {
    pub list: &'static str,
    pub set: &'static str,
    pub add: &'static str,
    pub remove: &'static str,
}

/// What every scope's secret model has in common.
pub trait SecretModel {
    /// The secret's name, as GitHub returned it.
    fn name(&self) -> &str;
}

impl SecretModel for UserSecret {
    fn name(&self) -> &str {
        &self.name
    }
}

impl SecretModel for RepoSecret {
    fn name(&self) -> &str {
        &self.name
    }
}

impl SecretModel for OrgSecret {
    fn name(&self) -> &str {
        &self.name
    }
}

/// A kind of scope: [`User`], [`Repo`] or [`Org`]. Decides the secret model and the options
/// `set` accepts.
pub trait ScopeKind: private::Sealed + Send + Sync + 'static {
    /// The secret model this scope's endpoints return.
    type Secret: DeserializeOwned + SecretModel + Send + 'static;
    #[doc(hidden)]
    const OPERATIONS: SecretOperations;
    /// Checks `set` options for this scope and fills in GitHub's required defaults.
    #[doc(hidden)]
    fn prepare_options(options: &SetOptions) -> Result<SetOptions, Error>;
}

/// Scopes whose secrets have a list of selected repositories: [`User`] and [`Org`].
pub trait SelectableScope: ScopeKind {
    #[doc(hidden)]
    const REPOSITORY_OPERATIONS: RepositoryOperations;
    /// Whether the selected-repositories list is paged (organization) or not (user).
    #[doc(hidden)]
    const PAGED_REPOSITORIES: bool;
}

/// The authenticated user's secrets.
#[derive(Debug)]
pub struct User;
/// A repository's secrets.
#[derive(Debug)]
pub struct Repo;
/// An organization's secrets.
#[derive(Debug)]
pub struct Org;

impl private::Sealed for User {}
impl private::Sealed for Repo {}
impl private::Sealed for Org {}

impl ScopeKind for User {
    type Secret = UserSecret;
    const OPERATIONS: SecretOperations = SecretOperations {
        list: "list-secrets-for-authenticated-user",
        public_key: "get-public-key-for-authenticated-user",
        get: "get-secret-for-authenticated-user",
        put: "create-or-update-secret-for-authenticated-user",
        delete: "delete-secret-for-authenticated-user",
    };
    fn prepare_options(options: &SetOptions) -> Result<SetOptions, Error> {
        if options.visibility.is_some() {
            return Err(Error::invalid_input(
                "visibility",
                "user secrets have no visibility setting; choose repositories with `repositories`",
            ));
        }
        check_repository_ids(
            options
                .selected_repository_ids
                .as_deref()
                .unwrap_or_default(),
        )?;
        Ok(options.clone())
    }
}

impl SelectableScope for User {
    const REPOSITORY_OPERATIONS: RepositoryOperations = RepositoryOperations {
        list: "list-repositories-for-secret-for-authenticated-user",
        set: "set-repositories-for-secret-for-authenticated-user",
        add: "add-repository-for-secret-for-authenticated-user",
        remove: "remove-repository-for-secret-for-authenticated-user",
    };
    const PAGED_REPOSITORIES: bool = false;
}

impl ScopeKind for Repo {
    type Secret = RepoSecret;
    const OPERATIONS: SecretOperations = SecretOperations {
        list: "list-repo-secrets",
        public_key: "get-repo-public-key",
        get: "get-repo-secret",
        put: "create-or-update-repo-secret",
        delete: "delete-repo-secret",
    };
    fn prepare_options(options: &SetOptions) -> Result<SetOptions, Error> {
        if *options != SetOptions::default() {
            return Err(Error::invalid_input(
                "options",
                "repository secrets take no visibility or repository list",
            ));
        }
        Ok(SetOptions::default())
    }
}

impl ScopeKind for Org {
    type Secret = OrgSecret;
    const OPERATIONS: SecretOperations = SecretOperations {
        list: "list-org-secrets",
        public_key: "get-org-public-key",
        get: "get-org-secret",
        put: "create-or-update-org-secret",
        delete: "delete-org-secret",
    };
    fn prepare_options(options: &SetOptions) -> Result<SetOptions, Error> {
        let visibility = options.visibility.unwrap_or(Visibility::Private);
        if let Some(ids) = &options.selected_repository_ids {
            if visibility != Visibility::Selected {
                return Err(Error::invalid_input(
                    "selected_repository_ids",
                    format!("a repository list needs visibility `selected`, not `{visibility}`"),
                ));
            }
            check_repository_ids(ids)?;
        }
        Ok(SetOptions {
            visibility: Some(visibility),
            selected_repository_ids: options.selected_repository_ids.clone(),
        })
    }
}

impl SelectableScope for Org {
    const REPOSITORY_OPERATIONS: RepositoryOperations = RepositoryOperations {
        list: "list-selected-repos-for-org-secret",
        set: "set-selected-repos-for-org-secret",
        add: "add-selected-repo-to-org-secret",
        remove: "remove-selected-repo-from-org-secret",
    };
    const PAGED_REPOSITORIES: bool = true;
}

/// The secrets of one scope. Get one from [`Client::user`], [`Client::repo`] or [`Client::org`].
pub struct Secrets<K> {
    pub(crate) client: Client,
    /// `["user"]`, `["repos", owner, repo]` or `["orgs", org]`.
    prefix: Vec<String>,
    kind: PhantomData<fn() -> K>,
}

impl<K> Clone for Secrets<K> {
    fn clone(&self) -> Self {
        Self {
            client: self.client.clone(),
            prefix: self.prefix.clone(),
            kind: PhantomData,
        }
    }
}

impl<K> std::fmt::Debug for Secrets<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Secrets")
            .field("scope", &self.prefix.join("/"))
            .finish()
    }
}

impl<K: ScopeKind> Secrets<K> {
    pub(crate) fn new(client: Client, prefix: Vec<String>) -> Self {
        Self {
            client,
            prefix,
            kind: PhantomData,
        }
    }

    /// The scope as a path, e.g. `repos/octocat/hello-world`.
    pub fn scope(&self) -> String {
        self.prefix.join("/")
    }

    /// Every secret in the scope (all pages).
    ///
    /// ```no_run
    /// # async fn run(client: codespaces_secrets::Client) -> codespaces_secrets::Result<()> {
    /// for secret in client.repo("octocat", "hello-world").list().await? {
    ///     println!("{}", secret.name);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn list(&self) -> Result<Vec<K::Secret>, Error> {
        self.list_stream().try_collect().await
    }

    /// Every secret in the scope as a stream, fetched a page (100) at a time.
    ///
    /// ```no_run
    /// # async fn run(client: codespaces_secrets::Client) -> codespaces_secrets::Result<()> {
    /// use futures_util::TryStreamExt;
    /// let mut secrets = client.user().list_stream();
    /// while let Some(secret) = secrets.try_next().await? {
    ///     println!("{}", secret.name);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn list_stream(&self) -> BoxStream<'static, Result<K::Secret, Error>> {
        let operation = K::OPERATIONS.list;
        let request = match self.path(&[]) {
            Ok(path) => ApiRequest::new(operation, Method::Get, path),
            Err(e) => return Box::pin(futures_util::stream::once(async move { Err(e) })),
        };
        self.client.inner.transport.paginate(request, |response| {
            Ok(response.json::<SecretList<K::Secret>>()?.secrets)
        })
    }

    /// Fetches the scope's public key (and refreshes the cached one `set` uses).
    ///
    /// ```no_run
    /// # async fn run(client: codespaces_secrets::Client) -> codespaces_secrets::Result<()> {
    /// let key = client.org("octo-org").public_key().await?;
    /// println!("key {} is {}", key.key_id(), key.to_base64());
    /// # Ok(()) }
    /// ```
    pub async fn public_key(&self) -> Result<PublicKey, Error> {
        let operation = K::OPERATIONS.public_key;
        let request = ApiRequest::new(operation, Method::Get, self.path(&["public-key"])?);
        let response = self.client.inner.transport.send(request).await?;
        let body: CodespacesPublicKey = response.json()?;
        let key = PublicKey::try_from(&body).map_err(|e| Error::Decode {
            operation,
            message: format!("GitHub returned an unusable public key: {e}"),
        })?;
        self.client.cache_key(&self.scope(), key.clone());
        Ok(key)
    }

    /// One secret's metadata (never its value: GitHub does not return values).
    ///
    /// ```no_run
    /// # async fn run(client: codespaces_secrets::Client) -> codespaces_secrets::Result<()> {
    /// let secret = client.repo("octocat", "hello-world").get("API_KEY").await?;
    /// println!("last updated {}", secret.updated_at);
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, name: impl IntoSecretName) -> Result<K::Secret, Error> {
        let name = name.into_secret_name()?;
        let request = ApiRequest::new(
            K::OPERATIONS.get,
            Method::Get,
            self.secret_path(&name, &[])?,
        );
        self.client.inner.transport.send(request).await?.json()
    }

    /// Seals `value` with the scope's public key and stores it under `name`.
    ///
    /// Name and value are checked before any request. The key is fetched once and cached; if
    /// GitHub refuses a value because the key was rotated, the key is fetched again and the
    /// value sent once more. Organization secrets get visibility `private`; use
    /// [`Secrets::set_with`] to choose.
    ///
    /// ```no_run
    /// # async fn run(client: codespaces_secrets::Client) -> codespaces_secrets::Result<()> {
    /// use codespaces_secrets::SetOutcome;
    /// match client.repo("octocat", "hello-world").set("API_KEY", "k-123").await? {
    ///     SetOutcome::Created => println!("created"),
    ///     SetOutcome::Updated => println!("updated"),
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn set(
        &self,
        name: impl IntoSecretName,
        value: impl IntoSecretValue,
    ) -> Result<SetOutcome, Error> {
        self.set_checked(name, value, &SetOptions::default()).await
    }

    pub(crate) async fn set_checked(
        &self,
        name: impl IntoSecretName,
        value: impl IntoSecretValue,
        options: &SetOptions,
    ) -> Result<SetOutcome, Error> {
        let name = name.into_secret_name()?;
        let value = value.into_secret_value()?;
        let options = K::prepare_options(options)?;
        self.path(&[])?;
        let mut key = self.key().await?;
        self.put_value(&name, &value, &options, &mut key).await
    }

    /// Deletes a secret.
    ///
    /// ```no_run
    /// # async fn run(client: codespaces_secrets::Client) -> codespaces_secrets::Result<()> {
    /// client.user().delete("OLD_TOKEN").await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete(&self, name: impl IntoSecretName) -> Result<(), Error> {
        let name = name.into_secret_name()?;
        let path = self.secret_path(&name, &[])?;
        let request = ApiRequest::new(K::OPERATIONS.delete, Method::Delete, path);
        self.client.inner.transport.send(request).await?;
        Ok(())
    }

    /// The cached public key, fetching it on first use.
    pub(crate) async fn key(&self) -> Result<PublicKey, Error> {
        match self.client.cached_key(&self.scope()) {
            Some(key) => Ok(key),
            None => self.public_key().await,
        }
    }

    /// Seals and PUTs one validated value; on a 422 caused by a rotated key, refreshes `key`
    /// and tries once more.
    pub(crate) async fn put_value(
        &self,
        name: &SecretName,
        value: &SecretValue,
        options: &SetOptions,
        key: &mut PublicKey,
    ) -> Result<SetOutcome, Error> {
        match self.put_sealed(name, value, options, key).await {
            Err(Error::Validation(api)) => {
                let fresh = self.public_key().await?;
                if fresh == *key {
                    return Err(Error::Validation(api));
                }
                tracing::info!(scope = %self.scope(), "public key was rotated; sealing again");
                *key = fresh;
                self.put_sealed(name, value, options, key).await
            }
            other => other,
        }
    }

    async fn put_sealed(
        &self,
        name: &SecretName,
        value: &SecretValue,
        options: &SetOptions,
        key: &PublicKey,
    ) -> Result<SetOutcome, Error> {
        let sealed = key.seal(value)?;
        let body = CreateOrUpdateSecretBody {
            encrypted_value: Some(sealed.encrypted_value),
            key_id: Some(sealed.key_id),
            visibility: options.visibility,
            selected_repository_ids: options.selected_repository_ids.clone(),
        };
        let body = serde_json::to_value(&body).map_err(|e| Error::Encryption(e.to_string()))?;
        let path = self.secret_path(name, &[])?;
        let request = ApiRequest::new(K::OPERATIONS.put, Method::Put, path).with_body(body);
        let response = self.client.inner.transport.send(request).await?;
        Ok(match response.status {
            201 => SetOutcome::Created,
            _ => SetOutcome::Updated,
        })
    }

    /// `prefix/codespaces/secrets/tail...`, after checking the scope's owner/repo/org names.
    pub(crate) fn path(&self, tail: &[&str]) -> Result<Vec<String>, Error> {
        check_scope(&self.prefix)?;
        let mut path = self.prefix.clone();
        path.extend(["codespaces".to_owned(), "secrets".to_owned()]);
        path.extend(tail.iter().map(|s| (*s).to_owned()));
        Ok(path)
    }

    pub(crate) fn secret_path(
        &self,
        name: &SecretName,
        tail: &[&str],
    ) -> Result<Vec<String>, Error> {
        let canonical = name.canonical();
        let mut full = vec![canonical.as_str()];
        full.extend_from_slice(tail);
        self.path(&full)
    }
}

impl<K: SelectableScope> Secrets<K> {
    /// Like [`Secrets::set`], with a visibility (organization) and/or the repositories that may
    /// use the secret (user, and organization with `selected` visibility).
    ///
    /// ```no_run
    /// # async fn run(client: codespaces_secrets::Client) -> codespaces_secrets::Result<()> {
    /// use codespaces_secrets::{SetOptions, Visibility};
    /// let options = SetOptions::new().visibility(Visibility::Selected).repositories([1296269]);
    /// client.org("octo-org").set_with("NPM_TOKEN", "npm_...", options).await?;
    /// # Ok(()) }
    /// ```
    pub async fn set_with(
        &self,
        name: impl IntoSecretName,
        value: impl IntoSecretValue,
        options: SetOptions,
    ) -> Result<SetOutcome, Error> {
        self.set_checked(name, value, &options).await
    }

    /// The repositories that may use a secret.
    ///
    /// ```no_run
    /// # async fn run(client: codespaces_secrets::Client) -> codespaces_secrets::Result<()> {
    /// for repo in client.user().repositories("API_KEY").await? {
    ///     println!("{} ({})", repo.full_name, repo.id);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn repositories(
        &self,
        name: impl IntoSecretName,
    ) -> Result<Vec<MinimalRepository>, Error> {
        let name = name.into_secret_name()?;
        let operation = K::REPOSITORY_OPERATIONS.list;
        let request = ApiRequest::new(
            operation,
            Method::Get,
            self.secret_path(&name, &["repositories"])?,
        );
        let transport = &self.client.inner.transport;
        if K::PAGED_REPOSITORIES {
            transport
                .paginate(request, |r| Ok(r.json::<RepositoryList>()?.repositories))
                .try_collect()
                .await
        } else {
            Ok(transport
                .send(request)
                .await?
                .json::<RepositoryList>()?
                .repositories)
        }
    }

    /// Replaces the list of repositories that may use a secret.
    ///
    /// ```no_run
    /// # async fn run(client: codespaces_secrets::Client) -> codespaces_secrets::Result<()> {
    /// client.user().set_repositories("API_KEY", [1296269, 1296280]).await?;
    /// # Ok(()) }
    /// ```
    pub async fn set_repositories(
        &self,
        name: impl IntoSecretName,
        ids: impl IntoIterator<Item = i64>,
    ) -> Result<(), Error> {
        let name = name.into_secret_name()?;
        let ids: Vec<i64> = ids.into_iter().collect();
        check_repository_ids(&ids)?;
        let body = SelectedRepositoriesBody {
            selected_repository_ids: ids,
        };
        let body = serde_json::to_value(&body).map_err(|e| Error::Encryption(e.to_string()))?;
        let path = self.secret_path(&name, &["repositories"])?;
        let request =
            ApiRequest::new(K::REPOSITORY_OPERATIONS.set, Method::Put, path).with_body(body);
        self.client.inner.transport.send(request).await?;
        Ok(())
    }

    /// Lets one more repository use a secret.
    ///
    /// ```no_run
    /// # async fn run(client: codespaces_secrets::Client) -> codespaces_secrets::Result<()> {
    /// client.org("octo-org").add_repository("NPM_TOKEN", 1296269).await?;
    /// # Ok(()) }
    /// ```
    pub async fn add_repository(&self, name: impl IntoSecretName, id: i64) -> Result<(), Error> {
        self.repository_call(name, id, K::REPOSITORY_OPERATIONS.add, Method::Put)
            .await
    }

    /// Stops one repository from using a secret.
    ///
    /// ```no_run
    /// # async fn run(client: codespaces_secrets::Client) -> codespaces_secrets::Result<()> {
    /// client.org("octo-org").remove_repository("NPM_TOKEN", 1296269).await?;
    /// # Ok(()) }
    /// ```
    pub async fn remove_repository(&self, name: impl IntoSecretName, id: i64) -> Result<(), Error> {
        self.repository_call(name, id, K::REPOSITORY_OPERATIONS.remove, Method::Delete)
            .await
    }

    async fn repository_call(
        &self,
        name: impl IntoSecretName,
        id: i64,
        operation: &'static str,
        method: Method,
    ) -> Result<(), Error> {
        let name = name.into_secret_name()?;
        check_repository_ids(&[id])?;
        let id = id.to_string();
        let path = self.secret_path(&name, &["repositories", &id])?;
        self.client
            .inner
            .transport
            .send(ApiRequest::new(operation, method, path))
            .await?;
        Ok(())
    }
}

/// GitHub's rules for owner, organization and repository names, checked before any request.
fn check_scope(prefix: &[String]) -> Result<(), Error> {
    match prefix {
        [user] if user == "user" => Ok(()),
        [orgs, org] if orgs == "orgs" => check_account("org", org),
        [repos, owner, repo] if repos == "repos" => {
            check_account("owner", owner)?;
            check_repository_name(repo)
        }
        _ => Err(Error::invalid_input("scope", "unknown scope")),
    }
}

fn check_account(field: &'static str, name: &str) -> Result<(), Error> {
    let valid_chars = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if name.is_empty() || name.len() > 39 || !valid_chars || name.starts_with('-') {
        return Err(Error::invalid_input(
            field,
            format!(
                "{name:?} is not a GitHub account name (1-39 letters, digits or '-', not starting with '-')"
            ),
        ));
    }
    Ok(())
}

fn check_repository_name(name: &str) -> Result<(), Error> {
    let valid_chars = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if name.is_empty() || name.len() > 100 || !valid_chars || name == "." || name == ".." {
        return Err(Error::invalid_input(
            "repo",
            format!("{name:?} is not a repository name (1-100 letters, digits, '-', '_' or '.')"),
        ));
    }
    Ok(())
}
