//! The fleet manifest: which secrets go where, and where each value comes from. Read from TOML
//! with spans, so every mistake is reported with the file, line and key; validated completely
//! before any value is read or any request sent.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use codespaces_secrets_core::{RepoRef, SecretName, Visibility, check_account};
use serde::Deserialize;
use toml::Spanned;

use crate::Error;
use crate::fleet::glob::Glob;
use crate::fleet::source::ValueSource;

/// The manifest format this SDK reads.
pub const MANIFEST_VERSION: u32 = 1;

/// A command source's default time limit.
const DEFAULT_COMMAND_TIMEOUT: Duration = Duration::from_secs(30);

/// A fleet manifest: secrets, where their values come from and which scopes receive them.
///
/// ```
/// use codespaces_secrets::fleet::Manifest;
/// let manifest = Manifest::from_toml_str(r#"
///     version = 1
///     name = "platform"
///     [secrets.NPM_TOKEN]
///     from = { env = "NPM_TOKEN" }
///     repos = ["octocat/hello-world"]
/// "#, "fleet.toml")?;
/// assert_eq!(manifest.secrets[0].name.as_str(), "NPM_TOKEN");
/// # Ok::<(), codespaces_secrets::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    /// Who owns what this manifest writes: two manifests sharing a state never prune each
    /// other's secrets.
    pub name: String,
    /// Delete secrets this manifest wrote earlier and no longer puts there.
    pub prune: bool,
    /// Names (globs) prune never deletes.
    pub protect: Vec<Glob>,
    /// The secrets, in the order of the file.
    pub secrets: Vec<SecretSpec>,
    /// Where the manifest was read from (`file` and `dotenv` paths are relative to its
    /// directory); `None` for a manifest given in code.
    pub path: Option<PathBuf>,
}

/// One secret of the manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretSpec {
    /// The secret's name (compared case-insensitively, as GitHub does).
    pub name: SecretName,
    /// Where its value comes from; never a literal.
    pub from: ValueSource,
    /// Repositories by `OWNER/NAME`.
    pub repos: Vec<RepoRef>,
    /// Repositories of an organization chosen by name pattern and topics.
    pub repos_where: Vec<RepoSelector>,
    /// Organizations, each with its visibility and selected repositories.
    pub orgs: Vec<OrgTarget>,
    /// The authenticated user's secret, with its selected repositories.
    pub user: Option<UserTarget>,
    /// The line of its `[secrets.NAME]` table, for messages.
    pub line: usize,
}

/// `repos_where`: an organization's repositories whose name matches `name`, that carry every
/// topic in `topics`, minus those matching an `exclude` pattern. Archived repositories are left
/// out unless `archived` is set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepoSelector {
    /// The organization (or user) whose repositories are listed.
    pub org: String,
    /// Repository name pattern (`*` and `?`), case-insensitive; `*` when not given.
    pub name: Glob,
    /// Topics every chosen repository carries.
    pub topics: Vec<String>,
    /// Name patterns to leave out.
    pub exclude: Vec<Glob>,
    /// Include archived repositories.
    pub archived: bool,
    /// The selector's line, for messages.
    pub line: usize,
}

/// An organization secret: who may use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgTarget {
    /// The organization.
    pub org: String,
    /// `all`, `private` or `selected`.
    pub visibility: Visibility,
    /// For `selected`: repository names in that organization.
    pub repos: Vec<String>,
    /// Whether `repos` is the whole list or additions to it.
    pub membership: Membership,
}

/// How a `selected` secret's repositories follow the manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Membership {
    /// The manifest's list is the list: others are removed.
    #[default]
    Exact,
    /// The manifest's repositories are added; only those it added itself and no longer names
    /// are removed, so repositories someone else added stay.
    Additive,
}

impl Membership {
    /// `exact` or `additive`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::Additive => "additive",
        }
    }
}

/// The user's own secret and the repositories that may use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserTarget {
    /// Repositories by `OWNER/NAME`.
    pub repos: Vec<RepoRef>,
}

// ---- the file as TOML sees it ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    version: Option<Spanned<i64>>,
    name: Option<Spanned<String>>,
    #[serde(default)]
    prune: bool,
    #[serde(default)]
    protect: Vec<Spanned<String>>,
    #[serde(default)]
    secrets: BTreeMap<Spanned<String>, Spanned<RawSecret>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSecret {
    from: Option<Spanned<RawSource>>,
    /// Refused: a manifest lives in git.
    value: Option<Spanned<toml::Value>>,
    #[serde(default)]
    repos: Vec<Spanned<String>>,
    #[serde(default)]
    repos_where: Vec<Spanned<RawSelector>>,
    #[serde(default)]
    orgs: BTreeMap<Spanned<String>, Spanned<RawOrg>>,
    user: Option<Spanned<RawUser>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    env: Option<String>,
    file: Option<String>,
    dotenv: Option<String>,
    key: Option<String>,
    command: Option<Vec<String>>,
    timeout_secs: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSelector {
    org: String,
    name: Option<String>,
    #[serde(default)]
    topics: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    archived: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOrg {
    visibility: Option<String>,
    #[serde(default)]
    repos: Vec<Spanned<String>>,
    membership: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUser {
    #[serde(default)]
    repos: Vec<Spanned<String>>,
}

/// Turns byte offsets into `file:line` messages.
struct Located<'a> {
    origin: &'a str,
    text: &'a str,
    /// False for a manifest given as a value in code: its TOML is generated, so its lines
    /// mean nothing to the user and only keys are named.
    lines: bool,
}

impl Located<'_> {
    /// The 1-based line of `offset`; 0 when lines mean nothing (see `lines`).
    fn line(&self, offset: usize) -> usize {
        if !self.lines {
            return 0;
        }
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    }

    fn error(&self, offset: usize, message: impl std::fmt::Display) -> Error {
        let place = match self.line(offset) {
            0 => self.origin.to_owned(),
            line => format!("{}:{line}", self.origin),
        };
        Error::invalid_input("manifest", format!("{place}: {message}"))
    }
}

impl Manifest {
    /// Reads and validates the manifest at `path`.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::invalid_input("manifest", format!("cannot read {}: {e}", path.display()))
        })?;
        let mut manifest = Self::from_toml_str(&text, &path.display().to_string())?;
        manifest.path = Some(path.to_owned());
        Ok(manifest)
    }

    /// Parses and validates a manifest's TOML text; `origin` names it in errors.
    pub fn from_toml_str(text: &str, origin: &str) -> Result<Self, Error> {
        Self::parse(text, origin, true)
    }

    /// A manifest given as JSON text of the same shape (what the language bindings pass for
    /// a dict, an object or data classes); errors name the key, not a line.
    ///
    /// ```
    /// use codespaces_secrets::fleet::Manifest;
    /// let manifest = Manifest::from_json_str(r#"{
    ///     "version": 1, "name": "platform",
    ///     "secrets": {"NPM_TOKEN": {"from": {"env": "NPM_TOKEN"}, "repos": ["octocat/hello-world"]}}
    /// }"#, "the manifest")?;
    /// assert_eq!(manifest.secrets.len(), 1);
    /// # Ok::<(), codespaces_secrets::Error>(())
    /// ```
    pub fn from_json_str(text: &str, origin: &str) -> Result<Self, Error> {
        let invalid = |m: String| Error::invalid_input("manifest", format!("{origin}: {m}"));
        let mut json: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| invalid(format!("not a manifest object: {e}")))?;
        drop_nulls(&mut json);
        let value: toml::Value = serde_json::from_value(json)
            .map_err(|e| invalid(format!("not a manifest object: {e}")))?;
        if !value.is_table() {
            return Err(invalid(
                "must be an object with version, name and secrets".to_owned(),
            ));
        }
        // JSON null has no TOML form: a null field is an absent one.
        let toml_text = toml::to_string(&value)
            .map_err(|e| invalid(format!("cannot be read as a manifest: {e}")))?;
        Self::parse(&toml_text, origin, false)
    }

    fn parse(text: &str, origin: &str, lines: bool) -> Result<Self, Error> {
        let at = Located {
            origin,
            text,
            lines,
        };
        let raw: RawManifest = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |span| span.start);
            // toml's message names the key (`unknown field `x``); its own location header
            // is replaced by ours.
            at.error(offset, e.message().trim())
        })?;
        let version = raw
            .version
            .ok_or_else(|| at.error(0, "`version = 1` is missing"))?;
        if *version.get_ref() != i64::from(MANIFEST_VERSION) {
            return Err(at.error(
                version.span().start,
                format!(
                    "version: this SDK reads manifest version {MANIFEST_VERSION}, not {}",
                    version.get_ref()
                ),
            ));
        }
        let name = raw.name.ok_or_else(|| {
            at.error(
                0,
                "`name` is missing: it says which manifest owns the secrets it writes (e.g. name = \"platform\")",
            )
        })?;
        check_owner_name(name.get_ref()).map_err(|m| at.error(name.span().start, m))?;
        let protect = raw
            .protect
            .iter()
            .map(|p| Glob::new(p.get_ref()).map_err(|m| at.error(p.span().start, m)))
            .collect::<Result<Vec<_>, _>>()?;
        let mut secrets: Vec<SecretSpec> = Vec::with_capacity(raw.secrets.len());
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        let mut raw_secrets: Vec<_> = raw.secrets.into_iter().collect();
        raw_secrets.sort_by_key(|(key, _)| key.span().start);
        for (key, secret) in raw_secrets {
            let line = at.line(key.span().start);
            let name = SecretName::new(key.get_ref().as_str()).map_err(|e| {
                at.error(key.span().start, format!("secrets.{}: {e}", key.get_ref()))
            })?;
            if let Some(first) = seen.insert(name.canonical(), line) {
                return Err(at.error(
                    key.span().start,
                    format!(
                        "secrets.{}: the same name as the secret on line {first} (names are case-insensitive, as on GitHub)",
                        key.get_ref()
                    ),
                ));
            }
            secrets.push(secret_spec(&at, name, secret, line)?);
        }
        Ok(Self {
            name: name.into_inner(),
            prune: raw.prune,
            protect,
            secrets,
            path: None,
        })
    }

    /// The directory `file` and `dotenv` paths are relative to.
    pub(crate) fn base_dir(&self) -> PathBuf {
        self.path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_owned)
            .unwrap_or_default()
    }

    /// Whether prune must leave `name` alone.
    pub fn is_protected(&self, name: &str) -> bool {
        self.protect.iter().any(|glob| glob.matches(name))
    }
}

/// A null field is an absent one (`None` in Python, `null` in JS): TOML has no null.
fn drop_nulls(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(drop_nulls);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

/// ` (line N)` for a manifest read from a file; nothing for one given in code.
pub(crate) fn line_note(line: usize) -> String {
    match line {
        0 => String::new(),
        line => format!(" (line {line})"),
    }
}

/// The owner name is stored in the state and printed; keep it plain.
fn check_owner_name(name: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name.len() <= 100
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "name: {name:?} must be 1-100 letters, digits, '-', '_' or '.'"
        ))
    }
}

fn secret_spec(
    at: &Located<'_>,
    name: SecretName,
    secret: Spanned<RawSecret>,
    line: usize,
) -> Result<SecretSpec, Error> {
    let start = secret.span().start;
    let secret = secret.into_inner();
    let key = |field: &str| format!("secrets.{}.{field}", name.as_str());
    if let Some(value) = &secret.value {
        return Err(at.error(
            value.span().start,
            format!(
                "{}: a manifest never holds a value (it lives in git); say where the value comes from instead: from = {{ env = \"{}\" }}, {{ file = \"path\" }}, {{ dotenv = \".env\" }} or {{ command = [\"op\", \"read\", \"...\"] }}",
                key("value"),
                name.as_str()
            ),
        ));
    }
    let from = secret.from.ok_or_else(|| {
        at.error(
            start,
            format!("{}: missing: where the value comes from", key("from")),
        )
    })?;
    let from = value_source(at, &name, from, &key("from"))?;

    let repos = secret
        .repos
        .iter()
        .map(|r| {
            r.get_ref()
                .parse::<RepoRef>()
                .map_err(|e| at.error(r.span().start, format!("{}: {e}", key("repos"))))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let repos_where = secret
        .repos_where
        .into_iter()
        .map(|s| selector(at, s, &key("repos_where")))
        .collect::<Result<Vec<_>, _>>()?;
    let mut orgs = Vec::new();
    for (org, target) in secret.orgs {
        orgs.push(org_target(at, org, target, &key("orgs"))?);
    }
    orgs.sort_by_key(|a| a.org.to_ascii_lowercase());
    let user = match secret.user {
        Some(user) => {
            let repos = user
                .get_ref()
                .repos
                .iter()
                .map(|r| {
                    r.get_ref().parse::<RepoRef>().map_err(|e| {
                        at.error(r.span().start, format!("{}: {e}", key("user.repos")))
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            Some(UserTarget { repos })
        }
        None => None,
    };
    if repos.is_empty() && repos_where.is_empty() && orgs.is_empty() && user.is_none() {
        return Err(at.error(
            start,
            format!(
                "secrets.{}: no target: give repos, repos_where, orgs or user",
                name.as_str()
            ),
        ));
    }
    Ok(SecretSpec {
        name,
        from,
        repos,
        repos_where,
        orgs,
        user,
        line,
    })
}

fn value_source(
    at: &Located<'_>,
    name: &SecretName,
    from: Spanned<RawSource>,
    key: &str,
) -> Result<ValueSource, Error> {
    let offset = from.span().start;
    let raw = from.into_inner();
    let kinds = [
        raw.env.is_some(),
        raw.file.is_some(),
        raw.dotenv.is_some(),
        raw.command.is_some(),
    ];
    if kinds.iter().filter(|k| **k).count() != 1 {
        return Err(at.error(
            offset,
            format!("{key}: give exactly one of env, file, dotenv or command"),
        ));
    }
    if raw.key.is_some() && raw.dotenv.is_none() {
        return Err(at.error(offset, format!("{key}: `key` goes with `dotenv` only")));
    }
    if raw.timeout_secs.is_some() && raw.command.is_none() {
        return Err(at.error(
            offset,
            format!("{key}: `timeout_secs` goes with `command` only"),
        ));
    }
    let non_empty = |field: &str, text: String| {
        if text.is_empty() {
            Err(at.error(offset, format!("{key}.{field}: empty")))
        } else {
            Ok(text)
        }
    };
    if let Some(env) = raw.env {
        return Ok(ValueSource::Env(non_empty("env", env)?));
    }
    if let Some(file) = raw.file {
        return Ok(ValueSource::File(PathBuf::from(non_empty("file", file)?)));
    }
    if let Some(dotenv) = raw.dotenv {
        let key_name = match raw.key {
            Some(k) => non_empty("key", k)?,
            None => name.as_str().to_owned(),
        };
        return Ok(ValueSource::Dotenv {
            path: PathBuf::from(non_empty("dotenv", dotenv)?),
            key: key_name,
        });
    }
    let argv = raw.command.unwrap_or_default();
    if argv.first().is_none_or(String::is_empty) {
        return Err(at.error(
            offset,
            format!("{key}.command: give the program and its arguments, e.g. [\"op\", \"read\", \"op://vault/item\"]"),
        ));
    }
    let timeout = match raw.timeout_secs {
        Some(0) => return Err(at.error(offset, format!("{key}.timeout_secs: must be at least 1"))),
        Some(secs) => Duration::from_secs(secs),
        None => DEFAULT_COMMAND_TIMEOUT,
    };
    Ok(ValueSource::Command { argv, timeout })
}

fn selector(at: &Located<'_>, raw: Spanned<RawSelector>, key: &str) -> Result<RepoSelector, Error> {
    let offset = raw.span().start;
    let line = at.line(offset);
    let raw = raw.into_inner();
    check_account("org", &raw.org).map_err(|e| at.error(offset, format!("{key}.org: {e}")))?;
    let glob = |text: &str| Glob::new(text).map_err(|m| at.error(offset, format!("{key}: {m}")));
    Ok(RepoSelector {
        name: glob(raw.name.as_deref().unwrap_or("*"))?,
        exclude: raw
            .exclude
            .iter()
            .map(|e| glob(e))
            .collect::<Result<_, _>>()?,
        topics: raw.topics.iter().map(|t| t.to_ascii_lowercase()).collect(),
        archived: raw.archived,
        org: raw.org,
        line,
    })
}

fn org_target(
    at: &Located<'_>,
    org: Spanned<String>,
    raw: Spanned<RawOrg>,
    key: &str,
) -> Result<OrgTarget, Error> {
    let offset = raw.span().start;
    let org_name = org.into_inner();
    let key = format!("{key}.{org_name}");
    check_account("org", &org_name).map_err(|e| at.error(offset, format!("{key}: {e}")))?;
    let raw = raw.into_inner();
    let visibility = match raw.visibility.as_deref() {
        None if raw.repos.is_empty() => Visibility::Private,
        None | Some("selected") => Visibility::Selected,
        Some("all") => Visibility::All,
        Some("private") => Visibility::Private,
        Some(other) => {
            return Err(at.error(
                offset,
                format!("{key}.visibility: {other:?} is not one of all, private, selected"),
            ));
        }
    };
    if visibility != Visibility::Selected && !raw.repos.is_empty() {
        return Err(at.error(
            offset,
            format!("{key}.repos: repositories are chosen only with visibility = \"selected\""),
        ));
    }
    let membership = match raw.membership.as_deref() {
        None | Some("exact") => Membership::Exact,
        Some("additive") => Membership::Additive,
        Some(other) => {
            return Err(at.error(
                offset,
                format!("{key}.membership: {other:?} is not exact or additive"),
            ));
        }
    };
    let mut repos = Vec::with_capacity(raw.repos.len());
    for repo in &raw.repos {
        let text = repo.get_ref();
        // Names in that organization; an OWNER/NAME for the same organization is accepted.
        let bare = match text.split_once('/') {
            Some((owner, name)) if owner.eq_ignore_ascii_case(&org_name) => name,
            Some(_) => {
                return Err(at.error(
                    repo.span().start,
                    format!("{key}.repos: {text:?} is not in {org_name}; an organization secret reaches only its own repositories"),
                ));
            }
            None => text.as_str(),
        };
        codespaces_secrets_core::check_repository_name(bare)
            .map_err(|e| at.error(repo.span().start, format!("{key}.repos: {e}")))?;
        repos.push(bare.to_owned());
    }
    Ok(OrgTarget {
        org: org_name,
        visibility,
        repos,
        membership,
    })
}
