//! A plan saved to a file (`plan --out`) and applied later (`apply plan.json`). The file holds
//! what the plan said and what it observed — each target's `updated_at`, visibility and
//! repositories, and a keyed fingerprint of each value — never a value or an unkeyed hash.
//! Applying it re-reads the manifest, its values and GitHub, and refuses before any write if
//! anything moved since, listing what.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::fleet::manifest::Manifest;
use crate::fleet::plan::{ChangeAction, PlanSummary};
use crate::fleet::planner::{Plan, PlanOptions};
use crate::fleet::work::Observed;
use crate::private_file::replace_private;
use crate::{Client, Error};

const SAVED_NOTE: &str = "codespaces-secrets plan: what it observed and keyed fingerprints; no values. Apply it with `codespaces-secrets apply FILE`.";

#[derive(Serialize)]
struct SavedOut<'a> {
    #[serde(flatten)]
    summary: &'a PlanSummary,
    note: &'static str,
    api: &'a str,
    manifest: SavedManifest,
    observed: &'a [Observed],
}

#[derive(Serialize, Deserialize)]
struct SavedManifest {
    name: String,
    path: PathBuf,
}

#[derive(Deserialize)]
struct SavedIn {
    version: u32,
    api: String,
    manifest: SavedManifest,
    observed: Vec<Observed>,
}

fn plan_error(path: &Path, message: impl std::fmt::Display) -> Error {
    Error::invalid_input("plan", format!("{}: {message}", path.display()))
}

impl Plan {
    /// Saves the plan to `path` (mode 0600, replaced atomically) for a later
    /// [`Client::load_saved_plan`] and [`Client::apply`]. The plan must come from a manifest file and carry
    /// fingerprints ([`PlanOptions::state`] or [`PlanOptions::fingerprints`]).
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), Error> {
        let path = path.as_ref();
        let manifest_path = self.manifest_path.as_ref().ok_or_else(|| {
            plan_error(path, "only a plan made from a manifest file can be saved")
        })?;
        let manifest_path = std::path::absolute(manifest_path)
            .map_err(|e| plan_error(path, format!("cannot resolve the manifest's path: {e}")))?;
        let writes_without_fingerprint = self.observed.iter().any(|o| {
            o.fingerprint.is_none()
                && matches!(
                    o.action,
                    ChangeAction::Create
                        | ChangeAction::Update
                        | ChangeAction::Access
                        | ChangeAction::Unchanged
                )
        });
        if writes_without_fingerprint {
            return Err(plan_error(
                path,
                "a saved plan needs value fingerprints: plan with a state or with fingerprints on",
            ));
        }
        let out = SavedOut {
            summary: &self.summary,
            note: SAVED_NOTE,
            api: &self.api,
            manifest: SavedManifest {
                name: self.manifest_name.clone(),
                path: manifest_path,
            },
            observed: &self.observed,
        };
        let text = serde_json::to_vec_pretty(&out)
            .map_err(|e| plan_error(path, format!("cannot encode it: {e}")))?;
        replace_private(path, &text).map_err(|e| plan_error(path, format!("cannot write it: {e}")))
    }
}

impl Client {
    /// Applies a plan saved by [`Plan::save`]: reads the manifest it names, plans again and
    /// refuses — before any write — when a target or a value changed since the plan was made
    /// (changes this tool itself made, by applying that plan partly, are not counted: an
    /// interrupted apply resumes). Returns the fresh plan to carry out with [`Client::apply`].
    pub async fn load_saved_plan(
        &self,
        path: impl AsRef<Path>,
        options: &PlanOptions,
    ) -> Result<Plan, Error> {
        let path = path.as_ref();
        let text =
            std::fs::read(path).map_err(|e| plan_error(path, format!("cannot read it: {e}")))?;
        let saved: SavedIn = serde_json::from_slice(&text)
            .map_err(|e| plan_error(path, format!("is not a saved plan ({e})")))?;
        if saved.version != crate::fleet::plan::PLAN_VERSION {
            return Err(plan_error(
                path,
                format!("has version {}; plan again", saved.version),
            ));
        }
        if saved.api != crate::sync_state::api_key(self.base_url()) {
            return Err(plan_error(
                path,
                format!(
                    "was made for {}, this client talks to {}",
                    saved.api,
                    self.base_url()
                ),
            ));
        }
        let manifest = Manifest::from_file(&saved.manifest.path)?;
        if manifest.name != saved.manifest.name {
            return Err(plan_error(
                path,
                format!(
                    "was made for manifest {:?}; {} now says {:?}",
                    saved.manifest.name,
                    saved.manifest.path.display(),
                    manifest.name
                ),
            ));
        }
        let options = PlanOptions {
            fingerprints: true,
            ..options.clone()
        };
        let fresh = self.plan(&manifest, &options).await?;
        let moved = moved(&saved.observed, &fresh.observed);
        if !moved.is_empty() {
            return Err(plan_error(
                path,
                format!(
                    "is stale, nothing was sent; plan again. Changed since: {}",
                    moved.join("; ")
                ),
            ));
        }
        Ok(fresh)
    }
}

/// What differs between the saved observations and fresh ones, ignoring what this tool did by
/// applying the plan (a target the saved plan writes that is now in place with the planned
/// fingerprint).
fn moved(saved: &[Observed], fresh: &[Observed]) -> Vec<String> {
    let key = |o: &Observed| format!("{} {}", o.scope, o.name);
    let fresh_by_key: HashMap<String, &Observed> = fresh.iter().map(|o| (key(o), o)).collect();
    let saved_keys: std::collections::HashSet<String> = saved.iter().map(key).collect();
    let mut out = Vec::new();
    for old in saved {
        let k = key(old);
        let Some(new) = fresh_by_key.get(&k) else {
            // A pruned secret is gone once the plan deleted it.
            if old.action != ChangeAction::Delete {
                out.push(format!("{k}: no longer a target or gone"));
            }
            continue;
        };
        let done_by_us = old.action.writes()
            && new.action == ChangeAction::Unchanged
            && new.fingerprint.is_some()
            && new.fingerprint == old.fingerprint;
        let deleted_by_us = old.action == ChangeAction::Delete && new.updated_at.is_none();
        if done_by_us || deleted_by_us {
            continue;
        }
        if new.fingerprint != old.fingerprint {
            out.push(format!("{k}: the value"));
        } else if new.updated_at != old.updated_at {
            out.push(format!("{k}: changed on GitHub"));
        } else if new.visibility != old.visibility || new.repositories != old.repositories {
            out.push(format!("{k}: its visibility or repositories"));
        } else if new.action != old.action {
            out.push(format!("{k}: now {}", new.action.as_str()));
        }
    }
    for new in fresh {
        if !saved_keys.contains(&key(new)) && new.action.writes() {
            out.push(format!("{}: a new target", key(new)));
        }
    }
    out
}
