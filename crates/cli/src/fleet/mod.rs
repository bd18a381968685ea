//! `plan`, `check` and `apply`: a fleet manifest across many scopes (no scope flag).

mod apply;
mod apply_json;
mod plan;
mod progress;

use codespaces_secrets::Client;
use codespaces_secrets::fleet::{Manifest, PlanOptions};

use crate::args::{Command, StateArgs};
use crate::failure::Failure;
use crate::state_path::state_path;

/// Whether the command is one of the fleet commands (which take no scope).
pub(crate) fn is_fleet_command(command: &Command) -> bool {
    matches!(
        command,
        Command::Plan(_) | Command::Check(_) | Command::Apply(_)
    )
}

/// Runs a fleet command.
pub(crate) async fn run(client: &Client, command: Command) -> Result<(), Failure> {
    match command {
        Command::Plan(args) => plan::run(client, &args, false).await,
        Command::Check(args) => plan::run(client, &args, true).await,
        Command::Apply(args) => apply::run(client, &args).await,
        _ => Err(Failure::usage("not a fleet command")),
    }
}

/// The manifest, read and validated before any request.
fn manifest(path: &std::path::Path) -> Result<Manifest, Failure> {
    Ok(Manifest::from_file(path)?)
}

/// Plan options from the state flags: the CLI keeps a state unless told not to (the same
/// default file as `sync`, so both know what the other wrote).
fn plan_options(state: &StateArgs) -> Result<PlanOptions, Failure> {
    Ok(PlanOptions {
        state: state_path(state.state.as_deref(), state.no_state)?,
        force: state.force,
        conditional_reads: state.no_conditional_reads.then_some(false),
        ..PlanOptions::default()
    })
}
