//! `apply --json`: the plan, then each attempted change with its outcome (failures with the
//! SDK's stable code), the writes sent and what is left. Never a value.

use codespaces_secrets::fleet::{ApplyReport, PlanSummary};
use serde::Serialize;

/// The whole apply.
#[derive(Debug, Serialize)]
pub(crate) struct ApplyJson<'a> {
    plan: &'a PlanSummary,
    applied: Vec<AppliedJson<'a>>,
    writes: u64,
    remaining: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    state_error: Option<String>,
}

#[derive(Debug, Serialize)]
struct AppliedJson<'a> {
    scope: &'a str,
    name: &'a str,
    action: &'static str,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<ErrorJson>,
}

#[derive(Debug, Serialize)]
struct ErrorJson {
    code: &'static str,
    status: Option<u16>,
    message: String,
}

impl<'a> ApplyJson<'a> {
    pub(crate) fn new(plan: &'a PlanSummary, report: &'a ApplyReport) -> Self {
        Self {
            plan,
            applied: report
                .items
                .iter()
                .map(|item| AppliedJson {
                    scope: &item.scope,
                    name: &item.name,
                    action: item.action.as_str(),
                    status: if item.error.is_some() { "failed" } else { "ok" },
                    error: item.error.as_ref().map(|e| ErrorJson {
                        code: e.code(),
                        status: e.status(),
                        message: e.to_string(),
                    }),
                })
                .collect(),
            writes: report.writes,
            remaining: report.remaining,
            state_error: report.state_error.as_ref().map(ToString::to_string),
        }
    }
}
