//! `/repos/{owner}/{repo}/codespaces/secrets/...`: a repository's secrets.

use axum::Extension;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::Uri;
use bytes::Bytes;

use super::common::{InOp, Params, Reply, params};
use super::ops::Op;
use super::secrets;
use crate::app::App;
use crate::state::Identity;

type Body = Result<Bytes, BytesRejection>;

pub(super) async fn list(
    State(app): State<App>,
    Extension(who): Extension<Identity>,
    path: Params<(String, String)>,
    uri: Uri,
) -> Reply {
    let op = Op::ListRepoSecrets;
    let (owner, repo) = params(path, op)?;
    let scope = app.state().repo_scope(&who, &owner, &repo).in_op(op)?;
    secrets::list(&app, &scope, uri.path(), uri.query()).in_op(op)
}

pub(super) async fn public_key(
    State(app): State<App>,
    Extension(who): Extension<Identity>,
    path: Params<(String, String)>,
) -> Reply {
    let op = Op::GetRepoPublicKey;
    let (owner, repo) = params(path, op)?;
    let scope = app.state().repo_scope(&who, &owner, &repo).in_op(op)?;
    secrets::public_key(&app, &scope).in_op(op)
}

pub(super) async fn get(
    State(app): State<App>,
    Extension(who): Extension<Identity>,
    path: Params<(String, String, String)>,
) -> Reply {
    let op = Op::GetRepoSecret;
    let (owner, repo, name) = params(path, op)?;
    let scope = app.state().repo_scope(&who, &owner, &repo).in_op(op)?;
    secrets::get(&app, &scope, &name).in_op(op)
}

pub(super) async fn put(
    State(app): State<App>,
    Extension(who): Extension<Identity>,
    path: Params<(String, String, String)>,
    body: Body,
) -> Reply {
    let op = Op::PutRepoSecret;
    let (owner, repo, name) = params(path, op)?;
    let scope = app.state().repo_scope(&who, &owner, &repo).in_op(op)?;
    secrets::put(&app, &scope, &name, body).in_op(op)
}

pub(super) async fn delete(
    State(app): State<App>,
    Extension(who): Extension<Identity>,
    path: Params<(String, String, String)>,
) -> Reply {
    let op = Op::DeleteRepoSecret;
    let (owner, repo, name) = params(path, op)?;
    let scope = app.state().repo_scope(&who, &owner, &repo).in_op(op)?;
    secrets::delete(&app, &scope, &name).in_op(op)
}
