//! `plan`, `check` and `apply` from a shell: exit codes (0 in sync, 3 drift, 2 bad input with
//! nothing sent, 1 GitHub), the JSON shape, saved plans, --max-writes and resuming.

use std::path::PathBuf;

use crate::common::*;
use codespaces_secrets_emulator::RepoSpec;

/// A folder with a manifest and its value files.
struct Project {
    dir: PathBuf,
}

impl Project {
    fn new(test: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("cs-cli-fleet-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        Self { dir }
    }

    fn write(&self, name: &str, text: &str) -> String {
        let path = self.dir.join(name);
        std::fs::write(&path, text).expect("write");
        path.display().to_string()
    }

    fn path(&self, name: &str) -> String {
        self.dir.join(name).display().to_string()
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

const MANIFEST: &str = r#"version = 1
name = "platform"
prune = true
[secrets.NPM_TOKEN]
from = { file = "npm.txt" }
repos_where = [{ org = "fleet-org", name = "svc-*", topics = ["codespaces"] }]
[secrets.ORG_KEY]
from = { file = "npm.txt" }
orgs = { fleet-org = { visibility = "selected", repos = ["svc-0"] } }
"#;

fn fleet_emulator() -> Emulator {
    let emu = emulator();
    for i in 0..4 {
        let repo = format!("fleet-org/svc-{i}").parse().expect("valid");
        emu.add_repository(RepoSpec::new(repo).topics(["codespaces"]));
    }
    emu
}

fn run_in(emu: &Emulator, project: &Project, args: &[&str]) -> Run {
    Cli::new(emu, args)
        .home(&project.dir.display().to_string().replace('/', "_"))
        .run()
}

#[test]
fn plan_check_apply_check() {
    let emu = fleet_emulator();
    let project = Project::new("cycle");
    project.write("npm.txt", "npm-1");
    let manifest = project.write("fleet.toml", MANIFEST);

    let plan = run_in(&emu, &project, &["plan", "-f", &manifest]).ok();
    assert!(plan.stdout.contains("create"), "{plan:#?}");
    assert!(plan.stdout.contains("repos/fleet-org/svc-3"), "{plan:#?}");
    assert!(plan.stdout.contains("5 writes needed"), "{plan:#?}");
    run_in(&emu, &project, &["check", "-f", &manifest]).fails_with(3);
    assert_eq!(writes(&emu), 0, "plan and check write nothing");

    let json = run_in(&emu, &project, &["plan", "-f", &manifest, "--json"])
        .ok()
        .json();
    assert_eq!(json["version"], 1);
    assert_eq!(json["totals"]["writes"], 5);
    assert!(json["totals"]["reads"].as_u64().expect("reads") > 0);
    assert!(json["totals"]["seconds"].is_u64());
    let change = &json["changes"][0];
    assert_eq!(change["scope"], "orgs/fleet-org");
    assert_eq!(change["name"], "ORG_KEY");
    assert_eq!(change["action"], "create");
    assert_eq!(change["access"]["visibility"]["to"], "selected");
    assert_eq!(change["access"]["added"][0], "fleet-org/svc-0");

    let applied = run_in(&emu, &project, &["apply", "-f", &manifest, "--yes"]).ok();
    assert!(
        applied.stdout.contains("5 change(s) applied, 0 failed"),
        "{applied:#?}"
    );
    assert_eq!(writes(&emu), 5);
    for i in 0..4 {
        let scope = Scope::repo("fleet-org", format!("svc-{i}"));
        assert_eq!(stored(&emu, &scope, "NPM_TOKEN").as_deref(), Some("npm-1"));
    }
    run_in(&emu, &project, &["check", "-f", &manifest]).ok();
    let json = run_in(&emu, &project, &["check", "-f", &manifest, "--json"])
        .ok()
        .json();
    assert_eq!(json["totals"]["writes"], 0);
    applied.never_shows("npm-1");

    project.write("npm.txt", "npm-2");
    run_in(&emu, &project, &["check", "-f", &manifest]).fails_with(3);
}

#[test]
fn apply_without_yes_and_without_a_terminal_refuses() {
    let emu = fleet_emulator();
    let project = Project::new("noyes");
    project.write("npm.txt", "npm-1");
    let manifest = project.write("fleet.toml", MANIFEST);
    let run = run_in(&emu, &project, &["apply", "-f", &manifest]).fails_with(2);
    assert!(run.stderr.contains("--yes"), "{run:#?}");
    assert_eq!(writes(&emu), 0);
}

#[test]
fn bad_manifests_and_failing_sources_exit_2_and_send_nothing() {
    let emu = fleet_emulator();
    let project = Project::new("bad");
    project.write("npm.txt", "npm-1");
    let literal = project.write(
        "literal.toml",
        "version = 1\nname = \"p\"\n[secrets.A]\nvalue = \"hunter2\"\nrepos = [\"fleet-org/svc-0\"]\n",
    );
    let run = run_in(&emu, &project, &["apply", "-f", &literal, "--yes"]).fails_with(2);
    assert!(run.stderr.contains("literal.toml:4"), "{run:#?}");
    run.never_shows("hunter2");
    assert!(emu.request_log().is_empty(), "no request at all");

    let unknown = project.write(
        "unknown.toml",
        "version = 1\nname = \"p\"\n[secrets.A]\nfrom = { env = \"X\" }\nrepo = [\"fleet-org/svc-0\"]\n",
    );
    let run = run_in(&emu, &project, &["plan", "-f", &unknown]).fails_with(2);
    assert!(
        run.stderr.contains("unknown.toml:5") && run.stderr.contains("repo"),
        "{run:#?}"
    );

    let sources = [
        (
            "{ env = \"CS_FLEET_TEST_SURELY_UNSET\" }",
            "CS_FLEET_TEST_SURELY_UNSET",
        ),
        // The output is spelled apart in the script, so finding it would mean it was echoed.
        (
            "{ command = [\"/bin/sh\", \"-c\", \"printf lea''ked-out; printf lea''ked-err >&2; exit 1\"] }",
            "exit status 1",
        ),
        (
            "{ command = [\"/bin/sleep\", \"5\"], timeout_secs = 1 }",
            "did not finish",
        ),
        ("{ file = \"missing.txt\" }", "missing.txt"),
    ];
    for (source, expected) in sources {
        let manifest = project.write(
            "source.toml",
            &format!("version = 1\nname = \"p\"\n[secrets.A]\nfrom = {source}\nrepos = [\"fleet-org/svc-0\"]\n"),
        );
        let run = run_in(&emu, &project, &["apply", "-f", &manifest, "--yes"]);
        assert_eq!(run.code, 2, "{source}: {run:#?}");
        assert!(run.stdout.contains(expected), "{source}: {run:#?}");
        run.never_shows("leaked-out").never_shows("leaked-err");
    }
    assert_eq!(writes(&emu), 0);
}

#[test]
fn saved_plans_apply_and_stale_ones_are_refused() {
    let emu = fleet_emulator();
    let project = Project::new("saved");
    project.write("npm.txt", "npm-1");
    let manifest = project.write("fleet.toml", MANIFEST);
    let plan_file = project.path("plan.json");
    run_in(
        &emu,
        &project,
        &["plan", "-f", &manifest, "--out", &plan_file],
    )
    .ok();
    run_in(&emu, &project, &["apply", &plan_file]).ok();
    assert_eq!(writes(&emu), 5);

    project.write("npm.txt", "npm-2");
    run_in(
        &emu,
        &project,
        &["plan", "-f", &manifest, "--out", &plan_file],
    )
    .ok();
    project.write("npm.txt", "npm-3");
    let run = run_in(&emu, &project, &["apply", &plan_file]).fails_with(2);
    assert!(run.stderr.contains("stale"), "{run:#?}");
    assert_eq!(writes(&emu), 5, "nothing sent");
    let saved = std::fs::read_to_string(&plan_file).expect("plan");
    for value in ["npm-1", "npm-2", "npm-3"] {
        assert!(!saved.contains(value));
    }
}

#[test]
fn max_writes_stops_and_the_next_apply_resumes() {
    let emu = fleet_emulator();
    let project = Project::new("max");
    project.write("npm.txt", "npm-1");
    let manifest = project.write("fleet.toml", MANIFEST);
    let run = run_in(
        &emu,
        &project,
        &["apply", "-f", &manifest, "--yes", "--max-writes", "2"],
    )
    .ok();
    assert!(run.stdout.contains("--max-writes"), "{run:#?}");
    assert_eq!(writes(&emu), 2);
    let json = run_in(
        &emu,
        &project,
        &["apply", "-f", &manifest, "--yes", "--json"],
    )
    .ok()
    .json();
    assert_eq!(json["writes"], 3);
    assert_eq!(json["applied"].as_array().expect("applied").len(), 3);
    assert_eq!(json["applied"][0]["status"], "ok");
    assert_eq!(writes(&emu), 5);
}

#[test]
fn fleet_help_documents_the_exit_codes_and_takes_no_scope() {
    let help = Cli::bare(&["check", "--help"]).run().ok();
    for text in [
        "3  (check) something would change",
        "2  bad input",
        "repos_where",
    ] {
        assert!(help.stdout.contains(text), "{text}: {help:#?}");
    }
    let emu = fleet_emulator();
    let run = run(&emu, &["--user", "plan", "-f", "x.toml"]).fails_with(2);
    assert!(run.stderr.contains("no scope"), "{run:#?}");
}
