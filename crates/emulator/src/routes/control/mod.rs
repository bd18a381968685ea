//! `/_emulator/...`: inspection and control over plain HTTP, for tests in any language.
//! No authentication: the server listens on 127.0.0.1 only.

mod accounts;
mod apps;
mod device_codes;
mod faults;
mod inspect;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use bytes::Bytes;
use serde::de::DeserializeOwned;
use serde_json::json;

use crate::app::App;
use crate::errors::json_response;

pub(super) fn router() -> Router<App> {
    Router::new()
        .route("/health", get(health))
        .route("/info", get(info))
        .route("/log", get(read_log).delete(clear_log))
        .route(
            "/faults",
            get(faults::read).put(faults::write).delete(faults::clear),
        )
        .route("/users", post(accounts::add_user))
        .route("/orgs", post(accounts::add_org))
        .route("/repos", post(accounts::add_repo))
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

async fn info(State(app): State<App>) -> Response {
    json_response(
        StatusCode::OK,
        &json!({ "base_url": app.base_url(), "user_login": app.user_login() }),
    )
}

async fn read_log(State(app): State<App>) -> Response {
    let entries = app.log().snapshot();
    json_response(StatusCode::OK, &json!(entries))
}

async fn clear_log(State(app): State<App>) -> Response {
    app.log().clear();
    StatusCode::NO_CONTENT.into_response()
}
