//! What is known of a scope's secrets before writing one: whether it exists and with which
//! visibility, from a lookup or from the one list a bulk call makes. Kept apart from the
//! lookups themselves (`access.rs`) so the scope handle can name it without a circle.

use std::collections::HashMap;

use codespaces_secrets_core::{SecretName, Visibility};

use crate::scope::kind::SecretModel;

/// What is known of a secret before it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Current {
    /// Not looked up: `Secrets::complete_options` asks GitHub if it needs to know.
    Unknown,
    /// The scope has no such secret.
    Absent,
    /// The secret exists, with this visibility (`None` for repository secrets).
    Present(Option<Visibility>),
}

/// The visibility of every secret of a scope, from one list, for bulk writes. Empty (every
/// secret `Unknown`) for scopes whose updates need nothing re-sent.
#[derive(Debug, Default)]
pub(crate) struct KnownSecrets(Option<HashMap<String, Option<Visibility>>>);

impl KnownSecrets {
    /// Built from a list of the scope's secrets.
    pub(crate) fn from_list<'a, S: SecretModel + 'a>(
        secrets: impl IntoIterator<Item = &'a S>,
    ) -> Self {
        Self(Some(
            secrets
                .into_iter()
                .map(|s| (s.name().to_ascii_uppercase(), s.visibility()))
                .collect(),
        ))
    }

    pub(crate) fn current(&self, name: &SecretName) -> Current {
        match &self.0 {
            None => Current::Unknown,
            Some(known) => match known.get(&name.canonical()) {
                Some(visibility) => Current::Present(*visibility),
                None => Current::Absent,
            },
        }
    }
}
