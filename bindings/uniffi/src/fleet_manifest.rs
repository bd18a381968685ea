//! A fleet manifest as Kotlin data classes / Swift structs: the records below mirror the TOML
//! file, and are handed to the SDK as JSON of the file's shape (`Manifest::from_json_str`),
//! which validates them as it validates a file.

use std::collections::HashMap;

use codespaces_secrets as sdk;
use codespaces_secrets::fleet::Manifest;
use serde_json::{Map, Value, json};

use crate::models::Visibility;

/// Where `plan`, `check` and `applyManifest` read a manifest from.
#[derive(Debug, Clone, uniffi::Enum)]
pub enum ManifestSource {
    /// A TOML file (its `file` and `dotenv` paths are relative to its folder).
    File {
        /// The file's path.
        path: String,
    },
    /// A manifest built in code (its `file` and `dotenv` paths are relative to the working
    /// directory).
    Value {
        /// The manifest.
        manifest: FleetManifest,
    },
}

/// A fleet manifest: secrets, where each value comes from, and which scopes receive it. Never a
/// value: a manifest is meant to live in version control.
#[derive(Debug, Clone, uniffi::Record)]
pub struct FleetManifest {
    /// Who owns what this manifest writes (1-100 letters, digits, `-`, `_`, `.`): manifests
    /// sharing a state never prune each other's secrets.
    pub name: String,
    /// The secrets by name.
    pub secrets: HashMap<String, FleetSecret>,
    /// Delete secrets this manifest wrote earlier and no longer puts there.
    #[uniffi(default)]
    pub prune: bool,
    /// Name patterns (`*`, `?`) prune never deletes.
    #[uniffi(default)]
    pub protect: Vec<String>,
    /// The manifest format.
    #[uniffi(default = 1)]
    pub version: u32,
}

/// One secret: where its value comes from and which scopes receive it (at least one).
#[derive(Debug, Clone, uniffi::Record)]
pub struct FleetSecret {
    /// Where the value comes from.
    pub from: ValueSource,
    /// Repositories by `OWNER/NAME`.
    #[uniffi(default)]
    pub repos: Vec<String>,
    /// An organization's repositories chosen by name pattern and topics.
    #[uniffi(default)]
    pub repos_where: Vec<RepoSelector>,
    /// Organizations by name, and who may use the secret there.
    #[uniffi(default)]
    pub orgs: HashMap<String, OrgTarget>,
    /// The user's own secret, with the repositories that may use it.
    #[uniffi(default)]
    pub user: Option<UserTarget>,
}

/// Where a value comes from; never the value.
#[derive(Debug, Clone, uniffi::Enum)]
pub enum ValueSource {
    /// An environment variable of this process.
    Env {
        /// The variable.
        name: String,
    },
    /// A file's bytes.
    File {
        /// The file.
        path: String,
    },
    /// A key of a `.env` file.
    Dotenv {
        /// The file.
        path: String,
        /// The key; the secret's name when absent.
        key: Option<String>,
    },
    /// A program's stdout, run without a shell (stderr discarded).
    Command {
        /// The program and its arguments.
        argv: Vec<String>,
        /// How long it may run, in seconds (default 30).
        timeout_secs: Option<u64>,
    },
}

/// An organization's repositories whose name matches `name`, carrying every topic in
/// `topics`, minus those matching an `exclude` pattern; archived ones only with `archived`.
#[derive(Debug, Clone, uniffi::Record)]
pub struct RepoSelector {
    /// The organization (or user) whose repositories are listed.
    pub org: String,
    /// Name pattern (`*`, `?`); every repository when absent.
    #[uniffi(default)]
    pub name: Option<String>,
    /// Topics every chosen repository carries.
    #[uniffi(default)]
    pub topics: Vec<String>,
    /// Name patterns to leave out.
    #[uniffi(default)]
    pub exclude: Vec<String>,
    /// Include archived repositories.
    #[uniffi(default)]
    pub archived: bool,
}

/// An organization secret: who may use it.
#[derive(Debug, Clone, Default, uniffi::Record)]
pub struct OrgTarget {
    /// Default: `SELECTED` with `repos`, else `PRIVATE`.
    #[uniffi(default)]
    pub visibility: Option<Visibility>,
    /// For `SELECTED`: repository names in that organization.
    #[uniffi(default)]
    pub repos: Vec<String>,
    /// Whether `repos` is the whole list (default) or additions to it.
    #[uniffi(default)]
    pub membership: Option<Membership>,
}

/// How a `SELECTED` secret's repositories follow the manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Membership {
    /// The manifest's list is the list: others are removed.
    Exact,
    /// The manifest's repositories are added; repositories someone else added stay.
    Additive,
}

/// The user's own secret.
#[derive(Debug, Clone, Default, uniffi::Record)]
pub struct UserTarget {
    /// Repositories by `OWNER/NAME` that may use it.
    #[uniffi(default)]
    pub repos: Vec<String>,
}

impl ManifestSource {
    /// The SDK's manifest, validated.
    pub(crate) fn load(&self) -> Result<Manifest, sdk::Error> {
        match self {
            Self::File { path } => Manifest::from_file(path),
            Self::Value { manifest } => {
                let json = without_nulls(manifest.to_json()).to_string();
                Manifest::from_json_str(&json, "the manifest")
            }
        }
    }
}

impl FleetManifest {
    /// The TOML file's shape, as JSON.
    fn to_json(&self) -> Value {
        let secrets: Map<String, Value> = self
            .secrets
            .iter()
            .map(|(name, s)| (name.clone(), s.to_json()))
            .collect();
        json!({
            "version": self.version,
            "name": self.name,
            "prune": self.prune,
            "protect": self.protect,
            "secrets": secrets,
        })
    }
}

impl FleetSecret {
    fn to_json(&self) -> Value {
        let mut out = Map::new();
        out.insert("from".into(), self.from.to_json());
        out.insert("repos".into(), json!(self.repos));
        let selectors = self.repos_where.iter().map(RepoSelector::to_json);
        out.insert("repos_where".into(), Value::Array(selectors.collect()));
        let orgs: Map<String, Value> = self
            .orgs
            .iter()
            .map(|(org, t)| (org.clone(), t.to_json()))
            .collect();
        out.insert("orgs".into(), Value::Object(orgs));
        if let Some(user) = &self.user {
            out.insert("user".into(), json!({ "repos": user.repos }));
        }
        Value::Object(out)
    }
}

impl ValueSource {
    fn to_json(&self) -> Value {
        match self {
            Self::Env { name } => json!({ "env": name }),
            Self::File { path } => json!({ "file": path }),
            Self::Dotenv { path, key } => json!({ "dotenv": path, "key": key }),
            Self::Command { argv, timeout_secs } => {
                json!({ "command": argv, "timeout_secs": timeout_secs })
            }
        }
    }
}

impl RepoSelector {
    fn to_json(&self) -> Value {
        json!({
            "org": self.org,
            "name": self.name,
            "topics": self.topics,
            "exclude": self.exclude,
            "archived": self.archived,
        })
    }
}

impl OrgTarget {
    fn to_json(&self) -> Value {
        let visibility = self.visibility.map(|v| sdk::Visibility::from(v).as_str());
        let membership = self.membership.map(|m| match m {
            Membership::Exact => "exact",
            Membership::Additive => "additive",
        });
        json!({ "visibility": visibility, "repos": self.repos, "membership": membership })
    }
}

/// An absent optional field is left out: the manifest format has no null.
fn without_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_nulls).collect()),
        other => other,
    }
}
