//! `GET|PUT /_emulator/api-versions`: the REST API versions served, and those the emulator
//! knows, for tests in any language of a client against a server that lacks a version.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use bytes::Bytes;
use serde::Deserialize;
use serde_json::json;

use super::{message, parse};
use crate::server::ServerState;
use crate::server::api_versions::{API_VERSIONS, Served};
use crate::server::errors::json_response;

fn current(server: &ServerState) -> Response {
    json_response(
        StatusCode::OK,
        &json!({ "served": server.api_versions().list(), "known": API_VERSIONS }),
    )
}

/// `{"served": [...], "known": [...]}`.
pub(super) async fn read(State(server): State<ServerState>) -> Response {
    current(&server)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Change {
    served: Vec<String>,
}

/// `{"served": [...]}` → 200 with the new state; 422 for none, an unknown version or another
/// body (the versions in force stay).
pub(super) async fn write(State(server): State<ServerState>, body: Bytes) -> Response {
    let change: Change = match parse(&body) {
        Ok(change) => change,
        Err(why) => return message(StatusCode::UNPROCESSABLE_ENTITY, &why),
    };
    match Served::new(&change.served) {
        Ok(served) => {
            *server.api_versions() = served;
            current(&server)
        }
        Err(why) => message(StatusCode::UNPROCESSABLE_ENTITY, &why.to_string()),
    }
}
