use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Which repositories can use a user or organization secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    /// Every repository (organization secrets).
    All,
    /// Private and internal repositories only (organization secrets).
    Private,
    /// Only the repositories in the secret's selected list.
    Selected,
}

impl Visibility {
    /// The wire spelling: `all`, `private` or `selected`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::All => "all",
            Self::Private => "private",
            Self::Selected => "selected",
        }
    }
}

impl fmt::Display for Visibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Parsing failed: the text is none of `all`, `private`, `selected`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid visibility {0:?}: expected one of all, private, selected")]
pub struct ParseVisibilityError(pub String);

impl FromStr for Visibility {
    type Err = ParseVisibilityError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "all" => Ok(Self::All),
            "private" => Ok(Self::Private),
            "selected" => Ok(Self::Selected),
            _ => Err(ParseVisibilityError(s.to_owned())),
        }
    }
}
