//! Who is calling: `Authorization: Bearer T` or `token T` — a user's token or an installation
//! token on the API, a GitHub App's JWT on the App endpoints — and the User-Agent GitHub
//! insists on.

use axum::http::{HeaderMap, header};

use crate::auth::jwt::{self, JwtError};
use crate::state::{Identity, State};

/// Why a request is not authenticated; GitHub words each case differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AuthFailure {
    /// No `Authorization` header.
    Missing,
    /// A header with an unknown or expired token, or an unknown scheme (a JWT outside the App
    /// endpoints too).
    BadCredentials,
    /// An App endpoint's JWT was refused.
    Jwt(JwtError),
}

impl AuthFailure {
    pub(crate) fn message(self) -> &'static str {
        match self {
            Self::Missing => "Requires authentication",
            Self::BadCredentials => "Bad credentials",
            Self::Jwt(error) => error.message(),
        }
    }
}

/// Whether `path` is a GitHub App endpoint, which authenticates the app by its JWT: `/app...`
/// and the installation lookups of an organization, repository or user.
pub(crate) fn wants_jwt(path: &str) -> bool {
    let segments: Vec<&str> = path.strip_prefix('/').unwrap_or(path).split('/').collect();
    matches!(
        segments.as_slice(),
        ["app", ..]
            | ["orgs", _, "installation"]
            | ["repos", _, _, "installation"]
            | ["users", _, "installation"]
    )
}

/// The token in an `Authorization` header value, for the schemes GitHub accepts for tokens.
fn token_of(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    let known = scheme.eq_ignore_ascii_case("bearer") || scheme.eq_ignore_ascii_case("token");
    (known && !token.is_empty()).then_some(token)
}

/// Identifies the caller of a request: by a JWT when `app_endpoint` (see [`wants_jwt`]), by a
/// token otherwise. JWT times are checked on the emulator's (possibly skewed) clock.
pub(crate) fn authenticate(
    headers: &HeaderMap,
    state: &State,
    app_endpoint: bool,
) -> Result<Identity, AuthFailure> {
    let value = headers
        .get(header::AUTHORIZATION)
        .ok_or(AuthFailure::Missing)?;
    let token = value.to_str().ok().and_then(token_of);
    if !app_endpoint {
        return token
            .and_then(|token| state.identify(token))
            .ok_or(AuthFailure::BadCredentials);
    }
    let token = token.ok_or(AuthFailure::Jwt(JwtError::Undecodable))?;
    let now = state.auth.now().timestamp();
    let app_id = jwt::verify(token, now, |issuer| {
        let app = state.app_by_issuer(issuer)?;
        Some((app.id, app.public_key.as_slice()))
    })
    .map_err(AuthFailure::Jwt)?;
    state
        .app_identity(app_id)
        .ok_or(AuthFailure::Jwt(JwtError::UnknownIssuer))
}

/// GitHub refuses requests without a User-Agent.
pub(crate) fn has_user_agent(headers: &HeaderMap) -> bool {
    headers
        .get(header::USER_AGENT)
        .is_some_and(|ua| !ua.as_bytes().iter().all(u8::is_ascii_whitespace))
}

/// GitHub's words for a request without a User-Agent.
pub(crate) const MISSING_USER_AGENT: &str = "Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required). Check https://developer.github.com for other possible causes.";

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(auth: Option<&'static str>) -> HeaderMap {
        let mut h = HeaderMap::new();
        if let Some(a) = auth {
            h.insert(header::AUTHORIZATION, HeaderValue::from_static(a));
        }
        h
    }

    #[test]
    fn both_schemes_any_case() {
        let mut state = State::new();
        state.add_token("octocat", "t0k".to_owned());
        for auth in ["Bearer t0k", "token t0k", "bearer t0k", "TOKEN  t0k "] {
            assert!(
                authenticate(&headers(Some(auth)), &state, false).is_ok(),
                "{auth}"
            );
        }
        assert_eq!(
            authenticate(&headers(None), &state, false),
            Err(AuthFailure::Missing)
        );
        for auth in ["Bearer nope", "Basic dDBrOg==", "t0k", "Bearer "] {
            assert_eq!(
                authenticate(&headers(Some(auth)), &state, false),
                Err(AuthFailure::BadCredentials),
                "{auth}"
            );
        }
    }

    #[test]
    fn app_endpoints_take_jwts_only() {
        let mut state = State::new();
        state.add_token("octocat", "t0k".to_owned());
        assert_eq!(
            authenticate(&headers(Some("Bearer t0k")), &state, true),
            Err(AuthFailure::Jwt(JwtError::Undecodable))
        );
        assert_eq!(
            AuthFailure::Jwt(JwtError::Undecodable).message(),
            "A JSON web token could not be decoded"
        );
        for path in [
            "/app",
            "/app/installations/1/access_tokens",
            "/orgs/o/installation",
            "/repos/o/r/installation",
            "/users/u/installation",
        ] {
            assert!(wants_jwt(path), "{path}");
        }
        for path in [
            "/user",
            "/application",
            "/orgs/o/codespaces/secrets",
            "/repos/o/installation",
        ] {
            assert!(!wants_jwt(path), "{path}");
        }
    }

    #[test]
    fn user_agent_must_be_present_and_non_blank() {
        let mut h = HeaderMap::new();
        assert!(!has_user_agent(&h));
        h.insert(header::USER_AGENT, HeaderValue::from_static("  "));
        assert!(!has_user_agent(&h));
        h.insert(header::USER_AGENT, HeaderValue::from_static("curl/8"));
        assert!(has_user_agent(&h));
    }
}
