//! `codespaces-secrets`: GitHub Codespaces secrets from a shell.
//!
//! A thin layer over the `codespaces-secrets` SDK: it parses the command line, builds a client
//! from the environment, runs one command and turns any failure into one line on stderr and an
//! exit status (2 for invalid input, 1 for everything else). Values come from stdin or
//! `--value`; the token only from the environment. Neither is ever printed.
#![forbid(unsafe_code)]

mod args;
mod auth;
mod commands;
mod connect;
mod failure;
mod fleet;
mod output;
mod parse;
mod progress;
mod state_path;
mod sync_json;

use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;

use crate::args::{Cli, Command};
use crate::commands::Target;
use crate::failure::Failure;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            // Help and version are not failures; clap prints them to stdout.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => return report(&Failure::from_clap(&e)),
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => report(&failure),
    }
}

/// Prints the failure's one line on stderr and returns its exit status.
fn report(failure: &Failure) -> ExitCode {
    eprintln!("{}", failure.line());
    failure.exit_code()
}

/// Builds the client (no request) and runs the command on a single-threaded runtime: the SDK
/// sends writes one at a time anyway.
fn run(cli: Cli) -> Result<(), Failure> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::other(format!("cannot start the async runtime: {e}")))?;
    if let Command::Auth(command) = &cli.command {
        return runtime.block_on(auth::run(&cli, command));
    }
    if fleet::is_fleet_command(&cli.command) {
        if cli.scope().is_some() {
            return Err(Failure::usage(
                "plan, check and apply take no scope flag: the manifest names its scopes",
            ));
        }
        return runtime.block_on(async {
            let client = connect::client(&cli)?;
            fleet::run(&client, cli.command).await
        });
    }
    let scope = cli
        .scope()
        .ok_or_else(|| Failure::usage("choose a scope: --user, --repo OWNER/REPO or --org ORG"))?;
    runtime.block_on(async move {
        let client = connect::client(&cli)?;
        let target = Target::new(&client, scope);
        commands::run(&target, cli.command).await
    })
}
