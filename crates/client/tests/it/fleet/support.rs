//! A fleet for tests: two organizations of 60 repositories with topics (one archived), a
//! manifest of three secrets whose values come from files, and a private folder for the state.

use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use codespaces_secrets::Client;
use codespaces_secrets::fleet::{
    ApplyOptions, ApplyReport, Change, Manifest, Plan, PlanOptions, WriteLimits,
};
use codespaces_secrets_emulator::{Emulator, EmulatorConfig, RepoSpec, Scope};

use crate::common;

pub const ALPHA: &str = "alpha-org";
pub const BETA: &str = "beta-org";

/// NPM_TOKEN: Hello-World plus alpha's svc-00..39 with the topic, minus svc-3* and the
/// archived svc-05 (29), so 30 repositories. SHARED_KEY: beta-org, selected app-01..03.
/// DEV_TOKEN: the user's, for Hello-World.
pub const MANIFEST: &str = r#"version = 1
name = "platform"
prune = true

[secrets.NPM_TOKEN]
from = { file = "npm.txt" }
repos = ["octocat/Hello-World"]
repos_where = [{ org = "alpha-org", name = "svc-*", topics = ["codespaces"], exclude = ["svc-3*"] }]

[secrets.SHARED_KEY]
from = { file = "shared.txt" }
orgs = { beta-org = { visibility = "selected", repos = ["app-01", "app-02", "app-03"] } }

[secrets.DEV_TOKEN]
from = { dotenv = "dev.env", key = "DEV" }
user = { repos = ["octocat/Hello-World"] }
"#;

pub const NPM_TARGETS: usize = 30;

/// A private folder, removed at the end.
pub struct Dir(pub PathBuf);

impl Dir {
    pub fn new(test: &str) -> Self {
        let path = std::env::temp_dir().join(format!("cs-fleet-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("temp dir");
        Self(path)
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    pub fn write(&self, name: &str, text: &str) {
        std::fs::write(self.path(name), text).expect("write");
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub struct Fleet {
    pub emu: Emulator,
    pub client: Client,
    pub dir: Dir,
}

/// The repositories of the fleet.
pub fn repositories() -> Vec<RepoSpec> {
    let mut specs = Vec::new();
    for i in 0..60 {
        let mut topics = vec!["backend".to_owned()];
        if i < 40 {
            topics.push("codespaces".to_owned());
        }
        let repo = format!("{ALPHA}/svc-{i:02}").parse().expect("valid");
        specs.push(RepoSpec::new(repo).topics(topics).archived(i == 5));
        let repo = format!("{BETA}/app-{i:02}").parse().expect("valid");
        specs.push(RepoSpec::new(repo).topics(["codespaces"]));
    }
    specs
}

impl Fleet {
    pub fn new(test: &str) -> Self {
        Self::on(
            Emulator::start(EmulatorConfig::default()).expect("emulator starts"),
            test,
        )
    }

    /// The fleet on an emulator started with other settings.
    pub fn on(emu: Emulator, test: &str) -> Self {
        emu.add_repositories(&repositories());
        let client = common::client(&emu);
        let dir = Dir::new(test);
        dir.write("fleet.toml", MANIFEST);
        dir.write("npm.txt", "npm-value-1");
        dir.write("shared.txt", "shared-value-1");
        dir.write("dev.env", "DEV=dev-value-1\n");
        Self { emu, client, dir }
    }

    pub fn manifest(&self) -> Manifest {
        Manifest::from_file(self.dir.path("fleet.toml")).expect("manifest")
    }

    pub fn manifest_text(&self, name: &str, text: &str) -> Manifest {
        self.dir.write(name, text);
        Manifest::from_file(self.dir.path(name)).expect("manifest")
    }

    pub fn options(&self) -> PlanOptions {
        PlanOptions {
            state: Some(self.dir.path("state.json")),
            state_key_file: Some(self.dir.path("state.key")),
            ..PlanOptions::default()
        }
    }

    /// The apply's options: this fleet's state, and no minute or hour caps (the emulator
    /// has none unless a test sets them, and then the test sets the apply's too).
    pub fn apply_options(&self) -> ApplyOptions {
        ApplyOptions {
            state: Some(self.dir.path("state.json")),
            state_key_file: Some(self.dir.path("state.key")),
            limits: Some(WriteLimits {
                per_minute: u32::MAX,
                per_hour: u32::MAX,
                min_interval: std::time::Duration::ZERO,
                ..WriteLimits::default()
            }),
            ..ApplyOptions::default()
        }
    }

    pub async fn plan(&self, manifest: &Manifest) -> Plan {
        self.client
            .plan(manifest, &self.options())
            .await
            .expect("plan")
    }

    pub async fn apply(&self, plan: &Plan) -> ApplyReport {
        let report = self
            .client
            .apply(plan, &self.apply_options(), |_| {})
            .await
            .expect("apply");
        assert!(report.is_success(), "{report:?}");
        report
    }

    /// Plans and applies; the report.
    pub async fn converge(&self, manifest: &Manifest) -> ApplyReport {
        let plan = self.plan(manifest).await;
        assert!(plan.summary.errors.is_empty(), "{:?}", plan.summary.errors);
        self.apply(&plan).await
    }

    /// Successful writes the emulator has seen so far.
    pub fn writes(&self) -> usize {
        common::applied_writes(&self.emu).len()
    }

    /// The successful writes after the first `since`, as `METHOD /path`.
    pub fn writes_after(&self, since: usize) -> Vec<String> {
        common::applied_writes(&self.emu)
            .into_iter()
            .skip(since)
            .map(|r| format!("{} {}", r.method, r.path))
            .collect()
    }

    pub fn value(&self, scope: &Scope, name: &str) -> Option<String> {
        common::stored(&self.emu, scope, name)
    }

    pub fn repo_id(&self, full: &str) -> i64 {
        let (owner, name) = full.split_once('/').expect("owner/name");
        self.emu.repo_id(owner, name).expect("repository exists")
    }
}

/// Waits until the clock enters its next whole second. GitHub's times have whole seconds, so
/// after this a write shows a later `updated_at` than any write before it.
pub async fn next_second() {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970");
    let left = Duration::from_secs(1) - Duration::from_nanos(now.subsec_nanos().into());
    tokio::time::sleep(left + Duration::from_millis(5)).await;
}

/// The plan's one write, asserting it is the only one.
#[track_caller]
pub fn only_write(plan: &Plan) -> &Change {
    let writes: Vec<&Change> = plan.summary.writes().collect();
    assert_eq!(writes.len(), 1, "{}", plan.summary);
    writes[0]
}
