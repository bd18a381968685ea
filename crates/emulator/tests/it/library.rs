//! The Rust API: starting from sync and async code, stopping, seeding, inspecting.

use std::net::TcpStream;
use std::time::Duration;

use codespaces_secrets_emulator::{Emulator, EmulatorConfig, Scope};
use serde_json::json;

use crate::harness::*;

#[test]
fn starts_and_stops_from_plain_sync_code() {
    let emulator = Emulator::start(EmulatorConfig::default()).expect("start");
    let base = emulator.base_url();
    assert!(base.starts_with("http://127.0.0.1:") && !base.ends_with('/'));
    assert_eq!(base, format!("http://127.0.0.1:{}", emulator.port()));
    let address = base.trim_start_matches("http://").to_owned();
    assert!(TcpStream::connect(&address).is_ok());
    assert!(emulator.token().starts_with("ghp_"));
    assert_eq!(emulator.user_login(), "octocat");
    emulator.shutdown();
    // The port is closed once shutdown returns.
    assert!(
        TcpStream::connect_timeout(
            &address.parse().expect("address"),
            Duration::from_millis(500)
        )
        .is_err()
    );
}

#[test]
fn the_handle_can_be_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Emulator>();
    let emulator = std::sync::Arc::new(Emulator::start(EmulatorConfig::default()).expect("start"));
    let threads: Vec<_> = (0..4)
        .map(|i| {
            let emulator = emulator.clone();
            std::thread::spawn(move || emulator.add_repo("octocat", &format!("r{i}")))
        })
        .collect();
    let mut ids: Vec<i64> = threads
        .into_iter()
        .map(|t| t.join().expect("thread"))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 4);
}

#[test]
fn drop_stops_the_server() {
    let address = {
        let emulator = Emulator::start(EmulatorConfig::default()).expect("start");
        emulator.base_url().trim_start_matches("http://").to_owned()
    };
    assert!(TcpStream::connect(&address).is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn starts_inside_an_async_runtime_and_several_can_run() {
    let a = Harness::new();
    let b = Harness::new();
    assert_ne!(a.emulator.base_url(), b.emulator.base_url());
    assert_eq!(
        a.put_secret(USER, "ONLY_A", b"a", json!({})).await.status(),
        201
    );
    assert_eq!(json_of(b.get(USER).await, 200).await["total_count"], 0);
}

#[test]
fn fixed_port_and_token_and_a_busy_port_is_an_error() {
    let first = Emulator::start(EmulatorConfig {
        token: Some("my-test-token".to_owned()),
        user_login: "alice".to_owned(),
        ..EmulatorConfig::default()
    })
    .expect("start");
    assert_eq!(first.token(), "my-test-token");
    assert_eq!(first.user_login(), "alice");
    assert!(first.repo_id("alice", "Hello-World").is_some());
    let busy = Emulator::start(EmulatorConfig {
        port: first.port(),
        ..EmulatorConfig::default()
    });
    assert!(busy.is_err());
}

#[test]
fn seeding_from_the_config() {
    let emulator = Emulator::start(EmulatorConfig {
        repos: vec![
            "octocat/extra".parse().expect("valid"),
            "acme/app".parse().expect("valid"),
        ],
        orgs: vec!["initech".to_owned()],
        seed_demo_data: false,
        ..EmulatorConfig::default()
    })
    .expect("start");
    assert!(emulator.repo_id("octocat", "Hello-World").is_none());
    assert!(emulator.public_key(&Scope::org("octo-org")).is_none());
    assert!(emulator.repo_id("octocat", "extra").is_some());
    assert!(emulator.repo_id("acme", "app").is_some());
    assert!(emulator.public_key(&Scope::org("acme")).is_some());
    assert!(emulator.public_key(&Scope::org("initech")).is_some());
}

#[tokio::test]
async fn accounts_repositories_and_inspection() {
    let h = Harness::new();
    let e = &h.emulator;
    let token = e.add_user("mona");
    let id = e.add_repo("mona", "dotfiles");
    assert_eq!(
        e.add_repo("MONA", "DOTFILES"),
        id,
        "adding again returns the same id"
    );
    assert_eq!(e.repo_id("mona", "dotfiles"), Some(id));
    e.add_org("acme", &["mona", "newcomer"]);
    let org_repo = e.add_repo("acme", "site");

    let path = "/repos/mona/dotfiles/codespaces/secrets";
    let response = h
        .request_as(&token, reqwest::Method::GET, &format!("{path}/public-key"))
        .send()
        .await
        .expect("key");
    let key = json_of(response, 200).await;
    let sealed =
        codespaces_secrets_core::seal(key["key"].as_str().expect("key"), b"value").expect("seal");
    let response = h
        .request_as(&token, reqwest::Method::PUT, &format!("{path}/X"))
        .json(&json!({ "encrypted_value": sealed, "key_id": key["key_id"] }))
        .send()
        .await
        .expect("put");
    assert_eq!(response.status(), 201);
    let scope = Scope::repo("mona", "dotfiles");
    assert_eq!(
        e.secret_value(&scope, "x").expect("value").expose(),
        b"value"
    );
    assert!(e.secret_value(&scope, "y").is_none());
    assert!(e.secret_value(&Scope::repo("mona", "nope"), "x").is_none());
    assert!(e.secrets(&Scope::org("nope")).is_empty());
    assert!(e.public_key(&Scope::user("nobody")).is_none());
    // The org's repository is reachable for the member.
    let response = h
        .request_as(
            &token,
            reqwest::Method::GET,
            "/repos/acme/site/codespaces/secrets",
        )
        .send()
        .await
        .expect("list");
    assert_eq!(response.status(), 200);
    assert!(org_repo > id);

    let log = e.request_log();
    assert_eq!(log.len(), 3);
    assert_eq!(log[1].method, "PUT");
    assert_eq!(log[1].path, "/repos/mona/dotfiles/codespaces/secrets/X");
    assert!(log[1].write);
    assert_eq!(log[1].status, 201);
    assert_eq!(log[1].login.as_deref(), Some("mona"));
    assert!(log[1].ended_at >= log[1].started_at);
    assert!(
        log.iter()
            .all(|entry| !format!("{entry:?}").contains(&token))
    );
    e.clear_log();
    assert!(e.request_log().is_empty());

    // Debug output never shows the token.
    assert!(!format!("{e:?}").contains(&h.token));
}

#[tokio::test]
async fn rotation_from_rust() {
    let h = Harness::new();
    let scope = Scope::org("octo-org");
    let before = h.emulator.public_key(&scope).expect("key");
    h.emulator.rotate_key(&scope);
    let after = h.emulator.public_key(&scope).expect("key");
    assert_ne!(before.key_id(), after.key_id());
    let (api_id, _) = h.public_key(ORG).await;
    assert_eq!(api_id, after.key_id().as_str());
    // Rotating an unknown scope does nothing.
    h.emulator.rotate_key(&Scope::org("nope"));
}
