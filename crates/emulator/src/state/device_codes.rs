//! The device flow's codes as the emulator keeps them, and the answers a poll can get.

use std::fmt;

use chrono::{DateTime, Utc};
use rand_core::{OsRng, RngCore};

use super::model::random_string;

/// How much `slow_down` raises a code's polling interval, as GitHub does.
pub(super) const SLOW_DOWN_STEP: u32 = 5;
/// The only grant type the token endpoint takes here.
pub(crate) const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

/// Where a device code stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Decision {
    Pending,
    /// Approved by the user with this login.
    Approved(String),
    Denied,
    /// Exchanged for a token; it cannot be exchanged again.
    Consumed,
}

pub(crate) struct DeviceCode {
    /// The secret the client polls with.
    pub(super) device_code: String,
    pub(crate) user_code: String,
    pub(crate) client_id: String,
    pub(crate) scope: String,
    pub(crate) decision: Decision,
    pub(crate) expires_at: DateTime<Utc>,
    /// The polling interval in seconds, raised by every `slow_down`.
    pub(crate) interval: u32,
    pub(super) last_poll: Option<DateTime<Utc>>,
    /// Set by a test: the next poll answers `slow_down` whatever its timing.
    pub(super) slow_down_next: bool,
}

/// The device code is a credential: Debug leaves it out.
impl fmt::Debug for DeviceCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeviceCode")
            .field("user_code", &self.user_code)
            .field("client_id", &self.client_id)
            .field("decision", &self.decision)
            .field("expires_at", &self.expires_at)
            .field("interval", &self.interval)
            .finish_non_exhaustive()
    }
}

/// What a new device code tells the client.
#[derive(Debug)]
pub(crate) struct IssuedCode {
    pub(crate) device_code: String,
    pub(crate) user_code: String,
    pub(crate) expires_in: u64,
    pub(crate) interval: u32,
}

/// The token endpoint's refusals, in GitHub's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DeviceError {
    AuthorizationPending,
    SlowDown(u32),
    ExpiredToken,
    AccessDenied,
    IncorrectClientCredentials,
    IncorrectDeviceCode,
    UnsupportedGrantType,
    BadVerificationCode,
}

impl DeviceError {
    /// The `error` code.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Self::AuthorizationPending => "authorization_pending",
            Self::SlowDown(_) => "slow_down",
            Self::ExpiredToken => "expired_token",
            Self::AccessDenied => "access_denied",
            Self::IncorrectClientCredentials => "incorrect_client_credentials",
            Self::IncorrectDeviceCode => "incorrect_device_code",
            Self::UnsupportedGrantType => "unsupported_grant_type",
            Self::BadVerificationCode => "bad_verification_code",
        }
    }

    /// The `error_description`.
    pub(crate) fn description(self) -> &'static str {
        match self {
            Self::AuthorizationPending => "The authorization request is still pending.",
            Self::SlowDown(_) => "Too many requests have been made in the same timeframe.",
            Self::ExpiredToken => "This 'device_code' has expired.",
            Self::AccessDenied => "The authorization request was denied.",
            Self::IncorrectClientCredentials => {
                "The client_id and/or client_secret passed are incorrect."
            }
            Self::IncorrectDeviceCode => "The device_code provided is not valid.",
            Self::UnsupportedGrantType => {
                "The grant type is not supported. The device flow requires 'urn:ietf:params:oauth:grant-type:device_code'."
            }
            Self::BadVerificationCode => "The code passed is incorrect or expired.",
        }
    }
}

/// A successful exchange.
#[derive(Debug)]
pub(crate) struct Granted {
    pub(crate) access_token: String,
    pub(crate) scope: String,
}

/// What a test does to a device code.
#[derive(Debug, Clone)]
pub(crate) enum Verdict {
    Approve(String),
    Deny,
    SlowDown,
}

/// A user code as GitHub shows it: `WDJB-MJHT`, here four letters and four digits.
pub(super) fn user_code() -> String {
    format!(
        "{}-{}",
        random_string(b"BCDFGHJKLMNPQRSTVWXZ", 4),
        random_string(b"0123456789", 4)
    )
}

pub(super) fn device_code() -> String {
    let mut bytes = [0u8; 20];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
