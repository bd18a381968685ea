//! `make bench-fleet-languages`: what a scheduled `check` costs from Python and Node beside
//! Rust, on the same fleet and the same server (the fleet of the `fleet` bench, in sync, with
//! its state and read cache filled: every list a 304). Each round times one `check` in each
//! language, in turn, so drift on the machine hits all three alike; the Python and Node
//! programs (`bindings/*/benches/fleet_check.*`) time the call alone, not their start-up.
//!
//! Needs `BENCH_PYTHON` (an interpreter with the release wheel installed) and
//! `BENCH_NODE_BINDING` (a folder with the release `index.js` and `.node`); the Makefile sets
//! both.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use codespaces_secrets::fleet::{ApplyOptions, Manifest, PlanOptions, WriteLimits};
use codespaces_secrets_emulator::Emulator;

#[path = "support/fleet.rs"]
mod support;
use support::{client, emulator, write_fleet};

const ROUNDS: usize = 7;

fn options(dir: &Path) -> PlanOptions {
    PlanOptions {
        state: Some(dir.join("state.json")),
        state_key_file: Some(dir.join("state.key")),
        ..PlanOptions::default()
    }
}

/// Puts the fleet in sync and fills the read cache, as after the first scheduled run.
async fn settle(emu: &Emulator, dir: &Path) {
    let client = client(emu);
    let manifest = Manifest::from_file(dir.join("fleet.toml")).expect("manifest");
    let plan = client.plan(&manifest, &options(dir)).await.expect("plan");
    let unpaced = ApplyOptions {
        state: Some(dir.join("state.json")),
        state_key_file: Some(dir.join("state.key")),
        limits: Some(WriteLimits {
            per_minute: u32::MAX,
            per_hour: u32::MAX,
            min_interval: Duration::ZERO,
            ..WriteLimits::default()
        }),
        ..ApplyOptions::default()
    };
    let report = client.apply(&plan, &unpaced, |_| {}).await.expect("apply");
    assert!(report.is_success());
    let check = client.plan(&manifest, &options(dir)).await.expect("check");
    assert!(!check.summary.has_changes());
}

async fn rust_check(emu: &Emulator, dir: &Path) -> Duration {
    let client = client(emu);
    let manifest = Manifest::from_file(dir.join("fleet.toml")).expect("manifest");
    let started = Instant::now();
    let plan = client.plan(&manifest, &options(dir)).await.expect("check");
    let wall = started.elapsed();
    assert!(!plan.summary.has_changes(), "the fleet is in sync");
    wall
}

/// Runs one language's program for one check; it prints the seconds the call took.
fn foreign_check(program: &str, args: &[&str], emu: &Emulator, dir: &Path) -> Duration {
    let out = Command::new(program)
        .args(args)
        .args([
            emu.base_url().as_str(),
            dir.to_str().expect("utf-8 temp dir"),
        ])
        .env("CODESPACES_SECRETS_BENCH_TOKEN", emu.token())
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{program} {args:?} failed:\n{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let seconds: f64 = text
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("{program}: not seconds: {text}"));
    Duration::from_secs_f64(seconds)
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn row(what: &str, runs: &[Duration], rust: Duration, requests: usize, points: u64) {
    let m = median(runs.to_vec());
    let all: Vec<String> = runs
        .iter()
        .map(|d| format!("{:.3}", d.as_secs_f64()))
        .collect();
    println!(
        "  {what:<8} median {:.3} s  {:.3}x Rust  {requests} requests, {points} points per check  ({})",
        m.as_secs_f64(),
        m.as_secs_f64() / rust.as_secs_f64(),
        all.join(", ")
    );
}

#[tokio::main]
async fn main() {
    let python = std::env::var("BENCH_PYTHON").expect("BENCH_PYTHON: a Python with the wheel");
    let node_binding =
        std::env::var("BENCH_NODE_BINDING").expect("BENCH_NODE_BINDING: the release binding");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let py_script = root.join("bindings/python/benches/fleet_check.py");
    let node_script = root.join("bindings/node/benches/fleet_check.mjs");
    let (py_script, node_script) = (
        py_script.to_str().expect("utf-8"),
        node_script.to_str().expect("utf-8"),
    );

    let dir = std::env::temp_dir().join(format!("cs-bench-fleet-lang-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    write_fleet(&dir);
    let emu = emulator();
    settle(&emu, &dir).await;

    let (mut rust, mut py, mut node) = (Vec::new(), Vec::new(), Vec::new());
    let cost = |what: &str| {
        let log = emu.request_log();
        emu.clear_log();
        (what.to_owned(), log.len())
    };
    let mut requests = Vec::new();
    for _ in 0..ROUNDS {
        let counted = emu.primary_requests_counted();
        emu.clear_log();
        rust.push(rust_check(&emu, &dir).await);
        requests.push(cost("rust"));
        py.push(foreign_check(&python, &[py_script], &emu, &dir));
        requests.push(cost("python"));
        node.push(foreign_check(
            "node",
            &[node_script, &node_binding],
            &emu,
            &dir,
        ));
        requests.push(cost("node"));
        assert_eq!(
            emu.primary_requests_counted(),
            counted,
            "an unchanged fleet's check spends no primary rate limit in any language"
        );
    }
    let per_check = |lang: &str| {
        let counts: Vec<usize> = requests
            .iter()
            .filter(|(w, _)| w == lang)
            .map(|(_, n)| *n)
            .collect();
        assert!(
            counts.windows(2).all(|w| w[0] == w[1]),
            "{lang}: {counts:?}"
        );
        counts[0]
    };
    let base = median(rust.clone());
    println!(
        "fleet check (200 repositories x 3 secrets + 1 org secret, in sync, conditional reads, 20 ms latency), {ROUNDS} rounds:"
    );
    row("Rust", &rust, base, per_check("rust"), 0);
    row("Python", &py, base, per_check("python"), 0);
    row("Node", &node, base, per_check("node"), 0);
    let _ = std::fs::remove_dir_all(&dir);
}
