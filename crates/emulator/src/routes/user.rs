//! `/user/codespaces/secrets/...`: the authenticated user's own secrets.

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
    uri: Uri,
) -> Reply {
    let op = Op::ListUserSecrets;
    let scope = app.state().user_scope(&who);
    secrets::list(&app, &scope, uri.path(), uri.query()).in_op(op)
}

pub(super) async fn public_key(
    State(app): State<App>,
    Extension(who): Extension<Identity>,
) -> Reply {
    let scope = app.state().user_scope(&who);
    secrets::public_key(&app, &scope).in_op(Op::GetUserPublicKey)
}

pub(super) async fn get(
    State(app): State<App>,
    Extension(who): Extension<Identity>,
    path: Params<String>,
) -> Reply {
    let op = Op::GetUserSecret;
    let name = params(path, op)?;
    let scope = app.state().user_scope(&who);
    secrets::get(&app, &scope, &name).in_op(op)
}

pub(super) async fn put(
    State(app): State<App>,
    Extension(who): Extension<Identity>,
    path: Params<String>,
    body: Body,
) -> Reply {
    let op = Op::PutUserSecret;
    let name = params(path, op)?;
    let scope = app.state().user_scope(&who);
    secrets::put(&app, &scope, &name, body).in_op(op)
}

pub(super) async fn delete(
    State(app): State<App>,
    Extension(who): Extension<Identity>,
    path: Params<String>,
) -> Reply {
    let op = Op::DeleteUserSecret;
    let name = params(path, op)?;
    let scope = app.state().user_scope(&who);
    secrets::delete(&app, &scope, &name).in_op(op)
}

pub(super) async fn list_repos(
    State(app): State<App>,
    Extension(who): Extension<Identity>,
    path: Params<String>,
) -> Reply {
    let op = Op::ListUserSecretRepos;
    let name = params(path, op)?;
    let scope = app.state().user_scope(&who);
    secrets::list_repos(&app, &scope, &name, None).in_op(op)
}

pub(super) async fn set_repos(
    State(app): State<App>,
    Extension(who): Extension<Identity>,
    path: Params<String>,
    body: Body,
) -> Reply {
    let op = Op::SetUserSecretRepos;
    let name = params(path, op)?;
    let scope = app.state().user_scope(&who);
    secrets::set_repos(&app, &scope, &name, body, true).in_op(op)
}

pub(super) async fn add_repo(
    State(app): State<App>,
    Extension(who): Extension<Identity>,
    path: Params<(String, String)>,
) -> Reply {
    let op = Op::AddUserSecretRepo;
    let (name, id) = params(path, op)?;
    let scope = app.state().user_scope(&who);
    secrets::change_repo(&app, &scope, &name, &id, true).in_op(op)
}

pub(super) async fn remove_repo(
    State(app): State<App>,
    Extension(who): Extension<Identity>,
    path: Params<(String, String)>,
) -> Reply {
    let op = Op::RemoveUserSecretRepo;
    let (name, id) = params(path, op)?;
    let scope = app.state().user_scope(&who);
    secrets::change_repo(&app, &scope, &name, &id, false).in_op(op)
}
