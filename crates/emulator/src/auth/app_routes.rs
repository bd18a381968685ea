//! GitHub's App endpoints, for a client authenticating as a GitHub App: the app itself, its
//! installation on an organization, repository or user, and new installation tokens. The gate
//! has already checked the JWT ([`crate::auth::credentials::wants_jwt`]); these handlers read which app it
//! named.

use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use chrono::SecondsFormat;
use serde_json::{Value, json};

use crate::auth::jwt::JwtError;
use crate::server::ServerState;
use crate::server::errors::{GENERIC_DOCS, github_error, json_response};
use crate::state::{Caller, Identity, Installation, Place, State as Data};

const APP_DOCS: &str = "https://docs.github.com/rest/apps/apps#get-the-authenticated-app";
const ORG_DOCS: &str = "https://docs.github.com/rest/apps/apps#get-an-organization-installation-for-the-authenticated-app";
const REPO_DOCS: &str = "https://docs.github.com/rest/apps/apps#get-a-repository-installation-for-the-authenticated-app";
const USER_DOCS: &str =
    "https://docs.github.com/rest/apps/apps#get-a-user-installation-for-the-authenticated-app";
const TOKEN_DOCS: &str =
    "https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app";

/// What every installation (and its tokens) may do here: the two secrets permissions.
fn permissions() -> Value {
    json!({
        "codespaces_secrets": "write",
        "organization_codespaces_secrets": "write",
    })
}

/// The app whose JWT authenticated the request.
pub(super) struct CallingApp(u64);

impl FromRequestParts<ServerState> for CallingApp {
    type Rejection = Response;

    /// The gate attaches an app identity on these routes; anything else is a JWT that could
    /// not be decoded.
    async fn from_request_parts(parts: &mut Parts, _app: &ServerState) -> Result<Self, Response> {
        match parts.extensions.get::<Identity>().map(|who| who.caller) {
            Some(Caller::App(id)) => Ok(Self(id)),
            _ => Err(github_error(
                StatusCode::UNAUTHORIZED,
                JwtError::Undecodable.message(),
                GENERIC_DOCS,
            )),
        }
    }
}

fn not_found(docs: &str) -> Response {
    github_error(StatusCode::NOT_FOUND, "Not Found", docs)
}

pub(super) async fn get_app(
    State(server): State<ServerState>,
    CallingApp(id): CallingApp,
) -> Response {
    let state = server.state();
    let Some(record) = state.app(id) else {
        return not_found(APP_DOCS);
    };
    json_response(
        StatusCode::OK,
        &json!({
            "id": record.id,
            "slug": record.slug,
            "client_id": record.client_id,
            "name": record.name,
            "owner": { "login": server.user_login(), "type": "User" },
            "permissions": permissions(),
            "events": [],
        }),
    )
}

fn render_installation(state: &Data, installation: &Installation) -> Value {
    let account = state.installation_account(installation).map(|account| {
        let kind = if account.is_org() {
            "Organization"
        } else {
            "User"
        };
        (
            json!({ "login": account.login, "id": account.id, "type": kind }),
            kind,
        )
    });
    let app = state.app(installation.app_id);
    json!({
        "id": installation.id,
        "app_id": installation.app_id,
        "app_slug": app.map(|a| a.slug.as_str()),
        "client_id": app.map(|a| a.client_id.as_str()),
        "account": account.as_ref().map(|(json, _)| json),
        "target_type": account.as_ref().map(|(_, kind)| *kind),
        "repository_selection": installation.repository_selection(),
        "permissions": permissions(),
        "events": [],
    })
}

/// This app's installation covering `place`, or 404.
fn installation_at(server: &ServerState, app_id: u64, place: Place<'_>, docs: &str) -> Response {
    let state = server.state();
    match state.find_installation(app_id, place) {
        Some(installation) => {
            json_response(StatusCode::OK, &render_installation(&state, installation))
        }
        None => not_found(docs),
    }
}

pub(super) async fn org_installation(
    State(server): State<ServerState>,
    CallingApp(id): CallingApp,
    path: Result<Path<String>, PathRejection>,
) -> Response {
    match path {
        Ok(Path(org)) => installation_at(&server, id, Place::Org(&org), ORG_DOCS),
        Err(_) => not_found(ORG_DOCS),
    }
}

pub(super) async fn user_installation(
    State(server): State<ServerState>,
    CallingApp(id): CallingApp,
    path: Result<Path<String>, PathRejection>,
) -> Response {
    match path {
        Ok(Path(login)) => installation_at(&server, id, Place::User(&login), USER_DOCS),
        Err(_) => not_found(USER_DOCS),
    }
}

pub(super) async fn repo_installation(
    State(server): State<ServerState>,
    CallingApp(id): CallingApp,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Response {
    match path {
        Ok(Path((owner, name))) => {
            let place = Place::Repo {
                owner: &owner,
                name: &name,
            };
            installation_at(&server, id, place, REPO_DOCS)
        }
        Err(_) => not_found(REPO_DOCS),
    }
}

/// A new installation token (every call mints another), for an installation of this app.
/// Narrowing the token by a request body (`repositories`, `permissions`) is not emulated: the
/// body is ignored and the token gets its installation's reach.
pub(super) async fn create_token(
    State(server): State<ServerState>,
    CallingApp(app_id): CallingApp,
    path: Result<Path<String>, PathRejection>,
) -> Response {
    let id = match path {
        Ok(Path(raw)) if !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit()) => raw.parse(),
        _ => return not_found(TOKEN_DOCS),
    };
    let Ok(id) = id else {
        return not_found(TOKEN_DOCS);
    };
    let mut state = server.state();
    let Some(selection) = state
        .installation(id)
        .filter(|installation| installation.app_id == app_id)
        .map(Installation::repository_selection)
    else {
        return not_found(TOKEN_DOCS);
    };
    let (token, expires_at) = state.issue_installation_token(id);
    json_response(
        StatusCode::CREATED,
        &json!({
            "token": token,
            "expires_at": expires_at.to_rfc3339_opts(SecondsFormat::Secs, true),
            "permissions": permissions(),
            "repository_selection": selection,
        }),
    )
}
