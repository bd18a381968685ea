//! `SecretName`: a name GitHub will accept, compared the way GitHub compares it.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, NameRule};

const RESERVED_PREFIX: &str = "GITHUB_";

/// A validated Codespaces secret name.
///
/// Only `[A-Za-z0-9_]`, not empty, not starting with a digit, not starting with `GITHUB_` in any
/// case. GitHub treats names case-insensitively (and stores them upper-case), so equality and
/// hashing here ignore ASCII case: `SecretName::new("db_url")? == SecretName::new("DB_URL")?`.
///
/// ```
/// use codespaces_secrets_core::SecretName;
/// let name = SecretName::new("database_url")?;
/// assert_eq!(name.canonical(), "DATABASE_URL");
/// assert!(SecretName::new("GITHUB_TOKEN").is_err());
/// # Ok::<(), codespaces_secrets_core::Error>(())
/// ```
#[derive(Clone)]
pub struct SecretName(String);

impl SecretName {
    /// Validates `name` against GitHub's rules.
    pub fn new(name: impl Into<String>) -> Result<Self, Error> {
        let name = name.into();
        match rule_broken(&name) {
            None => Ok(Self(name)),
            Some(rule) => Err(Error::InvalidName { name, rule }),
        }
    }

    /// The name as it was given.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name as GitHub stores it: upper-case.
    pub fn canonical(&self) -> String {
        self.0.to_ascii_uppercase()
    }
}

/// The first GitHub naming rule `name` breaks, if any.
fn rule_broken(name: &str) -> Option<NameRule> {
    let Some(first) = name.chars().next() else {
        return Some(NameRule::Empty);
    };
    if let Some((at, found)) = name
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_'))
    {
        return Some(NameRule::InvalidCharacter { found, at });
    }
    if first.is_ascii_digit() {
        return Some(NameRule::StartsWithDigit);
    }
    let starts_reserved = name
        .get(..RESERVED_PREFIX.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(RESERVED_PREFIX));
    starts_reserved.then_some(NameRule::ReservedPrefix)
}

impl fmt::Debug for SecretName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SecretName").field(&self.0).finish()
    }
}

impl fmt::Display for SecretName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq for SecretName {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(&other.0)
    }
}

impl Eq for SecretName {}

impl Hash for SecretName {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // Names are ASCII once validated, so hashing upper-cased bytes agrees with `eq`.
        for byte in self.0.bytes() {
            state.write_u8(byte.to_ascii_uppercase());
        }
        state.write_u8(0xff);
    }
}

impl PartialOrd for SecretName {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SecretName {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let upper = |s: &Self| {
            s.0.bytes()
                .map(|b| b.to_ascii_uppercase())
                .collect::<Vec<_>>()
        };
        upper(self).cmp(&upper(other))
    }
}

impl AsRef<str> for SecretName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl FromStr for SecretName {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::new(s)
    }
}

impl TryFrom<&str> for SecretName {
    type Error = Error;
    fn try_from(s: &str) -> Result<Self, Error> {
        Self::new(s)
    }
}

impl TryFrom<String> for SecretName {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Error> {
        Self::new(s)
    }
}

impl TryFrom<&String> for SecretName {
    type Error = Error;
    fn try_from(s: &String) -> Result<Self, Error> {
        Self::new(s.as_str())
    }
}

impl TryFrom<&SecretName> for SecretName {
    type Error = Error;
    fn try_from(s: &SecretName) -> Result<Self, Error> {
        Ok(s.clone())
    }
}

impl Serialize for SecretName {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for SecretName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Self::new(raw).map_err(serde::de::Error::custom)
    }
}
