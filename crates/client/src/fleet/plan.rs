//! A fleet plan as users see it: one change per target scope and name, warnings, errors and the
//! cost. Serialized as the `--json` shape; printed as an aligned table. Never holds a value.

use std::fmt;

use serde::Serialize;

use crate::visible_text::visible_text;

/// The plan format's version, in its JSON.
pub const PLAN_VERSION: u32 = 1;

/// What a plan says: per target scope and name one change, what needs care, and the cost.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct PlanSummary {
    /// [`PLAN_VERSION`].
    pub version: u32,
    /// Per scope and name, in scope order.
    pub changes: Vec<Change>,
    /// Things worth knowing that do not stop an apply (value lint, shadowing, ownership).
    pub warnings: Vec<Notice>,
    /// Mistakes that stop an apply (a selector that matched nothing, a repository that does not
    /// exist, a value source that failed).
    pub errors: Vec<Notice>,
    /// Reads made, writes needed, time at GitHub's pace.
    pub totals: Totals,
}

impl PlanSummary {
    /// Whether an apply would send anything.
    pub fn has_changes(&self) -> bool {
        self.changes.iter().any(|c| c.action.writes())
    }

    /// The changes that write (create, update, access, delete).
    pub fn writes(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.action.writes())
    }
}

/// One target scope and name.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Change {
    /// `repos/OWNER/NAME`, `orgs/ORG` or `user`.
    pub scope: String,
    /// The secret's name, upper-case.
    pub name: String,
    /// What happens.
    pub action: ChangeAction,
    /// Why a value is written or a secret deleted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<ChangeReason>,
    /// Who may use the secret, when that changes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access: Option<AccessChange>,
}

/// What a change does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeAction {
    /// The target lacks the secret: it is written.
    Create,
    /// The value is written again (see the reason).
    Update,
    /// The target holds the value and access: nothing is sent.
    Unchanged,
    /// Only the visibility or repositories change; the value is not written again.
    Access,
    /// An owned secret the manifest no longer puts there (prune).
    Delete,
    /// A secret in a target that this manifest does not own: listed, never touched.
    Unmanaged,
}

impl ChangeAction {
    /// `create`, `update`, `unchanged`, `access`, `delete` or `unmanaged`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Create => "create",
            Self::Update => "update",
            Self::Unchanged => "unchanged",
            Self::Access => "access",
            Self::Delete => "delete",
            Self::Unmanaged => "unmanaged",
        }
    }

    /// Whether an apply sends something for it.
    pub fn writes(self) -> bool {
        matches!(
            self,
            Self::Create | Self::Update | Self::Access | Self::Delete
        )
    }
}

impl fmt::Display for ChangeAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// Why a value is written (or a secret deleted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeReason {
    /// The target lacks it.
    New,
    /// The value differs from what this tool last wrote there.
    Changed,
    /// It changed on GitHub since this tool wrote it.
    ChangedElsewhere,
    /// Forced.
    Forced,
    /// Nothing records what it holds (no state, or not written by this tool).
    Untracked,
    /// Owned by this manifest, which no longer puts it there.
    Pruned,
}

impl ChangeReason {
    /// The reason as in the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Changed => "changed",
            Self::ChangedElsewhere => "changed_elsewhere",
            Self::Forced => "forced",
            Self::Untracked => "untracked",
            Self::Pruned => "pruned",
        }
    }
}

impl From<crate::WriteReason> for ChangeReason {
    fn from(reason: crate::WriteReason) -> Self {
        use crate::WriteReason as W;
        match reason {
            W::New => Self::New,
            W::Changed => Self::Changed,
            W::ChangedElsewhere => Self::ChangedElsewhere,
            W::Forced => Self::Forced,
            W::Untracked => Self::Untracked,
        }
    }
}

/// A change of who may use a secret.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct AccessChange {
    /// The visibility, when it changes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visibility: Option<VisibilityChange>,
    /// Repositories given access, by `OWNER/NAME`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<String>,
    /// Repositories losing access, by `OWNER/NAME`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<String>,
}

impl AccessChange {
    /// Whether anything changes.
    pub fn is_empty(&self) -> bool {
        self.visibility.is_none() && self.added.is_empty() && self.removed.is_empty()
    }
}

/// A visibility before and after.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct VisibilityChange {
    /// Now (`none` for a secret that does not exist yet).
    pub from: String,
    /// After the apply.
    pub to: String,
}

/// A warning or an error of a plan.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Notice {
    /// A stable kind: `empty_value`, `trailing_newline`, `carriage_return`, `shadowed`,
    /// `owned_elsewhere`, `not_pruned`, `selector_matched_nothing`, `repository_not_found`,
    /// `source_failed`.
    pub kind: &'static str,
    /// The scope concerned, when one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// The secret concerned, when one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What and what to do.
    pub message: String,
}

/// The cost of a plan.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Totals {
    /// Requests the plan sent (every page counts).
    pub reads: u64,
    /// Of those, answered `304 Not Modified` from a conditional read: no primary rate limit
    /// spent.
    pub not_modified: u64,
    /// Write requests the apply will send.
    pub writes: u64,
    /// Seconds the writes take at GitHub's pace (one a second at most, at most 80 a minute
    /// and 500 an hour).
    pub seconds: u64,
    /// Primary rate-limit points the apply will spend (writes, plus a public key and a list
    /// per scope whose values are written).
    pub points: u64,
    /// What the token has left of its primary limit, as GitHub's last answer said.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_remaining: Option<u64>,
    /// When that resets, in seconds since the Unix epoch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_reset: Option<u64>,
}

impl fmt::Display for PlanSummary {
    /// An aligned table (never a value), then warnings, errors and totals.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scope_width = self
            .changes
            .iter()
            .map(|c| c.scope.len())
            .max()
            .unwrap_or(5);
        let name_width = self.changes.iter().map(|c| c.name.len()).max().unwrap_or(4);
        for change in &self.changes {
            let scope = visible_text(&change.scope);
            let name = visible_text(&change.name);
            write!(
                f,
                "{:<9} {scope:<scope_width$} {name:<name_width$}",
                change.action
            )?;
            let mut notes = Vec::new();
            if let Some(reason) = change.reason.filter(|r| *r != ChangeReason::New) {
                notes.push(reason.as_str().to_owned());
            }
            if let Some(access) = &change.access {
                if let Some(v) = &access.visibility {
                    notes.push(format!("visibility {} -> {}", v.from, v.to));
                }
                if !access.added.is_empty() {
                    notes.push(format!("+{}", visible_text(&access.added.join(" +"))));
                }
                if !access.removed.is_empty() {
                    notes.push(format!("-{}", visible_text(&access.removed.join(" -"))));
                }
            }
            if notes.is_empty() {
                writeln!(f)?;
            } else {
                writeln!(f, "  ({})", notes.join("; "))?;
            }
        }
        for warning in &self.warnings {
            writeln!(f, "warning: {}", visible_text(&warning.message))?;
        }
        for error in &self.errors {
            writeln!(f, "error: {}", visible_text(&error.message))?;
        }
        let t = &self.totals;
        write!(f, "{} reads made", t.reads)?;
        if t.not_modified > 0 {
            write!(f, " ({} not modified, free)", t.not_modified)?;
        }
        write!(
            f,
            "; {} writes needed, about {} at GitHub's pace",
            t.writes,
            duration_text(t.seconds)
        )?;
        if let Some(left) = t.rate_remaining {
            write!(f, "; {} rate-limit points needed, {left} left", t.points)?;
        }
        Ok(())
    }
}

/// A duration for people: `42 s`, `3 min 5 s`, `1 h 2 min`.
pub fn duration_text(seconds: u64) -> String {
    match seconds {
        s if s < 60 => format!("{s} s"),
        s if s < 3600 => format!("{} min {} s", s / 60, s % 60),
        s => format!("{} h {} min", s / 3600, (s % 3600) / 60),
    }
}
