//! Who the client acts as: the credential chain (what was given, a GitHub App from the
//! environment, `GITHUB_TOKEN`, `GH_TOKEN`, the stored login, `gh auth token`), GitHub Apps,
//! the device flow and its stored logins, and `whoami`. The signing and token exchange
//! themselves are the transport's (`codespaces-secrets-transport`'s `auth/`).

pub(crate) mod app_env;
pub(crate) mod credentials;
pub(crate) mod device_login;
#[cfg(feature = "gh-cli")]
pub(crate) mod gh_cli;
pub(crate) mod github_app;
pub(crate) mod login_store;
pub(crate) mod whoami;
