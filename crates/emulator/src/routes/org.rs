//! `/orgs/{org}/codespaces/secrets/...`: an organization's secrets, for its members.

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
    path: Params<String>,
    uri: Uri,
) -> Reply {
    let op = Op::ListOrgSecrets;
    let org = params(path, op)?;
    let scope = app.state().org_scope(&who, &org).in_op(op)?;
    secrets::list(&app, &scope, uri.path(), uri.query()).in_op(op)
}

pub(super) async fn public_key(
    State(app): State<App>,
    Extension(who): Extension<Identity>,
    path: Params<String>,
) -> Reply {
    let op = Op::GetOrgPublicKey;
    let org = params(path, op)?;
    let scope = app.state().org_scope(&who, &org).in_op(op)?;
    secrets::public_key(&app, &scope).in_op(op)
}

pub(super) async fn get(
    State(app): State<App>,
    Extension(who): Extension<Identity>,
    path: Params<(String, String)>,
) -> Reply {
    let op = Op::GetOrgSecret;
    let (org, name) = params(path, op)?;
    let scope = app.state().org_scope(&who, &org).in_op(op)?;
    secrets::get(&app, &scope, &name).in_op(op)
}

pub(super) async fn put(
    State(app): State<App>,
    Extension(who): Extension<Identity>,
    path: Params<(String, String)>,
    body: Body,
) -> Reply {
    let op = Op::PutOrgSecret;
    let (org, name) = params(path, op)?;
    let scope = app.state().org_scope(&who, &org).in_op(op)?;
    secrets::put(&app, &scope, &name, body).in_op(op)
}

pub(super) async fn delete(
    State(app): State<App>,
    Extension(who): Extension<Identity>,
    path: Params<(String, String)>,
) -> Reply {
    let op = Op::DeleteOrgSecret;
    let (org, name) = params(path, op)?;
    let scope = app.state().org_scope(&who, &org).in_op(op)?;
    secrets::delete(&app, &scope, &name).in_op(op)
}

pub(super) async fn list_repos(
    State(app): State<App>,
    Extension(who): Extension<Identity>,
    path: Params<(String, String)>,
    uri: Uri,
) -> Reply {
    let op = Op::ListOrgSecretRepos;
    let (org, name) = params(path, op)?;
    let scope = app.state().org_scope(&who, &org).in_op(op)?;
    secrets::list_repos(&app, &scope, &name, Some((uri.path(), uri.query()))).in_op(op)
}

pub(super) async fn set_repos(
    State(app): State<App>,
    Extension(who): Extension<Identity>,
    path: Params<(String, String)>,
    body: Body,
) -> Reply {
    let op = Op::SetOrgSecretRepos;
    let (org, name) = params(path, op)?;
    let scope = app.state().org_scope(&who, &org).in_op(op)?;
    secrets::set_repos(&app, &scope, &name, body, false).in_op(op)
}

pub(super) async fn add_repo(
    State(app): State<App>,
    Extension(who): Extension<Identity>,
    path: Params<(String, String, String)>,
) -> Reply {
    let op = Op::AddOrgSecretRepo;
    let (org, name, id) = params(path, op)?;
    let scope = app.state().org_scope(&who, &org).in_op(op)?;
    secrets::change_repo(&app, &scope, &name, &id, true).in_op(op)
}

pub(super) async fn remove_repo(
    State(app): State<App>,
    Extension(who): Extension<Identity>,
    path: Params<(String, String, String)>,
) -> Reply {
    let op = Op::RemoveOrgSecretRepo;
    let (org, name, id) = params(path, op)?;
    let scope = app.state().org_scope(&who, &org).in_op(op)?;
    secrets::change_repo(&app, &scope, &name, &id, false).in_op(op)
}
