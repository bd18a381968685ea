//! `make bench`: what a bulk set costs against the emulator, measured and printed.
//!
//! 1. Requests to set 100 secrets and to list them (the log of the emulator counts them).
//! 2. Wall time of a bulk set of 100 at 20 ms latency per request, pacing off.
//! 3. Under a secondary write limit: our bulk set against a naive concurrent client written
//!    here (fetch the key, fire all PUTs at once), counting what each got stored.

use std::time::{Duration, Instant};

use codespaces_secrets::{Client, PublicKey, SecretValue};
use codespaces_secrets_emulator::{
    Emulator, EmulatorConfig, Faults, Latency, Scope, SecondaryRateLimit,
};

const OWNER: &str = "octocat";
const REPO: &str = "Hello-World";

fn pairs(prefix: &str) -> Vec<(String, String)> {
    (0..100)
        .map(|i| (format!("{prefix}_{i:03}"), format!("value number {i}")))
        .collect()
}

fn client(emu: &Emulator, write_interval: Duration) -> Client {
    Client::builder()
        .token(emu.token())
        .base_url(emu.base_url())
        .write_interval(write_interval)
        .build()
        .expect("client")
}

fn api_requests(emu: &Emulator) -> usize {
    emu.request_log()
        .iter()
        .filter(|r| !r.path.starts_with("/_emulator"))
        .count()
}

async fn request_counts() {
    let emu = Emulator::start(EmulatorConfig::default()).expect("emulator");
    let repo = client(&emu, Duration::ZERO).repo(OWNER, REPO);
    let report = repo.set_many(pairs("COUNT")).await.expect("bulk set");
    assert!(report.is_success());
    let set_requests = api_requests(&emu);
    emu.clear_log();
    let listed = repo.list().await.expect("list").len();
    let list_requests = api_requests(&emu);
    println!("requests to set 100 secrets: {set_requests} (1 key fetch + 100 PUTs; goal 101)");
    println!("requests to list {listed} secrets: {list_requests} (goal 1)");
}

async fn bulk_wall_time() {
    let faults = Faults {
        latency: Some(Latency::Fixed(Duration::from_millis(20))),
        ..Faults::default()
    };
    let emu = Emulator::start(EmulatorConfig {
        faults,
        ..EmulatorConfig::default()
    })
    .expect("emulator");
    let repo = client(&emu, Duration::ZERO).repo(OWNER, REPO);
    let mut runs = Vec::new();
    for run in 0..3 {
        let started = Instant::now();
        let report = repo
            .set_many(pairs(&format!("WALL{run}")))
            .await
            .expect("bulk set");
        runs.push(started.elapsed());
        assert!(report.is_success());
        for (name, _) in pairs(&format!("WALL{run}")) {
            repo.delete(name.as_str()).await.expect("clean up");
        }
    }
    runs.sort();
    println!(
        "bulk set of 100 at 20 ms latency, pacing off: median {:.2} s (runs {:?}); the floor is 100 x 20 ms = 2.00 s of serial writes",
        runs[1].as_secs_f64(),
        runs.iter()
            .map(|d| format!("{:.2}", d.as_secs_f64()))
            .collect::<Vec<_>>()
    );
}

/// A client as one might write it in a hurry: key once, then every PUT at the same time.
async fn naive_concurrent_set(emu: &Emulator, pairs: &[(String, String)]) -> (usize, usize) {
    let http = reqwest::Client::new();
    let base = emu.base_url();
    let auth = format!("Bearer {}", emu.token());
    let key_url = format!("{base}/repos/{OWNER}/{REPO}/codespaces/secrets/public-key");
    let body: serde_json::Value = http
        .get(key_url)
        .header("authorization", &auth)
        .header("user-agent", "naive-bench")
        .send()
        .await
        .expect("key")
        .json()
        .await
        .expect("key json");
    let key = PublicKey::parse(
        body["key_id"].as_str().expect("key_id"),
        body["key"].as_str().expect("key"),
    )
    .expect("key");
    let puts = pairs.iter().map(|(name, value)| {
        let sealed = key
            .seal(&SecretValue::new(value.as_str()).expect("value"))
            .expect("seal");
        let request = http
            .put(format!(
                "{base}/repos/{OWNER}/{REPO}/codespaces/secrets/{name}"
            ))
            .header("authorization", &auth)
            .header("user-agent", "naive-bench")
            .json(&sealed);
        async move {
            request
                .send()
                .await
                .map(|r| r.status().as_u16())
                .unwrap_or(0)
        }
    });
    let statuses = futures_util::future::join_all(puts).await;
    let stored = statuses.iter().filter(|s| matches!(s, 201 | 204)).count();
    (stored, statuses.len() - stored)
}

async fn under_a_secondary_limit() {
    let limit = SecondaryRateLimit {
        min_write_interval: Duration::from_millis(50),
        max_concurrent_writes: 1,
        status: 403,
        retry_after: Duration::from_secs(1),
    };
    let faults = Faults {
        secondary_rate_limit: Some(limit),
        ..Faults::default()
    };
    let scope = Scope::repo(OWNER, REPO);

    let emu = Emulator::start(EmulatorConfig {
        faults: faults.clone(),
        ..EmulatorConfig::default()
    })
    .expect("emulator");
    let (naive_stored, naive_rejected) = naive_concurrent_set(&emu, &pairs("NAIVE")).await;
    let naive_in_emulator = emu.secrets(&scope).len();

    let emu = Emulator::start(EmulatorConfig {
        faults,
        ..EmulatorConfig::default()
    })
    .expect("emulator");
    let started = Instant::now();
    // Paced at the server's interval, as GitHub asks clients to pace (1 s on the real API).
    let report = client(&emu, Duration::from_millis(50))
        .repo(OWNER, REPO)
        .set_many(pairs("OURS"))
        .await
        .expect("bulk");
    let ours_in_emulator = emu.secrets(&scope).len();
    let refused = emu.request_log().iter().filter(|r| r.status == 403).count();
    println!(
        "secondary write limit (50 ms apart, 1 at a time): naive concurrent client stored {naive_stored}/100 \
         ({naive_rejected} rejected, {naive_in_emulator} in the emulator); ours stored {}/100 \
         ({} failed, {refused} refused, {ours_in_emulator} in the emulator) in {:.2} s",
        report.succeeded(),
        report.failed.len(),
        started.elapsed().as_secs_f64()
    );
}

#[tokio::main]
async fn main() {
    // `cargo bench` passes `--bench`; nothing to filter here.
    println!("== client bulk benchmarks (crates/client/benches/bulk.rs) ==");
    request_counts().await;
    bulk_wall_time().await;
    under_a_secondary_limit().await;
}
