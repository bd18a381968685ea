//! libsodium's `crypto_box_seal`, byte for byte: what GitHub expects in `encrypted_value`.
//!
//! sealed = ephemeral_pk ‖ XSalsa20-Poly1305(key = HSalsa20(X25519(ephemeral_sk, pk)),
//! nonce = BLAKE2b-192(ephemeral_pk ‖ pk)). Opening uses `crypto_box`'s reference `unseal`
//! (see `KeyPair`), so every seal made here is checked against an independent implementation in
//! the tests, as well as against libsodium itself.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use blake2::Blake2b;
use blake2::digest::{Digest, consts::U24};
use crypto_secretbox::aead::generic_array::GenericArray;
use crypto_secretbox::aead::{AeadInPlace, KeyInit};
use crypto_secretbox::{Kdf, XSalsa20Poly1305};
use curve25519_dalek::MontgomeryPoint;
use rand_core::{OsRng, RngCore};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

use crate::error::{Error, KeyProblem};
use crate::models::KeyId;
use crate::public_key::{KEY_BYTES, PublicKey};
use crate::value::SecretValue;

/// Bytes a sealed box adds to its plaintext: the 32-byte ephemeral key and the 16-byte tag.
pub const SEAL_OVERHEAD: usize = KEY_BYTES + TAG_LEN;

/// Poly1305's tag, between the ephemeral key and the ciphertext as libsodium lays it out.
const TAG_LEN: usize = 16;

/// A value sealed to a scope's public key: exactly the two fields the PUT body needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedValue {
    /// The sealed box in standard base64.
    pub encrypted_value: String,
    /// The id of the key it was sealed to.
    pub key_id: KeyId,
}

impl PublicKey {
    /// Seals `value` to this key, ready for the API.
    pub fn seal(&self, value: &SecretValue) -> Result<SealedValue, Error> {
        let sealed = self.seal_bytes(value.expose())?;
        Ok(SealedValue {
            encrypted_value: STANDARD.encode(sealed),
            key_id: self.key_id().clone(),
        })
    }

    /// Seals raw bytes and returns the raw sealed box (`plaintext.len() + 48` bytes).
    pub fn seal_bytes(&self, plaintext: &[u8]) -> Result<Vec<u8>, Error> {
        let mut ephemeral_secret = Zeroizing::new([0u8; 32]);
        OsRng
            .try_fill_bytes(ephemeral_secret.as_mut())
            .map_err(|e| Error::Encryption(format!("system random source failed: {e}")))?;
        let ephemeral_public = MontgomeryPoint::mul_base_clamped(*ephemeral_secret);
        let shared = Zeroizing::new(self.diffie_hellman(*ephemeral_secret).to_bytes());
        // libsodium refuses an all-zero shared secret; parsing already refuses low-order keys,
        // so this only guards keys on the twist.
        if shared.iter().all(|b| *b == 0) {
            return Err(Error::InvalidPublicKey(KeyProblem::LowOrder));
        }
        let key = Zeroizing::new(XSalsa20Poly1305::kdf(
            GenericArray::from_slice(shared.as_ref()),
            &GenericArray::default(),
        ));
        let nonce = seal_nonce(ephemeral_public.as_bytes(), self.as_bytes());
        // Encrypted in place in the output buffer (ephemeral key ‖ tag ‖ ciphertext), so a 48 KB
        // value is not copied a second time.
        let mut out = Vec::with_capacity(SEAL_OVERHEAD + plaintext.len());
        out.extend_from_slice(ephemeral_public.as_bytes());
        out.extend_from_slice(&[0u8; TAG_LEN]);
        out.extend_from_slice(plaintext);
        match XSalsa20Poly1305::new(&key).encrypt_in_place_detached(
            &nonce,
            b"",
            &mut out[SEAL_OVERHEAD..],
        ) {
            Ok(tag) => {
                out[KEY_BYTES..SEAL_OVERHEAD].copy_from_slice(&tag);
                Ok(out)
            }
            Err(_) => {
                // The buffer still holds the plaintext.
                out.zeroize();
                Err(Error::Encryption(
                    "XSalsa20-Poly1305 refused the input".into(),
                ))
            }
        }
    }
}

/// The sealed-box nonce: BLAKE2b with a 24-byte output over both public keys.
fn seal_nonce(ephemeral_public: &[u8; 32], recipient: &[u8; 32]) -> crypto_secretbox::Nonce {
    let mut hasher = Blake2b::<U24>::new();
    hasher.update(ephemeral_public);
    hasher.update(recipient);
    hasher.finalize()
}

/// Seals a plaintext to a base64 public key and returns the base64 sealed box.
///
/// The one-call convenience for users who already hold a key; with the SDK's client, `set` does
/// this for you.
///
/// ```
/// let sealed = codespaces_secrets_core::seal("6QozyTujqDX3SX06QrR394l0Uj5mPkafff57CLSjKxE=", "hi")?;
/// assert_eq!(sealed.len(), 68); // base64 of 2 + 48 bytes
/// # Ok::<(), codespaces_secrets_core::Error>(())
/// ```
pub fn seal(public_key_base64: &str, plaintext: impl AsRef<[u8]>) -> Result<String, Error> {
    // The key_id plays no part in the cryptography; a placeholder keeps `parse`'s checks.
    let key = PublicKey::parse("-", public_key_base64)?;
    let value = SecretValue::new(plaintext.as_ref())?;
    Ok(key.seal(&value)?.encrypted_value)
}
