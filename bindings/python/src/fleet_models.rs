//! What a fleet plan says, as frozen Python classes: each change, warning and error, the cost,
//! and the action and reason enums. Copied out of the SDK's `PlanSummary`; never a value.

use codespaces_secrets::fleet as sdk;
use pyo3::prelude::*;

/// What a fleet change does to one secret in one scope.
#[pyclass(frozen, eq, hash, module = "codespaces_secrets.fleet")]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum ChangeAction {
    #[pyo3(name = "CREATE")]
    Create,
    #[pyo3(name = "UPDATE")]
    Update,
    #[pyo3(name = "UNCHANGED")]
    Unchanged,
    #[pyo3(name = "ACCESS")]
    Access,
    #[pyo3(name = "DELETE")]
    Delete,
    #[pyo3(name = "UNMANAGED")]
    Unmanaged,
}

#[pymethods]
impl ChangeAction {
    /// The plan JSON's spelling: `"create"`, `"update"`, `"unchanged"`, `"access"`,
    /// `"delete"` or `"unmanaged"`.
    #[getter]
    fn value(&self) -> &'static str {
        sdk::ChangeAction::from(*self).as_str()
    }
    fn __str__(&self) -> &'static str {
        self.value()
    }
}

impl From<sdk::ChangeAction> for ChangeAction {
    fn from(action: sdk::ChangeAction) -> Self {
        match action {
            sdk::ChangeAction::Create => Self::Create,
            sdk::ChangeAction::Update => Self::Update,
            sdk::ChangeAction::Unchanged => Self::Unchanged,
            sdk::ChangeAction::Access => Self::Access,
            sdk::ChangeAction::Delete => Self::Delete,
            sdk::ChangeAction::Unmanaged => Self::Unmanaged,
        }
    }
}

impl From<ChangeAction> for sdk::ChangeAction {
    fn from(action: ChangeAction) -> Self {
        match action {
            ChangeAction::Create => Self::Create,
            ChangeAction::Update => Self::Update,
            ChangeAction::Unchanged => Self::Unchanged,
            ChangeAction::Access => Self::Access,
            ChangeAction::Delete => Self::Delete,
            ChangeAction::Unmanaged => Self::Unmanaged,
        }
    }
}

/// Why a fleet change writes a value or deletes a secret.
#[pyclass(frozen, eq, hash, module = "codespaces_secrets.fleet")]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum ChangeReason {
    #[pyo3(name = "NEW")]
    New,
    #[pyo3(name = "CHANGED")]
    Changed,
    #[pyo3(name = "CHANGED_ELSEWHERE")]
    ChangedElsewhere,
    #[pyo3(name = "FORCED")]
    Forced,
    #[pyo3(name = "UNTRACKED")]
    Untracked,
    #[pyo3(name = "PRUNED")]
    Pruned,
}

#[pymethods]
impl ChangeReason {
    /// The plan JSON's spelling, e.g. `"changed_elsewhere"`.
    #[getter]
    fn value(&self) -> &'static str {
        self.sdk().as_str()
    }
    fn __str__(&self) -> &'static str {
        self.value()
    }
}

impl ChangeReason {
    fn sdk(self) -> sdk::ChangeReason {
        match self {
            Self::New => sdk::ChangeReason::New,
            Self::Changed => sdk::ChangeReason::Changed,
            Self::ChangedElsewhere => sdk::ChangeReason::ChangedElsewhere,
            Self::Forced => sdk::ChangeReason::Forced,
            Self::Untracked => sdk::ChangeReason::Untracked,
            Self::Pruned => sdk::ChangeReason::Pruned,
        }
    }
}

impl From<sdk::ChangeReason> for ChangeReason {
    fn from(reason: sdk::ChangeReason) -> Self {
        match reason {
            sdk::ChangeReason::New => Self::New,
            sdk::ChangeReason::Changed => Self::Changed,
            sdk::ChangeReason::ChangedElsewhere => Self::ChangedElsewhere,
            sdk::ChangeReason::Forced => Self::Forced,
            sdk::ChangeReason::Untracked => Self::Untracked,
            sdk::ChangeReason::Pruned => Self::Pruned,
        }
    }
}

/// One target scope and secret of a plan.
#[pyclass(frozen, get_all, module = "codespaces_secrets.fleet")]
pub(crate) struct Change {
    /// `repos/OWNER/NAME`, `orgs/ORG` or `user`.
    scope: String,
    /// The secret's name, upper-case.
    name: String,
    action: ChangeAction,
    /// Why a value is written or a secret deleted.
    reason: Option<ChangeReason>,
    /// Who may use the secret, when that changes.
    access: Option<Py<AccessChange>>,
}

impl Change {
    pub(crate) fn new(py: Python<'_>, c: &sdk::Change) -> PyResult<Self> {
        Ok(Self {
            scope: c.scope.clone(),
            name: c.name.clone(),
            action: c.action.into(),
            reason: c.reason.map(Into::into),
            access: c
                .access
                .as_ref()
                .map(|a| Py::new(py, AccessChange::new(py, a)?))
                .transpose()?,
        })
    }
}

#[pymethods]
impl Change {
    fn __repr__(&self) -> String {
        format!(
            "Change(scope='{}', name='{}', action='{}')",
            self.scope,
            self.name,
            self.action.value()
        )
    }
}

/// A change of who may use a secret: the visibility, and repositories by `OWNER/NAME`.
#[pyclass(frozen, get_all, module = "codespaces_secrets.fleet")]
pub(crate) struct AccessChange {
    visibility: Option<Py<VisibilityChange>>,
    added: Vec<String>,
    removed: Vec<String>,
}

impl AccessChange {
    fn new(py: Python<'_>, a: &sdk::AccessChange) -> PyResult<Self> {
        let visibility = a.visibility.as_ref().map(|v| {
            let change = VisibilityChange {
                from_: v.from.clone(),
                to: v.to.clone(),
            };
            Py::new(py, change)
        });
        Ok(Self {
            visibility: visibility.transpose()?,
            added: a.added.clone(),
            removed: a.removed.clone(),
        })
    }
}

/// A visibility before (`from_`; `"none"` for a new secret) and after (`to`).
#[pyclass(frozen, get_all, module = "codespaces_secrets.fleet")]
pub(crate) struct VisibilityChange {
    from_: String,
    to: String,
}

/// A warning or an error of a plan: a stable `kind` (e.g. `"selector_matched_nothing"`), the
/// scope and secret concerned when there are, and what to do.
#[pyclass(frozen, get_all, module = "codespaces_secrets.fleet")]
pub(crate) struct Notice {
    kind: &'static str,
    scope: Option<String>,
    name: Option<String>,
    message: String,
}

impl From<&sdk::Notice> for Notice {
    fn from(n: &sdk::Notice) -> Self {
        Self {
            kind: n.kind,
            scope: n.scope.clone(),
            name: n.name.clone(),
            message: n.message.clone(),
        }
    }
}

#[pymethods]
impl Notice {
    fn __repr__(&self) -> String {
        format!("Notice(kind='{}', message={:?})", self.kind, self.message)
    }
}

/// The cost of a plan: requests it sent (and how many were 304s), writes an apply needs, seconds
/// at GitHub's pace, primary rate-limit points and what the token has left.
#[pyclass(frozen, get_all, module = "codespaces_secrets.fleet")]
pub(crate) struct Totals {
    reads: u64,
    not_modified: u64,
    writes: u64,
    seconds: u64,
    points: u64,
    rate_remaining: Option<u64>,
    rate_reset: Option<u64>,
}

impl From<&sdk::Totals> for Totals {
    fn from(t: &sdk::Totals) -> Self {
        Self {
            reads: t.reads,
            not_modified: t.not_modified,
            writes: t.writes,
            seconds: t.seconds,
            points: t.points,
            rate_remaining: t.rate_remaining,
            rate_reset: t.rate_reset,
        }
    }
}

#[pymethods]
impl Totals {
    fn __repr__(&self) -> String {
        format!(
            "Totals(reads={}, not_modified={}, writes={}, seconds={}, points={})",
            self.reads, self.not_modified, self.writes, self.seconds, self.points
        )
    }
}

/// Adds the fleet classes to the module (`codespaces_secrets.fleet` re-exports them).
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<crate::fleet::Plan>()?;
    m.add_class::<Change>()?;
    m.add_class::<AccessChange>()?;
    m.add_class::<VisibilityChange>()?;
    m.add_class::<Notice>()?;
    m.add_class::<Totals>()?;
    m.add_class::<ChangeAction>()?;
    m.add_class::<ChangeReason>()?;
    m.add_class::<crate::fleet_report::ApplyReport>()?;
    m.add_class::<crate::fleet_report::AppliedChange>()?;
    m.add_class::<crate::fleet_report::ApplyProgress>()?;
    Ok(())
}
