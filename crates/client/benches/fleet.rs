//! `make bench`: a fleet of 200 repositories × 3 secrets + 1 organization secret (`selected`,
//! 50 repositories) against the emulator at 20 ms latency per request, pacing off (at GitHub's
//! pace every write adds a second). Ours: the first apply, a re-check with nothing changed, one
//! value changed. Beside it, what users do today for the same fleet, sent as those tools send
//! it: a `gh secret set --app codespaces` loop (a public-key GET and a PUT per repository and
//! secret, every run) and the Terraform provider's refresh (one GET per secret resource per run,
//! the organization secret's repository list too).

use std::time::{Duration, Instant};

use codespaces_secrets::fleet::{ApplyOptions, Manifest, PlanOptions, WriteLimits, duration_text};
use codespaces_secrets_emulator::Emulator;

#[path = "support/fleet.rs"]
mod support;
use support::{ORG, REPOS, SECRETS, SELECTED, client, emulator, write_fleet};

/// (requests, writes) in the log since it was last cleared.
fn counts(emu: &Emulator) -> (usize, usize) {
    let log = emu.request_log();
    (log.len(), log.iter().filter(|r| r.write).count())
}

struct Row {
    what: String,
    requests: usize,
    writes: usize,
    wall: Duration,
    /// The plan's estimate of the writes' time at GitHub's pace (ours only).
    github_pace: Option<u64>,
    /// Primary rate-limit points spent, as the emulator counted them (ours only; the peers
    /// send no conditional requests, so theirs equal their requests).
    points: Option<u64>,
}

impl Row {
    fn print(&self) {
        let points = self.points.unwrap_or(self.requests as u64);
        let pace = match self.github_pace {
            Some(seconds) => format!(
                "plan's estimate at GitHub's pace: {}",
                duration_text(seconds)
            ),
            None => format!("+ at least {} s of writes at 1/s", self.writes),
        };
        println!(
            "  {:<44} {:>5} requests {:>5} points {:>4} writes {:>7.2} s  ({pace})",
            self.what,
            self.requests,
            points,
            self.writes,
            self.wall.as_secs_f64(),
        );
    }
}

async fn ours(emu: &Emulator, dir: &std::path::Path, what: &str, conditional: bool) -> Row {
    let manifest = Manifest::from_file(dir.join("fleet.toml")).expect("manifest");
    let client = client(emu);
    let plan_options = PlanOptions {
        state: Some(dir.join("state.json")),
        state_key_file: Some(dir.join("state.key")),
        conditional_reads: Some(conditional),
        ..PlanOptions::default()
    };
    // Pacing off: GitHub's 80 a minute and 500 an hour would make the first apply take over
    // an hour (601 writes); its time at GitHub's pace is the plan's estimate.
    let apply_options = ApplyOptions {
        state: plan_options.state.clone(),
        state_key_file: plan_options.state_key_file.clone(),
        limits: Some(WriteLimits {
            per_minute: u32::MAX,
            per_hour: u32::MAX,
            min_interval: Duration::ZERO,
            ..WriteLimits::default()
        }),
        ..ApplyOptions::default()
    };
    emu.clear_log();
    let counted = emu.primary_requests_counted();
    let started = Instant::now();
    let plan = client.plan(&manifest, &plan_options).await.expect("plan");
    assert!(plan.summary.errors.is_empty(), "{:?}", plan.summary.errors);
    if plan.summary.has_changes() {
        let report = client
            .apply(&plan, &apply_options, |_| {})
            .await
            .expect("apply");
        assert!(report.is_success());
    }
    let wall = started.elapsed();
    let (requests, writes) = counts(emu);
    Row {
        what: what.to_owned(),
        requests,
        writes,
        wall,
        github_pace: Some(plan.summary.totals.seconds),
        points: Some(emu.primary_requests_counted() - counted),
    }
}

/// What `for repo in ...; for secret in ...; gh secret set --app codespaces` sends: the
/// repository's public key and a PUT, every value every run; the organization secret once
/// with its repositories.
async fn gh_loop(emu: &Emulator) -> Row {
    let client = client(emu);
    emu.clear_log();
    let started = Instant::now();
    for i in 0..REPOS {
        let repo = client.repo(ORG, format!("svc-{i:03}"));
        for name in SECRETS {
            // gh fetches the key on every invocation: a new process each time.
            repo.public_key().await.expect("key");
            repo.set(name, "value-1").await.expect("set");
        }
    }
    let org = client.org(ORG);
    org.public_key().await.expect("key");
    let ids: Vec<i64> = (0..SELECTED)
        .map(|i| emu.repo_id(ORG, &format!("svc-{i:03}")).expect("id"))
        .collect();
    let options = codespaces_secrets::SetOptions::new()
        .visibility(codespaces_secrets::Visibility::Selected)
        .repositories(ids);
    org.set_with("ORG_SHARED", "value-1", options)
        .await
        .expect("org set");
    let (requests, writes) = counts(emu);
    Row {
        what: "gh secret set loop (every run)".to_owned(),
        requests,
        writes,
        wall: started.elapsed(),
        github_pace: None,
        points: None,
    }
}

/// The Terraform provider's refresh of the same resources: one GET per secret resource, and
/// the organization secret's repositories.
async fn terraform_refresh(emu: &Emulator) -> Row {
    let client = client(emu);
    emu.clear_log();
    let started = Instant::now();
    for i in 0..REPOS {
        let repo = client.repo(ORG, format!("svc-{i:03}"));
        for name in SECRETS {
            repo.get(name).await.expect("get");
        }
    }
    let org = client.org(ORG);
    org.get("ORG_SHARED").await.expect("get");
    org.repositories("ORG_SHARED").await.expect("repos");
    let (requests, writes) = counts(emu);
    Row {
        what: "Terraform provider refresh (every plan)".to_owned(),
        requests,
        writes,
        wall: started.elapsed(),
        github_pace: None,
        points: None,
    }
}

#[tokio::main]
async fn main() {
    let dir = std::env::temp_dir().join(format!("cs-bench-fleet-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    write_fleet(&dir);
    println!(
        "fleet: {REPOS} repositories x {} secrets + 1 organization secret ({SELECTED} selected), 20 ms latency, pacing off:",
        SECRETS.len()
    );
    let emu = emulator();
    ours(&emu, &dir, "ours: first apply (plan + apply)", true)
        .await
        .print();
    ours(&emu, &dir, "ours: re-check, plain reads", false)
        .await
        .print();
    // The first conditional check fills what the apply's own reads did not.
    ours(&emu, &dir, "ours: re-check, conditional (first)", true)
        .await
        .print();
    ours(&emu, &dir, "ours: re-check, conditional", true)
        .await
        .print();
    std::fs::write(dir.join("NPM_TOKEN.txt"), "NPM_TOKEN-2").expect("value");
    let changed = ours(&emu, &dir, "ours: one value changed (plan + apply)", true).await;
    changed.print();
    assert_eq!(changed.writes, REPOS, "exactly the changed value's targets");

    let peers = emulator();
    // The peers' fleet already holds the values, as on a second run.
    gh_loop(&peers).await;
    gh_loop(&peers).await.print();
    terraform_refresh(&peers).await.print();
    let _ = std::fs::remove_dir_all(&dir);
}
