use serde::{Deserialize, Serialize};

/// The owner of a repository, as the selected-repositories lists return it (a `simple-user`),
/// reduced to what a caller needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepositoryOwner {
    /// The account name.
    pub login: String,
    /// The account id.
    pub id: i64,
}

/// A repository in a secret's selected-repositories list (`minimal-repository` in the spec),
/// reduced to the fields a caller needs; the many URL fields are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinimalRepository {
    /// The repository id: what `selected_repository_ids` holds.
    pub id: i64,
    /// The GraphQL node id.
    pub node_id: String,
    /// The name without owner.
    pub name: String,
    /// `owner/name`.
    pub full_name: String,
    /// Who owns it.
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
