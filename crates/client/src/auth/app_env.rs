//! A GitHub App described by the environment (`GITHUB_APP_ID`, `GITHUB_APP_PRIVATE_KEY_PATH`
//! or `GITHUB_APP_PRIVATE_KEY`, `GITHUB_APP_INSTALLATION_ID`): read by the credential chain, so
//! every language's `from_env` acts as the App, and by the CLI, which lays its flags over it.

use std::fmt;
use std::path::PathBuf;

use crate::environment::{
    APP_ID_ENV, APP_INSTALLATION_ID_ENV, APP_PRIVATE_KEY_ENV, APP_PRIVATE_KEY_PATH_ENV, non_blank,
    var_os,
};
use crate::{Error, GitHubApp};

/// The parts of a GitHub App, as variables give them; fields can be replaced (a CLI's flags)
/// before [`AppVariables::app`] turns them into a [`GitHubApp`].
#[derive(Clone, Default, PartialEq, Eq)]
pub struct AppVariables {
    /// `GITHUB_APP_ID`: the App's numeric id or client id. Without it there is no App.
    pub app_id: Option<String>,
    /// `GITHUB_APP_PRIVATE_KEY_PATH`: a file holding the PEM private key (wins over the PEM).
    pub private_key_path: Option<PathBuf>,
    /// `GITHUB_APP_PRIVATE_KEY`: the PEM private key itself.
    pub private_key: Option<String>,
    /// `GITHUB_APP_INSTALLATION_ID`, as text (checked by [`AppVariables::app`]).
    pub installation_id: Option<String>,
}

impl fmt::Debug for AppVariables {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AppVariables")
            .field("app_id", &self.app_id)
            .field("private_key_path", &self.private_key_path)
            .field(
                "private_key",
                &self.private_key.as_ref().map(|_| "[redacted]"),
            )
            .field("installation_id", &self.installation_id)
            .finish()
    }
}

impl AppVariables {
    /// The App variables of the process environment (blank ones count as unset).
    pub fn from_env() -> Self {
        let mut variables = Self::read(&|name| std::env::var(name).ok());
        // A path need not be UTF-8.
        variables.private_key_path = var_os(APP_PRIVATE_KEY_PATH_ENV)
            .filter(|p| !p.is_empty())
            .map(PathBuf::from);
        variables
    }

    /// The App variables `env` gives.
    pub(crate) fn read(env: &dyn Fn(&str) -> Option<String>) -> Self {
        Self {
            app_id: non_blank(env, APP_ID_ENV),
            private_key_path: non_blank(env, APP_PRIVATE_KEY_PATH_ENV).map(PathBuf::from),
            private_key: non_blank(env, APP_PRIVATE_KEY_ENV),
            installation_id: non_blank(env, APP_INSTALLATION_ID_ENV),
        }
    }

    /// The App these parts describe: `None` without an app id; an `INVALID_INPUT` error that
    /// names the variable at fault for a missing or unreadable key or a bad installation id.
    pub fn app(&self) -> Result<Option<GitHubApp>, Error> {
        let Some(app_id) = &self.app_id else {
            return Ok(None);
        };
        let pem = match (&self.private_key_path, &self.private_key) {
            (Some(path), _) => std::fs::read_to_string(path).map_err(|e| {
                Error::invalid_input(
                    "app private key",
                    format!("cannot read the App's key {}: {e}", path.display()),
                )
            })?,
            (None, Some(pem)) => pem.clone(),
            (None, None) => {
                return Err(Error::invalid_input(
                    "app private key",
                    format!(
                        "the App needs its private key: {APP_PRIVATE_KEY_PATH_ENV} (a PEM file) or {APP_PRIVATE_KEY_ENV} (the PEM itself)"
                    ),
                ));
            }
        };
        let installation_id = self
            .installation_id
            .as_deref()
            .map(|raw| {
                raw.trim().parse::<u64>().map_err(|_| {
                    Error::invalid_input(
                        "installation id",
                        format!("{APP_INSTALLATION_ID_ENV}={raw:?} is not an installation id"),
                    )
                })
            })
            .transpose()?;
        GitHubApp::new(app_id.clone(), &pem, installation_id).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn read(vars: &[(&str, &str)]) -> AppVariables {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        AppVariables::read(&move |name| vars.get(name).cloned())
    }

    #[test]
    fn no_app_id_means_no_app() {
        let parts = read(&[(APP_PRIVATE_KEY_ENV, "pem"), (APP_INSTALLATION_ID_ENV, "7")]);
        assert_eq!(parts.app().expect("no app"), None);
    }

    #[test]
    fn errors_name_the_variable_and_never_the_key() {
        let missing = read(&[(APP_ID_ENV, "1")]).app().expect_err("no key");
        assert_eq!(missing.code(), "INVALID_INPUT");
        assert!(
            missing.to_string().contains(APP_PRIVATE_KEY_PATH_ENV),
            "{missing}"
        );
        let installation = read(&[
            (APP_ID_ENV, "1"),
            (APP_PRIVATE_KEY_ENV, "pem"),
            (APP_INSTALLATION_ID_ENV, "seven"),
        ])
        .app()
        .expect_err("bad id");
        assert!(
            installation.to_string().contains(APP_INSTALLATION_ID_ENV),
            "{installation}"
        );
        let unreadable = read(&[
            (APP_ID_ENV, "1"),
            (APP_PRIVATE_KEY_PATH_ENV, "/no/such.pem"),
        ])
        .app()
        .expect_err("no file");
        assert!(
            unreadable.to_string().contains("/no/such.pem"),
            "{unreadable}"
        );
        let parts = read(&[(APP_ID_ENV, "1"), (APP_PRIVATE_KEY_ENV, "SECRET-PEM")]);
        assert!(!format!("{parts:?}").contains("SECRET-PEM"));
    }
}
