//! `/_emulator/...`: what tests in Python, Node and Kotlin use to inspect and steer the emulator.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use codespaces_secrets_emulator::Scope;
use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::*;

impl Harness {
    async fn control(&self, method: Method, path: &str, body: Option<Value>) -> reqwest::Response {
        let mut request = self
            .http
            .request(method, self.url(&format!("/_emulator{path}")));
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.expect("control request")
    }
}

#[tokio::test]
async fn health_and_info_need_no_auth() {
    let h = Harness::new();
    let body = json_of(h.control(Method::GET, "/health", None).await, 200).await;
    assert_eq!(body["ok"], true);
    let body = json_of(h.control(Method::GET, "/info", None).await, 200).await;
    assert_eq!(body["base_url"], h.emulator.base_url());
    assert_eq!(body["user_login"], "octocat");
    assert!(
        !body.to_string().contains(&h.token),
        "info never shows the token"
    );
}

#[tokio::test]
async fn stored_values_per_scope() {
    let h = Harness::new();
    let hello = h
        .emulator
        .repo_id("octocat", "Hello-World")
        .expect("demo repo");
    assert_eq!(
        h.put_secret(
            USER,
            "db",
            b"p@ss",
            json!({ "selected_repository_ids": [hello] })
        )
        .await
        .status(),
        201
    );
    assert_eq!(
        h.put_secret(REPO, "BIN", &[0xff, 0x00], json!({}))
            .await
            .status(),
        201
    );
    let org = json!({ "visibility": "private" });
    assert_eq!(
        h.put_secret(ORG, "O", b"org value", org).await.status(),
        201
    );

    let users = json_of(
        h.control(Method::GET, "/users/octocat/secrets", None).await,
        200,
    )
    .await;
    let user = &users[0];
    assert_eq!(user["name"], "DB");
    assert_eq!(user["value"], "p@ss");
    assert_eq!(user["value_base64"], STANDARD.encode(b"p@ss"));
    assert_eq!(user["visibility"], "selected");
    assert_eq!(user["selected_repository_ids"], json!([hello]));
    assert!(user["created_at"].is_string() && user["updated_at"].is_string());

    let repo = json_of(
        h.control(Method::GET, "/repos/octocat/hello-world/secrets/bin", None)
            .await,
        200,
    )
    .await;
    assert_eq!(repo["value"], Value::Null, "not UTF-8");
    assert_eq!(repo["value_base64"], STANDARD.encode([0xff, 0x00]));
    assert_eq!(repo["visibility"], Value::Null);

    let orgs = json_of(
        h.control(Method::GET, "/orgs/octo-org/secrets", None).await,
        200,
    )
    .await;
    assert_eq!(orgs[0]["value"], "org value");
    assert_eq!(orgs[0]["visibility"], "private");

    for path in [
        "/users/nobody/secrets",
        "/repos/octocat/nope/secrets",
        "/orgs/nope/secrets",
        "/orgs/octocat/secrets",
    ] {
        assert_eq!(
            h.control(Method::GET, path, None).await.status(),
            404,
            "{path}"
        );
    }
    assert_eq!(
        h.control(Method::GET, "/users/octocat/secrets/NOPE", None)
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn keys_can_be_read_and_rotated() {
    let h = Harness::new();
    for (control, api) in [
        ("/users/octocat", USER),
        ("/repos/octocat/Hello-World", REPO),
        ("/orgs/octo-org", ORG),
    ] {
        let before = json_of(
            h.control(Method::GET, &format!("{control}/public-key"), None)
                .await,
            200,
        )
        .await;
        let (api_id, api_key) = h.public_key(api).await;
        assert_eq!(
            (before["key_id"].as_str(), before["key"].as_str()),
            (Some(api_id.as_str()), Some(api_key.as_str()))
        );
        let rotated = json_of(
            h.control(Method::POST, &format!("{control}/rotate-key"), None)
                .await,
            200,
        )
        .await;
        assert_ne!(rotated["key_id"], before["key_id"]);
        let (new_id, _) = h.public_key(api).await;
        assert_eq!(rotated["key_id"].as_str(), Some(new_id.as_str()));
    }
    assert_eq!(
        h.control(Method::POST, "/orgs/nope/rotate-key", None)
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn request_log_read_and_cleared() {
    let h = Harness::new();
    assert_eq!(
        h.put_secret(USER, "S", b"sup3r-s3cret-value", json!({}))
            .await
            .status(),
        201
    );
    assert_eq!(h.get(&format!("{USER}?per_page=5")).await.status(), 200);
    let log = json_of(h.control(Method::GET, "/log", None).await, 200).await;
    let entries = log.as_array().expect("array");
    assert_eq!(entries.len(), 3, "control routes are not logged: {log}");
    assert_eq!(entries[0]["method"], "GET");
    assert_eq!(entries[0]["path"], "/user/codespaces/secrets/public-key");
    assert_eq!(entries[0]["write"], false);
    assert_eq!(entries[1]["method"], "PUT");
    assert_eq!(entries[1]["status"], 201);
    assert_eq!(entries[1]["write"], true);
    assert_eq!(entries[1]["login"], "octocat");
    assert_eq!(entries[1]["fault"], Value::Null);
    assert_eq!(entries[2]["query"], "per_page=5");
    for entry in entries {
        assert!(entry["request_id"].is_string());
        assert!(entry["started_at"].is_string() && entry["ended_at"].is_string());
    }
    let text = log.to_string();
    assert!(!text.contains(&h.token), "the log never holds the token");
    assert!(!text.contains("sup3r"), "the log never holds a value");

    assert_eq!(h.control(Method::DELETE, "/log", None).await.status(), 204);
    let log = json_of(h.control(Method::GET, "/log", None).await, 200).await;
    assert_eq!(log, json!([]));
    assert!(h.emulator.request_log().is_empty());
}

#[tokio::test]
async fn faults_set_read_and_cleared_as_json() {
    let h = Harness::new();
    let faults = json!({
        "seed": 42,
        "latency": { "min_ms": 1, "max_ms": 3 },
        "server_error_rate": 0.0,
        "drop_connection_rate": 0.0,
        "primary_rate_limit": { "limit": 2, "window_ms": 60000 },
        "secondary_rate_limit": { "min_write_interval_ms": 50, "max_concurrent_writes": 2, "status": 429, "retry_after_s": 7 },
        "hide_fresh_writes_ms": 250
    });
    let body = json_of(
        h.control(Method::PUT, "/faults", Some(faults.clone()))
            .await,
        200,
    )
    .await;
    assert_eq!(body, faults);
    assert_eq!(
        json_of(h.control(Method::GET, "/faults", None).await, 200).await,
        faults
    );
    let limits = h.emulator.faults().primary_rate_limit.expect("primary");
    assert_eq!(limits.limit, 2);
    assert_eq!(
        h.emulator.faults().hide_fresh_writes,
        Some(std::time::Duration::from_millis(250))
    );
    assert_eq!(h.get(USER).await.status(), 200);
    assert_eq!(h.get(USER).await.status(), 200);
    assert_eq!(h.get(USER).await.status(), 403);

    // Partial JSON: everything else off; fixed latency.
    let body = json_of(
        h.control(
            Method::PUT,
            "/faults",
            Some(json!({ "latency": { "fixed_ms": 5 } })),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(body["latency"], json!({ "fixed_ms": 5 }));
    assert_eq!(body["primary_rate_limit"], Value::Null);
    assert_eq!(body["hide_fresh_writes_ms"], Value::Null);
    assert_eq!(h.get(USER).await.status(), 200);

    for bad in [
        json!({ "server_error_rate": 1.5 }),
        json!({ "drop_connection_rate": -0.1 }),
        json!({ "secondary_rate_limit": { "status": 500 } }),
        json!({ "no_such_fault": true }),
        json!({ "latency": { "fixed": 5 } }),
        json!("not an object"),
    ] {
        let response = h.control(Method::PUT, "/faults", Some(bad.clone())).await;
        assert_eq!(response.status(), 422, "{bad}");
        assert!(json_of(response, 422).await["message"].is_string());
    }
    let body = json_of(h.control(Method::DELETE, "/faults", None).await, 200).await;
    assert_eq!(body["latency"], Value::Null);
    assert_eq!(
        h.emulator.faults(),
        codespaces_secrets_emulator::Faults::default()
    );
}

#[tokio::test]
async fn users_orgs_and_repos_can_be_added() {
    let h = Harness::new();
    let user = json_of(
        h.control(Method::POST, "/users", Some(json!({ "login": "mona" })))
            .await,
        201,
    )
    .await;
    let token = user["token"].as_str().expect("token").to_owned();
    assert!(token.starts_with("ghp_"));
    let fixed = json_of(
        h.control(
            Method::POST,
            "/users",
            Some(json!({ "login": "lisa", "token": "lisa-token" })),
        )
        .await,
        201,
    )
    .await;
    assert_eq!(fixed["token"], "lisa-token");

    let org = json_of(
        h.control(
            Method::POST,
            "/orgs",
            Some(json!({ "name": "acme", "members": ["mona"] })),
        )
        .await,
        201,
    )
    .await;
    assert_eq!(org["name"], "acme");
    let repo = json_of(
        h.control(
            Method::POST,
            "/repos",
            Some(json!({ "owner": "acme", "name": "rocket" })),
        )
        .await,
        201,
    )
    .await;
    let id = repo["id"].as_i64().expect("id");
    assert_eq!(h.emulator.repo_id("acme", "rocket"), Some(id));
    assert_eq!(repo["full_name"], "acme/rocket");

    // The new token works, sees the org and its repository.
    let list = h
        .request_as(&token, Method::GET, "/orgs/acme/codespaces/secrets")
        .send()
        .await
        .expect("list");
    assert_eq!(list.status(), 200);
    let list = h
        .request_as(&token, Method::GET, "/repos/acme/rocket/codespaces/secrets")
        .send()
        .await
        .expect("list");
    assert_eq!(list.status(), 200);
    let list = h
        .request_as("lisa-token", Method::GET, "/orgs/acme/codespaces/secrets")
        .send()
        .await
        .expect("list");
    assert_eq!(list.status(), 404);
    assert!(h.emulator.public_key(&Scope::user("mona")).is_some());

    for (path, bad) in [
        ("/users", json!({})),
        ("/users", json!({ "login": "" })),
        ("/orgs", json!({ "members": [] })),
        ("/repos", json!({ "owner": "x" })),
    ] {
        assert_eq!(h.control(Method::POST, path, Some(bad)).await.status(), 422);
    }
}

#[tokio::test]
async fn seal_helper_produces_a_body_the_api_accepts() {
    let h = Harness::new();
    for (control, api) in [
        ("/users/octocat", USER),
        ("/repos/octocat/Hello-World", REPO),
        ("/orgs/octo-org", ORG),
    ] {
        let mut body = json_of(
            h.control(
                Method::POST,
                &format!("{control}/seal"),
                Some(json!({ "value": "from curl" })),
            )
            .await,
            200,
        )
        .await;
        if api == ORG {
            body["visibility"] = json!("all");
        }
        assert_eq!(h.put(&format!("{api}/SEALED"), body).await.status(), 201);
        let stored = json_of(
            h.control(Method::GET, &format!("{control}/secrets/SEALED"), None)
                .await,
            200,
        )
        .await;
        assert_eq!(stored["value"], "from curl");
    }
    let body = json_of(
        h.control(
            Method::POST,
            "/users/octocat/seal",
            Some(json!({ "value_base64": STANDARD.encode([0u8, 255]) })),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(h.put(&format!("{USER}/BYTES"), body).await.status(), 201);
    assert_eq!(
        h.emulator
            .secret_value(&Scope::user("octocat"), "BYTES")
            .expect("stored")
            .expose(),
        [0u8, 255]
    );
    for bad in [
        json!({}),
        json!({ "value": "a", "value_base64": "YQ==" }),
        json!({ "value_base64": "***" }),
        json!({ "value": "x".repeat(48 * 1024 + 1) }),
    ] {
        let response = h
            .control(Method::POST, "/users/octocat/seal", Some(bad))
            .await;
        assert_eq!(response.status(), 422);
    }
    assert_eq!(
        h.control(
            Method::POST,
            "/orgs/nope/seal",
            Some(json!({ "value": "v" }))
        )
        .await
        .status(),
        404
    );
}

#[tokio::test]
async fn control_bodies_need_no_json_content_type() {
    // `curl -d '{...}'` sends application/x-www-form-urlencoded.
    let h = Harness::new();
    let response = h
        .http
        .post(h.url("/_emulator/users/octocat/seal"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(r#"{"value": "from curl"}"#)
        .send()
        .await
        .expect("seal");
    let body = json_of(response, 200).await;
    assert!(body["encrypted_value"].is_string());
    let response = h
        .http
        .put(h.url("/_emulator/faults"))
        .body(r#"{"seed": 9}"#)
        .send()
        .await
        .expect("faults");
    assert_eq!(json_of(response, 200).await["seed"], 9);
}
