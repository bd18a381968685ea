//! The SDK's `Error` as a `CodespacesSecretsError`: the kind, the SDK's message as `reason`,
//! and GitHub's status, request id and documentation link, so nothing is lost crossing the FFI.

use codespaces_secrets::Error;

use super::CodespacesSecretsError;
use crate::login_failure::LoginFailure;

/// The fields every variant built from GitHub's answer carries.
macro_rules! api_variant {
    ($variant:ident, $error:expr, $api:expr) => {
        CodespacesSecretsError::$variant {
            reason: $error.to_string(),
            status: $api.status,
            request_id: $api.request_id.clone(),
            documentation_url: $api.documentation_url.clone(),
        }
    };
}

impl From<Error> for CodespacesSecretsError {
    fn from(e: Error) -> Self {
        match &e {
            Error::InvalidInput { field, .. } => Self::InvalidInput {
                field: (*field).to_owned(),
                reason: e.to_string(),
            },
            Error::Unauthorized(api) => api_variant!(Unauthorized, e, api),
            Error::Forbidden(api) => api_variant!(Forbidden, e, api),
            Error::NotFound(api) => api_variant!(NotFound, e, api),
            Error::Conflict(api) => api_variant!(Conflict, e, api),
            Error::Validation(api) => api_variant!(Validation, e, api),
            Error::Server(api) => api_variant!(Server, e, api),
            Error::Api(api) => api_variant!(Api, e, api),
            Error::RateLimited { retry_at, .. } => Self::RateLimited {
                reason: e.to_string(),
                retry_at: *retry_at,
                status: e.status(),
                request_id: e.request_id().map(str::to_owned),
                documentation_url: e.documentation_url().map(str::to_owned),
            },
            Error::Transport { .. } => Self::Transport {
                reason: e.to_string(),
            },
            Error::Decode { .. } => Self::Decode {
                reason: e.to_string(),
            },
            Error::Encryption(_) => Self::Encryption {
                reason: e.to_string(),
            },
            Error::Login { reason, .. } => match LoginFailure::from_sdk(*reason) {
                Some(reason) => Self::LoginFailed {
                    reason,
                    detail: e.to_string(),
                },
                None => Self::Other {
                    reason: e.to_string(),
                    code: e.code().to_owned(),
                },
            },
            _ => Self::Other {
                reason: e.to_string(),
                code: e.code().to_owned(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use codespaces_secrets::LoginFailure as SdkFailure;

    use super::*;

    #[test]
    fn a_failed_login_keeps_its_reason_code_and_message() {
        let cases = [
            (SdkFailure::Denied, LoginFailure::Denied),
            (SdkFailure::Expired, LoginFailure::Expired),
            (SdkFailure::Cancelled, LoginFailure::Cancelled),
            (SdkFailure::Refused, LoginFailure::Refused),
        ];
        for (sdk, expected) in cases {
            let error = Error::Login {
                reason: sdk,
                message: "the user said no".into(),
            };
            let converted = CodespacesSecretsError::from(error.clone());
            assert_eq!(converted.code(), "LOGIN_FAILED");
            assert_eq!(converted.to_string(), error.to_string());
            match converted {
                CodespacesSecretsError::LoginFailed { reason, detail } => {
                    assert_eq!(reason, expected);
                    assert_eq!(detail, error.to_string());
                }
                other => panic!("{other:?}"),
            }
        }
    }
}
