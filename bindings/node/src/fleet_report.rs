//! What a fleet apply did, and the progress passed to `onProgress`, as plain objects.

use std::time::Duration;

use codespaces_secrets as sdk;
use codespaces_secrets::fleet as fleet_sdk;
use napi_derive::napi;

use crate::fleet_models::{ChangeAction, n};

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// An error of an apply, as the error it would have rejected with alone.
#[napi(object)]
pub struct ChangeFailure {
    /// The stable code, e.g. `VALIDATION_FAILED`.
    #[napi(ts_type = "ErrorCode")]
    pub code: String,
    /// The message.
    pub message: String,
    /// The HTTP status, when GitHub answered.
    pub status: Option<u32>,
    /// The `x-github-request-id`, when GitHub answered.
    pub request_id: Option<String>,
}

impl From<&sdk::Error> for ChangeFailure {
    fn from(e: &sdk::Error) -> Self {
        Self {
            code: e.code().to_owned(),
            message: e.to_string(),
            status: e.status().map(u32::from),
            request_id: e.request_id().map(str::to_owned),
        }
    }
}

/// What an apply did.
#[napi(object)]
pub struct ApplyReport {
    /// The changes attempted, in plan order.
    pub items: Vec<AppliedChange>,
    /// Write requests sent.
    pub writes: i64,
    /// Changes not attempted (`maxWrites` reached, or cancelled): the next apply does them.
    pub remaining: u32,
    /// The state could not be saved after a write, so the apply stopped there.
    pub state_error: Option<ChangeFailure>,
    /// Whether `cancel` or `signal` stopped the apply.
    pub cancelled: bool,
}

/// One attempted change.
#[napi(object)]
pub struct AppliedChange {
    /// The scope.
    pub scope: String,
    /// The secret.
    pub name: String,
    /// What was attempted.
    pub action: ChangeAction,
    /// Why it failed, if it did.
    pub error: Option<ChangeFailure>,
}

impl From<fleet_sdk::ApplyReport> for ApplyReport {
    fn from(r: fleet_sdk::ApplyReport) -> Self {
        let item = |i: &fleet_sdk::AppliedChange| AppliedChange {
            scope: i.scope.clone(),
            name: i.name.clone(),
            action: i.action.into(),
            error: i.error.as_ref().map(Into::into),
        };
        Self {
            items: r.items.iter().map(item).collect(),
            writes: n(r.writes),
            remaining: u32::try_from(r.remaining).unwrap_or(u32::MAX),
            state_error: r.state_error.as_ref().map(Into::into),
            cancelled: r.cancelled,
        }
    }
}

/// Passed to `apply`'s `onProgress` after each change, and before a wait for GitHub's write
/// limits (`waitingMs`).
#[napi(object)]
pub struct ApplyProgress {
    /// Changes done (succeeded or failed).
    pub done: u32,
    /// Changes that write.
    pub total: u32,
    /// The scope of the change just done (or next, while waiting).
    pub scope: String,
    /// The secret's name.
    pub name: String,
    /// What was done.
    pub action: ChangeAction,
    /// Whether it succeeded (true while waiting).
    pub ok: bool,
    /// Set while waiting this long for a write window.
    pub waiting_ms: Option<i64>,
    /// Time left for the remaining writes at the limits.
    pub eta_ms: i64,
}

impl From<fleet_sdk::ApplyProgress<'_>> for ApplyProgress {
    fn from(p: fleet_sdk::ApplyProgress<'_>) -> Self {
        Self {
            done: u32::try_from(p.done).unwrap_or(u32::MAX),
            total: u32::try_from(p.total).unwrap_or(u32::MAX),
            scope: p.scope.to_owned(),
            name: p.name.to_owned(),
            action: p.action.into(),
            ok: p.ok,
            waiting_ms: p.waiting.map(ms),
            eta_ms: ms(p.eta),
        }
    }
}
