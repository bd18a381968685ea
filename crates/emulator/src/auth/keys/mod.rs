//! A GitHub App's RSA key: generated here, handed to the test as PEM (the PKCS#1 form GitHub
//! downloads, and PKCS#8), and kept as its public half to check the app's JWTs.

mod der;
mod pem;

#[cfg(test)]
pub(crate) use pem::decode as pem_body;

use aws_lc_rs::encoding::AsDer as _;
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::KeyPair as _;

/// A fresh app key in every form the emulator needs.
pub(crate) struct AppKey {
    /// RFC 8017 `RSAPublicKey` DER, what [`aws_lc_rs::signature::UnparsedPublicKey`] verifies
    /// RS256 signatures with.
    pub(crate) public_der: Vec<u8>,
    /// `-----BEGIN RSA PRIVATE KEY-----`: the form GitHub's "Generate a private key" gives.
    pub(crate) pkcs1_pem: String,
    /// `-----BEGIN PRIVATE KEY-----`: what many JWT libraries and `openssl pkcs8` produce.
    pub(crate) pkcs8_pem: String,
}

impl std::fmt::Debug for AppKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppKey")
            .field("private_key", &"[redacted]")
            .finish_non_exhaustive()
    }
}

impl AppKey {
    /// A new 2048-bit RSA key, the size GitHub issues.
    ///
    /// # Panics
    ///
    /// If aws-lc cannot generate or serialize an RSA key, which happens only when the process
    /// is out of memory or its entropy source is broken: nothing a test could carry on from.
    pub(crate) fn generate() -> Self {
        let pair = KeyPair::generate(KeySize::Rsa2048)
            .expect("aws-lc generates RSA-2048 keys unless the process is out of memory");
        let pkcs8 = pair
            .as_der()
            .expect("aws-lc serializes the RSA key it just generated");
        let pkcs1 = der::pkcs1_from_pkcs8(pkcs8.as_ref())
            .expect("aws-lc writes RSA keys as PKCS#8 around a PKCS#1 RSAPrivateKey");
        Self {
            public_der: pair.public_key().as_ref().to_vec(),
            pkcs1_pem: pem::encode("RSA PRIVATE KEY", pkcs1),
            pkcs8_pem: pem::encode("PRIVATE KEY", pkcs8.as_ref()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_lc_rs::rand::SystemRandom;
    use aws_lc_rs::signature::{RSA_PKCS1_2048_8192_SHA256, RSA_PKCS1_SHA256, UnparsedPublicKey};

    fn signs_for(pair: &KeyPair, public_der: &[u8]) {
        let mut signature = vec![0; pair.public_modulus_len()];
        pair.sign(
            &RSA_PKCS1_SHA256,
            &SystemRandom::new(),
            b"msg",
            &mut signature,
        )
        .expect("sign");
        UnparsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, public_der)
            .verify(b"msg", &signature)
            .expect("the public half verifies");
    }

    #[test]
    fn both_pems_load_back_as_the_same_key() {
        let key = AppKey::generate();
        assert!(
            key.pkcs1_pem
                .starts_with("-----BEGIN RSA PRIVATE KEY-----\n")
        );
        assert!(key.pkcs8_pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
        let pkcs1 = KeyPair::from_der(&pem::decode(&key.pkcs1_pem)).expect("PKCS#1 loads");
        let pkcs8 = KeyPair::from_pkcs8(&pem::decode(&key.pkcs8_pem)).expect("PKCS#8 loads");
        assert_eq!(pkcs1.public_key().as_ref(), key.public_der.as_slice());
        assert_eq!(pkcs8.public_key().as_ref(), key.public_der.as_slice());
        signs_for(&pkcs1, &key.public_der);
        signs_for(&pkcs8, &key.public_der);
    }

    #[test]
    fn debug_hides_the_private_key() {
        let key = AppKey::generate();
        let shown = format!("{key:?}");
        assert!(!shown.contains("PRIVATE KEY-----"), "{shown}");
    }
}
