//! `make bench`: what a re-sync and an organization update cost, measured against the emulator
//! at 20 ms latency per request (pacing off, so wall time is request time; with GitHub's one
//! write per second, each write adds a second more).
//!
//! 1. Re-sync of 100 unchanged secrets: without a state (what gh, octokit loops and the
//!    secrets-sync actions do: every value again) and with one.
//! 2. The same with 5 values changed.
//! 3. Requests per organization `set` that keeps access (`all`, `selected`, new), and a bulk
//!    set of 100 organization secrets.

use std::time::{Duration, Instant};

use codespaces_secrets::{Client, SetOptions, SyncOptions, Visibility};
use codespaces_secrets_emulator::{Emulator, EmulatorConfig, Faults, Latency};

const OWNER: &str = "octocat";
const REPO: &str = "Hello-World";
const ORG: &str = "octo-org";

fn emulator() -> Emulator {
    let faults = Faults {
        latency: Some(Latency::Fixed(Duration::from_millis(20))),
        ..Faults::default()
    };
    Emulator::start(EmulatorConfig {
        faults,
        ..EmulatorConfig::default()
    })
    .expect("emulator")
}

fn client(emu: &Emulator) -> Client {
    Client::builder()
        .token(emu.token())
        .base_url(emu.base_url())
        .write_interval(Duration::ZERO)
        .build()
        .expect("client")
}

fn pairs(changed: usize) -> Vec<(String, String)> {
    (0..100)
        .map(|i| {
            let round = if i < changed { "second" } else { "first" };
            (
                format!("RESYNC_{i:03}"),
                format!("value {i}, {round} round"),
            )
        })
        .collect()
}

/// (requests, writes) in the log since it was last cleared.
fn counts(emu: &Emulator) -> (usize, usize) {
    let log = emu.request_log();
    (log.len(), log.iter().filter(|r| r.write).count())
}

async fn resync(state: bool, changed: usize) -> (usize, usize, Duration) {
    let emu = emulator();
    let repo = client(&emu).repo(OWNER, REPO);
    let dir = std::env::temp_dir().join(format!("cs-bench-resync-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let options = SyncOptions {
        state: state.then(|| dir.join("state.json")),
        state_key_file: Some(dir.join("state.key")),
        ..SyncOptions::default()
    };
    repo.sync(pairs(0), options.clone())
        .await
        .expect("first sync");
    // A later run, as from a new process: a fresh client with no cached key.
    let repo = client(&emu).repo(OWNER, REPO);
    emu.clear_log();
    let started = Instant::now();
    let report = repo.sync(pairs(changed), options).await.expect("re-sync");
    let elapsed = started.elapsed();
    assert!(report.result.is_success());
    let _ = std::fs::remove_dir_all(&dir);
    let (requests, writes) = counts(&emu);
    (requests, writes, elapsed)
}

async fn resync_table() {
    println!(
        "re-sync of 100 secrets at 20 ms latency (pacing off; + 1 s per write at GitHub's pace):"
    );
    for changed in [0, 5] {
        for state in [false, true] {
            let (requests, writes, elapsed) = resync(state, changed).await;
            let label = if state {
                "with state   "
            } else {
                "without state"
            };
            println!(
                "  {changed} changed, {label}: {requests:>3} requests, {writes:>3} writes, {:.2} s (≥ {writes} s more at 1 write/s)",
                elapsed.as_secs_f64()
            );
        }
    }
}

async fn org_update_counts() {
    let emu = emulator();
    let org = client(&emu).org(ORG);
    let a = emu.repo_id(ORG, "octo-repo").expect("repo");
    let b = emu.repo_id(ORG, "octo-service").expect("repo");
    let selected = SetOptions::new()
        .visibility(Visibility::Selected)
        .repositories([a, b]);
    org.set_with("BENCH_SELECTED", "1", selected)
        .await
        .expect("seed");
    let all = SetOptions::new().visibility(Visibility::All);
    org.set_with("BENCH_ALL", "1", all).await.expect("seed");
    println!("requests per organization `set` that keeps access (key cached):");
    for (name, what) in [
        ("BENCH_ALL", "existing `all`"),
        ("BENCH_SELECTED", "existing `selected`, 2 repositories"),
        ("BENCH_NEW", "new (becomes `private`)"),
    ] {
        emu.clear_log();
        org.set(name, "2").await.expect("set");
        let (requests, writes) = counts(&emu);
        println!("  {what}: {requests} requests ({writes} write)");
    }
    let many: Vec<(String, String)> = (0..97)
        .map(|i| (format!("BENCH_MANY_{i:03}"), "1".to_owned()))
        .collect();
    org.set_many(many.clone()).await.expect("seed many");
    let mut all_names = many;
    all_names.extend(
        ["BENCH_ALL", "BENCH_SELECTED", "BENCH_NEW"].map(|n| (n.to_owned(), "3".to_owned())),
    );
    emu.clear_log();
    org.set_many(all_names).await.expect("set many");
    let (requests, writes) = counts(&emu);
    println!(
        "  set_many of 100 existing organization secrets (1 `selected`): {requests} requests ({writes} writes)"
    );
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        resync_table().await;
        org_update_counts().await;
    });
}
