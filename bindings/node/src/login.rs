//! What `deviceFlow` works with: the `CancelHandle` that stops it and the `DeviceLogin` it
//! resolves with.

use codespaces_secrets as sdk;
use napi::Env;
use napi_derive::napi;

use crate::error::throw;

/// Stops a `deviceFlow` wait: pass it as `cancel`, call `cancel()` from anywhere (a button, a
/// timer, a signal handler).
#[napi]
#[derive(Default)]
pub struct CancelHandle {
    pub(crate) inner: sdk::CancelHandle,
}

#[napi]
impl CancelHandle {
    /// A handle not yet cancelled.
    #[napi(constructor)]
    pub fn new() -> Self {
        Self::default()
    }

    /// Ends the waits of every flow given this handle at once; flows given it later end before
    /// polling. Idempotent.
    #[napi]
    pub fn cancel(&self) {
        self.inner.cancel();
    }

    /// Whether `cancel()` was called.
    #[napi(getter)]
    pub fn cancelled(&self) -> bool {
        self.inner.is_cancelled()
    }
}

/// A finished login: the user's token and the host it is for. `inspect`, `JSON.stringify` and
/// `String()` show no token; read it from `token`, only to use it.
#[napi]
pub struct DeviceLogin {
    inner: sdk::DeviceLogin,
}

impl From<sdk::DeviceLogin> for DeviceLogin {
    fn from(inner: sdk::DeviceLogin) -> Self {
        Self { inner }
    }
}

#[napi]
impl DeviceLogin {
    /// The user access token (`ghu_...` or `gho_...`): `new Client({ token })`. Never log it.
    #[napi(getter)]
    pub fn token(&self) -> String {
        self.inner.token().to_owned()
    }

    /// The web host the token belongs to, e.g. `github.com`: the key it is stored under.
    #[napi(getter)]
    pub fn host(&self) -> String {
        self.inner.host().to_owned()
    }

    /// Stores the token (a file readable by the user only, replacing an earlier login for the
    /// host) where a later `new Client()` without a token finds it, as the CLI's `auth login`
    /// does: the user's configuration directory, or `dir` (tests, or a tool that keeps its own
    /// logins). Returns the file's path.
    #[napi]
    pub fn save(&self, env: Env, dir: Option<String>) -> napi::Result<String> {
        let store = match dir {
            Some(dir) => Some(sdk::LoginStore::at(dir)),
            None => sdk::LoginStore::default_location(),
        };
        let store = store.ok_or_else(|| {
            sdk::Error::invalid_input("dir", "no configuration directory: HOME is not set")
        });
        let path = throw(&env, store.and_then(|store| self.inner.save(&store)))?;
        Ok(path.to_string_lossy().into_owned())
    }
}
