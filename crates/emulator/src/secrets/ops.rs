//! The 23 operations: a scope kind and an action, each with the documentation URL GitHub puts
//! in its error bodies.

use crate::server::errors::GENERIC_DOCS;

/// Whose secrets a route addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ScopeKind {
    /// `/user/codespaces/secrets`: the caller's own.
    User,
    /// `/repos/{owner}/{repo}/codespaces/secrets`.
    Repo,
    /// `/orgs/{org}/codespaces/secrets`.
    Org,
}

/// What an operation does, the same in every scope that has it (repositories have the first
/// five; users and organizations all nine).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    List,
    PublicKey,
    Get,
    Put,
    Delete,
    ListRepos,
    SetRepos,
    AddRepo,
    RemoveRepo,
}

/// One API operation: an action in a scope. The route table attaches it to each handler, and
/// [`super::resolved_scope::ResolvedScope`] hands it on for error bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Op {
    pub(crate) scope: ScopeKind,
    pub(crate) action: Action,
}

impl Op {
    /// The operation's page in GitHub's REST documentation (the spec's `externalDocs`).
    pub(crate) fn docs(self) -> &'static str {
        use Action::*;
        use ScopeKind::*;
        match (self.scope, self.action) {
            (User, List) => {
                "https://docs.github.com/rest/codespaces/secrets#list-secrets-for-the-authenticated-user"
            }
            (User, PublicKey) => {
                "https://docs.github.com/rest/codespaces/secrets#get-public-key-for-the-authenticated-user"
            }
            (User, Get) => {
                "https://docs.github.com/rest/codespaces/secrets#get-a-secret-for-the-authenticated-user"
            }
            (User, Put) => {
                "https://docs.github.com/rest/codespaces/secrets#create-or-update-a-secret-for-the-authenticated-user"
            }
            (User, Delete) => {
                "https://docs.github.com/rest/codespaces/secrets#delete-a-secret-for-the-authenticated-user"
            }
            (User, ListRepos) => {
                "https://docs.github.com/rest/codespaces/secrets#list-selected-repositories-for-a-user-secret"
            }
            (User, SetRepos) => {
                "https://docs.github.com/rest/codespaces/secrets#set-selected-repositories-for-a-user-secret"
            }
            (User, AddRepo) => {
                "https://docs.github.com/rest/codespaces/secrets#add-a-selected-repository-to-a-user-secret"
            }
            (User, RemoveRepo) => {
                "https://docs.github.com/rest/codespaces/secrets#remove-a-selected-repository-from-a-user-secret"
            }
            (Repo, List) => {
                "https://docs.github.com/rest/codespaces/repository-secrets#list-repository-secrets"
            }
            (Repo, PublicKey) => {
                "https://docs.github.com/rest/codespaces/repository-secrets#get-a-repository-public-key"
            }
            (Repo, Get) => {
                "https://docs.github.com/rest/codespaces/repository-secrets#get-a-repository-secret"
            }
            (Repo, Put) => {
                "https://docs.github.com/rest/codespaces/repository-secrets#create-or-update-a-repository-secret"
            }
            (Repo, Delete) => {
                "https://docs.github.com/rest/codespaces/repository-secrets#delete-a-repository-secret"
            }
            (Org, List) => {
                "https://docs.github.com/rest/codespaces/organization-secrets#list-organization-secrets"
            }
            (Org, PublicKey) => {
                "https://docs.github.com/rest/codespaces/organization-secrets#get-an-organization-public-key"
            }
            (Org, Get) => {
                "https://docs.github.com/rest/codespaces/organization-secrets#get-an-organization-secret"
            }
            (Org, Put) => {
                "https://docs.github.com/rest/codespaces/organization-secrets#create-or-update-an-organization-secret"
            }
            (Org, Delete) => {
                "https://docs.github.com/rest/codespaces/organization-secrets#delete-an-organization-secret"
            }
            (Org, ListRepos) => {
                "https://docs.github.com/rest/codespaces/organization-secrets#list-selected-repositories-for-an-organization-secret"
            }
            (Org, SetRepos) => {
                "https://docs.github.com/rest/codespaces/organization-secrets#set-selected-repositories-for-an-organization-secret"
            }
            (Org, AddRepo) => {
                "https://docs.github.com/rest/codespaces/organization-secrets#add-selected-repository-to-an-organization-secret"
            }
            (Org, RemoveRepo) => {
                "https://docs.github.com/rest/codespaces/organization-secrets#remove-selected-repository-from-an-organization-secret"
            }
            // Repositories have no selected repositories; no route leads here.
            (Repo, ListRepos | SetRepos | AddRepo | RemoveRepo) => GENERIC_DOCS,
        }
    }
}
