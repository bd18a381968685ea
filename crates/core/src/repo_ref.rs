//! `OWNER/REPO`: a repository by name, with GitHub's rules for account and repository names.
//! One parser for the CLI, the emulator binary, the client's scopes and every binding's
//! emulator helpers, so they all accept and refuse the same text.

use std::fmt;
use std::str::FromStr;

use thiserror::Error;

/// What is wrong with an account, repository or `OWNER/REPO` text.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{input:?} {reason}")]
pub struct RepoRefError {
    /// Which part: `owner`, `org`, `repo`, or `repository` for the whole `OWNER/REPO`.
    pub field: &'static str,
    input: String,
    reason: &'static str,
}

/// A repository named by its owner (user or organization) and name, e.g. `octocat/hello-world`.
///
/// ```
/// use codespaces_secrets_core::RepoRef;
/// let repo: RepoRef = "octocat/hello-world".parse()?;
/// assert_eq!((repo.owner(), repo.name()), ("octocat", "hello-world"));
/// assert!("octocat".parse::<RepoRef>().is_err());
/// # Ok::<(), codespaces_secrets_core::RepoRefError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RepoRef {
    owner: String,
    name: String,
}

impl RepoRef {
    /// Checks both parts against GitHub's rules.
    pub fn new(owner: impl Into<String>, name: impl Into<String>) -> Result<Self, RepoRefError> {
        let (owner, name) = (owner.into(), name.into());
        check_account("owner", &owner)?;
        check_repository_name(&name)?;
        Ok(Self { owner, name })
    }

    /// The owning user or organization.
    pub fn owner(&self) -> &str {
        &self.owner
    }

    /// The repository's name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl FromStr for RepoRef {
    type Err = RepoRefError;

    /// `OWNER/REPO`: exactly one `/`, each side valid.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.split_once('/') {
            Some((owner, name)) if !name.contains('/') => Self::new(owner, name),
            _ => Err(RepoRefError {
                field: "repository",
                input: text.to_owned(),
                reason: "is not OWNER/REPO (e.g. octocat/hello-world)",
            }),
        }
    }
}

impl fmt::Display for RepoRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.owner, self.name)
    }
}

/// GitHub's rule for user and organization logins: 1-39 letters, digits or `-`, not starting
/// with `-`. `field` names the part in the error (`owner`, `org`).
pub fn check_account(field: &'static str, name: &str) -> Result<(), RepoRefError> {
    let valid_chars = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if name.is_empty() || name.len() > 39 || !valid_chars || name.starts_with('-') {
        return Err(RepoRefError {
            field,
            input: name.to_owned(),
            reason: "is not a GitHub account name (1-39 letters, digits or '-', not starting with '-')",
        });
    }
    Ok(())
}

/// GitHub's rule for repository names: 1-100 letters, digits, `-`, `_` or `.`, not `.` or `..`.
pub fn check_repository_name(name: &str) -> Result<(), RepoRefError> {
    let valid_chars = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if name.is_empty() || name.len() > 100 || !valid_chars || name == "." || name == ".." {
        return Err(RepoRefError {
            field: "repo",
            input: name.to_owned(),
            reason: "is not a repository name (1-100 letters, digits, '-', '_' or '.')",
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_owner_slash_name_and_prints_it_back() {
        let repo: RepoRef = "octo-org/my_repo.rs".parse().expect("valid");
        assert_eq!(repo.owner(), "octo-org");
        assert_eq!(repo.name(), "my_repo.rs");
        assert_eq!(repo.to_string(), "octo-org/my_repo.rs");
    }

    #[test]
    fn refuses_what_github_would() {
        for bad in [
            "",
            "octocat",
            "/repo",
            "owner/",
            "a/b/c",
            "-bad/repo",
            "owner/..",
            "ow ner/r",
            "owner/re po",
            "owner/re%2fpo",
        ] {
            let err = bad.parse::<RepoRef>().expect_err(bad);
            assert!(
                err.to_string().starts_with(&format!("{:?}", err.input)),
                "{err}"
            );
        }
        let long = format!("{}/r", "a".repeat(40));
        assert_eq!(long.parse::<RepoRef>().unwrap_err().field, "owner");
        assert_eq!("o/.".parse::<RepoRef>().unwrap_err().field, "repo");
        assert_eq!("o".parse::<RepoRef>().unwrap_err().field, "repository");
    }
}
