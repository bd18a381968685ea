//! `/_emulator/{scope}/...`: what a scope holds (decrypted), its key, key rotation, and sealing
//! for curl. A scope is `users/{login}`, `repos/{owner}/{repo}` or `orgs/{org}`; one handler per
//! route serves all three.

use axum::Router;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use axum::routing::{get, post};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use bytes::Bytes;
use chrono::SecondsFormat;
use codespaces_secrets_core::{PublicKey, SecretValue};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{message, parse};
use crate::config::Scope;
use crate::server::ServerState;
use crate::server::errors::json_response;
use crate::state::StoredSecret;

/// The scope part of every inspection path.
const SCOPES: [&str; 3] = ["/users/{login}", "/repos/{owner}/{repo}", "/orgs/{org}"];

pub(super) fn router() -> Router<ServerState> {
    SCOPES.iter().fold(Router::new(), |router, scope| {
        router
            .route(&format!("{scope}/secrets"), get(secrets))
            .route(&format!("{scope}/secrets/{{name}}"), get(secret))
            .route(&format!("{scope}/public-key"), get(public_key))
            .route(&format!("{scope}/rotate-key"), post(rotate_key))
            .route(&format!("{scope}/seal"), post(seal))
    })
}

/// The path parameters of any of the [`SCOPES`], plus a secret's `{name}`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ScopePath {
    login: Option<String>,
    owner: Option<String>,
    repo: Option<String>,
    org: Option<String>,
    name: String,
}

/// The scope a control path names, and the secret `{name}` where the route has one. A path
/// that does not decode is answered like an unknown scope.
struct Named {
    scope: Scope,
    name: String,
}

impl FromRequestParts<ServerState> for Named {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, server: &ServerState) -> Result<Self, Response> {
        let Path(path) = Path::<ScopePath>::from_request_parts(parts, server)
            .await
            .map_err(|_| no_scope())?;
        let scope = match (path.login, path.owner, path.repo, path.org) {
            (Some(login), ..) => Scope::user(login),
            (_, Some(owner), Some(repo), _) => Scope::repo(owner, repo),
            (.., Some(org)) => Scope::org(org),
            _ => return Err(no_scope()),
        };
        Ok(Self {
            scope,
            name: path.name,
        })
    }
}

fn no_scope() -> Response {
    message(
        StatusCode::NOT_FOUND,
        "no such user, repository or organization",
    )
}

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

async fn secrets(State(server): State<ServerState>, named: Named) -> Response {
    match server.stored_secrets(&named.scope) {
        Some(secrets) => {
            let items: Vec<Value> = secrets.iter().map(secret_json).collect();
            json_response(StatusCode::OK, &json!(items))
        }
        None => no_scope(),
    }
}

async fn secret(State(server): State<ServerState>, named: Named) -> Response {
    if server.stored_secrets(&named.scope).is_none() {
        return no_scope();
    }
    match server.stored_secret(&named.scope, &named.name) {
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

async fn public_key(State(server): State<ServerState>, named: Named) -> Response {
    key_of(server.public_key(&named.scope))
}

async fn rotate_key(State(server): State<ServerState>, named: Named) -> Response {
    key_of(server.rotate_key(&named.scope))
}

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
async fn seal(State(server): State<ServerState>, named: Named, body: Bytes) -> Response {
    let Some(key) = server.public_key(&named.scope) else {
        return no_scope();
    };
    let expected = "expected {\"value\": \"text\"} or {\"value_base64\": \"...\"}";
    let plaintext = match parse::<ToSeal>(&body) {
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
