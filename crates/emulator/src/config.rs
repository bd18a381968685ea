//! How an emulator starts: who the demo user is, what exists, and which faults are on.

use std::fmt;

use codespaces_secrets_core::RepoRef;

use crate::faults::Faults;
use crate::repos::spec::RepoSpec;
use crate::server::api_versions::API_VERSIONS;

/// Start-up settings for [`crate::Emulator::start`].
///
/// `EmulatorConfig::default()` listens on an ephemeral port, generates the demo user's token,
/// names the demo user `octocat` and seeds the demo data (see [`EmulatorConfig::seed_demo_data`]).
#[derive(Clone)]
pub struct EmulatorConfig {
    /// The port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// The demo user's token; `None` generates a `ghp_...` token.
    pub token: Option<String>,
    /// The demo user's login.
    pub user_login: String,
    /// Extra repositories (`"owner/name".parse()?`). An owner that is neither the demo user nor
    /// a known organization becomes an organization with the demo user as a member, so the demo
    /// token can reach every repository given here.
    pub repos: Vec<RepoRef>,
    /// Extra repositories with topics, archived or private (created after [`Self::repos`]; a
    /// repository in both takes this one's topics and flags). Unknown owners are handled as in
    /// [`Self::repos`].
    pub repositories: Vec<RepoSpec>,
    /// Extra organizations; the demo user is a member of each.
    pub orgs: Vec<String>,
    /// Faults active from the first request; [`crate::Emulator::start`] refuses faults that
    /// [`Faults::validate`] refuses.
    pub faults: Faults,
    /// The REST API versions served (`X-GitHub-Api-Version`), each one of [`API_VERSIONS`];
    /// by default all of them. Fewer test a client against a server that lacks one: another
    /// version is refused with 400, and a request without the header gets the oldest served.
    /// [`crate::Emulator::start`] refuses an empty list or an unknown version.
    pub api_versions: Vec<String>,
    /// Seeds demo data: the demo user's repositories `Hello-World` and `Spoon-Knife`, an
    /// organization `octo-org` (demo user is a member) with `octo-repo` and `octo-service`, and a
    /// user `hubot` (no token) with the private `hubot-scripts`, which the demo user cannot see.
    pub seed_demo_data: bool,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        Self {
            port: 0,
            token: None,
            user_login: "octocat".to_owned(),
            repos: Vec::new(),
            repositories: Vec::new(),
            orgs: Vec::new(),
            faults: Faults::default(),
            api_versions: API_VERSIONS.iter().map(|v| (*v).to_owned()).collect(),
            seed_demo_data: true,
        }
    }
}

impl fmt::Debug for EmulatorConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EmulatorConfig")
            .field("port", &self.port)
            .field("token", &self.token.as_ref().map(|_| "[redacted]"))
            .field("user_login", &self.user_login)
            .field("repos", &self.repos)
            .field("repositories", &self.repositories)
            .field("orgs", &self.orgs)
            .field("faults", &self.faults)
            .field("api_versions", &self.api_versions)
            .field("seed_demo_data", &self.seed_demo_data)
            .finish()
    }
}

/// Where secrets live: a user's own secrets, a repository's, or an organization's. Names compare
/// case-insensitively, as on GitHub.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Scope {
    /// The secrets of the user with this login (`/user/codespaces/secrets` for their token).
    User(String),
    /// A repository's secrets.
    Repo {
        /// The owning user or organization.
        owner: String,
        /// The repository name.
        repo: String,
    },
    /// An organization's secrets.
    Org(String),
}

impl Scope {
    /// The secrets of the user `login`.
    pub fn user(login: impl Into<String>) -> Self {
        Self::User(login.into())
    }

    /// The secrets of repository `owner/repo`.
    pub fn repo(owner: impl Into<String>, repo: impl Into<String>) -> Self {
        Self::Repo {
            owner: owner.into(),
            repo: repo.into(),
        }
    }

    /// The secrets of organization `org`.
    pub fn org(org: impl Into<String>) -> Self {
        Self::Org(org.into())
    }
}

/// The secrets of a repository named by a checked `OWNER/NAME`, as the bindings' `repo=` takes it.
///
/// [`Scope`] itself keeps plain strings: it is a lookup key, and a name that breaks GitHub's rules
/// simply names no scope.
impl From<RepoRef> for Scope {
    fn from(repo: RepoRef) -> Self {
        Self::repo(repo.owner(), repo.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_token() {
        let config = EmulatorConfig {
            token: Some("ghp_supersecret".to_owned()),
            ..EmulatorConfig::default()
        };
        let shown = format!("{config:?}");
        assert!(!shown.contains("supersecret"), "{shown}");
        assert!(shown.contains("[redacted]"));
    }

    #[test]
    fn a_repo_ref_names_a_repository_scope() {
        let repo: RepoRef = "octocat/Hello-World".parse().expect("valid");
        assert_eq!(Scope::from(repo), Scope::repo("octocat", "Hello-World"));
    }
}
