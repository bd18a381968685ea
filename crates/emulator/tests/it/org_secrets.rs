//! The nine organization-scope operations, with visibility rules.

use codespaces_secrets_core::Visibility;
use codespaces_secrets_emulator::Scope;
use serde_json::json;

use crate::harness::*;

const CONFLICT: &str =
    "The secret's visibility is not `selected`; set it to `selected` to manage its repositories.";

#[tokio::test]
async fn full_lifecycle() {
    let h = Harness::new();
    let org = Scope::org("octo-org");
    let repo = h
        .emulator
        .repo_id("octo-org", "octo-repo")
        .expect("demo repo");
    let service = h
        .emulator
        .repo_id("octo-org", "octo-service")
        .expect("demo repo");

    assert_eq!(
        json_of(h.get(ORG).await, 200).await,
        json!({ "total_count": 0, "secrets": [] })
    );
    let (key_id, _) = h.public_key(ORG).await;
    assert_eq!(
        key_id,
        h.emulator
            .public_key(&org)
            .expect("org key")
            .key_id()
            .as_str()
    );

    // visibility: all.
    let response = h
        .put_secret(ORG, "npm_token", b"npm_abc", json!({ "visibility": "all" }))
        .await;
    assert_eq!(json_of(response, 201).await, json!({}));
    let secret = json_of(h.get(&format!("{ORG}/NPM_TOKEN")).await, 200).await;
    assert_eq!(secret["visibility"], "all");
    assert!(
        secret.get("selected_repositories_url").is_none(),
        "{secret}"
    );

    // visibility: selected, with repositories.
    let response = h
        .put_secret(
            ORG,
            "DEPLOY_KEY",
            b"ssh-ed25519 AAAA",
            json!({ "visibility": "selected", "selected_repository_ids": [repo] }),
        )
        .await;
    assert_eq!(response.status(), 201);
    let secret = json_of(h.get(&format!("{ORG}/deploy_key")).await, 200).await;
    assert_eq!(secret["visibility"], "selected");
    assert_eq!(
        secret["selected_repositories_url"],
        h.url("/orgs/octo-org/codespaces/secrets/DEPLOY_KEY/repositories")
    );

    let path = format!("{ORG}/DEPLOY_KEY/repositories");
    let body = json_of(h.get(&path).await, 200).await;
    assert_eq!(body["total_count"], 1);
    assert_eq!(body["repositories"][0]["id"], repo);
    assert_eq!(body["repositories"][0]["owner"]["type"], "Organization");

    assert_eq!(
        h.put(&path, json!({ "selected_repository_ids": [service] }))
            .await
            .status(),
        204
    );
    let add = h
        .request(reqwest::Method::PUT, &format!("{path}/{repo}"))
        .send()
        .await
        .expect("add");
    assert_eq!(add.status(), 204);
    let stored = h.emulator.secrets(&org);
    let deploy = stored
        .iter()
        .find(|s| s.name == "DEPLOY_KEY")
        .expect("stored");
    assert_eq!(deploy.selected_repository_ids, {
        let mut ids = vec![repo, service];
        ids.sort_unstable();
        ids
    });
    assert_eq!(deploy.visibility, Some(Visibility::Selected));
    assert_eq!(h.delete(&format!("{path}/{service}")).await.status(), 204);

    // List holds both, sorted by name.
    let list = json_of(h.get(ORG).await, 200).await;
    assert_eq!(list["total_count"], 2);
    assert_eq!(list["secrets"][0]["name"], "DEPLOY_KEY");
    assert_eq!(list["secrets"][1]["name"], "NPM_TOKEN");

    // Updating the visibility alone (no value) keeps the value.
    let response = h
        .put(
            &format!("{ORG}/NPM_TOKEN"),
            json!({ "visibility": "private" }),
        )
        .await;
    assert_eq!(response.status(), 204);
    let npm = h.emulator.secrets(&org);
    let npm = npm.iter().find(|s| s.name == "NPM_TOKEN").expect("stored");
    assert_eq!(npm.visibility, Some(Visibility::Private));
    assert_eq!(npm.value.expose(), b"npm_abc");

    assert_eq!(h.delete(&format!("{ORG}/NPM_TOKEN")).await.status(), 204);
    assert_eq!(h.delete(&format!("{ORG}/DEPLOY_KEY")).await.status(), 204);
    expect_error(
        h.delete(&format!("{ORG}/DEPLOY_KEY")).await,
        404,
        "Not Found",
    )
    .await;
    assert!(h.emulator.secrets(&org).is_empty());
}

#[tokio::test]
async fn managing_repositories_needs_selected_visibility() {
    let h = Harness::new();
    let repo = h
        .emulator
        .repo_id("octo-org", "octo-repo")
        .expect("demo repo");
    for visibility in ["all", "private"] {
        let name = format!("S_{visibility}");
        let response = h
            .put_secret(ORG, &name, b"v", json!({ "visibility": visibility }))
            .await;
        assert_eq!(response.status(), 201);
        let path = format!("{ORG}/{name}/repositories");
        expect_error(
            h.put(&path, json!({ "selected_repository_ids": [repo] }))
                .await,
            409,
            CONFLICT,
        )
        .await;
        let add = h
            .request(reqwest::Method::PUT, &format!("{path}/{repo}"))
            .send()
            .await
            .expect("add");
        expect_error(add, 409, CONFLICT).await;
        expect_error(h.delete(&format!("{path}/{repo}")).await, 409, CONFLICT).await;
        // Listing is allowed and empty.
        assert_eq!(json_of(h.get(&path).await, 200).await["total_count"], 0);
    }
}

#[tokio::test]
async fn repository_ids_need_selected_visibility_and_the_orgs_repositories() {
    let h = Harness::new();
    let repo = h
        .emulator
        .repo_id("octo-org", "octo-repo")
        .expect("demo repo");
    let mine = h
        .emulator
        .repo_id("octocat", "Hello-World")
        .expect("demo repo");

    let response = h
        .put_secret(
            ORG,
            "S",
            b"v",
            json!({ "visibility": "all", "selected_repository_ids": [repo] }),
        )
        .await;
    expect_validation(response, "selected_repository_ids").await;
    // A repository outside the organization.
    let response = h
        .put_secret(
            ORG,
            "S",
            b"v",
            json!({ "visibility": "selected", "selected_repository_ids": [mine] }),
        )
        .await;
    expect_validation(response, "selected_repository_ids").await;
    assert!(h.emulator.secrets(&Scope::org("octo-org")).is_empty());

    let response = h
        .put_secret(ORG, "S", b"v", json!({ "visibility": "selected" }))
        .await;
    assert_eq!(response.status(), 201);
    let path = format!("{ORG}/S/repositories");
    // Set with a foreign id: 404 (the operation documents no 422); add/remove: 422.
    expect_error(
        h.put(&path, json!({ "selected_repository_ids": [mine] }))
            .await,
        404,
        "Not Found",
    )
    .await;
    let add = h
        .request(reqwest::Method::PUT, &format!("{path}/{mine}"))
        .send()
        .await
        .expect("add");
    expect_validation(add, "selected_repository_ids").await;
    expect_validation(
        h.delete(&format!("{path}/{mine}")).await,
        "selected_repository_ids",
    )
    .await;
    // Organization set-repositories takes integers only.
    let response = h
        .put(
            &path,
            json!({ "selected_repository_ids": [repo.to_string()] }),
        )
        .await;
    expect_invalid_request(response, "is not an integer").await;
}

#[tokio::test]
async fn visibility_is_required_and_checked() {
    let h = Harness::new();
    let response = h.put_secret(ORG, "S", b"v", json!({})).await;
    expect_invalid_request(response, "\"visibility\" wasn't supplied.").await;
    let response = h
        .put_secret(ORG, "S", b"v", json!({ "visibility": "public" }))
        .await;
    expect_invalid_request(response, "is not a member of").await;
}

#[tokio::test]
async fn non_members_get_404() {
    let h = Harness::new();
    let outsider = h.emulator.add_user("outsider");
    for path in [
        ORG.to_owned(),
        format!("{ORG}/public-key"),
        format!("{ORG}/X"),
        format!("{ORG}/X/repositories"),
        "/orgs/no-such-org/codespaces/secrets".to_owned(),
        // A user is not an organization.
        "/orgs/octocat/codespaces/secrets".to_owned(),
    ] {
        let response = h
            .request_as(&outsider, reqwest::Method::GET, &path)
            .send()
            .await
            .expect("get");
        expect_error(response, 404, "Not Found").await;
    }
    expect_error(
        h.get("/orgs/octocat/codespaces/secrets").await,
        404,
        "Not Found",
    )
    .await;
}

#[tokio::test]
async fn selected_repositories_are_paged_with_links() {
    let h = Harness::new();
    let ids: Vec<i64> = (0..5)
        .map(|i| h.emulator.add_repo("octo-org", &format!("repo-{i}")))
        .collect();
    let response = h
        .put_secret(
            ORG,
            "S",
            b"v",
            json!({ "visibility": "selected", "selected_repository_ids": ids }),
        )
        .await;
    assert_eq!(response.status(), 201);
    let path = format!("{ORG}/S/repositories");
    let response = h.get(&format!("{path}?per_page=2")).await;
    let link = header(&response, "link").expect("Link");
    let body = json_of(response, 200).await;
    assert_eq!(body["total_count"], 5);
    assert_eq!(body["repositories"].as_array().expect("array").len(), 2);
    let base = h.url(&path);
    assert_eq!(
        link,
        format!(
            "<{base}?per_page=2&page=2>; rel=\"next\", <{base}?per_page=2&page=3>; rel=\"last\""
        )
    );
}

/// As on GitHub: a PUT names the whole access setting. One that says `selected` without ids
/// leaves the secret with no repositories, and one without `visibility` is refused, so a
/// client that wants to change only the value must send both again.
#[tokio::test]
async fn an_update_without_repository_ids_selects_none() {
    let h = Harness::new();
    let org = Scope::org("octo-org");
    let repo = h
        .emulator
        .repo_id("octo-org", "octo-repo")
        .expect("demo repo");
    let body = json!({ "visibility": "selected", "selected_repository_ids": [repo] });
    assert_eq!(h.put_secret(ORG, "K", b"a", body).await.status(), 201);
    let response = h
        .put_secret(ORG, "K", b"b", json!({ "visibility": "selected" }))
        .await;
    assert_eq!(response.status(), 204);
    let stored = h.emulator.secrets(&org);
    assert_eq!(stored[0].visibility, Some(Visibility::Selected));
    assert!(stored[0].selected_repository_ids.is_empty());
    let response = h.put_secret(ORG, "K", b"c", json!({})).await;
    expect_invalid_request(response, "\"visibility\" wasn't supplied.").await;
    assert_eq!(h.emulator.secrets(&org)[0].value.expose(), b"b");
}
