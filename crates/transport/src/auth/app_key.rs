//! A GitHub App's private key and the short-lived JWTs it signs (RS256), which GitHub takes in
//! exchange for installation tokens. The RSA implementation is the TLS provider's own
//! (aws-lc-rs, or ring in size-sensitive builds), so no second crypto library is linked.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rustls_pki_types::PrivateKeyDer;
use rustls_pki_types::pem::PemObject as _;
use zeroize::Zeroizing;

use crate::error::HttpError;
use crate::token::Token;

#[cfg(all(feature = "app-signing", feature = "aws-lc-rs"))]
use aws_lc_rs as rsa_provider;
#[cfg(all(feature = "app-signing", feature = "ring", not(feature = "aws-lc-rs")))]
use ring as rsa_provider;

/// Why a build without the `app-signing` feature (the Android and iOS library) refuses an App.
pub(crate) const APP_SIGNING_LEFT_OUT: &str = "GitHub App authentication is not in this build (the mobile library): an App's private key belongs on a server, never inside an app anyone can unpack; on a phone sign the user in with the device flow, and act as the App from a server";

/// GitHub accepts a JWT for at most ten minutes.
const JWT_LIFETIME: Duration = Duration::from_secs(600);
/// `iat` is backdated by a minute, as GitHub recommends, to absorb clock drift.
const BACKDATE: Duration = Duration::from_secs(60);

/// A GitHub App's RSA private key, parsed once. Prints as `AppKey([redacted])`.
#[derive(Clone)]
pub struct AppKey(
    // Without a signer (no `app-signing`) no key is ever built, so nothing reads it.
    #[cfg_attr(
        not(all(feature = "app-signing", any(feature = "aws-lc-rs", feature = "ring"))),
        allow(dead_code)
    )]
    Arc<Signer>,
);

#[cfg(all(feature = "app-signing", any(feature = "aws-lc-rs", feature = "ring")))]
type Signer = rsa_provider::rsa::KeyPair;
#[cfg(not(all(feature = "app-signing", any(feature = "aws-lc-rs", feature = "ring"))))]
type Signer = ();

impl fmt::Debug for AppKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AppKey([redacted])")
    }
}

fn invalid(message: impl Into<String>) -> HttpError {
    HttpError::config("app private key", message)
}

impl AppKey {
    /// Parses the private key GitHub lets an App owner download: PEM, either PKCS#1
    /// (`BEGIN RSA PRIVATE KEY`, GitHub's form) or PKCS#8 (`BEGIN PRIVATE KEY`). Errors say
    /// what is wrong without quoting any of the key.
    pub fn from_pem(pem: &str) -> Result<Self, HttpError> {
        if cfg!(not(feature = "app-signing")) {
            return Err(invalid(APP_SIGNING_LEFT_OUT));
        }
        let der = PrivateKeyDer::from_pem_slice(pem.trim().as_bytes()).map_err(|_| {
            invalid(
                "not a PEM private key; pass the .pem file GitHub generated for the app (it starts with -----BEGIN RSA PRIVATE KEY-----)",
            )
        })?;
        Self::from_der(&der)
    }

    #[cfg(all(feature = "app-signing", any(feature = "aws-lc-rs", feature = "ring")))]
    fn from_der(der: &PrivateKeyDer<'_>) -> Result<Self, HttpError> {
        let parsed = match der {
            PrivateKeyDer::Pkcs1(key) => Signer::from_der(key.secret_pkcs1_der()),
            PrivateKeyDer::Pkcs8(key) => Signer::from_pkcs8(key.secret_pkcs8_der()),
            _ => {
                return Err(invalid(
                    "not an RSA key; GitHub App keys are RSA (-----BEGIN RSA PRIVATE KEY-----)",
                ));
            }
        };
        let key = parsed.map_err(|rejected| {
            invalid(format!(
                "the PEM holds no usable RSA private key ({rejected}); download a new key from the app's settings"
            ))
        })?;
        Ok(Self(Arc::new(key)))
    }

    #[cfg(not(all(feature = "app-signing", any(feature = "aws-lc-rs", feature = "ring"))))]
    fn from_der(_: &PrivateKeyDer<'_>) -> Result<Self, HttpError> {
        Err(invalid(match cfg!(feature = "app-signing") {
            true => {
                "this build has no RSA implementation: enable the `aws-lc-rs` or `ring` feature"
            }
            false => APP_SIGNING_LEFT_OUT,
        }))
    }

    /// A JWT naming the app (`iss`: its id, or its client id) that GitHub accepts from `now`
    /// for about nine minutes.
    pub(crate) fn jwt(&self, issuer: &str, now: SystemTime) -> Result<Token, HttpError> {
        let seconds = now
            .duration_since(UNIX_EPOCH)
            .map_err(|_| invalid("this machine's clock is before 1970"))?;
        let issued = seconds.saturating_sub(BACKDATE).as_secs();
        let iss = match issuer.parse::<u64>() {
            Ok(id) => serde_json::Value::from(id),
            Err(_) => serde_json::Value::from(issuer),
        };
        let claims = serde_json::json!({
            "iat": issued,
            "exp": issued + JWT_LIFETIME.as_secs(),
            "iss": iss,
        });
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"RS256","typ":"JWT"}"#);
        let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
        let signing_input = format!("{header}.{payload}");
        let signature = self.sign(signing_input.as_bytes())?;
        let jwt = Zeroizing::new(format!(
            "{signing_input}.{}",
            URL_SAFE_NO_PAD.encode(signature)
        ));
        Token::new(jwt.as_str())
    }

    #[cfg(all(feature = "app-signing", any(feature = "aws-lc-rs", feature = "ring")))]
    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, HttpError> {
        use rsa_provider::rand::SystemRandom;
        use rsa_provider::signature::RSA_PKCS1_SHA256;
        let mut signature = vec![0; modulus_len(&self.0)];
        self.0
            .sign(
                &RSA_PKCS1_SHA256,
                &SystemRandom::new(),
                message,
                &mut signature,
            )
            .map_err(|_| invalid("signing the app's JWT failed"))?;
        Ok(signature)
    }

    #[cfg(not(all(feature = "app-signing", any(feature = "aws-lc-rs", feature = "ring"))))]
    fn sign(&self, _: &[u8]) -> Result<Vec<u8>, HttpError> {
        Err(invalid("this build has no RSA implementation"))
    }
}

#[cfg(all(feature = "app-signing", feature = "aws-lc-rs"))]
fn modulus_len(key: &Signer) -> usize {
    key.public_modulus_len()
}

#[cfg(all(feature = "app-signing", feature = "ring", not(feature = "aws-lc-rs")))]
fn modulus_len(key: &Signer) -> usize {
    key.public().modulus_len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_refused_without_echoing_it() {
        for pem in [
            "",
            "hunter2-secret-material",
            "-----BEGIN RSA PRIVATE KEY-----\nc2VjcmV0LW1hdGVyaWFs\n-----END RSA PRIVATE KEY-----\n",
        ] {
            let error = AppKey::from_pem(pem).expect_err("not a key").to_string();
            assert!(error.contains("app private key"), "{error}");
            assert!(!error.contains("secret-material"), "{error}");
            assert!(!error.contains("c2VjcmV0"), "{error}");
        }
    }

    /// A JWT GitHub would take: RS256 over `header.payload`, verifiable with the App's public
    /// key, `iat` a minute back, `exp` ten minutes after `iat`, `iss` the app id as a number.
    #[cfg(all(feature = "app-signing", feature = "aws-lc-rs"))]
    #[test]
    fn jwt_is_rs256_with_githubs_claims_from_pkcs1_and_pkcs8() {
        use aws_lc_rs::encoding::AsDer as _;
        use aws_lc_rs::rsa::{KeyPair, KeySize};
        use aws_lc_rs::signature::{KeyPair as _, RSA_PKCS1_2048_8192_SHA256, UnparsedPublicKey};
        use base64::engine::general_purpose::STANDARD;

        let pair = KeyPair::generate(KeySize::Rsa2048).expect("keygen");
        let pkcs8 = pair.as_der().expect("pkcs8");
        let pem = |label: &str, der: &[u8]| {
            let body = STANDARD.encode(der);
            let lines: Vec<&str> = body
                .as_bytes()
                .chunks(64)
                .map(|c| std::str::from_utf8(c).expect("ascii"))
                .collect();
            format!(
                "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
                lines.join("\n")
            )
        };
        let pkcs8_pem = pem("PRIVATE KEY", pkcs8.as_ref());
        let public = UnparsedPublicKey::new(
            &RSA_PKCS1_2048_8192_SHA256,
            pair.public_key().as_ref().to_vec(),
        );
        let now = UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let key = AppKey::from_pem(&pkcs8_pem).expect("pkcs8 key");
        let jwt = key.jwt("123456", now).expect("jwt");
        let parts: Vec<&str> = jwt.expose().split('.').collect();
        assert_eq!(parts.len(), 3);
        let signed = format!("{}.{}", parts[0], parts[1]);
        let signature = URL_SAFE_NO_PAD.decode(parts[2]).expect("b64");
        public
            .verify(signed.as_bytes(), &signature)
            .expect("signature verifies");
        let header: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).expect("b64")).expect("json");
        assert_eq!(header["alg"], "RS256");
        let claims: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).expect("b64")).expect("json");
        assert_eq!(claims["iss"], 123456);
        assert_eq!(claims["iat"], 1_800_000_000 - 60);
        assert_eq!(claims["exp"], 1_800_000_000 - 60 + 600);
        let by_client_id = key.jwt("Iv23liAbc", now).expect("jwt");
        let claims = by_client_id
            .expose()
            .split('.')
            .nth(1)
            .expect("payload")
            .to_owned();
        let claims: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(claims).expect("b64")).expect("json");
        assert_eq!(claims["iss"], "Iv23liAbc");
        assert!(!format!("{key:?}").contains("PRIVATE"));
    }
}
