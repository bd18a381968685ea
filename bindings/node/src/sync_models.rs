//! What `sync` and `syncEnvFile` take and report, as plain JavaScript objects, and their
//! conversions to and from the SDK's types.

use codespaces_secrets as sdk;
use napi_derive::napi;

use crate::models::BulkReport;

/// Options of `sync` and `syncEnvFile`. Only values change: organization secrets keep their
/// visibility and selected repositories.
#[napi(object)]
#[derive(Default)]
pub struct SyncOptions {
    /// Plan only: report the changes, send no write (the state file is left as it is).
    pub dry_run: Option<bool>,
    /// Also delete the scope's secrets that the desired set does not name.
    pub prune: Option<bool>,
    /// Path of a state file that makes the sync incremental: a value is written only when it
    /// is new, differs from what this package last wrote there, or changed on GitHub since
    /// (its `updatedAt` moved); a re-sync of unchanged values is one list request. Per API,
    /// scope and name the file holds a keyed fingerprint and GitHub's `updated_at` — never a
    /// value, never an unkeyed hash. Created if missing, mode 0600. Absent: every value is
    /// written.
    pub state: Option<String>,
    /// Path of the key for the state's fingerprints, kept apart from the state (created, mode
    /// 0600, if missing). Default: `CODESPACES_SECRETS_STATE_KEY` (base64 of 32 bytes), else
    /// `state.key` in the user's config directory. A state read with another key only means
    /// every value is written once more.
    pub state_key_file: Option<String>,
    /// Write every value even when the state says it is unchanged.
    pub force: Option<bool>,
}

/// What a sync planned and, unless it was a dry run, did.
#[napi(object)]
pub struct SyncReport {
    /// Every desired secret in the given order (creates, updates, unchanged), then deletes.
    pub plan: Vec<PlannedChange>,
    /// Whether nothing was sent.
    pub dry_run: bool,
    /// Secrets left alone because the state shows the scope already holds their value.
    pub unchanged: Vec<String>,
    /// What happened to each write (empty for a dry run).
    pub result: BulkReport,
}

/// One entry of a sync's plan.
#[napi(object)]
pub struct PlannedChange {
    /// The secret's name, upper-case.
    pub name: String,
    /// What happens to it.
    pub action: SyncAction,
    /// For creates and updates, why the value is written.
    pub reason: Option<WriteReason>,
}

/// What a sync does to one secret.
#[napi(string_enum = "lowercase")]
pub enum SyncAction {
    /// The desired set names a secret the scope lacks.
    Create,
    /// The desired set names an existing secret; its value is written (see `reason`).
    Update,
    /// The sync state shows the scope already holds this value: nothing is sent.
    Unchanged,
    /// `prune`: the scope has a secret the desired set does not name.
    Delete,
}

/// Why a sync writes a value.
#[napi(string_enum = "snake_case")]
pub enum WriteReason {
    /// The scope lacks the secret.
    New,
    /// The value differs from the one this package last wrote there.
    Changed,
    /// The secret changed on GitHub since this package wrote it (its `updatedAt` moved).
    ChangedElsewhere,
    /// `force` was set.
    Forced,
    /// The secret exists but nothing records what it holds (no state, or a state without
    /// it): GitHub never returns values, so it is written to be sure.
    Untracked,
}

impl From<sdk::SyncAction> for SyncAction {
    fn from(action: sdk::SyncAction) -> Self {
        match action {
            sdk::SyncAction::Create => Self::Create,
            sdk::SyncAction::Update => Self::Update,
            sdk::SyncAction::Unchanged => Self::Unchanged,
            sdk::SyncAction::Delete => Self::Delete,
        }
    }
}

impl From<sdk::WriteReason> for WriteReason {
    fn from(reason: sdk::WriteReason) -> Self {
        match reason {
            sdk::WriteReason::New => Self::New,
            sdk::WriteReason::Changed => Self::Changed,
            sdk::WriteReason::ChangedElsewhere => Self::ChangedElsewhere,
            sdk::WriteReason::Forced => Self::Forced,
            sdk::WriteReason::Untracked => Self::Untracked,
        }
    }
}

impl From<sdk::PlannedChange> for PlannedChange {
    fn from(change: sdk::PlannedChange) -> Self {
        Self {
            name: change.name,
            action: change.action.into(),
            reason: change.reason.map(Into::into),
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

impl From<SyncOptions> for sdk::SyncOptions {
    fn from(o: SyncOptions) -> Self {
        Self {
            dry_run: o.dry_run.unwrap_or(false),
            prune: o.prune.unwrap_or(false),
            state: o.state.map(Into::into),
            state_key_file: o.state_key_file.map(Into::into),
            force: o.force.unwrap_or(false),
        }
    }
}
