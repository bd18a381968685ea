//! `Client` (blocking) and `AsyncClient` (asyncio): scope handles from the settings both share.

use pyo3::prelude::*;

use crate::aio::AsyncScope;
use crate::convert::seconds;
use crate::errors::PyError;
use crate::scope::Scope;

/// A GitHub API client for Codespaces secrets whose calls block (with the GIL released).
#[pyclass(frozen, module = "codespaces_secrets")]
pub(crate) struct Client(pub(crate) codespaces_secrets::Client);

#[pymethods]
impl Client {
    #[new]
    #[pyo3(signature = (token=None, base_url=None, *, user_agent=None, timeout=None,
        connect_timeout=None, max_retries=None, write_interval=None, max_rate_limit_wait=None))]
    #[allow(clippy::too_many_arguments)] // Python keyword arguments, one per setting
    fn new(
        token: Option<String>,
        base_url: Option<String>,
        user_agent: Option<String>,
        timeout: Option<f64>,
        connect_timeout: Option<f64>,
        max_retries: Option<u32>,
        write_interval: Option<f64>,
        max_rate_limit_wait: Option<f64>,
    ) -> Result<Self, PyError> {
        let settings = Settings {
            token,
            base_url,
            user_agent,
            timeout,
            connect_timeout,
            max_retries,
            write_interval,
            max_rate_limit_wait,
        };
        Ok(Self(settings.build()?))
    }

    /// The authenticated user's secrets.
    #[getter]
    fn user(&self) -> Scope {
        Scope(self.0.user().into())
    }

    /// A repository's secrets.
    fn repo(&self, owner: String, repo: String) -> Scope {
        Scope(self.0.repo(owner, repo).into())
    }

    /// An organization's secrets.
    fn org(&self, org: String) -> Scope {
        Scope(self.0.org(org).into())
    }

    /// The API root in use.
    #[getter]
    fn base_url(&self) -> &str {
        self.0.base_url()
    }

    fn __repr__(&self) -> String {
        format!("Client(base_url='{}')", self.0.base_url())
    }
}

/// A GitHub API client for Codespaces secrets whose calls return asyncio awaitables.
#[pyclass(frozen, module = "codespaces_secrets")]
pub(crate) struct AsyncClient(codespaces_secrets::Client);

#[pymethods]
impl AsyncClient {
    #[new]
    #[pyo3(signature = (token=None, base_url=None, *, user_agent=None, timeout=None,
        connect_timeout=None, max_retries=None, write_interval=None, max_rate_limit_wait=None))]
    #[allow(clippy::too_many_arguments)] // Python keyword arguments, one per setting
    fn new(
        token: Option<String>,
        base_url: Option<String>,
        user_agent: Option<String>,
        timeout: Option<f64>,
        connect_timeout: Option<f64>,
        max_retries: Option<u32>,
        write_interval: Option<f64>,
        max_rate_limit_wait: Option<f64>,
    ) -> Result<Self, PyError> {
        let settings = Settings {
            token,
            base_url,
            user_agent,
            timeout,
            connect_timeout,
            max_retries,
            write_interval,
            max_rate_limit_wait,
        };
        Ok(Self(settings.build()?))
    }
    #[getter]
    fn user(&self) -> AsyncScope {
        AsyncScope(self.0.user().into())
    }
    fn repo(&self, owner: String, repo: String) -> AsyncScope {
        AsyncScope(self.0.repo(owner, repo).into())
    }
    fn org(&self, org: String) -> AsyncScope {
        AsyncScope(self.0.org(org).into())
    }
    #[getter]
    fn base_url(&self) -> &str {
        self.0.base_url()
    }
    fn __repr__(&self) -> String {
        format!("AsyncClient(base_url='{}')", self.0.base_url())
    }
}

/// The keyword arguments of `Client(...)` and `AsyncClient(...)`; durations in seconds.
pub(crate) struct Settings {
    pub(crate) token: Option<String>,
    pub(crate) base_url: Option<String>,
    pub(crate) user_agent: Option<String>,
    pub(crate) timeout: Option<f64>,
    pub(crate) connect_timeout: Option<f64>,
    pub(crate) max_retries: Option<u32>,
    pub(crate) write_interval: Option<f64>,
    pub(crate) max_rate_limit_wait: Option<f64>,
}

impl Settings {
    /// The SDK client; what is not given comes from the environment or the SDK's defaults.
    pub(crate) fn build(self) -> Result<codespaces_secrets::Client, PyError> {
        let mut builder = codespaces_secrets::Client::builder();
        if let Some(token) = self.token {
            builder = builder.token(token);
        }
        if let Some(url) = self.base_url {
            builder = builder.base_url(url);
        }
        if let Some(agent) = self.user_agent {
            builder = builder.user_agent(agent);
        }
        if let Some(timeout) = seconds("timeout", self.timeout)? {
            builder = builder.timeout(timeout);
        }
        if let Some(timeout) = seconds("connect_timeout", self.connect_timeout)? {
            builder = builder.connect_timeout(timeout);
        }
        if let Some(retries) = self.max_retries {
            builder = builder.max_retries(retries);
        }
        if let Some(interval) = seconds("write_interval", self.write_interval)? {
            builder = builder.write_interval(interval);
        }
        if let Some(wait) = seconds("max_rate_limit_wait", self.max_rate_limit_wait)? {
            builder = builder.max_rate_limit_wait(wait);
        }
        Ok(builder.build()?)
    }
}
