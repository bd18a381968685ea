//! Accepting names and values in whatever form the caller holds them.

use codespaces_secrets_core::{SecretName, SecretValue};

use crate::Error;

/// Anything that can be checked into a [`SecretName`]: `&str`, `String`, or a `SecretName`.
pub trait IntoSecretName {
    /// Validates against GitHub's naming rules.
    fn into_secret_name(self) -> Result<SecretName, Error>;
}

impl IntoSecretName for SecretName {
    fn into_secret_name(self) -> Result<SecretName, Error> {
        Ok(self)
    }
}

impl IntoSecretName for &SecretName {
    fn into_secret_name(self) -> Result<SecretName, Error> {
        Ok(self.clone())
    }
}

impl IntoSecretName for &str {
    fn into_secret_name(self) -> Result<SecretName, Error> {
        Ok(SecretName::new(self)?)
    }
}

impl IntoSecretName for String {
    fn into_secret_name(self) -> Result<SecretName, Error> {
        Ok(SecretName::new(self)?)
    }
}

impl IntoSecretName for &String {
    fn into_secret_name(self) -> Result<SecretName, Error> {
        Ok(SecretName::new(self.as_str())?)
    }
}

/// Anything that can become a [`SecretValue`]: text, bytes, or a `SecretValue`.
pub trait IntoSecretValue {
    /// Checks the size limit and moves the plaintext into a zeroizing buffer.
    fn into_secret_value(self) -> Result<SecretValue, Error>;
}

impl IntoSecretValue for SecretValue {
    fn into_secret_value(self) -> Result<SecretValue, Error> {
        Ok(self)
    }
}

impl IntoSecretValue for &SecretValue {
    fn into_secret_value(self) -> Result<SecretValue, Error> {
        Ok(self.clone())
    }
}

impl IntoSecretValue for &str {
    fn into_secret_value(self) -> Result<SecretValue, Error> {
        Ok(SecretValue::new(self)?)
    }
}

impl IntoSecretValue for String {
    fn into_secret_value(self) -> Result<SecretValue, Error> {
        Ok(SecretValue::new(self)?)
    }
}

impl IntoSecretValue for &String {
    fn into_secret_value(self) -> Result<SecretValue, Error> {
        Ok(SecretValue::new(self.as_str())?)
    }
}

impl IntoSecretValue for &[u8] {
    fn into_secret_value(self) -> Result<SecretValue, Error> {
        Ok(SecretValue::new(self)?)
    }
}

impl IntoSecretValue for Vec<u8> {
    fn into_secret_value(self) -> Result<SecretValue, Error> {
        Ok(SecretValue::new(self)?)
    }
}
