//! Making a scope's secrets match a desired set (a `.env` file or pairs given in code): the
//! options, the plan and the report. The run itself is in `sync_run`.

use std::fmt;
use std::path::PathBuf;

use crate::scope::bulk::BulkReport;
use crate::visible_text::visible_text;

/// How to sync.
///
/// ```
/// use codespaces_secrets::SyncOptions;
/// let options = SyncOptions {
///     prune: true,
///     state: Some(".codespaces-secrets-state.json".into()),
///     ..SyncOptions::default()
/// };
/// # let _ = options;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncOptions {
    /// Plan only: list the changes, send no write (and leave the state file as it is).
    pub dry_run: bool,
    /// Also delete secrets of the scope that the desired set does not name.
    pub prune: bool,
    /// A state file that makes the sync incremental: a value is written only when the scope
    /// lacks the secret, the value differs from what this tool last wrote there, or the secret
    /// changed on GitHub since (its `updated_at` moved). The file holds, per API, scope and
    /// name, a keyed fingerprint and GitHub's `updated_at` — never a value, never an unkeyed
    /// hash. Created if missing (mode 0600). `None`: every value is written, as without state.
    pub state: Option<PathBuf>,
    /// The key file for the state's fingerprints (created with a random key if missing).
    /// Default: `CODESPACES_SECRETS_STATE_KEY` (base64 of 32 bytes), else
    /// [`default_state_key_path`](crate::default_state_key_path). A state read with another key
    /// is harmless: every value is written once more.
    pub state_key_file: Option<PathBuf>,
    /// Write every value even when the state says it is unchanged.
    pub force: bool,
}

/// A change a sync makes (or, in a dry run, would make).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncAction {
    /// The desired set names a secret the scope lacks.
    Create,
    /// The desired set names an existing secret whose value is written again (see
    /// [`WriteReason`] for why).
    Update,
    /// The state shows the scope already holds this value: nothing is sent.
    Unchanged,
    /// `prune`: the scope has a secret the desired set does not name.
    Delete,
}

impl SyncAction {
    /// `create`, `update`, `unchanged` or `delete`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Create => "create",
            Self::Update => "update",
            Self::Unchanged => "unchanged",
            Self::Delete => "delete",
        }
    }
}

impl fmt::Display for SyncAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `pad` honours width flags, so plans print as aligned columns.
        f.pad(self.as_str())
    }
}

/// Why a sync writes a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteReason {
    /// The scope lacks the secret.
    New,
    /// The value differs from the one this tool last wrote there.
    Changed,
    /// The secret changed on GitHub since this tool wrote it (its `updated_at` moved).
    ChangedElsewhere,
    /// `force` was set.
    Forced,
    /// The secret exists but nothing records what it holds (no state file, or a state
    /// without this secret): GitHub never returns values, so it is written to be sure.
    Untracked,
}

impl WriteReason {
    /// `new`, `changed`, `changed_elsewhere`, `forced` or `untracked`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Changed => "changed",
            Self::ChangedElsewhere => "changed_elsewhere",
            Self::Forced => "forced",
            Self::Untracked => "untracked",
        }
    }
}

impl fmt::Display for WriteReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// One entry of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedChange {
    /// The secret's name, upper-case.
    pub name: String,
    /// What happens to it.
    pub action: SyncAction,
    /// For creates and updates, why the value is written.
    pub reason: Option<WriteReason>,
}

/// The plan of a sync and, unless it was a dry run, what happened.
#[derive(Debug, Clone)]
pub struct SyncReport {
    /// Every desired secret in order (creates, updates and unchanged ones), then deletes.
    pub plan: Vec<PlannedChange>,
    /// Whether this was a dry run (then `result` is empty).
    pub dry_run: bool,
    /// Secrets left as they were because the state shows they already hold the value.
    pub unchanged: Vec<String>,
    /// What happened to each write.
    pub result: BulkReport,
}

impl SyncReport {
    /// The planned writes (creates, updates and deletes), without the unchanged entries.
    pub fn changes(&self) -> impl Iterator<Item = &PlannedChange> {
        self.plan
            .iter()
            .filter(|c| c.action != SyncAction::Unchanged)
    }
}

impl fmt::Display for SyncReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for change in &self.plan {
            // A name to delete comes from the server's list: shown, never obeyed.
            write!(f, "{:<9} {}", change.action, visible_text(&change.name))?;
            match change.reason {
                Some(reason) if reason != WriteReason::New => writeln!(f, " ({reason})")?,
                _ => writeln!(f)?,
            }
        }
        if self.dry_run {
            return write!(
                f,
                "dry run: {} changes planned, {} unchanged, nothing sent",
                self.changes().count(),
                self.unchanged.len()
            );
        }
        let r = &self.result;
        write!(
            f,
            "{} created, {} updated, {} unchanged, {} deleted, {} failed",
            r.created.len(),
            r.updated.len(),
            self.unchanged.len(),
            r.deleted.len(),
            r.failed.len()
        )?;
        r.write_failures(f)
    }
}
