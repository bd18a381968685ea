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
}

type Names = BTreeMap<String, Recorded>;

#[derive(Debug, Serialize, Deserialize)]
struct StateDoc {
    version: u32,
    #[serde(default)]
    note: String,
    /// API root → scope path → upper-case name → record.
    #[serde(default)]
    secrets: BTreeMap<String, BTreeMap<String, Names>>,
}

/// One scope's view of a state file, locked for the life of the value.
#[derive(Debug)]
pub(crate) struct SyncState {
    path: PathBuf,
    key: StateKey,
    api: String,
    scope: String,
    doc: StateDoc,
    /// Held (locked) until the sync ends.
    _lock: File,
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

impl SyncState {
    /// Locks and reads the state at `path` (a missing file is an empty state) for one scope.
    pub(crate) fn open(
        path: &Path,
        key_file: Option<&Path>,
        api: &str,
        scope: &str,
    ) -> Result<Self, Error> {
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
            api: api.trim_end_matches('/').to_owned(),
            scope: scope.to_owned(),
            doc,
            _lock: lock,
        })
    }

    /// The keyed fingerprint of `value` as the value of `name` in this API and scope.
    pub(crate) fn fingerprint(&self, name: &str, value: &SecretValue) -> String {
        self.key.fingerprint(&[
            self.api.as_bytes(),
            self.scope.as_bytes(),
            name.as_bytes(),
            value.expose(),
        ])
    }

    fn names(&self) -> Option<&Names> {
        self.doc.secrets.get(&self.api)?.get(&self.scope)
    }

    fn names_mut(&mut self) -> &mut Names {
        self.doc
            .secrets
            .entry(self.api.clone())
            .or_default()
            .entry(self.scope.clone())
            .or_default()
    }

    /// What this tool last wrote to `name` (upper-case), if anything.
    pub(crate) fn recorded(&self, name: &str) -> Option<&Recorded> {
        self.names()?.get(name)
    }

    /// Records a successful write and saves the state at once.
    pub(crate) fn record_write(&mut self, name: &str, fingerprint: String) -> Result<(), Error> {
        self.names_mut().insert(
            name.to_owned(),
            Recorded {
                fingerprint,
                updated_at: None,
            },
        );
        self.save()
    }

    /// Sets the `updated_at` GitHub showed after our write (saved by the next [`Self::save`]).
    pub(crate) fn record_updated_at(&mut self, name: &str, updated_at: DateTime<Utc>) {
        if let Some(recorded) = self.names_mut().get_mut(name) {
            recorded.updated_at = Some(updated_at);
        }
    }

    /// Drops the record of a deleted secret and saves the state.
    pub(crate) fn forget(&mut self, name: &str) -> Result<(), Error> {
        self.names_mut().remove(name);
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
