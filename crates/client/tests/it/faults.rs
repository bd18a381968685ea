//! Every fault mode of the emulator: the outcome, and the log proving nothing was lost or
//! written twice.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::common::*;
use codespaces_secrets_emulator::{
    Faults, InjectedFault, Latency, PrimaryRateLimit, SecondaryRateLimit,
};

fn faults(f: impl FnOnce(&mut Faults)) -> Faults {
    let mut faults = Faults {
        seed: 7,
        ..Faults::default()
    };
    f(&mut faults);
    faults
}

#[tokio::test]
async fn server_errors_are_retried_until_success() {
    let emu = emulator();
    emu.set_faults(faults(|f| f.server_error_rate = 0.5))
        .expect("valid faults");
    let repo = builder(&emu)
        .max_retries(10)
        .build()
        .unwrap()
        .repo(OWNER, REPO);
    for i in 0..10 {
        repo.set(format!("S{i}"), format!("v{i}")).await.unwrap();
    }
    let injected = api_log(&emu)
        .iter()
        .filter(|r| r.fault == Some(InjectedFault::ServerError))
        .count();
    assert!(injected > 0, "the seed must inject some 5xx");
    for i in 0..10 {
        assert_eq!(
            stored(&emu, &repo_scope(), &format!("S{i}")),
            Some(format!("v{i}"))
        );
    }
    // Each secret was written exactly once successfully.
    assert_eq!(applied_writes(&emu).len(), 10);
}

#[tokio::test]
async fn server_errors_fail_with_server_after_bounded_retries() {
    let emu = emulator();
    emu.set_faults(faults(|f| f.server_error_rate = 1.0))
        .expect("valid faults");
    let repo = builder(&emu)
        .max_retries(2)
        .build()
        .unwrap()
        .repo(OWNER, REPO);
    let err = repo.list().await.unwrap_err();
    assert_eq!(err.code(), "SERVER_ERROR", "{err}");
    assert!(matches!(err.status(), Some(500 | 502 | 503)));
    assert_eq!(api_log(&emu).len(), 3, "one try and two retries");
}

#[tokio::test]
async fn dropped_connections_are_retried_and_nothing_is_written_twice() {
    let emu = emulator();
    let repo = builder(&emu)
        .max_retries(10)
        .build()
        .unwrap()
        .repo(OWNER, REPO);
    repo.public_key().await.unwrap();
    emu.set_faults(faults(|f| f.drop_connection_rate = 0.3))
        .expect("valid faults");
    for i in 0..10 {
        repo.set(format!("D{i}"), format!("value-{i}"))
            .await
            .unwrap();
    }
    emu.set_faults(Faults::default()).expect("valid faults");
    let log = api_log(&emu);
    assert!(
        log.iter()
            .any(|r| r.fault == Some(InjectedFault::DroppedConnection))
    );
    // A dropped PUT was applied, then retried: the same name, the same value — no other write.
    let mut puts: HashMap<String, usize> = HashMap::new();
    for r in log.iter().filter(|r| r.method == "PUT") {
        *puts.entry(r.path.clone()).or_default() += 1;
    }
    assert_eq!(puts.len(), 10, "only the ten secrets were written");
    for i in 0..10 {
        assert_eq!(
            stored(&emu, &repo_scope(), &format!("D{i}")),
            Some(format!("value-{i}"))
        );
    }
    assert_eq!(emu.secrets(&repo_scope()).len(), 10);
}

#[tokio::test]
async fn a_slow_server_times_out_with_a_transport_error() {
    let emu = emulator();
    emu.set_faults(faults(|f| {
        f.latency = Some(Latency::Fixed(Duration::from_millis(400)))
    }))
    .expect("valid faults");
    let client = builder(&emu)
        .timeout(Duration::from_millis(100))
        .max_retries(1)
        .build()
        .unwrap();
    let started = Instant::now();
    let err = client.repo(OWNER, REPO).list().await.unwrap_err();
    assert_eq!(err.code(), "TRANSPORT", "{err}");
    assert!(err.to_string().contains("list-repo-secrets"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn a_primary_limit_is_waited_out_when_the_reset_is_near() {
    let emu = emulator();
    let repo = client(&emu).repo(OWNER, REPO);
    repo.public_key().await.unwrap();
    emu.set_faults(faults(|f| {
        f.primary_rate_limit = Some(PrimaryRateLimit {
            limit: 3,
            window: Duration::from_secs(2),
        })
    }))
    .expect("valid faults");
    for i in 0..6 {
        repo.set(format!("P{i}"), "v").await.unwrap();
    }
    assert!(
        api_log(&emu)
            .iter()
            .any(|r| r.fault == Some(InjectedFault::PrimaryRateLimit))
    );
    assert_eq!(emu.secrets(&repo_scope()).len(), 6);
}

#[tokio::test]
async fn a_primary_limit_too_far_away_fails_with_the_reset_time() {
    let emu = emulator();
    emu.set_faults(faults(|f| {
        f.primary_rate_limit = Some(PrimaryRateLimit {
            limit: 1,
            window: Duration::from_secs(3600),
        })
    }))
    .expect("valid faults");
    let repo = builder(&emu)
        .max_rate_limit_wait(Duration::from_secs(1))
        .build()
        .unwrap()
        .repo(OWNER, REPO);
    repo.list().await.unwrap();
    let err = repo.list().await.unwrap_err();
    assert_eq!(err.code(), "RATE_LIMITED", "{err}");
    let codespaces_secrets::Error::RateLimited {
        retry_at: Some(at), ..
    } = &err
    else {
        panic!("no reset time: {err:?}");
    };
    let wait = at.duration_since(std::time::SystemTime::now()).unwrap();
    assert!(wait > Duration::from_secs(3000), "{wait:?}");
    assert_eq!(api_log(&emu).len(), 2, "gave up without hammering");
}

#[tokio::test]
async fn a_secondary_limit_is_backed_off_and_no_write_is_lost() {
    let emu = emulator();
    let repo = client(&emu).repo(OWNER, REPO);
    repo.public_key().await.unwrap();
    emu.set_faults(faults(|f| {
        f.secondary_rate_limit = Some(SecondaryRateLimit {
            min_write_interval: Duration::from_millis(100),
            max_concurrent_writes: 1,
            status: 403,
            // Sent as `retry-after: 1` (whole seconds, rounded up), which the client must honour.
            retry_after: Duration::from_millis(100),
        })
    }))
    .expect("valid faults");
    for i in 0..3 {
        repo.set(format!("W{i}"), format!("v{i}")).await.unwrap();
    }
    let refused = api_log(&emu)
        .iter()
        .filter(|r| r.fault == Some(InjectedFault::SecondaryRateLimit))
        .count();
    assert!(refused > 0, "writes with no pacing must trip the limit");
    for i in 0..3 {
        assert_eq!(
            stored(&emu, &repo_scope(), &format!("W{i}")),
            Some(format!("v{i}"))
        );
    }
    assert_eq!(applied_writes(&emu).len(), 3);
}

#[tokio::test]
async fn pacing_keeps_writes_under_the_secondary_limit() {
    let emu = emulator();
    emu.set_faults(faults(|f| {
        f.secondary_rate_limit = Some(SecondaryRateLimit {
            min_write_interval: Duration::from_millis(50),
            max_concurrent_writes: 1,
            status: 429,
            retry_after: Duration::from_secs(60),
        })
    }))
    .expect("valid faults");
    let client = builder(&emu)
        .write_interval(Duration::from_millis(50))
        .build()
        .unwrap();
    let repo = client.repo(OWNER, REPO);
    // Concurrent callers on one client: pacing serialises them, and spacing writes from the end
    // of the previous one means the server sees at least the interval even when this (debug,
    // single-threaded) runtime is slow to send a request after it got its turn.
    let tasks: Vec<_> = (0..6)
        .map(|i| {
            let repo = repo.clone();
            tokio::spawn(async move { repo.set(format!("C{i}"), "v").await })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    assert!(
        api_log(&emu).iter().all(|r| r.fault.is_none()),
        "no write was refused"
    );
    assert_eq!(emu.secrets(&repo_scope()).len(), 6);
}

#[tokio::test]
async fn a_secondary_limit_that_persists_fails_with_rate_limited() {
    let emu = emulator();
    let repo = builder(&emu)
        .max_rate_limit_retries(2)
        .build()
        .unwrap()
        .repo(OWNER, REPO);
    repo.public_key().await.unwrap();
    emu.set_faults(faults(|f| {
        f.secondary_rate_limit = Some(SecondaryRateLimit {
            min_write_interval: Duration::from_secs(3600),
            max_concurrent_writes: 1,
            status: 429,
            retry_after: Duration::from_millis(10),
        })
    }))
    .expect("valid faults");
    repo.set("FIRST", "v").await.unwrap();
    let err = repo.set("SECOND", "v").await.unwrap_err();
    assert_eq!(err.code(), "RATE_LIMITED", "{err}");
    assert!(err.to_string().contains("secondary rate limit"), "{err}");
    assert!(stored(&emu, &repo_scope(), "SECOND").is_none());
}

#[tokio::test]
async fn bulk_of_100_with_10_percent_faults_stores_every_value() {
    let emu = emulator();
    let repo = builder(&emu)
        .max_retries(8)
        .build()
        .unwrap()
        .repo(OWNER, REPO);
    emu.set_faults(faults(|f| {
        f.seed = 42;
        f.server_error_rate = 0.05;
        f.drop_connection_rate = 0.05;
    }))
    .expect("valid faults");
    let pairs: Vec<(String, String)> = (0..100)
        .map(|i| (format!("BULK_{i:03}"), format!("value #{i}")))
        .collect();
    let mut seen = 0;
    let report = repo
        .set_many_with_progress(pairs.clone(), |p| {
            seen += 1;
            assert_eq!((p.done, p.total), (seen, 100));
        })
        .await
        .unwrap();
    assert!(report.is_success(), "{report}");
    assert_eq!(report.succeeded(), 100);
    let faults = api_log(&emu).iter().filter(|r| r.fault.is_some()).count();
    assert!(faults >= 5, "only {faults} faults injected");
    let stored_secrets = emu.secrets(&repo_scope());
    assert_eq!(stored_secrets.len(), 100);
    for (name, value) in pairs {
        assert_eq!(stored(&emu, &repo_scope(), &name), Some(value));
    }
}
