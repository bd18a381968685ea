//! The SDK's one error type, with a stable machine code per kind. Every binding and the CLI
//! report these kinds; the transport's own errors and core's input errors are mapped here.

use std::error::Error as StdError;
use std::fmt;
use std::sync::Arc;
use std::time::SystemTime;

use codespaces_secrets_core::models::{ErrorDetail, GitHubErrorBody};
use codespaces_secrets_transport::{HttpError, Refusal};
use thiserror::Error;

use crate::visible_text::visible_text;

/// The underlying error of a [`Error::Transport`] or [`Error::Decode`], for `source()` chains.
pub type ErrorSource = Arc<dyn StdError + Send + Sync>;

/// What GitHub said when it refused a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// GitHub's `message` (or a description of the status when the body had none).
    pub message: String,
    /// GitHub's `documentation_url`, when given.
    pub documentation_url: Option<String>,
    /// The `x-github-request-id` header, to quote to GitHub support.
    pub request_id: Option<String>,
    /// Field-level problems from a 422 body.
    pub errors: Vec<ErrorDetail>,
    /// Which operation was attempted, e.g. `create-or-update-repo-secret`.
    pub operation: &'static str,
}

impl ApiError {
    /// Builds an `ApiError` from a status, the parsed body (if it parsed) and the request id.
    pub fn new(
        operation: &'static str,
        status: u16,
        body: Option<GitHubErrorBody>,
        request_id: Option<String>,
    ) -> Self {
        let body = body.unwrap_or_default();
        let message = if body.message.is_empty() {
            format!("HTTP {status}")
        } else {
            body.message
        };
        Self {
            status,
            message,
            documentation_url: body.documentation_url,
            request_id,
            errors: body.errors,
            operation,
        }
    }
}

/// What the server said is shown with its control characters escaped (see [`visible_text`]):
/// printing an error never lets the server drive the terminal.
impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} failed: HTTP {}: {}",
            self.operation,
            self.status,
            visible_text(&self.message)
        )?;
        let details: Vec<String> = self.errors.iter().map(describe_detail).collect();
        if !details.is_empty() {
            write!(f, " ({})", visible_text(&details.join("; ")))?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request id {}]", visible_text(id))?;
        }
        Ok(())
    }
}

fn describe_detail(detail: &ErrorDetail) -> String {
    match detail {
        ErrorDetail::Text(text) => text.clone(),
        ErrorDetail::Item(item) => {
            let mut parts = Vec::new();
            if let Some(field) = &item.field {
                parts.push(format!("field {field}"));
            }
            if !item.code.is_empty() {
                parts.push(item.code.clone());
            }
            if let Some(message) = &item.message {
                parts.push(message.clone());
            }
            parts.join(": ")
        }
    }
}

/// Every way an SDK call can fail. Match on the kind, or use [`Error::code`] for a stable string
/// shared by every language binding.
///
/// No variant ever holds a token or a secret value.
#[derive(Debug, Clone, Error)]
#[non_exhaustive]
pub enum Error {
    /// Bad input (name, value, key, URL, id, file), found before any request was sent.
    #[error("invalid {field}: {message}")]
    InvalidInput {
        /// What was wrong: `name`, `value`, `public_key`, `base_url`, `token`, ...
        field: &'static str,
        /// Why, and what to do.
        message: String,
    },
    /// 401: the token is missing, wrong or expired.
    #[error("{0}; check that the token is valid (GITHUB_TOKEN / GH_TOKEN)")]
    Unauthorized(Box<ApiError>),
    /// 403 that is not a rate limit: the token lacks a permission or scope.
    #[error("{0}; the token may lack the `codespace` scope or admin access")]
    Forbidden(Box<ApiError>),
    /// 404: the secret, repository or organization does not exist or the token cannot see it.
    #[error("{0}")]
    NotFound(Box<ApiError>),
    /// 409: the request conflicts with the current state (e.g. visibility is not `selected`).
    #[error("{0}")]
    Conflict(Box<ApiError>),
    /// 422: GitHub refused the request body.
    #[error("{0}")]
    Validation(Box<ApiError>),
    /// A primary or secondary rate limit that could not be waited out within the configured bounds.
    #[error("rate limited by GitHub{}{}", retry_at_text(.retry_at), .api.as_ref().map(|a| format!(": {a}")).unwrap_or_default())]
    RateLimited {
        /// When GitHub says requests may resume, when it said.
        retry_at: Option<SystemTime>,
        /// GitHub's answer, when there was one.
        api: Option<Box<ApiError>>,
    },
    /// 5xx, after the configured retries.
    #[error("{0}; GitHub had a server error, retries were exhausted")]
    Server(Box<ApiError>),
    /// Any other HTTP status GitHub answered with.
    #[error("{0}")]
    Api(Box<ApiError>),
    /// Connecting, TLS, or a timeout, after the configured retries.
    #[error("{operation}: network error: {message}")]
    Transport {
        /// The operation attempted.
        operation: &'static str,
        /// What failed, with its causes.
        message: String,
        /// The HTTP client's error.
        #[source]
        source: Option<ErrorSource>,
    },
    /// A response that does not match the API contract: a body that does not decode, one larger
    /// than any answer of this API, a paging link that leaves the base URL.
    #[error("{operation}: unexpected response: {message}")]
    Decode {
        /// The operation attempted.
        operation: &'static str,
        /// What did not match.
        message: String,
        /// The decoder's error, when there was one.
        #[source]
        source: Option<ErrorSource>,
    },
    /// Sealing the value failed.
    #[error("encryption failed: {0}")]
    Encryption(String),
    /// A device-flow login ended without a token: the user denied it, the code expired, the
    /// wait was cancelled, or GitHub refused the client id.
    #[error("login {}: {message}", .reason.as_str())]
    Login {
        /// How it ended.
        reason: codespaces_secrets_transport::LoginFailure,
        /// What happened and what to do.
        message: String,
    },
}

/// The last instant an HTTP date can name (9999-12-31T23:59:59Z); `httpdate` panics past it.
const LAST_HTTP_DATE_SECS: u64 = 253_402_300_799;

/// `at` as an HTTP date; a time beyond what one can say (a server's absurd reset) as seconds
/// since the epoch, so formatting an error never panics.
fn http_date(at: SystemTime) -> String {
    match at.duration_since(std::time::UNIX_EPOCH) {
        Ok(since) if since.as_secs() <= LAST_HTTP_DATE_SECS => httpdate::fmt_http_date(at),
        Ok(since) => format!("{} s after 1970-01-01", since.as_secs()),
        Err(_) => "a time before 1970".to_owned(),
    }
}

fn retry_at_text(at: &Option<SystemTime>) -> String {
    match at {
        Some(at) => format!(" until {}", http_date(*at)),
        None => String::new(),
    }
}

impl Error {
    /// An [`Error::InvalidInput`].
    pub fn invalid_input(field: &'static str, message: impl Into<String>) -> Self {
        Self::InvalidInput {
            field,
            message: message.into(),
        }
    }

    /// A stable code for the kind: `INVALID_INPUT`, `UNAUTHORIZED`, `FORBIDDEN`, `NOT_FOUND`,
    /// `CONFLICT`, `VALIDATION_FAILED`, `RATE_LIMITED`, `SERVER_ERROR`, `API_ERROR`, `TRANSPORT`, `DECODE`,
    /// `ENCRYPTION`, `LOGIN_FAILED`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidInput { .. } => "INVALID_INPUT",
            Self::Unauthorized(_) => "UNAUTHORIZED",
            Self::Forbidden(_) => "FORBIDDEN",
            Self::NotFound(_) => "NOT_FOUND",
            Self::Conflict(_) => "CONFLICT",
            Self::Validation(_) => "VALIDATION_FAILED",
            Self::RateLimited { .. } => "RATE_LIMITED",
            Self::Server(_) => "SERVER_ERROR",
            Self::Api(_) => "API_ERROR",
            Self::Transport { .. } => "TRANSPORT",
            Self::Decode { .. } => "DECODE",
            Self::Encryption(_) => "ENCRYPTION",
            Self::Login { .. } => "LOGIN_FAILED",
        }
    }

    /// GitHub's answer, for errors that came from one.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Self::Unauthorized(a)
            | Self::Forbidden(a)
            | Self::NotFound(a)
            | Self::Conflict(a)
            | Self::Validation(a)
            | Self::Server(a)
            | Self::Api(a) => Some(a),
            Self::RateLimited { api, .. } => api.as_deref(),
            _ => None,
        }
    }

    /// The HTTP status, for errors that came from GitHub.
    pub fn status(&self) -> Option<u16> {
        self.api().map(|a| a.status)
    }

    /// The `x-github-request-id`, for errors that came from GitHub.
    pub fn request_id(&self) -> Option<&str> {
        self.api().and_then(|a| a.request_id.as_deref())
    }

    /// GitHub's `documentation_url`, when it sent one.
    pub fn documentation_url(&self) -> Option<&str> {
        self.api().and_then(|a| a.documentation_url.as_deref())
    }

    /// Maps a refused request to its kind by status.
    pub fn from_api(api: ApiError) -> Self {
        let api = Box::new(api);
        match api.status {
            401 => Self::Unauthorized(api),
            403 => Self::Forbidden(api),
            404 => Self::NotFound(api),
            409 => Self::Conflict(api),
            422 => Self::Validation(api),
            429 => Self::RateLimited {
                retry_at: None,
                api: Some(api),
            },
            500..=599 => Self::Server(api),
            _ => Self::Api(api),
        }
    }
}

impl From<codespaces_secrets_core::Error> for Error {
    fn from(e: codespaces_secrets_core::Error) -> Self {
        use codespaces_secrets_core::Error as Core;
        let field = match &e {
            Core::InvalidName { .. } => "name",
            Core::ValueTooLarge { .. } => "value",
            Core::InvalidPublicKey(_) => "public_key",
            Core::Encryption(message) => return Self::Encryption(message.clone()),
            _ => "sealed value",
        };
        Self::InvalidInput {
            field,
            message: e.to_string(),
        }
    }
}

impl From<HttpError> for Error {
    fn from(e: HttpError) -> Self {
        match e {
            HttpError::Config { field, message } => Self::InvalidInput { field, message },
            HttpError::Login { reason, message } => Self::Login { reason, message },
            HttpError::Refused(refusal) => Self::from_refusal(*refusal),
            HttpError::Network {
                operation,
                message,
                source,
            } => Self::Transport {
                operation,
                message,
                source: source.map(Arc::from),
            },
            HttpError::Contract {
                operation,
                message,
                source,
            } => Self::Decode {
                operation,
                message,
                source: source.map(Arc::from),
            },
            // The transport's error is non-exhaustive; a kind added there without a mapping
            // here is still reported, as a network-level failure.
            other => Self::Transport {
                operation: "request",
                message: other.to_string(),
                source: Some(Arc::new(other)),
            },
        }
    }
}

impl Error {
    fn from_refusal(refusal: Refusal) -> Self {
        let Refusal {
            operation,
            status,
            body,
            request_id,
            rate_limited,
        } = refusal;
        let api = ApiError::new(operation, status, body, request_id);
        match rate_limited {
            Some(retry_at) => Self::RateLimited {
                retry_at,
                api: Some(Box::new(api)),
            },
            None => Self::from_api(api),
        }
    }
}
