//! `codespaces_secrets.testing.Emulator`: the Rust emulator started in-process, so users test
//! their own code offline.

use std::sync::{Mutex, PoisonError};

use codespaces_secrets::IntoSecretValue;
use codespaces_secrets_emulator as emu;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

use crate::convert::{Plaintext, seconds};
use crate::errors::PyError;
use crate::models::PublicKey;
use crate::testing::auth::{RegisteredApp, auth_settings};
use crate::testing::models::{LoggedRequest, StoredSecret, faults, refused, repos, scope};

/// A local server that behaves like GitHub's Codespaces secrets API, on 127.0.0.1 with a free
/// port. Use it as a context manager (or call `close()`).
#[pyclass(frozen, module = "codespaces_secrets.testing")]
pub(crate) struct Emulator(Mutex<Option<emu::Emulator>>);

impl Emulator {
    /// Runs `f` on the running emulator, or raises if it was closed.
    fn with<T>(&self, f: impl FnOnce(&emu::Emulator) -> T) -> PyResult<T> {
        let guard = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        guard
            .as_ref()
            .map(f)
            .ok_or_else(|| PyRuntimeError::new_err("the emulator was closed"))
    }
}

#[pymethods]
impl Emulator {
    #[new]
    #[pyo3(signature = (*, token=None, user_login=None, repos=None, orgs=None, seed_demo_data=true))]
    fn start(
        token: Option<String>,
        user_login: Option<String>,
        repos: Option<Vec<String>>,
        orgs: Option<Vec<String>>,
        seed_demo_data: bool,
    ) -> PyResult<Self> {
        let defaults = emu::EmulatorConfig::default();
        let config = emu::EmulatorConfig {
            token,
            user_login: user_login.unwrap_or(defaults.user_login),
            repos: self::repos(repos.unwrap_or_default())?,
            orgs: orgs.unwrap_or_default(),
            seed_demo_data,
            ..defaults
        };
        let started = emu::Emulator::start(config)?;
        Ok(Self(Mutex::new(Some(started))))
    }
    /// `"http://127.0.0.1:PORT"`: pass as `base_url`.
    #[getter]
    fn base_url(&self) -> PyResult<String> {
        self.with(emu::Emulator::base_url)
    }
    /// The demo user's token: pass as `token`.
    #[getter]
    fn token(&self) -> PyResult<String> {
        self.with(emu::Emulator::token)
    }
    #[getter]
    fn user_login(&self) -> PyResult<String> {
        self.with(emu::Emulator::user_login)
    }
    #[getter]
    fn port(&self) -> PyResult<u16> {
        self.with(emu::Emulator::port)
    }
    /// Issues a token for `login` (creating the user) and returns it.
    fn add_user(&self, login: &str) -> PyResult<String> {
        self.with(|e| e.add_user(login))
    }
    /// Creates repository `owner/name` if absent and returns its id.
    fn add_repo(&self, owner: &str, name: &str) -> PyResult<i64> {
        self.with(|e| e.add_repo(owner, name))
    }
    fn repo_id(&self, owner: &str, name: &str) -> PyResult<Option<i64>> {
        self.with(|e| e.repo_id(owner, name))
    }
    #[pyo3(signature = (name, members=None))]
    fn add_org(&self, name: &str, members: Option<Vec<String>>) -> PyResult<()> {
        let members = members.unwrap_or_default();
        let members: Vec<&str> = members.iter().map(String::as_str).collect();
        self.with(|e| e.add_org(name, &members))
    }
    /// Replaces the faults (all off by default). Durations in seconds. Values the emulator
    /// refuses (a rate outside 0..=1, a status other than 403 or 429) raise `InvalidInputError`.
    // `secondary_status` and `secondary_retry_after` repeat `SecondaryRateLimit::default()`
    // (403, 60 s): stubtest compares keyword defaults with the `.pyi`, so they stay literal here.
    #[pyo3(signature = (*, seed=0, latency=None, server_error_rate=0.0,
        drop_connection_rate=0.0, rate_limit=None, secondary_min_interval=None,
        secondary_status=403, secondary_retry_after=60.0))]
    #[allow(clippy::too_many_arguments)] // Python keyword arguments, one per fault
    fn set_faults(
        &self,
        seed: u64,
        latency: Option<f64>,
        server_error_rate: f64,
        drop_connection_rate: f64,
        rate_limit: Option<(u32, f64)>,
        secondary_min_interval: Option<f64>,
        secondary_status: u16,
        secondary_retry_after: f64,
    ) -> PyResult<()> {
        let secondary = (
            secondary_min_interval,
            secondary_status,
            secondary_retry_after,
        );
        let faults = emu::Faults {
            seed,
            latency: seconds("latency", latency)?.map(emu::Latency::Fixed),
            server_error_rate,
            drop_connection_rate,
            ..faults(rate_limit, secondary)?
        };
        self.with(|e| e.set_faults(faults))?
            .map_err(|e| refused(e).into())
    }
    /// Gives the scope (the demo user by default) a new key; old-key values are refused.
    #[pyo3(signature = (**scope))]
    fn rotate_key(&self, scope: Option<&Bound<'_, PyDict>>) -> PyResult<()> {
        self.with(|e| self::scope(e, scope).map(|s| e.rotate_key(&s)))?
    }
    #[pyo3(signature = (**scope))]
    fn public_key(&self, scope: Option<&Bound<'_, PyDict>>) -> PyResult<Option<PublicKey>> {
        self.with(|e| self::scope(e, scope).map(|s| e.public_key(&s).map(PublicKey)))?
    }
    /// The decrypted value of a secret (the demo user's unless a scope is given), or `None`.
    #[pyo3(signature = (name, **scope))]
    fn secret_value<'py>(
        &self,
        py: Python<'py>,
        name: &str,
        scope: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Option<Bound<'py, PyBytes>>> {
        let value = self.with(|e| self::scope(e, scope).map(|s| e.secret_value(&s, name)))??;
        Ok(value.map(|v| PyBytes::new(py, v.expose())))
    }
    /// Replaces a secret's value as someone else would (the web UI, another tool): its
    /// `updated_at` moves on, its access stays. False if the scope has no such secret.
    #[pyo3(signature = (name, value, **scope))]
    fn overwrite_secret(
        &self,
        name: &str,
        value: Plaintext,
        scope: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<bool> {
        let value = value.into_secret_value().map_err(PyError)?;
        self.with(|e| self::scope(e, scope).map(|s| e.overwrite_secret(&s, name, value)))?
    }
    /// The scope's secrets as stored, decrypted, sorted by name.
    #[pyo3(signature = (**scope))]
    fn secrets(&self, scope: Option<&Bound<'_, PyDict>>) -> PyResult<Vec<StoredSecret>> {
        let stored = self.with(|e| self::scope(e, scope).map(|s| e.secrets(&s)))??;
        Ok(stored.into_iter().map(StoredSecret).collect())
    }
    /// Every API request so far, oldest first; never a token or a value.
    fn request_log(&self) -> PyResult<Vec<LoggedRequest>> {
        Ok(self
            .with(emu::Emulator::request_log)?
            .into_iter()
            .map(LoggedRequest)
            .collect())
    }
    fn clear_log(&self) -> PyResult<()> {
        self.with(emu::Emulator::clear_log)
    }
    /// Registers a GitHub App (a fresh RSA key); it can act on nothing until installed.
    fn register_app(&self) -> PyResult<RegisteredApp> {
        self.with(|e| RegisteredApp(e.register_app()))
    }
    /// Installs app `app_id` on an account (`user=` or `org=`: its scope and every repository
    /// it owns) or one repository (`repo="owner/name"`); returns the installation id. An `app_id` this
    /// emulator did not register raises `ValueError`.
    #[pyo3(signature = (app_id, **scope))]
    fn install_app(&self, app_id: u64, scope: Option<&Bound<'_, PyDict>>) -> PyResult<u64> {
        let installed =
            self.with(|e| self::scope(e, scope).map(|on| e.try_install_app(app_id, &on)))??;
        installed.ok_or_else(|| {
            pyo3::exceptions::PyValueError::new_err(format!(
                "no app {app_id} is registered with this emulator"
            ))
        })
    }
    /// Changes the authentication settings given (seconds, or an int); the others stay.
    #[pyo3(signature = (*, installation_token_lifetime=None, clock_skew=None,
        device_poll_interval=None, device_code_lifetime=None))]
    fn set_auth_settings(
        &self,
        installation_token_lifetime: Option<f64>,
        clock_skew: Option<i64>,
        device_poll_interval: Option<u32>,
        device_code_lifetime: Option<f64>,
    ) -> PyResult<()> {
        self.with(|e| {
            let settings = auth_settings(
                e.auth_settings(),
                installation_token_lifetime,
                clock_skew,
                device_poll_interval,
                device_code_lifetime,
            )?;
            e.set_auth_settings(settings);
            Ok(())
        })?
    }
    /// Approves the device code the user sees (as `login`, else the demo user). False if
    /// there is no such pending code.
    #[pyo3(signature = (user_code, login=None))]
    fn approve_device_code(&self, user_code: &str, login: Option<&str>) -> PyResult<bool> {
        self.with(|e| e.approve_device_code(user_code, login))
    }
    /// Denies the device code: the login fails with reason `"denied"`.
    fn deny_device_code(&self, user_code: &str) -> PyResult<bool> {
        self.with(|e| e.deny_device_code(user_code))
    }
    /// Makes the next poll of the code answer `slow_down` (its interval grows by 5 s).
    fn slow_down_device_code(&self, user_code: &str) -> PyResult<bool> {
        self.with(|e| e.slow_down_device_code(user_code))
    }
    /// Stops the server (idempotent).
    fn close(&self, py: Python<'_>) {
        let running = self.0.lock().unwrap_or_else(PoisonError::into_inner).take();
        if let Some(running) = running {
            py.detach(|| running.shutdown());
        }
    }
    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }
    #[pyo3(signature = (*_exc))]
    fn __exit__(&self, py: Python<'_>, _exc: &Bound<'_, pyo3::types::PyTuple>) -> bool {
        self.close(py);
        false
    }
    fn __repr__(&self) -> String {
        match self.with(|e| (e.base_url(), e.user_login())) {
            Ok((url, login)) => format!("Emulator(base_url='{url}', user_login='{login}')"),
            Err(_) => "Emulator(closed)".to_owned(),
        }
    }
}
