//! The URL table: each feature's routes — the secrets operations, the repository lists, the
//! GitHub App endpoints, `GET /user` and the OAuth device flow, the control routes — behind the
//! gate, and GitHub's 404 for everything else (GitHub answers an unknown method with 404, not
//! 405).

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Router, middleware};

use crate::server::ServerState;
use crate::server::body::BODY_LIMIT;
use crate::server::errors::{GENERIC_DOCS, github_error};
use crate::server::gate::{CONTROL_PREFIX, gate};
use crate::{auth, control, repos, secrets};

pub(crate) fn router(server: ServerState) -> Router {
    secrets::routes()
        .merge(auth::routes())
        .merge(repos::routes())
        .nest(CONTROL_PREFIX, control::router())
        .fallback(not_found)
        .method_not_allowed_fallback(not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(server.clone(), gate))
        .with_state(server)
}

async fn not_found() -> Response {
    github_error(StatusCode::NOT_FOUND, "Not Found", GENERIC_DOCS)
}
