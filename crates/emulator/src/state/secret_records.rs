//! A secret as the emulator stores it, and what a write reports back.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use codespaces_secrets_core::{SecretValue, Visibility};

/// GitHub's limit on secrets per user, repository and organization.
pub(crate) const MAX_SECRETS_PER_SCOPE: usize = 100;

/// A stored secret as it lives in the emulator.
#[derive(Debug, Clone)]
pub(crate) struct Secret {
    pub(crate) value: SecretValue,
    pub(crate) created_at: DateTime<Utc>,
    pub(crate) updated_at: DateTime<Utc>,
    /// `None` for repository secrets; `Selected` for user secrets.
    pub(crate) visibility: Option<Visibility>,
    pub(crate) selected: BTreeSet<i64>,
}

/// A stored secret with its decrypted value, for tests to check what arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSecret {
    /// The name, upper-case as GitHub stores it.
    pub name: String,
    /// The decrypted value (prints as `[redacted]`).
    pub value: SecretValue,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed (value, visibility or repositories).
    pub updated_at: DateTime<Utc>,
    /// `None` for repository secrets, `Selected` for user secrets, the chosen one for
    /// organization secrets.
    pub visibility: Option<Visibility>,
    /// Ids of the selected repositories, ascending.
    pub selected_repository_ids: Vec<i64>,
}

/// What a create-or-update PUT asks for, after its body was checked and its value opened.
#[derive(Debug, Default)]
pub(crate) struct SecretChange {
    pub(crate) value: Option<SecretValue>,
    /// Organization secrets only.
    pub(crate) visibility: Option<Visibility>,
    pub(crate) selected: Option<Vec<i64>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PutOutcome {
    Created,
    Updated,
}

/// Which operation is choosing repositories: it decides the status of a bad id, following the
/// responses each operation documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RepoOp {
    PutSecret,
    SetRepos,
    AddOrRemoveRepo,
}
