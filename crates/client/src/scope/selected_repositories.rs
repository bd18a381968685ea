//! The selected-repositories operations of user and organization secrets.

use codespaces_secrets_core::models::{
    MinimalRepository, RepositoryList, SelectedRepositoriesBody,
};
use codespaces_secrets_transport::{ApiRequest, Method};
use futures_util::TryStreamExt;

use crate::Error;
use crate::input::{IntoSecretName, IntoSecretValue};
use crate::scope::kind::{ScopeKind, SelectableScope};
use crate::scope::options::{SetOptions, SetOutcome, check_repository_ids};
use crate::scope::secrets::Secrets;
use codespaces_secrets_core::SecretName;

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
        if K::PAGED_REPOSITORIES {
            return self.paged_repositories(&name, operation).await;
        }
        let path = self.secret_path(&name, &["repositories"])?;
        self.read_after_write(&name, || async {
            let request = ApiRequest::new(operation, Method::Get, path.clone());
            let response = self.client.inner.transport.send(request).await?;
            Ok(response.json::<RepositoryList>()?.repositories)
        })
        .await
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
        let path = self.secret_path(&name, &["repositories"])?;
        let request =
            ApiRequest::new(K::REPOSITORY_OPERATIONS.set, Method::Put, path).with_json(&body)?;
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
        self.repository_call_checked(name, id, K::REPOSITORY_OPERATIONS.add, Method::Put)
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
        self.repository_call_checked(name, id, K::REPOSITORY_OPERATIONS.remove, Method::Delete)
            .await
    }

    async fn repository_call_checked(
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

impl<K: ScopeKind> Secrets<K> {
    /// A secret's selected repositories from a paged list operation, every page.
    pub(crate) async fn paged_repositories(
        &self,
        name: &SecretName,
        operation: &'static str,
    ) -> Result<Vec<MinimalRepository>, Error> {
        let path = self.secret_path(name, &["repositories"])?;
        self.read_after_write(name, || {
            let request = ApiRequest::new(operation, Method::Get, path.clone());
            self.client
                .inner
                .transport
                .paginate(request, |r| Ok(r.json::<RepositoryList>()?.repositories))
                .try_collect()
        })
        .await
    }
}
