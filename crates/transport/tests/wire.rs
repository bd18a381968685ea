//! What goes on the wire, and how answers no contract allows are handled: never a panic, never
//! the token sent elsewhere.

mod common;

use std::error::Error as _;

use codespaces_secrets_transport::{ApiRequest, HttpError, Method};
use common::*;
use futures_util::{StreamExt, TryStreamExt};

fn get(path: &[&str]) -> ApiRequest {
    ApiRequest::new(
        "test-operation",
        Method::Get,
        path.iter().map(|s| s.to_string()).collect(),
    )
}

#[tokio::test]
async fn every_request_carries_githubs_headers() {
    let server = serve("127.0.0.1", |_, _| ("200 OK".into(), json(), "{}".into())).await;
    let transport = transport(&format!("{}/api/v3/", server.base));
    transport
        .send(get(&["user", "codespaces", "secrets"]))
        .await
        .unwrap();
    let seen = server.seen.lock().unwrap()[0].clone();
    assert_eq!(seen.line, "GET /api/v3/user/codespaces/secrets HTTP/1.1");
    assert_eq!(seen.header("authorization"), Some("Bearer tok_SECRET_123"));
    assert_eq!(seen.header("accept"), Some("application/vnd.github+json"));
    assert_eq!(seen.header("x-github-api-version"), Some("2022-11-28"));
    assert!(
        seen.header("user-agent")
            .unwrap()
            .starts_with("codespaces-secrets/")
    );
}

#[tokio::test]
async fn a_redirect_to_another_host_does_not_carry_the_token() {
    let elsewhere = serve("localhost", |_, _| ("200 OK".into(), json(), "{}".into())).await;
    let target = format!("{}/landing", elsewhere.base);
    let origin = serve("127.0.0.1", move |_, _| {
        (
            "302 Found".into(),
            vec![("Location".into(), target.clone())],
            String::new(),
        )
    })
    .await;
    let transport = transport(&origin.base);
    transport.send(get(&["user"])).await.unwrap();
    assert_eq!(
        origin.seen.lock().unwrap()[0].header("authorization"),
        Some("Bearer tok_SECRET_123")
    );
    let landed = elsewhere.seen.lock().unwrap()[0].clone();
    assert_eq!(landed.line, "GET /landing HTTP/1.1");
    assert_eq!(
        landed.header("authorization"),
        None,
        "the token followed the redirect"
    );
}

#[tokio::test]
async fn a_body_off_contract_is_a_decode_error_naming_the_operation() {
    let server = serve("127.0.0.1", |_, _| {
        ("200 OK".into(), json(), "{\"total_count\": \"many\"".into())
    })
    .await;
    let transport = transport(&server.base);
    let response = transport.send(get(&["user"])).await.unwrap();
    let err = response.json::<codespaces_secrets_core::models::SecretList<codespaces_secrets_core::models::RepoSecret>>().unwrap_err();
    assert!(matches!(err, HttpError::Contract { .. }), "{err:?}");
    assert!(
        err.source().is_some(),
        "the decoder's error is kept as the source"
    );
    assert!(
        err.to_string()
            .starts_with("test-operation: unexpected response"),
        "{err}"
    );
}

#[tokio::test]
async fn a_non_json_error_body_still_maps_to_its_kind() {
    let server = serve("127.0.0.1", |_, _| {
        (
            "404 Not Found".into(),
            vec![("x-github-request-id".into(), "ABC:123".into())],
            "<html>nope</html>".into(),
        )
    })
    .await;
    let err = transport(&server.base)
        .send(get(&["user"]))
        .await
        .unwrap_err();
    let HttpError::Refused(refusal) = err else {
        panic!("not a refusal: {err:?}");
    };
    assert_eq!(refusal.status, 404);
    assert_eq!(refusal.request_id.as_deref(), Some("ABC:123"));
    assert_eq!(refusal.body, None);
    assert_eq!(refusal.rate_limited, None);
}

#[tokio::test]
async fn an_oversized_body_is_an_answer_outside_the_contract() {
    let server = serve("127.0.0.1", |_, _| {
        ("200 OK".into(), json(), "x".repeat(9 * 1024 * 1024))
    })
    .await;
    let err = transport(&server.base)
        .send(get(&["user"]))
        .await
        .unwrap_err();
    assert!(matches!(err, HttpError::Contract { .. }), "{err:?}");
    assert!(err.to_string().contains("exceeds 8388608 bytes"), "{err}");
}

#[tokio::test]
async fn a_link_loop_is_detected() {
    let server = serve("127.0.0.1", |_, port| {
        let link = format!(
            "<http://127.0.0.1:{port}/user/codespaces/secrets?per_page=100&page=2>; rel=\"next\""
        );
        let mut headers = json();
        headers.push(("Link".into(), link));
        (
            "200 OK".into(),
            headers,
            "{\"total_count\":1,\"secrets\":[1]}".into(),
        )
    })
    .await;
    let transport = transport(&server.base);
    let items: Vec<Result<i64, HttpError>> = transport
        .paginate(get(&["user", "codespaces", "secrets"]), |r| {
            Ok(r.json::<serde_json::Value>()?["secrets"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_i64().unwrap())
                .collect())
        })
        .collect::<Vec<_>>()
        .await;
    let err = items.last().unwrap().as_ref().unwrap_err();
    assert!(matches!(err, HttpError::Contract { .. }), "{err:?}");
    assert!(err.to_string().contains("pagination loop"), "{err}");
    assert_eq!(
        server.seen.lock().unwrap().len(),
        2,
        "page 1, page 2, then the repeat is caught"
    );
}

#[tokio::test]
async fn a_link_to_another_host_is_not_followed_with_the_token() {
    let elsewhere = serve("127.0.0.1", |_, _| {
        (
            "200 OK".into(),
            json(),
            "{\"total_count\":0,\"secrets\":[]}".into(),
        )
    })
    .await;
    let next = format!("<{}/steal?page=2>; rel=\"next\"", elsewhere.base);
    let origin = serve("127.0.0.1", move |_, _| {
        let mut headers = json();
        headers.push(("Link".into(), next.clone()));
        (
            "200 OK".into(),
            headers,
            "{\"total_count\":0,\"secrets\":[]}".into(),
        )
    })
    .await;
    let result: Result<Vec<i64>, HttpError> = transport(&origin.base)
        .paginate(get(&["user"]), |_| Ok(Vec::<i64>::new()))
        .try_collect()
        .await;
    let err = result.unwrap_err();
    assert!(matches!(err, HttpError::Contract { .. }), "{err:?}");
    assert!(err.to_string().contains("outside the base URL"), "{err}");
    assert!(elsewhere.seen.lock().unwrap().is_empty());
}

#[tokio::test]
async fn a_refused_connection_is_a_transport_error_after_retries() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let err = transport(&format!("http://127.0.0.1:{port}"))
        .send(get(&["user"]))
        .await
        .unwrap_err();
    assert!(matches!(err, HttpError::Network { .. }), "{err:?}");
    assert!(err.source().is_some(), "the HTTP client's error is kept");
    assert!(
        err.to_string().starts_with("test-operation: network error"),
        "{err}"
    );
    assert!(!err.to_string().contains("tok_SECRET_123"));
}
