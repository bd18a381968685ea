//! Which scope a handle addresses, checked once when the handle is made (GitHub's rules for
//! account and repository names, from core), so no call re-checks strings.

use std::fmt;

use codespaces_secrets_core::{RepoRef, RepoRefError, check_account};

use crate::Error;

/// A user, repository or organization scope, valid by construction.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum ScopeRef {
    /// `/user/codespaces/secrets`.
    User,
    /// `/repos/{owner}/{repo}/codespaces/secrets`.
    Repo(RepoRef),
    /// `/orgs/{org}/codespaces/secrets`.
    Org(String),
}

impl ScopeRef {
    pub(crate) fn org(org: String) -> Result<Self, RepoRefError> {
        check_account("org", &org)?;
        Ok(Self::Org(org))
    }

    /// The path segments before `codespaces/secrets`.
    pub(crate) fn segments(&self) -> Vec<&str> {
        match self {
            Self::User => vec!["user"],
            Self::Repo(repo) => vec!["repos", repo.owner(), repo.name()],
            Self::Org(org) => vec!["orgs", org],
        }
    }
}

impl fmt::Display for ScopeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.segments().join("/"))
    }
}

impl From<RepoRefError> for Error {
    fn from(e: RepoRefError) -> Self {
        Error::invalid_input(e.field, e.to_string())
    }
}
