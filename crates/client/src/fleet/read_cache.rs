//! Conditional reads: per URL, the ETag GitHub sent and what the answer said (secret names,
//! `updated_at`, visibilities, repository ids and names — GitHub never returns a value), so
//! the next read sends `If-None-Match` and a `304 Not Modified`, which costs no primary rate
//! limit, is served from here. An unchanged fleet re-checked on a schedule then costs the
//! token nothing.
//!
//! Kept beside the state (`<state>.reads.json`, 0600, replaced atomically) rather than in it:
//! a plan saves what it read without taking the state's lock, and losing it only costs full
//! reads. Entries of a scope are dropped after this tool writes there.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use serde::{Deserialize, Serialize};

use crate::private_file::replace_private;

const VERSION: u32 = 1;

/// One page as it was answered.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct CachedPage {
    pub(crate) etag: String,
    /// The next page's URL (from `Link`), if any.
    pub(crate) next: Option<String>,
    /// The page's items as the reader parsed them (never a value).
    pub(crate) items: serde_json::Value,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct CacheDoc {
    version: u32,
    /// API root → URL → page.
    #[serde(default)]
    pages: BTreeMap<String, BTreeMap<String, CachedPage>>,
}

/// The read cache of one run, saved at its end.
#[derive(Debug)]
pub(crate) struct ReadCache {
    path: PathBuf,
    api: String,
    doc: Mutex<CacheDoc>,
}

impl ReadCache {
    /// The cache kept beside `state`; a missing or unreadable one is empty (it is only a
    /// cache).
    pub(crate) fn beside(state: &Path, api: &str) -> Self {
        let path = cache_path(state);
        let doc = std::fs::read(&path)
            .ok()
            .and_then(|text| serde_json::from_slice::<CacheDoc>(&text).ok())
            .filter(|doc| doc.version == VERSION)
            .unwrap_or_default();
        Self {
            path,
            api: api.to_owned(),
            doc: Mutex::new(doc),
        }
    }

    fn with<T>(&self, f: impl FnOnce(&mut BTreeMap<String, CachedPage>) -> T) -> T {
        let mut doc = self.doc.lock().unwrap_or_else(PoisonError::into_inner);
        f(doc.pages.entry(self.api.clone()).or_default())
    }

    pub(crate) fn get(&self, url: &str) -> Option<CachedPage> {
        self.with(|pages| pages.get(url).cloned())
    }

    pub(crate) fn put(&self, url: &str, page: CachedPage) {
        self.with(|pages| pages.insert(url.to_owned(), page));
    }

    /// Drops what was kept of the secrets of `scope` (`repos/o/r`, `orgs/o`, `user`): after
    /// this tool wrote there, no kept answer may stand in for a fresh one.
    pub(crate) fn invalidate_scope(&self, scope: &str) {
        let marker = format!("/{scope}/codespaces/secrets");
        self.with(|pages| {
            pages.retain(|url, _| {
                !url.to_ascii_lowercase()
                    .contains(&marker.to_ascii_lowercase())
            })
        });
    }

    /// Writes the cache (private, atomic); a failure is only logged — the next run reads in
    /// full.
    pub(crate) fn save(&self) {
        let text = {
            let mut doc = self.doc.lock().unwrap_or_else(PoisonError::into_inner);
            doc.version = VERSION;
            serde_json::to_vec(&*doc)
        };
        let result = text
            .map_err(std::io::Error::other)
            .and_then(|text| replace_private(&self.path, &text));
        if let Err(e) = result {
            tracing::warn!(path = %self.path.display(), error = %e, "could not save the read cache");
        }
    }
}

/// `<state>.reads.json`.
pub(crate) fn cache_path(state: &Path) -> PathBuf {
    let mut name = state.file_name().unwrap_or_default().to_os_string();
    name.push(".reads.json");
    state.with_file_name(name)
}
