//! `/_emulator/...`: inspection and control over plain HTTP, for tests in any language.
//! No authentication: the server listens on 127.0.0.1 only.

use std::time::Duration;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use bytes::Bytes;
use chrono::SecondsFormat;
use codespaces_secrets_core::{PublicKey, SecretValue};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::app::App;
use crate::config::Scope;
use crate::errors::json_response;
use crate::faults::{Faults, Latency, PrimaryRateLimit, SecondaryRateLimit};
use crate::state::StoredSecret;

pub(super) fn router() -> Router<App> {
    Router::new()
        .route("/health", get(health))
        .route("/info", get(info))
        .route("/log", get(read_log).delete(clear_log))
        .route(
            "/faults",
            get(read_faults).put(write_faults).delete(clear_faults),
        )
        .route("/users", post(add_user))
        .route("/orgs", post(add_org))
        .route("/repos", post(add_repo))
        .route("/users/{login}/secrets", get(user_secrets))
        .route("/users/{login}/secrets/{name}", get(user_secret))
        .route("/users/{login}/public-key", get(user_key))
        .route("/users/{login}/rotate-key", post(rotate_user_key))
        .route("/users/{login}/seal", post(seal_for_user))
        .route("/repos/{owner}/{repo}/secrets", get(repo_secrets))
        .route("/repos/{owner}/{repo}/secrets/{name}", get(repo_secret))
        .route("/repos/{owner}/{repo}/public-key", get(repo_key))
        .route("/repos/{owner}/{repo}/rotate-key", post(rotate_repo_key))
        .route("/repos/{owner}/{repo}/seal", post(seal_for_repo))
        .route("/orgs/{org}/secrets", get(org_secrets))
        .route("/orgs/{org}/secrets/{name}", get(org_secret))
        .route("/orgs/{org}/public-key", get(org_key))
        .route("/orgs/{org}/rotate-key", post(rotate_org_key))
        .route("/orgs/{org}/seal", post(seal_for_org))
}

/// Reads a JSON body whatever its content type, so `curl -d '{...}'` works as is.
fn parse<T: DeserializeOwned>(body: &Bytes) -> Result<T, String> {
    serde_json::from_slice(body).map_err(|e| format!("invalid JSON body: {e}"))
}

fn message(status: StatusCode, text: &str) -> Response {
    json_response(status, &json!({ "message": text }))
}

fn no_scope() -> Response {
    message(
        StatusCode::NOT_FOUND,
        "no such user, repository or organization",
    )
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

// ---- faults ------------------------------------------------------------------------------

/// Faults as JSON: durations in milliseconds (`retry_after_s` in seconds, as the header).
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FaultsJson {
    #[serde(default)]
    seed: u64,
    #[serde(default)]
    latency: Option<LatencyJson>,
    #[serde(default)]
    server_error_rate: f64,
    #[serde(default)]
    drop_connection_rate: f64,
    #[serde(default)]
    primary_rate_limit: Option<PrimaryJson>,
    #[serde(default)]
    secondary_rate_limit: Option<SecondaryJson>,
    #[serde(default)]
    hide_fresh_writes_ms: Option<u64>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
enum LatencyJson {
    Fixed { fixed_ms: u64 },
    Uniform { min_ms: u64, max_ms: u64 },
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PrimaryJson {
    limit: u32,
    window_ms: u64,
}

fn default_interval_ms() -> u64 {
    1000
}
fn default_concurrency() -> usize {
    1
}
fn default_status() -> u16 {
    403
}
fn default_retry_after_s() -> u64 {
    60
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SecondaryJson {
    #[serde(default = "default_interval_ms")]
    min_write_interval_ms: u64,
    #[serde(default = "default_concurrency")]
    max_concurrent_writes: usize,
    #[serde(default = "default_status")]
    status: u16,
    #[serde(default = "default_retry_after_s")]
    retry_after_s: u64,
}

fn ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

impl From<&Faults> for FaultsJson {
    fn from(f: &Faults) -> Self {
        Self {
            seed: f.seed,
            latency: f.latency.map(|l| match l {
                Latency::Fixed(d) => LatencyJson::Fixed { fixed_ms: ms(d) },
                Latency::Uniform { min, max } => LatencyJson::Uniform {
                    min_ms: ms(min),
                    max_ms: ms(max),
                },
            }),
            server_error_rate: f.server_error_rate,
            drop_connection_rate: f.drop_connection_rate,
            primary_rate_limit: f.primary_rate_limit.map(|p| PrimaryJson {
                limit: p.limit,
                window_ms: ms(p.window),
            }),
            secondary_rate_limit: f.secondary_rate_limit.map(|s| SecondaryJson {
                min_write_interval_ms: ms(s.min_write_interval),
                max_concurrent_writes: s.max_concurrent_writes,
                status: s.status,
                retry_after_s: s.retry_after.as_secs(),
            }),
            hide_fresh_writes_ms: f.hide_fresh_writes.map(ms),
        }
    }
}

impl FaultsJson {
    fn into_faults(self) -> Result<Faults, String> {
        let rate = |name: &str, r: f64| {
            if r.is_finite() && (0.0..=1.0).contains(&r) {
                Ok(r)
            } else {
                Err(format!("{name} must be between 0 and 1"))
            }
        };
        if let Some(s) = &self.secondary_rate_limit
            && !matches!(s.status, 403 | 429)
        {
            return Err("secondary_rate_limit.status must be 403 or 429".to_owned());
        }
        Ok(Faults {
            seed: self.seed,
            latency: self.latency.map(|l| match l {
                LatencyJson::Fixed { fixed_ms } => Latency::Fixed(Duration::from_millis(fixed_ms)),
                LatencyJson::Uniform { min_ms, max_ms } => Latency::Uniform {
                    min: Duration::from_millis(min_ms),
                    max: Duration::from_millis(max_ms),
                },
            }),
            server_error_rate: rate("server_error_rate", self.server_error_rate)?,
            drop_connection_rate: rate("drop_connection_rate", self.drop_connection_rate)?,
            primary_rate_limit: self.primary_rate_limit.map(|p| PrimaryRateLimit {
                limit: p.limit,
                window: Duration::from_millis(p.window_ms),
            }),
            secondary_rate_limit: self.secondary_rate_limit.map(|s| SecondaryRateLimit {
                min_write_interval: Duration::from_millis(s.min_write_interval_ms),
                max_concurrent_writes: s.max_concurrent_writes,
                status: s.status,
                retry_after: Duration::from_secs(s.retry_after_s),
            }),
            hide_fresh_writes: self.hide_fresh_writes_ms.map(Duration::from_millis),
        })
    }
}

fn faults_response(app: &App) -> Response {
    let current = FaultsJson::from(app.faults().faults());
    json_response(StatusCode::OK, &json!(current))
}

async fn read_faults(State(app): State<App>) -> Response {
    faults_response(&app)
}

async fn write_faults(State(app): State<App>, body: Bytes) -> Response {
    let parsed: FaultsJson = match parse(&body) {
        Ok(parsed) => parsed,
        Err(why) => return message(StatusCode::UNPROCESSABLE_ENTITY, &why),
    };
    match parsed.into_faults() {
        Ok(faults) => {
            app.set_faults(faults);
            faults_response(&app)
        }
        Err(why) => message(StatusCode::UNPROCESSABLE_ENTITY, &why),
    }
}

async fn clear_faults(State(app): State<App>) -> Response {
    app.set_faults(Faults::default());
    faults_response(&app)
}

// ---- accounts and repositories -----------------------------------------------------------

#[derive(Debug, Deserialize)]
struct NewUser {
    login: String,
    #[serde(default)]
    token: Option<String>,
}

async fn add_user(State(app): State<App>, body: Bytes) -> Response {
    let Ok(user) = parse::<NewUser>(&body) else {
        return message(
            StatusCode::UNPROCESSABLE_ENTITY,
            "expected {\"login\": \"...\"}",
        );
    };
    if user.login.is_empty() {
        return message(StatusCode::UNPROCESSABLE_ENTITY, "login must not be empty");
    }
    let token = app.add_user(&user.login, user.token);
    json_response(
        StatusCode::CREATED,
        &json!({ "login": user.login, "token": token }),
    )
}

#[derive(Debug, Deserialize)]
struct NewOrg {
    name: String,
    #[serde(default)]
    members: Vec<String>,
}

async fn add_org(State(app): State<App>, body: Bytes) -> Response {
    let Ok(org) = parse::<NewOrg>(&body) else {
        return message(
            StatusCode::UNPROCESSABLE_ENTITY,
            "expected {\"name\": \"...\", \"members\": [...]}",
        );
    };
    if org.name.is_empty() {
        return message(StatusCode::UNPROCESSABLE_ENTITY, "name must not be empty");
    }
    let members: Vec<&str> = org.members.iter().map(String::as_str).collect();
    app.add_org(&org.name, &members);
    json_response(
        StatusCode::CREATED,
        &json!({ "name": org.name, "members": org.members }),
    )
}

#[derive(Debug, Deserialize)]
struct NewRepo {
    owner: String,
    name: String,
}

async fn add_repo(State(app): State<App>, body: Bytes) -> Response {
    let Ok(repo) = parse::<NewRepo>(&body) else {
        return message(
            StatusCode::UNPROCESSABLE_ENTITY,
            "expected {\"owner\": \"...\", \"name\": \"...\"}",
        );
    };
    if repo.owner.is_empty() || repo.name.is_empty() {
        return message(
            StatusCode::UNPROCESSABLE_ENTITY,
            "owner and name must not be empty",
        );
    }
    let id = app.add_repo(&repo.owner, &repo.name);
    json_response(
        StatusCode::CREATED,
        &json!({
            "id": id,
            "owner": repo.owner,
            "name": repo.name,
            "full_name": format!("{}/{}", repo.owner, repo.name),
        }),
    )
}

// ---- per-scope inspection ------------------------------------------------------------------

/// A stored secret as JSON: the value as UTF-8 text (`null` when it is not valid UTF-8) and
/// always as base64.
fn secret_json(secret: &StoredSecret) -> Value {
    let bytes = secret.value.expose();
    json!({
        "name": secret.name,
        "value": std::str::from_utf8(bytes).ok(),
        "value_base64": STANDARD.encode(bytes),
        "created_at": secret.created_at.to_rfc3339_opts(SecondsFormat::Millis, true),
        "updated_at": secret.updated_at.to_rfc3339_opts(SecondsFormat::Millis, true),
        "visibility": secret.visibility.map(|v| v.as_str()),
        "selected_repository_ids": secret.selected_repository_ids,
    })
}

fn key_json(key: &PublicKey) -> Value {
    json!({ "key_id": key.key_id().as_str(), "key": key.to_base64() })
}

fn secrets_of(app: &App, scope: &Scope) -> Response {
    match app.stored_secrets(scope) {
        Some(secrets) => {
            let items: Vec<Value> = secrets.iter().map(secret_json).collect();
            json_response(StatusCode::OK, &json!(items))
        }
        None => no_scope(),
    }
}

fn secret_of(app: &App, scope: &Scope, name: &str) -> Response {
    if app.stored_secrets(scope).is_none() {
        return no_scope();
    }
    match app.stored_secret(scope, name) {
        Some(secret) => json_response(StatusCode::OK, &secret_json(&secret)),
        None => message(StatusCode::NOT_FOUND, "no such secret"),
    }
}

fn key_of(key: Option<PublicKey>) -> Response {
    match key {
        Some(key) => json_response(StatusCode::OK, &key_json(&key)),
        None => no_scope(),
    }
}

async fn user_secrets(State(app): State<App>, Path(login): Path<String>) -> Response {
    secrets_of(&app, &Scope::user(login))
}
async fn user_secret(
    State(app): State<App>,
    Path((login, name)): Path<(String, String)>,
) -> Response {
    secret_of(&app, &Scope::user(login), &name)
}
async fn user_key(State(app): State<App>, Path(login): Path<String>) -> Response {
    key_of(app.public_key(&Scope::user(login)))
}
async fn rotate_user_key(State(app): State<App>, Path(login): Path<String>) -> Response {
    key_of(app.rotate_key(&Scope::user(login)))
}

async fn repo_secrets(
    State(app): State<App>,
    Path((owner, repo)): Path<(String, String)>,
) -> Response {
    secrets_of(&app, &Scope::repo(owner, repo))
}
async fn repo_secret(
    State(app): State<App>,
    Path((owner, repo, name)): Path<(String, String, String)>,
) -> Response {
    secret_of(&app, &Scope::repo(owner, repo), &name)
}
async fn repo_key(State(app): State<App>, Path((owner, repo)): Path<(String, String)>) -> Response {
    key_of(app.public_key(&Scope::repo(owner, repo)))
}
async fn rotate_repo_key(
    State(app): State<App>,
    Path((owner, repo)): Path<(String, String)>,
) -> Response {
    key_of(app.rotate_key(&Scope::repo(owner, repo)))
}

async fn org_secrets(State(app): State<App>, Path(org): Path<String>) -> Response {
    secrets_of(&app, &Scope::org(org))
}
async fn org_secret(State(app): State<App>, Path((org, name)): Path<(String, String)>) -> Response {
    secret_of(&app, &Scope::org(org), &name)
}
async fn org_key(State(app): State<App>, Path(org): Path<String>) -> Response {
    key_of(app.public_key(&Scope::org(org)))
}
async fn rotate_org_key(State(app): State<App>, Path(org): Path<String>) -> Response {
    key_of(app.rotate_key(&Scope::org(org)))
}

// ---- sealing for curl and for languages without libsodium -------------------------------------

/// A plaintext to seal: UTF-8 `value` or `value_base64`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ToSeal {
    #[serde(default)]
    value: Option<String>,
    #[serde(default)]
    value_base64: Option<String>,
}

/// Seals a plaintext to the scope's current key, exactly as a client would, and returns the
/// `encrypted_value` and `key_id` of a create-or-update body. A convenience for shell examples;
/// real clients seal on their side so the plaintext never travels.
fn seal_for(app: &App, scope: &Scope, body: &Bytes) -> Response {
    let Some(key) = app.public_key(scope) else {
        return no_scope();
    };
    let expected = "expected {\"value\": \"text\"} or {\"value_base64\": \"...\"}";
    let plaintext = match parse::<ToSeal>(body) {
        Ok(ToSeal {
            value: Some(text),
            value_base64: None,
        }) => text.into_bytes(),
        Ok(ToSeal {
            value: None,
            value_base64: Some(encoded),
        }) => match STANDARD.decode(encoded) {
            Ok(bytes) => bytes,
            Err(_) => {
                return message(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "value_base64 is not base64",
                );
            }
        },
        _ => return message(StatusCode::UNPROCESSABLE_ENTITY, expected),
    };
    let sealed = SecretValue::new(plaintext).and_then(|value| key.seal(&value));
    match sealed {
        Ok(sealed) => json_response(
            StatusCode::OK,
            &json!({ "encrypted_value": sealed.encrypted_value, "key_id": sealed.key_id.as_str() }),
        ),
        Err(error) => message(StatusCode::UNPROCESSABLE_ENTITY, &error.to_string()),
    }
}

async fn seal_for_user(State(app): State<App>, Path(login): Path<String>, body: Bytes) -> Response {
    seal_for(&app, &Scope::user(login), &body)
}
async fn seal_for_repo(
    State(app): State<App>,
    Path((owner, repo)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    seal_for(&app, &Scope::repo(owner, repo), &body)
}
async fn seal_for_org(State(app): State<App>, Path(org): Path<String>, body: Bytes) -> Response {
    seal_for(&app, &Scope::org(org), &body)
}
