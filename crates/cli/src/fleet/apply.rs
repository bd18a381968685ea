//! `apply PLAN` (a saved plan, refused if stale) or `apply -f FILE --yes` (a fresh plan; without
//! --yes it asks on a terminal and refuses elsewhere). Writes are paced within GitHub's limits
//! with a progress bar and ETA; `--max-writes` stops early and the next apply resumes.

use std::io::{BufRead, IsTerminal, Write};

use codespaces_secrets::Client;
use codespaces_secrets::fleet::{ApplyOptions, ApplyReport, Plan, WriteLimits};

use super::apply_json::ApplyJson;
use super::plan::print;
use super::progress::FleetProgress;
use super::{manifest, plan_options};
use crate::args::ApplyArgs;
use crate::failure::Failure;
use crate::output;

/// Plans (or loads the saved plan), confirms, applies and reports.
pub(crate) async fn run(client: &Client, args: &ApplyArgs) -> Result<(), Failure> {
    let options = plan_options(&args.state)?;
    let plan: Plan = match (&args.plan, &args.file) {
        (Some(saved), None) => client.load_saved_plan(saved, &options).await?,
        (None, Some(file)) => {
            let manifest = manifest(file)?;
            let plan = client.plan(&manifest, &options).await?;
            if !plan.summary.errors.is_empty() {
                print(&plan.summary, args.json)?;
                return Err(Failure::usage(format!(
                    "the plan has {} error(s), listed above; nothing was sent",
                    plan.summary.errors.len()
                )));
            }
            if !args.yes && plan.summary.has_changes() {
                confirm(&plan)?;
            }
            plan
        }
        _ => return Err(Failure::usage("give a saved plan or -f FILE, not both")),
    };
    let limits = WriteLimits {
        per_minute: args
            .writes_per_minute
            .unwrap_or(WriteLimits::default().per_minute),
        per_hour: args
            .writes_per_hour
            .unwrap_or(WriteLimits::default().per_hour),
        // The client already spaces writes by its write interval.
        min_interval: std::time::Duration::ZERO,
        ..WriteLimits::default()
    };
    let apply_options = ApplyOptions {
        state: options.state.clone(),
        state_key_file: options.state_key_file.clone(),
        max_writes: args.max_writes,
        limits: Some(limits),
        conditional_reads: options.conditional_reads,
        cancel: None,
    };
    let bar = FleetProgress::on_stderr();
    let report = client.apply(&plan, &apply_options, |p| bar.update(p)).await;
    bar.finish();
    let report = report?;
    if args.json {
        output::json(&ApplyJson::new(&plan.summary, &report))?;
    } else {
        if args.plan.is_some() || args.yes {
            print(&plan.summary, false)?;
        }
        output::line(&summary_line(&report))?;
    }
    outcome(&report)
}

/// Without --yes: show the plan and ask on a terminal; refuse without one (exit 2).
fn confirm(plan: &Plan) -> Result<(), Failure> {
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Err(Failure::usage(
            "apply -f needs --yes when there is no terminal to confirm on (or apply a saved plan: plan --out PLAN, then apply PLAN); nothing was sent",
        ));
    }
    print(&plan.summary, false)?;
    eprint!(
        "apply {} change(s), {} writes? [y/N] ",
        plan.summary.writes().count(),
        plan.summary.totals.writes
    );
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| Failure::usage(format!("cannot read the answer: {e}")))?;
    if matches!(answer.trim(), "y" | "Y" | "yes") {
        Ok(())
    } else {
        Err(Failure::usage("not applied; nothing was sent"))
    }
}

fn summary_line(report: &ApplyReport) -> String {
    let failed = report.failed().count();
    let mut text = format!(
        "{} change(s) applied, {} failed, {} write requests sent",
        report.items.len() - failed,
        failed,
        report.writes
    );
    for item in report.failed() {
        if let Some(error) = &item.error {
            text.push_str(&format!("\n  {} {}: {error}", item.scope, item.name));
        }
    }
    if report.remaining > 0 {
        text.push_str(&format!(
            "\nstopped at --max-writes with {} change(s) left; run apply again to resume",
            report.remaining
        ));
    }
    text
}

/// Exit 1 when a change failed or the state could not be saved (after the report).
fn outcome(report: &ApplyReport) -> Result<(), Failure> {
    if let Some(error) = &report.state_error {
        return Err(Failure::other(format!(
            "the state could not be saved after {} write request(s) ({error}); the report above lists what was sent — fix the state file before the next apply",
            report.writes
        )));
    }
    let failed = report.failed().count();
    if failed > 0 {
        return Err(Failure::other(format!(
            "{failed} of {} change(s) failed (reasons above)",
            report.items.len()
        )));
    }
    Ok(())
}
