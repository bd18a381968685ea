//! Building the SDK client from flags and the environment.

use std::env::VarError;
use std::time::Duration;

use codespaces_secrets::{Client, GitHubApp};

use crate::args::Cli;
use crate::failure::Failure;

/// The App settings read from the environment when the flags are absent.
const APP_ID_ENV: &str = "GITHUB_APP_ID";
const APP_KEY_PATH_ENV: &str = "GITHUB_APP_PRIVATE_KEY_PATH";
const APP_KEY_ENV: &str = "GITHUB_APP_PRIVATE_KEY";
const INSTALLATION_ENV: &str = "GITHUB_APP_INSTALLATION_ID";

/// The environment variable that sets the write interval when `--write-interval-ms` is absent.
pub(crate) const WRITE_INTERVAL_ENV: &str = "CODESPACES_SECRETS_WRITE_INTERVAL_MS";

/// A client for the flags given: the token from `GITHUB_TOKEN` / `GH_TOKEN` (the SDK reads
/// them), the URL from `--api-url` or `GITHUB_API_URL`. Sends no request.
pub(crate) fn client(cli: &Cli) -> Result<Client, Failure> {
    let mut builder = Client::builder();
    if let Some(url) = &cli.api_url {
        builder = builder.base_url(url);
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

/// The GitHub App from `--app-id`/`--app-key`/`--installation-id` or their variables, if an
/// app id is given; `None` leaves the SDK's token chain to find a token.
fn app(cli: &Cli) -> Result<Option<GitHubApp>, Failure> {
    let Some(app_id) = cli.app_id.clone().or_else(|| env(APP_ID_ENV)) else {
        if cli.app_key.is_some() || cli.installation_id.is_some() {
            return Err(Failure::usage(
                "--app-key and --installation-id need --app-id (or GITHUB_APP_ID)",
            ));
        }
        return Ok(None);
    };
    let key_path = cli
        .app_key
        .clone()
        .or_else(|| env(APP_KEY_PATH_ENV).map(Into::into));
    let pem = match (key_path, env(APP_KEY_ENV)) {
        (Some(path), _) => std::fs::read_to_string(&path).map_err(|e| {
            Failure::usage(format!("cannot read the App's key {}: {e}", path.display()))
        })?,
        (None, Some(pem)) => pem,
        (None, None) => {
            return Err(Failure::usage(format!(
                "the App needs its private key: --app-key FILE, {APP_KEY_PATH_ENV} or {APP_KEY_ENV}"
            )));
        }
    };
    let installation = match cli.installation_id {
        Some(id) => Some(id),
        None => env(INSTALLATION_ENV)
            .map(|raw| {
                raw.trim().parse::<u64>().map_err(|_| {
                    Failure::usage(format!(
                        "{INSTALLATION_ENV}={raw:?} is not an installation id"
                    ))
                })
            })
            .transpose()?,
    };
    Ok(Some(GitHubApp::new(app_id, &pem, installation)?))
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
