//! Helpers shared by the integration tests: where `../shared` is, and reading its files.
#![allow(dead_code)]

use std::path::PathBuf;

/// The shared folder beside the repository (`CODESPACES_SECRETS_SHARED` overrides it).
pub fn shared_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("CODESPACES_SECRETS_SHARED") {
        return PathBuf::from(dir);
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// Reads and parses a JSON file under the shared folder.
pub fn shared_json(relative: &str) -> serde_json::Value {
    let path = shared_dir().join(relative);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// A string field of a JSON object.
pub fn field<'a>(v: &'a serde_json::Value, name: &str) -> &'a str {
    v[name]
        .as_str()
        .unwrap_or_else(|| panic!("missing string field {name} in {v}"))
}
