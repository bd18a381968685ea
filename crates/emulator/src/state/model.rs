//! The plain records of the emulator's world — accounts, repositories, scope keys, callers —
//! and the token shapes GitHub uses. No behaviour that needs the whole `State`.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use rand_core::{OsRng, RngCore};

/// Where secrets live, by stable key: account keys are lower-case logins (GitHub logins are
/// case-insensitive), repositories are keyed by id so a lookup by any spelling lands here.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum ScopeKey {
    User(String),
    Repo(i64),
    Org(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum AccountKind {
    User,
    Org { members: BTreeSet<String> },
}

/// A user or an organization: they share one namespace, as on GitHub.
#[derive(Debug, Clone)]
pub(crate) struct Account {
    pub(crate) id: i64,
    /// The login as first given (display spelling).
    pub(crate) login: String,
    pub(crate) kind: AccountKind,
}

impl Account {
    pub(crate) fn is_org(&self) -> bool {
        matches!(self.kind, AccountKind::Org { .. })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Repo {
    pub(crate) id: i64,
    /// The owner's account key.
    pub(crate) owner: String,
    pub(crate) name: String,
    pub(crate) created_at: DateTime<Utc>,
    /// GitHub topics, lower-case, each once.
    pub(crate) topics: Vec<String>,
    pub(crate) archived: bool,
    /// Seen only by those who may manage it (public repositories are seen by every token).
    pub(crate) private: bool,
}

/// What kind of credential a request came with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Caller {
    /// A user's token (personal access token, or a device-flow `ghu_` token).
    User,
    /// An installation token (`ghs_...`) of this installation.
    Installation(u64),
    /// A GitHub App itself, by a JWT (accepted on the App endpoints only).
    App(u64),
}

/// The authenticated caller of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Identity {
    /// Rate-limit key: the account key (lower-case login) of a user; `installation:ID` or
    /// `app:ID` otherwise (never a login, which cannot hold a colon).
    pub(crate) key: String,
    /// Display login (`slug[bot]` for an installation).
    pub(crate) login: String,
    pub(crate) caller: Caller,
}

pub(crate) fn fold(s: &str) -> String {
    s.to_ascii_lowercase()
}

/// Letters and digits, the alphabet of GitHub's tokens and client ids.
pub(crate) const ALPHANUMERIC: &[u8] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// `len` characters drawn from `alphabet` (ASCII) by the operating system's generator.
pub(crate) fn random_string(alphabet: &[u8], len: usize) -> String {
    (0..len)
        .map(|_| char::from(alphabet[(OsRng.next_u32() as usize) % alphabet.len()]))
        .collect()
}

/// A token shaped like GitHub's: `prefix` (`ghp_`, `ghs_`, `ghu_`) and 36 alphanumerics.
pub(crate) fn generate_token_with(prefix: &str) -> String {
    format!("{prefix}{}", random_string(ALPHANUMERIC, 36))
}

/// A token shaped like a GitHub personal access token: `ghp_` and 36 alphanumerics.
pub(crate) fn generate_token() -> String {
    generate_token_with("ghp_")
}
