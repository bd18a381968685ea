//! `PublicKey`: a scope's sealing key, parsed and checked once, ready to seal many values.

use std::fmt;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use curve25519_dalek::edwards::EdwardsBasepointTable;
use curve25519_dalek::traits::BasepointTable;
use curve25519_dalek::{EdwardsPoint, MontgomeryPoint, Scalar};

use crate::error::{Error, KeyProblem};
use crate::models::{CodespacesPublicKey, KeyId};

/// Length of an X25519 public key in bytes.
pub const KEY_BYTES: usize = 32;

/// Seals with one key after which a precomputed table for it pays off. Building the table costs
/// about as much as 40 variable-base multiplications and makes each later one ~2.5x faster, so
/// bulk work (a cached scope key sealing many values) gets it, a one-off seal does not.
const TABLE_AFTER_SEALS: u32 = 16;

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
    /// Shared by clones, so a key cached by a client warms up once for all its users.
    table: Arc<LazyTable>,
}

/// A fixed-base table for `8·P`, built once a key has sealed often enough to repay it.
#[derive(Default)]
struct LazyTable {
    seals: AtomicU32,
    table: OnceLock<Box<EdwardsBasepointTable>>,
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
            table: Arc::default(),
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
    pub(crate) fn diffie_hellman(&self, secret: [u8; 32]) -> MontgomeryPoint {
        let Some(point) = self.edwards else {
            return self.montgomery.mul_clamped(secret);
        };
        if let Some(table) = self.warm_table(&point) {
            // Clamping makes k = 8·k' with k' < 2^252 < ℓ, so k·P = k'·(8P) exactly, and 8P lies
            // in the prime-order subgroup where reducing k' mod ℓ changes nothing.
            let k_over_8 = Scalar::from_bytes_mod_order(clamped_over_8(secret));
            return (table * &k_over_8).to_montgomery();
        }
        // `mul_clamped` multiplies by the unreduced clamped scalar: exactly X25519's result.
        point.mul_clamped(secret).to_montgomery()
    }

    /// The key's table, once it has been used enough to be worth building.
    fn warm_table(&self, point: &EdwardsPoint) -> Option<&EdwardsBasepointTable> {
        if let Some(table) = self.table.table.get() {
            return Some(table);
        }
        if self.table.seals.fetch_add(1, Ordering::Relaxed) < TABLE_AFTER_SEALS {
            return None;
        }
        let table = self
            .table
            .table
            .get_or_init(|| Box::new(EdwardsBasepointTable::create(&point.mul_by_cofactor())));
        Some(table)
    }
}

/// X25519's clamping of a secret scalar, then division by the cofactor 8.
fn clamped_over_8(mut k: [u8; 32]) -> [u8; 32] {
    k[0] &= 248;
    k[31] &= 127;
    k[31] |= 64;
    // k is a multiple of 8: shift the 256-bit little-endian integer right by 3 bits.
    let mut out = [0u8; 32];
    for i in 0..32 {
        let high = if i + 1 < 32 { k[i + 1] << 5 } else { 0 };
        out[i] = (k[i] >> 3) | high;
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The table path, the variable-base path and the Montgomery ladder agree for random keys.
    #[test]
    fn every_multiplication_path_gives_the_x25519_result() {
        use rand_core::{OsRng, RngCore};
        for _ in 0..64 {
            let mut recipient = [0u8; 32];
            let mut ephemeral = [0u8; 32];
            OsRng.fill_bytes(&mut recipient);
            OsRng.fill_bytes(&mut ephemeral);
            let public = MontgomeryPoint::mul_base_clamped(recipient);
            let key = PublicKey::from_bytes("t", public.to_bytes()).expect("valid key");
            let ladder = public.mul_clamped(ephemeral);
            let point = key.edwards.expect("on the curve");
            assert_eq!(point.mul_clamped(ephemeral).to_montgomery(), ladder);
            let table = EdwardsBasepointTable::create(&point.mul_by_cofactor());
            let k = Scalar::from_bytes_mod_order(clamped_over_8(ephemeral));
            assert_eq!((&table * &k).to_montgomery(), ladder);
        }
    }

    #[test]
    fn the_table_is_built_after_enough_seals_and_shared_by_clones() {
        let key = PublicKey::from_bytes("t", MontgomeryPoint::mul_base_clamped([7; 32]).to_bytes())
            .expect("valid key");
        let clone = key.clone();
        let expected = MontgomeryPoint::mul_base_clamped([7; 32]).mul_clamped([9; 32]);
        for _ in 0..=TABLE_AFTER_SEALS {
            assert!(clone.table.table.get().is_none());
            assert_eq!(key.diffie_hellman([9; 32]), expected);
        }
        assert_eq!(key.diffie_hellman([9; 32]), expected);
        assert!(
            clone.table.table.get().is_some(),
            "clones share the warmed table"
        );
    }

    #[test]
    fn keys_on_the_twist_use_the_ladder() {
        // u = 2 is not on Curve25519 (it is on the twist): no Edwards form, ladder result.
        let mut bytes = [0u8; 32];
        bytes[0] = 2;
        let key = PublicKey::from_bytes("t", bytes).expect("accepted like libsodium does");
        assert!(key.edwards.is_none());
        assert_eq!(
            key.diffie_hellman([5; 32]),
            MontgomeryPoint(bytes).mul_clamped([5; 32])
        );
    }
}
