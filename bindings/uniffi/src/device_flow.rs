//! The OAuth device flow, how a phone or desktop app gets a user token (user secrets need one)
//! without a password or a client secret: `deviceFlow(options, onCode, cancel)` shows a code
//! through the listener, waits for the user to approve it on GitHub, and returns the token.
//! Each type converts to or from the SDK's; the flow itself is the SDK's `device_flow`.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use codespaces_secrets as sdk;

use crate::error::CodespacesSecretsError;
use crate::listener_error::ListenerError;
use crate::login_failure::LoginFailure;

/// What to log in to, and as which app.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct DeviceFlowOptions {
    /// The client id of an OAuth app or GitHub App with "Enable Device Flow" checked.
    pub client_id: String,
    /// OAuth scopes; user Codespaces secrets need `codespace`, the default when empty. (A
    /// GitHub App's user tokens carry the App's permissions instead.)
    #[uniffi(default)]
    pub scopes: Vec<String>,
    /// The API root the token is for. Default: `GITHUB_API_URL`, else `https://api.github.com`.
    #[uniffi(default)]
    pub base_url: Option<String>,
    /// The web origin serving `/login/device`. Default: derived from the API root
    /// (`api.github.com` → `github.com`, `api.SUB.ghe.com` → `SUB.ghe.com`, else the same origin).
    #[uniffi(default)]
    pub web_url: Option<String>,
    /// Time allowed per HTTP request. Default: 30 s.
    #[uniffi(default)]
    pub timeout: Option<Duration>,
}

/// The code to show the user: "open `verificationUri` and enter `userCode`". Not a secret: it
/// is only good together with the device code this library keeps to itself.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DeviceCode {
    /// The code the user types, e.g. `WDJB-MJHT`.
    pub user_code: String,
    /// Where they type it, e.g. `https://github.com/login/device`.
    pub verification_uri: String,
    /// How long the code stays valid.
    pub expires_in: Duration,
    /// How often GitHub allows polling (the flow keeps to it, and slows down when told).
    pub interval: Duration,
}

/// Given the code once, as soon as GitHub issued it, on the thread running the flow. Show it
/// and return: the flow starts polling when this returns. If it throws, the login ends at once
/// with `LoginFailed` (`CANCELLED`, the exception's text in `detail`).
#[uniffi::export(with_foreign)]
pub trait DeviceCodeListener: Send + Sync {
    /// Show `code` to the user.
    fn on_code(&self, code: DeviceCode) -> Result<(), ListenerError>;
}

/// Ends a running `deviceFlow` from any thread: it fails at once with `LoginFailed` (reason
/// `CANCELLED`). Cancelling the coroutine or task that awaits the flow stops it too.
#[derive(Debug, Default, uniffi::Object)]
pub struct CancelHandle(pub(crate) sdk::CancelHandle);

#[uniffi::export]
impl CancelHandle {
    /// A handle not yet cancelled.
    #[uniffi::constructor]
    pub fn new() -> Self {
        Self::default()
    }

    /// Cancels: a wait in progress ends at once, a flow started later ends before polling.
    pub fn cancel(&self) {
        self.0.cancel();
    }

    /// Whether `cancel()` was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.is_cancelled()
    }
}

/// A finished login: the user's token and the web host it is for. Its `toString()` /
/// `description` never shows the token.
#[derive(uniffi::Object)]
#[uniffi::export(Display)]
pub struct DeviceLogin(sdk::DeviceLogin);

#[uniffi::export]
impl DeviceLogin {
    /// The user access token: pass it as `ClientConfig(token = ...)`, or keep it with `save()`.
    /// Never log it.
    pub fn token(&self) -> String {
        self.0.token().to_owned()
    }

    /// The web host the token belongs to, e.g. `github.com`: the key it is saved under.
    pub fn host(&self) -> String {
        self.0.host().to_owned()
    }

    /// Keeps the token where clients built without credentials find it (a 0600 file, one per
    /// host, replacing any earlier login): in `directory`, or by default in the user's
    /// configuration directory (`$XDG_CONFIG_HOME/codespaces-secrets/logins` on Linux, the
    /// store `codespaces-secrets auth login` uses). Returns the file's path. On Android and iOS
    /// pass your app's private files directory.
    #[uniffi::method(default(directory = None))]
    pub fn save(&self, directory: Option<String>) -> Result<String, CodespacesSecretsError> {
        let store = match directory {
            Some(dir) => sdk::LoginStore::at(dir),
            None => sdk::LoginStore::default_location().ok_or_else(|| {
                sdk::Error::invalid_input(
                    "directory",
                    "no configuration directory is known here: pass a directory to save the login in",
                )
            })?,
        };
        Ok(self.0.save(&store)?.to_string_lossy().into_owned())
    }
}

impl fmt::Display for DeviceLogin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DeviceLogin(host={}, token=[redacted])", self.0.host())
    }
}

/// Logs a user in with the OAuth device flow: asks GitHub for a code, gives it to `onCode`
/// (show the user `userCode` and `verificationUri`), then polls at GitHub's pace until the
/// user approves it on GitHub, and returns the login. Fails with `LoginFailed` when the user
/// denies it (`DENIED`), the code expires (`EXPIRED`), `cancel` fires (`CANCELLED`) or GitHub
/// refuses the client id (`REFUSED`); with `InvalidInput` for a bad URL. Cancelling the
/// coroutine or task stops it too.
#[uniffi::export(async_runtime = "tokio", default(cancel = None))]
pub async fn device_flow(
    options: DeviceFlowOptions,
    on_code: Arc<dyn DeviceCodeListener>,
    cancel: Option<Arc<CancelHandle>>,
) -> Result<Arc<DeviceLogin>, CodespacesSecretsError> {
    let cancel = cancel.map_or_else(sdk::CancelHandle::new, |c| c.0.clone());
    let mut thrown = None;
    let show = |code: &sdk::DeviceCode| {
        if let Err(e) = on_code.on_code(code.into()) {
            thrown = Some(e);
            cancel.cancel();
        }
    };
    let login = sdk::device_flow(options.into(), show, &cancel).await;
    if let Some(e) = thrown {
        return Err(CodespacesSecretsError::LoginFailed {
            reason: LoginFailure::Cancelled,
            detail: format!("the login was cancelled: onCode threw: {e}"),
        });
    }
    Ok(Arc::new(DeviceLogin(login?)))
}

impl From<DeviceFlowOptions> for sdk::DeviceFlowOptions {
    fn from(o: DeviceFlowOptions) -> Self {
        Self {
            client_id: o.client_id,
            scopes: o.scopes,
            base_url: o.base_url,
            web_url: o.web_url,
            timeout: o.timeout,
        }
    }
}

impl From<&sdk::DeviceCode> for DeviceCode {
    fn from(c: &sdk::DeviceCode) -> Self {
        Self {
            user_code: c.user_code.clone(),
            verification_uri: c.verification_uri.clone(),
            expires_in: c.expires_in,
            interval: c.interval,
        }
    }
}
