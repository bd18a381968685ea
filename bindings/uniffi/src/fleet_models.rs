//! What a fleet plan says: the `Plan` object (the SDK's plan, values included, kept in Rust
//! memory) and its changes, warnings, errors and cost as records.

use std::fmt;

use codespaces_secrets::fleet as sdk;

use crate::error::CodespacesSecretsError;

/// What a fleet change does to one secret in one scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ChangeAction {
    /// The target lacks the secret: it is written.
    Create,
    /// The value is written again (see `reason`).
    Update,
    /// The target holds the value and access: nothing is sent.
    Unchanged,
    /// Only the visibility or repositories change.
    Access,
    /// An owned secret the manifest no longer puts there (prune).
    Delete,
    /// A secret this manifest does not own: listed, never touched.
    Unmanaged,
}

/// Why a fleet change writes a value or deletes a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ChangeReason {
    /// The target lacks it.
    New,
    /// The value differs from what this library last wrote there.
    Changed,
    /// It changed on GitHub since this library wrote it.
    ChangedElsewhere,
    /// `force` was set.
    Forced,
    /// Nothing records what it holds (no state, or not written by this library).
    Untracked,
    /// Owned by this manifest, which no longer puts it there.
    Pruned,
}

impl From<sdk::ChangeAction> for ChangeAction {
    fn from(a: sdk::ChangeAction) -> Self {
        use sdk::ChangeAction as A;
        match a {
            A::Create => Self::Create,
            A::Update => Self::Update,
            A::Unchanged => Self::Unchanged,
            A::Access => Self::Access,
            A::Delete => Self::Delete,
            A::Unmanaged => Self::Unmanaged,
        }
    }
}

impl From<sdk::ChangeReason> for ChangeReason {
    fn from(r: sdk::ChangeReason) -> Self {
        use sdk::ChangeReason as R;
        match r {
            R::New => Self::New,
            R::Changed => Self::Changed,
            R::ChangedElsewhere => Self::ChangedElsewhere,
            R::Forced => Self::Forced,
            R::Untracked => Self::Untracked,
            R::Pruned => Self::Pruned,
        }
    }
}

/// One target scope and secret of a plan.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Change {
    /// `repos/OWNER/NAME`, `orgs/ORG` or `user`.
    pub scope: String,
    /// The secret's name, upper-case.
    pub name: String,
    /// What happens.
    pub action: ChangeAction,
    /// Why a value is written or a secret deleted.
    pub reason: Option<ChangeReason>,
    /// Who may use the secret, when that changes.
    pub access: Option<AccessChange>,
}

/// A change of who may use a secret.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AccessChange {
    /// The visibility, when it changes.
    pub visibility: Option<VisibilityChange>,
    /// Repositories given access, by `OWNER/NAME`.
    pub added: Vec<String>,
    /// Repositories losing access, by `OWNER/NAME`.
    pub removed: Vec<String>,
}

/// A visibility before and after.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VisibilityChange {
    /// Now (`none` for a secret that does not exist yet).
    pub from: String,
    /// After the apply.
    pub to: String,
}

/// A warning or an error of a plan.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Notice {
    /// A stable kind, e.g. `shadowed`, `selector_matched_nothing`, `source_failed`.
    pub kind: String,
    /// The scope concerned, when one is.
    pub scope: Option<String>,
    /// The secret concerned, when one is.
    pub name: Option<String>,
    /// What and what to do.
    pub message: String,
}

/// The cost of a plan.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Totals {
    /// Requests the plan sent.
    pub reads: u64,
    /// Of those, answered `304 Not Modified` (conditional reads): no rate limit spent.
    pub not_modified: u64,
    /// Write requests an apply sends.
    pub writes: u64,
    /// Seconds those take at GitHub's pace (one a second, 80 a minute, 500 an hour).
    pub seconds: u64,
    /// Primary rate-limit points the apply will spend.
    pub points: u64,
    /// What the token has left of its primary limit, as GitHub's last answer said.
    pub rate_remaining: Option<u64>,
    /// When that resets, in seconds since the Unix epoch.
    pub rate_reset: Option<u64>,
}

fn change(c: &sdk::Change) -> Change {
    Change {
        scope: c.scope.clone(),
        name: c.name.clone(),
        action: c.action.into(),
        reason: c.reason.map(Into::into),
        access: c.access.as_ref().map(|a| AccessChange {
            visibility: a.visibility.as_ref().map(|v| VisibilityChange {
                from: v.from.clone(),
                to: v.to.clone(),
            }),
            added: a.added.clone(),
            removed: a.removed.clone(),
        }),
    }
}

fn notices(list: &[sdk::Notice]) -> Vec<Notice> {
    let notice = |n: &sdk::Notice| Notice {
        kind: n.kind.to_owned(),
        scope: n.scope.clone(),
        name: n.name.clone(),
        message: n.message.clone(),
    };
    list.iter().map(notice).collect()
}

/// A fleet plan: per scope and name what would change and why, warnings, errors and the cost.
/// The values an apply needs stay in Rust memory; nothing here shows one. `toString()` is a
/// table of the changes.
#[derive(uniffi::Object)]
#[uniffi::export(Display)]
pub struct Plan(pub(crate) sdk::Plan);

#[uniffi::export]
impl Plan {
    /// The plan format's version.
    pub fn version(&self) -> u32 {
        self.0.summary.version
    }
    /// Per scope and name, in scope order.
    pub fn changes(&self) -> Vec<Change> {
        self.0.summary.changes.iter().map(change).collect()
    }
    /// What does not stop an apply (value lint, shadowing, ownership).
    pub fn warnings(&self) -> Vec<Notice> {
        notices(&self.0.summary.warnings)
    }
    /// What stops an apply (a selector that matched nothing, a missing repository, a value
    /// source that failed): `apply` refuses such a plan with `InvalidInput` before any request.
    pub fn errors(&self) -> Vec<Notice> {
        notices(&self.0.summary.errors)
    }
    /// Reads made, writes needed, seconds at GitHub's pace.
    pub fn totals(&self) -> Totals {
        let t = &self.0.summary.totals;
        Totals {
            reads: t.reads,
            not_modified: t.not_modified,
            writes: t.writes,
            seconds: t.seconds,
            points: t.points,
            rate_remaining: t.rate_remaining,
            rate_reset: t.rate_reset,
        }
    }
    /// Whether an apply would send anything (what `check` is for).
    pub fn has_changes(&self) -> bool {
        self.0.summary.has_changes()
    }
    /// Saves the plan (mode 0600) for `Client.loadSavedPlan`: observations and keyed
    /// fingerprints, never a value. Needs a plan of a manifest file, with a state or
    /// `fingerprints = true`.
    pub fn save(&self, path: String) -> Result<(), CodespacesSecretsError> {
        Ok(self.0.save(path)?)
    }
}

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.summary.fmt(f)
    }
}
