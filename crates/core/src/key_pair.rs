//! `KeyPair`: the receiving side of a sealed box, for the emulator and for tests.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use rand_core::OsRng;

use crate::error::Error;
use crate::models::KeyId;
use crate::public_key::PublicKey;
use crate::sealed_box::SEAL_OVERHEAD;
use crate::value::SecretValue;

/// An X25519 key pair with a `key_id`: what GitHub holds for each scope.
///
/// Opening uses `crypto_box`'s `unseal`, an implementation independent of our `seal`.
#[derive(Clone)]
pub struct KeyPair {
    key_id: KeyId,
    secret: crypto_box::SecretKey,
    public: PublicKey,
}

impl KeyPair {
    /// A fresh random key pair.
    pub fn generate(key_id: impl Into<KeyId>) -> Self {
        let secret = crypto_box::SecretKey::generate(&mut OsRng);
        Self::from_secret(key_id.into(), secret)
    }

    /// A key pair from a 32-byte secret key in standard base64.
    pub fn from_secret_base64(
        key_id: impl Into<KeyId>,
        secret_base64: &str,
    ) -> Result<Self, Error> {
        let bytes = STANDARD
            .decode(secret_base64)
            .map_err(|_| Error::InvalidSecretKey)?;
        let secret =
            crypto_box::SecretKey::from_slice(&bytes).map_err(|_| Error::InvalidSecretKey)?;
        Ok(Self::from_secret(key_id.into(), secret))
    }

    fn from_secret(key_id: KeyId, secret: crypto_box::SecretKey) -> Self {
        let public_bytes = *secret.public_key().as_bytes();
        // A generated or decoded secret key always yields a prime-order public key.
        let public = PublicKey::from_bytes(key_id.clone(), public_bytes).unwrap_or_else(|_| {
            unreachable!("X25519 public keys from a secret are never low order")
        });
        Self {
            key_id,
            secret,
            public,
        }
    }

    /// The key id.
    pub fn key_id(&self) -> &KeyId {
        &self.key_id
    }

    /// The public half, as the API's public-key endpoint would return it.
    pub fn public_key(&self) -> &PublicKey {
        &self.public
    }

    /// The secret key in standard base64 (for test fixtures; treat it as a secret).
    pub fn secret_base64(&self) -> String {
        STANDARD.encode(self.secret.to_bytes())
    }

    /// Opens a base64 sealed box (an `encrypted_value`).
    pub fn open(&self, encrypted_value_base64: &str) -> Result<SecretValue, Error> {
        let sealed = STANDARD
            .decode(encrypted_value_base64)
            .map_err(|e| Error::SealedNotBase64(e.to_string()))?;
        self.open_bytes(&sealed)
    }

    /// Opens a raw sealed box.
    pub fn open_bytes(&self, sealed: &[u8]) -> Result<SecretValue, Error> {
        if sealed.len() < SEAL_OVERHEAD {
            return Err(Error::SealedTooShort { len: sealed.len() });
        }
        let plaintext = self.secret.unseal(sealed).map_err(|_| Error::OpenFailed)?;
        SecretValue::new(plaintext)
    }
}

impl fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyPair")
            .field("key_id", &self.key_id.as_str())
            .field("public", &self.public.to_base64())
            .field("secret", &"[redacted]")
            .finish()
    }
}
