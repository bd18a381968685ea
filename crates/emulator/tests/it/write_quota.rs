//! The write quota: GitHub's caps on content-creating requests (80 a minute, 500 an hour) on a
//! clock a test can speed up, refused with 403, the secondary-rate-limit message and a
//! `retry-after` in real seconds after which the write is admitted.

use std::time::Duration;

use codespaces_secrets_emulator::{EmulatorConfig, Faults, InjectedFault, WriteQuota};
use reqwest::Method;
use serde_json::json;

use crate::harness::*;

fn with_quota(quota: WriteQuota) -> Harness {
    Harness::with(EmulatorConfig {
        faults: Faults {
            write_quota: Some(quota),
            ..Faults::default()
        },
        ..EmulatorConfig::default()
    })
}

/// `retry-after` in seconds.
fn retry_after(response: &reqwest::Response) -> u64 {
    header(response, "retry-after")
        .expect("retry-after")
        .parse()
        .expect("whole seconds")
}

/// Asserts GitHub's secondary-rate-limit refusal and returns its `retry-after`.
async fn expect_quota_refusal(response: reqwest::Response) -> u64 {
    assert_github_headers(&response);
    let wait = retry_after(&response);
    let body = json_of(response, 403).await;
    let message = body["message"].as_str().expect("message");
    assert!(
        message.starts_with("You have exceeded a secondary rate limit."),
        "{message}"
    );
    assert!(
        body["documentation_url"]
            .as_str()
            .expect("docs")
            .contains("secondary")
    );
    wait
}

/// A repository secret PUT (after the GET of its public key, which the quota does not count).
async fn put(h: &Harness, name: &str) -> reqwest::Response {
    h.put_secret(REPO, name, b"v", json!({})).await
}

#[tokio::test]
async fn the_hourly_cap_fills_and_frees_on_a_scaled_clock() {
    // An hour lasts two real seconds; the minute cap is out of the way.
    let h = with_quota(WriteQuota {
        per_minute: 1000,
        per_hour: 5,
        time_scale: 1800.0,
    });
    for i in 0..5 {
        assert_eq!(put(&h, &format!("S{i}")).await.status(), 201);
    }
    let wait = expect_quota_refusal(put(&h, "S5").await).await;
    assert!(
        (1..=2).contains(&wait),
        "at most the two real seconds an hour lasts: {wait}"
    );
    tokio::time::sleep(Duration::from_secs(wait)).await;
    assert_eq!(
        put(&h, "S5").await.status(),
        201,
        "admitted after retry-after"
    );
    let refusals: Vec<_> = h
        .emulator
        .request_log()
        .into_iter()
        .filter(|r| r.fault.is_some())
        .collect();
    assert_eq!(refusals.len(), 1);
    assert_eq!(refusals[0].fault, Some(InjectedFault::SecondaryRateLimit));
}

#[tokio::test]
async fn the_minute_cap_answers_the_real_wait() {
    // Real time: the second write in a minute waits about a minute.
    let h = with_quota(WriteQuota {
        per_minute: 1,
        per_hour: 500,
        time_scale: 1.0,
    });
    assert_eq!(put(&h, "A").await.status(), 201);
    let wait = expect_quota_refusal(put(&h, "B").await).await;
    assert!((59..=60).contains(&wait), "{wait}");
    // Reads are not content-creating.
    for _ in 0..3 {
        assert_eq!(h.get(REPO).await.status(), 200);
    }
    // A DELETE creates content too.
    expect_quota_refusal(h.delete(&format!("{REPO}/A")).await).await;
    assert_eq!(
        h.emulator
            .request_log()
            .iter()
            .filter(|r| r.fault.is_some())
            .count(),
        2
    );
}

#[tokio::test]
async fn a_quota_is_per_token_and_starts_over_with_new_faults() {
    let h = with_quota(WriteQuota {
        per_minute: 1,
        per_hour: 1,
        time_scale: 1.0,
    });
    assert_eq!(put(&h, "A").await.status(), 201);
    assert_eq!(put(&h, "B").await.status(), 403);
    // Another user has a quota of their own.
    let mona = h.emulator.add_user("mona");
    let key = h
        .request_as(&mona, Method::GET, &format!("{USER}/public-key"))
        .send()
        .await
        .expect("GET");
    let key = json_of(key, 200).await;
    let sealed = seal_any(key["key"].as_str().expect("key"), b"v");
    let theirs = h
        .request_as(&mona, Method::PUT, &format!("{USER}/X"))
        .json(&json!({"encrypted_value": sealed, "key_id": key["key_id"]}))
        .send()
        .await
        .expect("PUT");
    assert_eq!(theirs.status(), 201);
    // Setting faults again starts the windows over.
    h.emulator
        .set_faults(h.emulator.faults())
        .expect("valid faults");
    assert_eq!(put(&h, "B").await.status(), 201);
}

#[tokio::test]
async fn the_control_route_sets_a_partial_quota_with_defaults() {
    let h = Harness::new();
    let response = h
        .http
        .put(h.url("/_emulator/faults"))
        .json(&json!({ "write_quota": { "time_scale": 60.0 } }))
        .send()
        .await
        .expect("PUT faults");
    let body = json_of(response, 200).await;
    assert_eq!(
        body["write_quota"],
        json!({"per_minute": 80, "per_hour": 500, "time_scale": 60.0})
    );
    assert_eq!(
        h.emulator.faults().write_quota,
        Some(WriteQuota {
            time_scale: 60.0,
            ..WriteQuota::default()
        })
    );
}
