//! GitHub's error answers: status, `{"message", "documentation_url", "status", "errors"?}`.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{Value, json};

/// Where GitHub points when no operation-specific page applies.
pub(crate) const GENERIC_DOCS: &str = "https://docs.github.com/rest";

/// One entry of a 422 body's `errors`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct FieldError {
    pub(crate) resource: &'static str,
    pub(crate) code: &'static str,
    pub(crate) field: &'static str,
    pub(crate) message: String,
}

impl FieldError {
    /// A problem with a field of a secret.
    pub(crate) fn secret(code: &'static str, field: &'static str, message: String) -> Self {
        Self {
            resource: "Secret",
            code,
            field,
            message,
        }
    }
}

/// Everything a request can be refused for once it reached an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ApiError {
    /// 404: no such secret, scope or repository, or no access to it (GitHub does not tell apart).
    NotFound,
    /// 400: the body is not JSON.
    BadJson,
    /// 422: the body does not match the operation's schema; the text follows GitHub's
    /// "Invalid request.\n\n..." wording.
    InvalidRequest(String),
    /// 422: well-formed but refused, with per-field reasons.
    Validation(Vec<FieldError>),
    /// 409: the request conflicts with the secret's current state.
    Conflict(String),
    /// 413: the body is larger than the emulator reads.
    PayloadTooLarge,
    /// 403: an installation token asked for something no installation may have (a user's
    /// own secrets), or for an organization its installation is not on.
    NotAccessibleByIntegration,
}

/// GitHub's words when an installation token reaches past what its installation may do.
pub(crate) const NOT_ACCESSIBLE_BY_INTEGRATION: &str = "Resource not accessible by integration";

impl ApiError {
    /// A single-field validation failure of a secret.
    pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::secret("invalid", field, message.into())])
    }

    /// Turns the error into GitHub's answer, pointing at `docs`.
    pub(crate) fn at(self, docs: &'static str) -> Response {
        match self {
            Self::NotFound => github_error(StatusCode::NOT_FOUND, "Not Found", docs),
            Self::BadJson => github_error(StatusCode::BAD_REQUEST, "Problems parsing JSON", docs),
            Self::InvalidRequest(detail) => github_error(
                StatusCode::UNPROCESSABLE_ENTITY,
                &format!("Invalid request.\n\n{detail}"),
                docs,
            ),
            Self::Validation(errors) => json_response(
                StatusCode::UNPROCESSABLE_ENTITY,
                &json!({
                    "message": "Validation Failed",
                    "errors": errors,
                    "documentation_url": docs,
                    "status": "422",
                }),
            ),
            Self::Conflict(message) => github_error(StatusCode::CONFLICT, &message, docs),
            Self::PayloadTooLarge => github_error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "Request body is too large.",
                docs,
            ),
            Self::NotAccessibleByIntegration => {
                github_error(StatusCode::FORBIDDEN, NOT_ACCESSIBLE_BY_INTEGRATION, docs)
            }
        }
    }
}

/// An [`ApiError`] bound to the operation it happened in.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) error: ApiError,
    pub(crate) docs: &'static str,
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        self.error.at(self.docs)
    }
}

/// GitHub's `basic-error` body with the given status.
pub(crate) fn github_error(status: StatusCode, message: &str, docs: &str) -> Response {
    json_response(
        status,
        &json!({
            "message": message,
            "documentation_url": docs,
            "status": status.as_u16().to_string(),
        }),
    )
}

/// A JSON answer with GitHub's content type.
pub(crate) fn json_response(status: StatusCode, body: &Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    response
}
