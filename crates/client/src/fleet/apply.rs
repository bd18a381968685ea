//! Carrying out a plan: writes one at a time (the client paces them), within GitHub's 80 a
//! minute and 500 an hour, stopping at `max_writes` if asked; the state is saved after every
//! write, so a run that is killed or stopped resumes without rewriting what it did.

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use codespaces_secrets_core::models::CreateOrUpdateSecretBody;
use codespaces_secrets_transport::{ApiRequest, Method};

use crate::fleet::budget::{WriteBudget, WriteLimits};
use crate::fleet::github::CountingReader;
use crate::fleet::plan::{Change, ChangeAction};
use crate::fleet::planner::{Plan, PlanOptions};
use crate::fleet::work::{AccessWork, Work};
use crate::scope::kind::{ScopeKind, SelectableScope};
use crate::scope::known_secrets::Current;
use crate::scope::reference::ScopeRef;
use crate::scope::secrets::Secrets;
use crate::sync_state::{Recorded, StateFile};
use crate::{CancelHandle, Client, Error};

/// How to apply.
#[derive(Debug, Clone, Default)]
pub struct ApplyOptions {
    /// The state file (see [`PlanOptions::state`](crate::fleet::PlanOptions::state)); saved
    /// after every write.
    pub state: Option<PathBuf>,
    /// The key file for fingerprints.
    pub state_key_file: Option<PathBuf>,
    /// Stop after this many write requests; the next apply resumes.
    pub max_writes: Option<u64>,
    /// The limits to keep to; GitHub's 80 a minute and 500 an hour by default. Waits for a
    /// window show in the progress. The spacing of single writes is the client's
    /// `write_interval`; a `min_interval` here adds to it.
    pub limits: Option<WriteLimits>,
    /// Conditional reads (see [`PlanOptions::conditional_reads`](crate::fleet::PlanOptions)):
    /// the lists read after writing refresh the read cache, and what this apply wrote is
    /// dropped from it. `None`: on when there is a state.
    pub conditional_reads: Option<bool>,
    /// Stops the apply between two changes once cancelled (a wait for a write window ends
    /// at once); the state is saved and `ApplyReport::cancelled` set. A change being sent
    /// is finished first, so nothing is left written but unrecorded.
    pub cancel: Option<CancelHandle>,
}

/// Progress of an apply, after each change or while waiting for GitHub's write limits.
#[derive(Debug, Clone, Copy)]
pub struct ApplyProgress<'a> {
    /// Changes done (succeeded or failed).
    pub done: usize,
    /// Changes that write.
    pub total: usize,
    /// The scope of the change just done (or about to be sent, while waiting).
    pub scope: &'a str,
    /// The secret's name.
    pub name: &'a str,
    /// What was done.
    pub action: ChangeAction,
    /// Whether it succeeded (true while waiting).
    pub ok: bool,
    /// `Some`: waiting this long for a write window before the next request.
    pub waiting: Option<Duration>,
    /// Time left for the remaining writes at the limits.
    pub eta: Duration,
}

impl<'a> ApplyProgress<'a> {
    /// `done` of `total` changes finished, the last or next being `change`; succeeded, no wait.
    fn at(done: usize, total: usize, change: &'a Change, eta: Duration) -> Self {
        Self {
            done,
            total,
            scope: &change.scope,
            name: &change.name,
            action: change.action,
            ok: true,
            waiting: None,
            eta,
        }
    }

    /// Waiting `wait` before `change` is sent, `done` of `total` finished.
    fn waiting(
        done: usize,
        total: usize,
        change: &'a Change,
        wait: Duration,
        eta: Duration,
    ) -> Self {
        Self {
            waiting: Some(wait),
            ..Self::at(done, total, change, eta)
        }
    }
}

/// What an apply did: one entry per change it attempted.
#[derive(Debug, Default)]
pub struct ApplyReport {
    /// Attempted changes, in plan order.
    pub items: Vec<AppliedChange>,
    /// Write requests sent.
    pub writes: u64,
    /// Changes not attempted because `max_writes` was reached (the next apply does them).
    pub remaining: usize,
    /// The state could not be saved after a write: the apply stopped there. `items` still
    /// lists what was sent.
    pub state_error: Option<Error>,
    /// The apply stopped because [`ApplyOptions::cancel`] was cancelled; `remaining` counts
    /// the changes not attempted.
    pub cancelled: bool,
}

impl ApplyReport {
    /// Whether every attempted change succeeded and the state was saved.
    pub fn is_success(&self) -> bool {
        self.state_error.is_none() && self.items.iter().all(|i| i.error.is_none())
    }

    /// The changes that failed.
    pub fn failed(&self) -> impl Iterator<Item = &AppliedChange> {
        self.items.iter().filter(|i| i.error.is_some())
    }
}

/// One attempted change.
#[derive(Debug)]
pub struct AppliedChange {
    /// The scope.
    pub scope: String,
    /// The secret.
    pub name: String,
    /// What was attempted.
    pub action: ChangeAction,
    /// Why it failed, if it did.
    pub error: Option<Error>,
}

impl Client {
    /// Carries out `plan` (made by [`Client::plan`] with the same client). A plan with errors
    /// is refused before any request.
    ///
    /// ```no_run
    /// # async fn run(client: codespaces_secrets::Client) -> codespaces_secrets::Result<()> {
    /// use codespaces_secrets::fleet::{ApplyOptions, Manifest, PlanOptions};
    /// let manifest = Manifest::from_file("fleet.toml")?;
    /// let state = Some("fleet-state.json".into());
    /// let plan = client.plan(&manifest, &PlanOptions { state: state.clone(), ..Default::default() }).await?;
    /// let report = client.apply(&plan, &ApplyOptions { state, ..Default::default() }, |p| {
    ///     eprintln!("{}/{} {} {}", p.done, p.total, p.scope, p.name)
    /// }).await?;
    /// assert!(report.is_success());
    /// # Ok(()) }
    /// ```
    pub async fn apply(
        &self,
        plan: &Plan,
        options: &ApplyOptions,
        mut progress: impl FnMut(ApplyProgress<'_>) + Send,
    ) -> Result<ApplyReport, Error> {
        if !plan.summary.errors.is_empty() {
            return Err(Error::invalid_input(
                "plan",
                format!(
                    "the plan has {} error(s) (first: {}); fix the manifest and plan again — nothing was sent",
                    plan.summary.errors.len(),
                    plan.summary.errors[0].message
                ),
            ));
        }
        if plan.api != crate::sync_state::api_key(self.base_url()) {
            return Err(Error::invalid_input(
                "plan",
                format!(
                    "the plan was made for {}, this client talks to {}",
                    plan.api,
                    self.base_url()
                ),
            ));
        }
        let mut state = match &options.state {
            Some(path) => Some(StateFile::open(path, options.state_key_file.as_deref())?),
            None => None,
        };
        if let Some(state) = state.as_mut() {
            stamp_pending(state, plan);
        }
        let cache = PlanOptions {
            state: options.state.clone(),
            conditional_reads: options.conditional_reads,
            ..PlanOptions::default()
        }
        .read_cache(&plan.api);
        let reader = match &cache {
            Some(cache) => CountingReader::conditional(self, cache.clone()),
            None => CountingReader::new(self),
        };
        let limits = options.limits.unwrap_or(WriteLimits {
            min_interval: Duration::ZERO,
            ..WriteLimits::default()
        });
        let mut budget = WriteBudget::new(limits);
        let started = Instant::now();
        let todo: Vec<usize> = (0..plan.work.len())
            .filter(|i| plan.work[*i].requests() > 0)
            .collect();
        let total = todo.len();
        let mut left: u64 = todo.iter().map(|i| plan.work[*i].requests()).sum();
        let mut report = ApplyReport::default();
        let mut touched_in_scope: Vec<String> = Vec::new();
        let mut current_scope: Option<&ScopeRef> = None;

        for (position, index) in todo.iter().enumerate() {
            let work = &plan.work[*index];
            let change = &plan.summary.changes[*index];
            if current_scope != Some(&work.scope) {
                if let (Some(scope), Some(state)) = (current_scope, state.as_mut()) {
                    stamp(&reader, state, &plan.api, scope, &touched_in_scope).await;
                }
                touched_in_scope.clear();
                current_scope = Some(&work.scope);
            }
            if is_cancelled(options) {
                report.cancelled = true;
                report.remaining = total - position;
                break;
            }
            let requests = work.requests();
            if let Some(max) = options.max_writes
                && report.writes + requests > max
            {
                report.remaining = total - position;
                break;
            }
            // A token about to run dry waits for its reset rather than being refused.
            if let Some(wait) = self.rate_wait(requests) {
                let eta = budget.eta(started.elapsed(), left).max(wait);
                progress(ApplyProgress::waiting(position, total, change, wait, eta));
                tokio::time::sleep(wait).await;
            }
            // Wait for a window under GitHub's write limits, showing the wait.
            let now = started.elapsed();
            let slot = budget.next_slot(now);
            if slot > now {
                let eta = budget.eta(now, left);
                progress(ApplyProgress::waiting(
                    position,
                    total,
                    change,
                    slot - now,
                    eta,
                ));
                tokio::select! {
                    () = tokio::time::sleep(slot - now) => {}
                    () = cancelled(options) => {
                        report.cancelled = true;
                        report.remaining = total - position;
                        break;
                    }
                }
            }
            let outcome = self.send_work(work, &mut budget, started, requests).await;
            report.writes += outcome.sent;
            left = left.saturating_sub(requests);
            let ok = outcome.error.is_none();
            if let (Some(cache), true) = (&cache, outcome.sent > 0) {
                cache.invalidate_scope(&work.scope_text);
            }
            if ok {
                // GitHub moves `updated_at` on a change of visibility or repositories too, so
                // those are read back like values: else the next plan sees "changed elsewhere".
                if !work.delete {
                    touched_in_scope.push(work.name.canonical());
                }
                if let Some(state) = state.as_mut()
                    && let Err(e) = record(state, &plan.api, &plan.manifest_name, work)
                {
                    report.items.push(AppliedChange {
                        scope: change.scope.clone(),
                        name: change.name.clone(),
                        action: change.action,
                        error: None,
                    });
                    report.state_error = Some(e);
                    report.remaining = total - position - 1;
                    return Ok(report);
                }
            }
            report.items.push(AppliedChange {
                scope: change.scope.clone(),
                name: change.name.clone(),
                action: change.action,
                error: outcome.error,
            });
            let eta = budget.eta(started.elapsed(), left);
            progress(ApplyProgress {
                ok,
                ..ApplyProgress::at(position + 1, total, change, eta)
            });
        }
        if let (Some(scope), Some(state)) = (current_scope, state.as_mut()) {
            stamp(&reader, state, &plan.api, scope, &touched_in_scope).await;
            if let Err(e) = state.save() {
                report.state_error = Some(e);
            }
        }
        if let Some(cache) = &cache {
            cache.save();
        }
        Ok(report)
    }

    /// How long to wait before a change of `requests` writes so the token's primary limit is
    /// not run dry: until its reset when fewer than those (plus a public key and a list) are
    /// left; nothing when enough are left, when the last answer is already past its reset,
    /// or when the reset is too far to wait for (the refusal then says so).
    fn rate_wait(&self, requests: u64) -> Option<Duration> {
        let status = self.inner.transport.rate_status()?;
        if status.remaining >= requests + 2 || status.reset_too_far {
            return None;
        }
        let until = status
            .reset?
            .duration_since(std::time::SystemTime::now())
            .ok()?;
        // A second of slack: the reset has whole seconds and clocks drift.
        Some(until + Duration::from_secs(1))
    }

    /// Sends the requests of one change; counts what was sent even when a later one fails.
    async fn send_work(
        &self,
        work: &Work,
        budget: &mut WriteBudget,
        started: Instant,
        requests: u64,
    ) -> Outcome {
        let mut sent = Sent {
            budget,
            started,
            sent: 0,
        };
        let access_only = !work.delete && work.value.is_none();
        let result = match (&work.scope, access_only) {
            (ScopeRef::User, false) => self.user().send_write(work, &mut sent).await,
            (ScopeRef::User, true) => self.user().send_access(work, &mut sent).await,
            (ScopeRef::Org(org), false) => self.org(org.as_str()).send_write(work, &mut sent).await,
            (ScopeRef::Org(org), true) => self.org(org.as_str()).send_access(work, &mut sent).await,
            (ScopeRef::Repo(repo), false) => {
                self.repo(repo.owner(), repo.name())
                    .send_write(work, &mut sent)
                    .await
            }
            // Repository secrets have no access settings: the planner never asks for this.
            (ScopeRef::Repo(_), true) => Ok(()),
        };
        debug_assert!(sent.sent <= requests);
        Outcome {
            sent: sent.sent,
            error: result.err(),
        }
    }
}

fn is_cancelled(options: &ApplyOptions) -> bool {
    options
        .cancel
        .as_ref()
        .is_some_and(CancelHandle::is_cancelled)
}

/// Completes once `options.cancel` is cancelled (never without one); checked often enough
/// for a person waiting, cheap enough for a wait of minutes.
async fn cancelled(options: &ApplyOptions) {
    loop {
        if is_cancelled(options) {
            return;
        }
        if options.cancel.is_none() {
            std::future::pending::<()>().await;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// What one change sent.
struct Outcome {
    sent: u64,
    error: Option<Error>,
}

/// Counts each request toward the limits, failed or not, at the time its answer came: the
/// server counted it on arrival, which is no later, so our window never frees before the
/// server's does.
struct Sent<'a> {
    budget: &'a mut WriteBudget,
    started: Instant,
    sent: u64,
}

impl Sent<'_> {
    fn answered<T>(&mut self, result: Result<T, Error>) -> Result<T, Error> {
        self.budget.record(self.started.elapsed());
        self.sent += 1;
        result
    }
}

impl<K: ScopeKind> Secrets<K> {
    /// A value write (create or update, with its access settings) or a delete.
    async fn send_write(&self, work: &Work, sent: &mut Sent<'_>) -> Result<(), Error> {
        if work.delete {
            return match sent.answered(self.delete(&work.name).await) {
                // Gone already: what prune wanted.
                Err(Error::NotFound(_)) => Ok(()),
                other => other,
            };
        }
        let Some(value) = &work.value else {
            return Ok(());
        };
        let stored = self
            .store(&work.name, value, &work.put_options, Current::Unknown)
            .await;
        sent.answered(stored).map(|_| ())
    }
}

impl<K: SelectableScope> Secrets<K> {
    /// An access change without the value.
    async fn send_access(&self, work: &Work, sent: &mut Sent<'_>) -> Result<(), Error> {
        match &work.access {
            AccessWork::None => Ok(()),
            AccessWork::Put => sent.answered(self.put_access(work).await),
            AccessWork::Set(ids) => {
                let result = self.set_repositories(&work.name, ids.iter().copied()).await;
                sent.answered(result)
            }
            AccessWork::AddRemove { add, remove } => {
                for id in add {
                    sent.answered(self.add_repository(&work.name, *id).await)?;
                }
                for id in remove {
                    sent.answered(self.remove_repository(&work.name, *id).await)?;
                }
                Ok(())
            }
        }
    }

    /// An organization secret's visibility and repositories, without its value.
    async fn put_access(&self, work: &Work) -> Result<(), Error> {
        let body = CreateOrUpdateSecretBody {
            encrypted_value: None,
            key_id: None,
            visibility: work.put_options.visibility,
            selected_repository_ids: work.put_options.selected_repository_ids.clone(),
        };
        let path = self.secret_path(&work.name, &[])?;
        let request = ApiRequest::new(K::OPERATIONS.put, Method::Put, path).with_json(&body)?;
        self.client.inner.transport.send(request).await?;
        Ok(())
    }
}

/// Records a done change in the state and saves it.
fn record(state: &mut StateFile, api: &str, owner: &str, work: &Work) -> Result<(), Error> {
    let name = work.name.canonical();
    if work.delete {
        return state.forget(api, &work.scope_text, &name);
    }
    let previous = state.recorded(api, &work.scope_text, &name);
    let fingerprint = match (&work.value, &work.fingerprint, previous) {
        (Some(_), Some(fp), _) => fp.clone(),
        (None, _, Some(previous)) => previous.fingerprint.clone(),
        // No fingerprint (no state key): nothing to record.
        _ => return Ok(()),
    };
    state.record(
        api,
        &work.scope_text,
        &name,
        Recorded {
            fingerprint,
            // Any write moves GitHub's `updated_at`; `stamp` reads the new one back.
            updated_at: None,
            owner: Some(owner.to_owned()),
            added_repositories: work.added_repositories.clone(),
        },
    )
}

/// Secrets an interrupted apply wrote but could not stamp: the plan's list has the time.
fn stamp_pending(state: &mut StateFile, plan: &Plan) {
    for observed in &plan.observed {
        let (Some(at), Some(fp)) = (observed.updated_at, &observed.fingerprint) else {
            continue;
        };
        if observed.action != ChangeAction::Unchanged && observed.action != ChangeAction::Access {
            continue;
        }
        let records = state.names_mut(&plan.api, &observed.scope);
        if let Some(recorded) = records.get_mut(&observed.name)
            && recorded.updated_at.is_none()
            && recorded.fingerprint == *fp
        {
            recorded.updated_at = Some(at);
        }
    }
}

/// GitHub's `updated_at` of the secrets just written in one scope (values, visibility or
/// repositories), from one list; if the list fails, the next plan takes them from its own.
async fn stamp(
    reader: &CountingReader,
    state: &mut StateFile,
    api: &str,
    scope: &ScopeRef,
    names: &[String],
) {
    if names.is_empty() {
        return;
    }
    let written: HashSet<&str> = names.iter().map(String::as_str).collect();
    match reader.secrets(scope).await {
        Ok(secrets) => {
            let scope_text = scope.to_string();
            let records = state.names_mut(api, &scope_text);
            for secret in secrets {
                let name = secret.name.to_ascii_uppercase();
                if written.contains(name.as_str())
                    && let Some(recorded) = records.get_mut(&name)
                {
                    recorded.updated_at = Some(secret.updated_at);
                }
            }
            if let Err(e) = state.save() {
                tracing::warn!(error = %e, "could not save the state after reading updated_at back");
            }
        }
        Err(e) => tracing::warn!(error = %e, "could not read updated_at back; the next plan will"),
    }
}
