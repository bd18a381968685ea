//! Sealing for callers that hand over the public key as base64 text on every call — the
//! language bindings' `seal(public_key, plaintext)`. Parsing a key costs about as much as
//! sealing, and a parsed key that seals often builds a table that makes each seal several times
//! cheaper; both are lost if every call starts from the text. So the last few keys stay parsed.

use std::sync::{Mutex, PoisonError};

use codespaces_secrets_core::PublicKey;

use crate::Error;
use crate::input::IntoSecretValue;

/// Keys kept parsed. A program seals to one key per scope it writes to; a handful covers it,
/// and a table costs about 30 KB.
const KEPT: usize = 8;

/// Most recently used first.
static KEYS: Mutex<Vec<(String, PublicKey)>> = Mutex::new(Vec::new());

/// Seals `plaintext` to the base64 `public_key` as libsodium's `crypto_box_seal` does and returns
/// the sealed box in base64 — the same result as [`crate::seal`], faster when the same key text
/// comes back (the parsed key is reused). Fails with `InvalidInput` for a bad key or a value over
/// 48 KB.
///
/// ```
/// # let key = codespaces_secrets_core::KeyPair::generate("1").public_key().to_base64();
/// let sealed = codespaces_secrets::seal_cached(&key, "hunter2")?;
/// assert_eq!(sealed.len(), 76); // base64 of 7 + 48 bytes
/// # Ok::<(), codespaces_secrets::Error>(())
/// ```
pub fn seal_cached(public_key: &str, plaintext: impl IntoSecretValue) -> Result<String, Error> {
    let value = plaintext.into_secret_value()?;
    Ok(parsed(public_key)?.seal(&value)?.encrypted_value)
}

/// The parsed key for `text`, from the cache or parsed now (and kept).
fn parsed(text: &str) -> Result<PublicKey, Error> {
    let mut keys = KEYS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(at) = keys.iter().position(|(kept, _)| kept == text) {
        let entry = keys.remove(at);
        let key = entry.1.clone();
        keys.insert(0, entry);
        return Ok(key);
    }
    // The key_id plays no part in the cryptography; a placeholder keeps `parse`'s checks.
    let key = PublicKey::parse("-", text)?;
    keys.insert(0, (text.to_owned(), key.clone()));
    keys.truncate(KEPT);
    Ok(key)
}

#[cfg(test)]
mod tests {
    use codespaces_secrets_core::KeyPair;

    use super::*;

    fn seal_and_open(pair: &KeyPair, plaintext: &str) {
        let sealed = seal_cached(&pair.public_key().to_base64(), plaintext).unwrap();
        assert_eq!(pair.open(&sealed).unwrap().expose(), plaintext.as_bytes());
    }

    #[test]
    fn every_seal_opens_whether_the_key_was_cached_or_not() {
        let kept: Vec<KeyPair> = (0..KEPT)
            .map(|i| KeyPair::generate(i.to_string()))
            .collect();
        // Enough rounds for the kept keys to build their tables.
        for round in 0..20 {
            for pair in &kept {
                seal_and_open(pair, &format!("round {round}"));
            }
        }
        // More keys than are kept: older ones are dropped and parsed again when they return.
        for i in 0..3 {
            seal_and_open(&KeyPair::generate(format!("extra {i}")), "extra");
        }
        seal_and_open(&kept[0], "again");
        assert!(KEYS.lock().unwrap().len() <= KEPT);
    }

    #[test]
    fn bad_keys_and_values_are_invalid_input_and_not_kept() {
        for bad in ["", "not base64!", "AAAA"] {
            assert_eq!(seal_cached(bad, "v").unwrap_err().code(), "INVALID_INPUT");
        }
        assert!(!KEYS.lock().unwrap().iter().any(|(k, _)| k == "AAAA"));
        let key = KeyPair::generate("1").public_key().to_base64();
        let too_big = vec![0u8; 48 * 1024 + 1];
        assert_eq!(
            seal_cached(&key, too_big).unwrap_err().code(),
            "INVALID_INPUT"
        );
    }
}
