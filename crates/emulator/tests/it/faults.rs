//! Injected faults: latency, 5xx, dropped connections, primary and secondary rate limits —
//! reproducible from a seed.

use std::time::{Duration, Instant};

use codespaces_secrets_emulator::{
    EmulatorConfig, Faults, InjectedFault, Latency, PrimaryRateLimit, Scope, SecondaryRateLimit,
};
use reqwest::Method;
use serde_json::json;

use crate::harness::*;

#[tokio::test]
async fn fixed_and_uniform_latency() {
    let h = Harness::new();
    h.emulator
        .set_faults(Faults {
            latency: Some(Latency::Fixed(Duration::from_millis(150))),
            ..Faults::default()
        })
        .expect("valid faults");
    let start = Instant::now();
    assert_eq!(h.get(USER).await.status(), 200);
    assert!(start.elapsed() >= Duration::from_millis(150));

    h.emulator
        .set_faults(Faults {
            latency: Some(Latency::Uniform {
                min: Duration::from_millis(20),
                max: Duration::from_millis(60),
            }),
            ..Faults::default()
        })
        .expect("valid faults");
    for _ in 0..5 {
        let start = Instant::now();
        assert_eq!(h.get(USER).await.status(), 200);
        let took = start.elapsed();
        assert!(took >= Duration::from_millis(20), "{took:?}");
    }
    // Control routes are never delayed.
    h.emulator
        .set_faults(Faults {
            latency: Some(Latency::Fixed(Duration::from_secs(5))),
            ..Faults::default()
        })
        .expect("valid faults");
    let start = Instant::now();
    let response = h
        .http
        .get(h.url("/_emulator/health"))
        .send()
        .await
        .expect("health");
    assert_eq!(response.status(), 200);
    assert!(start.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn server_errors_change_nothing() {
    let h = Harness::new();
    let (key_id, key) = h.public_key(USER).await;
    h.emulator
        .set_faults(Faults {
            server_error_rate: 1.0,
            ..Faults::default()
        })
        .expect("valid faults");
    let mut statuses = Vec::new();
    for _ in 0..30 {
        let sealed = codespaces_secrets_core::seal(&key, b"v").expect("seal");
        let response = h
            .put(
                &format!("{USER}/S"),
                json!({ "encrypted_value": sealed, "key_id": key_id }),
            )
            .await;
        assert_github_headers(&response);
        let status = response.status().as_u16();
        let body = json_of(response, status).await;
        assert!(body["message"].is_string());
        statuses.push(status);
    }
    assert!(
        statuses.iter().all(|s| [500, 502, 503].contains(s)),
        "{statuses:?}"
    );
    for status in [500, 502, 503] {
        assert!(
            statuses.contains(&status),
            "{status} never drawn: {statuses:?}"
        );
    }
    assert!(h.emulator.secrets(&Scope::user("octocat")).is_empty());
    let log = h.emulator.request_log();
    assert!(
        log.iter()
            .rev()
            .take(30)
            .all(|entry| entry.fault == Some(InjectedFault::ServerError))
    );
}

/// Which of `n` GETs fail, under `faults`, on a fresh emulator.
async fn failure_pattern(faults: Faults, n: usize) -> Vec<u16> {
    let h = Harness::with(EmulatorConfig {
        faults,
        ..EmulatorConfig::default()
    });
    let mut statuses = Vec::new();
    for _ in 0..n {
        statuses.push(h.get(USER).await.status().as_u16());
    }
    statuses
}

#[tokio::test]
async fn the_same_seed_gives_the_same_faults() {
    let faults = |seed| Faults {
        seed,
        server_error_rate: 0.5,
        ..Faults::default()
    };
    let a = failure_pattern(faults(7), 40).await;
    let b = failure_pattern(faults(7), 40).await;
    let c = failure_pattern(faults(8), 40).await;
    assert_eq!(a, b);
    assert_ne!(a, c, "another seed, another pattern");
    let failures = a.iter().filter(|s| **s != 200).count();
    assert!((8..=32).contains(&failures), "about half fail: {a:?}");

    // Setting the same faults again restarts the sequence.
    let h = Harness::new();
    let mut runs = Vec::new();
    for _ in 0..2 {
        h.emulator.set_faults(faults(7)).expect("valid faults");
        let mut statuses = Vec::new();
        for _ in 0..40 {
            statuses.push(h.get(USER).await.status().as_u16());
        }
        runs.push(statuses);
    }
    assert_eq!(runs[0], runs[1]);
    assert_eq!(runs[0], a);
}

#[tokio::test]
async fn dropped_connections_lose_the_reply_but_apply_the_write() {
    let h = Harness::new();
    let (key_id, key) = h.public_key(REPO).await;
    h.emulator
        .set_faults(Faults {
            drop_connection_rate: 1.0,
            ..Faults::default()
        })
        .expect("valid faults");
    // A 201 with a body: cut mid-body.
    let sealed = codespaces_secrets_core::seal(&key, b"applied").expect("seal");
    let result = async {
        h.request(Method::PUT, &format!("{REPO}/S"))
            .json(&json!({ "encrypted_value": sealed, "key_id": key_id }))
            .send()
            .await?
            .bytes()
            .await
    }
    .await;
    assert!(
        result.is_err(),
        "the reply must not arrive whole: {result:?}"
    );
    // A 204 without a body: closed before the status line.
    let sealed = codespaces_secrets_core::seal(&key, b"second").expect("seal");
    let result = h
        .request(Method::PUT, &format!("{REPO}/S"))
        .json(&json!({ "encrypted_value": sealed, "key_id": key_id }))
        .send()
        .await;
    assert!(result.is_err(), "{result:?}");
    // A GET with a JSON body.
    let result = async { h.request(Method::GET, USER).send().await?.text().await }.await;
    assert!(result.is_err(), "{result:?}");

    let scope = Scope::repo("octocat", "Hello-World");
    assert_eq!(
        h.emulator
            .secret_value(&scope, "S")
            .expect("applied")
            .expose(),
        b"second"
    );
    let log = h.emulator.request_log();
    let dropped: Vec<_> = log
        .iter()
        .filter(|entry| entry.fault == Some(InjectedFault::DroppedConnection))
        .collect();
    assert_eq!(dropped.len(), 3);
    assert_eq!(dropped[0].status, 201);
    assert_eq!(dropped[1].status, 204);

    h.emulator
        .set_faults(Faults::default())
        .expect("valid faults");
    assert_eq!(h.get(USER).await.status(), 200);
}

#[tokio::test]
async fn primary_rate_limit_until_the_window_ends() {
    let h = Harness::new();
    h.emulator
        .set_faults(Faults {
            primary_rate_limit: Some(PrimaryRateLimit {
                limit: 3,
                window: Duration::from_secs(3),
            }),
            ..Faults::default()
        })
        .expect("valid faults");
    for expected_remaining in [2, 1, 0] {
        let response = h.get(USER).await;
        assert_eq!(response.status(), 200);
        assert_eq!(header(&response, "x-ratelimit-limit").as_deref(), Some("3"));
        assert_eq!(
            header(&response, "x-ratelimit-remaining"),
            Some(expected_remaining.to_string())
        );
    }
    let refused = h.put(&format!("{USER}/S"), json!({ "key_id": "1" })).await;
    assert_eq!(
        header(&refused, "x-ratelimit-remaining").as_deref(),
        Some("0")
    );
    assert_eq!(header(&refused, "x-ratelimit-used").as_deref(), Some("3"));
    let reset: u64 = header(&refused, "x-ratelimit-reset")
        .expect("reset")
        .parse()
        .expect("number");
    let body = json_of(refused, 403).await;
    assert!(
        body["message"]
            .as_str()
            .expect("message")
            .starts_with("API rate limit exceeded for user ID"),
        "{body}"
    );
    assert!(h.emulator.secrets(&Scope::user("octocat")).is_empty());
    // Another user has their own budget.
    let other = h.emulator.add_user("mona");
    let response = h
        .request_as(&other, Method::GET, USER)
        .send()
        .await
        .expect("get");
    assert_eq!(response.status(), 200);

    // After the reset, requests pass again.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    assert!(reset >= now && reset <= now + 4, "{reset} vs {now}");
    // Still refused before the reset...
    assert_eq!(h.get(USER).await.status(), 403);
    // ...and served again once the clock passes it (the reset is rounded up to a whole second).
    let wait = Duration::from_secs(reset + 1).saturating_sub(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock"),
    );
    tokio::time::sleep(wait).await;
    assert_eq!(h.get(USER).await.status(), 200);
}

#[tokio::test]
async fn secondary_rate_limit_on_fast_writes() {
    let h = Harness::new();
    let (key_id, key) = h.public_key(REPO).await;
    h.emulator
        .set_faults(Faults {
            secondary_rate_limit: Some(SecondaryRateLimit {
                // Generous, so a slow CI machine still sends the second write within it.
                min_write_interval: Duration::from_millis(1000),
                max_concurrent_writes: 0,
                status: 403,
                retry_after: Duration::from_secs(2),
            }),
            ..Faults::default()
        })
        .expect("valid faults");
    let put = |name: &str| {
        let sealed = codespaces_secrets_core::seal(&key, b"v").expect("seal");
        h.request(Method::PUT, &format!("{REPO}/{name}"))
            .json(&json!({ "encrypted_value": sealed, "key_id": key_id }))
            .send()
    };
    assert_eq!(put("A").await.expect("first").status(), 201);
    let refused = put("B").await.expect("second");
    assert_eq!(header(&refused, "retry-after").as_deref(), Some("2"));
    assert_github_headers(&refused);
    let body = json_of(refused, 403).await;
    assert!(
        body["message"]
            .as_str()
            .expect("message")
            .starts_with("You have exceeded a secondary rate limit."),
        "{body}"
    );
    // Reads are not writes.
    assert_eq!(h.get(REPO).await.status(), 200);
    tokio::time::sleep(Duration::from_millis(1050)).await;
    assert_eq!(put("B").await.expect("third").status(), 201);

    // 429 when configured so.
    h.emulator
        .set_faults(Faults {
            secondary_rate_limit: Some(SecondaryRateLimit {
                min_write_interval: Duration::from_secs(10),
                max_concurrent_writes: 0,
                status: 429,
                retry_after: Duration::from_secs(1),
            }),
            ..Faults::default()
        })
        .expect("valid faults");
    assert_eq!(put("C").await.expect("c").status(), 201);
    assert_eq!(put("D").await.expect("d").status(), 429);
    let names: Vec<String> = h
        .emulator
        .secrets(&Scope::repo("octocat", "Hello-World"))
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, ["A", "B", "C"]);
}

#[tokio::test]
async fn secondary_rate_limit_on_concurrent_writes() {
    let h = Harness::new();
    h.emulator
        .set_faults(Faults {
            // The first write stays in flight this long; the others arrive meanwhile.
            latency: Some(Latency::Fixed(Duration::from_millis(1000))),
            secondary_rate_limit: Some(SecondaryRateLimit {
                min_write_interval: Duration::ZERO,
                max_concurrent_writes: 1,
                status: 403,
                retry_after: Duration::from_secs(1),
            }),
            ..Faults::default()
        })
        .expect("valid faults");
    let (key_id, key) = h.public_key(REPO).await;
    let mut tasks = Vec::new();
    for i in 0..3 {
        let sealed = codespaces_secrets_core::seal(&key, b"v").expect("seal");
        let request = h
            .request(Method::PUT, &format!("{REPO}/C{i}"))
            .json(&json!({ "encrypted_value": sealed, "key_id": key_id }));
        tasks.push(tokio::spawn(async move {
            request.send().await.map(|r| r.status().as_u16())
        }));
        // Let each arrive in order while the first is still in flight.
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.expect("task").expect("response"));
    }
    assert_eq!(statuses, [201, 403, 403]);
    // Once it finished, the next write passes.
    let sealed = codespaces_secrets_core::seal(&key, b"v").expect("seal");
    let response = h
        .put(
            &format!("{REPO}/C9"),
            json!({ "encrypted_value": sealed, "key_id": key_id }),
        )
        .await;
    assert_eq!(response.status(), 201);
}

#[tokio::test]
async fn faults_from_the_config_apply_from_the_first_request() {
    let h = Harness::with(EmulatorConfig {
        faults: Faults {
            server_error_rate: 1.0,
            ..Faults::default()
        },
        ..EmulatorConfig::default()
    });
    let status = h.get(USER).await.status().as_u16();
    assert!([500, 502, 503].contains(&status));
    assert_eq!(h.emulator.faults().server_error_rate, 1.0);
}

/// Eventual consistency: a fresh write reads as 404 for the window (the secret and its
/// repositories), while the list already shows it; then it reads normally.
#[tokio::test]
async fn fresh_writes_are_hidden_from_reads_for_a_moment() {
    let h = Harness::new();
    h.emulator
        .set_faults(Faults {
            hide_fresh_writes: Some(Duration::from_millis(300)),
            ..Faults::default()
        })
        .expect("valid faults");
    let started = Instant::now();
    let response = h
        .put_secret(ORG, "FRESH", b"v", json!({ "visibility": "selected" }))
        .await;
    assert_eq!(response.status(), 201);
    let secret = format!("{ORG}/FRESH");
    assert_eq!(h.get(&secret).await.status(), 404);
    assert_eq!(h.get(&format!("{secret}/repositories")).await.status(), 404);
    let list = json_of(h.get(ORG).await, 200).await;
    assert_eq!(list["total_count"], 1);
    assert!(
        started.elapsed() < Duration::from_millis(300),
        "the checks were too slow"
    );
    tokio::time::sleep(Duration::from_millis(350)).await;
    assert_eq!(h.get(&secret).await.status(), 200);
    assert_eq!(h.get(&format!("{secret}/repositories")).await.status(), 200);
}
