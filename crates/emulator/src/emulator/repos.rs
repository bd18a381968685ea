//! [`Emulator`]'s repository controls: many repositories with topics at once, and topics and
//! archived flags changed as someone would on GitHub, for clients that select repositories by
//! organization, name and topic.

use crate::emulator::Emulator;
use crate::repos::spec::RepoSpec;

impl Emulator {
    /// Creates the repository `spec` names, or brings an existing one to the spec's topics,
    /// archived and private flags, and returns its id. Unlike [`Emulator::add_repo`], an owner
    /// that does not exist yet becomes an organization the demo user is a member of (as
    /// [`crate::EmulatorConfig::repos`] does), so the demo token reaches the repository.
    ///
    /// ```
    /// use codespaces_secrets_emulator::{Emulator, EmulatorConfig, RepoSpec};
    ///
    /// let emulator = Emulator::start(EmulatorConfig::default())?;
    /// let spec = RepoSpec::new("acme/api".parse().expect("valid")).topics(["backend"]);
    /// let id = emulator.add_repository(spec);
    /// assert_eq!(emulator.repository_id("acme", "api"), Some(id));
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn add_repository(&self, spec: RepoSpec) -> i64 {
        self.server.add_repository(&spec)
    }

    /// [`Emulator::add_repository`] for many at once (one lock for all); the ids in order.
    pub fn add_repositories(&self, specs: &[RepoSpec]) -> Vec<i64> {
        self.server.add_repositories(specs)
    }

    /// Replaces the topics of repository `owner/name` (stored lower-case, each once). False
    /// when the repository does not exist.
    pub fn set_repository_topics<S: AsRef<str>>(
        &self,
        owner: &str,
        name: &str,
        topics: &[S],
    ) -> bool {
        self.server.state().set_topics(owner, name, topics)
    }

    /// Archives or unarchives repository `owner/name`; false when it does not exist.
    pub fn set_repository_archived(&self, owner: &str, name: &str, archived: bool) -> bool {
        self.server.state().set_archived(owner, name, archived)
    }

    /// Makes repository `owner/name` private or public; false when it does not exist.
    pub fn set_repository_private(&self, owner: &str, name: &str, private: bool) -> bool {
        self.server.state().set_private(owner, name, private)
    }

    /// The id of repository `owner/name` (any case), if it exists; the same as
    /// [`Emulator::repo_id`].
    pub fn repository_id(&self, owner: &str, name: &str) -> Option<i64> {
        self.repo_id(owner, name)
    }
}
