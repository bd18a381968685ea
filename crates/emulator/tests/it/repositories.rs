//! Repositories as GitHub lists them: `GET /orgs/{org}/repos`, `GET /user/repos` and
//! `GET /repos/{owner}/{repo}`, with topics and archived flags set from the config, the library
//! and the control routes.

use std::collections::BTreeSet;

use codespaces_secrets_emulator::{EmulatorConfig, RepoSpec, Scope};
use reqwest::Method;
use serde_json::{Value, json};

use crate::app_support::*;
use crate::harness::*;

fn spec(full_name: &str) -> RepoSpec {
    RepoSpec::new(full_name.parse().expect("valid name"))
}

fn names(body: &Value) -> Vec<String> {
    body.as_array()
        .expect("an array of repositories")
        .iter()
        .map(|r| r["name"].as_str().expect("name").to_owned())
        .collect()
}

/// The `rel="next"` URL of a `Link` header, as a path below the base URL.
fn next_path(h: &Harness, link: Option<&str>) -> Option<String> {
    let base = h.emulator.base_url();
    link?.split(", ").find_map(|part| {
        let (url, rel) = part.split_once("; ")?;
        (rel == "rel=\"next\"").then(|| {
            url.trim_start_matches('<')
                .trim_end_matches('>')
                .trim_start_matches(&base)
                .to_owned()
        })
    })
}

#[tokio::test]
async fn an_organizations_130_repositories_page_by_link_each_once() {
    let repositories = (0..130)
        .map(|i| {
            spec(&format!("fleet/svc-{i:03}")).topics([if i % 2 == 0 { "even" } else { "odd" }])
        })
        .collect();
    let h = Harness::with(EmulatorConfig {
        repositories,
        ..EmulatorConfig::default()
    });
    let first = h.get("/orgs/fleet/repos?per_page=100").await;
    let link = header(&first, "link").expect("Link");
    assert!(link.contains("rel=\"last\""), "{link}");
    let mut seen = names(&json_of(first, 200).await);
    assert_eq!(seen.len(), 100);
    let mut next = next_path(&h, Some(&link));
    while let Some(path) = next {
        let page = h.get(&path).await;
        next = next_path(&h, header(&page, "link").as_deref());
        seen.extend(names(&json_of(page, 200).await));
    }
    let expected: Vec<String> = (0..130).map(|i| format!("svc-{i:03}")).collect();
    assert_eq!(seen, expected, "every repository once, in name order");

    // The default page is 30, the last page has no `next`.
    let default = h.get("/orgs/fleet/repos?page=5").await;
    let link = header(&default, "link").expect("Link");
    assert!(!link.contains("rel=\"next\""), "{link}");
    assert_eq!(names(&json_of(default, 200).await).len(), 10);
}

#[tokio::test]
async fn repositories_carry_topics_archived_and_ids() {
    let h = Harness::with(EmulatorConfig {
        repositories: vec![
            spec("acme/api").topics(["Backend", "rust"]),
            spec("acme/old").archived(true),
        ],
        ..EmulatorConfig::default()
    });
    let body = json_of(h.get("/orgs/acme/repos").await, 200).await;
    let api = &body[0];
    assert_eq!(api["name"], "api");
    assert_eq!(api["full_name"], "acme/api");
    assert_eq!(api["topics"], json!(["backend", "rust"]));
    assert_eq!(api["archived"], false);
    assert_eq!(api["private"], false);
    assert_eq!(api["owner"]["login"], "acme");
    assert_eq!(api["owner"]["type"], "Organization");
    assert_eq!(
        api["id"],
        h.emulator.repository_id("acme", "api").expect("id")
    );
    assert!(api["node_id"].is_string());
    assert_eq!(api["url"], h.url("/repos/acme/api"));
    assert_eq!(api["html_url"], "https://github.com/acme/api");
    assert_eq!(body[1]["archived"], true);
    assert_eq!(body[1]["topics"], json!([]));

    let one = json_of(h.get("/repos/ACME/API").await, 200).await;
    assert_eq!(one["id"], api["id"]);
    assert_eq!(one["topics"], json!(["backend", "rust"]));
    assert_eq!(
        one["permissions"]["admin"], true,
        "the demo user is a member"
    );
    assert_eq!(one["organization"]["login"], "acme");
}

#[tokio::test]
async fn the_user_lists_own_and_organization_repositories_by_full_name() {
    let h = Harness::new();
    let body = json_of(h.get("/user/repos").await, 200).await;
    let full_names: Vec<&str> = body
        .as_array()
        .expect("array")
        .iter()
        .map(|r| r["full_name"].as_str().expect("full_name"))
        .collect();
    assert_eq!(
        full_names,
        [
            "octo-org/octo-repo",
            "octo-org/octo-service",
            "octocat/Hello-World",
            "octocat/Spoon-Knife"
        ]
    );
    assert!(
        body[0]["permissions"]["push"]
            .as_bool()
            .expect("permissions")
    );

    let mona = h.emulator.add_user("mona");
    let theirs = h
        .request_as(&mona, Method::GET, "/user/repos")
        .send()
        .await
        .expect("GET");
    assert_eq!(json_of(theirs, 200).await, json!([]));
}

#[tokio::test]
async fn a_private_repository_is_404_to_whoever_cannot_see_it() {
    let h = Harness::new();
    let hidden = h.get("/repos/hubot/hubot-scripts").await;
    let body = expect_error(hidden, 404, "Not Found").await;
    assert_eq!(
        body["documentation_url"],
        "https://docs.github.com/rest/repos/repos#get-a-repository"
    );
    expect_error(h.get("/repos/octocat/no-such-repo").await, 404, "Not Found").await;
    expect_error(h.get("/orgs/no-such-org/repos").await, 404, "Not Found").await;
    expect_error(h.get("/orgs/octocat/repos").await, 404, "Not Found").await;

    let hubot = h.emulator.add_user("hubot");
    let own = h
        .request_as(&hubot, Method::GET, "/repos/hubot/hubot-scripts")
        .send()
        .await
        .expect("GET");
    let body = json_of(own, 200).await;
    assert_eq!(
        (body["private"].clone(), body["visibility"].clone()),
        (json!(true), json!("private"))
    );

    // A public repository is seen by every token, without admin rights.
    let mona = h.emulator.add_user("mona");
    let public = h
        .request_as(&mona, Method::GET, "/repos/octocat/Hello-World")
        .send()
        .await
        .expect("GET");
    let body = json_of(public, 200).await;
    assert_eq!(body["permissions"]["admin"], false);
    // Not authenticated: 401 as everywhere.
    let anonymous = h
        .http
        .get(h.url("/repos/octocat/Hello-World"))
        .header("User-Agent", "tests")
        .send()
        .await
        .expect("GET");
    assert_eq!(anonymous.status(), 401);
}

#[tokio::test]
async fn an_installation_sees_its_accounts_repositories() {
    let h = Harness::with(EmulatorConfig {
        repositories: vec![spec("octo-org/internal").private(true)],
        ..EmulatorConfig::default()
    });
    let app = h.emulator.register_app();
    let installation = h.emulator.install_app(app.id, &Scope::org("octo-org"));
    let minted = h
        .request_as(
            &app_jwt(&app.private_key_pem, json!(app.id)),
            Method::POST,
            &format!("/app/installations/{installation}/access_tokens"),
        )
        .send()
        .await
        .expect("mint");
    let token = json_of(minted, 201).await["token"]
        .as_str()
        .expect("token")
        .to_owned();
    let listed = h
        .request_as(&token, Method::GET, "/orgs/octo-org/repos")
        .send()
        .await
        .expect("GET");
    assert_eq!(
        names(&json_of(listed, 200).await),
        ["internal", "octo-repo", "octo-service"]
    );
    let user = h
        .request_as(&token, Method::GET, "/user/repos")
        .send()
        .await
        .expect("GET");
    expect_error(user, 403, "Resource not accessible by integration").await;
    // Another account's private repository is hidden from the installation too.
    let hidden = h
        .request_as(&token, Method::GET, "/repos/hubot/hubot-scripts")
        .send()
        .await
        .expect("GET");
    assert_eq!(hidden.status(), 404);
    // The demo user, a member, sees the private one; an outsider does not.
    let mona = h.emulator.add_user("mona");
    let outsider = h
        .request_as(&mona, Method::GET, "/orgs/octo-org/repos")
        .send()
        .await
        .expect("GET");
    assert_eq!(
        names(&json_of(outsider, 200).await),
        ["octo-repo", "octo-service"]
    );
}

#[tokio::test]
async fn library_calls_create_and_change_repositories() {
    let h = Harness::new();
    let id = h
        .emulator
        .add_repository(spec("newco/web").topics(["frontend"]));
    assert_eq!(h.emulator.repository_id("NewCo", "WEB"), Some(id));
    assert_eq!(h.emulator.repo_id("newco", "web"), Some(id));
    // The unknown owner became an organization the demo user belongs to.
    assert_eq!(h.get("/orgs/newco/codespaces/secrets").await.status(), 200);
    assert!(
        h.emulator
            .set_repository_topics("newco", "web", &["a", "B"])
    );
    assert!(h.emulator.set_repository_archived("newco", "web", true));
    assert!(!h.emulator.set_repository_topics("newco", "nope", &["a"]));
    assert!(!h.emulator.set_repository_archived("newco", "nope", true));
    let body = json_of(h.get("/repos/newco/web").await, 200).await;
    assert_eq!(body["topics"], json!(["a", "b"]));
    assert_eq!(body["archived"], true);
    // Applying a spec again updates the same repository.
    let again = h.emulator.add_repository(spec("newco/web"));
    assert_eq!(again, id);
    let body = json_of(h.get("/repos/newco/web").await, 200).await;
    assert_eq!(
        (body["topics"].clone(), body["archived"].clone()),
        (json!([]), json!(false))
    );
}

#[tokio::test]
async fn control_routes_add_repositories_in_bulk_and_change_topics() {
    let h = Harness::new();
    let bulk: Vec<Value> = (0..5)
        .map(|i| json!({"owner": "bulk", "name": format!("r{i}"), "topics": ["t"], "archived": i == 4}))
        .collect();
    let created = json_of(
        h.emulator_control(Method::POST, "/repositories", Some(json!(bulk)))
            .await,
        201,
    )
    .await;
    let ids: BTreeSet<i64> = created
        .as_array()
        .expect("array")
        .iter()
        .map(|r| r["id"].as_i64().expect("id"))
        .collect();
    assert_eq!(ids.len(), 5);
    assert_eq!(created[4]["full_name"], "bulk/r4");
    assert_eq!(created[4]["archived"], true);
    let listed = json_of(h.get("/orgs/bulk/repos").await, 200).await;
    assert_eq!(names(&listed), ["r0", "r1", "r2", "r3", "r4"]);

    // The wrapped form works too.
    let wrapped = json!({"repositories": [{"owner": "bulk", "name": "r5", "private": true}]});
    let created = json_of(
        h.emulator_control(Method::POST, "/repositories", Some(wrapped))
            .await,
        201,
    )
    .await;
    assert_eq!(created[0]["private"], true);

    let changed = json_of(
        h.emulator_control(
            Method::PATCH,
            "/repos/bulk/r1",
            Some(json!({"topics": ["Fleet", "prod"], "archived": true})),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(changed["topics"], json!(["fleet", "prod"]));
    let read = json_of(
        h.emulator_control(Method::GET, "/repos/bulk/r1", None)
            .await,
        200,
    )
    .await;
    assert_eq!(read, changed);
    let body = json_of(h.get("/repos/bulk/r1").await, 200).await;
    assert_eq!(body["topics"], json!(["fleet", "prod"]));
    assert_eq!(body["archived"], true);

    // Mistakes: a bad name (nothing is created), an unknown field, an unknown repository.
    let bad = json!([{"owner": "bulk", "name": "ok"}, {"owner": "bulk", "name": "a/b"}]);
    let refused = json_of(
        h.emulator_control(Method::POST, "/repositories", Some(bad))
            .await,
        422,
    )
    .await;
    assert!(
        refused["message"]
            .as_str()
            .expect("message")
            .contains("repository 1"),
        "{refused}"
    );
    assert_eq!(h.emulator.repository_id("bulk", "ok"), None);
    let unknown_field = h
        .emulator_control(Method::PATCH, "/repos/bulk/r1", Some(json!({"stars": 1})))
        .await;
    assert_eq!(unknown_field.status(), 422);
    let missing = h
        .emulator_control(
            Method::PATCH,
            "/repos/bulk/nope",
            Some(json!({"topics": []})),
        )
        .await;
    assert_eq!(missing.status(), 404);
}
