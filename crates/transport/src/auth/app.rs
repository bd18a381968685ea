//! GitHub App authentication: JWTs from the App's key buy installation tokens, cached per
//! installation, replaced before they expire and after a 401, one request at a time per
//! installation however many calls are waiting (single flight). The App's own requests go
//! through the unauthenticated sender, never the authenticated transport.
// Without `app-signing` (the mobile library) no App can exist to use this, so nothing
// calls it there; it still compiles, and the linker drops it.
#![cfg_attr(not(feature = "app-signing"), allow(dead_code))]

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex as SyncMutex};
use std::time::{Duration, Instant, SystemTime};

use chrono::{DateTime, Utc};
use serde::Deserialize;
use tokio::sync::Mutex;

use super::app_jwt::send_as_app;
use super::github_app::GitHubApp;
use super::installation_token::{InstallationToken, Issued};
use super::target::AuthTarget;
use crate::error::HttpError;
use crate::request::{ApiRequest, Method};
use crate::response::header_str;
use crate::sender::Sender;
use crate::token::Token;

/// One installation's cached token; the async lock is what makes concurrent refreshes one.
type Slot = Arc<Mutex<Option<InstallationToken>>>;

/// The App at run time: looked-up installations and their tokens.
pub(crate) struct AppAuthenticator {
    app: GitHubApp,
    installations: Mutex<HashMap<AuthTarget, u64>>,
    tokens: SyncMutex<HashMap<u64, Slot>>,
    generation: AtomicU64,
}

impl fmt::Debug for AppAuthenticator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AppAuthenticator")
            .field("app", &self.app)
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct Installation {
    id: u64,
}

#[derive(Deserialize)]
struct MintedToken {
    token: String,
    expires_at: DateTime<Utc>,
}

impl AppAuthenticator {
    pub(crate) fn new(app: GitHubApp) -> Self {
        Self {
            app,
            installations: Mutex::new(HashMap::new()),
            tokens: SyncMutex::new(HashMap::new()),
            generation: AtomicU64::new(0),
        }
    }

    /// The installation token for a request to `target`, minted if none is fresh.
    pub(crate) async fn token_for(
        &self,
        target: &AuthTarget,
        sender: &Sender,
    ) -> Result<(Token, Issued), HttpError> {
        // User-scope requests were refused before (`Authenticator::authorize`).
        let installation_id = self.installation_for(target, sender).await?;
        let slot = self.slot(installation_id);
        let mut cached = slot.lock().await;
        if let Some(token) = cached.as_ref().filter(|t| t.is_fresh(Instant::now())) {
            let issued = Issued {
                installation_id,
                generation: token.generation,
            };
            return Ok((token.token.clone(), issued));
        }
        let minted = self.mint(installation_id, sender).await?;
        let issued = Issued {
            installation_id,
            generation: minted.generation,
        };
        let token = minted.token.clone();
        *cached = Some(minted);
        Ok((token, issued))
    }

    /// Forgets the token GitHub refused, unless a newer one has replaced it already.
    pub(crate) async fn retire(&self, issued: Issued) {
        let slot = self.slot(issued.installation_id);
        let mut cached = slot.lock().await;
        if cached
            .as_ref()
            .is_some_and(|t| t.generation == issued.generation)
        {
            *cached = None;
        }
    }

    fn slot(&self, installation_id: u64) -> Slot {
        // A poisoned map only means another thread panicked mid-insert; the map is intact.
        let mut tokens = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        tokens.entry(installation_id).or_default().clone()
    }

    /// The installation id given, else the one GitHub reports for the request's organization
    /// or repository (looked up once per account, one lookup at a time).
    async fn installation_for(
        &self,
        target: &AuthTarget,
        sender: &Sender,
    ) -> Result<u64, HttpError> {
        if let Some(id) = self.app.installation_id {
            return Ok(id);
        }
        let (path, place) = match target {
            AuthTarget::Org(org) => (
                vec!["orgs".to_owned(), org.clone(), "installation".to_owned()],
                format!("the organization {org}"),
            ),
            AuthTarget::Repo(owner, repo) => (
                vec![
                    "repos".to_owned(),
                    owner.clone(),
                    repo.clone(),
                    "installation".to_owned(),
                ],
                format!("the repository {owner}/{repo}"),
            ),
            AuthTarget::User | AuthTarget::Other => {
                return Err(HttpError::config(
                    "installation id",
                    "this request names no organization or repository to find the App's installation from; pass the installation id",
                ));
            }
        };
        let mut known = self.installations.lock().await;
        if let Some(id) = known.get(target) {
            return Ok(*id);
        }
        let request = ApiRequest::new("get-app-installation", Method::Get, path);
        let response = match send_as_app(sender, request, &self.app).await {
            Ok(response) => response,
            Err(HttpError::Refused(refusal)) if refusal.status == 404 => {
                return Err(HttpError::config(
                    "installation id",
                    format!(
                        "the App {} is not installed on {place}: install it there (the app's settings, Install App) or pass the installation id",
                        self.app.app_id
                    ),
                ));
            }
            Err(other) => return Err(other),
        };
        let installation: Installation = response.json()?;
        known.insert(target.clone(), installation.id);
        Ok(installation.id)
    }

    /// `POST /app/installations/{id}/access_tokens`, with the token's lifetime measured
    /// against GitHub's own clock.
    async fn mint(
        &self,
        installation_id: u64,
        sender: &Sender,
    ) -> Result<InstallationToken, HttpError> {
        let path = vec![
            "app".to_owned(),
            "installations".to_owned(),
            installation_id.to_string(),
            "access_tokens".to_owned(),
        ];
        let request = ApiRequest::new("create-installation-token", Method::Post, path);
        let response = send_as_app(sender, request, &self.app).await?;
        let received = Instant::now();
        let minted: MintedToken = response.json()?;
        let server_now = header_str(&response.headers, "date")
            .and_then(|d| httpdate::parse_http_date(d).ok())
            .unwrap_or_else(SystemTime::now);
        let expires_at = SystemTime::from(minted.expires_at);
        let lifetime = expires_at
            .duration_since(server_now)
            .unwrap_or(Duration::ZERO);
        let generation = self.generation.fetch_add(1, Ordering::Relaxed) + 1;
        tracing::debug!(
            installation_id,
            lifetime_s = lifetime.as_secs(),
            "minted an installation token"
        );
        Ok(InstallationToken::new(
            Token::new(minted.token)
                .map_err(|_| HttpError::unusable_token("create-installation-token"))?,
            generation,
            received,
            lifetime,
        ))
    }
}
