//! How a device-flow login ended without a token: named by the error enum and by the device
//! flow, so it sits apart from both.

use codespaces_secrets as sdk;

/// How a device-flow login ended without a token (`LoginFailed.reason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum LoginFailure {
    /// The user pressed Cancel on GitHub's page.
    Denied,
    /// The code expired before the user approved it: run the login again.
    Expired,
    /// The caller cancelled the wait (`CancelHandle.cancel()`).
    Cancelled,
    /// GitHub refused the client id (unknown, or device flow not enabled for the app).
    Refused,
}

impl LoginFailure {
    /// The binding's reason for the SDK's, or `None` for one a newer SDK added (the error is
    /// then `Other`, with the `LOGIN_FAILED` code).
    pub(crate) fn from_sdk(reason: sdk::LoginFailure) -> Option<Self> {
        match reason {
            sdk::LoginFailure::Denied => Some(Self::Denied),
            sdk::LoginFailure::Expired => Some(Self::Expired),
            sdk::LoginFailure::Cancelled => Some(Self::Cancelled),
            sdk::LoginFailure::Refused => Some(Self::Refused),
            _ => None,
        }
    }
}
