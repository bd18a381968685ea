//! `plan -f FILE` and `check -f FILE`: print what would change (table or `--json`), optionally
//! save it; `check` exits 3 when anything would change.

use codespaces_secrets::Client;
use codespaces_secrets::fleet::{PlanOptions, PlanSummary};

use super::{manifest, plan_options};
use crate::args::FleetArgs;
use crate::failure::Failure;
use crate::output;

/// Plans the manifest; `check` turns "something would change" into exit 3.
pub(crate) async fn run(client: &Client, args: &FleetArgs, check: bool) -> Result<(), Failure> {
    let manifest = manifest(&args.file)?;
    let options = PlanOptions {
        fingerprints: args.out.is_some(),
        ..plan_options(&args.state)?
    };
    let plan = client.plan(&manifest, &options).await?;
    print(&plan.summary, args.json)?;
    if let Some(out) = &args.out
        && plan.summary.errors.is_empty()
    {
        plan.save(out)?;
        if !args.json {
            eprintln!(
                "plan saved to {}; apply it with: codespaces-secrets apply {}",
                out.display(),
                out.display()
            );
        }
    }
    outcome(&plan.summary, check)
}

/// The plan on stdout: JSON or the aligned table.
pub(crate) fn print(summary: &PlanSummary, json: bool) -> Result<(), Failure> {
    if json {
        output::json(summary)
    } else {
        output::line(&summary.to_string())
    }
}

/// Errors in the plan are bad input (exit 2); for `check`, changes are exit 3.
fn outcome(summary: &PlanSummary, check: bool) -> Result<(), Failure> {
    if !summary.errors.is_empty() {
        return Err(Failure::usage(format!(
            "the plan has {} error(s), listed above; nothing can be applied until they are fixed",
            summary.errors.len()
        )));
    }
    if check && summary.has_changes() {
        return Err(Failure::drift(format!(
            "out of sync: {} change(s) would be applied ({} writes)",
            summary.writes().count(),
            summary.totals.writes
        )));
    }
    Ok(())
}
