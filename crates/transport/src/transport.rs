//! Sending one API call: headers, retries, rate limits, write pacing, error mapping.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use codespaces_secrets_core::models::GitHubErrorBody;
use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderMap, HeaderValue, USER_AGENT};
use serde_json::Value;
use tracing::Instrument as _;
use url::Url;

use crate::auth::{AuthTarget, Authenticator, GitHubApp, Issued};
use crate::config::TransportConfig;
use crate::deadline::Deadline;
use crate::error::{HttpError, Refusal};
use crate::pacing::WritePacer;
use crate::rate_limit::{classify, wait_for};
use crate::request::{ApiRequest, Method};
use crate::response::{ApiResponse, header_str};
use crate::retry::backoff;

/// Longest pause between retries after server or network errors.
const MAX_RETRY_DELAY: Duration = Duration::from_secs(30);

/// An HTTP client for the GitHub API with GitHub's rules built in. One per SDK `Client`.
#[derive(Debug)]
pub struct Transport {
    http: reqwest::Client,
    config: TransportConfig,
    auth: Authenticator,
    pacer: WritePacer,
}

/// How one request authenticates.
#[derive(Clone, Copy)]
enum RequestAuth<'a> {
    /// With the client's credentials, for an API path touching this account.
    As(&'a AuthTarget),
    /// As the App itself (a fresh JWT per attempt): installation lookups and token exchange.
    App(&'a GitHubApp),
}

/// One attempt's result before the retry policy looks at it.
enum Attempt {
    Success(ApiResponse),
    Refused {
        /// The App token the attempt carried, so a 401 can retire it.
        issued: Option<Issued>,
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

/// What to do after a refused attempt.
enum Next {
    RetryAfter(Duration),
    Fail(HttpError),
}

impl Transport {
    /// Builds the HTTP client (rustls, the OS trust store) with GitHub's standard headers.
    pub fn new(config: TransportConfig) -> Result<Self, HttpError> {
        let mut headers = HeaderMap::new();
        headers.insert(
            ACCEPT,
            HeaderValue::from_static("application/vnd.github+json"),
        );
        headers.insert(
            "x-github-api-version",
            HeaderValue::from_static("2022-11-28"),
        );
        let agent = HeaderValue::from_str(&config.user_agent).map_err(|_| {
            HttpError::config(
                "user_agent",
                "the user agent holds characters a header cannot",
            )
        })?;
        headers.insert(USER_AGENT, agent);
        // reqwest drops Authorization when a redirect leaves the original host and port, so a
        // redirect elsewhere never carries the token (tested in tests/redirects.rs).
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
            auth: Authenticator::new(config.credentials.clone()),
            config,
            pacer: WritePacer::default(),
        })
    }

    /// The settings in use.
    pub fn config(&self) -> &TransportConfig {
        &self.config
    }

    /// Sends a request under the base URL.
    pub async fn send(&self, request: ApiRequest) -> Result<ApiResponse, HttpError> {
        let segments: Vec<&str> = request.path.iter().map(String::as_str).collect();
        let mut url = self.config.base_url.join(&segments);
        if !request.query.is_empty() {
            url.query_pairs_mut().extend_pairs(request.query.iter());
        }
        self.send_url(
            request.operation,
            request.method,
            url,
            request.body.as_ref(),
        )
        .await
    }

    /// Sends a request as the GitHub App itself (a JWT), for the App's own endpoints. Boxed
    /// because minting a token happens inside another request's attempt.
    pub(crate) fn send_as_app<'a>(
        &'a self,
        request: ApiRequest,
        app: &'a GitHubApp,
    ) -> Pin<Box<dyn Future<Output = Result<ApiResponse, HttpError>> + Send + 'a>> {
        Box::pin(async move {
            let segments: Vec<&str> = request.path.iter().map(String::as_str).collect();
            let url = self.config.base_url.join(&segments);
            let deadline = Deadline::after(self.config.deadline);
            let (operation, method, body) = (request.operation, request.method, request.body);
            self.send_checked(
                operation,
                method,
                &url,
                body.as_ref(),
                deadline,
                0,
                RequestAuth::App(app),
            )
            .await
            .map_err(explain_jwt_refusal)
        })
    }

    /// Sends a request to a full URL (a pagination link), which must lie under the base URL.
    pub async fn send_url(
        &self,
        operation: &'static str,
        method: Method,
        url: Url,
        body: Option<&Value>,
    ) -> Result<ApiResponse, HttpError> {
        let deadline = Deadline::after(self.config.deadline);
        self.send_url_by(operation, method, url, body, deadline, 0)
            .await
    }

    /// [`Transport::send_url`] within `deadline`; `pages` complete pages came before (for the
    /// error's account of how far the operation got). The one door every request goes through:
    /// the token is never sent outside the base URL.
    pub(crate) async fn send_url_by(
        &self,
        operation: &'static str,
        method: Method,
        url: Url,
        body: Option<&Value>,
        deadline: Deadline,
        pages: usize,
    ) -> Result<ApiResponse, HttpError> {
        if !self.config.base_url.contains(&url) {
            // Only a server's paging link can point here: GitHub's links stay under the API
            // root, so this is an answer outside the contract (often a proxy that does not
            // rewrite Link headers), and the token is not sent.
            let message = format!(
                "the server's link points to {}, outside the base URL {}; refusing to send the token there (a proxy must rewrite Link headers to its own URL)",
                url.origin().ascii_serialization(),
                self.config.base_url.as_str()
            );
            return Err(HttpError::contract(operation, message, None));
        }
        let target = AuthTarget::of_path(&self.config.base_url.relative_segments(&url));
        self.send_checked(
            operation,
            method,
            &url,
            body,
            deadline,
            pages,
            RequestAuth::As(&target),
        )
        .await
    }

    /// Sends to a URL already known to lie under the base URL, within `deadline`.
    #[allow(clippy::too_many_arguments)]
    async fn send_checked(
        &self,
        operation: &'static str,
        method: Method,
        url: &Url,
        body: Option<&Value>,
        deadline: Deadline,
        pages: usize,
        auth: RequestAuth<'_>,
    ) -> Result<ApiResponse, HttpError> {
        let span = tracing::info_span!(
            "github_request",
            operation,
            method = method.as_str(),
            path = url.path(),
            status = tracing::field::Empty,
            attempts = tracing::field::Empty,
        );
        let attempts = AtomicU32::new(0);
        let sent = self
            .send_with_policy(operation, method, url, body, &attempts, auth)
            .instrument(span);
        match tokio::time::timeout_at(deadline.until(), sent).await {
            Ok(result) => result,
            Err(_) => Err(deadline.exceeded(operation, &attempts, pages)),
        }
    }

    async fn send_with_policy(
        &self,
        operation: &'static str,
        method: Method,
        url: &Url,
        body: Option<&Value>,
        attempts: &AtomicU32,
        auth: RequestAuth<'_>,
    ) -> Result<ApiResponse, HttpError> {
        let mut permit = match method.is_write() {
            true => Some(self.pacer.acquire(self.config.write_interval).await),
            false => None,
        };
        let mut retries = 0u32;
        let mut rate_waits = 0u32;
        let mut reauthenticated = false;
        for attempt in 1u32.. {
            attempts.store(attempt, Ordering::Relaxed);
            if let (true, Some(permit)) = (attempt > 1, permit.as_mut()) {
                permit.space_retry(self.config.write_interval).await;
            }
            let outcome = self.attempt(operation, method, url, body, auth).await;
            if let Some(permit) = permit.as_mut() {
                permit.attempt_ended();
            }
            let span = tracing::Span::current();
            span.record("attempts", attempt);
            let next = match outcome {
                Attempt::Success(response) => {
                    span.record("status", response.status);
                    return Ok(response);
                }
                Attempt::Refused {
                    issued,
                    status,
                    headers,
                    body,
                } => {
                    span.record("status", status);
                    // An App token GitHub no longer takes (revoked, or expired early by a
                    // skewed clock): mint another and try once more, at once.
                    if status == 401 && !reauthenticated && self.auth.retire(issued).await {
                        reauthenticated = true;
                        tracing::debug!("installation token refused; minting a new one");
                        continue;
                    }
                    self.after_refusal(
                        operation,
                        status,
                        &headers,
                        &body,
                        &mut retries,
                        &mut rate_waits,
                    )
                }
                Attempt::Network {
                    message,
                    retryable,
                    source,
                } => {
                    if retryable && retries < self.config.max_retries {
                        retries += 1;
                        Next::RetryAfter(self.retry_delay(retries))
                    } else {
                        Next::Fail(HttpError::Network {
                            operation,
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

    fn retry_delay(&self, retry: u32) -> Duration {
        backoff(self.config.retry_base_delay, retry - 1, MAX_RETRY_DELAY)
    }

    /// GitHub's rules for a refused request: rate limits first, then 5xx retries.
    fn after_refusal(
        &self,
        operation: &'static str,
        status: u16,
        headers: &HeaderMap,
        body: &[u8],
        retries: &mut u32,
        rate_waits: &mut u32,
    ) -> Next {
        let parsed: Option<GitHubErrorBody> = serde_json::from_slice(body).ok();
        let request_id = header_str(headers, "x-github-request-id").map(str::to_owned);
        let message = parsed
            .as_ref()
            .map(|b| b.message.clone())
            .unwrap_or_default();
        let refusal = |rate_limited| {
            HttpError::Refused(Box::new(Refusal {
                operation,
                status,
                body: parsed.clone(),
                request_id: request_id.clone(),
                rate_limited,
            }))
        };
        let config = &self.config;
        let signal = classify(status, headers, &message);
        let wait = wait_for(&signal, config.secondary_rate_limit_backoff, *rate_waits);
        if let Some((wait, retry_at)) = wait {
            if *rate_waits < config.max_rate_limit_retries && wait <= config.max_rate_limit_wait {
                *rate_waits += 1;
                tracing::info!(wait_ms = wait.as_millis() as u64, "rate limited; waiting");
                return Next::RetryAfter(wait);
            }
            return Next::Fail(refusal(Some(retry_at)));
        }
        if (500..=599).contains(&status) && *retries < config.max_retries {
            *retries += 1;
            return Next::RetryAfter(self.retry_delay(*retries));
        }
        Next::Fail(refusal(None))
    }

    /// One request and its size-capped response.
    async fn attempt(
        &self,
        operation: &'static str,
        method: Method,
        url: &Url,
        body: Option<&Value>,
        auth: RequestAuth<'_>,
    ) -> Attempt {
        let credential = match auth {
            RequestAuth::As(target) => self.auth.authorize(target, self).await,
            RequestAuth::App(app) => app.jwt().map(|jwt| (jwt, None)),
        };
        let (token, issued) = match credential {
            Ok(credential) => credential,
            Err(error) => return Attempt::Failed(error),
        };
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
            .request(method.as_reqwest(), url.clone())
            .header(AUTHORIZATION, authorization);
        if let Some(body) = body {
            builder = builder.json(body);
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
                    if bytes.len() + chunk.len() > self.config.max_response_bytes {
                        let message = format!(
                            "the response body exceeds {} bytes, more than any answer of this API",
                            self.config.max_response_bytes
                        );
                        return Attempt::Failed(HttpError::contract(operation, message, None));
                    }
                    bytes.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => return network_failure(e),
            }
        }
        if (200..300).contains(&status) {
            Attempt::Success(ApiResponse {
                operation,
                status,
                headers,
                body: bytes,
            })
        } else {
            Attempt::Refused {
                issued,
                status,
                headers,
                body: bytes,
            }
        }
    }
}

/// GitHub's 401 to a JWT names the claim it disliked; add what to check, since the usual
/// causes are on the caller's side.
fn explain_jwt_refusal(error: HttpError) -> HttpError {
    match error {
        HttpError::Refused(mut refusal) if refusal.status == 401 => {
            let said = refusal
                .body
                .as_ref()
                .map(|b| b.message.clone())
                .unwrap_or_default();
            let hint = "GitHub refused the App's JWT: check the app id, that the private key is this App's current key, and this machine's clock";
            let message = match said.is_empty() {
                true => hint.to_owned(),
                false => format!("{said} ({hint})"),
            };
            match refusal.body.as_mut() {
                Some(body) => body.message = message,
                None => {
                    refusal.body = Some(GitHubErrorBody {
                        message,
                        ..GitHubErrorBody::default()
                    })
                }
            }
            HttpError::Refused(refusal)
        }
        other => other,
    }
}

fn network_failure(e: reqwest::Error) -> Attempt {
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
