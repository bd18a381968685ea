//! Repositories as GitHub lists them — `GET /orgs/{org}/repos`, `GET /user/repos` (paged,
//! with `Link`) and `GET /repos/{owner}/{repo}` — so a client can turn names, topics and
//! archived flags into repository ids.
//!
//! Order: an organization's repositories by name (GitHub's default there is creation time;
//! name order is as stable and easier to predict in a test), the user's by `full_name`
//! (GitHub's default for that list). `type`, `sort`, `direction` and `visibility` are ignored.

use axum::Extension;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use serde_json::Value;

use crate::server::ServerState;
use crate::server::errors::{ApiError, json_response};
use crate::server::pagination::{Page, with_link};
use crate::server::render;
use crate::state::{Identity, Repo, State as Data};

const ORG_REPOS_DOCS: &str =
    "https://docs.github.com/rest/repos/repos#list-organization-repositories";
const USER_REPOS_DOCS: &str =
    "https://docs.github.com/rest/repos/repos#list-repositories-for-the-authenticated-user";
const GET_REPO_DOCS: &str = "https://docs.github.com/rest/repos/repos#get-a-repository";

/// The repository JSON `who` gets: with `permissions` and `organization` when `full`.
fn render_repo(state: &Data, base: &str, who: &Identity, repo: &Repo, full: bool) -> Option<Value> {
    let owner = state.account(&repo.owner)?;
    Some(if full {
        render::repository(base, repo, owner, state.may_manage_repo(who, repo))
    } else {
        render::minimal_repository(base, repo, owner)
    })
}

/// One page of `repos` as a JSON array, with GitHub's `Link` header.
fn paged(
    state: &Data,
    base: &str,
    uri: &Uri,
    who: &Identity,
    repos: &[&Repo],
    full: bool,
) -> Response {
    let page = Page::from_query(uri.query());
    let items: Vec<Value> = page
        .slice(repos)
        .iter()
        .filter_map(|repo| render_repo(state, base, who, repo, full))
        .collect();
    let link = page.link_header(base, uri.path(), uri.query(), repos.len());
    with_link(json_response(StatusCode::OK, &Value::Array(items)), link)
}

/// The caller the gate attached (every request reaching a route is authenticated).
fn caller(who: Option<Extension<Identity>>) -> Result<Identity, ApiError> {
    who.map(|Extension(who)| who).ok_or(ApiError::NotFound)
}

/// `GET /orgs/{org}/repos`: `minimal-repository` items.
pub(super) async fn org_repos(
    State(server): State<ServerState>,
    who: Option<Extension<Identity>>,
    org: Result<Path<String>, PathRejection>,
    uri: Uri,
) -> Response {
    let listed = caller(who).and_then(|who| {
        let Path(org) = org.map_err(|_| ApiError::NotFound)?;
        let state = server.state();
        let repos = state.org_repos(&who, &org)?;
        Ok(paged(&state, server.base_url(), &uri, &who, &repos, false))
    });
    listed.unwrap_or_else(|error| error.at(ORG_REPOS_DOCS))
}

/// `GET /user/repos`: `repository` items, with the caller's permissions.
pub(super) async fn user_repos(
    State(server): State<ServerState>,
    who: Option<Extension<Identity>>,
    uri: Uri,
) -> Response {
    let listed = caller(who).and_then(|who| {
        let state = server.state();
        let repos = state.user_repos(&who)?;
        Ok(paged(&state, server.base_url(), &uri, &who, &repos, true))
    });
    listed.unwrap_or_else(|error| error.at(USER_REPOS_DOCS))
}

/// `GET /repos/{owner}/{repo}`: the `full-repository`, or 404 when absent or not visible.
pub(super) async fn get_repo(
    State(server): State<ServerState>,
    who: Option<Extension<Identity>>,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Response {
    let found = caller(who).and_then(|who| {
        let Path((owner, name)) = path.map_err(|_| ApiError::NotFound)?;
        let state = server.state();
        let repo = state.visible_repo(&who, &owner, &name)?;
        render_repo(&state, server.base_url(), &who, repo, true).ok_or(ApiError::NotFound)
    });
    match found {
        Ok(body) => json_response(StatusCode::OK, &body),
        Err(error) => error.at(GET_REPO_DOCS),
    }
}
