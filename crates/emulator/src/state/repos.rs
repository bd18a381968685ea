//! Repositories as GitHub lists them: who sees which, the lists of an organization and of the
//! authenticated user, and the topics, archived and private flags tests set.

use std::cmp::Ordering;

use super::model::{Caller, Identity, Repo, fold};
use super::store::State;
use crate::repos::spec::{RepoSpec, normalize_topics};
use crate::server::errors::ApiError;

/// Repositories of one owner in name order (names are unique per owner, ignoring case).
fn by_name(a: &&Repo, b: &&Repo) -> Ordering {
    fold(&a.name).cmp(&fold(&b.name)).then(a.id.cmp(&b.id))
}

impl State {
    /// Makes sure `owner` exists: an unknown owner becomes an organization with `member` in
    /// it, so the demo token reaches repositories created for a test.
    pub(crate) fn ensure_owner(&mut self, owner: &str, member: &str) {
        if !self.has_account(owner) {
            self.ensure_org(owner);
            self.add_member(owner, member);
        }
    }

    /// Creates the repository a spec names if absent (see [`State::ensure_owner`]) and gives it
    /// the spec's topics and flags. Returns its id.
    pub(crate) fn apply_repo_spec(&mut self, spec: &RepoSpec, member: &str) -> i64 {
        let (owner, name) = (spec.repo.owner(), spec.repo.name());
        self.ensure_owner(owner, member);
        let id = self.add_repo(owner, name);
        if let Some(repo) = self.repos.get_mut(&id) {
            repo.topics = normalize_topics(&spec.topics);
            repo.archived = spec.archived;
            repo.private = spec.private;
        }
        id
    }

    fn repo_mut(&mut self, owner: &str, name: &str) -> Option<&mut Repo> {
        let id = self.repo_id(owner, name)?;
        self.repos.get_mut(&id)
    }

    /// Replaces a repository's topics; false when it does not exist.
    pub(crate) fn set_topics<S: AsRef<str>>(
        &mut self,
        owner: &str,
        name: &str,
        topics: &[S],
    ) -> bool {
        self.repo_mut(owner, name)
            .map(|repo| repo.topics = normalize_topics(topics))
            .is_some()
    }

    /// Archives or unarchives a repository; false when it does not exist.
    pub(crate) fn set_archived(&mut self, owner: &str, name: &str, archived: bool) -> bool {
        self.repo_mut(owner, name)
            .map(|repo| repo.archived = archived)
            .is_some()
    }

    /// Makes a repository private or public; false when it does not exist.
    pub(crate) fn set_private(&mut self, owner: &str, name: &str, private: bool) -> bool {
        self.repo_mut(owner, name)
            .map(|repo| repo.private = private)
            .is_some()
    }

    /// Whether `who` sees `repo`: a public one always, a private one when `who` may manage it.
    pub(crate) fn can_see_repo(&self, who: &Identity, repo: &Repo) -> bool {
        !repo.private || self.may_manage_repo(who, repo)
    }

    /// `GET /repos/{owner}/{repo}`: the repository, if it exists and `who` sees it (otherwise
    /// 404, as GitHub hides private repositories).
    pub(crate) fn visible_repo(
        &self,
        who: &Identity,
        owner: &str,
        name: &str,
    ) -> Result<&Repo, ApiError> {
        self.repo_id(owner, name)
            .and_then(|id| self.repo(id))
            .filter(|repo| self.can_see_repo(who, repo))
            .ok_or(ApiError::NotFound)
    }

    /// `GET /orgs/{org}/repos`: the organization's repositories `who` sees, by name. 404 for
    /// an unknown organization or a user's login, as GitHub answers.
    pub(crate) fn org_repos(&self, who: &Identity, org: &str) -> Result<Vec<&Repo>, ApiError> {
        let key = fold(org);
        if !self.account(&key).is_some_and(|account| account.is_org()) {
            return Err(ApiError::NotFound);
        }
        let mut repos: Vec<&Repo> = self
            .repos
            .values()
            .filter(|repo| repo.owner == key && self.can_see_repo(who, repo))
            .collect();
        repos.sort_by(by_name);
        Ok(repos)
    }

    /// `GET /user/repos`: what the user owns or reaches as an organization member, by
    /// `full_name` (GitHub's default order for this list). An installation is not a user: 403.
    pub(crate) fn user_repos(&self, who: &Identity) -> Result<Vec<&Repo>, ApiError> {
        if who.caller != Caller::User {
            return Err(ApiError::NotAccessibleByIntegration);
        }
        let owner_login = |repo: &Repo| {
            self.account(&repo.owner)
                .map_or_else(|| repo.owner.clone(), |account| fold(&account.login))
        };
        let mut repos: Vec<&Repo> = self
            .repos
            .values()
            .filter(|repo| self.can_access_repo(&who.key, repo))
            .collect();
        repos.sort_by(|a, b| owner_login(a).cmp(&owner_login(b)).then(by_name(a, b)));
        Ok(repos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(text: &str) -> RepoSpec {
        RepoSpec::new(text.parse().expect("valid"))
    }

    #[test]
    fn specs_create_owners_with_the_member_and_set_flags() {
        let mut state = State::new();
        state.add_token("octocat", "t".to_owned());
        let id = state.apply_repo_spec(
            &spec("acme/b").topics(["X", "x", "y"]).private(true),
            "octocat",
        );
        state.apply_repo_spec(&spec("acme/A"), "octocat");
        let who = state.identify("t").expect("token");
        let repo = state
            .visible_repo(&who, "ACME", "B")
            .expect("member sees it");
        assert_eq!(
            (repo.id, repo.topics.as_slice()),
            (id, &["x".to_owned(), "y".to_owned()][..])
        );
        let names: Vec<&str> = state
            .org_repos(&who, "acme")
            .expect("org")
            .iter()
            .map(|r| r.name.as_str())
            .collect();
        assert_eq!(names, ["A", "b"]);
        assert!(state.set_archived("acme", "a", true));
        assert!(!state.set_topics("acme", "nope", &["t"]));
    }

    #[test]
    fn private_repositories_are_hidden_from_outsiders() {
        let mut state = State::new();
        state.add_token("octocat", "t".to_owned());
        state.add_token("mona", "m".to_owned());
        state.apply_repo_spec(&spec("octocat/secret").private(true), "octocat");
        state.apply_repo_spec(&spec("octocat/open"), "octocat");
        let mona = state.identify("m").expect("token");
        assert_eq!(
            state.visible_repo(&mona, "octocat", "secret").err(),
            Some(ApiError::NotFound)
        );
        assert!(state.visible_repo(&mona, "octocat", "open").is_ok());
        assert!(state.user_repos(&mona).expect("user").is_empty());
        assert_eq!(
            state.org_repos(&mona, "octocat").err(),
            Some(ApiError::NotFound)
        );
    }
}
