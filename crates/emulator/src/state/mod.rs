//! Everything the emulator knows: accounts, tokens, repositories, and per scope a key pair and
//! its secrets. Plain data behind one mutex; no I/O, no async.

mod apps;
mod device;
mod secrets;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use codespaces_secrets_core::KeyPair;
use rand_core::{OsRng, RngCore};

use crate::auth_settings::AuthSettings;
use crate::config::Scope;
use crate::errors::ApiError;

pub(crate) use apps::{Installation, Place};
pub(crate) use device::{Decision, DeviceError, Verdict};
pub use secrets::StoredSecret;
pub(crate) use secrets::{PutOutcome, Secret, SecretChange};

/// The first key id handed out; GitHub's key ids are long decimal strings like this one.
const FIRST_KEY_ID: u64 = 568_250_167_242_549_743;
/// The first account id (octocat's real id, for familiar-looking fixtures).
const FIRST_ACCOUNT_ID: i64 = 583_231;
/// The first repository id (octocat/Hello-World's real id).
const FIRST_REPO_ID: i64 = 1_296_269;

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
}

/// A scope's key pair and secrets (keyed by upper-case name).
#[derive(Debug, Clone)]
pub(crate) struct ScopeData {
    pub(crate) key: KeyPair,
    pub(crate) secrets: BTreeMap<String, Secret>,
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

#[derive(Debug)]
pub(crate) struct State {
    accounts: HashMap<String, Account>,
    tokens: HashMap<String, String>,
    repos: BTreeMap<i64, Repo>,
    repo_index: HashMap<(String, String), i64>,
    scopes: HashMap<ScopeKey, ScopeData>,
    next_account_id: i64,
    next_repo_id: i64,
    next_key_id: u64,
    apps: apps::Apps,
    device_codes: Vec<device::DeviceCode>,
    pub(crate) auth: AuthSettings,
}

fn fold(s: &str) -> String {
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

impl State {
    pub(crate) fn new() -> Self {
        Self {
            accounts: HashMap::new(),
            tokens: HashMap::new(),
            repos: BTreeMap::new(),
            repo_index: HashMap::new(),
            scopes: HashMap::new(),
            next_account_id: FIRST_ACCOUNT_ID,
            next_repo_id: FIRST_REPO_ID,
            next_key_id: FIRST_KEY_ID,
            apps: apps::Apps::default(),
            device_codes: Vec::new(),
            auth: AuthSettings::default(),
        }
    }

    fn new_key(&mut self) -> KeyPair {
        let id = self.next_key_id;
        self.next_key_id += 1;
        KeyPair::generate(id.to_string())
    }

    fn open_scope(&mut self, scope: ScopeKey) {
        if !self.scopes.contains_key(&scope) {
            let key = self.new_key();
            self.scopes.insert(
                scope,
                ScopeData {
                    key,
                    secrets: BTreeMap::new(),
                },
            );
        }
    }

    fn create_account(&mut self, login: &str, kind: AccountKind) -> String {
        let key = fold(login);
        if !self.accounts.contains_key(&key) {
            let id = self.next_account_id;
            self.next_account_id += 1;
            let scope = match kind {
                AccountKind::User => ScopeKey::User(key.clone()),
                AccountKind::Org { .. } => ScopeKey::Org(key.clone()),
            };
            self.accounts.insert(
                key.clone(),
                Account {
                    id,
                    login: login.to_owned(),
                    kind,
                },
            );
            self.open_scope(scope);
        }
        key
    }

    /// The user `login`, created if absent. Returns its account key.
    pub(crate) fn ensure_user(&mut self, login: &str) -> String {
        self.create_account(login, AccountKind::User)
    }

    /// Issues `token` for the user `login` (created if absent). A login that names an
    /// organization gets a token too; it then acts as that account with its own user scope.
    pub(crate) fn add_token(&mut self, login: &str, token: String) {
        let key = self.ensure_user(login);
        self.open_scope(ScopeKey::User(key.clone()));
        self.tokens.insert(token, key);
    }

    /// The organization `name`, created if absent. Returns its account key; a name already
    /// taken by a user stays a user.
    pub(crate) fn ensure_org(&mut self, name: &str) -> String {
        self.create_account(
            name,
            AccountKind::Org {
                members: BTreeSet::new(),
            },
        )
    }

    /// Makes `login` (created if absent) a member of organization `org`.
    pub(crate) fn add_member(&mut self, org: &str, login: &str) {
        let member = self.ensure_user(login);
        if let Some(Account {
            kind: AccountKind::Org { members },
            ..
        }) = self.accounts.get_mut(&fold(org))
        {
            members.insert(member);
        }
    }

    /// The repository `owner/name`, created if absent (an unknown owner becomes an organization
    /// without members). Returns its id.
    pub(crate) fn add_repo(&mut self, owner: &str, name: &str) -> i64 {
        if let Some(id) = self.repo_id(owner, name) {
            return id;
        }
        let owner_key = if self.accounts.contains_key(&fold(owner)) {
            fold(owner)
        } else {
            self.ensure_org(owner)
        };
        let id = self.next_repo_id;
        self.next_repo_id += 1;
        self.repos.insert(
            id,
            Repo {
                id,
                owner: owner_key.clone(),
                name: name.to_owned(),
                created_at: Utc::now(),
            },
        );
        self.repo_index.insert((owner_key, fold(name)), id);
        self.open_scope(ScopeKey::Repo(id));
        id
    }

    pub(crate) fn has_account(&self, login: &str) -> bool {
        self.accounts.contains_key(&fold(login))
    }

    pub(crate) fn account(&self, key: &str) -> Option<&Account> {
        self.accounts.get(key)
    }

    pub(crate) fn repo(&self, id: i64) -> Option<&Repo> {
        self.repos.get(&id)
    }

    pub(crate) fn repo_id(&self, owner: &str, name: &str) -> Option<i64> {
        self.repo_index.get(&(fold(owner), fold(name))).copied()
    }

    /// The caller a token belongs to: a user's token, or an installation token that has not
    /// expired on the emulator's clock.
    pub(crate) fn identify(&self, token: &str) -> Option<Identity> {
        let Some(key) = self.tokens.get(token) else {
            return self.identify_installation(token);
        };
        let account = self.accounts.get(key)?;
        Some(Identity {
            key: key.clone(),
            login: account.login.clone(),
            caller: Caller::User,
        })
    }

    fn is_member(&self, org_key: &str, user_key: &str) -> bool {
        matches!(
            self.accounts.get(org_key),
            Some(Account { kind: AccountKind::Org { members }, .. }) if members.contains(user_key)
        )
    }

    /// Whether `who` may manage `repo`: they own it, or belong to the organization that does.
    pub(crate) fn can_access_repo(&self, who: &str, repo: &Repo) -> bool {
        repo.owner == who || self.is_member(&repo.owner, who)
    }

    /// The caller's own secrets. An installation has none: 403, as GitHub answers an
    /// installation token on `/user/...`.
    pub(crate) fn user_scope(&self, who: &Identity) -> Result<ScopeKey, ApiError> {
        match who.caller {
            Caller::User => Ok(ScopeKey::User(who.key.clone())),
            Caller::Installation(_) | Caller::App(_) => Err(ApiError::NotAccessibleByIntegration),
        }
    }

    /// Whether `who` may manage `repo`: a user who owns it or belongs to its organization, or
    /// an installation covering it.
    fn may_manage_repo(&self, who: &Identity, repo: &Repo) -> bool {
        match who.caller {
            Caller::User => self.can_access_repo(&who.key, repo),
            Caller::Installation(id) => self.installation_covers_repo(id, repo),
            Caller::App(_) => false,
        }
    }

    /// A repository's secrets, if it exists and `who` may manage it (otherwise 404, as GitHub
    /// hides what a token cannot see — installation tokens included).
    pub(crate) fn repo_scope(
        &self,
        who: &Identity,
        owner: &str,
        name: &str,
    ) -> Result<ScopeKey, ApiError> {
        let repo = self
            .repo_id(owner, name)
            .and_then(|id| self.repos.get(&id))
            .ok_or(ApiError::NotFound)?;
        if self.may_manage_repo(who, repo) {
            Ok(ScopeKey::Repo(repo.id))
        } else {
            Err(ApiError::NotFound)
        }
    }

    /// An organization's secrets, if `who` is a member or an installation on it. An
    /// installation elsewhere gets GitHub's 403 "Resource not accessible by integration" for
    /// an organization that exists (organizations are public), 404 for one that does not.
    pub(crate) fn org_scope(&self, who: &Identity, org: &str) -> Result<ScopeKey, ApiError> {
        let key = fold(org);
        let allowed = match who.caller {
            Caller::User => self.is_member(&key, &who.key),
            Caller::Installation(id) => self.installation_covers_account(id, &key),
            Caller::App(_) => false,
        };
        let is_org = self.accounts.get(&key).is_some_and(Account::is_org);
        match who.caller {
            _ if allowed && is_org => Ok(ScopeKey::Org(key)),
            Caller::Installation(_) if is_org => Err(ApiError::NotAccessibleByIntegration),
            _ => Err(ApiError::NotFound),
        }
    }

    /// The scope a library caller means, if it exists.
    pub(crate) fn resolve(&self, scope: &Scope) -> Option<ScopeKey> {
        let key = match scope {
            Scope::User(login) => ScopeKey::User(fold(login)),
            Scope::Repo { owner, repo } => ScopeKey::Repo(self.repo_id(owner, repo)?),
            Scope::Org(org) => ScopeKey::Org(fold(org)),
        };
        self.scopes.contains_key(&key).then_some(key)
    }

    pub(crate) fn scope(&self, key: &ScopeKey) -> Option<&ScopeData> {
        self.scopes.get(key)
    }

    fn scope_mut(&mut self, key: &ScopeKey) -> Result<&mut ScopeData, ApiError> {
        self.scopes.get_mut(key).ok_or(ApiError::NotFound)
    }

    /// Replaces a scope's key pair with a new one under a new key id; values sealed to the old
    /// key are refused from now on.
    pub(crate) fn rotate_key(&mut self, key: &ScopeKey) -> Option<KeyPair> {
        let pair = self.new_key();
        let scope = self.scopes.get_mut(key)?;
        scope.key = pair.clone();
        Some(pair)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(state: &State, token: &str) -> Identity {
        state.identify(token).expect("known token")
    }

    #[test]
    fn tokens_identify_users_case_insensitively_by_login() {
        let mut state = State::new();
        state.add_token("OctoCat", "t1".to_owned());
        let id = who(&state, "t1");
        assert_eq!((id.key.as_str(), id.login.as_str()), ("octocat", "OctoCat"));
        assert!(state.identify("nope").is_none());
    }

    #[test]
    fn repository_access_follows_ownership_and_membership() {
        let mut state = State::new();
        state.add_token("alice", "a".to_owned());
        state.add_token("bob", "b".to_owned());
        state.ensure_org("acme");
        state.add_member("acme", "alice");
        state.add_repo("alice", "mine");
        state.add_repo("acme", "shared");
        let alice = who(&state, "a");
        let bob = who(&state, "b");
        assert!(state.repo_scope(&alice, "ALICE", "Mine").is_ok());
        assert!(state.repo_scope(&alice, "acme", "shared").is_ok());
        assert_eq!(
            state.repo_scope(&bob, "alice", "mine"),
            Err(ApiError::NotFound)
        );
        assert_eq!(state.org_scope(&bob, "acme"), Err(ApiError::NotFound));
        assert!(state.org_scope(&alice, "ACME").is_ok());
        // A user is not an organization.
        assert_eq!(state.org_scope(&alice, "alice"), Err(ApiError::NotFound));
    }

    #[test]
    fn rotation_changes_the_key_id() {
        let mut state = State::new();
        state.ensure_org("acme");
        let scope = state.resolve(&Scope::org("acme")).expect("org scope");
        let before = state.scope(&scope).expect("scope").key.key_id().clone();
        state.rotate_key(&scope);
        let after = state.scope(&scope).expect("scope").key.key_id().clone();
        assert_ne!(before, after);
    }

    #[test]
    fn generated_tokens_look_like_github_tokens() {
        let token = generate_token();
        assert!(token.starts_with("ghp_"));
        assert_eq!(token.len(), 40);
        assert_ne!(token, generate_token());
    }
}
