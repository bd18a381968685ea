//! The OAuth device flow on the web host (github.com; for the emulator, its own origin):
//! `POST /login/device/code` starts it, `POST /login/oauth/access_token` polls it, and
//! `GET /login/device` is where a person would type the code. No token is needed; parameters
//! come as a form or JSON body (or the query), and answers are JSON, as GitHub sends them to a
//! client that asks with `Accept: application/json`.

use std::collections::HashMap;

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde_json::{Value, json};

use crate::server::ServerState;
use crate::server::errors::json_response;
use crate::state::DeviceError;

/// Where GitHub points a device-flow error.
const ERROR_URI: &str = "https://docs.github.com/developers/apps/authorizing-oauth-apps#error-codes-for-the-device-flow";

/// The request's parameters: the query's, overridden by the body's. The body is JSON when it
/// says so (or looks like an object), a form otherwise; what does not parse adds nothing, and
/// the missing parameter is then reported like a wrong one.
fn params(headers: &HeaderMap, query: Option<&str>, body: &[u8]) -> HashMap<String, String> {
    let mut params: HashMap<String, String> = query
        .map(|q| {
            url::form_urlencoded::parse(q.as_bytes())
                .into_owned()
                .collect()
        })
        .unwrap_or_default();
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().contains("json"))
        || body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    if is_json {
        if let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(body) {
            params.extend(map.into_iter().filter_map(|(key, value)| match value {
                Value::String(s) => Some((key, s)),
                Value::Number(n) => Some((key, n.to_string())),
                _ => None,
            }));
        }
    } else {
        params.extend(url::form_urlencoded::parse(body).into_owned());
    }
    params
}

fn param<'a>(params: &'a HashMap<String, String>, name: &str) -> &'a str {
    params.get(name).map_or("", String::as_str)
}

/// `POST /login/device/code`: a device code for a registered app's `client_id`; GitHub answers
/// an unknown client id with 404.
pub(super) async fn request_code(
    State(server): State<ServerState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let params = params(&headers, query.as_deref(), &body);
    let scope = param(&params, "scope").to_owned();
    let issued = server
        .state()
        .start_device_flow(param(&params, "client_id"), scope);
    let Some(issued) = issued else {
        return json_response(StatusCode::NOT_FOUND, &json!({ "error": "Not Found" }));
    };
    json_response(
        StatusCode::OK,
        &json!({
            "device_code": issued.device_code,
            "user_code": issued.user_code,
            "verification_uri": format!("{}/login/device", server.base_url()),
            "expires_in": issued.expires_in,
            "interval": issued.interval,
        }),
    )
}

/// `POST /login/oauth/access_token`: 200 whatever happens, with the token or GitHub's `error`.
pub(super) async fn exchange(
    State(server): State<ServerState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let params = params(&headers, query.as_deref(), &body);
    let outcome = server.state().exchange_device_code(
        param(&params, "client_id"),
        param(&params, "device_code"),
        param(&params, "grant_type"),
    );
    let body = match outcome {
        Ok(granted) => json!({
            "access_token": granted.access_token,
            "token_type": "bearer",
            "scope": granted.scope,
        }),
        Err(error) => {
            let mut body = json!({
                "error": error.code(),
                "error_description": error.description(),
                "error_uri": ERROR_URI,
            });
            if let (DeviceError::SlowDown(interval), Some(fields)) = (error, body.as_object_mut()) {
                fields.insert("interval".to_owned(), json!(interval));
            }
            body
        }
    };
    json_response(StatusCode::OK, &body)
}

/// `GET /login/device`: the page a person would enter the code on. The emulator has no one to
/// type it, so it says how a test approves instead.
pub(super) async fn verification_page() -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "This emulator has no sign-in page. Approve a device code with\n\
         POST /_emulator/device-codes/{user_code}/approve (optionally {\"login\": \"...\"}),\n\
         or deny it with POST /_emulator/device-codes/{user_code}/deny.\n",
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn forms_json_and_queries() {
        let mut json = HeaderMap::new();
        json.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        let form = HeaderMap::new();
        let from_json = params(&json, None, br#"{"client_id": "Iv1", "n": 5, "x": []}"#);
        assert_eq!(param(&from_json, "client_id"), "Iv1");
        assert_eq!(param(&from_json, "n"), "5");
        assert_eq!(param(&from_json, "x"), "");
        let from_form = params(
            &form,
            Some("scope=repo&client_id=q"),
            b"client_id=Iv%31&grant_type=a+b",
        );
        assert_eq!(param(&from_form, "client_id"), "Iv1");
        assert_eq!(param(&from_form, "grant_type"), "a b");
        assert_eq!(param(&from_form, "scope"), "repo");
        // Untyped JSON is recognised by its brace.
        assert_eq!(
            param(&params(&form, None, br#" {"scope":"s"}"#), "scope"),
            "s"
        );
        assert!(params(&json, None, b"{not json").is_empty());
    }
}
