//! `Client` (blocking) and `AsyncClient` (asyncio): one class shape, written once by
//! `client_class!`, that differ only in the scope type they hand out. Their constructors take
//! every field of `codespaces_secrets::ClientSettings` as a keyword and pass it through; what is
//! not given comes from the environment or the SDK's defaults, which live in the SDK alone.

use pyo3::prelude::*;

use crate::aio::AsyncScope;
use crate::auth::GitHubApp;
use crate::convert::seconds;
use crate::errors::PyError;
use crate::scope::Scope;

/// A GitHub API client for Codespaces secrets whose calls block (with the GIL released).
#[pyclass(frozen, module = "codespaces_secrets")]
pub(crate) struct Client(pub(crate) codespaces_secrets::Client);

/// A GitHub API client for Codespaces secrets whose calls return asyncio awaitables.
#[pyclass(frozen, module = "codespaces_secrets")]
pub(crate) struct AsyncClient(pub(crate) codespaces_secrets::Client);

/// The methods of a client class handing out `$scope`s. A macro rather than a function because
/// pyo3 reads the constructor's keyword list from the method itself.
macro_rules! client_class {
    ($client:ident, $scope:ident) => {
        #[pymethods]
        impl $client {
            #[new]
            #[pyo3(signature = (token=None, base_url=None, *, app=None, user_agent=None, api_version=None, timeout=None,
                                connect_timeout=None, max_retries=None, retry_base_delay=None,
                                write_interval=None, max_rate_limit_wait=None,
                                secondary_rate_limit_backoff=None, max_rate_limit_retries=None,
                                deadline=None))]
            #[allow(clippy::too_many_arguments)] // Python keyword arguments, one per setting
            fn new(
                token: Option<String>,
                base_url: Option<String>,
                app: Option<Bound<'_, GitHubApp>>,
                user_agent: Option<String>,
                api_version: Option<String>,
                timeout: Option<f64>,
                connect_timeout: Option<f64>,
                max_retries: Option<u32>,
                retry_base_delay: Option<f64>,
                write_interval: Option<f64>,
                max_rate_limit_wait: Option<f64>,
                secondary_rate_limit_backoff: Option<f64>,
                max_rate_limit_retries: Option<u32>,
                deadline: Option<f64>,
            ) -> Result<Self, PyError> {
                // No `..Default::default()`: a new SDK setting fails to compile here until
                // Python has its keyword.
                let settings = codespaces_secrets::ClientSettings {
                    token,
                    app: app.map(|app| app.get().0.clone()),
                    base_url,
                    user_agent,
                    api_version,
                    timeout: seconds("timeout", timeout)?,
                    connect_timeout: seconds("connect_timeout", connect_timeout)?,
                    max_retries,
                    retry_base_delay: seconds("retry_base_delay", retry_base_delay)?,
                    write_interval: seconds("write_interval", write_interval)?,
                    max_rate_limit_wait: seconds("max_rate_limit_wait", max_rate_limit_wait)?,
                    secondary_rate_limit_backoff: seconds(
                        "secondary_rate_limit_backoff",
                        secondary_rate_limit_backoff,
                    )?,
                    max_rate_limit_retries,
                    deadline: seconds("deadline", deadline)?,
                };
                Ok(Self(codespaces_secrets::Client::new(settings)?))
            }

            /// The authenticated user's secrets.
            #[getter]
            fn user(&self) -> $scope {
                $scope(self.0.user().into())
            }

            /// A repository's secrets.
            fn repo(&self, owner: String, repo: String) -> $scope {
                $scope(self.0.repo(owner, repo).into())
            }

            /// An organization's secrets.
            fn org(&self, org: String) -> $scope {
                $scope(self.0.org(org).into())
            }

            /// The API root in use.
            #[getter]
            fn base_url(&self) -> &str {
                self.0.base_url()
            }

            /// The REST API version every request asks for (`X-GitHub-Api-Version`).
            #[getter]
            fn api_version(&self) -> &'static str {
                self.0.api_version()
            }

            fn __repr__(&self) -> String {
                format!("{}(base_url='{}')", stringify!($client), self.0.base_url())
            }
        }
    };
}

client_class!(Client, Scope);
client_class!(AsyncClient, AsyncScope);
