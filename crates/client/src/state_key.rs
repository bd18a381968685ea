//! The key behind the sync state's fingerprints. A state file alone lets no one test a guess
//! of a value: without the key a fingerprint is just random-looking bytes. The key lives apart
//! from the state (an environment variable or a private file in the user's config directory),
//! so a state that leaks — committed, cached by CI — leaks nothing.

use std::fmt;
use std::io;
use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use blake2::Blake2bMac;
use blake2::digest::consts::U32;
use blake2::digest::{KeyInit, Mac};
use rand_core::{OsRng, RngCore};
use zeroize::Zeroizing;

use crate::Error;
use crate::environment::{STATE_KEY_ENV, var_os};
use crate::paths::default_state_key_path;
use crate::private_file::{create_private_dir, create_private_once};

const KEY_BYTES: usize = 32;

/// A 32-byte key for keyed BLAKE2b fingerprints.
pub(crate) struct StateKey(Zeroizing<[u8; KEY_BYTES]>);

impl fmt::Debug for StateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StateKey([redacted])")
    }
}

fn key_error(message: String) -> Error {
    Error::invalid_input("state_key", message)
}

impl StateKey {
    /// The key from `key_file` when given (created if missing); else from
    /// `CODESPACES_SECRETS_STATE_KEY`; else from the default key file, created on first use.
    pub(crate) fn load(key_file: Option<&Path>) -> Result<Self, Error> {
        if let Some(path) = key_file {
            return Self::from_file(path);
        }
        if let Some(text) = var_os(STATE_KEY_ENV) {
            let text = text
                .to_str()
                .ok_or_else(|| key_error(format!("{STATE_KEY_ENV} is not base64 text")))?;
            return Self::from_base64(text, STATE_KEY_ENV);
        }
        let path = default_state_key_path().ok_or_else(|| {
            key_error(format!(
                "no config directory to keep the state key in (HOME is not set); set {STATE_KEY_ENV}"
            ))
        })?;
        Self::from_file(&path)
    }

    fn from_base64(text: &str, origin: &str) -> Result<Self, Error> {
        let bytes = Zeroizing::new(STANDARD.decode(text.trim()).map_err(|_| {
            key_error(format!(
                "{origin} is not base64 (expected 32 random bytes in base64)"
            ))
        })?);
        let key: [u8; KEY_BYTES] = bytes.as_slice().try_into().map_err(|_| {
            key_error(format!(
                "{origin} holds {} bytes; a state key is 32 random bytes in base64",
                bytes.len()
            ))
        })?;
        Ok(Self(Zeroizing::new(key)))
    }

    /// Reads the key file, or creates it (mode 0600) with a new random key.
    fn from_file(path: &Path) -> Result<Self, Error> {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                warn_if_shared(path);
                Self::from_base64(&text, &path.display().to_string())
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Self::create(path),
            Err(e) => Err(key_error(format!("cannot read {}: {e}", path.display()))),
        }
    }

    fn create(path: &Path) -> Result<Self, Error> {
        let cannot = |e: io::Error| key_error(format!("cannot create {}: {e}", path.display()));
        if let Some(dir) = path.parent() {
            create_private_dir(dir).map_err(cannot)?;
        }
        let mut key = Zeroizing::new([0u8; KEY_BYTES]);
        OsRng.fill_bytes(key.as_mut_slice());
        let text = Zeroizing::new(format!("{}\n", STANDARD.encode(key.as_slice())));
        if create_private_once(path, text.as_bytes()).map_err(cannot)? {
            tracing::info!(path = %path.display(), "created a new sync-state key");
            Ok(Self(key))
        } else {
            // Another process created it between our read and our write: use theirs.
            Self::from_file(path)
        }
    }

    /// A keyed BLAKE2b-256 of the parts, each length-prefixed so no two lists of parts
    /// collide, in base64.
    pub(crate) fn fingerprint(&self, parts: &[&[u8]]) -> String {
        // A 32-byte key is always a valid BLAKE2b key (up to 64 bytes).
        let Ok(mut mac) = <Blake2bMac<U32> as KeyInit>::new_from_slice(self.0.as_slice()) else {
            unreachable!("a 32-byte BLAKE2b key is valid")
        };
        for part in parts {
            mac.update(&(part.len() as u64).to_le_bytes());
            mac.update(part);
        }
        STANDARD.encode(mac.finalize().into_bytes())
    }
}

/// A key file others can read defeats its purpose; say so (the run goes on).
fn warn_if_shared(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path)
            && meta.permissions().mode() & 0o077 != 0
        {
            tracing::warn!(path = %path.display(), "the sync-state key file is readable by others; chmod 600 it");
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> StateKey {
        StateKey(Zeroizing::new([byte; KEY_BYTES]))
    }

    #[test]
    fn fingerprints_depend_on_key_and_every_part() {
        let a = key(1).fingerprint(&[b"api", b"scope", b"NAME", b"value"]);
        assert_eq!(
            a,
            key(1).fingerprint(&[b"api", b"scope", b"NAME", b"value"])
        );
        assert_ne!(
            a,
            key(2).fingerprint(&[b"api", b"scope", b"NAME", b"value"])
        );
        assert_ne!(
            a,
            key(1).fingerprint(&[b"api", b"scope", b"NAME", b"valuf"])
        );
        assert_ne!(
            a,
            key(1).fingerprint(&[b"api", b"scope", b"OTHER", b"value"])
        );
        // Length prefixes: moving a byte between parts changes the fingerprint.
        assert_ne!(
            key(1).fingerprint(&[b"ab", b"c"]),
            key(1).fingerprint(&[b"a", b"bc"])
        );
    }

    #[test]
    fn a_key_must_be_32_bytes_of_base64() {
        assert!(StateKey::from_base64(&STANDARD.encode([7u8; 32]), "test").is_ok());
        let short = StateKey::from_base64(&STANDARD.encode([7u8; 16]), "test").unwrap_err();
        assert!(short.to_string().contains("16 bytes"), "{short}");
        assert!(StateKey::from_base64("not base64!", "test").is_err());
    }

    #[test]
    fn a_missing_key_file_is_created_private_and_then_reused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("nested").join("state.key");
        let first = StateKey::load(Some(&path)).expect("created");
        let second = StateKey::load(Some(&path)).expect("read back");
        assert_eq!(first.fingerprint(&[b"x"]), second.fingerprint(&[b"x"]));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path)
                .expect("exists")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert_eq!(format!("{first:?}"), "StateKey([redacted])");
    }
}
