//! `SecretValue`: a plaintext that is wiped from memory when dropped and never printed.

use std::fmt;

use zeroize::Zeroizing;

use crate::error::Error;

/// The largest value GitHub accepts for a Codespaces secret: 48 KB.
pub const MAX_VALUE_BYTES: usize = 48 * 1024;

/// A secret's plaintext.
///
/// The bytes live in a buffer that is zeroed when dropped. `Debug` and `Display` print
/// `[redacted]`; there is no `Serialize`. Values over [`MAX_VALUE_BYTES`] are refused.
///
/// ```
/// use codespaces_secrets_core::SecretValue;
/// let value = SecretValue::new("s3cr3t")?;
/// assert_eq!(format!("{value:?}"), "SecretValue([redacted])");
/// assert!(SecretValue::new(vec![0u8; 48 * 1024 + 1]).is_err());
/// # Ok::<(), codespaces_secrets_core::Error>(())
/// ```
#[derive(Clone)]
pub struct SecretValue(Zeroizing<Vec<u8>>);

impl SecretValue {
    /// Takes ownership of a plaintext (text or bytes), refusing one larger than 48 KB.
    pub fn new(plaintext: impl Into<Vec<u8>>) -> Result<Self, Error> {
        let bytes = Zeroizing::new(plaintext.into());
        if bytes.len() > MAX_VALUE_BYTES {
            return Err(Error::ValueTooLarge {
                len: bytes.len(),
                max: MAX_VALUE_BYTES,
            });
        }
        Ok(Self(bytes))
    }

    /// The plaintext bytes. Named so that every read of a secret is easy to find in review.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }

    /// Length of the plaintext in bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the plaintext is empty (GitHub accepts empty values).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for SecretValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretValue([redacted])")
    }
}

impl fmt::Display for SecretValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// Constant-time-ish equality is not needed here; values are compared only in tests and by the
/// emulator, never against attacker-chosen input on a hot path.
impl PartialEq for SecretValue {
    fn eq(&self, other: &Self) -> bool {
        self.expose() == other.expose()
    }
}

impl Eq for SecretValue {}

impl TryFrom<&str> for SecretValue {
    type Error = Error;
    fn try_from(s: &str) -> Result<Self, Error> {
        Self::new(s)
    }
}

impl TryFrom<String> for SecretValue {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Error> {
        Self::new(s)
    }
}

impl TryFrom<&[u8]> for SecretValue {
    type Error = Error;
    fn try_from(b: &[u8]) -> Result<Self, Error> {
        Self::new(b)
    }
}

impl TryFrom<Vec<u8>> for SecretValue {
    type Error = Error;
    fn try_from(b: Vec<u8>) -> Result<Self, Error> {
        Self::new(b)
    }
}
