//! Secrets within a scope: create-or-update, delete, and the selected-repositories lists, with
//! GitHub's rules (limits, visibility, which repositories may be selected).

use std::collections::BTreeSet;

use chrono::Utc;
use codespaces_secrets_core::{
    Error as CoreError, MAX_VALUE_BYTES, SEAL_OVERHEAD, SecretValue, Visibility,
};

use super::model::{Repo, ScopeKey};
use super::secret_records::{
    MAX_SECRETS_PER_SCOPE, PutOutcome, RepoOp, Secret, SecretChange, StoredSecret,
};
use super::store::State;
use crate::server::errors::{ApiError, FieldError};

fn bad_repository(scope: &ScopeKey, op: RepoOp, id: i64) -> ApiError {
    match (scope, op) {
        // User operations document 404 for repositories the user cannot see.
        (ScopeKey::User(_), _) | (_, RepoOp::SetRepos) => ApiError::NotFound,
        _ => ApiError::Validation(vec![FieldError::secret(
            "invalid",
            "selected_repository_ids",
            format!("repository {id} does not exist or does not belong to the organization"),
        )]),
    }
}

fn not_selected_conflict() -> ApiError {
    ApiError::Conflict(
        "The secret's visibility is not `selected`; set it to `selected` to manage its repositories."
            .to_owned(),
    )
}

impl State {
    /// Opens a sealed value sent for `scope`, checking it the way GitHub does: the key id must be
    /// the scope's current one, the value standard base64 of a sealed box that opens, and the
    /// plaintext at most 48 KB.
    pub(crate) fn open_value(
        &self,
        scope: &ScopeKey,
        key_id: &str,
        encrypted_value: &str,
    ) -> Result<SecretValue, ApiError> {
        let data = self.scope(scope).ok_or(ApiError::NotFound)?;
        if data.key.key_id().as_str() != key_id {
            return Err(ApiError::invalid(
                "key_id",
                "key_id does not match the current public key; fetch the public key again",
            ));
        }
        // Refuse an oversized value by its length, before spending time on opening it.
        let max_base64 = (MAX_VALUE_BYTES + SEAL_OVERHEAD).div_ceil(3) * 4;
        if encrypted_value.len() > max_base64 {
            return Err(too_large());
        }
        data.key.open(encrypted_value).map_err(|e| match e {
            CoreError::SealedNotBase64(_) => {
                ApiError::invalid("encrypted_value", "encrypted_value must be standard base64")
            }
            CoreError::ValueTooLarge { .. } => too_large(),
            CoreError::SealedTooShort { .. } => ApiError::invalid(
                "encrypted_value",
                "encrypted_value is too short to be a sealed box",
            ),
            _ => ApiError::invalid(
                "encrypted_value",
                "encrypted_value could not be decrypted with the key for key_id",
            ),
        })
    }

    /// Whether `id` may be selected for a secret of `scope`: user secrets take repositories
    /// the user can manage, organization secrets the organization's own.
    fn selectable(&self, scope: &ScopeKey, id: i64) -> bool {
        let Some(repo) = self.repo(id) else {
            return false;
        };
        match scope {
            ScopeKey::User(user) => self.can_access_repo(user, repo),
            ScopeKey::Org(org) => &repo.owner == org,
            ScopeKey::Repo(_) => false,
        }
    }

    fn check_repos(&self, scope: &ScopeKey, ids: &[i64], op: RepoOp) -> Result<(), ApiError> {
        match ids.iter().find(|id| !self.selectable(scope, **id)) {
            Some(id) => Err(bad_repository(scope, op, *id)),
            None => Ok(()),
        }
    }

    /// Creates or updates a secret. A PUT without a value may only change an existing secret's
    /// visibility or repositories.
    pub(crate) fn put_secret(
        &mut self,
        scope: &ScopeKey,
        name: &str,
        change: SecretChange,
    ) -> Result<PutOutcome, ApiError> {
        let data = self.scope(scope).ok_or(ApiError::NotFound)?;
        let existing = data.secrets.get(name);
        if existing.is_none() {
            if change.value.is_none() {
                return Err(ApiError::Validation(vec![FieldError::secret(
                    "missing_field",
                    "encrypted_value",
                    "encrypted_value is required to create a secret".to_owned(),
                )]));
            }
            if data.secrets.len() >= MAX_SECRETS_PER_SCOPE {
                return Err(ApiError::Validation(vec![FieldError::secret(
                    "custom",
                    "name",
                    format!(
                        "a scope can hold at most {MAX_SECRETS_PER_SCOPE} Codespaces secrets; delete one first"
                    ),
                )]));
            }
        }
        let visibility = match scope {
            ScopeKey::Repo(_) => None,
            ScopeKey::User(_) => Some(Visibility::Selected),
            ScopeKey::Org(_) => change
                .visibility
                .or(existing.and_then(|s| s.visibility))
                .or(Some(Visibility::All)),
        };
        let selected = match (scope, visibility, change.selected) {
            (ScopeKey::Repo(_), _, _) => BTreeSet::new(),
            (ScopeKey::Org(_), Some(v), Some(ids)) if v != Visibility::Selected => {
                if !ids.is_empty() {
                    return Err(ApiError::Validation(vec![FieldError::secret(
                        "invalid",
                        "selected_repository_ids",
                        "selected_repository_ids can only be given when visibility is `selected`"
                            .to_owned(),
                    )]));
                }
                BTreeSet::new()
            }
            (ScopeKey::Org(_), Some(v), None) if v != Visibility::Selected => BTreeSet::new(),
            // As on GitHub: an organization PUT that omits the ids selects no repositories,
            // even when the secret had some (clients must re-send them to keep them).
            (ScopeKey::Org(_), _, None) => BTreeSet::new(),
            (_, _, Some(ids)) => {
                self.check_repos(scope, &ids, RepoOp::PutSecret)?;
                ids.into_iter().collect()
            }
            (_, _, None) => existing.map(|s| s.selected.clone()).unwrap_or_default(),
        };
        let now = Utc::now();
        let data = self.scope_mut(scope)?;
        match data.secrets.get_mut(name) {
            Some(secret) => {
                if let Some(value) = change.value {
                    secret.value = value;
                }
                secret.visibility = visibility;
                secret.selected = selected;
                secret.updated_at = now;
                Ok(PutOutcome::Updated)
            }
            None => {
                let Some(value) = change.value else {
                    return Err(ApiError::NotFound);
                };
                data.secrets.insert(
                    name.to_owned(),
                    Secret {
                        value,
                        created_at: now,
                        updated_at: now,
                        visibility,
                        selected,
                    },
                );
                Ok(PutOutcome::Created)
            }
        }
    }

    /// Someone else's write, for tests: a new value, and an `updated_at` that differs from the
    /// previous one as GitHub shows it (whole seconds), however soon after it this comes.
    pub(crate) fn overwrite_value(
        &mut self,
        scope: &ScopeKey,
        name: &str,
        value: SecretValue,
    ) -> bool {
        let Ok(data) = self.scope_mut(scope) else {
            return false;
        };
        let Some(secret) = data.secrets.get_mut(name) else {
            return false;
        };
        secret.value = value;
        secret.updated_at = Utc::now().max(secret.updated_at + chrono::Duration::seconds(1));
        true
    }

    pub(crate) fn secret(&self, scope: &ScopeKey, name: &str) -> Result<&Secret, ApiError> {
        self.scope(scope)
            .and_then(|data| data.secrets.get(name))
            .ok_or(ApiError::NotFound)
    }

    pub(crate) fn delete_secret(&mut self, scope: &ScopeKey, name: &str) -> Result<(), ApiError> {
        self.scope_mut(scope)?
            .secrets
            .remove(name)
            .map(drop)
            .ok_or(ApiError::NotFound)
    }

    /// All secrets of a scope, sorted by name.
    pub(crate) fn secrets_of(&self, scope: &ScopeKey) -> Vec<(&String, &Secret)> {
        self.scope(scope)
            .map(|data| data.secrets.iter().collect())
            .unwrap_or_default()
    }

    /// The repositories selected for a secret that still exist, by ascending id.
    pub(crate) fn selected_repos(
        &self,
        scope: &ScopeKey,
        name: &str,
    ) -> Result<Vec<&Repo>, ApiError> {
        let secret = self.secret(scope, name)?;
        Ok(secret
            .selected
            .iter()
            .filter_map(|id| self.repo(*id))
            .collect())
    }

    fn manageable_secret(&mut self, scope: &ScopeKey, name: &str) -> Result<&mut Secret, ApiError> {
        let secret = self
            .scope_mut(scope)?
            .secrets
            .get_mut(name)
            .ok_or(ApiError::NotFound)?;
        if matches!(secret.visibility, Some(v) if v != Visibility::Selected) {
            return Err(not_selected_conflict());
        }
        Ok(secret)
    }

    /// Replaces a secret's selected repositories. As on GitHub, a change of repositories moves
    /// `updated_at` like a value write does (integrations/terraform-provider-github#1924).
    pub(crate) fn set_selected(
        &mut self,
        scope: &ScopeKey,
        name: &str,
        ids: Vec<i64>,
    ) -> Result<(), ApiError> {
        self.manageable_secret(scope, name)?;
        self.check_repos(scope, &ids, RepoOp::SetRepos)?;
        let secret = self.manageable_secret(scope, name)?;
        secret.selected = ids.into_iter().collect();
        secret.updated_at = Utc::now();
        Ok(())
    }

    /// Adds (`add`) or removes one repository; both are idempotent.
    pub(crate) fn change_selected(
        &mut self,
        scope: &ScopeKey,
        name: &str,
        id: i64,
        add: bool,
    ) -> Result<(), ApiError> {
        self.manageable_secret(scope, name)?;
        self.check_repos(scope, &[id], RepoOp::AddOrRemoveRepo)?;
        let secret = self.manageable_secret(scope, name)?;
        let changed = if add {
            secret.selected.insert(id)
        } else {
            secret.selected.remove(&id)
        };
        if changed {
            secret.updated_at = Utc::now();
        }
        Ok(())
    }

    /// Decrypted copies of a scope's secrets, for inspection.
    pub(crate) fn stored(&self, scope: &ScopeKey) -> Vec<StoredSecret> {
        self.secrets_of(scope)
            .into_iter()
            .map(|(name, secret)| StoredSecret {
                name: name.clone(),
                value: secret.value.clone(),
                created_at: secret.created_at,
                updated_at: secret.updated_at,
                visibility: secret.visibility,
                selected_repository_ids: secret.selected.iter().copied().collect(),
            })
            .collect()
    }
}

fn too_large() -> ApiError {
    ApiError::invalid(
        "encrypted_value",
        format!("the secret value is larger than {MAX_VALUE_BYTES} bytes (48 KB)"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Scope;

    fn setup() -> (State, ScopeKey, ScopeKey) {
        let mut state = State::new();
        state.add_token("alice", "a".to_owned());
        state.ensure_org("acme");
        state.add_member("acme", "alice");
        state.add_repo("alice", "r1");
        state.add_repo("acme", "r2");
        let user = state.resolve(&Scope::user("alice")).expect("user");
        let org = state.resolve(&Scope::org("acme")).expect("org");
        (state, user, org)
    }

    fn value(text: &str) -> Option<SecretValue> {
        Some(SecretValue::new(text).expect("value"))
    }

    #[test]
    fn created_then_updated() {
        let (mut state, user, _) = setup();
        let change = || SecretChange {
            value: value("v"),
            ..SecretChange::default()
        };
        assert_eq!(
            state.put_secret(&user, "A", change()),
            Ok(PutOutcome::Created)
        );
        assert_eq!(
            state.put_secret(&user, "A", change()),
            Ok(PutOutcome::Updated)
        );
    }

    #[test]
    fn at_most_one_hundred_secrets() {
        let (mut state, user, _) = setup();
        for i in 0..MAX_SECRETS_PER_SCOPE {
            let change = SecretChange {
                value: value("v"),
                ..SecretChange::default()
            };
            state
                .put_secret(&user, &format!("S{i}"), change)
                .expect("fits");
        }
        let change = SecretChange {
            value: value("v"),
            ..SecretChange::default()
        };
        assert!(matches!(
            state.put_secret(&user, "ONE_MORE", change),
            Err(ApiError::Validation(_))
        ));
    }

    #[test]
    fn org_repositories_need_selected_visibility() {
        let (mut state, _, org) = setup();
        let r2 = state.repo_id("acme", "r2").expect("r2");
        let change = SecretChange {
            value: value("v"),
            visibility: Some(Visibility::All),
            selected: None,
        };
        state.put_secret(&org, "S", change).expect("created");
        assert!(matches!(
            state.set_selected(&org, "S", vec![r2]),
            Err(ApiError::Conflict(_))
        ));
        assert!(matches!(
            state.change_selected(&org, "S", r2, true),
            Err(ApiError::Conflict(_))
        ));
    }

    #[test]
    fn user_secrets_only_take_reachable_repositories() {
        let (mut state, user, _) = setup();
        let r1 = state.repo_id("alice", "r1").expect("r1");
        let r2 = state.repo_id("acme", "r2").expect("r2");
        let other = state.add_repo("mallory", "x");
        let change = SecretChange {
            value: value("v"),
            visibility: None,
            selected: Some(vec![r1, r2]),
        };
        state.put_secret(&user, "S", change).expect("created");
        assert_eq!(
            state.change_selected(&user, "S", other, true),
            Err(ApiError::NotFound)
        );
        assert_eq!(state.selected_repos(&user, "S").expect("listed").len(), 2);
    }
}
