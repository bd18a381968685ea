//! Input errors: what was wrong, in which field, by which rule — never the secret itself.

use thiserror::Error;

/// Why a secret name was refused. GitHub's rules, checked before any request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NameRule {
    /// The name is empty.
    Empty,
    /// The name holds a character outside `[A-Za-z0-9_]`.
    InvalidCharacter {
        /// The first offending character.
        found: char,
        /// Its byte offset in the name.
        at: usize,
    },
    /// The name starts with a digit.
    StartsWithDigit,
    /// The name starts with the reserved `GITHUB_` prefix (in any case).
    ReservedPrefix,
}

impl std::fmt::Display for NameRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Empty => f.write_str("it is empty"),
            Self::InvalidCharacter { found, at } => write!(
                f,
                "it contains {found:?} at byte {at}; only letters, digits and '_' are allowed"
            ),
            Self::StartsWithDigit => f.write_str("it starts with a digit"),
            Self::ReservedPrefix => f.write_str("names starting with GITHUB_ are reserved"),
        }
    }
}

/// Why a public key was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyProblem {
    /// The key is the empty string.
    Empty,
    /// The key is not standard (padded) base64.
    NotBase64(String),
    /// The key decodes to the wrong number of bytes.
    WrongLength {
        /// Bytes found after decoding.
        found: usize,
    },
    /// The key is a low-order point: every value sealed to it would be readable by anyone.
    LowOrder,
    /// The `key_id` that goes with the key is empty.
    EmptyKeyId,
}

impl std::fmt::Display for KeyProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Empty => f.write_str("the key is empty"),
            Self::NotBase64(why) => write!(f, "the key is not valid standard base64 ({why})"),
            Self::WrongLength { found } => write!(
                f,
                "the key decodes to {found} bytes; an X25519 public key is exactly 32 bytes"
            ),
            Self::LowOrder => {
                f.write_str("the key is a low-order point and cannot protect a value")
            }
            Self::EmptyKeyId => f.write_str("its key_id is empty"),
        }
    }
}

/// Every way input to this crate can be wrong.
///
/// Messages name the field and the rule broken, and tell what to do; they never contain a secret
/// value (names, sizes and key problems only).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum Error {
    /// A secret name breaks GitHub's naming rules.
    #[error("invalid secret name {name:?}: {rule}")]
    InvalidName {
        /// The name as given (names are not secret).
        name: String,
        /// The rule it breaks.
        rule: NameRule,
    },
    /// A secret value is larger than GitHub accepts.
    #[error("secret value is {len} bytes; GitHub accepts at most {max} bytes (48 KB)")]
    ValueTooLarge {
        /// Size of the refused value in bytes.
        len: usize,
        /// The limit, [`crate::MAX_VALUE_BYTES`].
        max: usize,
    },
    /// A public key cannot be used to seal.
    #[error("invalid public key: {0}; fetch the scope's public key again")]
    InvalidPublicKey(KeyProblem),
    /// A secret (private) key is malformed.
    #[error("invalid secret key: it must be 32 bytes of standard base64")]
    InvalidSecretKey,
    /// An `encrypted_value` is not standard base64.
    #[error("encrypted value is not valid standard base64 ({0})")]
    SealedNotBase64(String),
    /// A sealed box is too short to hold the 48 bytes every sealed box carries.
    #[error("sealed value is {len} bytes; a sealed box is at least 48 bytes")]
    SealedTooShort {
        /// Length found, in bytes.
        len: usize,
    },
    /// A sealed box failed authentication: tampered, truncated, or sealed to another key.
    #[error(
        "sealed value did not open: it was altered, truncated, or sealed to a different public key"
    )]
    OpenFailed,
    /// Encryption itself failed (the system random source, in practice).
    #[error("encryption failed: {0}")]
    Encryption(String),
}
