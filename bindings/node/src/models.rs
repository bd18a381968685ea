//! The SDK's models as plain JavaScript objects with camelCase fields.
//!
//! Timestamps are RFC 3339 strings (`"2024-01-02T03:04:05Z"`), as GitHub sends them: readable in
//! JSON and logs, and `new Date(secret.updatedAt)` parses them.

use napi_derive::napi;

/// Which repositories can use a user or organization secret.
#[napi(string_enum = "lowercase")]
pub enum Visibility {
    /// Every repository of the organization.
    All,
    /// Private and internal repositories only.
    Private,
    /// Only the secret's selected repositories.
    Selected,
}

/// What `set` did: GitHub answered 201 (`created`) or 204 (`updated`).
#[napi(string_enum = "lowercase")]
pub enum SetOutcome {
    /// The secret is new.
    Created,
    /// An existing secret got the new value.
    Updated,
}

/// A secret's metadata (never its value: GitHub does not return values).
#[napi(object)]
pub struct SecretInfo {
    /// Upper-case, as GitHub stores it.
    pub name: String,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub updated_at: String,
    /// User and organization secrets only.
    pub visibility: Option<Visibility>,
    /// User and organization secrets only.
    pub selected_repositories_url: Option<String>,
}

/// A scope's public key, to seal values for it.
#[napi(object)]
pub struct PublicKey {
    /// Sent back with every value sealed to this key.
    pub key_id: String,
    /// Base64 of the 32-byte X25519 key.
    pub key: String,
}

/// A repository in a secret's selected-repositories list.
#[napi(object)]
pub struct Repository {
    /// What `selectedRepositoryIds` holds.
    pub id: i64,
    /// The GraphQL node id.
    pub node_id: String,
    /// The name without owner.
    pub name: String,
    /// `owner/name`.
    pub full_name: String,
    /// The owning account.
    pub owner: RepositoryOwner,
    /// Whether it is private.
    pub private: bool,
    /// The web page.
    pub html_url: String,
    /// The description, if any.
    pub description: Option<String>,
    /// Whether it is a fork.
    pub fork: bool,
    /// The API URL.
    pub url: String,
}

/// The owner of a repository.
#[napi(object)]
pub struct RepositoryOwner {
    /// The account name.
    pub login: String,
    /// The account id.
    pub id: i64,
}

/// Progress of `setMany`, `sync` or `syncEnvFile`, passed to the callback after each write.
#[napi(object)]
pub struct Progress {
    /// Items finished so far.
    pub done: u32,
    /// Items in all.
    pub total: u32,
    /// The item just finished.
    pub name: String,
    /// Whether it succeeded.
    pub ok: bool,
}

/// What happened to each write of `setMany`, `sync` or `syncEnvFile`; each appears exactly once.
#[napi(object)]
pub struct BulkReport {
    /// Secrets that did not exist before.
    pub created: Vec<String>,
    /// Secrets whose value was replaced.
    pub updated: Vec<String>,
    /// Secrets removed (`sync` or `syncEnvFile` with `prune`).
    pub deleted: Vec<String>,
    /// Items that failed, with the error's code and message.
    pub failed: Vec<BulkFailure>,
}

/// One failed item: the fields of the error it would have thrown alone.
#[napi(object)]
pub struct BulkFailure {
    /// The secret's name.
    pub name: String,
    /// The error's stable code, e.g. `VALIDATION_FAILED`.
    #[napi(ts_type = "ErrorCode")]
    pub code: String,
    /// The error's message.
    pub message: String,
    /// The HTTP status, when GitHub answered.
    pub status: Option<u32>,
    /// The `x-github-request-id`, when GitHub answered.
    pub request_id: Option<String>,
}

/// Options of `set` (user and organization secrets; repository secrets take none). Without
/// them an update changes only the value: an existing secret keeps its access settings.
#[napi(object)]
#[derive(Default)]
pub struct SetOptions {
    /// Repository ids that may use the secret. When absent, an existing secret keeps its
    /// current list (for an organization secret it is read and sent again).
    pub selected_repository_ids: Option<Vec<i64>>,
    /// Organization secrets: `all`, `private` or `selected`. When absent, an existing secret
    /// keeps its visibility, a new one is `private`, and `selectedRepositoryIds` alone means
    /// `selected`.
    pub visibility: Option<Visibility>,
}
