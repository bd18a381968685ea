//! GitHub App authentication against the emulator: installation tokens minted from the App's
//! key, found from the org or repository, cached, refreshed before expiry and after a 401,
//! one mint for many concurrent calls, and clear errors that never show key material.

use std::time::Duration;

use crate::common::{ORG, OWNER, REPO, api_log, emulator, org_scope, repo_scope, stored};
use codespaces_secrets::{Client, GitHubApp, USER_TOKEN_NEEDED};
use codespaces_secrets_emulator::{AuthSettings, Emulator, RegisteredApp};

fn app_client(emu: &Emulator, app: GitHubApp) -> Client {
    Client::builder()
        .app(app)
        .base_url(emu.base_url())
        .write_interval(Duration::ZERO)
        .retry_base_delay(Duration::from_millis(5))
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client builds")
}

fn mints(emu: &Emulator) -> usize {
    api_log(emu)
        .iter()
        .filter(|r| r.method == "POST" && r.path.ends_with("/access_tokens"))
        .count()
}

fn lookups(emu: &Emulator) -> Vec<String> {
    api_log(emu)
        .into_iter()
        .filter(|r| r.path.ends_with("/installation"))
        .map(|r| r.path)
        .collect()
}

fn key_material(app: &RegisteredApp) -> Vec<String> {
    // Any 40-character run of a key's base64 body would betray it.
    [&app.private_key_pem, &app.private_key_pkcs8_pem]
        .iter()
        .flat_map(|pem| {
            pem.lines()
                .filter(|l| !l.starts_with("-----"))
                .map(|l| l[..40.min(l.len())].to_owned())
        })
        .collect()
}

fn assert_no_key(text: &str, app: &RegisteredApp) {
    for fragment in key_material(app) {
        assert!(!text.contains(&fragment), "key material in {text}");
    }
    assert!(!text.contains("eyJ"), "a JWT in {text}");
}

#[tokio::test]
async fn an_explicit_installation_writes_org_and_repo_secrets() {
    let emu = emulator();
    let app = emu.register_app();
    let installation = emu.install_app(app.id, &org_scope());
    let given = GitHubApp::new(app.id.to_string(), &app.private_key_pem, Some(installation))
        .expect("PKCS#1 key");
    let client = app_client(&emu, given);
    client
        .org(ORG)
        .set("FROM_APP", "org-value")
        .await
        .expect("org set");
    assert_eq!(
        stored(&emu, &org_scope(), "FROM_APP").as_deref(),
        Some("org-value")
    );
    assert!(
        lookups(&emu).is_empty(),
        "no lookup with an explicit installation"
    );
    assert_eq!(mints(&emu), 1);
}

#[tokio::test]
async fn the_installation_is_found_from_the_org_or_repository_once() {
    let emu = emulator();
    let app = emu.register_app();
    emu.install_app(app.id, &org_scope());
    emu.install_app(app.id, &repo_scope());
    let given = GitHubApp::new(app.client_id.clone(), &app.private_key_pkcs8_pem, None)
        .expect("PKCS#8 key, client id as issuer");
    let client = app_client(&emu, given);
    for round in 0..2 {
        let value = format!("v{round}");
        client
            .org(ORG)
            .set("LOOKED_UP", value.as_str())
            .await
            .expect("org set");
        client
            .repo(OWNER, REPO)
            .set("LOOKED_UP", value.as_str())
            .await
            .expect("repo set");
    }
    assert_eq!(
        stored(&emu, &org_scope(), "LOOKED_UP").as_deref(),
        Some("v1")
    );
    assert_eq!(
        stored(&emu, &repo_scope(), "LOOKED_UP").as_deref(),
        Some("v1")
    );
    assert_eq!(
        lookups(&emu),
        vec![
            format!("/orgs/{ORG}/installation"),
            format!("/repos/{OWNER}/{REPO}/installation"),
        ]
    );
    assert_eq!(mints(&emu), 2, "one token per installation, reused");
}

#[tokio::test]
async fn an_app_not_installed_says_so() {
    let emu = emulator();
    let app = emu.register_app();
    let given = GitHubApp::new(app.id.to_string(), &app.private_key_pem, None).expect("key");
    let error = app_client(&emu, given)
        .org(ORG)
        .list()
        .await
        .expect_err("not installed");
    assert_eq!(error.code(), "INVALID_INPUT");
    let text = error.to_string();
    assert!(
        text.contains("not installed on the organization octo-org"),
        "{text}"
    );
}

#[tokio::test]
async fn tokens_living_two_seconds_are_refreshed_through_a_paced_bulk_set() {
    let emu = emulator();
    emu.set_auth_settings(AuthSettings {
        installation_token_lifetime: Duration::from_secs(2),
        ..AuthSettings::default()
    });
    let app = emu.register_app();
    let installation = emu.install_app(app.id, &org_scope());
    let given =
        GitHubApp::new(app.id.to_string(), &app.private_key_pem, Some(installation)).expect("key");
    let client = Client::builder()
        .app(given)
        .base_url(emu.base_url())
        .write_interval(Duration::from_millis(900))
        .build()
        .expect("client");
    let items: Vec<(String, String)> = (0..6)
        .map(|i| (format!("PACED_{i}"), format!("value-{i}")))
        .collect();
    let report = client
        .org(ORG)
        .set_many(items.clone())
        .await
        .expect("bulk set");
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    for (name, value) in &items {
        assert_eq!(
            stored(&emu, &org_scope(), name).as_deref(),
            Some(value.as_str())
        );
    }
    assert!(
        mints(&emu) >= 3,
        "a 2 s token is replaced during a 5 s run: {} mints",
        mints(&emu)
    );
    let refused: Vec<_> = api_log(&emu)
        .into_iter()
        .filter(|r| r.status == 401)
        .collect();
    assert!(
        refused.is_empty(),
        "replaced before expiry, never refused: {refused:?}"
    );
}

#[tokio::test]
async fn a_token_the_server_refuses_is_replaced_once() {
    let emu = emulator();
    emu.set_auth_settings(AuthSettings {
        installation_token_lifetime: Duration::from_secs(60),
        ..AuthSettings::default()
    });
    let app = emu.register_app();
    let installation = emu.install_app(app.id, &org_scope());
    let given =
        GitHubApp::new(app.id.to_string(), &app.private_key_pem, Some(installation)).expect("key");
    let client = app_client(&emu, given);
    client
        .org(ORG)
        .set("BEFORE", "1")
        .await
        .expect("first write");
    // The server's clock jumps past the token's expiry while the client still trusts it.
    emu.set_auth_settings(AuthSettings {
        installation_token_lifetime: Duration::from_secs(60),
        clock_skew: 90,
        ..AuthSettings::default()
    });
    client
        .org(ORG)
        .set("AFTER", "2")
        .await
        .expect("write after a 401");
    assert_eq!(stored(&emu, &org_scope(), "AFTER").as_deref(), Some("2"));
    let statuses: Vec<u16> = api_log(&emu).iter().map(|r| r.status).collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 401).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(mints(&emu), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_concurrent_calls_mint_one_token() {
    let emu = emulator();
    let app = emu.register_app();
    emu.install_app(app.id, &org_scope());
    let given = GitHubApp::new(app.id.to_string(), &app.private_key_pem, None).expect("key");
    let client = app_client(&emu, given);
    let calls = (0..20).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.org(ORG).list().await })
    });
    for call in futures_util::future::join_all(calls).await {
        call.expect("task").expect("list");
    }
    assert_eq!(mints(&emu), 1);
    assert_eq!(lookups(&emu).len(), 1);
}

#[tokio::test]
async fn bad_keys_ids_and_clocks_are_clear_errors_without_key_material() {
    let emu = emulator();
    let app = emu.register_app();
    let other = emu.register_app();
    let installation = emu.install_app(app.id, &org_scope());

    let truncated = &app.private_key_pem[..app.private_key_pem.len() / 2];
    let error = GitHubApp::new(app.id.to_string(), truncated, None).expect_err("bad PEM");
    assert_eq!(error.code(), "INVALID_INPUT");
    assert_no_key(&format!("{error} {error:?}"), &app);

    let cases = [
        ("an unknown app id", "999999".to_owned(), &app, 0),
        ("another app's key", app.id.to_string(), &other, 0),
        (
            "a JWT already expired by the server's clock",
            app.id.to_string(),
            &app,
            1200,
        ),
        (
            "a JWT from the server's future",
            app.id.to_string(),
            &app,
            -3600,
        ),
    ];
    for (case, id, key_of, skew) in cases {
        emu.set_auth_settings(AuthSettings {
            clock_skew: skew,
            ..AuthSettings::default()
        });
        let given = GitHubApp::new(id, &key_of.private_key_pem, Some(installation)).expect("key");
        assert_no_key(&format!("{given:?}"), key_of);
        let error = app_client(&emu, given)
            .org(ORG)
            .list()
            .await
            .expect_err(case);
        assert_eq!(error.code(), "UNAUTHORIZED", "{case}: {error}");
        let text = format!("{error} {error:?}");
        assert!(text.contains("clock"), "{case}: says what to check: {text}");
        assert_no_key(&text, key_of);
    }
}

#[tokio::test]
async fn user_secrets_refuse_installation_credentials_before_any_request() {
    let emu = emulator();
    let app = emu.register_app();
    emu.install_app(app.id, &org_scope());
    let given = GitHubApp::new(app.id.to_string(), &app.private_key_pem, None).expect("key");
    let by_app = app_client(&emu, given);
    let by_ghs = Client::builder()
        .token("ghs_16C7e42F292c6912E7710c838347Ae178B4a")
        .base_url(emu.base_url())
        .build()
        .expect("client");
    emu.clear_log();
    for client in [by_app, by_ghs] {
        let error = client.user().list().await.expect_err("refused");
        assert_eq!(error.code(), "INVALID_INPUT");
        assert!(error.to_string().contains(USER_TOKEN_NEEDED), "{error}");
        let error = client.user().set("X", "v").await.expect_err("refused");
        assert!(error.to_string().contains(USER_TOKEN_NEEDED), "{error}");
    }
    assert!(
        api_log(&emu).is_empty(),
        "nothing was sent: {:?}",
        api_log(&emu)
    );
}

#[tokio::test]
async fn a_token_and_an_app_together_are_refused() {
    let emu = emulator();
    let app = emu.register_app();
    let given = GitHubApp::new(app.id.to_string(), &app.private_key_pem, None).expect("key");
    let error = Client::builder()
        .token("ghp_x")
        .app(given)
        .base_url(emu.base_url())
        .build()
        .expect_err("ambiguous");
    assert_eq!(error.code(), "INVALID_INPUT");
}
