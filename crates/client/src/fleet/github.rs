//! The reads a fleet plan makes — secrets of any scope, selected repositories, an
//! organization's repositories, one repository — each request counted, so the plan can say
//! what it cost; with a read cache, each sent conditionally (`If-None-Match`) and a 304 served
//! from what was kept.

// Without the `fleet` feature only sync's conditional list reads use this reader.
#![cfg_attr(not(feature = "fleet"), allow(dead_code, unused_imports))]

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, Utc};
use codespaces_secrets_core::{RepoRef, SecretName, Visibility};
use codespaces_secrets_transport::{ApiRequest, ApiResponse, MAX_PAGES, Method, next_link};
use futures_util::TryStreamExt;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::fleet::read_cache::{CachedPage, ReadCache};
use crate::scope::reference::ScopeRef;
use crate::{Client, Error};

/// A secret as any scope's list shows it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct ListedSecret {
    pub(crate) name: String,
    pub(crate) updated_at: DateTime<Utc>,
    #[serde(default)]
    pub(crate) visibility: Option<Visibility>,
}

#[derive(Deserialize)]
struct SecretPage<T> {
    secrets: Vec<T>,
}

/// A repository as GitHub's repository lists show it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct RepoInfo {
    pub(crate) id: i64,
    pub(crate) name: String,
    pub(crate) full_name: String,
    #[serde(default)]
    pub(crate) topics: Vec<String>,
    #[serde(default)]
    pub(crate) archived: bool,
}

#[derive(Deserialize)]
struct RepoPage {
    repositories: Vec<RepoInfo>,
}

/// The client with a count of the requests sent, and the read cache when there is one.
#[derive(Clone)]
pub(crate) struct CountingReader {
    client: Client,
    reads: Arc<AtomicU64>,
    not_modified: Arc<AtomicU64>,
    cache: Option<Arc<ReadCache>>,
}

impl CountingReader {
    /// Plain reads.
    pub(crate) fn new(client: &Client) -> Self {
        Self {
            client: client.clone(),
            reads: Arc::default(),
            not_modified: Arc::default(),
            cache: None,
        }
    }

    /// Conditional reads through `cache`.
    pub(crate) fn conditional(client: &Client, cache: Arc<ReadCache>) -> Self {
        Self {
            cache: Some(cache),
            ..Self::new(client)
        }
    }

    /// Requests sent so far (every page counts).
    pub(crate) fn reads(&self) -> u64 {
        self.reads.load(Ordering::Relaxed)
    }

    /// Of those, the ones GitHub answered `304 Not Modified` (no primary rate limit spent).
    pub(crate) fn not_modified(&self) -> u64 {
        self.not_modified.load(Ordering::Relaxed)
    }

    fn count(&self) {
        self.reads.fetch_add(1, Ordering::Relaxed);
    }

    async fn paged<T>(
        &self,
        request: ApiRequest,
        page: impl Fn(&ApiResponse) -> Result<Vec<T>, Error> + Send + Sync + 'static,
    ) -> Result<Vec<T>, Error>
    where
        T: Serialize + DeserializeOwned + Send + 'static,
    {
        // The mobile library (no `fleet` feature) reads in full: conditional reads would put it
        // over its size goal.
        #[cfg(feature = "fleet")]
        if let Some(cache) = &self.cache {
            return self.paged_conditionally(cache, request, page).await;
        }
        let reads = self.reads.clone();
        self.client
            .inner
            .transport
            .paginate(request, move |response| {
                reads.fetch_add(1, Ordering::Relaxed);
                page(response)
            })
            .try_collect()
            .await
    }

    /// [`Self::paged`] through the read cache, page by page.
    #[cfg(feature = "fleet")]
    async fn paged_conditionally<T>(
        &self,
        cache: &ReadCache,
        request: ApiRequest,
        page: impl Fn(&ApiResponse) -> Result<Vec<T>, Error> + Send + Sync + 'static,
    ) -> Result<Vec<T>, Error>
    where
        T: Serialize + DeserializeOwned + Send + 'static,
    {
        let transport = &self.client.inner.transport;
        let mut url = transport.url_of(&request);
        url.query_pairs_mut().append_pair("per_page", "100");
        let mut seen = HashSet::new();
        let mut items = Vec::new();
        loop {
            if !seen.insert(url.to_string()) || seen.len() > MAX_PAGES {
                return Err(Error::Decode {
                    operation: request.operation,
                    message: format!(
                        "the server's paging links loop or run past {MAX_PAGES} pages"
                    ),
                    source: None,
                });
            }
            let (page_items, next) = self
                .conditional_get(cache, request.operation, &url, &page)
                .await?;
            items.extend(page_items);
            match next {
                Some(next) => {
                    url = url::Url::parse(&next).map_err(|e| Error::Decode {
                        operation: request.operation,
                        message: format!("the server's paging link is not a URL: {e}"),
                        source: None,
                    })?;
                }
                None => return Ok(items),
            }
        }
    }

    /// One page: `If-None-Match` with the kept ETag; a 304 is served from the cache, a 200
    /// replaces what was kept. A kept page that no longer reads is fetched again in full.
    async fn conditional_get<T>(
        &self,
        cache: &ReadCache,
        operation: &'static str,
        url: &url::Url,
        page: &(impl Fn(&ApiResponse) -> Result<Vec<T>, Error> + Send + Sync),
    ) -> Result<(Vec<T>, Option<String>), Error>
    where
        T: Serialize + DeserializeOwned,
    {
        let transport = &self.client.inner.transport;
        let kept = cache.get(url.as_str());
        self.count();
        let etag = kept.as_ref().map(|k| k.etag.as_str());
        let mut response = transport
            .send_conditional(operation, url.clone(), etag)
            .await?;
        if response.status == 304 {
            let kept_items = kept
                .as_ref()
                .and_then(|k| serde_json::from_value::<Vec<T>>(k.items.clone()).ok());
            if let (Some(items), Some(kept)) = (kept_items, kept) {
                self.not_modified.fetch_add(1, Ordering::Relaxed);
                return Ok((items, kept.next));
            }
            self.count();
            response = transport
                .send_conditional(operation, url.clone(), None)
                .await?;
        }
        let items = page(&response)?;
        let next = next_link(&response.headers);
        if let Some(etag) = response.etag()
            && let Ok(value) = serde_json::to_value(&items)
        {
            let next = next.clone();
            cache.put(
                url.as_str(),
                CachedPage {
                    etag: etag.to_owned(),
                    next,
                    items: value,
                },
            );
        }
        Ok((items, next))
    }

    /// Every secret of `scope` (all pages).
    pub(crate) async fn secrets(&self, scope: &ScopeRef) -> Result<Vec<ListedSecret>, Error> {
        self.secrets_as(scope).await
    }

    /// Every secret of `scope` (all pages), as the model `T`.
    pub(crate) async fn secrets_as<T>(&self, scope: &ScopeRef) -> Result<Vec<T>, Error>
    where
        T: Serialize + DeserializeOwned + Send + 'static,
    {
        let operation = match scope {
            ScopeRef::User => "codespaces/list-secrets-for-authenticated-user",
            ScopeRef::Repo(_) => "codespaces/list-repo-secrets",
            ScopeRef::Org(_) => "codespaces/list-org-secrets",
        };
        let request = ApiRequest::new(operation, Method::Get, secrets_path(scope, &[]));
        self.paged(request, |r| Ok(r.json::<SecretPage<T>>()?.secrets))
            .await
    }

    /// The repositories that may use a user or organization secret (ids and full names).
    pub(crate) async fn selected(
        &self,
        scope: &ScopeRef,
        name: &SecretName,
    ) -> Result<Vec<RepoInfo>, Error> {
        let canonical = name.canonical();
        let path = secrets_path(scope, &[&canonical, "repositories"]);
        match scope {
            ScopeRef::Org(_) => {
                let request = ApiRequest::new(
                    "codespaces/list-selected-repos-for-org-secret",
                    Method::Get,
                    path,
                );
                self.paged(request, |r| Ok(r.json::<RepoPage>()?.repositories))
                    .await
            }
            _ => {
                // The user's list has no pages (and no Link): the paged reader reads one.
                let request = ApiRequest::new(
                    "codespaces/list-repositories-for-secret-for-authenticated-user",
                    Method::Get,
                    path,
                );
                self.paged(request, |r| Ok(r.json::<RepoPage>()?.repositories))
                    .await
            }
        }
    }

    /// Every repository of an organization (all pages); `None` when it does not exist.
    pub(crate) async fn org_repos(&self, org: &str) -> Result<Option<Vec<RepoInfo>>, Error> {
        let request = ApiRequest::new(
            "repos/list-for-org",
            Method::Get,
            vec!["orgs".to_owned(), org.to_owned(), "repos".to_owned()],
        );
        match self
            .paged(request, |r| Ok(r.json::<Vec<RepoInfo>>()?))
            .await
        {
            Ok(repos) => Ok(Some(repos)),
            Err(Error::NotFound(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// One repository; `None` when it does not exist or the token cannot see it.
    pub(crate) async fn repo(&self, repo: &RepoRef) -> Result<Option<RepoInfo>, Error> {
        let request = ApiRequest::new(
            "repos/get",
            Method::Get,
            vec![
                "repos".to_owned(),
                repo.owner().to_owned(),
                repo.name().to_owned(),
            ],
        );
        let found = match &self.cache {
            Some(cache) => {
                let url = self.client.inner.transport.url_of(&request);
                let one = |r: &ApiResponse| Ok(vec![r.json::<RepoInfo>()?]);
                self.conditional_get(cache, request.operation, &url, &one)
                    .await
                    .map(|(mut items, _)| items.pop())
            }
            None => {
                self.count();
                match self.client.inner.transport.send(request).await {
                    Ok(response) => response.json().map(Some).map_err(Error::from),
                    Err(e) => Err(Error::from(e)),
                }
            }
        };
        match found {
            Ok(found) => Ok(found),
            Err(Error::NotFound(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// `{scope}/codespaces/secrets/tail...` as path segments.
pub(crate) fn secrets_path(scope: &ScopeRef, tail: &[&str]) -> Vec<String> {
    scope
        .segments()
        .into_iter()
        .chain(["codespaces", "secrets"])
        .chain(tail.iter().copied())
        .map(str::to_owned)
        .collect()
}

/// A scope as the state and plans spell it (`user`, `repos/O/N`, `orgs/O`), back to a scope.
pub(crate) fn parse_scope(text: &str) -> Option<ScopeRef> {
    let parts: Vec<&str> = text.split('/').collect();
    match parts.as_slice() {
        ["user"] => Some(ScopeRef::User),
        ["repos", owner, name] => RepoRef::new(*owner, *name).ok().map(ScopeRef::Repo),
        ["orgs", org] => ScopeRef::org((*org).to_owned()).ok(),
        _ => None,
    }
}
