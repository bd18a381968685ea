//! The operations shared by the three scopes, once the scope is known and access was checked.

use std::time::Duration;

use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use axum::response::Response;
use bytes::Bytes;
use codespaces_secrets_core::SecretName;
use serde_json::{Value, json};

use super::common::{created, lookup_name, no_content, repository_id, with_link};
use crate::app::App;
use crate::body::{missing, object};
use crate::errors::{ApiError, FieldError, json_response};
use crate::pagination::Page;
use crate::render;
use crate::state::{PutOutcome, Repo, ScopeKey, Secret, SecretChange, State};

fn login_of<'a>(state: &'a State, key: &'a str) -> &'a str {
    state.account(key).map_or(key, |a| a.login.as_str())
}

fn render_secret(
    state: &State,
    base: &str,
    scope: &ScopeKey,
    name: &str,
    secret: &Secret,
) -> Value {
    match scope {
        ScopeKey::User(_) => render::user_secret(base, name, secret),
        ScopeKey::Repo(_) => render::repo_secret(name, secret),
        ScopeKey::Org(org) => render::org_secret(base, login_of(state, org), name, secret),
    }
}

/// The `hide_fresh_writes` fault: a secret written moments ago reads as missing, as on a
/// lagging replica of GitHub's eventually consistent API.
/// `hide` is read before the state is locked (the fault lock is never taken under it).
fn check_not_hidden(hide: Option<Duration>, secret: &Secret) -> Result<(), ApiError> {
    let age = (chrono::Utc::now() - secret.updated_at)
        .to_std()
        .unwrap_or_default();
    match hide {
        Some(window) if age < window => Err(ApiError::NotFound),
        _ => Ok(()),
    }
}

fn hide_window(app: &App) -> Option<Duration> {
    app.faults().faults().hide_fresh_writes
}

fn render_repos(state: &State, base: &str, repos: &[&Repo]) -> Vec<Value> {
    repos
        .iter()
        .filter_map(|repo| {
            let owner = state.account(&repo.owner)?;
            Some(render::minimal_repository(base, repo, owner))
        })
        .collect()
}

/// A page of the scope's secrets, sorted by name, with `Link`.
pub(crate) fn list(
    app: &App,
    scope: &ScopeKey,
    path: &str,
    query: Option<&str>,
) -> Result<Response, ApiError> {
    let page = Page::from_query(query);
    let base = app.base_url();
    let state = app.state();
    state.scope(scope).ok_or(ApiError::NotFound)?;
    let all = state.secrets_of(scope);
    let items: Vec<Value> = page
        .slice(&all)
        .iter()
        .map(|(name, secret)| render_secret(&state, base, scope, name, secret))
        .collect();
    let body = json!({ "total_count": all.len(), "secrets": items });
    Ok(with_link(
        json_response(StatusCode::OK, &body),
        page.link_header(base, path, query, all.len()),
    ))
}

pub(crate) fn public_key(app: &App, scope: &ScopeKey) -> Result<Response, ApiError> {
    let state = app.state();
    let key = &state.scope(scope).ok_or(ApiError::NotFound)?.key;
    let body = json!({
        "key_id": key.key_id().as_str(),
        "key": key.public_key().to_base64(),
    });
    Ok(json_response(StatusCode::OK, &body))
}

pub(crate) fn get(app: &App, scope: &ScopeKey, raw_name: &str) -> Result<Response, ApiError> {
    let name = lookup_name(raw_name);
    let hide = hide_window(app);
    let state = app.state();
    let secret = state.secret(scope, &name)?;
    check_not_hidden(hide, secret)?;
    let body = render_secret(&state, app.base_url(), scope, &name, secret);
    Ok(json_response(StatusCode::OK, &body))
}

/// Create-or-update. The scope decides the body: repository secrets take a value; user secrets
/// require `key_id` and may select repositories; organization secrets require `visibility`.
pub(crate) fn put(
    app: &App,
    scope: &ScopeKey,
    raw_name: &str,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let name = SecretName::new(raw_name).map_err(|e| {
        ApiError::Validation(vec![FieldError::secret(
            "invalid",
            "name",
            format!(
                "{e}. Secret names can only contain alphanumeric characters ([a-z], [A-Z], [0-9]) or underscores (_), must not start with a number, and must not start with the GITHUB_ prefix."
            ),
        )])
    })?;
    let fields = object(body)?;
    let encrypted_value = fields.string("encrypted_value")?;
    let key_id = fields.string("key_id")?;
    let mut change = SecretChange::default();
    match scope {
        ScopeKey::Repo(_) => {}
        ScopeKey::User(_) => {
            change.selected = fields.repository_ids("selected_repository_ids", true)?;
            if key_id.is_none() {
                return Err(missing("key_id"));
            }
        }
        ScopeKey::Org(_) => {
            change.visibility = Some(fields.visibility()?.ok_or_else(|| missing("visibility"))?);
            change.selected = fields.repository_ids("selected_repository_ids", false)?;
        }
    }
    let mut state = app.state();
    if let Some(sealed) = encrypted_value {
        let key_id = key_id.ok_or_else(|| missing("key_id"))?;
        change.value = Some(state.open_value(scope, &key_id, &sealed)?);
    }
    Ok(match state.put_secret(scope, &name.canonical(), change)? {
        PutOutcome::Created => created(),
        PutOutcome::Updated => no_content(),
    })
}

pub(crate) fn delete(app: &App, scope: &ScopeKey, raw_name: &str) -> Result<Response, ApiError> {
    app.state().delete_secret(scope, &lookup_name(raw_name))?;
    Ok(no_content())
}

/// The secret's selected repositories; paged (with `Link`) when `paging` gives the request's
/// path and query, complete otherwise (the user-secret list has no paging parameters).
pub(crate) fn list_repos(
    app: &App,
    scope: &ScopeKey,
    raw_name: &str,
    paging: Option<(&str, Option<&str>)>,
) -> Result<Response, ApiError> {
    let name = lookup_name(raw_name);
    let base = app.base_url();
    let hide = hide_window(app);
    let state = app.state();
    check_not_hidden(hide, state.secret(scope, &name)?)?;
    let repos = state.selected_repos(scope, &name)?;
    let Some((path, query)) = paging else {
        let body = json!({
            "total_count": repos.len(),
            "repositories": render_repos(&state, base, &repos),
        });
        return Ok(json_response(StatusCode::OK, &body));
    };
    let page = Page::from_query(query);
    let body = json!({
        "total_count": repos.len(),
        "repositories": render_repos(&state, base, page.slice(&repos)),
    });
    Ok(with_link(
        json_response(StatusCode::OK, &body),
        page.link_header(base, path, query, repos.len()),
    ))
}

pub(crate) fn set_repos(
    app: &App,
    scope: &ScopeKey,
    raw_name: &str,
    body: Result<Bytes, BytesRejection>,
    strings_allowed: bool,
) -> Result<Response, ApiError> {
    let name = lookup_name(raw_name);
    // An unknown secret is 404 whatever the body says.
    app.state().secret(scope, &name)?;
    let ids = object(body)?
        .repository_ids("selected_repository_ids", strings_allowed)?
        .ok_or_else(|| missing("selected_repository_ids"))?;
    app.state().set_selected(scope, &name, ids)?;
    Ok(no_content())
}

pub(crate) fn change_repo(
    app: &App,
    scope: &ScopeKey,
    raw_name: &str,
    raw_id: &str,
    add: bool,
) -> Result<Response, ApiError> {
    let id = repository_id(raw_id)?;
    app.state()
        .change_selected(scope, &lookup_name(raw_name), id, add)?;
    Ok(no_content())
}
