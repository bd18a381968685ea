//! The OAuth device flow (RFC 8628 as GitHub runs it): ask for a code, show it to the user,
//! poll until they approve it in a browser. How a CLI or a phone app gets a user token
//! without handling a password or a client secret.

use std::fmt;
use std::time::{Duration, Instant};

use reqwest::header::{ACCEPT, HeaderValue, USER_AGENT};
use serde::Deserialize;
use zeroize::Zeroizing;

use super::cancel::CancelHandle;
use crate::base_url::BaseUrl;
use crate::error::HttpError;
use crate::login_failure::LoginFailure;
use crate::token::Token;

const GRANT_TYPE: &str = "urn:ietf:params:oauth:grant-type:device_code";
/// What GitHub adds to the polling interval with each `slow_down`.
const SLOW_DOWN_STEP: Duration = Duration::from_secs(5);
/// The longest answer either endpoint gives is well under this.
const MAX_ANSWER_BYTES: usize = 64 * 1024;

/// What the user must see to approve the login: the code to type at the URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceCode {
    /// The code the user types, e.g. `WDJB-MJHT`.
    pub user_code: String,
    /// Where they type it, e.g. `https://github.com/login/device`.
    pub verification_uri: String,
    /// How long the code stays valid.
    pub expires_in: Duration,
    /// How often GitHub allows polling.
    pub interval: Duration,
}

/// One device-flow login to run.
#[derive(Clone)]
pub struct DeviceFlow {
    /// The OAuth app's or GitHub App's client id (device flow enabled in its settings).
    pub client_id: String,
    /// OAuth scopes, e.g. `["codespace"]` (GitHub Apps ignore scopes).
    pub scopes: Vec<String>,
    /// The web origin: `https://github.com` for github.com (see [`crate::web_origin`]).
    pub web: BaseUrl,
    /// The `User-Agent` header.
    pub user_agent: String,
    /// Time allowed per HTTP request.
    pub timeout: Duration,
}

impl fmt::Debug for DeviceFlow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeviceFlow")
            .field("client_id", &self.client_id)
            .field("scopes", &self.scopes)
            .field("web", &self.web)
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct CodeAnswer {
    device_code: String,
    user_code: String,
    verification_uri: String,
    expires_in: u64,
    interval: Option<u64>,
}

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
    interval: Option<u64>,
}

fn failed(reason: LoginFailure, message: impl Into<String>) -> HttpError {
    HttpError::Login {
        reason,
        message: message.into(),
    }
}

impl DeviceFlow {
    /// Runs the flow: gets a code, hands it to `on_code`, polls at GitHub's pace until the
    /// user approves (the token), denies, lets the code expire, or `cancel` fires.
    pub async fn run(
        &self,
        on_code: impl FnOnce(&DeviceCode),
        cancel: &CancelHandle,
    ) -> Result<Token, HttpError> {
        if self.client_id.trim().is_empty() {
            return Err(HttpError::config(
                "client id",
                "the device flow needs the client id of an OAuth app or GitHub App with device flow enabled",
            ));
        }
        let http = self.http()?;
        let scope = self.scopes.join(" ");
        let answer = self
            .post(
                &http,
                "request-device-code",
                &["login", "device", "code"],
                &[("client_id", &self.client_id), ("scope", &scope)],
            )
            .await?;
        let code: CodeAnswer = decode("request-device-code", &answer)?;
        let device_code = Zeroizing::new(code.device_code);
        let started = Instant::now();
        let shown = DeviceCode {
            user_code: code.user_code,
            verification_uri: code.verification_uri,
            expires_in: Duration::from_secs(code.expires_in),
            interval: Duration::from_secs(code.interval.unwrap_or(5)),
        };
        on_code(&shown);
        let mut interval = shown.interval;
        loop {
            if cancel.is_cancelled() {
                return Err(failed(LoginFailure::Cancelled, "the login was cancelled"));
            }
            tokio::select! {
                _ = tokio::time::sleep(interval) => {}
                _ = cancel.cancelled() => {
                    return Err(failed(LoginFailure::Cancelled, "the login was cancelled"));
                }
            }
            if started.elapsed() >= shown.expires_in {
                return Err(expired());
            }
            let answer = self
                .post(
                    &http,
                    "poll-device-login",
                    &["login", "oauth", "access_token"],
                    &[
                        ("client_id", &self.client_id),
                        ("device_code", &device_code),
                        ("grant_type", GRANT_TYPE),
                    ],
                )
                .await?;
            let answer: TokenAnswer = decode("poll-device-login", &answer)?;
            if let Some(token) = answer.access_token {
                return Token::new(token)
                    .map_err(|_| HttpError::unusable_token("poll-device-login"));
            }
            let description = answer.error_description.unwrap_or_default();
            match answer.error.as_deref() {
                Some("authorization_pending") => {}
                Some("slow_down") => {
                    interval = answer
                        .interval
                        .map(Duration::from_secs)
                        .unwrap_or(interval + SLOW_DOWN_STEP)
                        .max(interval + SLOW_DOWN_STEP);
                    tracing::debug!(interval_s = interval.as_secs(), "device flow: slowing down");
                }
                Some("expired_token") => return Err(expired()),
                Some("access_denied") => {
                    return Err(failed(
                        LoginFailure::Denied,
                        "the login was denied on GitHub's page; run the login again to retry",
                    ));
                }
                Some(other) => {
                    return Err(failed(
                        LoginFailure::Refused,
                        format!("GitHub refused the login ({other}): {description}"),
                    ));
                }
                None => {
                    return Err(HttpError::contract(
                        "poll-device-login",
                        "the answer has neither a token nor an error",
                        None,
                    ));
                }
            }
        }
    }

    fn http(&self) -> Result<reqwest::Client, HttpError> {
        let agent = HeaderValue::from_str(&self.user_agent).map_err(|_| {
            HttpError::config(
                "user_agent",
                "the user agent holds characters a header cannot",
            )
        })?;
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        headers.insert(USER_AGENT, agent);
        reqwest::Client::builder()
            .default_headers(headers)
            .timeout(self.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| HttpError::Network {
                operation: "build-client",
                message: e.to_string(),
                source: Some(Box::new(e)),
            })
    }

    /// One form POST; GitHub answers these endpoints with 200 and a JSON body, errors included.
    async fn post(
        &self,
        http: &reqwest::Client,
        operation: &'static str,
        path: &[&str],
        fields: &[(&str, &str)],
    ) -> Result<Vec<u8>, HttpError> {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        let network = |e: reqwest::Error| HttpError::Network {
            operation,
            message: e.to_string(),
            source: Some(Box::new(e)),
        };
        let mut response = http
            .post(self.web.join(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .map_err(network)?;
        let status = response.status().as_u16();
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(network)? {
            if bytes.len() + chunk.len() > MAX_ANSWER_BYTES {
                return Err(HttpError::contract(
                    operation,
                    "the answer is too large",
                    None,
                ));
            }
            bytes.extend_from_slice(&chunk);
        }
        match status {
            200..=299 => Ok(bytes),
            404 => Err(failed(
                LoginFailure::Refused,
                format!(
                    "{} does not know the client id {:?}: use the client id of an OAuth app or GitHub App with device flow enabled",
                    self.web, self.client_id
                ),
            )),
            _ => Err(HttpError::contract(
                operation,
                format!("{} answered HTTP {status}", self.web),
                None,
            )),
        }
    }
}

fn expired() -> HttpError {
    failed(
        LoginFailure::Expired,
        "the code expired before the login was approved; run the login again for a new code",
    )
}

fn decode<T: serde::de::DeserializeOwned>(
    operation: &'static str,
    body: &[u8],
) -> Result<T, HttpError> {
    serde_json::from_slice(body).map_err(|e| {
        HttpError::contract(
            operation,
            format!("the answer does not decode ({e})"),
            Some(Box::new(e)),
        )
    })
}
