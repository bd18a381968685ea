//! Codespaces secrets, the 23 operations of the OpenAPI description: the route table (five
//! paths per scope; the repository scope has no selected repositories, so three), the extractor
//! that resolves an operation's scope for its caller, and one handler per action shared by the
//! scopes. What a scope holds lives in [`crate::state`].

mod common;
mod handlers;
mod ops;
mod resolved_scope;

use std::future::{Ready, ready};

use axum::response::Response;
use axum::routing::{MethodRouter, delete, get, put};
use axum::{Extension, Router};

use self::common::{Body, InOp, Reply};
use self::ops::Action::{self, *};
use self::ops::Op;
use self::ops::ScopeKind::{self, Org, Repo, User};
use self::resolved_scope::ResolvedScope;
use crate::server::ServerState;
use crate::server::errors::ApiError;

/// Each scope's kind and the path its secrets live under.
const SCOPES: [(ScopeKind, &str); 3] = [
    (User, "/user/codespaces/secrets"),
    (Repo, "/repos/{owner}/{repo}/codespaces/secrets"),
    (Org, "/orgs/{org}/codespaces/secrets"),
];

/// The secrets operations of the three scopes.
pub(crate) fn routes() -> Router<ServerState> {
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
}

/// The `actions` of one path in `scope`: each action's one handler (shared by the scopes)
/// under its HTTP method, told which operation it runs (read back by [`ResolvedScope`]).
fn serve(scope: ScopeKind, actions: &[Action]) -> MethodRouter<ServerState> {
    actions
        .iter()
        .fold(MethodRouter::new(), |methods, &action| {
            let handler = match action {
                List => get(reply(handlers::list)),
                PublicKey => get(reply(handlers::public_key)),
                Get => get(reply(handlers::get)),
                Put => put(reply_with_body(handlers::put)),
                Delete => delete(reply(handlers::delete)),
                ListRepos => get(reply(handlers::list_repos)),
                SetRepos => put(reply_with_body(handlers::set_repos)),
                AddRepo => put(reply(|s| handlers::change_repo(s, true))),
                RemoveRepo => delete(reply(|s| handlers::change_repo(s, false))),
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
