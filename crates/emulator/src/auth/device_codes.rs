//! [`DeviceCodeInfo`]: the device-flow codes a test can see and decide, as the user at
//! `/login/device` would.

use crate::server::ServerState;
use crate::state::{Decision, Verdict};

/// Where a device code stands, as `GET /_emulator/device-codes` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DeviceCodeStatus {
    /// Nobody has approved or denied it yet.
    Pending,
    /// Approved (and possibly already exchanged for a token).
    Approved,
    /// Denied: polls answer `access_denied`.
    Denied,
}

impl DeviceCodeStatus {
    /// `pending`, `approved` or `denied`, the spelling of the control routes and bindings.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Denied => "denied",
        }
    }
}

/// A device code issued by `POST /login/device/code`, without the device code itself (a
/// credential): what a test needs to approve or deny it by its user code.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DeviceCodeInfo {
    /// The code the user types, `ABCD-1234`.
    pub user_code: String,
    /// The app's client id the flow was started with.
    pub client_id: String,
    /// The `scope` requested (empty when none).
    pub scope: String,
    /// Pending, approved or denied.
    pub status: DeviceCodeStatus,
}

impl ServerState {
    pub(crate) fn device_codes(&self) -> Vec<DeviceCodeInfo> {
        self.state()
            .device_codes()
            .iter()
            .map(|code| DeviceCodeInfo {
                user_code: code.user_code.clone(),
                client_id: code.client_id.clone(),
                scope: code.scope.clone(),
                status: match code.decision {
                    Decision::Pending => DeviceCodeStatus::Pending,
                    Decision::Approved(_) | Decision::Consumed => DeviceCodeStatus::Approved,
                    Decision::Denied => DeviceCodeStatus::Denied,
                },
            })
            .collect()
    }

    /// Approves as `login`, or as the demo user when `None`.
    pub(crate) fn approve_device_code(&self, user_code: &str, login: Option<&str>) -> bool {
        let login = login.unwrap_or(self.user_login()).to_owned();
        self.state()
            .decide_device_code(user_code, Verdict::Approve(login))
    }

    pub(crate) fn deny_device_code(&self, user_code: &str) -> bool {
        self.state().decide_device_code(user_code, Verdict::Deny)
    }

    pub(crate) fn slow_down_device_code(&self, user_code: &str) -> bool {
        self.state()
            .decide_device_code(user_code, Verdict::SlowDown)
    }
}
