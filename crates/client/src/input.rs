//! Accepting names and values in whatever form the caller holds them.

use codespaces_secrets_core::{SecretName, SecretValue};

use crate::Error;

/// Anything that can be checked into a [`SecretName`]: `&str`, `String`, or a `SecretName`.
pub trait IntoSecretName {
    /// Validates against GitHub's naming rules.
    fn into_secret_name(self) -> Result<SecretName, Error>;
}

/// Anything that can become a [`SecretValue`]: text, bytes, or a `SecretValue`.
pub trait IntoSecretValue {
    /// Checks the size limit and moves the plaintext into a zeroizing buffer.
    fn into_secret_value(self) -> Result<SecretValue, Error>;
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

/// Raw inputs go through the core type's own validating constructor.
macro_rules! validated {
    ($trait:ident :: $method:ident -> $target:ident for $($raw:ty),+) => {
        $(impl $trait for $raw {
            fn $method(self) -> Result<$target, Error> {
                Ok($target::new(self)?)
            }
        })+
    };
}

validated!(IntoSecretName::into_secret_name -> SecretName for &str, String, &String);
validated!(IntoSecretValue::into_secret_value -> SecretValue for &str, String, &[u8], Vec<u8>);

impl IntoSecretValue for &String {
    fn into_secret_value(self) -> Result<SecretValue, Error> {
        Ok(SecretValue::new(self.as_str())?)
    }
}
