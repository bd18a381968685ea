//! Sync: the desired secrets, the options (dry run, prune, the incremental state) and the plan
//! and report, converted from and to the SDK's `SyncOptions` and `SyncReport`.

use std::path::PathBuf;

use codespaces_secrets as sdk;

use crate::reports::BulkReport;

/// How `sync` and `syncEnvFile` run. `SyncOptions()` writes every desired value and deletes
/// nothing.
///
/// With `state`, a sync is incremental: a value is written only when the scope lacks the
/// secret (`NEW`), when it differs from what this library last wrote there (`CHANGED`), when
/// the secret changed on GitHub since (`CHANGED_ELSEWHERE`), or when nothing records it
/// (`UNTRACKED`); everything else is `UNCHANGED` and costs no request beyond the one list.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct SyncOptions {
    /// Plan only: report the changes, send no write, leave the state file as it is.
    #[uniffi(default)]
    pub dry_run: bool,
    /// Also delete the scope's secrets that the desired set does not name.
    #[uniffi(default)]
    pub prune: bool,
    /// Path of a state file that makes the sync incremental (created if missing). Per API,
    /// scope and name it holds a keyed fingerprint of the value this library wrote and GitHub's
    /// `updated_at` after that write — never a value, never an unkeyed hash. It is written with
    /// mode 0600, atomically and under a lock, after each write, so an interrupted sync
    /// resumes. `null` / `nil`: every desired value is written.
    #[uniffi(default)]
    pub state: Option<String>,
    /// Where the key of the state's fingerprints lives, apart from the state (a 0600 file,
    /// created with a random key if missing). Default: the environment variable
    /// `CODESPACES_SECRETS_STATE_KEY` (base64 of 32 bytes), else a 0600 file in the user's
    /// config directory. A state read with another key only means every value is written once
    /// more.
    #[uniffi(default)]
    pub state_key_file: Option<String>,
    /// Write every desired value even when the state says it is unchanged (reason `FORCED`).
    #[uniffi(default)]
    pub force: bool,
}

/// What a sync does to one secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SyncAction {
    /// A desired secret the scope lacks.
    Create,
    /// A desired secret that exists; its value is written (see `reason` for why).
    Update,
    /// The state shows the scope already holds this value: nothing is sent.
    Unchanged,
    /// `prune`: the scope has a secret that is not desired.
    Delete,
}

/// Why a sync writes a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum WriteReason {
    /// The scope lacks the secret.
    New,
    /// The value differs from the one this library last wrote there.
    Changed,
    /// The secret changed on GitHub since this library wrote it (its `updatedAt` moved).
    ChangedElsewhere,
    /// `force` was set.
    Forced,
    /// The secret exists but nothing records what it holds (no state, or a state without this
    /// secret): GitHub never returns values, so it is written to be sure.
    Untracked,
}

/// One entry of a sync's plan.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PlannedChange {
    /// The secret's name, upper-case.
    pub name: String,
    /// What happens to it.
    pub action: SyncAction,
    /// For `CREATE` and `UPDATE`, why the value is written; `null` / `nil` otherwise.
    pub reason: Option<WriteReason>,
}

/// What a sync planned and, unless it was a dry run, did. Updates change only values:
/// organization secrets keep their visibility and selected repositories.
#[derive(Debug, Clone, uniffi::Record)]
pub struct SyncReport {
    /// Every desired secret in the given order (creates, updates, unchanged), then deletes.
    pub plan: Vec<PlannedChange>,
    /// Whether nothing was sent.
    pub dry_run: bool,
    /// The secrets left alone because the state shows they already hold the value.
    pub unchanged: Vec<String>,
    /// What happened to each write (empty for a dry run).
    pub result: BulkReport,
}

impl From<SyncOptions> for sdk::SyncOptions {
    fn from(o: SyncOptions) -> Self {
        Self {
            dry_run: o.dry_run,
            prune: o.prune,
            state: o.state.map(PathBuf::from),
            state_key_file: o.state_key_file.map(PathBuf::from),
            force: o.force,
        }
    }
}

impl From<sdk::SyncAction> for SyncAction {
    fn from(a: sdk::SyncAction) -> Self {
        match a {
            sdk::SyncAction::Create => Self::Create,
            sdk::SyncAction::Update => Self::Update,
            sdk::SyncAction::Unchanged => Self::Unchanged,
            sdk::SyncAction::Delete => Self::Delete,
        }
    }
}

impl From<sdk::WriteReason> for WriteReason {
    fn from(r: sdk::WriteReason) -> Self {
        match r {
            sdk::WriteReason::New => Self::New,
            sdk::WriteReason::Changed => Self::Changed,
            sdk::WriteReason::ChangedElsewhere => Self::ChangedElsewhere,
            sdk::WriteReason::Forced => Self::Forced,
            sdk::WriteReason::Untracked => Self::Untracked,
        }
    }
}

impl From<sdk::PlannedChange> for PlannedChange {
    fn from(c: sdk::PlannedChange) -> Self {
        Self {
            name: c.name,
            action: c.action.into(),
            reason: c.reason.map(Into::into),
        }
    }
}

impl From<sdk::SyncReport> for SyncReport {
    fn from(r: sdk::SyncReport) -> Self {
        Self {
            plan: r.plan.into_iter().map(Into::into).collect(),
            dry_run: r.dry_run,
            unchanged: r.unchanged,
            result: r.result.into(),
        }
    }
}
