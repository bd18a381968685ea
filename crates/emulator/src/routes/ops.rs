//! The 23 operations, each with the documentation URL GitHub puts in its error bodies.

/// One API operation (named after its `operationId`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    ListUserSecrets,
    GetUserPublicKey,
    GetUserSecret,
    PutUserSecret,
    DeleteUserSecret,
    ListUserSecretRepos,
    SetUserSecretRepos,
    AddUserSecretRepo,
    RemoveUserSecretRepo,
    ListRepoSecrets,
    GetRepoPublicKey,
    GetRepoSecret,
    PutRepoSecret,
    DeleteRepoSecret,
    ListOrgSecrets,
    GetOrgPublicKey,
    GetOrgSecret,
    PutOrgSecret,
    DeleteOrgSecret,
    ListOrgSecretRepos,
    SetOrgSecretRepos,
    AddOrgSecretRepo,
    RemoveOrgSecretRepo,
}

impl Op {
    /// The operation's page in GitHub's REST documentation (the spec's `externalDocs`).
    pub(crate) fn docs(self) -> &'static str {
        match self {
            Self::ListUserSecrets => {
                "https://docs.github.com/rest/codespaces/secrets#list-secrets-for-the-authenticated-user"
            }
            Self::GetUserPublicKey => {
                "https://docs.github.com/rest/codespaces/secrets#get-public-key-for-the-authenticated-user"
            }
            Self::GetUserSecret => {
                "https://docs.github.com/rest/codespaces/secrets#get-a-secret-for-the-authenticated-user"
            }
            Self::PutUserSecret => {
                "https://docs.github.com/rest/codespaces/secrets#create-or-update-a-secret-for-the-authenticated-user"
            }
            Self::DeleteUserSecret => {
                "https://docs.github.com/rest/codespaces/secrets#delete-a-secret-for-the-authenticated-user"
            }
            Self::ListUserSecretRepos => {
                "https://docs.github.com/rest/codespaces/secrets#list-selected-repositories-for-a-user-secret"
            }
            Self::SetUserSecretRepos => {
                "https://docs.github.com/rest/codespaces/secrets#set-selected-repositories-for-a-user-secret"
            }
            Self::AddUserSecretRepo => {
                "https://docs.github.com/rest/codespaces/secrets#add-a-selected-repository-to-a-user-secret"
            }
            Self::RemoveUserSecretRepo => {
                "https://docs.github.com/rest/codespaces/secrets#remove-a-selected-repository-from-a-user-secret"
            }
            Self::ListRepoSecrets => {
                "https://docs.github.com/rest/codespaces/repository-secrets#list-repository-secrets"
            }
            Self::GetRepoPublicKey => {
                "https://docs.github.com/rest/codespaces/repository-secrets#get-a-repository-public-key"
            }
            Self::GetRepoSecret => {
                "https://docs.github.com/rest/codespaces/repository-secrets#get-a-repository-secret"
            }
            Self::PutRepoSecret => {
                "https://docs.github.com/rest/codespaces/repository-secrets#create-or-update-a-repository-secret"
            }
            Self::DeleteRepoSecret => {
                "https://docs.github.com/rest/codespaces/repository-secrets#delete-a-repository-secret"
            }
            Self::ListOrgSecrets => {
                "https://docs.github.com/rest/codespaces/organization-secrets#list-organization-secrets"
            }
            Self::GetOrgPublicKey => {
                "https://docs.github.com/rest/codespaces/organization-secrets#get-an-organization-public-key"
            }
            Self::GetOrgSecret => {
                "https://docs.github.com/rest/codespaces/organization-secrets#get-an-organization-secret"
            }
            Self::PutOrgSecret => {
                "https://docs.github.com/rest/codespaces/organization-secrets#create-or-update-an-organization-secret"
            }
            Self::DeleteOrgSecret => {
                "https://docs.github.com/rest/codespaces/organization-secrets#delete-an-organization-secret"
            }
            Self::ListOrgSecretRepos => {
                "https://docs.github.com/rest/codespaces/organization-secrets#list-selected-repositories-for-an-organization-secret"
            }
            Self::SetOrgSecretRepos => {
                "https://docs.github.com/rest/codespaces/organization-secrets#set-selected-repositories-for-an-organization-secret"
            }
            Self::AddOrgSecretRepo => {
                "https://docs.github.com/rest/codespaces/organization-secrets#add-selected-repository-to-an-organization-secret"
            }
            Self::RemoveOrgSecretRepo => {
                "https://docs.github.com/rest/codespaces/organization-secrets#remove-selected-repository-from-an-organization-secret"
            }
        }
    }
}
