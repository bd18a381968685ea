//! `State`: every account, token, repository, app, device code and scope behind the server's
//! one mutex, and the operations on accounts, repositories and scopes. The operations of one
//! feature (apps, device codes, secrets, repository lists) extend it from their own files.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::Utc;
use codespaces_secrets_core::KeyPair;

use super::app_records::Apps;
use super::device_codes::DeviceCode;
use super::model::{Account, AccountKind, Caller, Identity, Repo, ScopeKey, fold};
use super::secret_records::Secret;
use crate::auth::settings::AuthSettings;
use crate::config::Scope;
use crate::server::errors::ApiError;

/// The first key id handed out; GitHub's key ids are long decimal strings like this one.
const FIRST_KEY_ID: u64 = 568_250_167_242_549_743;
/// The first account id (octocat's real id, for familiar-looking fixtures).
const FIRST_ACCOUNT_ID: i64 = 583_231;
/// The first repository id (octocat/Hello-World's real id).
const FIRST_REPO_ID: i64 = 1_296_269;

/// A scope's key pair and secrets (keyed by upper-case name).
#[derive(Debug, Clone)]
pub(crate) struct ScopeData {
    pub(crate) key: KeyPair,
    pub(crate) secrets: BTreeMap<String, Secret>,
}

#[derive(Debug)]
pub(crate) struct State {
    pub(super) accounts: HashMap<String, Account>,
    pub(super) tokens: HashMap<String, String>,
    pub(super) repos: BTreeMap<i64, Repo>,
    pub(super) repo_index: HashMap<(String, String), i64>,
    pub(super) scopes: HashMap<ScopeKey, ScopeData>,
    pub(super) next_account_id: i64,
    pub(super) next_repo_id: i64,
    pub(super) next_key_id: u64,
    pub(super) apps: Apps,
    pub(super) device_codes: Vec<DeviceCode>,
    pub(crate) auth: AuthSettings,
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
            apps: Apps::default(),
            device_codes: Vec::new(),
            auth: AuthSettings::default(),
        }
    }

    pub(super) fn new_key(&mut self) -> KeyPair {
        let id = self.next_key_id;
        self.next_key_id += 1;
        KeyPair::generate(id.to_string())
    }

    pub(super) fn open_scope(&mut self, scope: ScopeKey) {
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

    pub(super) fn create_account(&mut self, login: &str, kind: AccountKind) -> String {
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
                topics: Vec::new(),
                archived: false,
                private: false,
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

    pub(super) fn is_member(&self, org_key: &str, user_key: &str) -> bool {
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
    pub(crate) fn may_manage_repo(&self, who: &Identity, repo: &Repo) -> bool {
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

    pub(super) fn scope_mut(&mut self, key: &ScopeKey) -> Result<&mut ScopeData, ApiError> {
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
    use crate::state::model::generate_token;

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
