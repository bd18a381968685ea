//! The five repository-scope operations.

use codespaces_secrets_emulator::Scope;
use serde_json::json;

use crate::harness::*;

#[tokio::test]
async fn full_lifecycle() {
    let h = Harness::new();
    let scope = Scope::repo("octocat", "Hello-World");

    assert_eq!(
        json_of(h.get(REPO).await, 200).await,
        json!({ "total_count": 0, "secrets": [] })
    );
    let (key_id, key) = h.public_key(REPO).await;
    let expected = h.emulator.public_key(&scope).expect("repo key");
    assert_eq!(
        (key_id.as_str(), key),
        (expected.key_id().as_str(), expected.to_base64())
    );
    // Every scope has its own key.
    let user_key = h
        .emulator
        .public_key(&Scope::user("octocat"))
        .expect("user key");
    assert_ne!(expected.key_id(), user_key.key_id());

    let response = h
        .put_secret(REPO, "api_token", b"t0ps3cret", json!({}))
        .await;
    assert_eq!(json_of(response, 201).await, json!({}));
    let secret = json_of(h.get(&format!("{REPO}/API_TOKEN")).await, 200).await;
    assert_eq!(secret["name"], "API_TOKEN");
    // A repository secret has exactly name and timestamps.
    let mut fields: Vec<&str> = secret
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    fields.sort_unstable();
    assert_eq!(fields, ["created_at", "name", "updated_at"]);

    assert_eq!(
        h.put_secret(REPO, "API_TOKEN", b"rotated", json!({}))
            .await
            .status(),
        204
    );
    assert_eq!(
        h.emulator
            .secret_value(&scope, "api_token")
            .expect("stored")
            .expose(),
        b"rotated"
    );

    let list = json_of(h.get(REPO).await, 200).await;
    assert_eq!(list["total_count"], 1);
    assert_eq!(list["secrets"][0]["name"], "API_TOKEN");

    assert_eq!(h.delete(&format!("{REPO}/Api_Token")).await.status(), 204);
    expect_error(
        h.delete(&format!("{REPO}/API_TOKEN")).await,
        404,
        "Not Found",
    )
    .await;
    assert!(h.emulator.secrets(&scope).is_empty());
}

#[tokio::test]
async fn owner_and_name_are_case_insensitive() {
    let h = Harness::new();
    let response = h
        .put_secret(
            "/repos/OCTOCAT/hello-world/codespaces/secrets",
            "X",
            b"v",
            json!({}),
        )
        .await;
    assert_eq!(response.status(), 201);
    assert!(
        h.emulator
            .secret_value(&Scope::repo("octocat", "Hello-World"), "X")
            .is_some()
    );
}

#[tokio::test]
async fn repositories_the_token_cannot_see_are_404() {
    let h = Harness::new();
    for path in [
        "/repos/hubot/hubot-scripts/codespaces/secrets",
        "/repos/octocat/no-such-repo/codespaces/secrets",
        "/repos/nobody/nothing/codespaces/secrets",
    ] {
        expect_error(h.get(path).await, 404, "Not Found").await;
        expect_error(h.get(&format!("{path}/public-key")).await, 404, "Not Found").await;
        expect_error(h.get(&format!("{path}/X")).await, 404, "Not Found").await;
        let response = h
            .put(
                &format!("{path}/X"),
                json!({ "encrypted_value": "c2VjcmV0", "key_id": "1" }),
            )
            .await;
        expect_error(response, 404, "Not Found").await;
        expect_error(h.delete(&format!("{path}/X")).await, 404, "Not Found").await;
    }
}

#[tokio::test]
async fn organization_repositories_are_open_to_members_only() {
    let h = Harness::new();
    let path = "/repos/octo-org/octo-repo/codespaces/secrets";
    assert_eq!(h.put_secret(path, "X", b"v", json!({})).await.status(), 201);
    let outsider = h.emulator.add_user("outsider");
    let response = h
        .request_as(&outsider, reqwest::Method::GET, path)
        .send()
        .await
        .expect("list");
    expect_error(response, 404, "Not Found").await;
    h.emulator.add_org("octo-org", &["outsider"]);
    let response = h
        .request_as(&outsider, reqwest::Method::GET, path)
        .send()
        .await
        .expect("list");
    assert_eq!(json_of(response, 200).await["total_count"], 1);
}
