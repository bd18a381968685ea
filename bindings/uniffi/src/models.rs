//! The SDK's models as uniffi records and enums: Kotlin data classes and enum classes, Swift
//! structs and enums. Timestamps are `java.time.Instant` in Kotlin and `Date` in Swift.

use std::time::SystemTime;

use codespaces_secrets as sdk;

/// Which repositories can use a user or organization secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Visibility {
    /// Every repository of the organization.
    All,
    /// Private and internal repositories only.
    Private,
    /// Only the secret's selected repositories.
    Selected,
}

/// What `set` did: GitHub answered 201 (created) or 204 (updated).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SetOutcome {
    /// The secret is new.
    Created,
    /// An existing secret got the new value.
    Updated,
}

/// A secret's metadata (never its value: GitHub does not return values).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SecretInfo {
    /// Upper-case, as GitHub stores it.
    pub name: String,
    /// When the secret was created.
    pub created_at: SystemTime,
    /// When its value or settings last changed.
    pub updated_at: SystemTime,
    /// User and organization secrets only.
    pub visibility: Option<Visibility>,
    /// User and organization secrets only: where the selected repositories are listed.
    pub selected_repositories_url: Option<String>,
}

/// A scope's public key, to seal values for it with `seal`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PublicKey {
    /// Sent back with every value sealed to this key.
    pub key_id: String,
    /// Base64 of the 32-byte X25519 key.
    pub key: String,
}

/// A repository in a secret's selected-repositories list.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Repository {
    /// What `selected_repository_ids` holds.
    pub id: i64,
    /// The GraphQL node id.
    pub node_id: String,
    /// The name without owner.
    pub name: String,
    /// `owner/name`.
    pub full_name: String,
    /// The owning account's login.
    pub owner_login: String,
    /// The owning account's id.
    pub owner_id: i64,
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

/// Options of `set`: user and organization secrets only (repository secrets take none).
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct SetOptions {
    /// Organization secrets: who may use it. When absent, an existing secret keeps its
    /// visibility and a new one is `Private`; repository ids without a visibility mean
    /// `Selected`.
    #[uniffi(default)]
    pub visibility: Option<Visibility>,
    /// User secrets, and organization secrets with `Selected` visibility: the repository ids
    /// that may use it. When absent, an existing secret keeps its current list.
    #[uniffi(default)]
    pub selected_repository_ids: Option<Vec<i64>>,
}

impl From<sdk::Visibility> for Visibility {
    fn from(v: sdk::Visibility) -> Self {
        match v {
            sdk::Visibility::All => Self::All,
            sdk::Visibility::Private => Self::Private,
            sdk::Visibility::Selected => Self::Selected,
        }
    }
}

impl From<Visibility> for sdk::Visibility {
    fn from(v: Visibility) -> Self {
        match v {
            Visibility::All => Self::All,
            Visibility::Private => Self::Private,
            Visibility::Selected => Self::Selected,
        }
    }
}

impl From<sdk::SetOutcome> for SetOutcome {
    fn from(o: sdk::SetOutcome) -> Self {
        match o {
            sdk::SetOutcome::Created => Self::Created,
            sdk::SetOutcome::Updated => Self::Updated,
        }
    }
}

impl From<sdk::SecretInfo> for SecretInfo {
    fn from(s: sdk::SecretInfo) -> Self {
        Self {
            name: s.name,
            created_at: s.created_at.into(),
            updated_at: s.updated_at.into(),
            visibility: s.visibility.map(Into::into),
            selected_repositories_url: s.selected_repositories_url,
        }
    }
}

impl From<sdk::PublicKey> for PublicKey {
    fn from(k: sdk::PublicKey) -> Self {
        Self {
            key_id: k.key_id().as_str().to_owned(),
            key: k.to_base64(),
        }
    }
}

impl From<sdk::MinimalRepository> for Repository {
    fn from(r: sdk::MinimalRepository) -> Self {
        Self {
            id: r.id,
            node_id: r.node_id,
            name: r.name,
            full_name: r.full_name,
            owner_login: r.owner.login,
            owner_id: r.owner.id,
            private: r.private,
            html_url: r.html_url,
            description: r.description,
            fork: r.fork,
            url: r.url,
        }
    }
}

impl From<SetOptions> for sdk::SetOptions {
    fn from(o: SetOptions) -> Self {
        Self {
            visibility: o.visibility.map(Into::into),
            selected_repository_ids: o.selected_repository_ids,
        }
    }
}
