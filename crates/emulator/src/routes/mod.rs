//! The URL table: the 23 operations of the OpenAPI description, the control routes, and
//! GitHub's 404 for everything else (GitHub answers an unknown method with 404, not 405).

mod common;
mod control;
mod ops;
mod org;
mod repo;
mod secrets;
mod user;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::middleware;
use axum::response::Response;
use axum::routing::{get, put};

use crate::app::App;
use crate::body::BODY_LIMIT;
use crate::errors::{GENERIC_DOCS, github_error};
use crate::gate::{CONTROL_PREFIX, gate};

pub(crate) fn router(app: App) -> Router {
    Router::new()
        .route("/user/codespaces/secrets", get(user::list))
        .route("/user/codespaces/secrets/public-key", get(user::public_key))
        .route(
            "/user/codespaces/secrets/{secret_name}",
            get(user::get).put(user::put).delete(user::delete),
        )
        .route(
            "/user/codespaces/secrets/{secret_name}/repositories",
            get(user::list_repos).put(user::set_repos),
        )
        .route(
            "/user/codespaces/secrets/{secret_name}/repositories/{repository_id}",
            put(user::add_repo).delete(user::remove_repo),
        )
        .route("/repos/{owner}/{repo}/codespaces/secrets", get(repo::list))
        .route(
            "/repos/{owner}/{repo}/codespaces/secrets/public-key",
            get(repo::public_key),
        )
        .route(
            "/repos/{owner}/{repo}/codespaces/secrets/{secret_name}",
            get(repo::get).put(repo::put).delete(repo::delete),
        )
        .route("/orgs/{org}/codespaces/secrets", get(org::list))
        .route(
            "/orgs/{org}/codespaces/secrets/public-key",
            get(org::public_key),
        )
        .route(
            "/orgs/{org}/codespaces/secrets/{secret_name}",
            get(org::get).put(org::put).delete(org::delete),
        )
        .route(
            "/orgs/{org}/codespaces/secrets/{secret_name}/repositories",
            get(org::list_repos).put(org::set_repos),
        )
        .route(
            "/orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}",
            put(org::add_repo).delete(org::remove_repo),
        )
        .nest(CONTROL_PREFIX, control::router())
        .fallback(not_found)
        .method_not_allowed_fallback(not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(app.clone(), gate))
        .with_state(app)
}

async fn not_found() -> Response {
    github_error(StatusCode::NOT_FOUND, "Not Found", GENERIC_DOCS)
}
