//! Options and outcomes of `set`.

use std::fmt;

use codespaces_secrets_core::Visibility;

use crate::Error;

/// Whether `set` created a secret or replaced an existing one's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SetOutcome {
    /// GitHub answered 201: the secret is new.
    Created,
    /// GitHub answered 204: an existing secret got the new value.
    Updated,
}

impl fmt::Display for SetOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Created => "created",
            Self::Updated => "updated",
        })
    }
}

/// Extra settings for `set_with` on user and organization secrets.
///
/// ```
/// use codespaces_secrets::{SetOptions, Visibility};
/// let options = SetOptions::new().visibility(Visibility::Selected).repositories([1296269]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SetOptions {
    /// Organization secrets: which repositories may use it. When unset, an existing secret
    /// keeps its visibility and a new one gets `private` (the GitHub CLI's default). A
    /// repository list without a visibility means `selected`.
    pub visibility: Option<Visibility>,
    /// User secrets, and organization secrets with `selected` visibility: the repository ids
    /// that may use it. When unset, an existing secret keeps its current list.
    pub selected_repository_ids: Option<Vec<i64>>,
}

impl SetOptions {
    /// No options: GitHub's defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the visibility (organization secrets only).
    pub fn visibility(mut self, visibility: Visibility) -> Self {
        self.visibility = Some(visibility);
        self
    }

    /// Sets the repositories that may use the secret.
    pub fn repositories(mut self, ids: impl IntoIterator<Item = i64>) -> Self {
        self.selected_repository_ids = Some(ids.into_iter().collect());
        self
    }
}

/// Repository ids are positive int64 values.
pub(crate) fn check_repository_ids(ids: &[i64]) -> Result<(), Error> {
    match ids.iter().find(|id| **id <= 0) {
        Some(bad) => Err(Error::invalid_input(
            "repository_id",
            format!("{bad} is not a repository id (ids are positive integers)"),
        )),
        None => Ok(()),
    }
}
