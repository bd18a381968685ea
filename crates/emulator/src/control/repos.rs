//! `/_emulator/repositories` and `/_emulator/repos/{owner}/{repo}`: many repositories with
//! topics at once, and a repository's topics, archived and private flags read and changed, for
//! tests of clients that select repositories by topic.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use bytes::Bytes;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{message, parse};
use crate::repos::spec::RepoSpec;
use crate::server::ServerState;
use crate::server::errors::json_response;
use crate::state::State as Data;

/// What the control routes show of a repository.
fn summary(state: &Data, id: i64) -> Value {
    let Some(repo) = state.repo(id) else {
        return Value::Null;
    };
    let owner = state
        .account(&repo.owner)
        .map_or(repo.owner.as_str(), |account| account.login.as_str());
    json!({
        "id": repo.id,
        "owner": owner,
        "name": repo.name,
        "full_name": format!("{owner}/{}", repo.name),
        "topics": repo.topics,
        "archived": repo.archived,
        "private": repo.private,
    })
}

const EXPECTED: &str =
    "expected [{\"owner\", \"name\", \"topics\"?, \"archived\"?, \"private\"?}, ...]";

/// A bulk body: a bare array of specs, or `{"repositories": [...]}`; a wrong spec is named by
/// its index.
fn specs(body: &Bytes) -> Result<Vec<RepoSpec>, String> {
    let value: Value = parse(body)?;
    let items = match value.get("repositories").unwrap_or(&value) {
        Value::Array(items) => items,
        _ => return Err(EXPECTED.to_owned()),
    };
    items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            RepoSpec::deserialize(item).map_err(|why| format!("repository {index}: {why}"))
        })
        .collect()
}

/// `POST /_emulator/repositories`: creates (or updates) every repository of the body, in order
/// → 201 with their summaries; 422 naming the problem when any spec is wrong (nothing is
/// created then).
pub(super) async fn add_many(State(server): State<ServerState>, body: Bytes) -> Response {
    let specs = match specs(&body) {
        Ok(specs) => specs,
        Err(why) => return message(StatusCode::UNPROCESSABLE_ENTITY, &why),
    };
    let ids = server.add_repositories(&specs);
    let state = server.state();
    let created: Vec<Value> = ids.iter().map(|id| summary(&state, *id)).collect();
    json_response(StatusCode::CREATED, &Value::Array(created))
}

fn no_repo() -> Response {
    message(StatusCode::NOT_FOUND, "no such repository")
}

/// `GET /_emulator/repos/{owner}/{repo}`.
pub(super) async fn read(
    State(server): State<ServerState>,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Response {
    let Ok(Path((owner, name))) = path else {
        return no_repo();
    };
    let state = server.state();
    match state.repo_id(&owner, &name) {
        Some(id) => json_response(StatusCode::OK, &summary(&state, id)),
        None => no_repo(),
    }
}

/// The fields a PATCH may change; absent ones stay.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Change {
    topics: Option<Vec<String>>,
    archived: Option<bool>,
    private: Option<bool>,
}

/// `PATCH /_emulator/repos/{owner}/{repo}`: `{"topics"?, "archived"?, "private"?}` → 200 with
/// the summary; 404 for an unknown repository, 422 for another body.
pub(super) async fn change(
    State(server): State<ServerState>,
    path: Result<Path<(String, String)>, PathRejection>,
    body: Bytes,
) -> Response {
    let Ok(Path((owner, name))) = path else {
        return no_repo();
    };
    let change: Change = match parse(&body) {
        Ok(change) => change,
        Err(why) => return message(StatusCode::UNPROCESSABLE_ENTITY, &why),
    };
    let mut state = server.state();
    let Some(id) = state.repo_id(&owner, &name) else {
        return no_repo();
    };
    if let Some(topics) = change.topics {
        state.set_topics(&owner, &name, &topics);
    }
    if let Some(archived) = change.archived {
        state.set_archived(&owner, &name, archived);
    }
    if let Some(private) = change.private {
        state.set_private(&owner, &name, private);
    }
    json_response(StatusCode::OK, &summary(&state, id))
}
