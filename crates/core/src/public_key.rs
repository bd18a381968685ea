//! `PublicKey`: a scope's sealing key, parsed and checked once, ready to seal many values.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use curve25519_dalek::{EdwardsPoint, MontgomeryPoint};

use crate::error::{Error, KeyProblem};
use crate::models::{CodespacesPublicKey, KeyId};

/// Length of an X25519 public key in bytes.
pub const KEY_BYTES: usize = 32;

/// A scope's public key: the `key_id` to send back with every value, and the 32-byte X25519 key.
///
/// Parsing checks everything that can be checked without the network, so a bad key is reported
/// before anything is encrypted or sent: standard base64, exactly 32 bytes, not a low-order point.
///
/// ```
/// use codespaces_secrets_core::PublicKey;
/// let key = PublicKey::parse("568250167242549743", "6QozyTujqDX3SX06QrR394l0Uj5mPkafff57CLSjKxE=")?;
/// assert_eq!(key.key_id().as_str(), "568250167242549743");
/// // GitHub's documentation example is 33 bytes long, and is refused:
/// assert!(PublicKey::parse("1", "2Sg8iYjAxxmI2LvUXpJjkYrMxURPc8r+dB7TJyvv1234").is_err());
/// # Ok::<(), codespaces_secrets_core::Error>(())
/// ```
#[derive(Clone)]
pub struct PublicKey {
    key_id: KeyId,
    montgomery: MontgomeryPoint,
    /// The same point in Edwards form, when it is on the curve. Sealing multiplies this point
    /// with the vectorised Edwards backend, much faster than the Montgomery ladder; keys on the
    /// twist (never issued by GitHub) keep `None` and use the ladder, as libsodium would.
    edwards: Option<EdwardsPoint>,
}

impl PublicKey {
    /// Parses a key as the API returns it: `key_id` plus the key in standard base64.
    pub fn parse(key_id: impl Into<KeyId>, key_base64: &str) -> Result<Self, Error> {
        let key_id = key_id.into();
        if key_id.as_str().is_empty() {
            return Err(Error::InvalidPublicKey(KeyProblem::EmptyKeyId));
        }
        Self::from_bytes(key_id, decode_key(key_base64)?)
    }

    /// Builds a key from its raw 32 bytes.
    pub fn from_bytes(key_id: impl Into<KeyId>, bytes: [u8; KEY_BYTES]) -> Result<Self, Error> {
        let montgomery = MontgomeryPoint(bytes);
        // Either sign gives ±P; X25519 only reads the u-coordinate, which is the same for both.
        let edwards = montgomery.to_edwards(0);
        if edwards.is_some_and(|point| point.is_small_order()) {
            return Err(Error::InvalidPublicKey(KeyProblem::LowOrder));
        }
        Ok(Self {
            key_id: key_id.into(),
            montgomery,
            edwards,
        })
    }

    /// The identifier GitHub needs alongside every value sealed with this key.
    pub fn key_id(&self) -> &KeyId {
        &self.key_id
    }

    /// The raw key bytes.
    pub fn as_bytes(&self) -> &[u8; KEY_BYTES] {
        self.montgomery.as_bytes()
    }

    /// The key in standard base64, as the API carries it.
    pub fn to_base64(&self) -> String {
        STANDARD.encode(self.as_bytes())
    }

    /// X25519 of a clamped secret scalar with this key: the shared secret of a sealed box.
    pub(crate) fn diffie_hellman(&self, clamped_secret: [u8; 32]) -> MontgomeryPoint {
        match self.edwards {
            // `mul_clamped` multiplies by the unreduced clamped scalar, exactly X25519's result.
            Some(point) => point.mul_clamped(clamped_secret).to_montgomery(),
            None => self.montgomery.mul_clamped(clamped_secret),
        }
    }
}

fn decode_key(key_base64: &str) -> Result<[u8; KEY_BYTES], Error> {
    if key_base64.is_empty() {
        return Err(Error::InvalidPublicKey(KeyProblem::Empty));
    }
    let bytes = STANDARD
        .decode(key_base64)
        .map_err(|e| Error::InvalidPublicKey(KeyProblem::NotBase64(e.to_string())))?;
    <[u8; KEY_BYTES]>::try_from(bytes.as_slice())
        .map_err(|_| Error::InvalidPublicKey(KeyProblem::WrongLength { found: bytes.len() }))
}

impl TryFrom<&CodespacesPublicKey> for PublicKey {
    type Error = Error;
    fn try_from(body: &CodespacesPublicKey) -> Result<Self, Error> {
        Self::parse(body.key_id.clone(), &body.key)
    }
}

impl TryFrom<CodespacesPublicKey> for PublicKey {
    type Error = Error;
    fn try_from(body: CodespacesPublicKey) -> Result<Self, Error> {
        Self::try_from(&body)
    }
}

impl PartialEq for PublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.key_id == other.key_id && self.as_bytes() == other.as_bytes()
    }
}

impl Eq for PublicKey {}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublicKey")
            .field("key_id", &self.key_id.as_str())
            .field("key", &self.to_base64())
            .finish()
    }
}
