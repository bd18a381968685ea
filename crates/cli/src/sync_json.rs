//! `sync --json`: the SDK's `SyncReport` as JSON, one entry per change, failures with the
//! SDK's stable error code. Names and reasons only: a value is never part of a report.

use codespaces_secrets::{BulkFailure, SyncReport};
use serde::Serialize;

/// The whole report: what was planned and, unless it was a dry run, what happened.
#[derive(Debug, Serialize)]
pub(crate) struct SyncJson<'a> {
    dry_run: bool,
    plan: Vec<PlannedJson<'a>>,
    created: &'a [String],
    updated: &'a [String],
    unchanged: &'a [String],
    deleted: &'a [String],
    failed: Vec<FailureJson<'a>>,
}

/// One entry of the plan: `create`, `update`, `unchanged` or `delete`, and for writes why
/// (`new`, `changed`, `changed_elsewhere`, `forced`, `untracked`).
#[derive(Debug, Serialize)]
struct PlannedJson<'a> {
    name: &'a str,
    action: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
}

/// One change that failed, with the reason the SDK gives.
#[derive(Debug, Serialize)]
struct FailureJson<'a> {
    name: &'a str,
    /// `VALIDATION_FAILED`, `RATE_LIMITED`, ... (the SDK's `Error::code`).
    code: &'static str,
    /// The HTTP status, when GitHub answered.
    status: Option<u16>,
    message: String,
}

impl<'a> From<&'a SyncReport> for SyncJson<'a> {
    fn from(report: &'a SyncReport) -> Self {
        let result = &report.result;
        Self {
            dry_run: report.dry_run,
            plan: report
                .plan
                .iter()
                .map(|change| PlannedJson {
                    name: &change.name,
                    action: change.action.as_str(),
                    reason: change.reason.map(|r| r.as_str()),
                })
                .collect(),
            created: &result.created,
            updated: &result.updated,
            unchanged: &report.unchanged,
            deleted: &result.deleted,
            failed: result.failed.iter().map(FailureJson::from).collect(),
        }
    }
}

impl<'a> From<&'a BulkFailure> for FailureJson<'a> {
    fn from(failure: &'a BulkFailure) -> Self {
        Self {
            name: &failure.name,
            code: failure.error.code(),
            status: failure.error.status(),
            message: failure.error.to_string(),
        }
    }
}
