//! `/_emulator/device-codes...`: the device-flow codes issued, and the user's part of the flow
//! — approve, deny — plus a forced `slow_down`, so polling clients are tested without a person.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde::Deserialize;
use serde_json::json;

use super::{message, parse};
use crate::server::ServerState;
use crate::server::errors::json_response;

pub(super) async fn list(State(server): State<ServerState>) -> Response {
    let codes: Vec<_> = server
        .device_codes()
        .into_iter()
        .map(|code| {
            json!({
                "user_code": code.user_code,
                "client_id": code.client_id,
                "scope": code.scope,
                "status": code.status.as_str(),
            })
        })
        .collect();
    json_response(StatusCode::OK, &json!(codes))
}

fn decided(done: bool, user_code: &str) -> Response {
    if done {
        StatusCode::NO_CONTENT.into_response()
    } else {
        message(
            StatusCode::NOT_FOUND,
            &format!("no device code {user_code:?} awaiting a decision"),
        )
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Approval {
    login: Option<String>,
}

/// `POST .../approve`, optionally `{"login": "..."}` (default: the demo user).
pub(super) async fn approve(
    State(server): State<ServerState>,
    Path(user_code): Path<String>,
    body: Bytes,
) -> Response {
    let approval = if body.iter().all(u8::is_ascii_whitespace) {
        Approval::default()
    } else {
        match parse::<Approval>(&body) {
            Ok(approval) => approval,
            Err(error) => return message(StatusCode::UNPROCESSABLE_ENTITY, &error),
        }
    };
    let login = approval.login.filter(|login| !login.is_empty());
    decided(
        server.approve_device_code(&user_code, login.as_deref()),
        &user_code,
    )
}

pub(super) async fn deny(
    State(server): State<ServerState>,
    Path(user_code): Path<String>,
) -> Response {
    decided(server.deny_device_code(&user_code), &user_code)
}

pub(super) async fn slow_down(
    State(server): State<ServerState>,
    Path(user_code): Path<String>,
) -> Response {
    decided(server.slow_down_device_code(&user_code), &user_code)
}
