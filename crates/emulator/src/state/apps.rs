//! GitHub Apps, their installations, and the installation tokens (`ghs_...`) minted for them.
//! An installation on an account covers that account and every repository it owns; one on a
//! repository covers that repository alone.

use chrono::{DateTime, Timelike as _, Utc};

use super::app_records::{
    AppRecord, FIRST_APP_ID, FIRST_INSTALLATION_ID, Installation, IssuedToken, Place, Target,
};
use super::model::{Account, Caller, Identity, Repo, fold, generate_token_with};
use super::store::State;
use crate::auth::jwt::Issuer;
use crate::auth::settings::after;
use crate::config::Scope;

impl State {
    /// Registers an app whose JWTs verify with `public_key`; returns its record.
    pub(crate) fn register_app(&mut self, client_id: String, public_key: Vec<u8>) -> AppRecord {
        let n = self.apps.apps.len() as u64 + 1;
        let record = AppRecord {
            id: FIRST_APP_ID + n - 1,
            client_id,
            slug: format!("emulator-app-{n}"),
            name: format!("Emulator App {n}"),
            public_key,
        };
        self.apps.apps.insert(record.id, record.clone());
        record
    }

    pub(crate) fn app(&self, id: u64) -> Option<&AppRecord> {
        self.apps.apps.get(&id)
    }

    /// The app a JWT's `iss` names.
    pub(crate) fn app_by_issuer(&self, issuer: &Issuer) -> Option<&AppRecord> {
        match issuer {
            Issuer::Id(id) => self.app(*id),
            Issuer::ClientId(client_id) => self.app_by_client_id(client_id),
        }
    }

    pub(crate) fn app_by_client_id(&self, client_id: &str) -> Option<&AppRecord> {
        self.apps
            .apps
            .values()
            .find(|app| app.client_id == client_id)
    }

    /// Installs app `app_id` on an organization, a user or a repository (each created if
    /// absent, as `add_org`/`add_user`/`add_repo` would). Installing twice on the same target
    /// returns the first installation. `None` for an unknown app.
    pub(crate) fn install_app(&mut self, app_id: u64, on: &Scope) -> Option<u64> {
        self.app(app_id)?;
        let target = match on {
            Scope::Org(name) => Target::Account(self.ensure_org(name)),
            Scope::User(login) => Target::Account(self.ensure_user(login)),
            Scope::Repo { owner, repo } => Target::Repo(self.add_repo(owner, repo)),
        };
        let installations = &mut self.apps.installations;
        if let Some(existing) = installations
            .values()
            .find(|i| i.app_id == app_id && i.target == target)
        {
            return Some(existing.id);
        }
        let id = FIRST_INSTALLATION_ID + installations.len() as u64;
        installations.insert(id, Installation { id, app_id, target });
        Some(id)
    }

    pub(crate) fn installation(&self, id: u64) -> Option<&Installation> {
        self.apps.installations.get(&id)
    }

    /// App `app_id`'s installation that covers `place`, if any (the first installed, should
    /// several).
    pub(crate) fn find_installation(&self, app_id: u64, place: Place<'_>) -> Option<&Installation> {
        let mut mine = self
            .apps
            .installations
            .values()
            .filter(|i| i.app_id == app_id);
        match place {
            Place::Org(name) | Place::User(name) => {
                let key = fold(name);
                let account = self.account(&key)?;
                if account.is_org() != matches!(place, Place::Org(_)) {
                    return None;
                }
                mine.find(|i| i.covers_account(&key))
            }
            Place::Repo { owner, name } => {
                let repo = self.repo(self.repo_id(owner, name)?)?;
                mine.find(|i| i.covers_repo(repo))
            }
        }
    }

    /// The account an installation is on (a repository installation's owner).
    pub(crate) fn installation_account(&self, installation: &Installation) -> Option<&Account> {
        match &installation.target {
            Target::Account(key) => self.account(key),
            Target::Repo(id) => self.account(&self.repo(*id)?.owner),
        }
    }

    /// Mints a new `ghs_` token for the installation, valid for the configured lifetime on the
    /// emulator's clock, to the whole second (what `expires_at` shows is exactly what is
    /// enforced). Tokens already expired are forgotten: they would be refused either way.
    pub(crate) fn issue_installation_token(
        &mut self,
        installation_id: u64,
    ) -> (String, DateTime<Utc>) {
        let now = self.auth.now();
        let expires_at = after(now, self.auth.installation_token_lifetime);
        let expires_at = expires_at.with_nanosecond(0).unwrap_or(expires_at);
        self.apps.tokens.retain(|_, issued| issued.expires_at > now);
        let token = generate_token_with("ghs_");
        self.apps.tokens.insert(
            token.clone(),
            IssuedToken {
                installation_id,
                expires_at,
            },
        );
        (token, expires_at)
    }

    /// The installation an unexpired `ghs_` token acts for.
    pub(super) fn identify_installation(&self, token: &str) -> Option<Identity> {
        let issued = self.apps.tokens.get(token)?;
        if issued.expires_at <= self.auth.now() {
            return None;
        }
        let installation = self.installation(issued.installation_id)?;
        let app = self.app(installation.app_id)?;
        Some(Identity {
            key: format!("installation:{}", installation.id),
            login: format!("{}[bot]", app.slug),
            caller: Caller::Installation(installation.id),
        })
    }

    /// The identity of an app authenticated by its JWT.
    pub(crate) fn app_identity(&self, app_id: u64) -> Option<Identity> {
        let app = self.app(app_id)?;
        Some(Identity {
            key: format!("app:{app_id}"),
            login: app.slug.clone(),
            caller: Caller::App(app_id),
        })
    }

    /// Whether installation `id` covers `repo`.
    pub(super) fn installation_covers_repo(&self, id: u64, repo: &Repo) -> bool {
        self.installation(id).is_some_and(|i| i.covers_repo(repo))
    }

    /// Whether installation `id` is on the account `key`.
    pub(super) fn installation_covers_account(&self, id: u64, key: &str) -> bool {
        self.installation(id).is_some_and(|i| i.covers_account(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_app() -> (State, u64) {
        let mut state = State::new();
        let app = state.register_app("Iv23litest".to_owned(), vec![1, 2, 3]);
        (state, app.id)
    }

    #[test]
    fn account_installations_cover_their_repositories() {
        let (mut state, app) = with_app();
        state.add_repo("acme", "one");
        let org = state
            .install_app(app, &Scope::org("acme"))
            .expect("known app");
        assert_eq!(state.install_app(app, &Scope::org("ACME")), Some(org));
        assert_eq!(
            state
                .find_installation(
                    app,
                    Place::Repo {
                        owner: "acme",
                        name: "one"
                    }
                )
                .map(|i| i.id),
            Some(org)
        );
        assert!(state.find_installation(app, Place::Org("acme")).is_some());
        assert!(state.find_installation(app, Place::User("acme")).is_none());
        assert!(
            state
                .find_installation(app + 1, Place::Org("acme"))
                .is_none()
        );
        assert_eq!(state.install_app(app + 1, &Scope::org("acme")), None);
    }

    #[test]
    fn repository_installations_cover_one_repository() {
        let (mut state, app) = with_app();
        state.ensure_user("mona");
        state.add_repo("mona", "a");
        state.add_repo("mona", "b");
        let id = state
            .install_app(app, &Scope::repo("mona", "a"))
            .expect("app");
        let found = state.find_installation(
            app,
            Place::Repo {
                owner: "mona",
                name: "a",
            },
        );
        assert_eq!(
            found.map(Installation::repository_selection),
            Some("selected")
        );
        assert_eq!(found.map(|i| i.id), Some(id));
        assert!(
            state
                .find_installation(
                    app,
                    Place::Repo {
                        owner: "mona",
                        name: "b"
                    }
                )
                .is_none()
        );
        assert!(state.find_installation(app, Place::User("mona")).is_none());
    }

    #[test]
    fn tokens_expire_on_the_skewed_clock() {
        let (mut state, app) = with_app();
        let id = state.install_app(app, &Scope::org("acme")).expect("app");
        let (token, expires_at) = state.issue_installation_token(id);
        assert!(token.starts_with("ghs_") && token.len() == 40);
        assert_eq!(expires_at.nanosecond(), 0);
        let who = state.identify(&token).expect("fresh token");
        assert_eq!(who.caller, Caller::Installation(id));
        assert_eq!(who.login, "emulator-app-1[bot]");
        state.auth.clock_skew = 3601;
        assert!(state.identify(&token).is_none());
        assert!(!format!("{:?}", state.apps).contains(&token));
    }
}
