//! `/_emulator/...`: inspection and control over plain HTTP, for tests in any language, and
//! ([`admin`]) the operations they share with [`crate::Emulator`]'s library calls. No
//! authentication: the server listens on 127.0.0.1 only.

mod accounts;
mod admin;
mod api_versions;
mod apps;
mod device_codes;
mod faults;
mod inspect;
mod rate_limit;
mod repos;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use bytes::Bytes;
use serde::de::DeserializeOwned;
use serde_json::json;

use crate::server::ServerState;
use crate::server::errors::json_response;

pub(crate) fn router() -> Router<ServerState> {
    Router::new()
        .route("/health", get(health))
        .route("/info", get(info))
        .route("/log", get(read_log).delete(clear_log))
        .route(
            "/faults",
            get(faults::read).put(faults::write).delete(faults::clear),
        )
        .route("/rate-limit", get(rate_limit::read))
        .route(
            "/api-versions",
            get(api_versions::read).put(api_versions::write),
        )
        .route("/users", post(accounts::add_user))
        .route("/orgs", post(accounts::add_org))
        .route("/repos", post(accounts::add_repo))
        .route("/repositories", post(repos::add_many))
        .route(
            "/repos/{owner}/{repo}",
            get(repos::read).patch(repos::change),
        )
        .route("/apps", post(apps::register))
        .route("/apps/{app_id}/installations", post(apps::install))
        .route(
            "/auth-settings",
            get(apps::read_settings).put(apps::write_settings),
        )
        .route("/device-codes", get(device_codes::list))
        .route(
            "/device-codes/{user_code}/approve",
            post(device_codes::approve),
        )
        .route("/device-codes/{user_code}/deny", post(device_codes::deny))
        .route(
            "/device-codes/{user_code}/slow-down",
            post(device_codes::slow_down),
        )
        .merge(inspect::router())
}

/// Reads a JSON body whatever its content type, so `curl -d '{...}'` works as is.
fn parse<T: DeserializeOwned>(body: &Bytes) -> Result<T, String> {
    serde_json::from_slice(body).map_err(|e| format!("invalid JSON body: {e}"))
}

/// A control answer: `{"message": text}` with `status`.
fn message(status: StatusCode, text: &str) -> Response {
    json_response(status, &json!({ "message": text }))
}

async fn health() -> Response {
    json_response(StatusCode::OK, &json!({ "ok": true }))
}

async fn info(State(server): State<ServerState>) -> Response {
    json_response(
        StatusCode::OK,
        &json!({ "base_url": server.base_url(), "user_login": server.user_login() }),
    )
}

async fn read_log(State(server): State<ServerState>) -> Response {
    let entries = server.log().snapshot();
    json_response(StatusCode::OK, &json!(entries))
}

async fn clear_log(State(server): State<ServerState>) -> Response {
    server.log().clear();
    StatusCode::NO_CONTENT.into_response()
}
