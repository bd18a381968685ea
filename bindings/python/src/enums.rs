//! The SDK's enums as Python enum classes (`Visibility.SELECTED`); `.value` and `str()` give
//! GitHub's lower-case spelling.

use pyo3::prelude::*;

/// Which repositories may use a user or organization secret.
#[pyclass(frozen, eq, hash, from_py_object, module = "codespaces_secrets")]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Visibility {
    #[pyo3(name = "ALL")]
    All,
    #[pyo3(name = "PRIVATE")]
    Private,
    #[pyo3(name = "SELECTED")]
    Selected,
}

#[pymethods]
impl Visibility {
    /// GitHub's spelling: `"all"`, `"private"` or `"selected"`.
    #[getter]
    pub(crate) fn value(&self) -> &'static str {
        codespaces_secrets::Visibility::from(*self).as_str()
    }
    fn __str__(&self) -> &'static str {
        self.value()
    }
}

impl From<codespaces_secrets::Visibility> for Visibility {
    fn from(v: codespaces_secrets::Visibility) -> Self {
        match v {
            codespaces_secrets::Visibility::All => Self::All,
            codespaces_secrets::Visibility::Private => Self::Private,
            codespaces_secrets::Visibility::Selected => Self::Selected,
        }
    }
}

impl From<Visibility> for codespaces_secrets::Visibility {
    fn from(v: Visibility) -> Self {
        match v {
            Visibility::All => Self::All,
            Visibility::Private => Self::Private,
            Visibility::Selected => Self::Selected,
        }
    }
}

/// What `set` did: GitHub answered 201 (created) or 204 (updated).
#[pyclass(frozen, eq, hash, module = "codespaces_secrets")]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum SetOutcome {
    #[pyo3(name = "CREATED")]
    Created,
    #[pyo3(name = "UPDATED")]
    Updated,
}

#[pymethods]
impl SetOutcome {
    /// `"created"` or `"updated"`.
    #[getter]
    pub(crate) fn value(&self) -> &'static str {
        match self {
            Self::Created => "created",
            Self::Updated => "updated",
        }
    }
    fn __str__(&self) -> &'static str {
        self.value()
    }
}

impl From<codespaces_secrets::SetOutcome> for SetOutcome {
    fn from(outcome: codespaces_secrets::SetOutcome) -> Self {
        match outcome {
            codespaces_secrets::SetOutcome::Created => Self::Created,
            codespaces_secrets::SetOutcome::Updated => Self::Updated,
        }
    }
}

/// What a sync does to one secret.
#[pyclass(frozen, eq, hash, module = "codespaces_secrets")]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum SyncAction {
    #[pyo3(name = "CREATE")]
    Create,
    #[pyo3(name = "UPDATE")]
    Update,
    #[pyo3(name = "UNCHANGED")]
    Unchanged,
    #[pyo3(name = "DELETE")]
    Delete,
}

#[pymethods]
impl SyncAction {
    /// `"create"`, `"update"`, `"unchanged"` or `"delete"`.
    #[getter]
    pub(crate) fn value(&self) -> &'static str {
        match self {
            Self::Create => "create",
            Self::Update => "update",
            Self::Unchanged => "unchanged",
            Self::Delete => "delete",
        }
    }
    fn __str__(&self) -> &'static str {
        self.value()
    }
}

impl From<codespaces_secrets::SyncAction> for SyncAction {
    fn from(action: codespaces_secrets::SyncAction) -> Self {
        match action {
            codespaces_secrets::SyncAction::Create => Self::Create,
            codespaces_secrets::SyncAction::Update => Self::Update,
            codespaces_secrets::SyncAction::Unchanged => Self::Unchanged,
            codespaces_secrets::SyncAction::Delete => Self::Delete,
        }
    }
}

/// Why a sync writes a value: the secret is new, its value changed since this tool wrote it, it
/// changed on GitHub since, `force` was given, or nothing records what it holds.
#[pyclass(frozen, eq, hash, module = "codespaces_secrets")]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum WriteReason {
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
}

#[pymethods]
impl WriteReason {
    /// `"new"`, `"changed"`, `"changed_elsewhere"`, `"forced"` or `"untracked"`.
    #[getter]
    pub(crate) fn value(&self) -> &'static str {
        codespaces_secrets::WriteReason::from(*self).as_str()
    }
    fn __str__(&self) -> &'static str {
        self.value()
    }
}

impl From<codespaces_secrets::WriteReason> for WriteReason {
    fn from(reason: codespaces_secrets::WriteReason) -> Self {
        match reason {
            codespaces_secrets::WriteReason::New => Self::New,
            codespaces_secrets::WriteReason::Changed => Self::Changed,
            codespaces_secrets::WriteReason::ChangedElsewhere => Self::ChangedElsewhere,
            codespaces_secrets::WriteReason::Forced => Self::Forced,
            codespaces_secrets::WriteReason::Untracked => Self::Untracked,
        }
    }
}

impl From<WriteReason> for codespaces_secrets::WriteReason {
    fn from(reason: WriteReason) -> Self {
        match reason {
            WriteReason::New => Self::New,
            WriteReason::Changed => Self::Changed,
            WriteReason::ChangedElsewhere => Self::ChangedElsewhere,
            WriteReason::Forced => Self::Forced,
            WriteReason::Untracked => Self::Untracked,
        }
    }
}
