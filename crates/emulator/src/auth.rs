//! Who is calling: `Authorization: Bearer T` or `token T`, and the User-Agent GitHub insists on.

use axum::http::{HeaderMap, header};

use crate::state::{Identity, State};

/// Why a request is not authenticated; GitHub words the two cases differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AuthFailure {
    /// No `Authorization` header.
    Missing,
    /// A header with an unknown token or scheme.
    BadCredentials,
}

impl AuthFailure {
    pub(crate) fn message(self) -> &'static str {
        match self {
            Self::Missing => "Requires authentication",
            Self::BadCredentials => "Bad credentials",
        }
    }
}

/// The token in an `Authorization` header value, for the schemes GitHub accepts for tokens.
fn token_of(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    let known = scheme.eq_ignore_ascii_case("bearer") || scheme.eq_ignore_ascii_case("token");
    (known && !token.is_empty()).then_some(token)
}

/// Identifies the caller of a request.
pub(crate) fn authenticate(headers: &HeaderMap, state: &State) -> Result<Identity, AuthFailure> {
    let value = headers
        .get(header::AUTHORIZATION)
        .ok_or(AuthFailure::Missing)?;
    let token = value
        .to_str()
        .ok()
        .and_then(token_of)
        .ok_or(AuthFailure::BadCredentials)?;
    state.identify(token).ok_or(AuthFailure::BadCredentials)
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
            assert!(authenticate(&headers(Some(auth)), &state).is_ok(), "{auth}");
        }
        assert_eq!(
            authenticate(&headers(None), &state),
            Err(AuthFailure::Missing)
        );
        for auth in ["Bearer nope", "Basic dDBrOg==", "t0k", "Bearer "] {
            assert_eq!(
                authenticate(&headers(Some(auth)), &state),
                Err(AuthFailure::BadCredentials),
                "{auth}"
            );
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
