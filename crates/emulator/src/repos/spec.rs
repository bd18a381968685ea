//! [`RepoSpec`]: a repository as a test wants it to exist — name, topics, archived, private —
//! for [`crate::EmulatorConfig::repositories`], [`crate::Emulator::add_repository`], the
//! `/_emulator/repositories` control route and the binary's `--repositories` file.

use codespaces_secrets_core::RepoRef;
use serde::Deserialize;

/// A repository to create (or bring to this state, if it exists).
///
/// An owner that is neither a user nor an organization yet becomes an organization with the
/// demo user as a member, so the demo token can reach every repository made this way.
///
/// ```
/// use codespaces_secrets_emulator::RepoSpec;
///
/// let spec = RepoSpec::new("acme/api".parse()?)
///     .topics(["backend", "Rust"])
///     .archived(true);
/// assert_eq!(spec.topics, ["backend", "Rust"]);
/// # Ok::<(), codespaces_secrets_core::RepoRefError>(())
/// ```
///
/// As JSON (the control route's and the binary's `--repositories` file's format) it is
/// `{"owner": "acme", "name": "api", "topics": ["backend"], "archived": false, "private":
/// false}`, the last three optional; names that break GitHub's rules and unknown fields are
/// refused.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "SpecJson")]
pub struct RepoSpec {
    /// `OWNER/NAME`, checked by GitHub's name rules.
    pub repo: RepoRef,
    /// GitHub topics. Stored lower-case, without repeats, in the order given (GitHub folds
    /// topics to lower case too).
    pub topics: Vec<String>,
    /// Archived repositories are listed with `"archived": true`.
    pub archived: bool,
    /// Private repositories are seen only by those who may manage them (their owner, the
    /// owning organization's members, an installation covering them); public ones by every
    /// token, as on GitHub.
    pub private: bool,
}

impl RepoSpec {
    /// A public, unarchived repository without topics.
    pub fn new(repo: RepoRef) -> Self {
        Self {
            repo,
            topics: Vec::new(),
            archived: false,
            private: false,
        }
    }

    /// The same with these topics.
    pub fn topics<T: Into<String>>(mut self, topics: impl IntoIterator<Item = T>) -> Self {
        self.topics = topics.into_iter().map(Into::into).collect();
        self
    }

    /// The same, archived or not.
    pub fn archived(mut self, archived: bool) -> Self {
        self.archived = archived;
        self
    }

    /// The same, private or public.
    pub fn private(mut self, private: bool) -> Self {
        self.private = private;
        self
    }
}

impl From<RepoRef> for RepoSpec {
    fn from(repo: RepoRef) -> Self {
        Self::new(repo)
    }
}

/// [`RepoSpec`]'s JSON shape, before the names are checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpecJson {
    owner: String,
    name: String,
    #[serde(default)]
    topics: Vec<String>,
    #[serde(default)]
    archived: bool,
    #[serde(default)]
    private: bool,
}

impl TryFrom<SpecJson> for RepoSpec {
    type Error = codespaces_secrets_core::RepoRefError;

    fn try_from(json: SpecJson) -> Result<Self, Self::Error> {
        Ok(Self::new(RepoRef::new(json.owner, json.name)?)
            .topics(json.topics)
            .archived(json.archived)
            .private(json.private))
    }
}

/// Topics as GitHub keeps them: trimmed, lower-case, no empty ones, each once (first wins).
pub(crate) fn normalize_topics<S: AsRef<str>>(topics: &[S]) -> Vec<String> {
    let mut kept: Vec<String> = Vec::with_capacity(topics.len());
    for topic in topics {
        let topic = topic.as_ref().trim().to_lowercase();
        if !topic.is_empty() && !kept.contains(&topic) {
            kept.push(topic);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_are_folded_and_deduplicated_in_order() {
        assert_eq!(
            normalize_topics(&["Rust", " cli ", "rust", "", "web"]),
            ["rust", "cli", "web"]
        );
    }

    #[test]
    fn json_names_are_checked() {
        let spec: RepoSpec =
            serde_json::from_str(r#"{"owner": "acme", "name": "api", "topics": ["x"]}"#)
                .expect("valid");
        assert_eq!(
            spec,
            RepoSpec::new("acme/api".parse().expect("valid")).topics(["x"])
        );
        for bad in [
            r#"{"owner": "acme", "name": "a/b"}"#,
            r#"{"owner": "acme"}"#,
            r#"{"owner": "acme", "name": "api", "stars": 3}"#,
        ] {
            assert!(serde_json::from_str::<RepoSpec>(bad).is_err(), "{bad}");
        }
    }
}
