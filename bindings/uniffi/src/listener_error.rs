//! What a listener (Kotlin/Swift code the SDK calls back) may throw. Without an error type, an
//! exception thrown in a callback makes uniffi panic in Rust — which, in the release library
//! (`panic = "abort"`), ends the whole app. With one, the exception comes back as a value and
//! the SDK decides: a progress listener's is ignored (the work goes on), a device-code
//! listener's cancels the login.

/// An exception a listener threw (Kotlin `ListenerException.Failed`, Swift
/// `ListenerError.Failed`). Listeners may throw anything; it arrives as this.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum ListenerError {
    /// The listener failed; `reason` is what it threw, as text.
    #[error("{reason}")]
    Failed {
        /// The exception's description.
        reason: String,
    },
}

impl From<uniffi::UnexpectedUniFFICallbackError> for ListenerError {
    fn from(e: uniffi::UnexpectedUniFFICallbackError) -> Self {
        Self::Failed { reason: e.reason }
    }
}
