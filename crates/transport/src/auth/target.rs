//! Which account a request acts on, read from its path: an App needs it to pick the
//! installation, and user-scope requests must not carry an installation token.

/// The account a request touches.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AuthTarget {
    /// `/user/…`: the authenticated user's own secrets.
    User,
    /// `/orgs/{org}/…`.
    Org(String),
    /// `/repos/{owner}/{repo}/…`.
    Repo(String, String),
    /// Anything else (App endpoints, metadata).
    Other,
}

impl AuthTarget {
    /// The target of an API path, given as its segments under the base URL.
    pub fn of_path<S: AsRef<str>>(segments: &[S]) -> Self {
        let segment = |i: usize| segments.get(i).map(AsRef::as_ref);
        match (segment(0), segment(1), segment(2)) {
            (Some("user"), _, _) => Self::User,
            (Some("orgs"), Some(org), _) => Self::Org(org.to_owned()),
            (Some("repos"), Some(owner), Some(repo)) => {
                Self::Repo(owner.to_owned(), repo.to_owned())
            }
            _ => Self::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_their_account() {
        assert_eq!(
            AuthTarget::of_path(&["user", "codespaces", "secrets"]),
            AuthTarget::User
        );
        assert_eq!(
            AuthTarget::of_path(&["orgs", "acme", "codespaces", "secrets"]),
            AuthTarget::Org("acme".into())
        );
        assert_eq!(
            AuthTarget::of_path(&["repos", "o", "r", "codespaces", "secrets"]),
            AuthTarget::Repo("o".into(), "r".into())
        );
        assert_eq!(AuthTarget::of_path(&["repos", "o"]), AuthTarget::Other);
        assert_eq!(AuthTarget::of_path::<&str>(&[]), AuthTarget::Other);
        assert_eq!(
            AuthTarget::of_path(&["users", "octocat"]),
            AuthTarget::Other
        );
    }
}
