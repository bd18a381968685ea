//! What an apply must send for each change of a plan, and what the plan observed (for a saved
//! plan's staleness check). Values live here only in memory, in zeroizing buffers.

use chrono::{DateTime, Utc};
use codespaces_secrets_core::{SecretName, SecretValue, Visibility};
use serde::{Deserialize, Serialize};

use crate::fleet::plan::ChangeAction;
use crate::scope::options::SetOptions;
use crate::scope::reference::ScopeRef;

/// How an access-only change is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum AccessWork {
    /// Nothing to send.
    None,
    /// The visibility changes: one PUT with visibility and repositories, without a value
    /// (GitHub's organization PUT allows that), so the value is not written again.
    Put,
    /// Exact membership: the whole list in one request.
    Set(Vec<i64>),
    /// Additive membership: one request per repository, so repositories someone else adds
    /// meanwhile are never lost.
    AddRemove { add: Vec<i64>, remove: Vec<i64> },
}

/// The requests behind one change.
#[derive(Debug, Clone)]
pub(crate) struct Work {
    pub(crate) scope: ScopeRef,
    pub(crate) scope_text: String,
    pub(crate) name: SecretName,
    /// Create or update: the value to seal and store.
    pub(crate) value: Option<SecretValue>,
    pub(crate) fingerprint: Option<String>,
    /// What a value PUT carries (visibility, repositories), and an access PUT.
    pub(crate) put_options: SetOptions,
    pub(crate) access: AccessWork,
    /// Prune.
    pub(crate) delete: bool,
    /// Additive membership: the repositories the manifest added itself, after the apply.
    pub(crate) added_repositories: Vec<i64>,
}

impl Work {
    /// Write requests it takes.
    pub(crate) fn requests(&self) -> u64 {
        if self.value.is_some() || self.delete {
            return 1;
        }
        match &self.access {
            AccessWork::None => 0,
            AccessWork::Put | AccessWork::Set(_) => 1,
            AccessWork::AddRemove { add, remove } => (add.len() + remove.len()) as u64,
        }
    }
}

/// What the plan saw of one target, so a saved plan can tell whether the world moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Observed {
    pub(crate) scope: String,
    pub(crate) name: String,
    /// GitHub's `updated_at` (none: the secret did not exist).
    pub(crate) updated_at: Option<DateTime<Utc>>,
    pub(crate) visibility: Option<Visibility>,
    /// Selected repository ids, sorted, when the plan read them.
    pub(crate) repositories: Option<Vec<i64>>,
    /// Keyed fingerprint of the value (never the value, never an unkeyed hash).
    pub(crate) fingerprint: Option<String>,
    pub(crate) action: ChangeAction,
}
