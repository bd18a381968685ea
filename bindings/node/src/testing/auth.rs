//! The emulator's GitHub App and device-flow controls: register and install Apps, tune token
//! lifetimes, the clock and polling, and play the user who approves or denies a device code.

use std::time::Duration;

use codespaces_secrets::Error;
use codespaces_secrets_emulator as emu;
use napi::Env;
use napi_derive::napi;

use crate::error::throw;
use crate::testing::emulator::Emulator;
use crate::testing::records::EmulatorScope;

/// A GitHub App registered with the emulator: `new Client({ app: { appId: app.id, privateKey:
/// app.privateKeyPem } })` acts as it once it is installed (`installApp`).
#[napi(object)]
pub struct RegisteredApp {
    /// The App's numeric id, a JWT issuer.
    pub id: i64,
    /// Its client id (`Iv1.`...), the other JWT issuer and the device flow's `clientId`.
    pub client_id: String,
    /// Its URL name.
    pub slug: String,
    /// Its private key, PKCS#1 PEM (`BEGIN RSA PRIVATE KEY`), as GitHub hands them out.
    pub private_key_pem: String,
    /// The same key as PKCS#8 PEM (`BEGIN PRIVATE KEY`).
    pub private_key_pkcs8_pem: String,
}

/// How long the emulator's credentials live and what its clock says, so token renewal, clock
/// drift and device-flow polling are tested in seconds. `setAuthSettings` replaces them all:
/// an absent field takes GitHub's value; `authSettings()` returns every field.
#[napi(object)]
#[derive(Default)]
pub struct AuthSettings {
    /// How long an installation token (`ghs_...`) is valid. GitHub's: 3600000.
    pub installation_token_lifetime_ms: Option<u32>,
    /// Seconds added to the emulator's clock for authentication (JWT checks, expiries);
    /// positive means the server is ahead of the client. Default: 0.
    pub clock_skew_secs: Option<i64>,
    /// The polling interval a device flow is told to keep; tests set 0. GitHub's: 5.
    pub device_poll_interval_secs: Option<u32>,
    /// How long a device code can be exchanged. GitHub's: 900000.
    pub device_code_lifetime_ms: Option<u32>,
}

/// A device code the emulator issued (never the secret device code itself).
#[napi(object)]
pub struct DeviceCodeInfo {
    /// The code the user types.
    pub user_code: String,
    /// The client id the flow was started with.
    pub client_id: String,
    /// The scopes requested, space-separated (empty when none).
    pub scope: String,
    /// Whether the user approved or denied it yet.
    #[napi(ts_type = "'pending' | 'approved' | 'denied'")]
    pub status: String,
}

fn ms(d: Duration) -> u32 {
    u32::try_from(d.as_millis()).unwrap_or(u32::MAX)
}

impl From<AuthSettings> for emu::AuthSettings {
    fn from(s: AuthSettings) -> Self {
        let d = Self::default();
        let ms = |v: Option<u32>, default| v.map_or(default, |v| Duration::from_millis(v.into()));
        Self {
            installation_token_lifetime: ms(
                s.installation_token_lifetime_ms,
                d.installation_token_lifetime,
            ),
            clock_skew: s.clock_skew_secs.unwrap_or(d.clock_skew),
            device_poll_interval: s
                .device_poll_interval_secs
                .unwrap_or(d.device_poll_interval),
            device_code_lifetime: ms(s.device_code_lifetime_ms, d.device_code_lifetime),
        }
    }
}

impl From<emu::AuthSettings> for AuthSettings {
    fn from(s: emu::AuthSettings) -> Self {
        Self {
            installation_token_lifetime_ms: Some(ms(s.installation_token_lifetime)),
            clock_skew_secs: Some(s.clock_skew),
            device_poll_interval_secs: Some(s.device_poll_interval),
            device_code_lifetime_ms: Some(ms(s.device_code_lifetime)),
        }
    }
}

#[napi]
impl Emulator {
    /// Registers a new GitHub App with a fresh RSA key. It can act on nothing until installed.
    #[napi]
    pub fn register_app(&self) -> napi::Result<RegisteredApp> {
        let app = self.get()?.register_app();
        Ok(RegisteredApp {
            id: i64::try_from(app.id).unwrap_or(i64::MAX),
            client_id: app.client_id,
            slug: app.slug,
            private_key_pem: app.private_key_pem,
            private_key_pkcs8_pem: app.private_key_pkcs8_pem,
        })
    }

    /// Installs App `appId` on an organization or user (covering its repositories) or on one
    /// repository, and returns the installation id; installing twice returns the same one.
    /// Throws `INVALID_INPUT` for an App this emulator did not register.
    #[napi]
    pub fn install_app(&self, env: Env, app_id: i64, on: EmulatorScope) -> napi::Result<i64> {
        let scope = Self::scope(&env, on)?;
        let running = self.get()?;
        let unknown = || Error::invalid_input("appId", format!("no app {app_id} is registered"));
        let app = throw(&env, u64::try_from(app_id).map_err(|_| unknown()))?;
        let installed = throw(
            &env,
            running.try_install_app(app, &scope).ok_or_else(unknown),
        )?;
        Ok(i64::try_from(installed).unwrap_or(i64::MAX))
    }

    /// Replaces the authentication settings (absent fields: GitHub's values). They apply to
    /// tokens and codes issued afterwards; the clock skew applies at once.
    #[napi]
    pub fn set_auth_settings(&self, settings: Option<AuthSettings>) -> napi::Result<()> {
        let settings = settings.unwrap_or_default().into();
        self.get()?.set_auth_settings(settings);
        Ok(())
    }

    /// The authentication settings in force, every field present.
    #[napi]
    pub fn auth_settings(&self) -> napi::Result<AuthSettings> {
        Ok(self.get()?.auth_settings().into())
    }

    /// Every device code issued so far, oldest first.
    #[napi]
    pub fn device_codes(&self) -> napi::Result<Vec<DeviceCodeInfo>> {
        let codes = self.get()?.device_codes().into_iter();
        Ok(codes
            .map(|c| DeviceCodeInfo {
                user_code: c.user_code,
                client_id: c.client_id,
                scope: c.scope,
                status: c.status.as_str().to_owned(),
            })
            .collect())
    }

    /// Approves the code the user sees as `userCode` (any case), as `login` or the demo user:
    /// the flow's next poll gets a `ghu_` token of that user. False when there is no such code
    /// or it was already exchanged.
    #[napi]
    pub fn approve_device_code(
        &self,
        user_code: String,
        login: Option<String>,
    ) -> napi::Result<bool> {
        Ok(self
            .get()?
            .approve_device_code(&user_code, login.as_deref()))
    }

    /// Denies the code: the flow rejects with `LOGIN_FAILED`, reason `denied`. False as for
    /// approving.
    #[napi]
    pub fn deny_device_code(&self, user_code: String) -> napi::Result<bool> {
        Ok(self.get()?.deny_device_code(&user_code))
    }

    /// Makes the code's next poll answer `slow_down` (its interval grows by 5 s), so a client's
    /// handling of it is tested without polling too fast. False as for approving.
    #[napi]
    pub fn slow_down_device_code(&self, user_code: String) -> napi::Result<bool> {
        Ok(self.get()?.slow_down_device_code(&user_code))
    }
}
