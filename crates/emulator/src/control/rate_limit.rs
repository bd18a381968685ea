//! `GET /_emulator/rate-limit`: the primary rate limit's count since start, in all and per
//! caller with the current window, so tests in any language can see what a run cost.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

use crate::server::ServerState;
use crate::server::errors::json_response;

/// `{"counted", "callers": [{"caller", "counted", "limit", "used", "remaining", "reset"}]}`;
/// a caller is a lower-case login, `installation:ID`, or `null` for requests without a valid
/// token. Never a token.
pub(super) async fn read(State(server): State<ServerState>) -> Response {
    let primary = server.primary();
    let callers: Vec<Value> = primary
        .usage()
        .into_iter()
        .map(|usage| {
            let window = usage.quota;
            json!({
                "caller": usage.caller,
                "counted": usage.counted,
                "limit": window.map(|q| q.limit),
                "used": window.map_or(0, |q| q.used),
                "remaining": window.map(|q| q.remaining),
                "reset": window.map(|q| q.reset),
            })
        })
        .collect();
    json_response(
        StatusCode::OK,
        &json!({ "counted": primary.counted(), "callers": callers }),
    )
}
