//! The API's JSON bodies, as `../shared/openapi/codespaces-secrets.openapi.json` defines them.
//!
//! Responses ignore fields they do not know, so a server adding fields never breaks a client.

mod error_body;
mod key_id;
mod lists;
mod public_key_body;
mod repository;
mod requests;
mod secrets;
mod visibility;

pub use error_body::{ErrorDetail, GitHubErrorBody, ValidationErrorItem};
pub use key_id::KeyId;
pub use lists::{RepositoryList, SecretList};
pub use public_key_body::CodespacesPublicKey;
pub use repository::{MinimalRepository, RepositoryOwner};
pub use requests::{CreateOrUpdateSecretBody, SelectedRepositoriesBody};
pub use secrets::{OrgSecret, RepoSecret, UserSecret};
pub use visibility::{ParseVisibilityError, Visibility};
