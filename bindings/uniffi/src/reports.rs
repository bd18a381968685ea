//! Bulk work: progress callbacks and the report of `setMany` (also the `result` of a sync).

use std::sync::Arc;

use codespaces_secrets as sdk;

use crate::error::CodespacesSecretsError;
use crate::listener_error::ListenerError;

/// Progress of `setMany`, `sync` or `syncEnvFile`, given to a [`ProgressListener`] after each item.
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

/// Told after each write of `setMany`, `sync` or `syncEnvFile`, on the thread running the call. Keep it
/// quick: the next item waits for it. An exception it throws is ignored: the work goes on.
#[uniffi::export(with_foreign)]
pub trait ProgressListener: Send + Sync {
    /// One more item is done.
    fn on_progress(&self, progress: Progress) -> Result<(), ListenerError>;
}

/// The SDK's progress callback, forwarding to the listener if there is one.
pub(crate) fn report_to(
    listener: Option<Arc<dyn ProgressListener>>,
) -> impl FnMut(sdk::Progress<'_>) + Send {
    move |p| {
        if let Some(listener) = &listener {
            let told = listener.on_progress(Progress {
                done: u32::try_from(p.done).unwrap_or(u32::MAX),
                total: u32::try_from(p.total).unwrap_or(u32::MAX),
                name: p.name.to_owned(),
                ok: p.ok,
            });
            // A display problem must not stop the writes (nor, as a panic, the app).
            if let Err(e) = told {
                tracing::warn!(error = %e, "the progress listener threw; ignored");
            }
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
    /// Secrets removed (a sync with `prune`).
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
