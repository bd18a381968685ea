//! Where a [`Client`] hands out its scope handles. Apart from `client.rs` because a handle
//! holds its client: the client does not need to know the handle's type to exist.

use codespaces_secrets_core::RepoRef;

use crate::client::Client;
use crate::error::Error;
use crate::scope::kind::{Org, Repo, User};
use crate::scope::reference::ScopeRef;
use crate::scope::secrets::Secrets;

impl Client {
    /// The authenticated user's Codespaces secrets (`/user/codespaces/secrets`).
    ///
    /// ```no_run
    /// # async fn run(client: codespaces_secrets::Client) -> codespaces_secrets::Result<()> {
    /// let names: Vec<String> = client.user().list().await?.into_iter().map(|s| s.name).collect();
    /// # Ok(()) }
    /// ```
    pub fn user(&self) -> Secrets<User> {
        Secrets::new(self.clone(), "user".into(), Ok(ScopeRef::User))
    }

    /// A repository's Codespaces secrets (`/repos/{owner}/{repo}/codespaces/secrets`).
    ///
    /// ```no_run
    /// # async fn run(client: codespaces_secrets::Client) -> codespaces_secrets::Result<()> {
    /// client.repo("octocat", "hello-world").set("API_KEY", "k-123").await?;
    /// # Ok(()) }
    /// ```
    pub fn repo(&self, owner: impl Into<String>, repo: impl Into<String>) -> Secrets<Repo> {
        let (owner, repo) = (owner.into(), repo.into());
        let given = format!("repos/{owner}/{repo}");
        let checked = RepoRef::new(owner, repo)
            .map(ScopeRef::Repo)
            .map_err(Error::from);
        Secrets::new(self.clone(), given, checked)
    }

    /// An organization's Codespaces secrets (`/orgs/{org}/codespaces/secrets`).
    ///
    /// ```no_run
    /// # async fn run(client: codespaces_secrets::Client) -> codespaces_secrets::Result<()> {
    /// let secret = client.org("octo-org").get("NPM_TOKEN").await?;
    /// println!("{} is visible to {}", secret.name, secret.visibility);
    /// # Ok(()) }
    /// ```
    pub fn org(&self, org: impl Into<String>) -> Secrets<Org> {
        let org = org.into();
        let checked = ScopeRef::org(org.clone()).map_err(Error::from);
        Secrets::new(self.clone(), format!("orgs/{org}"), checked)
    }
}
