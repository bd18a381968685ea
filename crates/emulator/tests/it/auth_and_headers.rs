//! Authentication, the User-Agent rule, and the headers on every answer.

use std::collections::HashSet;

use reqwest::Method;
use serde_json::json;

use crate::harness::*;

#[tokio::test]
async fn bearer_and_token_schemes_are_accepted() {
    let h = Harness::new();
    for auth in [format!("Bearer {}", h.token), format!("token {}", h.token)] {
        let response = h
            .http
            .get(h.url(USER))
            .header("User-Agent", "tests")
            .header("Authorization", auth)
            .send()
            .await
            .expect("get");
        assert_eq!(response.status(), 200);
    }
}

#[tokio::test]
async fn missing_or_unknown_tokens_are_401() {
    let h = Harness::new();
    let response = h
        .http
        .get(h.url(USER))
        .header("User-Agent", "tests")
        .send()
        .await
        .expect("get");
    expect_error(response, 401, "Requires authentication").await;
    for auth in [
        "Bearer ghp_unknown".to_owned(),
        format!("Basic {}", h.token),
        h.token.clone(),
        "Bearer".to_owned(),
    ] {
        let response = h
            .http
            .put(h.url(&format!("{USER}/X")))
            .header("User-Agent", "tests")
            .header("Authorization", auth)
            .json(&json!({}))
            .send()
            .await
            .expect("put");
        expect_error(response, 401, "Bad credentials").await;
    }
    assert!(
        h.emulator
            .secrets(&codespaces_secrets_emulator::Scope::user("octocat"))
            .is_empty()
    );
}

#[tokio::test]
async fn requests_without_user_agent_are_403() {
    let h = Harness::new();
    // reqwest sends no User-Agent unless told to.
    let response = h
        .http
        .get(h.url(USER))
        .bearer_auth(&h.token)
        .send()
        .await
        .expect("get");
    let body = json_of_forbidden(response).await;
    assert!(
        body.starts_with("Request forbidden by administrative rules. Please make sure your request has a User-Agent header"),
        "{body}"
    );
}

async fn json_of_forbidden(response: reqwest::Response) -> String {
    assert_github_headers(&response);
    let body = json_of(response, 403).await;
    body["message"].as_str().expect("message").to_owned()
}

#[tokio::test]
async fn unsupported_api_versions_are_400() {
    let h = Harness::new();
    let response = h
        .http
        .get(h.url(USER))
        .header("User-Agent", "tests")
        .header("X-GitHub-Api-Version", "2099-01-01")
        .bearer_auth(&h.token)
        .send()
        .await
        .expect("get");
    expect_error(response, 400, "API version 2099-01-01 is not supported.").await;
    // Without the header, the default version serves.
    let response = h
        .http
        .get(h.url(USER))
        .header("User-Agent", "tests")
        .bearer_auth(&h.token)
        .send()
        .await
        .expect("get");
    assert_eq!(response.status(), 200);
    assert_eq!(
        header(&response, "x-github-api-version-selected").as_deref(),
        Some("2022-11-28")
    );
}

#[tokio::test]
async fn every_answer_carries_request_id_and_rate_limit_headers() {
    let h = Harness::new();
    let mut ids = HashSet::new();
    let responses = vec![
        h.get(USER).await,                                         // 200
        h.get(&format!("{USER}/NOPE")).await,                      // 404
        h.put(&format!("{USER}/1BAD"), json!({})).await,           // 422
        h.get("/no/such/route").await,                             // 404 fallback
        h.request(Method::POST, USER).send().await.expect("post"), // 404 method
        h.http
            .get(h.url(USER))
            .header("User-Agent", "t")
            .send()
            .await
            .expect("401"),
        h.http.get(h.url(USER)).send().await.expect("403"),
        h.put_raw(&format!("{USER}/X"), "{").await, // 400
    ];
    for response in &responses {
        assert_github_headers(response);
        assert_eq!(
            header(response, "x-ratelimit-resource").as_deref(),
            Some("core")
        );
        ids.insert(header(response, "x-github-request-id").expect("id"));
    }
    assert_eq!(ids.len(), responses.len(), "request ids are unique");
    let put = h.put_secret(USER, "S", b"v", json!({})).await;
    assert_github_headers(&put);
}

#[tokio::test]
async fn rate_limit_headers_count_requests() {
    let h = Harness::new();
    let first = h.get(USER).await;
    let second = h.get(USER).await;
    let n = |r: &reqwest::Response, name: &str| -> u64 {
        header(r, name).expect(name).parse().expect("number")
    };
    assert_eq!(n(&first, "x-ratelimit-limit"), 5000);
    assert_eq!(
        n(&second, "x-ratelimit-used"),
        n(&first, "x-ratelimit-used") + 1
    );
    assert_eq!(
        n(&second, "x-ratelimit-remaining"),
        n(&first, "x-ratelimit-remaining") - 1
    );
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    let reset = n(&first, "x-ratelimit-reset");
    assert!(reset > now && reset <= now + 3601, "{reset} vs {now}");
    // Unauthenticated requests have GitHub's anonymous limit.
    let anonymous = h
        .http
        .get(h.url(USER))
        .header("User-Agent", "t")
        .send()
        .await
        .expect("401");
    assert_eq!(n(&anonymous, "x-ratelimit-limit"), 60);
}

#[tokio::test]
async fn each_token_is_its_own_user() {
    let h = Harness::new();
    let second_token = h.emulator.add_user("octocat");
    assert_ne!(second_token, h.token);
    // A second token of the same user sees the same secrets.
    assert_eq!(h.put_secret(USER, "S", b"v", json!({})).await.status(), 201);
    let response = h
        .request_as(&second_token, Method::GET, USER)
        .send()
        .await
        .expect("get");
    assert_eq!(json_of(response, 200).await["total_count"], 1);
}
