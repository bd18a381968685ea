//! The three kinds of scope and what distinguishes them: the secret model, the operation names,
//! and which `set` options they accept.

use chrono::{DateTime, Utc};
use codespaces_secrets_core::Visibility;
use codespaces_secrets_core::models::{OrgSecret, RepoSecret, UserSecret};
use serde::de::DeserializeOwned;

use crate::Error;
use crate::scope::options::{SetOptions, check_repository_ids};

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
    /// When GitHub last changed the secret (whole seconds).
    fn updated_at(&self) -> DateTime<Utc>;
    /// Which repositories may use it; `None` for repository secrets, which have no setting.
    fn visibility(&self) -> Option<Visibility>;
}

impl SecretModel for UserSecret {
    fn name(&self) -> &str {
        &self.name
    }
    fn updated_at(&self) -> DateTime<Utc> {
        self.updated_at
    }
    fn visibility(&self) -> Option<Visibility> {
        Some(self.visibility)
    }
}

impl SecretModel for RepoSecret {
    fn name(&self) -> &str {
        &self.name
    }
    fn updated_at(&self) -> DateTime<Utc> {
        self.updated_at
    }
    fn visibility(&self) -> Option<Visibility> {
        None
    }
}

impl SecretModel for OrgSecret {
    fn name(&self) -> &str {
        &self.name
    }
    fn updated_at(&self) -> DateTime<Utc> {
        self.updated_at
    }
    fn visibility(&self) -> Option<Visibility> {
        Some(self.visibility)
    }
}

/// What an update that names no visibility or repositories must do so the secret's access
/// stays as it is.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessOnUpdate {
    /// Repository secrets have no access settings.
    Nothing,
    /// User secrets: a PUT without `selected_repository_ids` leaves the list as it is (the
    /// field is optional and the list is managed through its own endpoints).
    KeptByGitHub,
    /// Organization secrets: every PUT must carry `visibility`, and one without
    /// `selected_repository_ids` selects no repositories, so the client reads the current
    /// settings and sends them again. The operation that lists the selected repositories.
    Resent {
        /// Operation name of the (paged) selected-repositories list.
        list_repositories: &'static str,
    },
}

/// A kind of scope: [`User`], [`Repo`] or [`Org`]. Decides the secret model and the options
/// `set` accepts.
pub trait ScopeKind: private::Sealed + Send + Sync + 'static {
    /// The secret model this scope's endpoints return.
    type Secret: DeserializeOwned + serde::Serialize + SecretModel + Send + 'static;
    #[doc(hidden)]
    const OPERATIONS: SecretOperations;
    /// How an update keeps the access settings the caller did not mention.
    #[doc(hidden)]
    const ACCESS_ON_UPDATE: AccessOnUpdate;
    /// Checks `set` options for this scope before any request. Settings left unset are
    /// completed later from the secret's current ones (see [`AccessOnUpdate`]).
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

const ORG_LIST_REPOSITORIES: &str = "list-selected-repos-for-org-secret";

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
    const ACCESS_ON_UPDATE: AccessOnUpdate = AccessOnUpdate::KeptByGitHub;
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
    const ACCESS_ON_UPDATE: AccessOnUpdate = AccessOnUpdate::Nothing;
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
    const ACCESS_ON_UPDATE: AccessOnUpdate = AccessOnUpdate::Resent {
        list_repositories: ORG_LIST_REPOSITORIES,
    };
    /// A repository list alone means visibility `selected`, the only one that takes a list.
    fn prepare_options(options: &SetOptions) -> Result<SetOptions, Error> {
        let mut visibility = options.visibility;
        if let Some(ids) = &options.selected_repository_ids {
            match visibility {
                None => visibility = Some(Visibility::Selected),
                Some(Visibility::Selected) => {}
                Some(other) => {
                    return Err(Error::invalid_input(
                        "selected_repository_ids",
                        format!("a repository list needs visibility `selected`, not `{other}`"),
                    ));
                }
            }
            check_repository_ids(ids)?;
        }
        Ok(SetOptions {
            visibility,
            selected_repository_ids: options.selected_repository_ids.clone(),
        })
    }
}

impl SelectableScope for Org {
    const REPOSITORY_OPERATIONS: RepositoryOperations = RepositoryOperations {
        list: ORG_LIST_REPOSITORIES,
        set: "set-selected-repos-for-org-secret",
        add: "add-selected-repo-to-org-secret",
        remove: "remove-selected-repo-from-org-secret",
    };
    const PAGED_REPOSITORIES: bool = true;
}
