//! A successful response: status, the headers that matter, and the (size-capped) body.

use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use crate::error::HttpError;

/// A 2xx answer from the API.
#[derive(Debug, Clone)]
pub struct ApiResponse {
    /// The operation that was sent.
    pub operation: &'static str,
    /// The HTTP status (2xx).
    pub status: u16,
    /// The response headers.
    pub headers: HeaderMap,
    /// The body bytes (at most the configured cap).
    pub body: Vec<u8>,
}

impl ApiResponse {
    /// Decodes the body as `T`, or reports a contract error naming the operation (with the
    /// decoder's error as its source).
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, HttpError> {
        serde_json::from_slice(&self.body).map_err(|e| {
            let message = format!(
                "the HTTP {} body does not match the API contract: {e}",
                self.status
            );
            HttpError::contract(self.operation, message, Some(Box::new(e)))
        })
    }

    /// The `ETag` header, for a conditional read next time.
    pub fn etag(&self) -> Option<&str> {
        header_str(&self.headers, "etag")
    }

    /// The `x-github-request-id` header.
    pub fn request_id(&self) -> Option<&str> {
        header_str(&self.headers, "x-github-request-id")
    }
}

pub(crate) fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}
