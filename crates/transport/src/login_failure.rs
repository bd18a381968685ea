//! How a device-flow login can end without a token: a fact the errors and the device flow
//! share, kept apart so the errors need nothing from authentication.

/// How a device flow ended without a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum LoginFailure {
    /// The user pressed Cancel on GitHub's page (`access_denied`).
    Denied,
    /// The code expired before the user approved it (`expired_token`).
    Expired,
    /// The caller cancelled the wait.
    Cancelled,
    /// GitHub refused the client (unknown client id, device flow not enabled for the app).
    Refused,
}

impl LoginFailure {
    /// A stable name for the reason: `denied`, `expired`, `cancelled`, `refused`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Denied => "denied",
            Self::Expired => "expired",
            Self::Cancelled => "cancelled",
            Self::Refused => "refused",
        }
    }
}
