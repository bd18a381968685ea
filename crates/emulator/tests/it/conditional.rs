//! Conditional reads and the primary counter: an `ETag` on every successful GET, 304 for a
//! matching `If-None-Match` (not counted against the primary limit), and the count of what
//! was, from the library and `/_emulator/rate-limit`.

use std::time::Duration;

use codespaces_secrets_emulator::{EmulatorConfig, Faults, PrimaryRateLimit, RepoSpec};
use reqwest::{Method, Response};
use serde_json::json;

use crate::harness::*;

impl Harness {
    async fn get_if_none_match(&self, path: &str, etag: &str) -> Response {
        self.request(Method::GET, path)
            .header("If-None-Match", etag)
            .send()
            .await
            .expect("GET")
    }
}

fn etag(response: &Response) -> String {
    header(response, "etag").unwrap_or_else(|| panic!("no ETag on {}", response.url()))
}

/// Every GET of the API the demo data can answer, with a secret in each scope.
async fn readable_paths(h: &Harness) -> Vec<String> {
    let hello = h.emulator.repo_id("octocat", "Hello-World").expect("demo");
    let org_repo = h.emulator.repo_id("octo-org", "octo-repo").expect("demo");
    let user = h
        .put_secret(USER, "U", b"v", json!({"selected_repository_ids": [hello]}))
        .await;
    assert_eq!(user.status(), 201);
    assert_eq!(h.put_secret(REPO, "R", b"v", json!({})).await.status(), 201);
    let org = h
        .put_secret(
            ORG,
            "O",
            b"v",
            json!({"visibility": "selected", "selected_repository_ids": [org_repo]}),
        )
        .await;
    assert_eq!(org.status(), 201);
    [
        USER.to_owned(),
        format!("{USER}/public-key"),
        format!("{USER}/U"),
        format!("{USER}/U/repositories"),
        REPO.to_owned(),
        format!("{REPO}/public-key"),
        format!("{REPO}/R"),
        ORG.to_owned(),
        format!("{ORG}/public-key"),
        format!("{ORG}/O"),
        format!("{ORG}/O/repositories"),
        "/orgs/octo-org/repos".to_owned(),
        "/user/repos".to_owned(),
        "/repos/octocat/Hello-World".to_owned(),
        "/user".to_owned(),
    ]
    .to_vec()
}

#[tokio::test]
async fn every_read_has_a_stable_etag_and_a_match_is_a_bodyless_304() {
    let h = Harness::new();
    for path in readable_paths(&h).await {
        let first = h.get(&path).await;
        assert_eq!(first.status(), 200, "{path}");
        let tag = etag(&first);
        let body = first.text().await.expect("body");
        let again = h.get(&path).await;
        assert_eq!(etag(&again), tag, "stable while nothing changed: {path}");
        assert_eq!(again.text().await.expect("body"), body);

        let not_modified = h.get_if_none_match(&path, &tag).await;
        assert_eq!(not_modified.status(), 304, "{path}");
        assert_github_headers(&not_modified);
        assert_eq!(etag(&not_modified), tag);
        assert!(not_modified.bytes().await.expect("body").is_empty());

        // Another tag (or a strong spelling of this one) is compared as GitHub does.
        let other = h.get_if_none_match(&path, "W/\"not-it\"").await;
        assert_eq!(other.status(), 200, "{path}");
        let strong = tag.trim_start_matches("W/");
        assert_eq!(h.get_if_none_match(&path, strong).await.status(), 304);
    }
    // Errors carry no tag.
    let missing = h.get(&format!("{REPO}/NOPE")).await;
    assert_eq!(missing.status(), 404);
    assert!(header(&missing, "etag").is_none());
}

#[tokio::test]
async fn a_write_changes_the_tags_of_its_scope_only() {
    let h = Harness::new();
    assert_eq!(h.put_secret(REPO, "A", b"v", json!({})).await.status(), 201);
    let repo_list = etag(&h.get(REPO).await);
    let secret = etag(&h.get(&format!("{REPO}/A")).await);
    let user_list = etag(&h.get(USER).await);
    let org_list = etag(&h.get(ORG).await);

    // Updating the value moves updated_at (whole seconds), so the secret and the list change.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(h.put_secret(REPO, "A", b"w", json!({})).await.status(), 204);
    assert_eq!(h.get_if_none_match(REPO, &repo_list).await.status(), 200);
    assert_eq!(
        h.get_if_none_match(&format!("{REPO}/A"), &secret)
            .await
            .status(),
        200
    );
    assert_eq!(h.get_if_none_match(USER, &user_list).await.status(), 304);
    assert_eq!(h.get_if_none_match(ORG, &org_list).await.status(), 304);

    // A new secret changes the list.
    let before = etag(&h.get(REPO).await);
    assert_eq!(h.put_secret(REPO, "B", b"v", json!({})).await.status(), 201);
    assert_ne!(etag(&h.get(REPO).await), before);
    // A deleted one too.
    let before = etag(&h.get(REPO).await);
    assert_eq!(h.delete(&format!("{REPO}/B")).await.status(), 204);
    assert_ne!(etag(&h.get(REPO).await), before);
}

#[tokio::test]
async fn a_new_page_changes_the_first_pages_tag() {
    let repositories = (0..30)
        .map(|i| RepoSpec::new(format!("fleet/r{i:02}").parse().expect("valid")))
        .collect();
    let h = Harness::with(EmulatorConfig {
        repositories,
        ..EmulatorConfig::default()
    });
    let first = etag(&h.get("/orgs/fleet/repos").await);
    h.emulator
        .add_repository(RepoSpec::new("fleet/zz".parse().expect("valid")));
    let after = h.get("/orgs/fleet/repos").await;
    assert!(header(&after, "link").is_some());
    assert_ne!(
        etag(&after),
        first,
        "same first page, but now there is a second"
    );
    // Topics are in the body: changing them changes the tag of the repository.
    let repo = etag(&h.get("/repos/fleet/r00").await);
    assert!(h.emulator.set_repository_topics("fleet", "r00", &["new"]));
    assert_eq!(
        h.get_if_none_match("/repos/fleet/r00", &repo)
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn a_304_costs_nothing_and_the_counter_moves_by_exactly_what_counted() {
    let h = Harness::new();
    let counted = || h.emulator.primary_requests_counted();
    assert_eq!(counted(), 0);
    let first = h.get(REPO).await;
    let tag = etag(&first);
    assert_eq!(header(&first, "x-ratelimit-used").as_deref(), Some("1"));
    assert_eq!(counted(), 1);

    for _ in 0..5 {
        let not_modified = h.get_if_none_match(REPO, &tag).await;
        assert_eq!(not_modified.status(), 304);
        assert_eq!(
            header(&not_modified, "x-ratelimit-used").as_deref(),
            Some("1")
        );
        assert_eq!(
            header(&not_modified, "x-ratelimit-remaining").as_deref(),
            Some("4999")
        );
    }
    assert_eq!(counted(), 1, "five 304s cost nothing");
    assert_eq!(h.emulator.rate_limit_used(&h.token), 1);

    // Control routes cost nothing; reads, writes and errors each cost one.
    let _ = h
        .http
        .get(h.url("/_emulator/log"))
        .send()
        .await
        .expect("control");
    assert_eq!(h.get(&format!("{REPO}/NOPE")).await.status(), 404);
    assert_eq!(h.get(REPO).await.status(), 200);
    assert_eq!(counted(), 3);
    // put_secret reads the public key, then writes.
    assert_eq!(h.put_secret(REPO, "A", b"v", json!({})).await.status(), 201);
    assert_eq!(counted(), 5);
    assert_eq!(h.emulator.primary_requests_counted_by(&h.token), 5);
    assert_eq!(h.emulator.rate_limit_used(&h.token), 5);

    // Per token: another user's requests are theirs.
    let mona = h.emulator.add_user("mona");
    let theirs = h
        .request_as(&mona, Method::GET, USER)
        .send()
        .await
        .expect("GET");
    assert_eq!(header(&theirs, "x-ratelimit-used").as_deref(), Some("1"));
    assert_eq!(h.emulator.primary_requests_counted_by(&mona), 1);
    assert_eq!(h.emulator.primary_requests_counted_by("ghp_unknown"), 0);
    assert_eq!(counted(), 6);

    let usage = json_of(
        h.http
            .get(h.url("/_emulator/rate-limit"))
            .send()
            .await
            .expect("control"),
        200,
    )
    .await;
    assert_eq!(usage["counted"], 6);
    assert_eq!(
        usage["callers"],
        json!([
            {"caller": "mona", "counted": 1, "limit": 5000, "used": 1, "remaining": 4999,
             "reset": usage["callers"][0]["reset"]},
            {"caller": "octocat", "counted": 5, "limit": 5000, "used": 5, "remaining": 4995,
             "reset": usage["callers"][1]["reset"]},
        ])
    );
    assert!(!usage.to_string().contains(&h.token));
}

#[tokio::test]
async fn a_configured_primary_limit_shows_in_the_headers_and_304s_do_not_spend_it() {
    let h = Harness::with(EmulatorConfig {
        faults: Faults {
            primary_rate_limit: Some(PrimaryRateLimit {
                limit: 3,
                window: Duration::from_secs(3600),
            }),
            ..Faults::default()
        },
        ..EmulatorConfig::default()
    });
    let first = h.get(REPO).await;
    assert_eq!(header(&first, "x-ratelimit-limit").as_deref(), Some("3"));
    assert_eq!(
        header(&first, "x-ratelimit-remaining").as_deref(),
        Some("2")
    );
    let tag = etag(&first);
    for _ in 0..10 {
        let not_modified = h.get_if_none_match(REPO, &tag).await;
        assert_eq!(not_modified.status(), 304);
        assert_eq!(
            header(&not_modified, "x-ratelimit-remaining").as_deref(),
            Some("2")
        );
    }
    assert_eq!(h.get(REPO).await.status(), 200);
    let last = h.get(REPO).await;
    assert_eq!(header(&last, "x-ratelimit-remaining").as_deref(), Some("0"));
    // Exhausted: refused, a conditional request too.
    let refused = h.get(REPO).await;
    assert_eq!(refused.status(), 403);
    assert_eq!(
        header(&refused, "x-ratelimit-remaining").as_deref(),
        Some("0")
    );
    assert_eq!(h.get_if_none_match(REPO, &tag).await.status(), 403);
    assert_eq!(h.emulator.primary_requests_counted(), 3);
}
