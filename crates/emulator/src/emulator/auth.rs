//! [`Emulator`]'s GitHub App and OAuth device-flow controls: register and install apps, tune
//! token lifetimes and the clock, and play the user who approves a device code.

use crate::auth::device_codes::DeviceCodeInfo;
use crate::auth::github_app::RegisteredApp;
use crate::auth::settings::AuthSettings;
use crate::config::Scope;
use crate::emulator::Emulator;

impl Emulator {
    /// Registers a new GitHub App with a fresh 2048-bit RSA key. A client authenticates as it
    /// with a JWT signed by `private_key_pem` (RS256, `iss` = `id` or `client_id`); it can act
    /// on nothing until installed ([`Emulator::install_app`]).
    ///
    /// ```
    /// use codespaces_secrets_emulator::{Emulator, EmulatorConfig, Scope};
    ///
    /// let emulator = Emulator::start(EmulatorConfig::default())?;
    /// let app = emulator.register_app();
    /// assert!(app.private_key_pem.starts_with("-----BEGIN RSA PRIVATE KEY-----"));
    /// let installation = emulator.install_app(app.id, &Scope::org("octo-org"));
    /// assert_ne!(installation, app.id);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn register_app(&self) -> RegisteredApp {
        self.server.register_app()
    }

    /// Installs app `app_id` on an organization or user account (covering its own scope and
    /// every repository it owns) or on one repository, and returns the installation id. The
    /// account or repository is created if absent; installing twice on the same place returns
    /// the same installation.
    ///
    /// # Panics
    ///
    /// If `app_id` was not returned by [`Emulator::register_app`] of this emulator: that is a
    /// mistake in the test, reported where it was made.
    pub fn install_app(&self, app_id: u64, on: &Scope) -> u64 {
        self.try_install_app(app_id, on)
            .unwrap_or_else(|| panic!("no app {app_id} is registered with this emulator"))
    }

    /// [`Emulator::install_app`] that answers `None` for an app this emulator never
    /// registered, for callers (language bindings) that report the mistake themselves.
    pub fn try_install_app(&self, app_id: u64, on: &Scope) -> Option<u64> {
        self.server.install_app(app_id, on)
    }

    /// Replaces the authentication settings: token and device-code lifetimes, the polling
    /// interval, and the clock skew (which applies at once, also to tokens already issued).
    pub fn set_auth_settings(&self, settings: AuthSettings) {
        self.server.state().auth = settings;
    }

    /// The authentication settings in force.
    pub fn auth_settings(&self) -> AuthSettings {
        self.server.state().auth.clone()
    }

    /// Every device code issued so far (oldest first), without the secret device codes.
    pub fn device_codes(&self) -> Vec<DeviceCodeInfo> {
        self.server.device_codes()
    }

    /// Approves the device code the user sees as `user_code` (any case), as `login` or the
    /// demo user: the client's next poll (if not too soon) gets a new `ghu_` token of that
    /// user. False when no such code exists or it was already exchanged.
    pub fn approve_device_code(&self, user_code: &str, login: Option<&str>) -> bool {
        self.server.approve_device_code(user_code, login)
    }

    /// Denies the device code: polls answer `access_denied`. False as for approving.
    pub fn deny_device_code(&self, user_code: &str) -> bool {
        self.server.deny_device_code(user_code)
    }

    /// Makes the next poll of this device code answer `slow_down` (raising its interval by
    /// 5 s) whatever its timing, so a client's handling of it can be tested without waiting.
    pub fn slow_down_device_code(&self, user_code: &str) -> bool {
        self.server.slow_down_device_code(user_code)
    }
}
