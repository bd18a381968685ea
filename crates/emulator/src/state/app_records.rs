//! What GitHub Apps are made of here: app records, installations and the tokens minted for them.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use chrono::{DateTime, Utc};

use super::model::Repo;

/// Ids of apps and installations come from different ranges, so a test that swaps them fails.
pub(super) const FIRST_APP_ID: u64 = 100_001;
pub(super) const FIRST_INSTALLATION_ID: u64 = 40_000_001;

/// A registered app: what the App endpoints show, and the public key its JWTs must verify with.
#[derive(Debug, Clone)]
pub(crate) struct AppRecord {
    pub(crate) id: u64,
    pub(crate) client_id: String,
    pub(crate) slug: String,
    pub(crate) name: String,
    /// RFC 8017 `RSAPublicKey` DER.
    pub(crate) public_key: Vec<u8>,
}

/// What an installation is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// A user or organization (by account key): all its repositories.
    Account(String),
    /// One repository (by id).
    Repo(i64),
}

#[derive(Debug, Clone)]
pub(crate) struct Installation {
    pub(crate) id: u64,
    pub(crate) app_id: u64,
    pub(crate) target: Target,
}

impl Installation {
    pub(crate) fn covers_repo(&self, repo: &Repo) -> bool {
        match &self.target {
            Target::Account(key) => &repo.owner == key,
            Target::Repo(id) => *id == repo.id,
        }
    }

    pub(crate) fn covers_account(&self, key: &str) -> bool {
        matches!(&self.target, Target::Account(k) if k == key)
    }

    /// GitHub's `repository_selection`: an account installation has `all` its repositories.
    pub(crate) fn repository_selection(&self) -> &'static str {
        match self.target {
            Target::Account(_) => "all",
            Target::Repo(_) => "selected",
        }
    }
}

/// Where an App endpoint looks for the app's installation.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Place<'a> {
    Org(&'a str),
    User(&'a str),
    Repo { owner: &'a str, name: &'a str },
}

pub(super) struct IssuedToken {
    pub(super) installation_id: u64,
    pub(super) expires_at: DateTime<Utc>,
}

/// Every app, installation and installation token.
#[derive(Default)]
pub(crate) struct Apps {
    pub(super) apps: BTreeMap<u64, AppRecord>,
    pub(super) installations: BTreeMap<u64, Installation>,
    pub(super) tokens: HashMap<String, IssuedToken>,
}

/// The tokens are credentials: Debug shows how many there are, never which.
impl fmt::Debug for Apps {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Apps")
            .field("apps", &self.apps)
            .field("installations", &self.installations)
            .field("tokens", &self.tokens.len())
            .finish()
    }
}
