//! SDK values to the JavaScript models of [`crate::models`], and back for options.

use chrono::{DateTime, SecondsFormat, Utc};
use codespaces_secrets as sdk;

use crate::models::{
    BulkFailure, BulkReport, Progress, PublicKey, Repository, RepositoryOwner, SecretInfo,
    SetOptions, SetOutcome, Visibility,
};

pub(crate) fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Counts above `u32::MAX` cannot happen (GitHub allows 100 secrets per scope); saturate anyway.
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
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
    fn from(outcome: sdk::SetOutcome) -> Self {
        match outcome {
            sdk::SetOutcome::Created => Self::Created,
            sdk::SetOutcome::Updated => Self::Updated,
        }
    }
}

impl From<sdk::SecretInfo> for SecretInfo {
    fn from(s: sdk::SecretInfo) -> Self {
        Self {
            name: s.name,
            created_at: timestamp(s.created_at),
            updated_at: timestamp(s.updated_at),
            visibility: s.visibility.map(Into::into),
            selected_repositories_url: s.selected_repositories_url,
        }
    }
}

impl From<sdk::PublicKey> for PublicKey {
    fn from(key: sdk::PublicKey) -> Self {
        Self {
            key_id: key.key_id().to_string(),
            key: key.to_base64(),
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
            owner: RepositoryOwner {
                login: r.owner.login,
                id: r.owner.id,
            },
            private: r.private,
            html_url: r.html_url,
            description: r.description,
            fork: r.fork,
            url: r.url,
        }
    }
}

impl From<sdk::Progress<'_>> for Progress {
    fn from(p: sdk::Progress<'_>) -> Self {
        Self {
            done: count(p.done),
            total: count(p.total),
            name: p.name.to_owned(),
            ok: p.ok,
        }
    }
}

impl From<sdk::BulkReport> for BulkReport {
    fn from(r: sdk::BulkReport) -> Self {
        Self {
            created: r.created,
            updated: r.updated,
            deleted: r.deleted,
            failed: r.failed.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<sdk::BulkFailure> for BulkFailure {
    fn from(f: sdk::BulkFailure) -> Self {
        Self {
            code: f.error.code().to_owned(),
            message: f.error.to_string(),
            status: f.error.status().map(u32::from),
            request_id: f.error.request_id().map(str::to_owned),
            name: f.name,
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

/// Collects converted items, for list results.
pub(crate) fn all<T, U: From<T>>(items: Vec<T>) -> Vec<U> {
    items.into_iter().map(U::from).collect()
}
