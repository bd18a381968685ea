use serde::{Deserialize, Serialize};

use super::KeyId;

/// The body of every `.../secrets/public-key` endpoint (user, repository, organization).
///
/// Holds the key as text; convert to a checked [`crate::PublicKey`] with `try_from` before use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodespacesPublicKey {
    /// Identifier to send back with each sealed value.
    pub key_id: KeyId,
    /// The X25519 key in standard base64.
    pub key: String,
}
