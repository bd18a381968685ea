//! Small pieces every operation handler uses.

use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde_json::json;

use super::ops::Op;
use crate::server::errors::{ApiError, Failure, json_response};

/// What an operation handler returns.
pub(crate) type Reply = Result<Response, Failure>;

/// A request body; a body that could not be read is the operation's to report.
pub(crate) type Body = Result<Bytes, BytesRejection>;

/// Binds an error to the operation it happened in.
pub(crate) trait InOp<T> {
    fn in_op(self, op: Op) -> Result<T, Failure>;
}

impl<T> InOp<T> for Result<T, ApiError> {
    fn in_op(self, op: Op) -> Result<T, Failure> {
        self.map_err(|error| Failure {
            error,
            docs: op.docs(),
        })
    }
}

/// A repository id from the path: GitHub's routes only match digits, so anything else is 404.
pub(crate) fn repository_id(raw: &str) -> Result<i64, ApiError> {
    if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ApiError::NotFound);
    }
    raw.parse().map_err(|_| ApiError::NotFound)
}

/// The stored spelling of a secret name from a path. Names are compared case-insensitively;
/// a name that breaks the rules simply names no stored secret.
pub(crate) fn lookup_name(raw: &str) -> String {
    raw.to_ascii_uppercase()
}

/// 204 No Content.
pub(crate) fn no_content() -> Response {
    StatusCode::NO_CONTENT.into_response()
}

/// 201 with the empty JSON object GitHub sends for a created secret.
pub(crate) fn created() -> Response {
    json_response(StatusCode::CREATED, &json!({}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repository_ids_are_digits_only() {
        assert_eq!(repository_id("42"), Ok(42));
        for bad in ["", "-1", "+1", "1.0", "abc", "99999999999999999999999"] {
            assert_eq!(repository_id(bad), Err(ApiError::NotFound), "{bad}");
        }
    }
}
