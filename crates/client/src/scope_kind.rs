//! The three kinds of scope and what distinguishes them: the secret model, the operation names,
//! and which `set` options they accept.

use codespaces_secrets_core::Visibility;
use codespaces_secrets_core::models::{OrgSecret, RepoSecret, UserSecret};
use serde::de::DeserializeOwned;

use crate::Error;
use crate::options::{SetOptions, check_repository_ids};

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
