//! [`ResolvedScope`]: the one extractor every API operation starts with. It finds who is
//! calling, which operation the route runs, and the user, repository or organization scope the
//! path names — refusing with GitHub's 404 what the caller cannot see — so an operation is one
//! handler for every scope that has it.

use axum::extract::{FromRequestParts, Path};
use axum::http::Uri;
use axum::http::request::Parts;
use serde::Deserialize;

use super::common::InOp;
use super::ops::{Op, ScopeKind};
use crate::server::ServerState;
use crate::server::errors::{ApiError, Failure, GENERIC_DOCS};
use crate::state::{Identity, ScopeKey};

/// A request's operation and scope, resolved for its caller.
pub(crate) struct ResolvedScope {
    pub(crate) server: ServerState,
    /// The operation, for error bodies (attached to the route by the route table).
    pub(crate) op: Op,
    /// The scope, which exists and which the caller may manage.
    pub(crate) key: ScopeKey,
    /// `{secret_name}` as sent (empty where the route has none).
    pub(crate) secret_name: String,
    /// `{repository_id}` as sent (empty where the route has none).
    pub(crate) repository_id: String,
    /// The request's URI, for paging links.
    pub(crate) uri: Uri,
}

/// Every path parameter any operation route has.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PathParams {
    owner: String,
    repo: String,
    org: String,
    secret_name: String,
    repository_id: String,
}

impl FromRequestParts<ServerState> for ResolvedScope {
    type Rejection = Failure;

    /// 404 with the operation's documentation URL when a path parameter does not decode or
    /// the scope does not exist or is not the caller's to manage, as GitHub answers.
    async fn from_request_parts(parts: &mut Parts, server: &ServerState) -> Result<Self, Failure> {
        let op = parts.extensions.get::<Op>().copied().ok_or(Failure {
            error: ApiError::NotFound,
            docs: GENERIC_DOCS,
        })?;
        let Path(params) = Path::<PathParams>::from_request_parts(parts, server)
            .await
            .map_err(|_| ApiError::NotFound)
            .in_op(op)?;
        // The gate lets only authenticated requests through, with their identity attached.
        let who = parts
            .extensions
            .get::<Identity>()
            .ok_or(ApiError::NotFound)
            .in_op(op)?;
        let key = {
            let state = server.state();
            match op.scope {
                ScopeKind::User => state.user_scope(who),
                ScopeKind::Repo => state.repo_scope(who, &params.owner, &params.repo),
                ScopeKind::Org => state.org_scope(who, &params.org),
            }
        }
        .in_op(op)?;
        Ok(Self {
            server: server.clone(),
            op,
            key,
            secret_name: params.secret_name,
            repository_id: params.repository_id,
            uri: parts.uri.clone(),
        })
    }
}
