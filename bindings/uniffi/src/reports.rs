//! Bulk work: progress callbacks and the reports of `setMany` and `syncEnvFile`.

use std::sync::Arc;

use codespaces_secrets as sdk;

use crate::error::CodespacesSecretsError;

/// Progress of `setMany` or `syncEnvFile`, given to a [`ProgressListener`] after each item.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Progress {
    /// Items finished so far.
    pub done: u32,
    /// Items in all.
    pub total: u32,
    /// The item just finished.
    pub name: String,
    /// Whether it succeeded.
    pub ok: bool,
}

/// Told after each item of `setMany` or `syncEnvFile`, on the thread running the call. Keep it
/// quick: the next item waits for it.
#[uniffi::export(with_foreign)]
pub trait ProgressListener: Send + Sync {
    /// One more item is done.
    fn on_progress(&self, progress: Progress);
}

/// The SDK's progress callback, forwarding to the listener if there is one.
pub(crate) fn report_to(
    listener: Option<Arc<dyn ProgressListener>>,
) -> impl FnMut(sdk::Progress<'_>) + Send {
    move |p| {
        if let Some(listener) = &listener {
            listener.on_progress(Progress {
                done: u32::try_from(p.done).unwrap_or(u32::MAX),
                total: u32::try_from(p.total).unwrap_or(u32::MAX),
                name: p.name.to_owned(),
                ok: p.ok,
            });
        }
    }
}

/// What happened to each item of a bulk operation; every item appears exactly once.
#[derive(Debug, Clone, uniffi::Record)]
pub struct BulkReport {
    /// Secrets that did not exist before.
    pub created: Vec<String>,
    /// Secrets whose value was replaced.
    pub updated: Vec<String>,
    /// Secrets removed (`syncEnvFile` with `prune`).
    pub deleted: Vec<String>,
    /// Items that failed, with the error each would have thrown alone.
    pub failed: Vec<BulkFailure>,
}

/// One failed item of a bulk operation.
#[derive(Debug, Clone, uniffi::Record)]
pub struct BulkFailure {
    /// The secret's name.
    pub name: String,
    /// Why it failed.
    pub error: CodespacesSecretsError,
}

/// How `syncEnvFile` runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, uniffi::Record)]
pub struct SyncOptions {
    /// Plan only: report the changes, send no write.
    #[uniffi(default)]
    pub dry_run: bool,
    /// Also delete the scope's secrets that the file does not name.
    #[uniffi(default)]
    pub prune: bool,
}

/// What a sync does to one secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SyncAction {
    /// The file names a secret the scope lacks.
    Create,
    /// The file names an existing secret; its value is replaced.
    Update,
    /// The sync state shows the scope already holds this value: nothing is sent.
    Unchanged,
    /// `prune`: the scope has a secret the file does not name.
    Delete,
}

/// One change of a sync.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PlannedChange {
    /// The secret's name, upper-case.
    pub name: String,
    /// What happens to it.
    pub action: SyncAction,
}

/// What a sync planned and, unless it was a dry run, did.
#[derive(Debug, Clone, uniffi::Record)]
pub struct SyncReport {
    /// Creates and updates in file order, then deletes.
    pub plan: Vec<PlannedChange>,
    /// Whether nothing was sent.
    pub dry_run: bool,
    /// What happened to each change (empty for a dry run).
    pub result: BulkReport,
}

impl From<sdk::BulkReport> for BulkReport {
    fn from(r: sdk::BulkReport) -> Self {
        Self {
            created: r.created,
            updated: r.updated,
            deleted: r.deleted,
            failed: r.failed.into_iter().map(BulkFailure::from).collect(),
        }
    }
}

impl From<sdk::BulkFailure> for BulkFailure {
    fn from(f: sdk::BulkFailure) -> Self {
        Self {
            name: f.name,
            error: f.error.into(),
        }
    }
}

impl From<SyncOptions> for sdk::SyncOptions {
    fn from(o: SyncOptions) -> Self {
        Self {
            dry_run: o.dry_run,
            prune: o.prune,
            ..Self::default()
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

impl From<sdk::SyncReport> for SyncReport {
    fn from(r: sdk::SyncReport) -> Self {
        Self {
            plan: r
                .plan
                .into_iter()
                .map(|c| PlannedChange {
                    name: c.name,
                    action: c.action.into(),
                })
                .collect(),
            dry_run: r.dry_run,
            result: r.result.into(),
        }
    }
}

#[uniffi::export]
impl BulkReport {
    /// Whether every item succeeded.
    pub fn is_success(&self) -> bool {
        self.failed.is_empty()
    }

    /// How many items succeeded.
    pub fn succeeded(&self) -> u32 {
        let done = self.created.len() + self.updated.len() + self.deleted.len();
        u32::try_from(done).unwrap_or(u32::MAX)
    }
}
