//! Credentials other than a token: a GitHub App (`Client(app=...)`), and what the OAuth device
//! flow hands out (`DeviceCode`, `DeviceLogin`) and takes (`CancelHandle`). No repr shows a key
//! or a token.

use codespaces_secrets::{Error, LoginStore};
use pyo3::prelude::*;
use pyo3::types::PyString;
use zeroize::Zeroizing;

use crate::errors::PyError;

/// A GitHub App the client acts as: installation tokens are minted from its private key,
/// cached and renewed before they expire. Organization and repository secrets only.
#[pyclass(frozen, module = "codespaces_secrets")]
pub(crate) struct GitHubApp(pub(crate) codespaces_secrets::GitHubApp);

/// `app_id=`: the numeric app id, or the client id (`Iv...`), as Python gives it.
#[derive(FromPyObject)]
enum AppId {
    Number(u64),
    Text(String),
}

#[pymethods]
impl GitHubApp {
    #[new]
    #[pyo3(signature = (app_id, private_key, installation_id=None))]
    fn new(
        app_id: AppId,
        private_key: &Bound<'_, PyString>,
        installation_id: Option<u64>,
    ) -> PyResult<Self> {
        let app_id = match app_id {
            AppId::Number(id) => id.to_string(),
            AppId::Text(id) => id,
        };
        // A copy of the key that is wiped when dropped (the SDK keeps only the parsed key).
        let pem = Zeroizing::new(private_key.to_cow()?.into_owned());
        let app = codespaces_secrets::GitHubApp::new(app_id, &pem, installation_id);
        Ok(Self(app.map_err(PyError)?))
    }
    /// The app id (or client id) the JWTs are issued as.
    #[getter]
    fn app_id(&self) -> &str {
        self.0.app_id()
    }
    /// The installation acted as; `None`: found from each call's organization or repository.
    #[getter]
    fn installation_id(&self) -> Option<u64> {
        self.0.installation_id()
    }
    fn __repr__(&self) -> String {
        let installation = self
            .0
            .installation_id()
            .map_or_else(|| "None".to_owned(), |id| id.to_string());
        format!(
            "GitHubApp(app_id='{}', installation_id={installation})",
            self.0.app_id()
        )
    }
}

/// Stops a device-flow login from another thread (or a signal handler): the wait ends at once
/// with `LoginFailed` (reason `"cancelled"`).
#[pyclass(frozen, module = "codespaces_secrets")]
pub(crate) struct CancelHandle(pub(crate) codespaces_secrets::CancelHandle);

#[pymethods]
impl CancelHandle {
    #[new]
    fn new() -> Self {
        Self(codespaces_secrets::CancelHandle::new())
    }
    /// Cancels the login waiting on this handle (and any later one given it).
    fn cancel(&self) {
        self.0.cancel();
    }
    /// Whether `cancel()` was called.
    #[getter]
    fn cancelled(&self) -> bool {
        self.0.is_cancelled()
    }
    fn __repr__(&self) -> String {
        format!("CancelHandle(cancelled={})", self.0.is_cancelled())
    }
}

/// What the user must do to approve a device-flow login: open `verification_uri` and enter
/// `user_code`.
#[pyclass(frozen, module = "codespaces_secrets")]
pub(crate) struct DeviceCode(pub(crate) codespaces_secrets::DeviceCode);

#[pymethods]
impl DeviceCode {
    /// The code the user types, e.g. `WDJB-MJHT`.
    #[getter]
    fn user_code(&self) -> &str {
        &self.0.user_code
    }
    /// Where the user types it, e.g. `https://github.com/login/device`.
    #[getter]
    fn verification_uri(&self) -> &str {
        &self.0.verification_uri
    }
    /// Seconds the code stays valid.
    #[getter]
    fn expires_in(&self) -> f64 {
        self.0.expires_in.as_secs_f64()
    }
    /// Seconds between two polls, as GitHub asks.
    #[getter]
    fn interval(&self) -> f64 {
        self.0.interval.as_secs_f64()
    }
    fn __repr__(&self) -> String {
        format!(
            "DeviceCode(user_code='{}', verification_uri='{}')",
            self.0.user_code, self.0.verification_uri
        )
    }
    fn __str__(&self) -> String {
        format!(
            "Open {} and enter {}",
            self.0.verification_uri, self.0.user_code
        )
    }
}

/// A finished device-flow login: the user's token and the host it is for. Its repr never
/// shows the token.
#[pyclass(frozen, module = "codespaces_secrets")]
pub(crate) struct DeviceLogin(pub(crate) codespaces_secrets::DeviceLogin);

#[pymethods]
impl DeviceLogin {
    /// The user access token: pass it as a client's `token`, or `save()` it. Never log it.
    #[getter]
    fn token(&self) -> &str {
        self.0.token()
    }
    /// The web host the token belongs to, e.g. `github.com`.
    #[getter]
    fn host(&self) -> &str {
        self.0.host()
    }
    /// Stores the token (a 0600 file in the user's config directory) where clients given no
    /// token find it; returns the file's path.
    fn save(&self) -> Result<String, PyError> {
        let store = LoginStore::default_location().ok_or_else(|| {
            Error::invalid_input("token", "no config directory (set HOME or XDG_CONFIG_HOME)")
        })?;
        Ok(self.0.save(&store)?.display().to_string())
    }
    fn __repr__(&self) -> String {
        format!("DeviceLogin(host='{}', token=[redacted])", self.0.host())
    }
}
