//! The SDK's `Error` as a `CodespacesSecretsError`: the kind, the SDK's message as `reason`,
//! and GitHub's status, request id and documentation link, so nothing is lost crossing the FFI.

use codespaces_secrets::Error;

use super::CodespacesSecretsError;

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
            _ => Self::Other {
                reason: e.to_string(),
                code: e.code().to_owned(),
            },
        }
    }
}
