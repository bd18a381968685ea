use serde::{Deserialize, Deserializer, Serialize};

use super::{KeyId, Visibility};

/// The body of a create-or-update PUT, for all three scopes.
///
/// `visibility` is for organization secrets; `selected_repository_ids` for user and organization
/// secrets. Absent fields are left out of the JSON rather than sent as `null`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateOrUpdateSecretBody {
    /// The sealed value in standard base64.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encrypted_value: Option<String>,
    /// The id of the key the value was sealed to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_id: Option<KeyId>,
    /// Organization secrets: which repositories can use it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<Visibility>,
    /// User and organization secrets: the repositories that can use it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional_repository_ids"
    )]
    pub selected_repository_ids: Option<Vec<i64>>,
}

/// The body of a set-selected-repositories PUT.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelectedRepositoriesBody {
    /// The complete new list of repository ids.
    #[serde(deserialize_with = "repository_ids")]
    pub selected_repository_ids: Vec<i64>,
}

/// A repository id as the spec allows it in request bodies: an integer, or a string of digits
/// (the user-secret endpoint's own example sends strings).
#[derive(Deserialize)]
#[serde(untagged)]
enum WireRepositoryId {
    Number(i64),
    Text(String),
}

impl WireRepositoryId {
    fn into_id<E: serde::de::Error>(self) -> Result<i64, E> {
        match self {
            Self::Number(n) => Ok(n),
            Self::Text(s) => s
                .parse()
                .map_err(|_| E::custom(format!("repository id {s:?} is not an integer"))),
        }
    }
}

fn repository_ids<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<i64>, D::Error> {
    Vec::<WireRepositoryId>::deserialize(deserializer)?
        .into_iter()
        .map(WireRepositoryId::into_id)
        .collect()
}

fn optional_repository_ids<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<i64>>, D::Error> {
    Option::<Vec<WireRepositoryId>>::deserialize(deserializer)?
        .map(|ids| ids.into_iter().map(WireRepositoryId::into_id).collect())
        .transpose()
}
