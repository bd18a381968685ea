//! The authenticated transport, the top layer: the sender below with the client's credentials
//! applied to each request's account. What the client crate calls.

use serde_json::Value;
use url::Url;

use crate::auth::{AuthTarget, Authenticator, Credentials};
use crate::config::TransportConfig;
use crate::deadline::Deadline;
use crate::error::HttpError;
use crate::request::{ApiRequest, Method};
use crate::response::ApiResponse;
use crate::sender::{Call, RateStatus, Sender};

/// An HTTP client for the GitHub API with GitHub's rules built in. One per SDK `Client`.
#[derive(Debug)]
pub struct Transport {
    sender: Sender,
    auth: Authenticator,
}

impl Transport {
    /// Builds the HTTP client (rustls, the OS trust store) with GitHub's standard headers,
    /// sending as `credentials`.
    pub fn new(config: TransportConfig, credentials: Credentials) -> Result<Self, HttpError> {
        Ok(Self {
            sender: Sender::new(config)?,
            auth: Authenticator::new(credentials),
        })
    }

    /// The settings in use.
    pub fn config(&self) -> &TransportConfig {
        self.sender.config()
    }

    /// Sends a request under the base URL.
    pub async fn send(&self, request: ApiRequest) -> Result<ApiResponse, HttpError> {
        let url = self.sender.url_of(&request);
        self.send_url(
            request.operation,
            request.method,
            url,
            request.body.as_ref(),
        )
        .await
    }

    /// Sends a request to a full URL (a pagination link), which must lie under the base URL.
    pub async fn send_url(
        &self,
        operation: &'static str,
        method: Method,
        url: Url,
        body: Option<&Value>,
    ) -> Result<ApiResponse, HttpError> {
        let deadline = self.sender.deadline();
        self.send_url_by(operation, method, url, body, deadline, 0)
            .await
    }

    /// [`Transport::send_url`] within `deadline`; `pages` complete pages came before (for the
    /// error's account of how far the operation got).
    pub(crate) async fn send_url_by(
        &self,
        operation: &'static str,
        method: Method,
        url: Url,
        body: Option<&Value>,
        deadline: Deadline,
        pages: usize,
    ) -> Result<ApiResponse, HttpError> {
        self.send_call(operation, method, &url, body, None, deadline, pages)
            .await
    }

    /// A GET with `If-None-Match: etag` (when given). GitHub answers `304 Not Modified`, with
    /// no body, when the resource still has that ETag — and an authorized 304 does not count
    /// against the primary rate limit — so the caller serves what it kept. Returns the 200 or
    /// the 304.
    pub async fn send_conditional(
        &self,
        operation: &'static str,
        url: Url,
        etag: Option<&str>,
    ) -> Result<ApiResponse, HttpError> {
        let deadline = self.sender.deadline();
        self.send_call(operation, Method::Get, &url, None, etag, deadline, 0)
            .await
    }

    /// The URL of a request's path and query under the base URL.
    pub fn url_of(&self, request: &ApiRequest) -> Url {
        self.sender.url_of(request)
    }

    /// The token's primary rate limit as the last answer that carried GitHub's
    /// `x-ratelimit-*` headers said; `None` before any such answer.
    pub fn rate_status(&self) -> Option<RateStatus> {
        self.sender.rate_status()
    }

    #[allow(clippy::too_many_arguments)]
    async fn send_call(
        &self,
        operation: &'static str,
        method: Method,
        url: &Url,
        body: Option<&Value>,
        if_none_match: Option<&str>,
        deadline: Deadline,
        pages: usize,
    ) -> Result<ApiResponse, HttpError> {
        // The sender refuses a URL outside the base URL before asking for a token, so the
        // account read here from a foreign path is never used.
        let target = AuthTarget::of_path(&self.config().base_url.relative_segments(url));
        let call = Call {
            if_none_match,
            operation,
            method,
            url,
            body,
            deadline,
            pages,
        };
        let acting = self.auth.acting(target, &self.sender);
        self.sender.send(call, &acting).await
    }
}
