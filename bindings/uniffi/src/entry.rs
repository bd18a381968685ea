//! `SecretEntry`: one name and plaintext of the ordered list `setMany` and `sync` take, so
//! Kotlin and Swift keep the caller's order as Python and Node do.

use std::fmt;
use std::sync::Arc;

/// One secret to write with `setMany` or `sync`: a name and its plaintext. A list of these
/// keeps the caller's order (writes, progress callbacks and the plan follow it); from a Kotlin
/// map, `map { (k, v) -> SecretEntry(k, v) }`. An object rather than a record so that its
/// `toString()` / `description` never shows the value. Nothing is checked here: `setMany` and
/// `sync` check every entry before any request.
#[derive(uniffi::Object)]
#[uniffi::export(Display)]
pub struct SecretEntry {
    name: String,
    value: String,
}

#[uniffi::export]
impl SecretEntry {
    /// A secret named `name` (any case; GitHub stores it upper-case) holding `value`.
    #[uniffi::constructor]
    pub fn new(name: String, value: String) -> Self {
        Self { name, value }
    }

    /// The name as given.
    pub fn name(&self) -> String {
        self.name.clone()
    }
}

impl fmt::Display for SecretEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretEntry(name={}, value=[redacted])", self.name)
    }
}

/// The entries as the SDK's (name, value) pairs, in the given order.
pub(crate) fn pairs(entries: &[Arc<SecretEntry>]) -> impl Iterator<Item = (&String, &String)> {
    entries.iter().map(|e| (&e.name, &e.value))
}
