//! Repositories as GitHub lists them — an organization's, the authenticated user's, one by
//! name — with the topics, archived and private flags a test gives them ([`spec::RepoSpec`]).
//! Who sees which lives in [`crate::state`].

mod routes;
pub(crate) mod spec;

use axum::Router;
use axum::routing::get;

use crate::server::ServerState;

/// Repositories as GitHub lists them, for clients that pick repositories by name or topic.
pub(crate) fn routes() -> Router<ServerState> {
    Router::new()
        .route("/orgs/{org}/repos", get(routes::org_repos))
        .route("/user/repos", get(routes::user_repos))
        .route("/repos/{owner}/{repo}", get(routes::get_repo))
}
