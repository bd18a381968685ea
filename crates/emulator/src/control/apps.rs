//! `/_emulator/apps...` and `/_emulator/auth-settings`: GitHub Apps and their installations for
//! tests in any language, and the lifetimes and clock of the emulator's credentials.

use std::time::Duration;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde::Deserialize;
use serde_json::json;

use super::{message, parse};
use crate::auth::settings::AuthSettings;
use crate::config::Scope;
use crate::server::ServerState;
use crate::server::errors::json_response;

/// `POST /_emulator/apps`: a new app with its keys. The RSA key is generated off the async
/// workers, which keep serving meanwhile.
pub(super) async fn register(State(server): State<ServerState>) -> Response {
    match tokio::task::spawn_blocking(move || server.register_app()).await {
        Ok(registered) => json_response(StatusCode::CREATED, &registered.to_json()),
        Err(_) => message(StatusCode::INTERNAL_SERVER_ERROR, "key generation failed"),
    }
}

/// Where to install: exactly one of the three shapes.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Target {
    org: Option<String>,
    user: Option<String>,
    owner: Option<String>,
    repo: Option<String>,
}

impl Target {
    fn scope(self) -> Option<Scope> {
        let nonempty = |s: &Option<String>| s.as_ref().is_some_and(|s| !s.is_empty());
        match (self.org, self.user, self.owner, self.repo) {
            (Some(org), None, None, None) if !org.is_empty() => Some(Scope::org(org)),
            (None, Some(user), None, None) if !user.is_empty() => Some(Scope::user(user)),
            (None, None, owner, repo) if nonempty(&owner) && nonempty(&repo) => Some(Scope::repo(
                owner.unwrap_or_default(),
                repo.unwrap_or_default(),
            )),
            _ => None,
        }
    }
}

/// `POST /_emulator/apps/{app_id}/installations`.
pub(super) async fn install(
    State(server): State<ServerState>,
    path: Result<Path<u64>, PathRejection>,
    body: Bytes,
) -> Response {
    let Ok(Path(app_id)) = path else {
        return message(StatusCode::NOT_FOUND, "no such app");
    };
    let expected = "expected {\"org\": \"...\"}, {\"user\": \"...\"} or {\"owner\": \"...\", \"repo\": \"...\"}";
    let Some(scope) = parse::<Target>(&body).ok().and_then(Target::scope) else {
        return message(StatusCode::UNPROCESSABLE_ENTITY, expected);
    };
    match server.install_app(app_id, &scope) {
        Some(id) => json_response(StatusCode::CREATED, &json!({ "id": id })),
        None => message(
            StatusCode::NOT_FOUND,
            &format!("no app {app_id} is registered"),
        ),
    }
}

/// The settings as JSON, durations in whole seconds. Every field is optional in a PUT.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct SettingsJson {
    installation_token_lifetime_secs: Option<u64>,
    clock_skew_secs: Option<i64>,
    device_poll_interval_secs: Option<u32>,
    device_code_lifetime_secs: Option<u64>,
}

fn render(settings: &AuthSettings) -> Response {
    json_response(
        StatusCode::OK,
        &json!({
            "installation_token_lifetime_secs": settings.installation_token_lifetime.as_secs(),
            "clock_skew_secs": settings.clock_skew,
            "device_poll_interval_secs": settings.device_poll_interval,
            "device_code_lifetime_secs": settings.device_code_lifetime.as_secs(),
        }),
    )
}

pub(super) async fn read_settings(State(server): State<ServerState>) -> Response {
    render(&server.state().auth)
}

/// `PUT /_emulator/auth-settings`: changes the fields given, keeps the others; 422 for a
/// negative duration, an unknown field or a body that is not JSON.
pub(super) async fn write_settings(State(server): State<ServerState>, body: Bytes) -> Response {
    let change: SettingsJson = match parse(&body) {
        Ok(change) => change,
        Err(error) => return message(StatusCode::UNPROCESSABLE_ENTITY, &error),
    };
    let mut state = server.state();
    let auth = &mut state.auth;
    if let Some(secs) = change.installation_token_lifetime_secs {
        auth.installation_token_lifetime = Duration::from_secs(secs);
    }
    if let Some(secs) = change.clock_skew_secs {
        auth.clock_skew = secs;
    }
    if let Some(secs) = change.device_poll_interval_secs {
        auth.device_poll_interval = secs;
    }
    if let Some(secs) = change.device_code_lifetime_secs {
        auth.device_code_lifetime = Duration::from_secs(secs);
    }
    StatusCode::NO_CONTENT.into_response()
}
