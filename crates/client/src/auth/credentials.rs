//! Which credentials a client uses when it was given none: the chain every tool users already
//! have set up is tried in order — a GitHub App from `GITHUB_APP_ID` and its key variables,
//! `GITHUB_TOKEN`, `GH_TOKEN`, the login stored by `codespaces-secrets auth login`, then the
//! GitHub CLI's `gh auth token`. The CLI and every binding build their clients through it.

use std::ffi::OsString;
use std::fmt;
use std::path::PathBuf;

use codespaces_secrets_transport::{BaseUrl, Credentials, Token};

use crate::auth::app_env::AppVariables;
#[cfg(feature = "gh-cli")]
use crate::auth::gh_cli::gh_auth_token;
use crate::environment::{EnvLookup, GH_TOKEN, GITHUB_TOKEN, non_blank, process_env};
use crate::{Error, GitHubApp, LoginStore};

/// Where a client's credentials came from (`auth status` shows it; never the token).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CredentialSource {
    /// A token passed in the settings.
    Given,
    /// A GitHub App passed in the settings.
    App,
    /// A GitHub App from `GITHUB_APP_ID` and its key variables.
    AppEnv,
    /// The `GITHUB_TOKEN` variable.
    GithubTokenEnv,
    /// The `GH_TOKEN` variable.
    GhTokenEnv,
    /// The login `codespaces-secrets auth login` stored in this file.
    StoredLogin(PathBuf),
    /// The GitHub CLI (`gh auth token`).
    GhCli,
}

impl fmt::Display for CredentialSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Given => f.write_str("the token passed to the client"),
            Self::App => f.write_str("a GitHub App"),
            Self::AppEnv => f.write_str("a GitHub App (GITHUB_APP_ID)"),
            Self::GithubTokenEnv => f.write_str("GITHUB_TOKEN"),
            Self::GhTokenEnv => f.write_str("GH_TOKEN"),
            Self::StoredLogin(path) => write!(f, "the stored login {}", path.display()),
            Self::GhCli => f.write_str("the GitHub CLI (gh auth token)"),
        }
    }
}

/// What the chain may look at; the process's own by default, replaceable in tests.
pub(crate) struct Chain {
    pub(crate) env: EnvLookup,
    pub(crate) store: Option<LoginStore>,
    /// The GitHub CLI to ask last; `None` skips it (always so without the `gh-cli` feature).
    #[cfg_attr(not(feature = "gh-cli"), allow(dead_code))]
    pub(crate) gh: Option<OsString>,
}

impl Chain {
    /// The process environment, the user's login store, and `gh` from `PATH`.
    pub(crate) fn from_process() -> Self {
        Self {
            env: process_env(),
            store: LoginStore::default_location(),
            gh: cfg!(feature = "gh-cli").then(|| OsString::from("gh")),
        }
    }

    fn var(&self, name: &str) -> Option<String> {
        non_blank(&self.env, name)
    }

    /// The API root: `given`, else `GITHUB_API_URL`, else `https://api.github.com`.
    pub(crate) fn api_root(&self, given: Option<String>) -> Result<BaseUrl, Error> {
        crate::environment::api_root(given, &self.env)
    }

    /// The credentials for a client of `web_host` (e.g. `github.com`): what was given, else
    /// the first link of the chain that has a token.
    pub(crate) fn resolve(
        &self,
        token: Option<String>,
        app: Option<GitHubApp>,
        web_host: &str,
    ) -> Result<(Credentials, CredentialSource), Error> {
        let token_from = |text: &str, source| Ok((Credentials::Token(Token::new(text)?), source));
        match (token, app) {
            (Some(_), Some(_)) => {
                return Err(Error::invalid_input(
                    "token",
                    "both a token and a GitHub App were given; pass one",
                ));
            }
            (Some(token), None) => return token_from(&token, CredentialSource::Given),
            (None, Some(app)) => return Ok((Credentials::App(app.0), CredentialSource::App)),
            (None, None) => {}
        }
        if let Some(app) = AppVariables::read(&self.env).app()? {
            return Ok((Credentials::App(app.0), CredentialSource::AppEnv));
        }
        self.find_token(web_host)
    }

    /// The token links of the chain (no App): what `auth token` can print.
    fn find_token(&self, web_host: &str) -> Result<(Credentials, CredentialSource), Error> {
        let token_from = |text: &str, source| Ok((Credentials::Token(Token::new(text)?), source));
        if let Some(token) = self.var(GITHUB_TOKEN) {
            return token_from(&token, CredentialSource::GithubTokenEnv);
        }
        if let Some(token) = self.var(GH_TOKEN) {
            return token_from(&token, CredentialSource::GhTokenEnv);
        }
        if let Some(store) = &self.store
            && let Some(token) = store.load(web_host)?
        {
            let source = CredentialSource::StoredLogin(store.path_for(web_host));
            return token_from(&token, source);
        }
        #[cfg(feature = "gh-cli")]
        if let Some(gh) = &self.gh
            && let Some(token) = gh_auth_token(gh, web_host)
        {
            return token_from(&token, CredentialSource::GhCli);
        }
        Err(Error::invalid_input(
            "token",
            "no credentials found: pass a token or a GitHub App, set GITHUB_TOKEN or GH_TOKEN (or GITHUB_APP_ID with its key), run `codespaces-secrets auth login`, or log in with `gh auth login`",
        ))
    }
}

/// The token the credential chain finds for `base_url` (default `GITHUB_API_URL`, else
/// github.com) and where it came from — what `codespaces-secrets auth token` prints for
/// scripts. Keep it out of logs.
pub fn find_token(
    base_url: Option<String>,
) -> Result<(zeroize::Zeroizing<String>, CredentialSource), Error> {
    let chain = Chain::from_process();
    let host = crate::auth::device_login::web_host_of(&chain.api_root(base_url)?)?;
    match chain.find_token(&host)? {
        (Credentials::Token(token), source) => {
            Ok((zeroize::Zeroizing::new(token.reveal().to_owned()), source))
        }
        (Credentials::App(_), source) => Err(Error::invalid_input(
            "token",
            format!("{source} has no single token to print"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::path::Path;

    use super::*;

    /// A stand-in `gh` that prints `token` for `auth token --hostname HOST`.
    #[cfg(all(unix, feature = "gh-cli"))]
    fn fake_gh(dir: &Path, token: &str) -> OsString {
        use std::os::unix::fs::PermissionsExt as _;
        let path = dir.join("gh");
        let script = format!(
            "#!/bin/sh\n[ \"$1 $2 $3\" = \"auth token --hostname\" ] && [ \"$4\" = \"github.com\" ] && echo {token}\n"
        );
        std::fs::write(&path, script).expect("write gh");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        path.into_os_string()
    }

    fn chain(vars: &[(&str, &str)], store: &Path, gh: Option<OsString>) -> Chain {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Chain {
            env: Box::new(move |name| vars.get(name).cloned()),
            store: Some(LoginStore::at(store)),
            gh,
        }
    }

    #[cfg(feature = "gh-cli")]
    fn source_of(chain: &Chain) -> Result<CredentialSource, Error> {
        chain
            .resolve(None, None, "github.com")
            .map(|(_, source)| source)
    }

    #[cfg(all(unix, feature = "gh-cli"))]
    #[test]
    fn the_chain_is_tried_in_order() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = dir.path().join("logins");
        let gh = Some(fake_gh(dir.path(), "gho_from_gh"));
        let all = [("GITHUB_TOKEN", "ghp_a"), ("GH_TOKEN", "ghp_b")];
        LoginStore::at(&store)
            .save("github.com", "ghu_stored")
            .expect("save");

        let got = source_of(&chain(&all, &store, gh.clone())).expect("env");
        assert_eq!(got, CredentialSource::GithubTokenEnv);
        let got = source_of(&chain(&all[1..], &store, gh.clone())).expect("gh env");
        assert_eq!(got, CredentialSource::GhTokenEnv);
        let blank = [("GITHUB_TOKEN", "  "), ("GH_TOKEN", "")];
        let got = source_of(&chain(&blank, &store, gh.clone())).expect("stored");
        assert_eq!(
            got,
            CredentialSource::StoredLogin(LoginStore::at(&store).path_for("github.com"))
        );
        LoginStore::at(&store).remove("github.com").expect("remove");
        let got = source_of(&chain(&[], &store, gh)).expect("gh cli");
        assert_eq!(got, CredentialSource::GhCli);

        let missing = Some(OsString::from(dir.path().join("no-such-gh")));
        let error = source_of(&chain(&[], &store, missing)).expect_err("nothing");
        assert_eq!(error.code(), "INVALID_INPUT");
        assert!(error.to_string().contains("auth login"), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn a_given_token_wins_over_the_environment() {
        let dir = tempfile::tempdir().expect("temp dir");
        let vars = [("GITHUB_TOKEN", "ghp_env")];
        let chain = chain(&vars, dir.path(), None);
        let (_, source) = chain
            .resolve(Some("ghp_given".into()), None, "github.com")
            .expect("given");
        assert_eq!(source, CredentialSource::Given);
    }
}
