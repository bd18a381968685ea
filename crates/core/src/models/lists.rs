use serde::{Deserialize, Serialize};

use super::MinimalRepository;

/// One page of secrets: `{"total_count": n, "secrets": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecretList<T> {
    /// How many secrets the scope holds in all (not just on this page).
    pub total_count: u64,
    /// The secrets on this page.
    pub secrets: Vec<T>,
}

/// A secret's selected repositories: `{"total_count": n, "repositories": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepositoryList {
    /// How many repositories are selected in all.
    pub total_count: u64,
    /// The repositories on this page.
    pub repositories: Vec<MinimalRepository>,
}
