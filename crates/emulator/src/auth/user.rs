//! `GET /user`: who a token belongs to (what `auth status` shows). An installation token is not
//! a user: 403, as GitHub answers.

use axum::Extension;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;

use crate::server::ServerState;
use crate::server::errors::{ApiError, github_error, json_response};
use crate::state::{Caller, Identity};

const DOCS: &str = "https://docs.github.com/rest/users/users#get-the-authenticated-user";

pub(super) async fn authenticated_user(
    State(server): State<ServerState>,
    who: Option<Extension<Identity>>,
) -> Response {
    // The gate lets only authenticated requests through, with their identity attached.
    let Some(Extension(who)) = who else {
        return github_error(StatusCode::UNAUTHORIZED, "Requires authentication", DOCS);
    };
    if who.caller != Caller::User {
        return ApiError::NotAccessibleByIntegration.at(DOCS);
    }
    let state = server.state();
    let Some(account) = state.account(&who.key) else {
        return ApiError::NotFound.at(DOCS);
    };
    let base = server.base_url();
    json_response(
        StatusCode::OK,
        &json!({
            "login": account.login,
            "id": account.id,
            "type": "User",
            "site_admin": false,
            "url": format!("{base}/users/{}", account.login),
        }),
    )
}
