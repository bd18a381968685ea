//! What tests may do to a running emulator, from Rust ([`crate::Emulator`]) or over HTTP
//! (`/_emulator/...`): add accounts and repositories, rotate keys, read what was stored.

use codespaces_secrets_core::{PublicKey, SecretValue};

use crate::config::Scope;
use crate::repos::spec::RepoSpec;
use crate::server::ServerState;
use crate::state::{StoredSecret, generate_token};

impl ServerState {
    /// Issues a token for `login` (creating the user if needed); `None` generates one.
    pub(crate) fn add_user(&self, login: &str, token: Option<String>) -> String {
        let token = token.unwrap_or_else(generate_token);
        self.state().add_token(login, token.clone());
        token
    }

    /// Creates the organization if needed and makes `members` (created if needed) members.
    pub(crate) fn add_org(&self, name: &str, members: &[&str]) {
        let mut state = self.state();
        state.ensure_org(name);
        for member in members {
            state.add_member(name, member);
        }
    }

    pub(crate) fn add_repo(&self, owner: &str, name: &str) -> i64 {
        self.state().add_repo(owner, name)
    }

    /// Creates (or updates) a repository; an unknown owner becomes an organization the demo
    /// user belongs to. Returns its id.
    pub(crate) fn add_repository(&self, spec: &RepoSpec) -> i64 {
        self.state().apply_repo_spec(spec, self.user_login())
    }

    /// [`ServerState::add_repository`] for each, in order, under one lock.
    pub(crate) fn add_repositories(&self, specs: &[RepoSpec]) -> Vec<i64> {
        let mut state = self.state();
        specs
            .iter()
            .map(|spec| state.apply_repo_spec(spec, self.user_login()))
            .collect()
    }

    pub(crate) fn rotate_key(&self, scope: &Scope) -> Option<PublicKey> {
        let mut state = self.state();
        let key = state.resolve(scope)?;
        state.rotate_key(&key).map(|pair| pair.public_key().clone())
    }

    pub(crate) fn public_key(&self, scope: &Scope) -> Option<PublicKey> {
        let state = self.state();
        let key = state.resolve(scope)?;
        state.scope(&key).map(|data| data.key.public_key().clone())
    }

    pub(crate) fn stored_secrets(&self, scope: &Scope) -> Option<Vec<StoredSecret>> {
        let state = self.state();
        let key = state.resolve(scope)?;
        Some(state.stored(&key))
    }

    pub(crate) fn stored_secret(&self, scope: &Scope, name: &str) -> Option<StoredSecret> {
        let wanted = name.to_ascii_uppercase();
        self.stored_secrets(scope)?
            .into_iter()
            .find(|secret| secret.name == wanted)
    }

    pub(crate) fn secret_value(&self, scope: &Scope, name: &str) -> Option<SecretValue> {
        self.stored_secret(scope, name).map(|secret| secret.value)
    }

    pub(crate) fn overwrite_secret(&self, scope: &Scope, name: &str, value: SecretValue) -> bool {
        let mut state = self.state();
        let Some(key) = state.resolve(scope) else {
            return false;
        };
        state.overwrite_value(&key, &name.to_ascii_uppercase(), value)
    }
}
