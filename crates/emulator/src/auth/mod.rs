//! Who is calling and how they got their credentials: tokens and JWTs
//! ([`credentials`]), GitHub Apps with their RSA keys and installations, the OAuth device flow,
//! `GET /user`, and the lifetimes and clock of it all ([`settings`]).

pub(crate) mod app_routes;
pub(crate) mod credentials;
pub(crate) mod device_codes;
mod device_flow;
pub(crate) mod github_app;
pub(crate) mod jwt;
pub(crate) mod keys;
pub(crate) mod settings;
mod user;

use axum::Router;
use axum::routing::{get, post};

use crate::server::ServerState;

/// What a client needs to authenticate: as a GitHub App (its JWT on the `/app` endpoints and
/// installation lookups), through the device flow (`/login/...`), and `GET /user` to say who a
/// token is.
pub(crate) fn routes() -> Router<ServerState> {
    Router::new()
        .route("/app", get(app_routes::get_app))
        .route(
            "/app/installations/{installation_id}/access_tokens",
            post(app_routes::create_token),
        )
        .route(
            "/orgs/{org}/installation",
            get(app_routes::org_installation),
        )
        .route(
            "/repos/{owner}/{repo}/installation",
            get(app_routes::repo_installation),
        )
        .route(
            "/users/{username}/installation",
            get(app_routes::user_installation),
        )
        .route("/user", get(user::authenticated_user))
        .route("/login/device/code", post(device_flow::request_code))
        .route("/login/oauth/access_token", post(device_flow::exchange))
        .route("/login/device", get(device_flow::verification_page))
}
