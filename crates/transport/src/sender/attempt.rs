//! One HTTP attempt: the bearer header, the request, and a size-capped read of the answer.

use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderValue, IF_NONE_MATCH};
use serde_json::Value;
use url::Url;

use crate::error::HttpError;
use crate::request::Method;
use crate::response::ApiResponse;
use crate::token::Token;

/// One attempt's result before the retry policy looks at it.
pub(super) enum Attempt<T> {
    Success(ApiResponse),
    Refused {
        /// The credential's ticket for the token the attempt carried, so a 401 can retire it.
        ticket: T,
        status: u16,
        headers: HeaderMap,
        body: Vec<u8>,
    },
    Network {
        message: String,
        retryable: bool,
        source: Option<reqwest::Error>,
    },
    /// Neither the network's fault nor worth retrying (an answer too large, an unsendable token).
    Failed(HttpError),
}

/// What one attempt sends.
pub(super) struct Wire<'a> {
    pub(super) http: &'a reqwest::Client,
    pub(super) operation: &'static str,
    pub(super) method: Method,
    pub(super) url: &'a Url,
    pub(super) body: Option<&'a Value>,
    pub(super) if_none_match: Option<&'a str>,
    pub(super) max_response_bytes: usize,
}

impl Wire<'_> {
    /// Sends once with `token`; answers larger than `max_response_bytes` are refused unread.
    pub(super) async fn attempt<T>(&self, token: &Token, ticket: T) -> Attempt<T> {
        let mut authorization = match HeaderValue::from_str(&format!("Bearer {}", token.expose())) {
            Ok(value) => value,
            Err(_) => {
                return Attempt::Failed(HttpError::config(
                    "token",
                    "the token holds characters an HTTP header cannot carry",
                ));
            }
        };
        authorization.set_sensitive(true);
        let mut builder = self
            .http
            .request(self.method.as_reqwest(), self.url.clone())
            .header(AUTHORIZATION, authorization);
        if let Some(body) = self.body {
            builder = builder.json(body);
        }
        if let Some(etag) = self.if_none_match {
            match HeaderValue::from_str(etag) {
                Ok(value) => builder = builder.header(IF_NONE_MATCH, value),
                // A kept tag that cannot be sent is as good as none: ask unconditionally.
                Err(_) => tracing::debug!("a kept ETag is not a header value; not sent"),
            }
        }
        let mut response = match builder.send().await {
            Ok(response) => response,
            Err(e) => return network_failure(e),
        };
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let mut bytes = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if bytes.len() + chunk.len() > self.max_response_bytes {
                        let message = format!(
                            "the response body exceeds {} bytes, more than any answer of this API",
                            self.max_response_bytes
                        );
                        return Attempt::Failed(HttpError::contract(self.operation, message, None));
                    }
                    bytes.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => return network_failure(e),
            }
        }
        // A 304 answers only a conditional request: the caller serves what it kept.
        let not_modified = status == 304 && self.if_none_match.is_some();
        if (200..300).contains(&status) || not_modified {
            Attempt::Success(ApiResponse {
                operation: self.operation,
                status,
                headers,
                body: bytes,
            })
        } else {
            Attempt::Refused {
                ticket,
                status,
                headers,
                body: bytes,
            }
        }
    }
}

fn network_failure<T>(e: reqwest::Error) -> Attempt<T> {
    // Redirect loops and builder errors will not heal on retry; everything else might.
    let retryable = !(e.is_builder() || e.is_redirect());
    let mut message = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    Attempt::Network {
        message,
        retryable,
        source: Some(e),
    }
}
