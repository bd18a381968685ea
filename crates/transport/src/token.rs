//! The API token: kept out of every Debug, Display and log line.

use std::fmt;

use zeroize::Zeroizing;

use crate::error::HttpError;

/// A GitHub token. Wiped from memory when dropped; prints as `[redacted]`.
#[derive(Clone)]
pub struct Token(Zeroizing<String>);

impl Token {
    /// Wraps a token, refusing one that is empty or could not be sent in a header.
    pub fn new(token: impl Into<String>) -> Result<Self, HttpError> {
        let token = Zeroizing::new(token.into());
        let trimmed = token.trim();
        if trimmed.is_empty() {
            return Err(HttpError::config(
                "token",
                "the token is empty; pass one or set GITHUB_TOKEN",
            ));
        }
        if trimmed.bytes().any(|b| !(0x21..=0x7e).contains(&b)) {
            return Err(HttpError::config(
                "token",
                "the token contains spaces or non-printable characters",
            ));
        }
        Ok(Self(Zeroizing::new(trimmed.to_owned())))
    }

    /// The token text, for the `Authorization` header only.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }

    /// The token text, for the few places that must hand it on: storing a device-flow login,
    /// or `auth token` printing it for a script. Never for logs or messages.
    pub fn reveal(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token([redacted])")
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}
