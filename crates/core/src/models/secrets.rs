use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Visibility;

/// A Codespaces secret of the authenticated user (`codespaces-secret` in the spec).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSecret {
    /// The name, upper-case as GitHub stores it.
    pub name: String,
    /// When the secret was created.
    pub created_at: DateTime<Utc>,
    /// When the secret was last updated.
    pub updated_at: DateTime<Utc>,
    /// Which repositories can use it (`selected` for user secrets in practice).
    pub visibility: Visibility,
    /// Where the list of selected repositories is. The spec requires it, but its own list
    /// example leaves it out, so a missing field is tolerated rather than failing the whole list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected_repositories_url: Option<String>,
}

/// A repository's Codespaces secret (`repo-codespaces-secret` in the spec).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepoSecret {
    /// The name, upper-case as GitHub stores it.
    pub name: String,
    /// When the secret was created.
    pub created_at: DateTime<Utc>,
    /// When the secret was last updated.
    pub updated_at: DateTime<Utc>,
}

/// An organization's Codespaces secret (`codespaces-org-secret` in the spec).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgSecret {
    /// The name, upper-case as GitHub stores it.
    pub name: String,
    /// When the secret was created.
    pub created_at: DateTime<Utc>,
    /// When the secret was last updated.
    pub updated_at: DateTime<Utc>,
    /// Which of the organization's repositories can use it.
    pub visibility: Visibility,
    /// Where the list of selected repositories is (present when visibility is `selected`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected_repositories_url: Option<String>,
}
