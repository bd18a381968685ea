//! `new Emulator()`: the Rust emulator of GitHub's Codespaces secrets API, in-process, for
//! users' own tests. It serves on 127.0.0.1 from its own thread, so it never blocks or keeps
//! alive Node's event loop.

use codespaces_secrets::IntoSecretValue;
use codespaces_secrets_emulator as emu;
use napi::Env;
use napi::bindgen_prelude::{Buffer, Either};
use napi_derive::napi;

use crate::error::throw;
use crate::models::PublicKey;
use crate::pairs::bytes;
use crate::testing::options::{EmulatorOptions, Faults, refused};
use crate::testing::records::{EmulatorScope, LoggedRequest, StoredSecret};

/// A running emulator. Point a `Client` at `baseUrl` with `token`, then read back what arrived
/// (decrypted) with `secretValue` / `secrets`. `shutdown()` stops it (so does garbage collection).
#[napi]
pub struct Emulator {
    running: Option<emu::Emulator>,
}

#[napi]
impl Emulator {
    /// Starts the server; listening before this returns.
    #[napi(constructor)]
    pub fn new(env: Env, options: Option<EmulatorOptions>) -> napi::Result<Self> {
        let config = throw(&env, options.unwrap_or_default().into_config())?;
        let running = emu::Emulator::start(config)
            .map_err(|e| napi::Error::from_reason(format!("cannot start the emulator: {e}")))?;
        Ok(Self {
            running: Some(running),
        })
    }

    pub(crate) fn get(&self) -> napi::Result<&emu::Emulator> {
        self.running
            .as_ref()
            .ok_or_else(|| napi::Error::from_reason("the emulator was shut down"))
    }

    pub(crate) fn scope(env: &Env, scope: EmulatorScope) -> napi::Result<emu::Scope> {
        throw(env, emu::Scope::try_from(scope))
    }

    /// `http://127.0.0.1:PORT`, the `baseUrl` for a `Client`.
    #[napi(getter)]
    pub fn base_url(&self) -> napi::Result<String> {
        Ok(self.get()?.base_url())
    }

    /// The demo user's token.
    #[napi(getter)]
    pub fn token(&self) -> napi::Result<String> {
        Ok(self.get()?.token())
    }

    /// The demo user's login (`octocat` unless configured).
    #[napi(getter)]
    pub fn user_login(&self) -> napi::Result<String> {
        Ok(self.get()?.user_login())
    }

    /// Issues a token for `login`, creating the user if needed.
    #[napi]
    pub fn add_user(&self, login: String) -> napi::Result<String> {
        Ok(self.get()?.add_user(&login))
    }

    /// Creates repository `owner/name` (if absent) and returns its id.
    #[napi]
    pub fn add_repo(&self, owner: String, name: String) -> napi::Result<i64> {
        Ok(self.get()?.add_repo(&owner, &name))
    }

    /// The id of repository `owner/name`, or `null`.
    #[napi]
    pub fn repo_id(&self, owner: String, name: String) -> napi::Result<Option<i64>> {
        Ok(self.get()?.repo_id(&owner, &name))
    }

    /// Creates organization `name` (if absent) with these members.
    #[napi]
    pub fn add_org(&self, name: String, members: Vec<String>) -> napi::Result<()> {
        let members: Vec<&str> = members.iter().map(String::as_str).collect();
        self.get()?.add_org(&name, &members);
        Ok(())
    }

    /// Replaces the faults (no argument: none). Rate-limit windows start over. Faults the
    /// emulator refuses throw `INVALID_INPUT`, and the faults in force stay.
    #[napi]
    pub fn set_faults(&self, env: Env, faults: Option<Faults>) -> napi::Result<()> {
        let faults = faults.map(Into::into).unwrap_or_default();
        throw(&env, self.get()?.set_faults(faults).map_err(refused))
    }

    /// Gives the scope a new key pair; values sealed to the old key are refused from now on.
    #[napi]
    pub fn rotate_key(&self, env: Env, scope: EmulatorScope) -> napi::Result<()> {
        self.get()?.rotate_key(&Self::scope(&env, scope)?);
        Ok(())
    }

    /// The scope's current public key, or `null` for an unknown scope.
    #[napi]
    pub fn public_key(&self, env: Env, scope: EmulatorScope) -> napi::Result<Option<PublicKey>> {
        Ok(self
            .get()?
            .public_key(&Self::scope(&env, scope)?)
            .map(Into::into))
    }

    /// A stored secret's decrypted value as text (name in any case), or `null`.
    #[napi]
    pub fn secret_value(
        &self,
        env: Env,
        scope: EmulatorScope,
        name: String,
    ) -> napi::Result<Option<String>> {
        let value = self.get()?.secret_value(&Self::scope(&env, scope)?, &name);
        Ok(value.map(|v| String::from_utf8_lossy(v.expose()).into_owned()))
    }

    /// A stored secret's decrypted bytes, or `null`.
    #[napi]
    pub fn secret_bytes(
        &self,
        env: Env,
        scope: EmulatorScope,
        name: String,
    ) -> napi::Result<Option<Buffer>> {
        let value = self.get()?.secret_value(&Self::scope(&env, scope)?, &name);
        Ok(value.map(|v| v.expose().to_vec().into()))
    }

    /// The scope's secrets, decrypted, sorted by name.
    #[napi]
    pub fn secrets(&self, env: Env, scope: EmulatorScope) -> napi::Result<Vec<StoredSecret>> {
        let secrets = self.get()?.secrets(&Self::scope(&env, scope)?);
        Ok(secrets.into_iter().map(Into::into).collect())
    }

    /// Changes a secret's value as someone else would (the web UI, another tool): its
    /// `updatedAt` moves on by at least a second, so a `sync` with `state` writes it again
    /// (`changed_elsewhere`). False when the scope or secret does not exist.
    #[napi]
    pub fn overwrite_secret(
        &self,
        env: Env,
        scope: EmulatorScope,
        name: String,
        value: Either<String, Buffer>,
    ) -> napi::Result<bool> {
        let value = throw(&env, bytes(value).into_secret_value())?;
        let scope = Self::scope(&env, scope)?;
        Ok(self.get()?.overwrite_secret(&scope, &name, value))
    }

    /// Every API request so far, oldest first.
    #[napi]
    pub fn request_log(&self) -> napi::Result<Vec<LoggedRequest>> {
        Ok(self
            .get()?
            .request_log()
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// Empties the request log.
    #[napi]
    pub fn clear_log(&self) -> napi::Result<()> {
        self.get()?.clear_log();
        Ok(())
    }

    /// Stops the server (idempotent); other methods throw afterwards.
    #[napi]
    pub fn shutdown(&mut self) {
        if let Some(running) = self.running.take() {
            running.shutdown();
        }
    }
}
