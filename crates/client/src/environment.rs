//! Every environment variable the SDK honours, and the one place that reads the process
//! environment: the credential chain, the API root, the sync state's key and the per-user
//! folders all ask here. The CLI and every binding get the same answers through the client.

use std::ffi::OsString;

use codespaces_secrets_transport::{BaseUrl, DEFAULT_API_URL};

use crate::error::Error;

/// The token, first link of the credential chain (what GitHub Actions sets).
pub(crate) const GITHUB_TOKEN: &str = "GITHUB_TOKEN";
/// The token, second link (what the GitHub CLI reads).
pub(crate) const GH_TOKEN: &str = "GH_TOKEN";
/// The API root, e.g. `https://ghe.example.com/api/v3`.
pub(crate) const GITHUB_API_URL: &str = "GITHUB_API_URL";
/// A GitHub App's id or client id: with it set, the client acts as that App.
pub const APP_ID_ENV: &str = "GITHUB_APP_ID";
/// The path of the App's PEM private key.
pub const APP_PRIVATE_KEY_PATH_ENV: &str = "GITHUB_APP_PRIVATE_KEY_PATH";
/// The App's PEM private key itself (when no path is set).
pub const APP_PRIVATE_KEY_ENV: &str = "GITHUB_APP_PRIVATE_KEY";
/// The App installation to act as (else found from each call's organization or repository).
pub const APP_INSTALLATION_ID_ENV: &str = "GITHUB_APP_INSTALLATION_ID";
/// The environment variable that holds the sync state's key (base64 of 32 bytes).
pub const STATE_KEY_ENV: &str = "CODESPACES_SECRETS_STATE_KEY";

/// Reads a variable; replaceable in tests so they need not change the process environment.
pub(crate) type EnvLookup = Box<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// The process environment as an [`EnvLookup`].
pub(crate) fn process_env() -> EnvLookup {
    Box::new(|name| std::env::var(name).ok())
}

/// A variable of the process environment, raw (paths need not be UTF-8).
pub(crate) fn var_os(name: &str) -> Option<OsString> {
    std::env::var_os(name)
}

/// A variable that is set and not blank.
pub(crate) fn non_blank(env: &dyn Fn(&str) -> Option<String>, name: &str) -> Option<String> {
    env(name).filter(|v| !v.trim().is_empty())
}

/// The API root: `given`, else `GITHUB_API_URL`, else `https://api.github.com`.
pub(crate) fn api_root(
    given: Option<String>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<BaseUrl, Error> {
    let url = given
        .or_else(|| non_blank(env, GITHUB_API_URL))
        .unwrap_or_else(|| DEFAULT_API_URL.to_owned());
    Ok(BaseUrl::parse(&url)?)
}
