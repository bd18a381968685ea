//! What `testing.Emulator`'s GitHub App and device-flow controls take and return.

use codespaces_secrets_emulator as emu;
use pyo3::prelude::*;

use crate::convert::seconds;
use crate::errors::PyError;

/// A GitHub App registered with the emulator: its ids and its private key in both PEM forms.
/// Its repr shows neither key.
#[pyclass(frozen, module = "codespaces_secrets.testing")]
pub(crate) struct RegisteredApp(pub(crate) emu::RegisteredApp);

#[pymethods]
impl RegisteredApp {
    /// The app id (`GitHubApp(app_id=...)`).
    #[getter]
    fn id(&self) -> u64 {
        self.0.id
    }
    /// The client id (`Iv23li...`): also an app id, and what `device_flow` takes.
    #[getter]
    fn client_id(&self) -> &str {
        &self.0.client_id
    }
    /// `emulator-app-N`; installation tokens act as `slug[bot]`.
    #[getter]
    fn slug(&self) -> &str {
        &self.0.slug
    }
    /// The RSA private key as GitHub hands it out (PKCS#1, `BEGIN RSA PRIVATE KEY`).
    #[getter]
    fn private_key_pem(&self) -> &str {
        &self.0.private_key_pem
    }
    /// The same key as PKCS#8 (`BEGIN PRIVATE KEY`).
    #[getter]
    fn private_key_pkcs8_pem(&self) -> &str {
        &self.0.private_key_pkcs8_pem
    }
    fn __repr__(&self) -> String {
        format!(
            "RegisteredApp(id={}, client_id='{}', slug='{}', private_key_pem=[redacted])",
            self.0.id, self.0.client_id, self.0.slug
        )
    }
}

/// `set_auth_settings`' keywords over the settings in force: what is not given stays.
pub(crate) fn auth_settings(
    current: emu::AuthSettings,
    installation_token_lifetime: Option<f64>,
    clock_skew: Option<i64>,
    device_poll_interval: Option<u32>,
    device_code_lifetime: Option<f64>,
) -> Result<emu::AuthSettings, PyError> {
    let lifetime = seconds("installation_token_lifetime", installation_token_lifetime)?;
    let code_lifetime = seconds("device_code_lifetime", device_code_lifetime)?;
    Ok(emu::AuthSettings {
        installation_token_lifetime: lifetime.unwrap_or(current.installation_token_lifetime),
        clock_skew: clock_skew.unwrap_or(current.clock_skew),
        device_poll_interval: device_poll_interval.unwrap_or(current.device_poll_interval),
        device_code_lifetime: code_lifetime.unwrap_or(current.device_code_lifetime),
    })
}
