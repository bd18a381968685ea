//! Building the SDK client from flags and the environment.

use std::env::VarError;
use std::time::Duration;

use codespaces_secrets::Client;

use crate::args::Cli;
use crate::failure::Failure;

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
    Ok(builder.build()?)
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
