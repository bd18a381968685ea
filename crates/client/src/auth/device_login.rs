//! Logging a user in with the OAuth device flow: how a CLI or a phone app gets a user token
//! (user secrets need one) without a password or a client secret.

use std::fmt;
use std::time::Duration;

use codespaces_secrets_transport::{self as transport, BaseUrl, web_origin};
use zeroize::Zeroizing;

pub use codespaces_secrets_transport::{CancelHandle, DeviceCode, LoginFailure};

use crate::environment::{api_root, process_env};
use crate::{Error, LoginStore};

/// What to log in to, and as which app.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeviceFlowOptions {
    /// The client id of an OAuth app or GitHub App with "Enable Device Flow" checked.
    pub client_id: String,
    /// OAuth scopes; user Codespaces secrets need `codespace`. Default: `["codespace"]` when
    /// empty. (A GitHub App's user tokens carry the App's permissions instead.)
    pub scopes: Vec<String>,
    /// The API root the token is for. Default: `GITHUB_API_URL`, else `https://api.github.com`.
    pub base_url: Option<String>,
    /// The web origin serving `/login/device`. Default: derived from the API root
    /// (`api.github.com` → `github.com`, `api.SUB.ghe.com` → `SUB.ghe.com`, else the same origin).
    pub web_url: Option<String>,
    /// Time allowed per HTTP request. Default: 30 s.
    pub timeout: Option<Duration>,
}

/// A finished login: the user's token and the host it is for. Prints without the token.
#[derive(Clone)]
pub struct DeviceLogin {
    token: Zeroizing<String>,
    host: String,
}

impl fmt::Debug for DeviceLogin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeviceLogin")
            .field("token", &"[redacted]")
            .field("host", &self.host)
            .finish()
    }
}

impl DeviceLogin {
    /// The user access token, to pass as a client's token or to keep (never to log).
    pub fn token(&self) -> &str {
        &self.token
    }

    /// The web host the token belongs to, e.g. `github.com`: the key it is stored under.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// Keeps the token in `store` (a 0600 file) for later clients to find. Returns the file.
    pub fn save(&self, store: &LoginStore) -> Result<std::path::PathBuf, Error> {
        store.save(&self.host, &self.token)
    }
}

/// The web host (`github.com`, `127.0.0.1:8080`) of an API root: what logins are stored
/// under and what `gh auth token --hostname` is asked for.
pub fn web_host(base_url: Option<String>) -> Result<String, Error> {
    web_host_of(&api_root(base_url, &process_env())?)
}

/// [`web_host`] of an API root already parsed.
pub(crate) fn web_host_of(api: &BaseUrl) -> Result<String, Error> {
    Ok(host_of(&web_origin(api)?))
}

fn host_of(origin: &BaseUrl) -> String {
    let text = origin.as_str();
    let without_scheme = text.split_once("://").map_or(text, |(_, rest)| rest);
    without_scheme.trim_end_matches('/').to_owned()
}

/// Runs the device flow: asks GitHub for a code, hands it to `on_code` (show the user the
/// `user_code` and `verification_uri`), then polls at GitHub's pace — slowing down when told —
/// until the user approves it. Ends with a [`Error::Login`] when the user denies it, the code
/// expires, or `cancel` fires; dropping the future cancels too.
///
/// ```no_run
/// # async fn run() -> codespaces_secrets::Result<()> {
/// use codespaces_secrets::{CancelHandle, DeviceFlowOptions, device_flow};
/// let options = DeviceFlowOptions { client_id: "Iv23li...".into(), ..Default::default() };
/// let login = device_flow(options, |code| {
///     eprintln!("Open {} and enter {}", code.verification_uri, code.user_code);
/// }, &CancelHandle::new()).await?;
/// let client = codespaces_secrets::Client::builder().token(login.token()).build()?;
/// # Ok(()) }
/// ```
pub async fn device_flow(
    options: DeviceFlowOptions,
    on_code: impl FnOnce(&DeviceCode),
    cancel: &CancelHandle,
) -> Result<DeviceLogin, Error> {
    let api = api_root(options.base_url, &process_env())?;
    let web = match options.web_url {
        Some(url) => BaseUrl::parse(&url).map_err(|e| match e {
            transport::HttpError::Config { message, .. } => {
                Error::invalid_input("web_url", message)
            }
            other => other.into(),
        })?,
        None => web_origin(&api)?,
    };
    let scopes = match options.scopes.is_empty() {
        true => vec!["codespace".to_owned()],
        false => options.scopes,
    };
    crate::tls::install_crypto_provider();
    let flow = transport::DeviceFlow {
        client_id: options.client_id,
        scopes,
        web: web.clone(),
        user_agent: concat!("codespaces-secrets/", env!("CARGO_PKG_VERSION")).to_owned(),
        timeout: options.timeout.unwrap_or(Duration::from_secs(30)),
    };
    let token = flow.run(on_code, cancel).await?;
    Ok(DeviceLogin {
        token: Zeroizing::new(token.reveal().to_owned()),
        host: host_of(&web),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_of_web_origins() {
        assert_eq!(
            web_host(Some("https://api.github.com".into())).expect("host"),
            "github.com"
        );
        assert_eq!(
            web_host(Some("http://127.0.0.1:8080".into())).expect("host"),
            "127.0.0.1:8080"
        );
    }
}
