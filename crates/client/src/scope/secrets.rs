//! Scope handles: the same operations for user, repository and organization secrets.

use std::marker::PhantomData;

use codespaces_secrets_core::models::{CodespacesPublicKey, CreateOrUpdateSecretBody, SecretList};
use codespaces_secrets_core::{PublicKey, SecretName, SecretValue};
use codespaces_secrets_transport::{ApiRequest, Method};
use futures_util::TryStreamExt;
use futures_util::stream::BoxStream;

use crate::input::{IntoSecretName, IntoSecretValue};
use crate::scope::kind::ScopeKind;
use crate::scope::known_secrets::Current;
use crate::scope::options::{SetOptions, SetOutcome};
use crate::scope::reference::ScopeRef;
use crate::{Client, Error};

/// The secrets of one scope. Get one from [`Client::user`], [`Client::repo`] or [`Client::org`].
pub struct Secrets<K> {
    pub(crate) client: Client,
    /// The scope as given (`user`, `repos/{owner}/{repo}`, `orgs/{org}`), for display.
    given: String,
    /// The scope, checked when the handle was made; a bad name fails every call before any
    /// request.
    checked: Result<ScopeRef, Error>,
    kind: PhantomData<fn() -> K>,
}

impl<K> Clone for Secrets<K> {
    fn clone(&self) -> Self {
        Self {
            client: self.client.clone(),
            given: self.given.clone(),
            checked: self.checked.clone(),
            kind: PhantomData,
        }
    }
}

impl<K> std::fmt::Debug for Secrets<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Secrets")
            .field("scope", &self.given)
            .finish()
    }
}

impl<K: ScopeKind> Secrets<K> {
    pub(crate) fn new(client: Client, given: String, checked: Result<ScopeRef, Error>) -> Self {
        Self {
            client,
            given,
            checked,
            kind: PhantomData,
        }
    }

    /// The scope as a path, e.g. `repos/octocat/hello-world`.
    pub fn scope(&self) -> String {
        self.given.clone()
    }

    /// The checked scope, or why its owner, repository or organization name is refused.
    pub(crate) fn checked_scope(&self) -> Result<&ScopeRef, Error> {
        self.checked.as_ref().map_err(Clone::clone)
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
            source: Some(std::sync::Arc::new(e)),
        })?;
        self.client.cache_key(self.checked_scope()?, key.clone());
        Ok(key)
    }

    /// One secret's metadata (never its value: GitHub does not return values).
    ///
    /// GitHub is eventually consistent: if this client wrote the secret in the last few
    /// seconds, a 404 is retried briefly (under 2 s) before it is returned.
    ///
    /// ```no_run
    /// # async fn run(client: codespaces_secrets::Client) -> codespaces_secrets::Result<()> {
    /// let secret = client.repo("octocat", "hello-world").get("API_KEY").await?;
    /// println!("last updated {}", secret.updated_at);
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, name: impl IntoSecretName) -> Result<K::Secret, Error> {
        let name = name.into_secret_name()?;
        let path = self.secret_path(&name, &[])?;
        self.read_after_write(&name, || async {
            let request = ApiRequest::new(K::OPERATIONS.get, Method::Get, path.clone());
            Ok(self.client.inner.transport.send(request).await?.json()?)
        })
        .await
    }

    /// Seals `value` with the scope's public key and stores it under `name`.
    ///
    /// Name and value are checked before any request. The key is fetched once and cached; if
    /// GitHub refuses a value because the key was rotated, the key is fetched again and the
    /// value sent once more.
    ///
    /// Only the value changes. An existing organization secret keeps its visibility and, when
    /// it is `selected`, its repositories: GitHub resets both on a PUT that omits them, so they
    /// are read first (one `get`, plus the repository list for `selected`) and sent again. A
    /// new organization secret is `private`; use [`Secrets::set_with`] to choose. User secrets
    /// keep their repositories without a read (GitHub keeps the list when a PUT omits it).
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
        let requested = K::prepare_options(options)?;
        self.checked_scope()?;
        self.store(&name, &value, &requested, Current::Unknown)
            .await
    }

    /// Stores one validated value: completes the access options from what the secret has now,
    /// seals with the cached key (fetched on first use, so a run that writes nothing asks for
    /// none) and PUTs it. Shared by `set`, `set_many` and sync.
    pub(crate) async fn store(
        &self,
        name: &SecretName,
        value: &SecretValue,
        requested: &SetOptions,
        current: Current,
    ) -> Result<SetOutcome, Error> {
        let options = self.complete_options(name, requested, current).await?;
        let mut key = self.key().await?;
        self.put_value(name, value, &options, &mut key).await
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
        self.client
            .inner
            .fresh_writes
            .forget(&self.fresh_key(&name));
        Ok(())
    }

    /// The cached public key, fetching it on first use.
    pub(crate) async fn key(&self) -> Result<PublicKey, Error> {
        let scope = self.checked_scope()?;
        if let Some(key) = self.client.cached_key(scope) {
            return Ok(key);
        }
        let _fetching = self.client.inner.key_fetch.lock().await;
        // Another caller may have fetched it while we waited.
        match self.client.cached_key(scope) {
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
        let sealed = key.seal(value).map_err(|e| match e {
            // The key came from the server: one that parses but cannot seal (a point on the
            // twist) is a bad answer, not bad input — the key request was already sent.
            codespaces_secrets_core::Error::InvalidPublicKey(_) => Error::Decode {
                operation: K::OPERATIONS.public_key,
                message: format!("GitHub's public key for this scope cannot be used: {e}"),
                source: Some(std::sync::Arc::new(e)),
            },
            other => Error::from(other),
        })?;
        let body = CreateOrUpdateSecretBody {
            encrypted_value: Some(sealed.encrypted_value),
            key_id: Some(sealed.key_id),
            visibility: options.visibility,
            selected_repository_ids: options.selected_repository_ids.clone(),
        };
        let path = self.secret_path(name, &[])?;
        let request = ApiRequest::new(K::OPERATIONS.put, Method::Put, path).with_json(&body)?;
        let response = self.client.inner.transport.send(request).await?;
        self.client.inner.fresh_writes.record(self.fresh_key(name));
        Ok(match response.status {
            201 => SetOutcome::Created,
            _ => SetOutcome::Updated,
        })
    }

    /// `{scope}/codespaces/secrets/tail...`.
    pub(crate) fn path(&self, tail: &[&str]) -> Result<Vec<String>, Error> {
        let scope = self.checked_scope()?;
        let segments = scope.segments().into_iter();
        let all = segments
            .chain(["codespaces", "secrets"])
            .chain(tail.iter().copied());
        Ok(all.map(str::to_owned).collect())
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

    /// The key of a secret in the client's record of fresh writes.
    pub(crate) fn fresh_key(&self, name: &SecretName) -> String {
        format!("{}/{}", self.scope(), name.canonical())
    }

    /// Runs `read`, trying again after a short wait while it answers 404 for a secret this
    /// client wrote within the last few seconds (GitHub is eventually consistent).
    pub(crate) async fn read_after_write<T, F, Fut>(
        &self,
        name: &SecretName,
        read: F,
    ) -> Result<T, Error>
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = Result<T, Error>>,
    {
        let key = self.fresh_key(name);
        self.client
            .inner
            .fresh_writes
            .read_after_write(&key, read)
            .await
    }
}
