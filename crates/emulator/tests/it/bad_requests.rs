//! Bad requests of every kind get GitHub's status and error body — never a panic or a hang.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use codespaces_secrets_emulator::Scope;
use reqwest::Method;
use serde_json::json;

use crate::harness::*;

#[tokio::test]
async fn malformed_json_is_400() {
    let h = Harness::new();
    for body in ["{", "{\"key_id\": }", "nope", "{\"a\":1}}", "\u{feff}{}"] {
        let response = h.put_raw(&format!("{USER}/S"), body).await;
        expect_error(response, 400, "Problems parsing JSON").await;
    }
    let not_utf8: Vec<u8> = vec![b'{', 0xff, 0xfe, b'}'];
    let response = h.put_raw(&format!("{REPO}/S"), not_utf8).await;
    expect_error(response, 400, "Problems parsing JSON").await;
    let response = h.put_raw(&format!("{ORG}/S/repositories"), "[1,").await;
    // The secret does not exist: 404 comes before the body is read.
    expect_error(response, 404, "Not Found").await;
}

#[tokio::test]
async fn json_of_the_wrong_shape_is_422() {
    let h = Harness::new();
    for body in ["[]", "\"text\"", "42", "null", "true"] {
        let response = h.put_raw(&format!("{REPO}/S"), body).await;
        expect_invalid_request(response, "is not an object").await;
    }
    let (key_id, _) = h.public_key(ORG).await;
    let cases = [
        (
            json!({ "encrypted_value": 5, "key_id": key_id }),
            "'properties/encrypted_value', 5 is not a string",
        ),
        (
            json!({ "encrypted_value": null, "key_id": key_id }),
            "'properties/encrypted_value', null is not a string",
        ),
        (
            json!({ "encrypted_value": ["a"], "key_id": key_id }),
            "is not a string",
        ),
        (
            json!({ "key_id": { "id": 1 }, "visibility": "all" }),
            "'properties/key_id'",
        ),
        (
            json!({ "visibility": 1 }),
            "'properties/visibility', 1 is not a member",
        ),
        (
            json!({ "visibility": "selected", "selected_repository_ids": "1" }),
            "is not an array",
        ),
        (
            json!({ "visibility": "selected", "selected_repository_ids": [1.5] }),
            "1.5 is not an integer",
        ),
        (
            json!({ "visibility": "selected", "selected_repository_ids": [true] }),
            "true is not an integer",
        ),
        (
            json!({ "visibility": "selected", "selected_repository_ids": [1e300] }),
            "is not an integer",
        ),
    ];
    for (body, needle) in cases {
        let response = h.put(&format!("{ORG}/S"), body).await;
        expect_invalid_request(response, needle).await;
    }
    assert!(h.emulator.secrets(&Scope::org("octo-org")).is_empty());
}

#[tokio::test]
async fn huge_bodies_are_413() {
    let h = Harness::new();
    let huge = format!(
        "{{\"encrypted_value\": \"{}\"}}",
        "A".repeat(2 * 1024 * 1024)
    );
    let response = h.put_raw(&format!("{REPO}/S"), huge).await;
    expect_error(response, 413, "Request body is too large.").await;
}

#[tokio::test]
async fn bad_repository_ids_are_404() {
    let h = Harness::new();
    assert_eq!(h.put_secret(USER, "S", b"v", json!({})).await.status(), 201);
    let response = h
        .put_secret(ORG, "S", b"v", json!({ "visibility": "selected" }))
        .await;
    assert_eq!(response.status(), 201);
    for id in ["abc", "-1", "1.5", "99999999999999999999999", "%20", "0x10"] {
        for base in [
            format!("{USER}/S/repositories"),
            format!("{ORG}/S/repositories"),
        ] {
            let path = format!("{base}/{id}");
            let put = h.request(Method::PUT, &path).send().await.expect("put");
            expect_error(put, 404, "Not Found").await;
            expect_error(h.delete(&path).await, 404, "Not Found").await;
        }
    }
    // A well-formed id of no repository.
    let put = h
        .request(Method::PUT, &format!("{USER}/S/repositories/424242424242"))
        .send()
        .await
        .expect("put");
    expect_error(put, 404, "Not Found").await;
}

#[tokio::test]
async fn unknown_routes_and_methods_are_404() {
    let h = Harness::new();
    for (method, path) in [
        (Method::GET, "/"),
        // `GET /user` itself exists (who a token is); its other paths do not.
        (Method::GET, "/user/keys"),
        (Method::POST, "/user"),
        (
            Method::GET,
            "/user/codespaces/secrets/S/repositories/1/extra",
        ),
        (Method::POST, USER),
        (Method::PATCH, "/user/codespaces/secrets/S"),
        (Method::DELETE, "/user/codespaces/secrets/public-key"),
        (
            Method::POST,
            "/repos/octocat/Hello-World/codespaces/secrets/S",
        ),
        (Method::GET, "/repos/octocat/codespaces/secrets"),
    ] {
        let response = h.request(method.clone(), path).send().await.expect("send");
        assert!(
            header(&response, "allow").is_none(),
            "GitHub's 404 lists no methods"
        );
        expect_error(response, 404, "Not Found").await;
    }
}

#[tokio::test]
async fn undecodable_paths_and_odd_names_are_handled() {
    let h = Harness::new();
    // Invalid UTF-8 after percent-decoding.
    expect_error(h.get(&format!("{USER}/%FF%FE")).await, 404, "Not Found").await;
    expect_error(
        h.get("/repos/%FF/x/codespaces/secrets").await,
        404,
        "Not Found",
    )
    .await;
    // Very long names.
    let long = "A".repeat(10_000);
    expect_error(h.get(&format!("{USER}/{long}")).await, 404, "Not Found").await;
    let response = h.put_secret(USER, &long, b"v", json!({})).await;
    assert_eq!(
        response.status(),
        201,
        "GitHub documents no length limit on names"
    );
    // An encoded slash is one path segment and not a valid name.
    let response = h.put_secret(USER, "A%2FB", b"v", json!({})).await;
    expect_validation(response, "name").await;
}

#[tokio::test]
async fn empty_bodies_count_as_empty_objects() {
    let h = Harness::new();
    let response = h.put_raw(&format!("{USER}/S"), "").await;
    expect_invalid_request(response, "\"key_id\" wasn't supplied.").await;
    let response = h
        .request(Method::PUT, &format!("{REPO}/S"))
        .send()
        .await
        .expect("put");
    expect_validation(response, "encrypted_value").await;
}

#[tokio::test]
async fn garbage_and_truncated_requests_do_not_hurt_the_server() {
    let h = Harness::new();
    let address = h
        .emulator
        .base_url()
        .trim_start_matches("http://")
        .to_owned();

    // Not HTTP at all: hyper answers 400 and closes.
    let mut stream = TcpStream::connect(&address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .expect("timeout");
    stream.write_all(b"\x00\x01garbage\r\n\r\n").expect("write");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    assert!(
        String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 400"),
        "{answer:?}"
    );

    // A body shorter than announced, then the client goes away.
    let mut stream = TcpStream::connect(&address).expect("connect");
    write!(
        stream,
        "PUT {USER}/S HTTP/1.1\r\nHost: {address}\r\nUser-Agent: t\r\nAuthorization: Bearer {}\r\nContent-Length: 100\r\n\r\n{{\"key_id\"",
        h.token
    )
    .expect("write");
    drop(stream);

    // Still serving, and nothing was stored.
    assert_eq!(h.get(USER).await.status(), 200);
    assert!(h.emulator.secrets(&Scope::user("octocat")).is_empty());
}

#[tokio::test]
async fn many_concurrent_requests_are_all_answered() {
    let h = Harness::new();
    let mut tasks = Vec::new();
    for i in 0..50 {
        let request = h.request(Method::GET, &format!("{USER}?page={i}"));
        tasks.push(tokio::spawn(async move {
            request.send().await.map(|r| r.status())
        }));
    }
    for task in tasks {
        assert_eq!(task.await.expect("task").expect("response"), 200);
    }
}
