//! What a caller asks the transport to send.

use serde_json::Value;

/// The HTTP methods the Codespaces secrets API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Read.
    Get,
    /// Create, update or replace.
    Put,
    /// Remove.
    Delete,
    /// Exchange credentials (a GitHub App's installation token). Creates no content, so it
    /// is not paced like the writes.
    Post,
}

impl Method {
    /// Whether the request changes secrets, and so is paced by the write rules.
    pub fn is_write(self) -> bool {
        matches!(self, Self::Put | Self::Delete)
    }

    pub(crate) fn as_reqwest(self) -> reqwest::Method {
        match self {
            Self::Get => reqwest::Method::GET,
            Self::Put => reqwest::Method::PUT,
            Self::Delete => reqwest::Method::DELETE,
            Self::Post => reqwest::Method::POST,
        }
    }

    /// The method name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Put => "PUT",
            Self::Delete => "DELETE",
            Self::Post => "POST",
        }
    }
}

/// One API call: an operation name (for errors and traces), a method, a path under the base
/// URL, query parameters and an optional JSON body.
#[derive(Debug, Clone)]
pub struct ApiRequest {
    /// The operation, e.g. `get-repo-public-key`; named in errors and trace spans.
    pub operation: &'static str,
    /// The method.
    pub method: Method,
    /// Path segments under the base URL; each is percent-encoded.
    pub path: Vec<String>,
    /// Query parameters.
    pub query: Vec<(&'static str, String)>,
    /// The JSON body, if any.
    pub body: Option<Value>,
}

impl ApiRequest {
    /// A request without query or body.
    pub fn new(operation: &'static str, method: Method, path: Vec<String>) -> Self {
        Self {
            operation,
            method,
            path,
            query: Vec::new(),
            body: None,
        }
    }

    /// Adds a JSON body, serialized now: a body that cannot be encoded is refused before any
    /// request.
    pub fn with_json<T: serde::Serialize>(self, body: &T) -> Result<Self, crate::error::HttpError> {
        let body = serde_json::to_value(body).map_err(|e| {
            crate::error::HttpError::config(
                "request body",
                format!("cannot be encoded as JSON: {e}"),
            )
        })?;
        Ok(self.with_body(body))
    }

    /// Adds a JSON body.
    pub fn with_body(mut self, body: Value) -> Self {
        self.body = Some(body);
        self
    }

    /// Adds a query parameter.
    pub fn with_query(mut self, name: &'static str, value: impl ToString) -> Self {
        self.query.push((name, value.to_string()));
        self
    }
}
