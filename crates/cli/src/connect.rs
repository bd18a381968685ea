//! Building the SDK client from flags and the environment.

use std::env::VarError;
use std::time::Duration;

use codespaces_secrets::{
    APP_ID_ENV, APP_PRIVATE_KEY_ENV, APP_PRIVATE_KEY_PATH_ENV, AppVariables, Client, GitHubApp,
};

use crate::args::Cli;
use crate::failure::Failure;

/// The environment variable that sets the write interval when `--write-interval-ms` is absent:
/// the CLI's own setting (the SDK reads every variable it honours itself).
pub(crate) const WRITE_INTERVAL_ENV: &str = "CODESPACES_SECRETS_WRITE_INTERVAL_MS";

/// The environment variable that sets the REST API version when `--api-version` is absent.
const API_VERSION_ENV: &str = "GITHUB_API_VERSION";

/// A client for the flags given, over what the SDK's credential chain reads from the
/// environment (`GITHUB_APP_*`, `GITHUB_TOKEN`, `GH_TOKEN`, `GITHUB_API_URL`); the API version
/// from `--api-version` or `GITHUB_API_VERSION` (the SDK refuses an unknown one). Sends no
/// request.
pub(crate) fn client(cli: &Cli) -> Result<Client, Failure> {
    let mut builder = Client::builder();
    if let Some(url) = &cli.api_url {
        builder = builder.base_url(url);
    }
    if let Some(version) = cli.api_version.clone().or_else(|| env(API_VERSION_ENV)) {
        builder = builder.api_version(version);
    }
    if let Some(interval) = write_interval(cli.write_interval_ms)? {
        builder = builder.write_interval(interval);
    }
    if let Some(deadline) = cli.timeout {
        builder = builder.deadline(deadline);
    }
    if let Some(app) = app(cli)? {
        builder = builder.app(app);
    }
    Ok(builder.build()?)
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The GitHub App from `--app-id`/`--app-key`/`--installation-id` laid over the SDK's reading
/// of the `GITHUB_APP_*` variables, if an app id is given either way; `None` leaves the SDK's
/// token chain to find a token.
fn app(cli: &Cli) -> Result<Option<GitHubApp>, Failure> {
    let mut parts = AppVariables::from_env();
    if cli.app_id.is_none() && parts.app_id.is_none() {
        if cli.app_key.is_some() || cli.installation_id.is_some() {
            return Err(Failure::usage(format!(
                "--app-key and --installation-id need --app-id (or {APP_ID_ENV})"
            )));
        }
        return Ok(None);
    }
    if let Some(id) = &cli.app_id {
        parts.app_id = Some(id.clone());
    }
    if let Some(path) = &cli.app_key {
        parts.private_key_path = Some(path.clone());
    }
    if let Some(id) = cli.installation_id {
        parts.installation_id = Some(id.to_string());
    }
    if parts.private_key_path.is_none() && parts.private_key.is_none() {
        return Err(Failure::usage(format!(
            "the App needs its private key: --app-key FILE, {APP_PRIVATE_KEY_PATH_ENV} or {APP_PRIVATE_KEY_ENV}"
        )));
    }
    Ok(parts.app()?)
}

/// The flag, else the environment variable, else `None` (the SDK's default of 1 s).
fn write_interval(flag: Option<u64>) -> Result<Option<Duration>, Failure> {
    if let Some(ms) = flag {
        return Ok(Some(Duration::from_millis(ms)));
    }
    let raw = match std::env::var(WRITE_INTERVAL_ENV) {
        Ok(raw) if raw.trim().is_empty() => return Ok(None),
        Ok(raw) => raw,
        Err(VarError::NotPresent) => return Ok(None),
        Err(VarError::NotUnicode(_)) => String::from("(not UTF-8)"),
    };
    raw.trim()
        .parse::<u64>()
        .map(|ms| Some(Duration::from_millis(ms)))
        .map_err(|_| {
            Failure::usage(format!(
                "{WRITE_INTERVAL_ENV}={raw:?} is not a whole number of milliseconds"
            ))
        })
}
