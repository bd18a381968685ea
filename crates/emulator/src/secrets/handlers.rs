//! What each action does, once [`ResolvedScope`] has found the caller and the scope and checked
//! access: one function per action, shared by the three scopes (the route table makes each a
//! handler). Where GitHub's scopes differ (a PUT's body, paging of selected repositories), the
//! scope decides here.

use std::time::Duration;

use axum::http::StatusCode;
use axum::response::Response;
use codespaces_secrets_core::SecretName;
use serde_json::{Value, json};

use super::common::{Body, created, lookup_name, no_content, repository_id};
use super::resolved_scope::ResolvedScope;
use crate::server::ServerState;
use crate::server::body::{missing, object};
use crate::server::errors::{ApiError, FieldError, json_response};
use crate::server::pagination::{Page, with_link};
use crate::server::render;
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

fn hide_window(server: &ServerState) -> Option<Duration> {
    server.faults().faults().hide_fresh_writes
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
pub(crate) fn list(s: &ResolvedScope) -> Result<Response, ApiError> {
    let (server, scope, path, query) = (&s.server, &s.key, s.uri.path(), s.uri.query());
    let page = Page::from_query(query);
    let base = server.base_url();
    let state = server.state();
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

pub(crate) fn public_key(s: &ResolvedScope) -> Result<Response, ApiError> {
    let state = s.server.state();
    let key = &state.scope(&s.key).ok_or(ApiError::NotFound)?.key;
    let body = json!({
        "key_id": key.key_id().as_str(),
        "key": key.public_key().to_base64(),
    });
    Ok(json_response(StatusCode::OK, &body))
}

pub(crate) fn get(s: &ResolvedScope) -> Result<Response, ApiError> {
    let (server, scope, name) = (&s.server, &s.key, lookup_name(&s.secret_name));
    let hide = hide_window(server);
    let state = server.state();
    let secret = state.secret(scope, &name)?;
    check_not_hidden(hide, secret)?;
    let body = render_secret(&state, server.base_url(), scope, &name, secret);
    Ok(json_response(StatusCode::OK, &body))
}

/// Create-or-update. The scope decides the body: repository secrets take a value; user secrets
/// require `key_id` and may select repositories; organization secrets require `visibility`.
pub(crate) fn put(s: &ResolvedScope, body: Body) -> Result<Response, ApiError> {
    let (server, scope) = (&s.server, &s.key);
    let name = SecretName::new(&s.secret_name).map_err(|e| {
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
    let mut state = server.state();
    if let Some(sealed) = encrypted_value {
        let key_id = key_id.ok_or_else(|| missing("key_id"))?;
        change.value = Some(state.open_value(scope, &key_id, &sealed)?);
    }
    Ok(match state.put_secret(scope, &name.canonical(), change)? {
        PutOutcome::Created => created(),
        PutOutcome::Updated => no_content(),
    })
}

pub(crate) fn delete(s: &ResolvedScope) -> Result<Response, ApiError> {
    s.server
        .state()
        .delete_secret(&s.key, &lookup_name(&s.secret_name))?;
    Ok(no_content())
}

/// The secret's selected repositories: an organization secret's paged (with `Link`), a user
/// secret's complete (that list has no paging parameters).
pub(crate) fn list_repos(s: &ResolvedScope) -> Result<Response, ApiError> {
    let (server, scope, path, query) = (&s.server, &s.key, s.uri.path(), s.uri.query());
    let name = lookup_name(&s.secret_name);
    let base = server.base_url();
    let hide = hide_window(server);
    let state = server.state();
    check_not_hidden(hide, state.secret(scope, &name)?)?;
    let repos = state.selected_repos(scope, &name)?;
    let page = matches!(scope, ScopeKey::Org(_)).then(|| Page::from_query(query));
    let shown = page.as_ref().map_or(&repos[..], |page| page.slice(&repos));
    let body = json!({
        "total_count": repos.len(),
        "repositories": render_repos(&state, base, shown),
    });
    let link = page.and_then(|page| page.link_header(base, path, query, repos.len()));
    Ok(with_link(json_response(StatusCode::OK, &body), link))
}

/// Replaces the selected repositories. A user secret's ids may come as strings, as GitHub's
/// schema allows there; an organization secret's must be numbers.
pub(crate) fn set_repos(s: &ResolvedScope, body: Body) -> Result<Response, ApiError> {
    let (server, scope, name) = (&s.server, &s.key, lookup_name(&s.secret_name));
    let strings_allowed = matches!(scope, ScopeKey::User(_));
    // An unknown secret is 404 whatever the body says.
    server.state().secret(scope, &name)?;
    let ids = object(body)?
        .repository_ids("selected_repository_ids", strings_allowed)?
        .ok_or_else(|| missing("selected_repository_ids"))?;
    server.state().set_selected(scope, &name, ids)?;
    Ok(no_content())
}

pub(crate) fn change_repo(s: &ResolvedScope, add: bool) -> Result<Response, ApiError> {
    let id = repository_id(&s.repository_id)?;
    s.server
        .state()
        .change_selected(&s.key, &lookup_name(&s.secret_name), id, add)?;
    Ok(no_content())
}
