//! Starting an emulator and speaking to it the way GitHub clients do.

use codespaces_secrets_emulator::{Emulator, EmulatorConfig};
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde_json::{Value, json};

pub struct Harness {
    pub emulator: Emulator,
    pub http: reqwest::Client,
    pub token: String,
}

impl Harness {
    pub fn new() -> Self {
        Self::with(EmulatorConfig::default())
    }

    pub fn with(config: EmulatorConfig) -> Self {
        let emulator = Emulator::start(config).expect("emulator starts");
        let token = emulator.token();
        let http = reqwest::Client::builder()
            // No pooled connection may outlive a dropped-connection fault test.
            .pool_max_idle_per_host(0)
            .build()
            .expect("client");
        Self {
            emulator,
            http,
            token,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.emulator.base_url())
    }

    /// A request with GitHub's headers and the demo user's token.
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.request_as(&self.token, method, path)
    }

    pub fn request_as(&self, token: &str, method: Method, path: &str) -> RequestBuilder {
        self.http
            .request(method, self.url(path))
            .header("Accept", "application/vnd.github+json")
            .header("X-GitHub-Api-Version", "2022-11-28")
            .header("User-Agent", "codespaces-secrets-emulator-tests")
            .bearer_auth(token)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.request(Method::GET, path).send().await.expect("GET")
    }

    pub async fn delete(&self, path: &str) -> Response {
        self.request(Method::DELETE, path)
            .send()
            .await
            .expect("DELETE")
    }

    pub async fn put(&self, path: &str, body: Value) -> Response {
        self.request(Method::PUT, path)
            .json(&body)
            .send()
            .await
            .expect("PUT")
    }

    pub async fn put_raw(&self, path: &str, body: impl Into<reqwest::Body>) -> Response {
        self.request(Method::PUT, path)
            .header("Content-Type", "application/json")
            .body(body)
            .send()
            .await
            .expect("PUT")
    }

    /// `(key_id, key)` of the scope whose secrets live under `secrets_path`.
    pub async fn public_key(&self, secrets_path: &str) -> (String, String) {
        let body = json_of(self.get(&format!("{secrets_path}/public-key")).await, 200).await;
        (
            body["key_id"].as_str().expect("key_id").to_owned(),
            body["key"].as_str().expect("key").to_owned(),
        )
    }

    /// PUTs `value` sealed to the scope's current key, with `extra` fields merged into the body.
    pub async fn put_secret(
        &self,
        secrets_path: &str,
        name: &str,
        value: &[u8],
        extra: Value,
    ) -> Response {
        let (key_id, key) = self.public_key(secrets_path).await;
        let mut body = json!({
            "encrypted_value": seal_any(&key, value),
            "key_id": key_id,
        });
        if let (Some(body), Value::Object(extra)) = (body.as_object_mut(), extra) {
            body.extend(extra);
        }
        self.put(&format!("{secrets_path}/{name}"), body).await
    }
}

/// Seals any number of bytes to a base64 key — also more than GitHub accepts, to test refusals
/// (`codespaces_secrets_core::seal` refuses values over 48 KB).
pub fn seal_any(key: &str, plaintext: &[u8]) -> String {
    use base64::Engine as _;
    let key = codespaces_secrets_core::PublicKey::parse("-", key).expect("key");
    let sealed = key.seal_bytes(plaintext).expect("seal");
    base64::engine::general_purpose::STANDARD.encode(sealed)
}

/// Asserts the status and returns the JSON body.
pub async fn json_of(response: Response, status: u16) -> Value {
    let actual = response.status();
    let text = response.text().await.expect("body");
    assert_eq!(actual.as_u16(), status, "unexpected status; body: {text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// Asserts a GitHub error answer: status, `message`, a `documentation_url`, and GitHub's headers.
pub async fn expect_error(response: Response, status: u16, message: &str) -> Value {
    assert_github_headers(&response);
    assert!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json")),
        "error bodies are JSON"
    );
    let body = json_of(response, status).await;
    assert_eq!(body["message"], message, "{body}");
    assert!(
        body["documentation_url"]
            .as_str()
            .is_some_and(|u| u.starts_with("https://docs.github.com/")),
        "{body}"
    );
    body
}

/// Asserts a 422 "Validation Failed" naming `field`.
pub async fn expect_validation(response: Response, field: &str) -> Value {
    let body = expect_error(response, 422, "Validation Failed").await;
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert!(
        fields.contains(&field),
        "expected an error on {field}: {body}"
    );
    body
}

/// Asserts a 422 "Invalid request." whose text mentions `needle`.
pub async fn expect_invalid_request(response: Response, needle: &str) -> Value {
    let status = response.status();
    let body = json_of(response, 422).await;
    let message = body["message"].as_str().expect("message");
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(message.starts_with("Invalid request.\n\n"), "{message}");
    assert!(
        message.contains(needle),
        "{message} should mention {needle}"
    );
    body
}

pub fn assert_github_headers(response: &Response) {
    for name in [
        "x-github-request-id",
        "x-ratelimit-limit",
        "x-ratelimit-remaining",
        "x-ratelimit-used",
        "x-ratelimit-reset",
        "x-ratelimit-resource",
    ] {
        assert!(
            response.headers().contains_key(name),
            "{name} missing on {} {}",
            response.status(),
            response.url()
        );
    }
}

pub fn header(response: &Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

pub const USER: &str = "/user/codespaces/secrets";
pub const REPO: &str = "/repos/octocat/Hello-World/codespaces/secrets";
pub const ORG: &str = "/orgs/octo-org/codespaces/secrets";
