//! A sync run: read the desired set, list the scope once, decide per secret (with the state, if
//! any), write what must be written, prune, and record what was written.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{DateTime, Utc};
use codespaces_secrets_core::{SecretName, SecretValue};

use crate::Error;
use crate::fleet::github::CountingReader;
use crate::fleet::read_cache::ReadCache;
use crate::input::{IntoSecretName, IntoSecretValue};
use crate::scope::bulk::{BulkFailure, BulkReport, Progress, validate_pairs};
use crate::scope::kind::{ScopeKind, SecretModel};
use crate::scope::known_secrets::KnownSecrets;
use crate::scope::options::SetOptions;
use crate::scope::secrets::Secrets;
use crate::sync::env_file::read_env_file;
use crate::sync::report::{PlannedChange, SyncAction, SyncOptions, SyncReport, WriteReason};
use crate::sync_state::{Recorded, SyncState, api_key};
use std::sync::Arc;

/// What to do with one desired secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decision {
    Write(SyncAction, WriteReason),
    Unchanged,
}

/// The rule of incremental sync, for one secret: write when the scope lacks it, when forced,
/// when nothing records what it holds, when its value differs from what we wrote, or when it
/// changed on GitHub after our write; otherwise leave it.
pub(crate) fn decide(
    remote_updated_at: Option<DateTime<Utc>>,
    recorded: Option<&Recorded>,
    fingerprint: Option<&str>,
    force: bool,
) -> Decision {
    use Decision::Write;
    use SyncAction::{Create, Update};
    let Some(remote_updated_at) = remote_updated_at else {
        return Write(Create, WriteReason::New);
    };
    if force {
        return Write(Update, WriteReason::Forced);
    }
    let (Some(recorded), Some(fingerprint)) = (recorded, fingerprint) else {
        return Write(Update, WriteReason::Untracked);
    };
    if recorded.fingerprint != fingerprint {
        return Write(Update, WriteReason::Changed);
    }
    match recorded.updated_at {
        Some(at) if at != remote_updated_at => Write(Update, WriteReason::ChangedElsewhere),
        // `None`: a run that ended before reading `updated_at` back wrote this very value.
        _ => Decision::Unchanged,
    }
}

/// One desired secret with what was decided for it.
struct Desired {
    name: SecretName,
    value: SecretValue,
    fingerprint: Option<String>,
    decision: Decision,
}

/// The reader of a sync's lists, and its read cache when there is a state.
type SyncReader = (CountingReader, Option<Arc<ReadCache>>);

impl<K: ScopeKind> Secrets<K> {
    fn reader(&self, options: &SyncOptions) -> SyncReader {
        // Without the `fleet` feature (the mobile library) every list is read in full.
        if cfg!(not(feature = "fleet")) {
            return (CountingReader::new(&self.client), None);
        }
        let api = api_key(self.client.base_url());
        match options.state.as_deref() {
            Some(state) => {
                let cache = Arc::new(ReadCache::beside(state, &api));
                (
                    CountingReader::conditional(&self.client, cache.clone()),
                    Some(cache),
                )
            }
            None => (CountingReader::new(&self.client), None),
        }
    }

    /// Makes the scope's secrets match `pairs`: creates and updates what they name, and with
    /// `prune` deletes the others. Every pair is validated first; a bad one refuses the sync
    /// before any request. With [`SyncOptions::state`], values this tool already wrote and that
    /// did not change since are left alone: a re-sync of unchanged secrets is one list request.
    ///
    /// Only values change: organization secrets keep their visibility and repositories.
    ///
    /// ```no_run
    /// # async fn run(client: codespaces_secrets::Client) -> codespaces_secrets::Result<()> {
    /// use codespaces_secrets::SyncOptions;
    /// let options = SyncOptions { state: Some("sync-state.json".into()), ..SyncOptions::default() };
    /// let report = client
    ///     .repo("octocat", "hello-world")
    ///     .sync([("API_KEY", "k-1"), ("DB_URL", "postgres://...")], options)
    ///     .await?;
    /// println!("{report}");
    /// # Ok(()) }
    /// ```
    pub async fn sync<N, V>(
        &self,
        pairs: impl IntoIterator<Item = (N, V)>,
        options: SyncOptions,
    ) -> Result<SyncReport, Error>
    where
        N: IntoSecretName,
        V: IntoSecretValue,
    {
        self.sync_with_progress(pairs, options, |_| {}).await
    }

    /// [`Secrets::sync`], calling `progress` after each write (create, update or delete).
    pub async fn sync_with_progress<N, V>(
        &self,
        pairs: impl IntoIterator<Item = (N, V)>,
        options: SyncOptions,
        progress: impl FnMut(Progress<'_>) + Send,
    ) -> Result<SyncReport, Error>
    where
        N: IntoSecretName,
        V: IntoSecretValue,
    {
        let entries = validate_pairs(pairs)?;
        self.sync_pairs(entries, &options, progress).await
    }

    /// [`Secrets::sync`] from a `.env` file. The whole file is validated first; a bad line or
    /// name refuses the sync before any request, and no error ever quotes a line.
    ///
    /// dotenv syntax applies: in unquoted and double-quoted values `$NAME` and `${NAME}` are
    /// replaced by an earlier entry or the environment, so write a value holding a literal `$`
    /// (a password, a bcrypt hash) in single quotes. At most 4096 substitutions per file.
    ///
    /// ```no_run
    /// # async fn run(client: codespaces_secrets::Client) -> codespaces_secrets::Result<()> {
    /// use codespaces_secrets::SyncOptions;
    /// let repo = client.repo("octocat", "hello-world");
    /// let options = SyncOptions { dry_run: true, prune: true, ..SyncOptions::default() };
    /// let plan = repo.sync_env_file(".env", options).await?;
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
        self.sync_pairs(entries, &options, progress).await
    }

    async fn sync_pairs(
        &self,
        entries: Vec<(SecretName, SecretValue)>,
        options: &SyncOptions,
        mut progress: impl FnMut(Progress<'_>) + Send,
    ) -> Result<SyncReport, Error> {
        let requested = K::prepare_options(&SetOptions::default())?;
        self.checked_scope()?;
        let mut state = match &options.state {
            Some(path) => Some(SyncState::open(
                path,
                options.state_key_file.as_deref(),
                self.client.base_url(),
                &self.scope(),
            )?),
            None => None,
        };
        // With a state, the list is read conditionally (see fleet::read_cache): a re-sync of an
        // unchanged scope is one 304, which costs no primary rate limit.
        let reader = self.reader(options);
        let remote: HashMap<String, K::Secret> = self
            .list_with(&reader.0)
            .await?
            .into_iter()
            .map(|s| (s.name().to_ascii_uppercase(), s))
            .collect();

        let mut desired = Vec::with_capacity(entries.len());
        for (name, value) in entries {
            let canonical = name.canonical();
            let fingerprint = state.as_ref().map(|s| s.fingerprint(&canonical, &value));
            let recorded = state.as_ref().and_then(|s| s.recorded(&canonical));
            let remote_updated_at = remote.get(&canonical).map(SecretModel::updated_at);
            let decision = decide(
                remote_updated_at,
                recorded,
                fingerprint.as_deref(),
                options.force,
            );
            desired.push(Desired {
                name,
                value,
                fingerprint,
                decision,
            });
        }
        let plan = plan_of(&desired, &remote, options.prune);
        let unchanged: Vec<String> = plan
            .iter()
            .filter(|c| c.action == SyncAction::Unchanged)
            .map(|c| c.name.clone())
            .collect();
        for change in &plan {
            tracing::info!(name = %change.name, action = %change.action, dry_run = options.dry_run, "sync plan");
        }
        let mut report = SyncReport {
            plan,
            dry_run: options.dry_run,
            unchanged,
            result: BulkReport::default(),
        };
        if options.dry_run {
            return Ok(report);
        }

        if let Some(state) = state.as_mut() {
            // Values an interrupted run wrote but could not stamp: GitHub's list has the time.
            for name in &report.unchanged {
                let pending = state.recorded(name).is_some_and(|r| r.updated_at.is_none());
                if let (true, Some(secret)) = (pending, remote.get(name)) {
                    state.record_updated_at(name, secret.updated_at());
                }
            }
        }

        let known = KnownSecrets::from_list(remote.values());
        let total = report.changes().count();
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
        let mut written = Vec::new();
        for item in desired.iter().filter(|d| d.decision != Decision::Unchanged) {
            let canonical = item.name.canonical();
            let outcome = self
                .store(
                    &item.name,
                    &item.value,
                    &requested,
                    known.current(&item.name),
                )
                .await;
            if outcome.is_ok()
                && let (Some(state), Some(fingerprint)) = (state.as_mut(), &item.fingerprint)
            {
                state.record_write(&canonical, fingerprint.clone())?;
                written.push(canonical.clone());
            }
            tick(item.name.as_str(), outcome.is_ok());
            report.result.record(canonical, outcome);
        }
        let deletes: Vec<String> = report
            .plan
            .iter()
            .filter(|c| c.action == SyncAction::Delete)
            .map(|c| c.name.clone())
            .collect();
        for name in deletes {
            let outcome = self.delete(name.as_str()).await;
            tick(&name, outcome.is_ok());
            match outcome {
                Ok(()) => {
                    if let Some(state) = state.as_mut() {
                        state.forget(&name)?;
                    }
                    report.result.deleted.push(name);
                }
                Err(error) => report.result.failed.push(BulkFailure { name, error }),
            }
        }
        if let Some(state) = state.as_mut() {
            if let Some(cache) = &reader.1
                && report.result.succeeded() > 0
            {
                cache.invalidate_scope(&self.scope());
            }
            self.stamp_written(&reader.0, state, &written).await;
            state.save()?;
        }
        if let Some(cache) = &reader.1 {
            cache.save();
        }
        Ok(report)
    }

    /// The scope's secrets through `reader` (conditionally, with a read cache); the mobile
    /// library (no `fleet` feature) lists in full with the scope's own list.
    async fn list_with(&self, reader: &CountingReader) -> Result<Vec<K::Secret>, Error> {
        #[cfg(feature = "fleet")]
        return reader.secrets_as::<K::Secret>(self.checked_scope()?).await;
        #[cfg(not(feature = "fleet"))]
        {
            let _ = reader;
            self.list().await
        }
    }

    /// Records GitHub's `updated_at` of what this run wrote, from one list. If the list fails
    /// the records stay pending, and the next run stamps them from its own list.
    async fn stamp_written(
        &self,
        reader: &CountingReader,
        state: &mut SyncState,
        written: &[String],
    ) {
        if written.is_empty() {
            return;
        }
        match self.list_with(reader).await {
            Ok(secrets) => {
                let written: HashSet<&str> = written.iter().map(String::as_str).collect();
                for secret in secrets {
                    let name = secret.name().to_ascii_uppercase();
                    if written.contains(name.as_str()) {
                        state.record_updated_at(&name, secret.updated_at());
                    }
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "could not read updated_at back; the next sync will")
            }
        }
    }
}

/// The plan: every desired secret in the given order, then deletes (sorted) with `prune`.
fn plan_of<S: SecretModel>(
    desired: &[Desired],
    remote: &HashMap<String, S>,
    prune: bool,
) -> Vec<PlannedChange> {
    let mut plan: Vec<PlannedChange> = desired
        .iter()
        .map(|d| {
            let (action, reason) = match d.decision {
                Decision::Write(action, reason) => (action, Some(reason)),
                Decision::Unchanged => (SyncAction::Unchanged, None),
            };
            PlannedChange {
                name: d.name.canonical(),
                action,
                reason,
            }
        })
        .collect();
    if prune {
        let wanted: HashSet<String> = desired.iter().map(|d| d.name.canonical()).collect();
        let mut stale: Vec<&String> = remote.keys().filter(|n| !wanted.contains(*n)).collect();
        stale.sort();
        plan.extend(stale.into_iter().map(|name| PlannedChange {
            name: name.clone(),
            action: SyncAction::Delete,
            reason: None,
        }));
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(second: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, second)
            .single()
            .expect("valid time")
    }

    fn recorded(fingerprint: &str, updated_at: Option<DateTime<Utc>>) -> Recorded {
        Recorded {
            updated_at,
            ..Recorded::written(fingerprint.to_owned())
        }
    }

    #[test]
    fn each_rule_of_incremental_sync() {
        use Decision::{Unchanged, Write};
        use SyncAction::{Create, Update};
        let r = recorded("fp", Some(at(1)));
        assert_eq!(
            decide(None, Some(&r), Some("fp"), false),
            Write(Create, WriteReason::New)
        );
        assert_eq!(
            decide(Some(at(1)), Some(&r), Some("fp"), true),
            Write(Update, WriteReason::Forced)
        );
        assert_eq!(
            decide(Some(at(1)), None, Some("fp"), false),
            Write(Update, WriteReason::Untracked)
        );
        assert_eq!(
            decide(Some(at(1)), Some(&r), None, false),
            Write(Update, WriteReason::Untracked)
        );
        assert_eq!(
            decide(Some(at(1)), Some(&r), Some("other"), false),
            Write(Update, WriteReason::Changed)
        );
        assert_eq!(
            decide(Some(at(2)), Some(&r), Some("fp"), false),
            Write(Update, WriteReason::ChangedElsewhere)
        );
        assert_eq!(decide(Some(at(1)), Some(&r), Some("fp"), false), Unchanged);
        let pending = recorded("fp", None);
        assert_eq!(
            decide(Some(at(9)), Some(&pending), Some("fp"), false),
            Unchanged
        );
    }
}
