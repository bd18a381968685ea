//! The incremental-sync state: for each API + scope + secret name, a keyed fingerprint of the
//! value this tool last wrote there and the `updated_at` GitHub showed right after. Never a
//! value, never an unkeyed hash (see `state_key`).
//!
//! The file is private (0600), replaced atomically, held under a lock for the whole run so two
//! syncs cannot interleave, and saved after every successful write, so a run that is killed
//! half-way resumes where it stopped.

use std::collections::BTreeMap;
use std::fmt;
use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use codespaces_secrets_core::SecretValue;
use serde::{Deserialize, Serialize};

use crate::Error;
use crate::private_file::{create_private_dir, replace_private};
use crate::state_key::StateKey;

const VERSION: u32 = 1;
const NOTE: &str = "codespaces-secrets sync state: keyed BLAKE2b fingerprints and GitHub's updated_at; no values. The key is kept elsewhere.";

/// What this tool last wrote to one secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Recorded {
    /// Keyed fingerprint of API, scope, name and value.
    pub(crate) fingerprint: String,
    /// GitHub's `updated_at` right after the write; `None` when the run ended before it was
    /// read back (the next run takes it from its list).
    pub(crate) updated_at: Option<DateTime<Utc>>,
    /// The fleet manifest (its `name`) that wrote the secret and so owns it: only that
    /// manifest's prune may delete it. `None` for secrets written by `sync`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) owner: Option<String>,
    /// Additive membership: the repository ids the owning manifest added to the secret itself,
    /// the only ones it may remove again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) added_repositories: Vec<i64>,
}

impl Recorded {
    /// A write of the value with this fingerprint, its `updated_at` not read back yet.
    pub(crate) fn written(fingerprint: String) -> Self {
        Self {
            fingerprint,
            updated_at: None,
            owner: None,
            added_repositories: Vec::new(),
        }
    }
}

pub(crate) type Names = BTreeMap<String, Recorded>;

#[derive(Debug, Serialize, Deserialize)]
struct StateDoc {
    version: u32,
    #[serde(default)]
    note: String,
    /// API root → scope path → upper-case name → record.
    #[serde(default)]
    secrets: BTreeMap<String, BTreeMap<String, Names>>,
}

/// A whole state file (every API and scope), read at open; locked for the life of the value
/// when opened for writing.
#[derive(Debug)]
pub(crate) struct StateFile {
    path: PathBuf,
    key: StateKey,
    doc: StateDoc,
    /// Held (locked) until the run ends; `None` for a read-only look (a plan).
    _lock: Option<File>,
}

/// One scope's view of a state file, locked for the life of the value.
#[derive(Debug)]
pub(crate) struct SyncState {
    file: StateFile,
    api: String,
    scope: String,
}

fn state_error(path: &Path, message: impl fmt::Display) -> Error {
    Error::invalid_input("state", format!("sync state {}: {message}", path.display()))
}

fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    path.with_file_name(name)
}

fn take_lock(path: &Path) -> Result<File, Error> {
    let lock_file = lock_path(path);
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options
        .open(&lock_file)
        .map_err(|e| state_error(path, format!("cannot open its lock file: {e}")))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(state_error(
            path,
            "another sync is using it; wait for that run to finish (or use another state file)",
        )),
        Err(TryLockError::Error(e)) => Err(state_error(path, format!("cannot lock it: {e}"))),
    }
}

fn read_doc(path: &Path) -> Result<StateDoc, Error> {
    let text = match std::fs::read(path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok(StateDoc {
                version: VERSION,
                note: NOTE.to_owned(),
                secrets: BTreeMap::new(),
            });
        }
        Err(e) => return Err(state_error(path, format!("cannot read it: {e}"))),
    };
    let doc: StateDoc = serde_json::from_slice(&text).map_err(|e| {
        state_error(
            path,
            format!("is not a codespaces-secrets state ({e}); remove it to start over"),
        )
    })?;
    if doc.version != VERSION {
        return Err(state_error(
            path,
            format!(
                "has version {}, this SDK reads version {VERSION}; remove it to start over",
                doc.version
            ),
        ));
    }
    Ok(doc)
}

/// The API root as the state keys it: without a trailing slash.
pub(crate) fn api_key(base_url: &str) -> String {
    base_url.trim_end_matches('/').to_owned()
}

impl StateFile {
    /// Locks and reads the state at `path` (a missing file is an empty state).
    pub(crate) fn open(path: &Path, key_file: Option<&Path>) -> Result<Self, Error> {
        let key = StateKey::load(key_file)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            create_private_dir(dir)
                .map_err(|e| state_error(path, format!("cannot create its directory: {e}")))?;
        }
        let lock = take_lock(path)?;
        let doc = read_doc(path)?;
        Ok(Self {
            path: path.to_owned(),
            key,
            doc,
            _lock: Some(lock),
        })
    }

    /// Reads the state at `path` without locking it, for a run that writes neither secrets
    /// nor the state (a plan). A missing file is an empty state.
    #[cfg(feature = "fleet")]
    pub(crate) fn read_only(path: &Path, key_file: Option<&Path>) -> Result<Self, Error> {
        Ok(Self {
            path: path.to_owned(),
            key: StateKey::load(key_file)?,
            doc: read_doc(path)?,
            _lock: None,
        })
    }

    /// The keyed fingerprint of `value` as the value of `name` in this API and scope.
    pub(crate) fn fingerprint(
        &self,
        api: &str,
        scope: &str,
        name: &str,
        value: &SecretValue,
    ) -> String {
        self.key.fingerprint(&[
            api.as_bytes(),
            scope.as_bytes(),
            name.as_bytes(),
            value.expose(),
        ])
    }

    /// The records of one scope of `api`, if any.
    pub(crate) fn names(&self, api: &str, scope: &str) -> Option<&Names> {
        self.doc.secrets.get(api)?.get(scope)
    }

    /// Every scope of `api` the state has records for.
    #[cfg(feature = "fleet")]
    pub(crate) fn scopes(&self, api: &str) -> impl Iterator<Item = (&String, &Names)> {
        self.doc.secrets.get(api).into_iter().flatten()
    }

    /// What this tool last wrote to `name` (upper-case) in `scope`, if anything.
    pub(crate) fn recorded(&self, api: &str, scope: &str, name: &str) -> Option<&Recorded> {
        self.names(api, scope)?.get(name)
    }

    pub(crate) fn names_mut(&mut self, api: &str, scope: &str) -> &mut Names {
        self.doc
            .secrets
            .entry(api.to_owned())
            .or_default()
            .entry(scope.to_owned())
            .or_default()
    }

    /// Records a successful write and saves the state at once.
    pub(crate) fn record(
        &mut self,
        api: &str,
        scope: &str,
        name: &str,
        recorded: Recorded,
    ) -> Result<(), Error> {
        self.names_mut(api, scope).insert(name.to_owned(), recorded);
        self.save()
    }

    /// Drops the record of a deleted secret and saves the state.
    pub(crate) fn forget(&mut self, api: &str, scope: &str, name: &str) -> Result<(), Error> {
        let names = self.names_mut(api, scope);
        names.remove(name);
        if names.is_empty()
            && let Some(scopes) = self.doc.secrets.get_mut(api)
        {
            scopes.remove(scope);
        }
        self.save()
    }

    /// Writes the state: private, atomic.
    pub(crate) fn save(&self) -> Result<(), Error> {
        let text = serde_json::to_vec_pretty(&self.doc)
            .map_err(|e| state_error(&self.path, format!("cannot encode it: {e}")))?;
        replace_private(&self.path, &text)
            .map_err(|e| state_error(&self.path, format!("cannot write it: {e}")))
    }
}

impl SyncState {
    /// Locks and reads the state at `path` (a missing file is an empty state) for one scope.
    pub(crate) fn open(
        path: &Path,
        key_file: Option<&Path>,
        api: &str,
        scope: &str,
    ) -> Result<Self, Error> {
        Ok(Self {
            file: StateFile::open(path, key_file)?,
            api: api_key(api),
            scope: scope.to_owned(),
        })
    }

    /// The keyed fingerprint of `value` as the value of `name` in this API and scope.
    pub(crate) fn fingerprint(&self, name: &str, value: &SecretValue) -> String {
        self.file.fingerprint(&self.api, &self.scope, name, value)
    }

    /// What this tool last wrote to `name` (upper-case), if anything.
    pub(crate) fn recorded(&self, name: &str) -> Option<&Recorded> {
        self.file.recorded(&self.api, &self.scope, name)
    }

    /// Records a successful write and saves the state at once.
    pub(crate) fn record_write(&mut self, name: &str, fingerprint: String) -> Result<(), Error> {
        self.file
            .record(&self.api, &self.scope, name, Recorded::written(fingerprint))
    }

    /// Sets the `updated_at` GitHub showed after our write (saved by the next [`Self::save`]).
    pub(crate) fn record_updated_at(&mut self, name: &str, updated_at: DateTime<Utc>) {
        let names = self.file.names_mut(&self.api, &self.scope);
        if let Some(recorded) = names.get_mut(name) {
            recorded.updated_at = Some(updated_at);
        }
    }

    /// Drops the record of a deleted secret and saves the state.
    pub(crate) fn forget(&mut self, name: &str) -> Result<(), Error> {
        self.file.forget(&self.api, &self.scope, name)
    }

    /// Writes the state: private, atomic.
    pub(crate) fn save(&self) -> Result<(), Error> {
        self.file.save()
    }
}
