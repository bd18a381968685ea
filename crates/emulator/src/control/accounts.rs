//! `POST /_emulator/users|orgs|repos`: identities, organizations and repositories for a test.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use bytes::Bytes;
use serde::Deserialize;
use serde_json::json;

use super::{message, parse};
use crate::server::ServerState;
use crate::server::errors::json_response;

/// A created account or repository, or the 422 that refused the request.
type Created = Result<Response, Response>;

fn refuse(text: &str) -> Response {
    message(StatusCode::UNPROCESSABLE_ENTITY, text)
}

fn created(body: &serde_json::Value) -> Response {
    json_response(StatusCode::CREATED, body)
}

#[derive(Debug, Deserialize)]
struct NewUser {
    login: String,
    #[serde(default)]
    token: Option<String>,
}

pub(super) async fn add_user(State(server): State<ServerState>, body: Bytes) -> Created {
    let user: NewUser = parse(&body).map_err(|_| refuse("expected {\"login\": \"...\"}"))?;
    if user.login.is_empty() {
        return Err(refuse("login must not be empty"));
    }
    let token = server.add_user(&user.login, user.token);
    Ok(created(&json!({ "login": user.login, "token": token })))
}

#[derive(Debug, Deserialize)]
struct NewOrg {
    name: String,
    #[serde(default)]
    members: Vec<String>,
}

pub(super) async fn add_org(State(server): State<ServerState>, body: Bytes) -> Created {
    let expected = "expected {\"name\": \"...\", \"members\": [...]}";
    let org: NewOrg = parse(&body).map_err(|_| refuse(expected))?;
    if org.name.is_empty() {
        return Err(refuse("name must not be empty"));
    }
    let members: Vec<&str> = org.members.iter().map(String::as_str).collect();
    server.add_org(&org.name, &members);
    Ok(created(
        &json!({ "name": org.name, "members": org.members }),
    ))
}

#[derive(Debug, Deserialize)]
struct NewRepo {
    owner: String,
    name: String,
}

pub(super) async fn add_repo(State(server): State<ServerState>, body: Bytes) -> Created {
    let expected = "expected {\"owner\": \"...\", \"name\": \"...\"}";
    let repo: NewRepo = parse(&body).map_err(|_| refuse(expected))?;
    if repo.owner.is_empty() || repo.name.is_empty() {
        return Err(refuse("owner and name must not be empty"));
    }
    let id = server.add_repo(&repo.owner, &repo.name);
    Ok(created(&json!({
        "id": id,
        "owner": repo.owner,
        "name": repo.name,
        "full_name": format!("{}/{}", repo.owner, repo.name),
    })))
}
