use serde::{Deserialize, Serialize};

/// GitHub's error body (`basic-error` / `validation-error` in the spec).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct GitHubErrorBody {
    /// What went wrong, in GitHub's words.
    #[serde(default)]
    pub message: String,
    /// Where GitHub documents the operation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documentation_url: Option<String>,
    /// Per-field problems (422 responses).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorDetail>,
    /// The HTTP status as text, which newer GitHub responses include.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

/// One entry of `errors`: usually an object, but GitHub sometimes sends a bare string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ErrorDetail {
    /// A structured validation problem.
    Item(ValidationErrorItem),
    /// A plain message.
    Text(String),
}

/// A structured validation problem (`validation-error.errors[]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ValidationErrorItem {
    /// The kind of problem, e.g. `invalid`, `missing_field`, `custom`.
    #[serde(default)]
    pub code: String,
    /// The resource it concerns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// The field it concerns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// A human-readable explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}
