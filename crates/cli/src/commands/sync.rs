//! `sync --env-file FILE [--dry-run] [--prune] [--state PATH | --no-state] [--force] [--json]`.

use codespaces_secrets::SyncOptions;

use super::Target;
use crate::args::SyncArgs;
use crate::failure::Failure;
use crate::output;
use crate::progress::ProgressDisplay;
use crate::state_path::state_path;
use crate::sync_json::SyncJson;

/// Makes the scope match a .env file; prints the plan (dry run) or what happened.
///
/// Some items failing is a failure of the run (exit 1), after the report (text or JSON) lists
/// each reason.
pub(crate) async fn run(target: &Target, args: SyncArgs) -> Result<(), Failure> {
    let options = SyncOptions {
        dry_run: args.dry_run,
        prune: args.prune,
        state: state_path(args.state.as_deref(), args.no_state)?,
        force: args.force,
        ..SyncOptions::default()
    };
    let report = if args.dry_run {
        each_scope!(target, secrets => secrets.sync_env_file(&args.env_file, options).await)
    } else {
        let progress = ProgressDisplay::on_stderr();
        let report = each_scope!(target, secrets => {
            secrets
                .sync_env_file_with_progress(&args.env_file, options, |p| progress.update(p))
                .await
        });
        progress.finish();
        report
    }?;
    if args.json {
        output::json(&SyncJson::from(&report))?;
    } else {
        output::line(&report.to_string())?;
    }
    let failed = report.result.failed.len();
    if failed > 0 {
        return Err(Failure::other(format!(
            "sync of {} failed for {failed} of {} changes (reasons above)",
            target.describe(),
            report.changes().count()
        )));
    }
    Ok(())
}
