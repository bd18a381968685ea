//! The unauthenticated sender, the bottom layer of the transport: GitHub's headers, retries,
//! rate-limit waits, write pacing, size caps, the per-operation deadline, and the rule that
//! nothing leaves the base URL. It takes the token of each attempt from a [`Credential`] it is
//! handed and knows nothing of how that token is made, so authentication can send its own
//! requests (an App's token exchange) through it without a circle back to itself.

mod attempt;
mod credential;
mod policy;
mod rate_status;

use std::sync::atomic::{AtomicU32, Ordering};

use reqwest::header::{ACCEPT, HeaderMap, HeaderValue, USER_AGENT};
use serde_json::Value;
use tracing::Instrument as _;
use url::Url;

pub(crate) use credential::Credential;
pub use rate_status::RateStatus;

use self::attempt::{Attempt, Wire};
use self::policy::{Next, Spent, after_refusal, retry_delay};
use crate::api_version::explain_version_refusal;
use crate::config::TransportConfig;
use crate::deadline::Deadline;
use crate::error::HttpError;
use crate::pacing::WritePacer;
use crate::request::{ApiRequest, Method};
use crate::response::ApiResponse;

/// One request as the sender sees it.
#[derive(Clone, Copy)]
pub(crate) struct Call<'a> {
    /// The operation's name, for errors and traces.
    pub(crate) operation: &'static str,
    pub(crate) method: Method,
    /// Where to; refused unless under the base URL.
    pub(crate) url: &'a Url,
    pub(crate) body: Option<&'a Value>,
    /// A GET's `If-None-Match`: the ETag of the answer the caller kept. A `304 Not Modified`
    /// then comes back as a response (status 304, no body) rather than a refusal.
    pub(crate) if_none_match: Option<&'a str>,
    /// When the whole operation must be done by.
    pub(crate) deadline: Deadline,
    /// Complete pages fetched before this request, for the deadline's account of progress.
    pub(crate) pages: usize,
}

/// An HTTP client with GitHub's rules built in but no credentials of its own.
#[derive(Debug)]
pub(crate) struct Sender {
    http: reqwest::Client,
    config: TransportConfig,
    pacer: WritePacer,
    /// What the last answer said of the token's primary rate limit.
    rate: rate_status::LastRate,
}

impl Sender {
    /// Builds the HTTP client (rustls, the OS trust store) with GitHub's standard headers.
    pub(crate) fn new(config: TransportConfig) -> Result<Self, HttpError> {
        let mut headers = HeaderMap::new();
        headers.insert(
            ACCEPT,
            HeaderValue::from_static("application/vnd.github+json"),
        );
        let version = HeaderValue::from_str(config.api_version).map_err(|_| {
            HttpError::config(
                "api_version",
                "the API version holds characters a header cannot",
            )
        })?;
        headers.insert("x-github-api-version", version);
        let agent = HeaderValue::from_str(&config.user_agent).map_err(|_| {
            HttpError::config(
                "user_agent",
                "the user agent holds characters a header cannot",
            )
        })?;
        headers.insert(USER_AGENT, agent);
        // reqwest drops Authorization when a redirect leaves the original host and port, so a
        // redirect elsewhere never carries the token (tested in the transport's tests/wire.rs).
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .connect_timeout(config.connect_timeout)
            .timeout(config.timeout)
            .redirect(reqwest::redirect::Policy::limited(5))
            .build()
            .map_err(|e| HttpError::Network {
                operation: "build-client",
                message: e.to_string(),
                source: Some(Box::new(e)),
            })?;
        Ok(Self {
            http,
            config,
            pacer: WritePacer::default(),
            rate: rate_status::LastRate::default(),
        })
    }

    /// The settings in use.
    pub(crate) fn config(&self) -> &TransportConfig {
        &self.config
    }

    /// The URL of a request's path and query under the base URL.
    pub(crate) fn url_of(&self, request: &ApiRequest) -> Url {
        let segments: Vec<&str> = request.path.iter().map(String::as_str).collect();
        let mut url = self.config.base_url.join(&segments);
        if !request.query.is_empty() {
            url.query_pairs_mut().extend_pairs(request.query.iter());
        }
        url
    }

    /// The token's primary rate limit as the last answer that carried it said.
    pub(crate) fn rate_status(&self) -> Option<RateStatus> {
        self.rate.get()
    }

    /// A deadline of the configured length, starting now.
    pub(crate) fn deadline(&self) -> Deadline {
        Deadline::after(self.config.deadline)
    }

    /// Sends `call` with the tokens `credential` gives, within its deadline. The one door
    /// every request goes through: no token is sent outside the base URL.
    pub(crate) async fn send<C: Credential>(
        &self,
        call: Call<'_>,
        credential: &C,
    ) -> Result<ApiResponse, HttpError> {
        if !self.config.base_url.contains(call.url) {
            // Only a server's paging link can point here: GitHub's links stay under the API
            // root, so this is an answer outside the contract (often a proxy that does not
            // rewrite Link headers), and the token is not sent.
            let message = format!(
                "the server's link points to {}, outside the base URL {}; refusing to send the token there (a proxy must rewrite Link headers to its own URL)",
                call.url.origin().ascii_serialization(),
                self.config.base_url.as_str()
            );
            return Err(HttpError::contract(call.operation, message, None));
        }
        let span = tracing::info_span!(
            "github_request",
            operation = call.operation,
            method = call.method.as_str(),
            path = call.url.path(),
            status = tracing::field::Empty,
            attempts = tracing::field::Empty,
        );
        let attempts = AtomicU32::new(0);
        let sent = self
            .send_with_policy(call, credential, &attempts)
            .instrument(span);
        match tokio::time::timeout_at(call.deadline.until(), sent).await {
            // A 400 naming the version says which was sent and how to choose another.
            Ok(result) => result.map_err(|e| explain_version_refusal(e, self.config.api_version)),
            Err(_) => Err(call
                .deadline
                .exceeded(call.operation, &attempts, call.pages)),
        }
    }

    async fn send_with_policy<C: Credential>(
        &self,
        call: Call<'_>,
        credential: &C,
        attempts: &AtomicU32,
    ) -> Result<ApiResponse, HttpError> {
        let config = &self.config;
        let mut permit = match call.method.is_write() {
            true => Some(self.pacer.acquire(config.write_interval).await),
            false => None,
        };
        let wire = Wire {
            http: &self.http,
            operation: call.operation,
            method: call.method,
            url: call.url,
            body: call.body,
            if_none_match: call.if_none_match,
            max_response_bytes: config.max_response_bytes,
        };
        let mut spent = Spent::default();
        let mut reauthenticated = false;
        for attempt in 1u32.. {
            attempts.store(attempt, Ordering::Relaxed);
            if let (true, Some(permit)) = (attempt > 1, permit.as_mut()) {
                permit.space_retry(config.write_interval).await;
            }
            let outcome = match credential.token().await {
                Ok((token, ticket)) => wire.attempt(&token, ticket).await,
                Err(error) => Attempt::Failed(error),
            };
            if let Some(permit) = permit.as_mut() {
                permit.attempt_ended();
            }
            if let Attempt::Success(ApiResponse { headers, .. })
            | Attempt::Refused { headers, .. } = &outcome
            {
                self.rate.observe(headers);
            }
            let span = tracing::Span::current();
            span.record("attempts", attempt);
            let next = match outcome {
                Attempt::Success(response) => {
                    span.record("status", response.status);
                    return Ok(response);
                }
                Attempt::Refused {
                    ticket,
                    status,
                    headers,
                    body,
                } => {
                    span.record("status", status);
                    // A token GitHub no longer takes (an App's, revoked or expired early by a
                    // skewed clock): let the credential replace it and try once more, at once.
                    if status == 401 && !reauthenticated && credential.refused(ticket).await {
                        reauthenticated = true;
                        tracing::debug!("token refused; trying once more with a new one");
                        continue;
                    }
                    after_refusal(config, call.operation, status, &headers, &body, &mut spent)
                }
                Attempt::Network {
                    message,
                    retryable,
                    source,
                } => {
                    if retryable && spent.retries < config.max_retries {
                        spent.retries += 1;
                        Next::RetryAfter(retry_delay(config, spent.retries))
                    } else {
                        Next::Fail(HttpError::Network {
                            operation: call.operation,
                            message,
                            source: source.map(|e| Box::new(e) as _),
                        })
                    }
                }
                Attempt::Failed(error) => Next::Fail(error),
            };
            match next {
                Next::RetryAfter(delay) => {
                    tracing::debug!(delay_ms = delay.as_millis() as u64, "retrying");
                    tokio::time::sleep(delay).await;
                }
                Next::Fail(error) => return Err(error),
            }
        }
        unreachable!("the attempt loop only ends by returning")
    }
}
