//! [`RegisteredApp`]: a GitHub App the emulator knows, with the private key a client signs its
//! JWTs with; and registering and installing apps on the shared state.

use std::fmt;

use serde_json::{Value, json};

use crate::auth::keys::AppKey;
use crate::config::Scope;
use crate::server::ServerState;
use crate::state::{ALPHANUMERIC, random_string};

/// A GitHub App registered with [`crate::Emulator::register_app`] (or `POST /_emulator/apps`):
/// everything a client needs to authenticate as it — the id or client id for the JWT's `iss`,
/// and its private key in both PEM forms (GitHub hands out PKCS#1; many libraries want
/// PKCS#8), so either loader can be tested.
///
/// Debug shows neither key.
#[derive(Clone, PartialEq, Eq)]
pub struct RegisteredApp {
    /// The app id (a JWT's `iss` as a number or a string).
    pub id: u64,
    /// The client id, `Iv23li` and 14 letters or digits (also accepted as `iss`, and what the
    /// device flow's `client_id` must be).
    pub client_id: String,
    /// The URL-friendly name, `emulator-app-N`; installation tokens act as `slug[bot]`.
    pub slug: String,
    /// The 2048-bit RSA private key, `-----BEGIN RSA PRIVATE KEY-----` (PKCS#1).
    pub private_key_pem: String,
    /// The same key as `-----BEGIN PRIVATE KEY-----` (PKCS#8).
    pub private_key_pkcs8_pem: String,
}

impl fmt::Debug for RegisteredApp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RegisteredApp")
            .field("id", &self.id)
            .field("client_id", &self.client_id)
            .field("slug", &self.slug)
            .field("private_key_pem", &"[redacted]")
            .field("private_key_pkcs8_pem", &"[redacted]")
            .finish()
    }
}

impl RegisteredApp {
    /// The control route's answer: the keys are the point of it (loopback only).
    pub(crate) fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "client_id": self.client_id,
            "slug": self.slug,
            "private_key_pem": self.private_key_pem,
            "private_key_pkcs8_pem": self.private_key_pkcs8_pem,
        })
    }
}

impl ServerState {
    /// Registers a new app with a fresh key. The key is generated before the state is locked:
    /// RSA key generation takes a noticeable moment and requests must not wait for it.
    pub(crate) fn register_app(&self) -> RegisteredApp {
        let key = AppKey::generate();
        let client_id = format!("Iv23li{}", random_string(ALPHANUMERIC, 14));
        let record = self.state().register_app(client_id, key.public_der);
        RegisteredApp {
            id: record.id,
            client_id: record.client_id,
            slug: record.slug,
            private_key_pem: key.pkcs1_pem,
            private_key_pkcs8_pem: key.pkcs8_pem,
        }
    }

    /// Installs app `app_id` on `on`; `None` for an unknown app.
    pub(crate) fn install_app(&self, app_id: u64, on: &Scope) -> Option<u64> {
        self.state().install_app(app_id, on)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_keys() {
        let app = RegisteredApp {
            id: 1,
            client_id: "Iv23liX".to_owned(),
            slug: "s".to_owned(),
            private_key_pem: "-----BEGIN RSA PRIVATE KEY-----secret".to_owned(),
            private_key_pkcs8_pem: "-----BEGIN PRIVATE KEY-----secret".to_owned(),
        };
        let shown = format!("{app:?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("Iv23liX"));
    }
}
