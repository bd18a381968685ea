//! From a manifest to target scopes: each secret's repositories (named, or chosen by selector
//! from the organization's list), organizations with the ids of their selected repositories,
//! and the user's secret with its repositories. Repository names become ids here; what cannot
//! be resolved becomes a plan error, not a failed run.

use std::collections::{BTreeMap, HashMap};

use codespaces_secrets_core::{RepoRef, Visibility};

use crate::Error;
use crate::fleet::github::{CountingReader, RepoInfo};
use crate::fleet::manifest::{Manifest, Membership, RepoSelector, SecretSpec, line_note};
use crate::fleet::plan::Notice;
use crate::scope::reference::ScopeRef;

/// A repository reached by id, with its name for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RepoId {
    pub(crate) id: i64,
    pub(crate) full_name: String,
}

/// Who should be able to use the secret in a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DesiredAccess {
    /// Repository secrets have no access settings.
    None,
    /// An organization secret.
    Org {
        visibility: Visibility,
        repos: Vec<RepoId>,
        membership: Membership,
    },
    /// The user's secret: exactly these repositories.
    User { repos: Vec<RepoId> },
}

/// One secret in one scope.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    pub(crate) scope: ScopeRef,
    /// Index into the manifest's secrets.
    pub(crate) secret: usize,
    pub(crate) access: DesiredAccess,
}

/// Repository lists fetched once per organization and single repositories once each.
pub(crate) struct RepoDirectory<'a> {
    reader: &'a CountingReader,
    orgs: HashMap<String, Option<Vec<RepoInfo>>>,
    single: HashMap<String, Option<RepoInfo>>,
}

impl<'a> RepoDirectory<'a> {
    pub(crate) fn new(reader: &'a CountingReader) -> Self {
        Self {
            reader,
            orgs: HashMap::new(),
            single: HashMap::new(),
        }
    }

    /// The organization's repositories; `None` when it does not exist.
    async fn org(&mut self, org: &str) -> Result<Option<&Vec<RepoInfo>>, Error> {
        let key = org.to_ascii_lowercase();
        if !self.orgs.contains_key(&key) {
            let repos = self.reader.org_repos(org).await?;
            self.orgs.insert(key.clone(), repos);
        }
        Ok(self.orgs.get(&key).and_then(Option::as_ref))
    }

    /// One repository by `OWNER/NAME`: from its organization's list when that was fetched,
    /// else one request.
    async fn repo(&mut self, repo: &RepoRef) -> Result<Option<RepoInfo>, Error> {
        let full = format!("{}/{}", repo.owner(), repo.name()).to_ascii_lowercase();
        if let Some(Some(listed)) = self.orgs.get(&repo.owner().to_ascii_lowercase()) {
            return Ok(listed
                .iter()
                .find(|r| r.full_name.eq_ignore_ascii_case(&full))
                .cloned());
        }
        if !self.single.contains_key(&full) {
            let found = self.reader.repo(repo).await?;
            self.single.insert(full.clone(), found);
        }
        Ok(self.single.get(&full).cloned().flatten())
    }
}

/// Every target of the manifest's secrets (those in `skip` left out: their value could not be
/// read), with plan errors for what could not be resolved.
pub(crate) async fn resolve(
    manifest: &Manifest,
    skip: &[bool],
    directory: &mut RepoDirectory<'_>,
    errors: &mut Vec<Notice>,
) -> Result<Vec<Target>, Error> {
    let mut targets = Vec::new();
    for (index, secret) in manifest.secrets.iter().enumerate() {
        if skip.get(index).copied().unwrap_or(false) {
            continue;
        }
        let name = secret.name.canonical();
        let mut repos: BTreeMap<String, RepoRef> = BTreeMap::new();
        for repo in &secret.repos {
            repos.insert(repo_key(repo), repo.clone());
        }
        for selector in &secret.repos_where {
            for repo in select(selector, secret, directory, errors).await? {
                repos.insert(repo_key(&repo), repo);
            }
        }
        for repo in repos.into_values() {
            targets.push(Target {
                scope: ScopeRef::Repo(repo),
                secret: index,
                access: DesiredAccess::None,
            });
        }
        for org in &secret.orgs {
            let scope = ScopeRef::org(org.org.clone())?;
            let mut ids = Vec::new();
            if !org.repos.is_empty() {
                match directory.org(&org.org).await? {
                    None => errors.push(Notice {
                        kind: "repository_not_found",
                        scope: Some(scope.to_string()),
                        name: Some(name.clone()),
                        message: format!(
                            "secrets.{name}.orgs.{}: the organization does not exist or the token cannot see it",
                            org.org
                        ),
                    }),
                    Some(listed) => {
                        for wanted in &org.repos {
                            match listed.iter().find(|r| r.name.eq_ignore_ascii_case(wanted)) {
                                Some(found) => ids.push(RepoId {
                                    id: found.id,
                                    full_name: found.full_name.clone(),
                                }),
                                None => errors.push(not_found(
                                    &scope,
                                    &name,
                                    &format!("{}/{wanted}", org.org),
                                    &format!("orgs.{}", org.org),
                                )),
                            }
                        }
                    }
                }
            }
            targets.push(Target {
                scope,
                secret: index,
                access: DesiredAccess::Org {
                    visibility: org.visibility,
                    repos: ids,
                    membership: org.membership,
                },
            });
        }
        if let Some(user) = &secret.user {
            let mut ids = Vec::new();
            for repo in &user.repos {
                match directory.repo(repo).await? {
                    Some(found) => ids.push(RepoId {
                        id: found.id,
                        full_name: found.full_name,
                    }),
                    None => errors.push(not_found(
                        &ScopeRef::User,
                        &name,
                        &format!("{}/{}", repo.owner(), repo.name()),
                        "user",
                    )),
                }
            }
            targets.push(Target {
                scope: ScopeRef::User,
                secret: index,
                access: DesiredAccess::User { repos: ids },
            });
        }
    }
    Ok(targets)
}

fn repo_key(repo: &RepoRef) -> String {
    format!("{}/{}", repo.owner(), repo.name()).to_ascii_lowercase()
}

fn not_found(scope: &ScopeRef, name: &str, repo: &str, key: &str) -> Notice {
    Notice {
        kind: "repository_not_found",
        scope: Some(scope.to_string()),
        name: Some(name.to_owned()),
        message: format!(
            "secrets.{name}.{key}: repository {repo} does not exist or the token cannot see it"
        ),
    }
}

/// The repositories a selector chooses; none is a plan error (a typo in a pattern or topic
/// would otherwise silently reach nothing).
async fn select(
    selector: &RepoSelector,
    secret: &SecretSpec,
    directory: &mut RepoDirectory<'_>,
    errors: &mut Vec<Notice>,
) -> Result<Vec<RepoRef>, Error> {
    let name = secret.name.canonical();
    let Some(listed) = directory.org(&selector.org).await? else {
        errors.push(Notice {
            kind: "selector_matched_nothing",
            scope: None,
            name: Some(name.clone()),
            message: format!(
                "secrets.{name}.repos_where{}: organization {} does not exist or the token cannot see it",
                line_note(selector.line),
                selector.org
            ),
        });
        return Ok(Vec::new());
    };
    let mut chosen = Vec::new();
    for repo in listed {
        let topics_ok = selector.topics.iter().all(|wanted| {
            repo.topics
                .iter()
                .any(|topic| topic.eq_ignore_ascii_case(wanted))
        });
        let excluded = selector.exclude.iter().any(|e| e.matches(&repo.name));
        if selector.name.matches(&repo.name)
            && topics_ok
            && !excluded
            && (selector.archived || !repo.archived)
            && let Ok(parsed) = repo.full_name.parse::<RepoRef>()
        {
            chosen.push(parsed);
        }
    }
    if chosen.is_empty() {
        errors.push(Notice {
            kind: "selector_matched_nothing",
            scope: None,
            name: Some(name.clone()),
            message: format!(
                "secrets.{name}.repos_where{}: no repository of {} matches name {:?}{}{}",
                line_note(selector.line),
                selector.org,
                selector.name.as_str(),
                if selector.topics.is_empty() {
                    String::new()
                } else {
                    format!(" with topics {}", selector.topics.join(", "))
                },
                if selector.archived {
                    ""
                } else {
                    " (archived repositories left out)"
                }
            ),
        });
    }
    Ok(chosen)
}
