//! What a fleet plan says and an apply did, as plain JavaScript objects (and the `Plan` class
//! that keeps the SDK's plan, values included, in Rust memory).

use std::sync::Arc;

use codespaces_secrets::fleet as fleet_sdk;
use napi::Env;
use napi_derive::napi;

use crate::error::throw;

/// What a fleet change does to one secret in one scope.
#[napi(string_enum = "lowercase")]
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
#[napi(string_enum = "snake_case")]
pub enum ChangeReason {
    /// The target lacks it.
    New,
    /// The value differs from what this package last wrote there.
    Changed,
    /// It changed on GitHub since this package wrote it.
    ChangedElsewhere,
    /// `force` was set.
    Forced,
    /// Nothing records what it holds (no state, or not written by this package).
    Untracked,
    /// Owned by this manifest, which no longer puts it there.
    Pruned,
}

impl From<fleet_sdk::ChangeAction> for ChangeAction {
    fn from(a: fleet_sdk::ChangeAction) -> Self {
        use fleet_sdk::ChangeAction as A;
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

impl From<fleet_sdk::ChangeReason> for ChangeReason {
    fn from(r: fleet_sdk::ChangeReason) -> Self {
        use fleet_sdk::ChangeReason as R;
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
#[napi(object)]
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
#[napi(object)]
pub struct AccessChange {
    /// The visibility, when it changes.
    pub visibility: Option<VisibilityChange>,
    /// Repositories given access, by `OWNER/NAME`.
    pub added: Vec<String>,
    /// Repositories losing access, by `OWNER/NAME`.
    pub removed: Vec<String>,
}

/// A visibility before and after.
#[napi(object)]
pub struct VisibilityChange {
    /// Now (`none` for a secret that does not exist yet).
    pub from: String,
    /// After the apply.
    pub to: String,
}

/// A warning or an error of a plan.
#[napi(object)]
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
#[napi(object)]
pub struct Totals {
    /// Requests the plan sent.
    pub reads: i64,
    /// Of those, answered `304 Not Modified` (conditional reads): no rate limit spent.
    pub not_modified: i64,
    /// Write requests the apply sends.
    pub writes: i64,
    /// Seconds those take at GitHub's pace (one a second, 80 a minute, 500 an hour).
    pub seconds: i64,
    /// Primary rate-limit points the apply will spend.
    pub points: i64,
    /// What the token has left of its primary limit, as GitHub's last answer said.
    pub rate_remaining: Option<i64>,
    /// When that resets, in seconds since the Unix epoch.
    pub rate_reset: Option<i64>,
}

/// A plan as `JSON.stringify(plan)` writes it: the CLI's `plan --json` shape.
#[napi(object)]
pub struct PlanSummary {
    /// The plan format's version.
    pub version: u32,
    /// Per scope and name.
    pub changes: Vec<Change>,
    /// What does not stop an apply.
    pub warnings: Vec<Notice>,
    /// What stops an apply.
    pub errors: Vec<Notice>,
    /// The cost.
    pub totals: Totals,
}

pub(crate) fn n(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

fn change(c: &fleet_sdk::Change) -> Change {
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

fn notices(list: &[fleet_sdk::Notice]) -> Vec<Notice> {
    let notice = |n: &fleet_sdk::Notice| Notice {
        kind: n.kind.to_owned(),
        scope: n.scope.clone(),
        name: n.name.clone(),
        message: n.message.clone(),
    };
    list.iter().map(notice).collect()
}

/// A fleet plan: per scope and name what would change and why, warnings, errors and the cost.
/// The values an apply needs stay in Rust memory: no property, `inspect` or `JSON.stringify`
/// shows one.
#[napi]
pub struct Plan {
    pub(crate) inner: Arc<fleet_sdk::Plan>,
}

#[napi]
impl Plan {
    /// The plan format's version.
    #[napi(getter)]
    pub fn version(&self) -> u32 {
        self.inner.summary.version
    }
    /// Per scope and name, in scope order.
    #[napi(getter)]
    pub fn changes(&self) -> Vec<Change> {
        self.inner.summary.changes.iter().map(change).collect()
    }
    /// What does not stop an apply (value lint, shadowing, ownership).
    #[napi(getter)]
    pub fn warnings(&self) -> Vec<Notice> {
        notices(&self.inner.summary.warnings)
    }
    /// What stops an apply (a selector that matched nothing, a missing repository, a value
    /// source that failed): `apply` rejects such a plan with `INVALID_INPUT` before any request.
    #[napi(getter)]
    pub fn errors(&self) -> Vec<Notice> {
        notices(&self.inner.summary.errors)
    }
    /// Reads made, writes needed, seconds at GitHub's pace.
    #[napi(getter)]
    pub fn totals(&self) -> Totals {
        let t = &self.inner.summary.totals;
        Totals {
            reads: n(t.reads),
            not_modified: n(t.not_modified),
            writes: n(t.writes),
            seconds: n(t.seconds),
            points: n(t.points),
            rate_remaining: t.rate_remaining.map(n),
            rate_reset: t.rate_reset.map(n),
        }
    }
    /// Whether an apply would send anything (what `check` is for).
    #[napi(getter)]
    pub fn has_changes(&self) -> bool {
        self.inner.summary.has_changes()
    }
    /// Saves the plan (mode 0600) for `client.loadSavedPlan`: what it observed and keyed
    /// fingerprints, never a value. Needs a plan of a manifest file, with a `state` or
    /// `fingerprints: true`; throws `INVALID_INPUT` otherwise.
    #[napi]
    pub fn save(&self, env: Env, path: String) -> napi::Result<()> {
        throw(&env, self.inner.save(path))
    }
    /// The plan's summary (what `JSON.stringify` writes).
    #[napi(js_name = "toJSON")]
    pub fn to_json(&self) -> PlanSummary {
        PlanSummary {
            version: self.version(),
            changes: self.changes(),
            warnings: self.warnings(),
            errors: self.errors(),
            totals: self.totals(),
        }
    }
    /// An aligned table of the changes, then warnings, errors and totals.
    #[napi(js_name = "toString")]
    pub fn to_text(&self) -> String {
        self.inner.summary.to_string()
    }
}
