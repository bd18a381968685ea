//! Which rustls crypto provider HTTPS uses. Certificates are checked against the OS trust store
//! (rustls-platform-verifier) either way; only the cryptography library differs.
//!
//! - `aws-lc-rs` (default): reqwest's own choice, built in; nothing to install.
//! - `ring`: about 0.7 MB smaller in a stripped library; the Kotlin/Swift library uses it.
//!   reqwest then takes the process-wide default provider, which has to be installed before the
//!   first client is built.

#[cfg(not(any(feature = "aws-lc-rs", feature = "ring")))]
compile_error!(
    "codespaces-secrets needs a TLS provider: the `aws-lc-rs` (default) or `ring` feature"
);

/// Installs ring as the process default when it is the only provider compiled in. A provider
/// the application installed first is kept (reqwest uses whichever is installed).
pub(crate) fn install_crypto_provider() {
    #[cfg(all(feature = "ring", not(feature = "aws-lc-rs")))]
    {
        // Err only means a default is already installed; reqwest then uses that one.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}
