//! The one error of the Kotlin and Swift API: a variant per SDK error kind, carrying what a
//! caller branches on (status, request id) and a `reason` that is the SDK's own description
//! (except `LoginFailed`, whose `reason` is how the login ended, as in the SDK).
//!
//! Kotlin names it `CodespacesSecretsException` (uniffi turns an `…Error` suffix into
//! `…Exception`); `toString()` there and `description` in Swift are the SDK's message. No field
//! ever holds a token or a secret value: the SDK's errors never do.

mod from_sdk;

use std::time::SystemTime;

use crate::login_failure::LoginFailure;

/// Why a call failed. `reason` is the SDK's description (GitHub's message, the operation, the
/// request id); `status`, `request_id` and `documentation_url` come from GitHub's answer.
#[derive(Debug, Clone, thiserror::Error, uniffi::Error)]
#[uniffi::export(Display)]
pub enum CodespacesSecretsError {
    /// A bad name, value, key, URL, id or file, found before any request was sent.
    #[error("{reason}")]
    InvalidInput {
        /// Why, and what to do.
        reason: String,
        /// What was wrong: `name`, `value`, `public_key`, `base_url`, `token`, ...
        field: String,
    },
    /// 401: the token is missing, wrong or expired.
    #[error("{reason}")]
    Unauthorized {
        /// The SDK's description.
        reason: String,
        /// The HTTP status.
        status: u16,
        /// GitHub's `x-github-request-id`.
        request_id: Option<String>,
        /// GitHub's `documentation_url`.
        documentation_url: Option<String>,
    },
    /// 403 that is not a rate limit: the token lacks a permission or scope.
    #[error("{reason}")]
    Forbidden {
        /// The SDK's description.
        reason: String,
        /// The HTTP status.
        status: u16,
        /// GitHub's `x-github-request-id`.
        request_id: Option<String>,
        /// GitHub's `documentation_url`.
        documentation_url: Option<String>,
    },
    /// 404: the secret, repository or organization does not exist or the token cannot see it.
    #[error("{reason}")]
    NotFound {
        /// The SDK's description.
        reason: String,
        /// The HTTP status.
        status: u16,
        /// GitHub's `x-github-request-id`.
        request_id: Option<String>,
        /// GitHub's `documentation_url`.
        documentation_url: Option<String>,
    },
    /// 409: the request conflicts with the current state (e.g. visibility is not `selected`).
    #[error("{reason}")]
    Conflict {
        /// The SDK's description.
        reason: String,
        /// The HTTP status.
        status: u16,
        /// GitHub's `x-github-request-id`.
        request_id: Option<String>,
        /// GitHub's `documentation_url`.
        documentation_url: Option<String>,
    },
    /// 422: GitHub refused the request body.
    #[error("{reason}")]
    Validation {
        /// The SDK's description, with GitHub's field-level problems.
        reason: String,
        /// The HTTP status.
        status: u16,
        /// GitHub's `x-github-request-id`.
        request_id: Option<String>,
        /// GitHub's `documentation_url`.
        documentation_url: Option<String>,
    },
    /// A rate limit that could not be waited out within the configured bounds.
    #[error("{reason}")]
    RateLimited {
        /// The SDK's description.
        reason: String,
        /// When GitHub says requests may resume, if it said.
        retry_at: Option<SystemTime>,
        /// The HTTP status, when GitHub answered.
        status: Option<u16>,
        /// GitHub's `x-github-request-id`.
        request_id: Option<String>,
        /// GitHub's `documentation_url`.
        documentation_url: Option<String>,
    },
    /// 5xx, after the configured retries.
    #[error("{reason}")]
    Server {
        /// The SDK's description.
        reason: String,
        /// The HTTP status.
        status: u16,
        /// GitHub's `x-github-request-id`.
        request_id: Option<String>,
        /// GitHub's `documentation_url`.
        documentation_url: Option<String>,
    },
    /// Any other status GitHub answered with.
    #[error("{reason}")]
    Api {
        /// The SDK's description.
        reason: String,
        /// The HTTP status.
        status: u16,
        /// GitHub's `x-github-request-id`.
        request_id: Option<String>,
        /// GitHub's `documentation_url`.
        documentation_url: Option<String>,
    },
    /// Connecting, TLS or a timeout, after the configured retries.
    #[error("{reason}")]
    Transport {
        /// The SDK's description.
        reason: String,
    },
    /// A response that does not match the API contract.
    #[error("{reason}")]
    Decode {
        /// The SDK's description.
        reason: String,
    },
    /// Sealing the value failed.
    #[error("{reason}")]
    Encryption {
        /// The SDK's description.
        reason: String,
    },
    /// A device-flow login ended without a token. (Not `message`: Kotlin exceptions have one.)
    #[error("{detail}")]
    LoginFailed {
        /// How it ended: `DENIED`, `EXPIRED`, `CANCELLED` or `REFUSED`.
        reason: LoginFailure,
        /// The SDK's description: what happened and what to do.
        detail: String,
    },
    /// A kind this binding does not know yet (the SDK's error enum is non-exhaustive).
    #[error("{reason}")]
    Other {
        /// The SDK's description.
        reason: String,
        /// The SDK's stable code for the kind.
        code: String,
    },
}

#[uniffi::export]
impl CodespacesSecretsError {
    /// The stable code of the kind, the same in every binding: `INVALID_INPUT`, `UNAUTHORIZED`,
    /// `FORBIDDEN`, `NOT_FOUND`, `CONFLICT`, `VALIDATION_FAILED`, `RATE_LIMITED`, `SERVER_ERROR`,
    /// `API_ERROR`, `TRANSPORT`, `DECODE`, `ENCRYPTION`, `LOGIN_FAILED`.
    pub fn code(&self) -> String {
        match self {
            Self::InvalidInput { .. } => "INVALID_INPUT",
            Self::Unauthorized { .. } => "UNAUTHORIZED",
            Self::Forbidden { .. } => "FORBIDDEN",
            Self::NotFound { .. } => "NOT_FOUND",
            Self::Conflict { .. } => "CONFLICT",
            Self::Validation { .. } => "VALIDATION_FAILED",
            Self::RateLimited { .. } => "RATE_LIMITED",
            Self::Server { .. } => "SERVER_ERROR",
            Self::Api { .. } => "API_ERROR",
            Self::Transport { .. } => "TRANSPORT",
            Self::Decode { .. } => "DECODE",
            Self::Encryption { .. } => "ENCRYPTION",
            Self::LoginFailed { .. } => "LOGIN_FAILED",
            Self::Other { code, .. } => code,
        }
        .to_owned()
    }
}
