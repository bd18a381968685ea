//! Checking a GitHub App's JWT the way GitHub does: RS256 only, signed by the key of the app
//! named in `iss`, issued no later than a minute from now, not expired, and living at most ten
//! minutes. The reasons are GitHub's own words, because clients match on them.

use aws_lc_rs::signature::{RSA_PKCS1_2048_8192_SHA256, UnparsedPublicKey};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value};

/// How far in the future `iat` may be: GitHub tolerates this much clock drift.
const IAT_LEEWAY_SECS: i64 = 60;
/// The longest a JWT may live (`exp - iat`).
const MAX_LIFETIME_SECS: i64 = 600;

/// The app a JWT claims to come from, as `iss` says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Issuer {
    /// The app id (a JSON number, or a string of digits).
    Id(u64),
    /// The app's client id (`Iv23li...`).
    ClientId(String),
}

/// Why a JWT was refused. Each is a 401 on the App endpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JwtError {
    /// Not three base64url parts of JSON, not RS256, no usable `iss`, or a bad signature.
    Undecodable,
    /// `iss` names no registered app.
    UnknownIssuer,
    /// `iat` is missing or not an integer.
    BadIssuedAt,
    /// `iat` is more than a minute in the future.
    IssuedInTheFuture,
    /// `exp` is missing, not a number, or already past.
    Expired,
    /// `exp` is more than ten minutes after `iat`.
    TooLong,
}

impl JwtError {
    /// GitHub's `message` for the refusal.
    pub(crate) fn message(self) -> &'static str {
        match self {
            Self::Undecodable => "A JSON web token could not be decoded",
            Self::UnknownIssuer => "Integration not found",
            Self::BadIssuedAt => {
                "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued"
            }
            Self::IssuedInTheFuture => {
                "'Issued at' claim ('iat') must be an Integer representing a time in the past"
            }
            Self::Expired => {
                "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires"
            }
            Self::TooLong => "'Expiration time' claim ('exp') is too far in the future",
        }
    }
}

fn json_part(part: &str) -> Option<Map<String, Value>> {
    // Some encoders keep base64 padding; GitHub's decoder does not mind it either.
    let bytes = URL_SAFE_NO_PAD.decode(part.trim_end_matches('=')).ok()?;
    match serde_json::from_slice(&bytes).ok()? {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

fn issuer(claims: &Map<String, Value>) -> Option<Issuer> {
    match claims.get("iss")? {
        Value::Number(n) => n.as_u64().map(Issuer::Id),
        Value::String(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => {
            s.parse().ok().map(Issuer::Id)
        }
        Value::String(s) if !s.is_empty() => Some(Issuer::ClientId(s.clone())),
        _ => None,
    }
}

/// A whole-second claim; GitHub accepts integral numbers only for `iat`, any number for `exp`
/// (a fraction is cut off).
fn seconds(claims: &Map<String, Value>, name: &str, integral: bool) -> Option<i64> {
    let Value::Number(n) = claims.get(name)? else {
        return None;
    };
    n.as_i64()
        .or_else(|| (!integral).then(|| n.as_f64().map(|f| f as i64)).flatten())
}

/// Checks `token` at Unix time `now`. `find` gives the app an issuer names: its id and its
/// RSA public key (RFC 8017 DER). Returns the app id.
pub(crate) fn verify<'k>(
    token: &str,
    now: i64,
    find: impl FnOnce(&Issuer) -> Option<(u64, &'k [u8])>,
) -> Result<u64, JwtError> {
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(JwtError::Undecodable);
    };
    let head = json_part(header).ok_or(JwtError::Undecodable)?;
    if head.get("alg").and_then(Value::as_str) != Some("RS256") {
        return Err(JwtError::Undecodable);
    }
    let claims = json_part(payload).ok_or(JwtError::Undecodable)?;
    let iss = issuer(&claims).ok_or(JwtError::Undecodable)?;
    let (app_id, public_key) = find(&iss).ok_or(JwtError::UnknownIssuer)?;
    let signature = URL_SAFE_NO_PAD
        .decode(signature.trim_end_matches('='))
        .map_err(|_| JwtError::Undecodable)?;
    let signed = &token[..header.len() + 1 + payload.len()];
    UnparsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, public_key)
        .verify(signed.as_bytes(), &signature)
        .map_err(|_| JwtError::Undecodable)?;
    let iat = seconds(&claims, "iat", true).ok_or(JwtError::BadIssuedAt)?;
    let exp = seconds(&claims, "exp", false).ok_or(JwtError::Expired)?;
    if iat > now.saturating_add(IAT_LEEWAY_SECS) {
        return Err(JwtError::IssuedInTheFuture);
    }
    if exp <= now {
        return Err(JwtError::Expired);
    }
    if exp.saturating_sub(iat) > MAX_LIFETIME_SECS {
        return Err(JwtError::TooLong);
    }
    Ok(app_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::keys::AppKey;
    use aws_lc_rs::rand::SystemRandom;
    use aws_lc_rs::rsa::KeyPair;
    use aws_lc_rs::signature::RSA_PKCS1_SHA256;
    use serde_json::json;

    const NOW: i64 = 1_800_000_000;

    fn sign(key: &AppKey, header: &Value, claims: &Value) -> String {
        let pair =
            KeyPair::from_pkcs8(&crate::auth::keys::pem_body(&key.pkcs8_pem)).expect("PKCS#8 key");
        let head = URL_SAFE_NO_PAD.encode(header.to_string());
        let body = URL_SAFE_NO_PAD.encode(claims.to_string());
        let signed = format!("{head}.{body}");
        let mut signature = vec![0; pair.public_modulus_len()];
        pair.sign(
            &RSA_PKCS1_SHA256,
            &SystemRandom::new(),
            signed.as_bytes(),
            &mut signature,
        )
        .expect("sign");
        format!("{signed}.{}", URL_SAFE_NO_PAD.encode(signature))
    }

    fn check(key: &AppKey, token: &str) -> Result<u64, JwtError> {
        verify(token, NOW, |iss| match iss {
            Issuer::Id(7) => Some((7, key.public_der.as_slice())),
            Issuer::ClientId(id) if id == "Iv23liabc" => Some((7, key.public_der.as_slice())),
            _ => None,
        })
    }

    fn rs256() -> Value {
        json!({"alg": "RS256", "typ": "JWT"})
    }

    #[test]
    fn accepts_every_spelling_of_the_issuer() {
        let key = AppKey::generate();
        for iss in [json!(7), json!("7"), json!("Iv23liabc")] {
            let token = sign(
                &key,
                &rs256(),
                &json!({"iss": iss, "iat": NOW - 60, "exp": NOW + 540}),
            );
            assert_eq!(check(&key, &token), Ok(7), "{iss}");
        }
    }

    #[test]
    fn refuses_with_githubs_reasons() {
        let key = AppKey::generate();
        let other = AppKey::generate();
        let claims = |iat: i64, exp: i64| json!({"iss": 7, "iat": iat, "exp": exp});
        let cases = [
            (
                sign(&other, &rs256(), &claims(NOW, NOW + 60)),
                JwtError::Undecodable,
            ),
            (
                sign(&key, &json!({"alg": "HS256"}), &claims(NOW, NOW + 60)),
                JwtError::Undecodable,
            ),
            (
                sign(
                    &key,
                    &rs256(),
                    &json!({"iss": 8, "iat": NOW, "exp": NOW + 60}),
                ),
                JwtError::UnknownIssuer,
            ),
            (
                sign(&key, &rs256(), &json!({"iat": NOW, "exp": NOW + 60})),
                JwtError::Undecodable,
            ),
            (
                sign(&key, &rs256(), &claims(NOW + 61, NOW + 120)),
                JwtError::IssuedInTheFuture,
            ),
            (
                sign(&key, &rs256(), &claims(NOW - 600, NOW)),
                JwtError::Expired,
            ),
            (
                sign(&key, &rs256(), &claims(NOW - 60, NOW + 541)),
                JwtError::TooLong,
            ),
            (
                sign(&key, &rs256(), &json!({"iss": 7, "exp": NOW + 60})),
                JwtError::BadIssuedAt,
            ),
            ("a.b.c".to_owned(), JwtError::Undecodable),
            ("ghp_token".to_owned(), JwtError::Undecodable),
        ];
        for (token, expected) in cases {
            assert_eq!(check(&key, &token), Err(expected), "{token}");
        }
        // A minute of drift is tolerated.
        let drift = sign(&key, &rs256(), &claims(NOW + 60, NOW + 600));
        assert_eq!(check(&key, &drift), Ok(7));
    }
}
