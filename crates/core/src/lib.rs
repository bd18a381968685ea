//! The I/O-free heart of `codespaces-secrets`.
//!
//! Everything here is pure: the API models as GitHub's OpenAPI description defines them,
//! validated input types ([`SecretName`], [`SecretValue`], [`PublicKey`]) so that bad input is
//! refused before any request, and libsodium-compatible sealed boxes ([`seal`], [`KeyPair::open`])
//! so that a plaintext never leaves the process unencrypted.
//!
//! ```
//! use codespaces_secrets_core::{KeyPair, KeyId, SecretValue};
//!
//! let pair = KeyPair::generate(KeyId::new("key-1"));
//! let sealed = pair.public_key().seal(&SecretValue::new("hunter2")?)?;
//! assert_eq!(pair.open(&sealed.encrypted_value)?.expose(), b"hunter2");
//! # Ok::<(), codespaces_secrets_core::Error>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod error;
mod key_pair;
pub mod models;
mod name;
mod public_key;
mod repo_ref;
mod sealed_box;
mod value;

pub use error::{Error, KeyProblem, NameRule};
pub use key_pair::KeyPair;
pub use models::{KeyId, Visibility};
pub use name::SecretName;
pub use public_key::PublicKey;
pub use repo_ref::{RepoRef, RepoRefError, check_account, check_repository_name};
pub use sealed_box::{SEAL_OVERHEAD, SealedValue, seal};
pub use value::{MAX_VALUE_BYTES, SecretValue};

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
