//! What the GitHub App and device-flow tests share: a JWT signer (as a client would write it,
//! with aws-lc-rs), control-route calls, and the web host's form posts.

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::KeyPair;
use aws_lc_rs::signature::RSA_PKCS1_SHA256;
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::Harness;

/// The DER inside a PEM block.
pub fn pem_der(pem: &str) -> Vec<u8> {
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    STANDARD.decode(body).expect("PEM body is base64")
}

/// Loads either PEM form GitHub clients meet: PKCS#1 (`RSA PRIVATE KEY`) or PKCS#8.
pub fn load_key(pem: &str) -> KeyPair {
    let der = pem_der(pem);
    if pem.starts_with("-----BEGIN RSA PRIVATE KEY-----") {
        KeyPair::from_der(&der).expect("PKCS#1 key")
    } else {
        KeyPair::from_pkcs8(&der).expect("PKCS#8 key")
    }
}

/// A JWT with `header` and `claims`, signed RS256 by `pem`.
pub fn sign_jwt(pem: &str, header: &Value, claims: &Value) -> String {
    let key = load_key(pem);
    let signed = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let mut signature = vec![0; key.public_modulus_len()];
    key.sign(
        &RSA_PKCS1_SHA256,
        &SystemRandom::new(),
        signed.as_bytes(),
        &mut signature,
    )
    .expect("sign");
    format!("{signed}.{}", URL_SAFE_NO_PAD.encode(signature))
}

/// Unix seconds now, on the test's (real) clock.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// The JWT a well-behaved client makes: `iat` a minute back (GitHub's advice), nine minutes
/// to live.
pub fn app_jwt(pem: &str, iss: Value) -> String {
    let now = now();
    sign_jwt(
        pem,
        &json!({"alg": "RS256", "typ": "JWT"}),
        &json!({"iss": iss, "iat": now - 60, "exp": now + 540}),
    )
}

impl Harness {
    /// A `/_emulator{path}` call with an optional JSON body.
    pub async fn emulator_control(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> reqwest::Response {
        let mut request = self
            .http
            .request(method, self.url(&format!("/_emulator{path}")));
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.expect("control request")
    }

    /// A form post to the web host, as OAuth clients send it (no User-Agent, no token).
    pub async fn post_form(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        let body: Vec<String> = form
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        self.http
            .post(self.url(path))
            .header("Accept", "application/json")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body.join("&"))
            .send()
            .await
            .expect("form post")
    }
}

/// Percent-encodes a form value (everything but unreserved characters).
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
