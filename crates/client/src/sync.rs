//! Making a scope's secrets match a `.env` file.

use std::collections::HashSet;
use std::fmt;
use std::path::Path;

use codespaces_secrets_core::SecretName;

use crate::bulk::{BulkReport, Progress, validate_pairs};
use crate::options::SetOptions;
use crate::scope::Secrets;
use crate::scope_kind::{ScopeKind, SecretModel};
use crate::{Error, SecretValue};

/// How to sync.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncOptions {
    /// Plan only: list the changes, send no write.
    pub dry_run: bool,
    /// Also delete secrets of the scope that the file does not name.
    pub prune: bool,
}

/// A change a sync makes (or, in a dry run, would make).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncAction {
    /// The file names a secret the scope lacks.
    Create,
    /// The file names an existing secret; its value is replaced (GitHub never returns values,
    /// so they cannot be compared).
    Update,
    /// `prune`: the scope has a secret the file does not name.
    Delete,
}

impl fmt::Display for SyncAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `pad` honours width flags, so plans print as aligned columns.
        f.pad(match self {
            Self::Create => "create",
            Self::Update => "update",
            Self::Delete => "delete",
        })
    }
}

/// One planned change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedChange {
    /// The secret's name, upper-case.
    pub name: String,
    /// What happens to it.
    pub action: SyncAction,
}

/// The plan of a sync and, unless it was a dry run, what happened.
#[derive(Debug, Clone)]
pub struct SyncReport {
    /// Every change, in order: creates and updates in file order, then deletes.
    pub plan: Vec<PlannedChange>,
    /// Whether this was a dry run (then `result` is empty).
    pub dry_run: bool,
    /// What happened to each change.
    pub result: BulkReport,
}

impl fmt::Display for SyncReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for change in &self.plan {
            writeln!(f, "{:<7} {}", change.action, change.name)?;
        }
        if self.dry_run {
            write!(
                f,
                "dry run: {} changes planned, nothing sent",
                self.plan.len()
            )
        } else {
            write!(f, "{}", self.result)
        }
    }
}

/// Reads `KEY=value` pairs with dotenv syntax, refusing an unreadable or malformed file.
fn read_env_file(path: &Path) -> Result<Vec<(String, String)>, Error> {
    let invalid = |message: String| Error::invalid_input("env_file", message);
    let entries = dotenvy::from_path_iter(path)
        .map_err(|e| invalid(format!("cannot read {}: {e}", path.display())))?;
    let mut pairs = Vec::new();
    for entry in entries {
        let pair = entry.map_err(|e| {
            invalid(format!(
                "{} is not a valid .env file: {}",
                path.display(),
                describe_parse_error(&e, pairs.len() + 1)
            ))
        })?;
        pairs.push(pair);
    }
    Ok(pairs)
}

/// dotenvy's own message quotes the whole offending line, value included; this names only the
/// entry's key (when it looks like one) and where parsing stopped.
fn describe_parse_error(error: &dotenvy::Error, entry: usize) -> String {
    match error {
        dotenvy::Error::LineParse(line, at) => {
            let key = line
                .split_once('=')
                .map(|(key, _)| key.trim())
                .map(|key| key.strip_prefix("export ").unwrap_or(key).trim())
                .filter(|key| !key.is_empty())
                .filter(|key| key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
            let which = match key {
                Some(key) => format!("entry {entry} ({key})"),
                None => format!("entry {entry}"),
            };
            format!(
                "{which} does not parse (at character {at} of its line; the line is not shown, it may hold a secret)"
            )
        }
        other => other.to_string(),
    }
}

impl<K: ScopeKind> Secrets<K> {
    /// Makes the scope's secrets match a `.env` file: creates and updates every secret it
    /// names, and with `prune` deletes the others. The whole file is validated first; a bad
    /// line or name refuses the sync before any request.
    ///
    /// ```no_run
    /// # async fn run(client: codespaces_secrets::Client) -> codespaces_secrets::Result<()> {
    /// use codespaces_secrets::SyncOptions;
    /// let repo = client.repo("octocat", "hello-world");
    /// let plan = repo.sync_env_file(".env", SyncOptions { dry_run: true, prune: true }).await?;
    /// println!("{plan}");
    /// # Ok(()) }
    /// ```
    pub async fn sync_env_file(
        &self,
        path: impl AsRef<Path>,
        options: SyncOptions,
    ) -> Result<SyncReport, Error> {
        self.sync_env_file_with_progress(path, options, |_| {})
            .await
    }

    /// [`Secrets::sync_env_file`], calling `progress` after each write (create, update or
    /// delete). A dry run sends no write, so it never calls `progress`.
    ///
    /// ```no_run
    /// # async fn run(client: codespaces_secrets::Client) -> codespaces_secrets::Result<()> {
    /// use codespaces_secrets::SyncOptions;
    /// let report = client
    ///     .user()
    ///     .sync_env_file_with_progress(".env", SyncOptions::default(), |p| {
    ///         eprintln!("{}/{} {}", p.done, p.total, p.name)
    ///     })
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn sync_env_file_with_progress(
        &self,
        path: impl AsRef<Path>,
        options: SyncOptions,
        progress: impl FnMut(Progress<'_>) + Send,
    ) -> Result<SyncReport, Error> {
        let entries = validate_pairs(read_env_file(path.as_ref())?)?;
        self.sync_pairs(entries, options, progress).await
    }

    async fn sync_pairs(
        &self,
        entries: Vec<(SecretName, SecretValue)>,
        options: SyncOptions,
        mut progress: impl FnMut(Progress<'_>) + Send,
    ) -> Result<SyncReport, Error> {
        let set_options = K::prepare_options(&SetOptions::default())?;
        let existing = self.existing_names().await?;
        let wanted: HashSet<String> = entries.iter().map(|(name, _)| name.canonical()).collect();
        let mut plan: Vec<PlannedChange> = entries
            .iter()
            .map(|(name, _)| PlannedChange {
                name: name.canonical(),
                action: match existing.contains(&name.canonical()) {
                    true => SyncAction::Update,
                    false => SyncAction::Create,
                },
            })
            .collect();
        if options.prune {
            let mut stale: Vec<&String> =
                existing.iter().filter(|n| !wanted.contains(*n)).collect();
            stale.sort();
            plan.extend(stale.into_iter().map(|name| PlannedChange {
                name: name.clone(),
                action: SyncAction::Delete,
            }));
        }
        for change in &plan {
            tracing::info!(name = %change.name, action = %change.action, dry_run = options.dry_run, "sync plan");
        }
        let mut result = BulkReport::default();
        if options.dry_run {
            return Ok(SyncReport {
                plan,
                dry_run: true,
                result,
            });
        }
        let total = plan.len();
        let mut done = 0;
        let mut tick = |name: &str, ok: bool| {
            done += 1;
            progress(Progress {
                done,
                total,
                name,
                ok,
            });
        };
        if !entries.is_empty() {
            let mut key = self.key().await?;
            for (name, value) in &entries {
                let outcome = self.put_value(name, value, &set_options, &mut key).await;
                tick(name.as_str(), outcome.is_ok());
                result.record(name.canonical(), outcome);
            }
        }
        for change in plan.iter().filter(|c| c.action == SyncAction::Delete) {
            let outcome = self.delete(change.name.as_str()).await;
            tick(&change.name, outcome.is_ok());
            match outcome {
                Ok(()) => result.deleted.push(change.name.clone()),
                Err(error) => result.failed.push(crate::BulkFailure {
                    name: change.name.clone(),
                    error,
                }),
            }
        }
        Ok(SyncReport {
            plan,
            dry_run: false,
            result,
        })
    }

    /// The upper-case names of the scope's secrets.
    async fn existing_names(&self) -> Result<HashSet<String>, Error> {
        use futures_util::TryStreamExt;
        self.list_stream()
            .map_ok(|secret| secret.name().to_ascii_uppercase())
            .try_collect()
            .await
    }
}
