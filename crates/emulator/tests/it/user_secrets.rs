//! The nine user-scope operations.

use codespaces_secrets_core::Visibility;
use codespaces_secrets_emulator::Scope;
use serde_json::json;

use crate::harness::*;

#[tokio::test]
async fn full_lifecycle() {
    let h = Harness::new();
    let me = Scope::user(h.emulator.user_login());
    let hello = h
        .emulator
        .repo_id("octocat", "Hello-World")
        .expect("demo repo");
    let spoon = h
        .emulator
        .repo_id("octocat", "Spoon-Knife")
        .expect("demo repo");

    // Empty list.
    let body = json_of(h.get(USER).await, 200).await;
    assert_eq!(body, json!({ "total_count": 0, "secrets": [] }));

    // Public key: a 32-byte key and its id, matching what the library reports.
    let (key_id, key) = h.public_key(USER).await;
    let expected = h.emulator.public_key(&me).expect("user key");
    assert_eq!(key_id, expected.key_id().as_str());
    assert_eq!(key, expected.to_base64());

    // Create (201 with `{}`), with string and integer repository ids.
    let response = h
        .put_secret(
            USER,
            "db_password",
            b"hunter2",
            json!({ "selected_repository_ids": [hello.to_string(), spoon] }),
        )
        .await;
    assert_eq!(json_of(response, 201).await, json!({}));
    assert_eq!(
        h.emulator
            .secret_value(&me, "DB_PASSWORD")
            .expect("stored")
            .expose(),
        b"hunter2"
    );

    // Get: upper-case name, visibility selected, URL of the repositories list.
    let secret = json_of(h.get(&format!("{USER}/db_password")).await, 200).await;
    assert_eq!(secret["name"], "DB_PASSWORD");
    assert_eq!(secret["visibility"], "selected");
    assert_eq!(
        secret["selected_repositories_url"],
        h.url("/user/codespaces/secrets/DB_PASSWORD/repositories")
    );
    for field in ["created_at", "updated_at"] {
        let at = secret[field].as_str().expect(field);
        assert!(chrono::DateTime::parse_from_rfc3339(at).is_ok(), "{at}");
        assert!(at.ends_with('Z') && at.len() == 20, "GitHub's format: {at}");
    }

    // Update: 204, value replaced, created_at kept.
    let response = h
        .put_secret(USER, "DB_PASSWORD", b"correct horse", json!({}))
        .await;
    assert_eq!(response.status(), 204);
    assert_eq!(response.text().await.expect("body"), "");
    let stored = h.emulator.secrets(&me);
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].value.expose(), b"correct horse");
    assert_eq!(stored[0].visibility, Some(Visibility::Selected));
    // An update without selected_repository_ids keeps the selection.
    assert_eq!(stored[0].selected_repository_ids, vec![hello, spoon]);

    // List.
    let body = json_of(h.get(USER).await, 200).await;
    assert_eq!(body["total_count"], 1);
    assert_eq!(body["secrets"][0]["name"], "DB_PASSWORD");
    assert_eq!(body["secrets"][0]["visibility"], "selected");

    // Selected repositories: minimal-repository objects.
    let path = format!("{USER}/DB_PASSWORD/repositories");
    let body = json_of(h.get(&path).await, 200).await;
    assert_eq!(body["total_count"], 2);
    let repo = &body["repositories"][0];
    assert_eq!(repo["id"], hello);
    assert_eq!(repo["full_name"], "octocat/Hello-World");
    assert_eq!(repo["owner"]["login"], "octocat");
    assert_eq!(repo["owner"]["type"], "User");

    // Set (replace), add, remove.
    let response = h
        .put(&path, json!({ "selected_repository_ids": [spoon] }))
        .await;
    assert_eq!(response.status(), 204);
    assert_eq!(
        h.emulator.secrets(&me)[0].selected_repository_ids,
        vec![spoon]
    );
    let response = h
        .request(reqwest::Method::PUT, &format!("{path}/{hello}"))
        .send()
        .await
        .expect("add");
    assert_eq!(response.status(), 204);
    assert_eq!(
        h.emulator.secrets(&me)[0].selected_repository_ids,
        vec![hello, spoon]
    );
    let response = h.delete(&format!("{path}/{spoon}")).await;
    assert_eq!(response.status(), 204);
    assert_eq!(
        h.emulator.secrets(&me)[0].selected_repository_ids,
        vec![hello]
    );
    // Both are idempotent.
    assert_eq!(h.delete(&format!("{path}/{spoon}")).await.status(), 204);
    let response = h
        .request(reqwest::Method::PUT, &format!("{path}/{hello}"))
        .send()
        .await
        .expect("add again");
    assert_eq!(response.status(), 204);
    assert_eq!(
        h.emulator.secrets(&me)[0].selected_repository_ids,
        vec![hello]
    );

    // Delete: 204, then 404.
    assert_eq!(h.delete(&format!("{USER}/db_password")).await.status(), 204);
    expect_error(
        h.delete(&format!("{USER}/DB_PASSWORD")).await,
        404,
        "Not Found",
    )
    .await;
    expect_error(
        h.get(&format!("{USER}/DB_PASSWORD")).await,
        404,
        "Not Found",
    )
    .await;
    assert!(h.emulator.secrets(&me).is_empty());
}

#[tokio::test]
async fn selected_repositories_must_exist_and_be_reachable() {
    let h = Harness::new();
    let hubot = h
        .emulator
        .repo_id("hubot", "hubot-scripts")
        .expect("demo repo");
    let org_repo = h
        .emulator
        .repo_id("octo-org", "octo-repo")
        .expect("demo repo");

    // Someone else's repository or no repository at all: 404, nothing stored.
    for ids in [
        json!([hubot]),
        json!([999_999_999]),
        json!(["not-a-number"]),
    ] {
        let response = h
            .put_secret(USER, "S", b"v", json!({ "selected_repository_ids": ids }))
            .await;
        expect_error(response, 404, "Not Found").await;
    }
    assert!(h.emulator.secrets(&Scope::user("octocat")).is_empty());

    // A repository of an organization the user belongs to is fine.
    let response = h
        .put_secret(
            USER,
            "S",
            b"v",
            json!({ "selected_repository_ids": [org_repo] }),
        )
        .await;
    assert_eq!(response.status(), 201);

    let path = format!("{USER}/S/repositories");
    let response = h
        .put(
            &path,
            json!({ "selected_repository_ids": [org_repo, hubot] }),
        )
        .await;
    expect_error(response, 404, "Not Found").await;
    let response = h
        .request(reqwest::Method::PUT, &format!("{path}/{hubot}"))
        .send()
        .await
        .expect("add");
    expect_error(response, 404, "Not Found").await;
    // Unchanged by the refused calls.
    assert_eq!(
        h.emulator.secrets(&Scope::user("octocat"))[0].selected_repository_ids,
        vec![org_repo]
    );
    // A repository of a user the caller cannot see, listed for the secret: still 404 for others.
    let other = h.emulator.add_user("mona");
    let response = h
        .request_as(&other, reqwest::Method::GET, &path)
        .send()
        .await
        .expect("get");
    expect_error(response, 404, "Not Found").await;
}

#[tokio::test]
async fn repository_operations_on_a_missing_secret_are_404() {
    let h = Harness::new();
    let hello = h
        .emulator
        .repo_id("octocat", "Hello-World")
        .expect("demo repo");
    let path = format!("{USER}/NOPE/repositories");
    expect_error(h.get(&path).await, 404, "Not Found").await;
    let response = h
        .put(&path, json!({ "selected_repository_ids": [hello] }))
        .await;
    expect_error(response, 404, "Not Found").await;
    let response = h
        .request(reqwest::Method::PUT, &format!("{path}/{hello}"))
        .send()
        .await
        .expect("add");
    expect_error(response, 404, "Not Found").await;
    expect_error(h.delete(&format!("{path}/{hello}")).await, 404, "Not Found").await;
}

#[tokio::test]
async fn set_repositories_requires_the_list() {
    let h = Harness::new();
    assert_eq!(h.put_secret(USER, "S", b"v", json!({})).await.status(), 201);
    let response = h.put(&format!("{USER}/S/repositories"), json!({})).await;
    expect_invalid_request(response, "\"selected_repository_ids\" wasn't supplied.").await;
}

#[tokio::test]
async fn users_are_isolated() {
    let h = Harness::new();
    let mona = h.emulator.add_user("mona");
    assert_eq!(
        h.put_secret(USER, "MINE", b"octo", json!({}))
            .await
            .status(),
        201
    );
    let body = json_of(
        h.request_as(&mona, reqwest::Method::GET, USER)
            .send()
            .await
            .expect("list"),
        200,
    )
    .await;
    assert_eq!(body["total_count"], 0);
    let response = h
        .request_as(&mona, reqwest::Method::GET, &format!("{USER}/MINE"))
        .send()
        .await
        .expect("get");
    expect_error(response, 404, "Not Found").await;
    // Each user has their own key.
    let mona_key = h.emulator.public_key(&Scope::user("mona")).expect("key");
    let my_key = h.emulator.public_key(&Scope::user("octocat")).expect("key");
    assert_ne!(mona_key.key_id(), my_key.key_id());
}
