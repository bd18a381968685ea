//! Each failure reaches the user as the kind that says what to do, with its cause kept in the
//! `source()` chain: answers outside the contract are `DECODE`, network failures `TRANSPORT`,
//! settings the client cannot use `INVALID_INPUT` before any request.

use crate::raw;

use std::error::Error as _;

use codespaces_secrets::{Client, Error};

fn client(base: &str) -> Client {
    Client::builder()
        .token("tok_SECRET_123")
        .base_url(base)
        .max_retries(0)
        .build()
        .expect("client")
}

fn json() -> Vec<(String, String)> {
    vec![("Content-Type".into(), "application/json".into())]
}

#[tokio::test]
async fn a_body_that_does_not_decode_is_decode_with_its_cause() {
    let server = raw::serve("127.0.0.1", |_, _| {
        ("200 OK".into(), json(), "{\"total_count\": \"many\"".into())
    })
    .await;
    let err = client(&server.base)
        .repo("o", "r")
        .list()
        .await
        .unwrap_err();
    assert_eq!(err.code(), "DECODE", "{err}");
    assert!(
        err.source().is_some(),
        "the JSON decoder's error is the source"
    );
}

#[tokio::test]
async fn an_oversized_answer_is_decode_not_a_network_error() {
    let server = raw::serve("127.0.0.1", |_, _| {
        ("200 OK".into(), json(), "x".repeat(9 * 1024 * 1024))
    })
    .await;
    let err = client(&server.base).user().list().await.unwrap_err();
    assert_eq!(err.code(), "DECODE", "{err}");
    assert!(err.to_string().contains("exceeds 8388608 bytes"), "{err}");
}

#[tokio::test]
async fn a_paging_link_off_the_base_url_is_decode_and_says_what_to_do() {
    let server = raw::serve("127.0.0.1", |_, _| {
        let mut headers = json();
        headers.push((
            "Link".into(),
            "<https://elsewhere.example/user/codespaces/secrets?page=2>; rel=\"next\"".into(),
        ));
        (
            "200 OK".into(),
            headers,
            "{\"total_count\":0,\"secrets\":[]}".into(),
        )
    })
    .await;
    let err = client(&server.base).user().list().await.unwrap_err();
    assert_eq!(err.code(), "DECODE", "{err}");
    let text = err.to_string();
    assert!(text.contains("outside the base URL"), "{text}");
    assert!(text.contains("rewrite Link headers"), "{text}");
    assert!(!text.contains("tok_SECRET_123"));
}

#[tokio::test]
async fn a_refused_connection_is_transport_with_its_cause() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    drop(listener);
    let err = client(&format!("http://127.0.0.1:{port}"))
        .user()
        .list()
        .await
        .unwrap_err();
    assert_eq!(err.code(), "TRANSPORT", "{err}");
    assert!(
        err.source().is_some(),
        "the HTTP client's error is the source"
    );
    // Errors stay cloneable (bulk reports hold them), source included.
    assert!(err.clone().source().is_some());
}

#[tokio::test]
async fn a_non_json_error_body_still_maps_to_its_kind_with_the_request_id() {
    let server = raw::serve("127.0.0.1", |_, _| {
        (
            "404 Not Found".into(),
            vec![("x-github-request-id".into(), "ABC:123".into())],
            "<html>nope</html>".into(),
        )
    })
    .await;
    let err = client(&server.base).user().get("X").await.unwrap_err();
    assert_eq!(err.code(), "NOT_FOUND");
    assert_eq!(err.request_id(), Some("ABC:123"));
    assert_eq!(
        err.to_string(),
        "get-secret-for-authenticated-user failed: HTTP 404: HTTP 404 [request id ABC:123]"
    );
}

#[test]
fn settings_a_header_cannot_carry_are_invalid_input_before_any_request() {
    for (token, agent) in [("tok\nen", "ok-agent"), ("token", "agent\r\nX-Injected: 1")] {
        let err = Client::builder()
            .token(token)
            .base_url("http://127.0.0.1:9")
            .user_agent(agent)
            .build()
            .unwrap_err();
        assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
        assert!(!err.to_string().contains("tok\nen"));
    }
}

/// A key the server sends that parses but cannot seal (u = p - 1, a point on the twist whose
/// shared secret is zero) is the server's fault: DECODE, and nothing is written.
#[tokio::test]
async fn a_server_key_that_cannot_seal_is_decode() {
    use base64::Engine;
    let mut twist = [0xffu8; 32];
    twist[0] = 0xec;
    twist[31] = 0x7f;
    let key = base64::engine::general_purpose::STANDARD.encode(twist);
    let body = format!("{{\"key_id\":\"1\",\"key\":\"{key}\"}}");
    let server = raw::serve("127.0.0.1", move |_, _| {
        ("200 OK".into(), json(), body.clone())
    })
    .await;
    let err = client(&server.base)
        .repo("o", "r")
        .set("A", "v")
        .await
        .unwrap_err();
    assert_eq!(err.code(), "DECODE", "{err}");
    assert!(err.to_string().contains("public key"), "{err}");
    let seen = server.seen.lock().expect("log");
    assert!(
        seen.iter().all(|r| r.line.starts_with("GET")),
        "no write was sent"
    );
}
