//! Making a plan: read every value once, resolve the targets, list each scope once, and decide
//! per scope and name — the value with the incremental-sync rule, the access from what GitHub
//! shows, ownership from the state. Reads only; nothing is written, not even the state.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use codespaces_secrets_core::{SecretName, SecretValue, Visibility};

use crate::fleet::budget::{WriteLimits, estimate};
use crate::fleet::github::{CountingReader, ListedSecret, parse_scope};
use crate::fleet::manifest::{Manifest, Membership, line_note};
use crate::fleet::plan::{
    AccessChange, Change, ChangeAction, ChangeReason, Notice, PLAN_VERSION, PlanSummary, Totals,
    VisibilityChange,
};
use crate::fleet::read_cache::ReadCache;
use crate::fleet::source::SourceReader;
use crate::fleet::targets::{DesiredAccess, RepoDirectory, RepoId, Target, resolve};
use crate::fleet::work::{AccessWork, Observed, Work};
use crate::scope::options::SetOptions;
use crate::scope::reference::ScopeRef;
use crate::state_key::StateKey;
use crate::sync::run::{Decision, decide};
use crate::sync_state::{Recorded, StateFile, api_key};
use crate::{Client, Error};

/// How to plan (and apply).
#[derive(Debug, Clone, Default)]
pub struct PlanOptions {
    /// The state file: what this tool wrote where, and for which manifest (keyed fingerprints,
    /// never values). Without one every existing value counts as untracked (written again) and
    /// nothing is owned, so nothing is pruned.
    pub state: Option<PathBuf>,
    /// The key file for fingerprints (default: `CODESPACES_SECRETS_STATE_KEY`, else the
    /// default key file).
    pub state_key_file: Option<PathBuf>,
    /// Write every value even when the state says it is in place.
    pub force: bool,
    /// The write limits the time estimate (and an apply) keep to; GitHub's by default.
    pub limits: Option<WriteLimits>,
    /// Compute keyed fingerprints even without a state (a plan that will be saved).
    pub fingerprints: bool,
    /// Conditional reads: keep each list's ETag and content beside the state and send
    /// `If-None-Match`, so unchanged lists are `304 Not Modified` and cost no primary rate
    /// limit. `None`: on when there is a state (off without one).
    pub conditional_reads: Option<bool>,
}

impl PlanOptions {
    /// The read cache these options ask for, if any.
    pub(crate) fn read_cache(&self, api: &str) -> Option<std::sync::Arc<ReadCache>> {
        let state = self.state.as_deref()?;
        self.conditional_reads
            .unwrap_or(true)
            .then(|| std::sync::Arc::new(ReadCache::beside(state, api)))
    }
}

/// A plan: what it says ([`Plan::summary`]) and what an apply needs to carry it out (values
/// included, held in memory only and never printed).
#[derive(Debug)]
pub struct Plan {
    /// The changes, warnings, errors and totals.
    pub summary: PlanSummary,
    pub(crate) work: Vec<Work>,
    pub(crate) observed: Vec<Observed>,
    pub(crate) manifest_name: String,
    pub(crate) manifest_path: Option<PathBuf>,
    pub(crate) api: String,
}

/// What one scope holds, from its list.
type Remote = HashMap<String, ListedSecret>;

impl Client {
    /// Plans `manifest`: reads everything, writes nothing (not even the state).
    ///
    /// ```no_run
    /// # async fn run(client: codespaces_secrets::Client) -> codespaces_secrets::Result<()> {
    /// use codespaces_secrets::fleet::{Manifest, PlanOptions};
    /// let manifest = Manifest::from_file("fleet.toml")?;
    /// let plan = client.plan(&manifest, &PlanOptions::default()).await?;
    /// println!("{}", plan.summary);
    /// # Ok(()) }
    /// ```
    pub async fn plan(&self, manifest: &Manifest, options: &PlanOptions) -> Result<Plan, Error> {
        let api = api_key(self.base_url());
        let state = match &options.state {
            Some(path) => Some(StateFile::read_only(
                path,
                options.state_key_file.as_deref(),
            )?),
            None => None,
        };
        let key = match (&state, options.fingerprints) {
            (None, true) => Some(StateKey::load(options.state_key_file.as_deref())?),
            _ => None,
        };
        let fingerprint = |scope: &str, name: &str, value: &SecretValue| -> Option<String> {
            match (&state, &key) {
                (Some(state), _) => Some(state.fingerprint(&api, scope, name, value)),
                (None, Some(key)) => Some(key.fingerprint(&[
                    api.as_bytes(),
                    scope.as_bytes(),
                    name.as_bytes(),
                    value.expose(),
                ])),
                (None, None) => None,
            }
        };

        let mut warnings = Vec::new();
        let mut errors = Vec::new();
        let values = read_values(manifest, &mut warnings, &mut errors).await?;
        let skip: Vec<bool> = values.iter().map(Option::is_none).collect();

        let cache = options.read_cache(&api);
        let reader = match &cache {
            Some(cache) => CountingReader::conditional(self, cache.clone()),
            None => CountingReader::new(self),
        };
        let mut directory = RepoDirectory::new(&reader);
        let targets = resolve(manifest, &skip, &mut directory, &mut errors).await?;
        shadowing(manifest, &targets, &mut warnings);

        // Scopes to read: every target's, and every scope where the state says this manifest
        // owns something (a secret it dropped, a repository that left a selector).
        let mut scopes: BTreeMap<String, ScopeRef> = BTreeMap::new();
        for target in &targets {
            scopes.insert(target.scope.to_string(), target.scope.clone());
        }
        if let Some(state) = &state {
            for (scope, names) in state.scopes(&api) {
                let owned = names
                    .values()
                    .any(|r| r.owner.as_deref() == Some(manifest.name.as_str()));
                if owned && let Some(parsed) = parse_scope(scope) {
                    scopes.insert(scope.clone(), parsed);
                }
            }
        }

        let mut planner = Planner {
            manifest,
            reader: &reader,
            state: state.as_ref(),
            api: &api,
            force: options.force,
            changes: Vec::new(),
            work: Vec::new(),
            observed: Vec::new(),
            warnings,
            errors,
        };
        for (scope_text, scope) in &scopes {
            let remote: Remote = match reader.secrets(scope).await {
                Ok(list) => list
                    .into_iter()
                    .map(|s| (s.name.to_ascii_uppercase(), s))
                    .collect(),
                Err(Error::NotFound(_)) => {
                    planner.scope_missing(scope_text, &targets);
                    continue;
                }
                Err(e) => return Err(e),
            };
            let mut here: Vec<&Target> = targets
                .iter()
                .filter(|t| t.scope.to_string() == *scope_text)
                .collect();
            here.sort_by_key(|t| manifest.secrets[t.secret].name.canonical());
            for target in &here {
                let Some(value) = values[target.secret].as_ref() else {
                    continue;
                };
                let name = &manifest.secrets[target.secret].name;
                let fp = fingerprint(scope_text, &name.canonical(), value);
                planner
                    .target(scope_text, target, name, value, fp, &remote)
                    .await?;
            }
            let targeted: BTreeSet<String> = here
                .iter()
                .map(|t| manifest.secrets[t.secret].name.canonical())
                .collect();
            planner.others(scope_text, scope, &remote, &targeted)?;
        }

        let Planner {
            changes,
            work,
            observed,
            mut warnings,
            errors,
            ..
        } = planner;
        if let Some(cache) = &cache {
            cache.save();
        }
        let writes = work.iter().map(Work::requests).sum();
        let limits = options.limits.unwrap_or_default();
        let points = primary_points(&work);
        let rate = self.inner.transport.rate_status();
        if let Some(rate) = rate.filter(|r| r.remaining < points) {
            warnings.push(Notice {
                kind: "rate_budget",
                scope: None,
                name: None,
                message: format!(
                    "the apply needs about {points} requests of the token's primary rate limit; {} are left until {} — it will wait for the reset (or stop at --max-writes)",
                    rate.remaining,
                    reset_text(&rate)
                ),
            });
        }
        let summary = PlanSummary {
            version: PLAN_VERSION,
            changes,
            warnings,
            errors,
            totals: Totals {
                reads: reader.reads(),
                not_modified: reader.not_modified(),
                writes,
                seconds: estimate(writes, limits).as_secs(),
                points,
                rate_remaining: rate.map(|r| r.remaining),
                rate_reset: rate.and_then(|r| r.reset).and_then(epoch_seconds),
            },
        };
        Ok(Plan {
            summary,
            work,
            observed,
            manifest_name: manifest.name.clone(),
            manifest_path: manifest.path.clone(),
            api,
        })
    }
}

/// Reads each secret's value once (sources shared between secrets are read once too), on a
/// blocking thread: a command may run for its whole timeout. Lint goes to the warnings; a
/// source that fails is a plan error and its secret is left out.
async fn read_values(
    manifest: &Manifest,
    warnings: &mut Vec<Notice>,
    errors: &mut Vec<Notice>,
) -> Result<Vec<Option<SecretValue>>, Error> {
    let sources: Vec<_> = manifest.secrets.iter().map(|s| s.from.clone()).collect();
    let base = manifest.base_dir();
    let read = tokio::task::spawn_blocking(move || {
        let mut reader = SourceReader::new(base);
        sources.iter().map(|s| reader.read(s)).collect::<Vec<_>>()
    })
    .await
    .map_err(|e| Error::invalid_input("manifest", format!("reading values failed: {e}")))?;
    let mut values = Vec::with_capacity(read.len());
    for (secret, result) in manifest.secrets.iter().zip(read) {
        let name = secret.name.canonical();
        match result {
            Ok(value) => {
                lint(&name, &value, warnings);
                values.push(Some(value));
            }
            Err(message) => {
                errors.push(Notice {
                    kind: "source_failed",
                    scope: None,
                    name: Some(name.clone()),
                    message: format!("secrets.{name}.from{}: {message}", line_note(secret.line)),
                });
                values.push(None);
            }
        }
    }
    Ok(values)
}

/// The primary rate-limit points an apply of `work` spends: each write, and for each scope
/// whose values are written its public key and the list that reads `updated_at` back.
pub(crate) fn primary_points(work: &[Work]) -> u64 {
    let writes: u64 = work.iter().map(Work::requests).sum();
    let scopes: std::collections::HashSet<&str> = work
        .iter()
        .filter(|w| w.value.is_some())
        .map(|w| w.scope_text.as_str())
        .collect();
    writes + 2 * scopes.len() as u64
}

fn epoch_seconds(at: std::time::SystemTime) -> Option<u64> {
    at.duration_since(std::time::UNIX_EPOCH)
        .ok()
        .map(|d| d.as_secs())
}

/// When the token's window resets, for people.
fn reset_text(rate: &codespaces_secrets_transport::RateStatus) -> String {
    if rate.reset_too_far {
        return "a reset too far in the future to wait for".to_owned();
    }
    match rate
        .reset
        .map(|at| at.duration_since(std::time::SystemTime::now()))
    {
        Some(Ok(left)) => format!(
            "the reset in {}",
            crate::fleet::plan::duration_text(left.as_secs())
        ),
        Some(Err(_)) => "the reset (due now)".to_owned(),
        None => "an unknown reset".to_owned(),
    }
}

/// Values that are probably mistakes: empty, or ending in a newline a shell added.
fn lint(name: &str, value: &SecretValue, warnings: &mut Vec<Notice>) {
    let bytes = value.expose();
    let mut warn = |kind: &'static str, what: &str| {
        warnings.push(Notice {
            kind,
            scope: None,
            name: Some(name.to_owned()),
            message: format!("{name}: the value {what}"),
        })
    };
    if bytes.is_empty() {
        warn("empty_value", "is empty");
    }
    if bytes.ends_with(b"\n") {
        warn(
            "trailing_newline",
            "ends with a newline (often added by `echo` or a command's output); it is stored as is",
        );
    }
    if bytes.contains(&b'\r') {
        warn(
            "carriage_return",
            "holds a carriage return (a file saved with Windows line endings?); it is stored as is",
        );
    }
}

/// One name reaching the same repository from two levels: which value a codespace sees is
/// then not obvious from the manifest.
fn shadowing(manifest: &Manifest, targets: &[Target], warnings: &mut Vec<Notice>) {
    let mut reach: BTreeMap<(String, String), BTreeSet<&'static str>> = BTreeMap::new();
    let mut org_wide: Vec<(String, String)> = Vec::new();
    for target in targets {
        let name = manifest.secrets[target.secret].name.canonical();
        match (&target.scope, &target.access) {
            (ScopeRef::Repo(repo), _) => {
                let full = format!("{}/{}", repo.owner(), repo.name()).to_ascii_lowercase();
                reach.entry((name, full)).or_default().insert("repository");
            }
            (
                ScopeRef::Org(org),
                DesiredAccess::Org {
                    visibility, repos, ..
                },
            ) => {
                if *visibility == Visibility::Selected {
                    for repo in repos {
                        let key = (name.clone(), repo.full_name.to_ascii_lowercase());
                        reach.entry(key).or_default().insert("organization");
                    }
                } else {
                    org_wide.push((name, org.to_ascii_lowercase()));
                }
            }
            (ScopeRef::User, DesiredAccess::User { repos }) => {
                for repo in repos {
                    let key = (name.clone(), repo.full_name.to_ascii_lowercase());
                    reach.entry(key).or_default().insert("user");
                }
            }
            _ => {}
        }
    }
    for ((name, full), levels) in &mut reach {
        let owner = full.split('/').next().unwrap_or_default();
        if org_wide.iter().any(|(n, org)| n == name && org == owner) {
            levels.insert("organization");
        }
        if levels.len() > 1 {
            let levels: Vec<&str> = levels.iter().copied().collect();
            warnings.push(Notice {
                kind: "shadowed",
                scope: Some(format!("repos/{full}")),
                name: Some(name.clone()),
                message: format!(
                    "{name} reaches {full} as a {} secret; a codespace there sees only one of them",
                    levels.join(" and a ")
                ),
            });
        }
    }
}

struct Planner<'a> {
    manifest: &'a Manifest,
    reader: &'a CountingReader,
    state: Option<&'a StateFile>,
    api: &'a str,
    force: bool,
    changes: Vec<Change>,
    work: Vec<Work>,
    observed: Vec<Observed>,
    warnings: Vec<Notice>,
    errors: Vec<Notice>,
}

impl Planner<'_> {
    fn recorded(&self, scope: &str, name: &str) -> Option<&Recorded> {
        self.state?.recorded(self.api, scope, name)
    }

    fn owned(&self, recorded: Option<&Recorded>) -> bool {
        recorded.and_then(|r| r.owner.as_deref()) == Some(self.manifest.name.as_str())
    }

    /// A scope that answered 404: an error when the manifest targets it; when only owned
    /// records point there (a deleted repository), there is nothing to do.
    fn scope_missing(&mut self, scope: &str, targets: &[Target]) {
        for target in targets.iter().filter(|t| t.scope.to_string() == scope) {
            let name = self.manifest.secrets[target.secret].name.canonical();
            self.errors.push(Notice {
                kind: "repository_not_found",
                scope: Some(scope.to_owned()),
                name: Some(name.clone()),
                message: format!(
                    "secrets.{name}: {scope} does not exist or the token cannot manage its secrets"
                ),
            });
        }
    }

    /// One manifest secret in one scope.
    async fn target(
        &mut self,
        scope: &str,
        target: &Target,
        name: &SecretName,
        value: &SecretValue,
        fingerprint: Option<String>,
        remote: &Remote,
    ) -> Result<(), Error> {
        let canonical = name.canonical();
        let current = remote.get(&canonical);
        let recorded = self.recorded(scope, &canonical).cloned();
        if let Some(owner) = recorded.as_ref().and_then(|r| r.owner.as_deref())
            && owner != self.manifest.name
        {
            self.warnings.push(Notice {
                kind: "owned_elsewhere",
                scope: Some(scope.to_owned()),
                name: Some(canonical.clone()),
                message: format!(
                    "{canonical} in {scope} was written by manifest {owner:?}; this manifest takes it over"
                ),
            });
        }
        let decision = decide(
            current.map(|s| s.updated_at),
            recorded.as_ref(),
            fingerprint.as_deref(),
            self.force,
        );
        let remote_repos = match (&target.access, current) {
            (DesiredAccess::None, _) | (_, None) => None,
            (DesiredAccess::Org { .. }, Some(s)) if s.visibility != Some(Visibility::Selected) => {
                Some(Vec::new())
            }
            (_, Some(_)) => Some(
                self.reader
                    .selected(&target.scope, name)
                    .await?
                    .into_iter()
                    .map(|r| RepoId {
                        id: r.id,
                        full_name: r.full_name,
                    })
                    .collect::<Vec<_>>(),
            ),
        };
        let owned_added = match &recorded {
            Some(r) if self.owned(Some(r)) => r.added_repositories.clone(),
            _ => Vec::new(),
        };
        let access = access_plan(
            &target.access,
            current.and_then(|s| s.visibility),
            current.is_some(),
            remote_repos.as_deref().unwrap_or_default(),
            &owned_added,
        );

        let (action, reason) = match decision {
            Decision::Write(action, reason) => (
                match action {
                    crate::SyncAction::Create => ChangeAction::Create,
                    _ => ChangeAction::Update,
                },
                Some(ChangeReason::from(reason)),
            ),
            Decision::Unchanged if !access.shown.is_empty() => (ChangeAction::Access, None),
            Decision::Unchanged => (ChangeAction::Unchanged, None),
        };
        let value_write = matches!(action, ChangeAction::Create | ChangeAction::Update);
        let access_work = if value_write || action != ChangeAction::Access {
            AccessWork::None
        } else {
            access.work.clone()
        };
        self.changes.push(Change {
            scope: scope.to_owned(),
            name: canonical.clone(),
            action,
            reason,
            access: (!access.shown.is_empty()).then(|| access.shown.clone()),
        });
        self.work.push(Work {
            scope: target.scope.clone(),
            scope_text: scope.to_owned(),
            name: name.clone(),
            value: value_write.then(|| value.clone()),
            fingerprint: fingerprint.clone(),
            put_options: access.put_options.clone(),
            access: access_work,
            delete: false,
            added_repositories: access.added_by_us.clone(),
        });
        self.observed.push(Observed {
            scope: scope.to_owned(),
            name: canonical,
            updated_at: current.map(|s| s.updated_at),
            visibility: current.and_then(|s| s.visibility),
            repositories: remote_repos.map(|repos| {
                let mut ids: Vec<i64> = repos.iter().map(|r| r.id).collect();
                ids.sort_unstable();
                ids
            }),
            fingerprint,
            action,
        });
        Ok(())
    }

    /// The scope's other secrets: this manifest's own that it dropped (deleted with prune,
    /// unless protected) and everyone else's (unmanaged: listed, never touched).
    fn others(
        &mut self,
        scope_text: &str,
        scope: &ScopeRef,
        remote: &Remote,
        targeted: &BTreeSet<String>,
    ) -> Result<(), Error> {
        let mut names: Vec<&String> = remote.keys().filter(|n| !targeted.contains(*n)).collect();
        names.sort();
        for name in names {
            let recorded = self.recorded(scope_text, name);
            let owned = self.owned(recorded);
            let secret_name = SecretName::new(name.as_str())?;
            let delete = owned && self.manifest.prune && !self.manifest.is_protected(name);
            if owned && !delete {
                let why = if self.manifest.prune {
                    "it is protected"
                } else {
                    "prune is off"
                };
                self.warnings.push(Notice {
                    kind: "not_pruned",
                    scope: Some(scope_text.to_owned()),
                    name: Some(name.clone()),
                    message: format!(
                        "{name} in {scope_text} was written by this manifest, which no longer puts it there; kept because {why}"
                    ),
                });
            }
            let action = if delete {
                ChangeAction::Delete
            } else {
                ChangeAction::Unmanaged
            };
            self.changes.push(Change {
                scope: scope_text.to_owned(),
                name: name.clone(),
                action,
                reason: delete.then_some(ChangeReason::Pruned),
                access: None,
            });
            self.work.push(Work {
                scope: scope.clone(),
                scope_text: scope_text.to_owned(),
                name: secret_name,
                value: None,
                fingerprint: None,
                put_options: SetOptions::default(),
                access: AccessWork::None,
                delete,
                added_repositories: Vec::new(),
            });
            self.observed.push(Observed {
                scope: scope_text.to_owned(),
                name: name.clone(),
                updated_at: remote.get(name).map(|s| s.updated_at),
                visibility: remote.get(name).and_then(|s| s.visibility),
                repositories: None,
                fingerprint: None,
                action,
            });
        }
        Ok(())
    }
}

/// The access part of one target: what is shown, what a value write carries, and what an
/// access-only change sends.
struct AccessPlan {
    shown: AccessChange,
    put_options: SetOptions,
    work: AccessWork,
    /// Additive membership: the repositories this manifest added itself, after the apply.
    added_by_us: Vec<i64>,
}

fn access_plan(
    desired: &DesiredAccess,
    remote_visibility: Option<Visibility>,
    exists: bool,
    remote: &[RepoId],
    owned_added: &[i64],
) -> AccessPlan {
    let none = AccessPlan {
        shown: AccessChange::default(),
        put_options: SetOptions::default(),
        work: AccessWork::None,
        added_by_us: Vec::new(),
    };
    let (visibility, wanted, membership) = match desired {
        DesiredAccess::None => return none,
        DesiredAccess::Org {
            visibility,
            repos,
            membership,
        } => (Some(*visibility), repos, *membership),
        DesiredAccess::User { repos } => (None, repos, Membership::Exact),
    };
    let selects = visibility.is_none_or(|v| v == Visibility::Selected);
    let remote_ids: BTreeSet<i64> = remote.iter().map(|r| r.id).collect();
    let wanted_ids: BTreeSet<i64> = wanted.iter().map(|r| r.id).collect();
    let names: HashMap<i64, &str> = remote
        .iter()
        .chain(wanted.iter())
        .map(|r| (r.id, r.full_name.as_str()))
        .collect();
    let (added, removed, added_by_us): (BTreeSet<i64>, BTreeSet<i64>, Vec<i64>) = if !selects {
        (BTreeSet::new(), remote_ids.clone(), Vec::new())
    } else {
        match membership {
            Membership::Exact => (
                &wanted_ids - &remote_ids,
                &remote_ids - &wanted_ids,
                Vec::new(),
            ),
            Membership::Additive => {
                let ours: BTreeSet<i64> = owned_added.iter().copied().collect();
                let added = &wanted_ids - &remote_ids;
                let removed: BTreeSet<i64> = &(&ours - &wanted_ids) & &remote_ids;
                let still_ours: BTreeSet<i64> = &(&ours & &remote_ids) - &removed;
                let after: Vec<i64> = (&still_ours | &added).into_iter().collect();
                (added, removed, after)
            }
        }
    };
    let final_ids: Vec<i64> = if selects {
        (&(&remote_ids | &added) - &removed).into_iter().collect()
    } else {
        Vec::new()
    };
    let visibility_change = match visibility {
        Some(to) if remote_visibility != Some(to) || !exists => Some(VisibilityChange {
            from: if exists {
                remote_visibility
                    .map_or("none", Visibility::as_str)
                    .to_owned()
            } else {
                "none".to_owned()
            },
            to: to.as_str().to_owned(),
        }),
        _ => None,
    };
    let named = |ids: &BTreeSet<i64>| -> Vec<String> {
        ids.iter()
            .map(|id| {
                names
                    .get(id)
                    .map_or_else(|| id.to_string(), |n| (*n).to_owned())
            })
            .collect()
    };
    let shown = AccessChange {
        visibility: visibility_change.clone(),
        added: named(&added),
        // Leaving `selected` clears the list as a side effect; name what goes.
        removed: named(&removed),
    };
    let put_options = SetOptions {
        visibility,
        selected_repository_ids: selects.then(|| final_ids.clone()),
    };
    let work = if shown.is_empty() {
        AccessWork::None
    } else if visibility_change.is_some() && exists {
        AccessWork::Put
    } else if membership == Membership::Additive {
        AccessWork::AddRemove {
            add: added.iter().copied().collect(),
            remove: removed.iter().copied().collect(),
        }
    } else {
        AccessWork::Set(final_ids)
    };
    AccessPlan {
        shown,
        put_options,
        work,
        added_by_us,
    }
}
