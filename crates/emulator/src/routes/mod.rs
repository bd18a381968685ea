//! The URL table: the 23 operations of the OpenAPI description (five paths per scope; the
//! repository scope has no selected repositories, so three), the GitHub App endpoints and
//! `GET /user` that authentication needs, the OAuth device flow, the control routes, and
//! GitHub's 404 for everything else (GitHub answers an unknown method with 404, not 405).

mod apps;
mod common;
mod control;
mod device_flow;
mod ops;
mod resolved_scope;
mod secrets;
mod user;

use std::future::{Ready, ready};

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{MethodRouter, delete, get, post, put};
use axum::{Extension, Router, middleware};

use self::common::{Body, InOp, Reply};
use self::ops::Action::{self, *};
use self::ops::Op;
use self::ops::ScopeKind::{self, Org, Repo, User};
use self::resolved_scope::ResolvedScope;
use crate::app::App;
use crate::body::BODY_LIMIT;
use crate::errors::{ApiError, GENERIC_DOCS, github_error};
use crate::gate::{CONTROL_PREFIX, gate};

/// Each scope's kind and the path its secrets live under.
const SCOPES: [(ScopeKind, &str); 3] = [
    (User, "/user/codespaces/secrets"),
    (Repo, "/repos/{owner}/{repo}/codespaces/secrets"),
    (Org, "/orgs/{org}/codespaces/secrets"),
];

pub(crate) fn router(app: App) -> Router {
    SCOPES
        .iter()
        .fold(Router::new(), |router, &(scope, secrets)| {
            let router = router
                .route(secrets, serve(scope, &[List]))
                .route(&format!("{secrets}/public-key"), serve(scope, &[PublicKey]))
                .route(
                    &format!("{secrets}/{{secret_name}}"),
                    serve(scope, &[Get, Put, Delete]),
                );
            if scope == Repo {
                // A repository secret belongs to its repository: no selected repositories.
                return router;
            }
            router
                .route(
                    &format!("{secrets}/{{secret_name}}/repositories"),
                    serve(scope, &[ListRepos, SetRepos]),
                )
                .route(
                    &format!("{secrets}/{{secret_name}}/repositories/{{repository_id}}"),
                    serve(scope, &[AddRepo, RemoveRepo]),
                )
        })
        .merge(auth_routes())
        .nest(CONTROL_PREFIX, control::router())
        .fallback(not_found)
        .method_not_allowed_fallback(not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(app.clone(), gate))
        .with_state(app)
}

/// What a client needs to authenticate: as a GitHub App (its JWT on the `/app` endpoints and
/// installation lookups), through the device flow (`/login/...`), and `GET /user` to say who a
/// token is.
fn auth_routes() -> Router<App> {
    Router::new()
        .route("/app", get(apps::get_app))
        .route(
            "/app/installations/{installation_id}/access_tokens",
            post(apps::create_token),
        )
        .route("/orgs/{org}/installation", get(apps::org_installation))
        .route(
            "/repos/{owner}/{repo}/installation",
            get(apps::repo_installation),
        )
        .route(
            "/users/{username}/installation",
            get(apps::user_installation),
        )
        .route("/user", get(user::authenticated_user))
        .route("/login/device/code", post(device_flow::request_code))
        .route("/login/oauth/access_token", post(device_flow::exchange))
        .route("/login/device", get(device_flow::verification_page))
}

/// The `actions` of one path in `scope`: each action's one handler (shared by the scopes)
/// under its HTTP method, told which operation it runs (read back by [`ResolvedScope`]).
fn serve(scope: ScopeKind, actions: &[Action]) -> MethodRouter<App> {
    actions
        .iter()
        .fold(MethodRouter::new(), |methods, &action| {
            let handler = match action {
                List => get(reply(secrets::list)),
                PublicKey => get(reply(secrets::public_key)),
                Get => get(reply(secrets::get)),
                Put => put(reply_with_body(secrets::put)),
                Delete => delete(reply(secrets::delete)),
                ListRepos => get(reply(secrets::list_repos)),
                SetRepos => put(reply_with_body(secrets::set_repos)),
                AddRepo => put(reply(|s| secrets::change_repo(s, true))),
                RemoveRepo => delete(reply(|s| secrets::change_repo(s, false))),
            };
            methods.merge(handler.layer(Extension(Op { scope, action })))
        })
}

/// What an action does once [`ResolvedScope`] has found the caller, scope and operation.
type Work = fn(&ResolvedScope) -> Result<Response, ApiError>;
/// The same, for an action that reads a request body.
type WorkWithBody = fn(&ResolvedScope, Body) -> Result<Response, ApiError>;

/// `work` as a handler: its error is answered with the operation's documentation URL.
fn reply(work: Work) -> impl Fn(ResolvedScope) -> Ready<Reply> + Clone + Send + Sync + 'static {
    move |s| ready(work(&s).in_op(s.op))
}

/// `work` as a handler of requests with a body.
fn reply_with_body(
    work: WorkWithBody,
) -> impl Fn(ResolvedScope, Body) -> Ready<Reply> + Clone + Send + Sync + 'static {
    move |s, body| ready(work(&s, body).in_op(s.op))
}

async fn not_found() -> Response {
    github_error(StatusCode::NOT_FOUND, "Not Found", GENERIC_DOCS)
}
