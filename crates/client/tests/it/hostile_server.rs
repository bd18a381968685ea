//! What a hostile or broken server can send must not crash the SDK or anyone printing its
//! errors: rate-limit headers with absurd values, and a base URL's path prefix is matched by
//! segments.

use crate::raw;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use codespaces_secrets::{Client, Error};

fn client(base: &str) -> Client {
    Client::builder()
        .token("tok_SECRET_123")
        .base_url(base)
        .max_retries(0)
        .max_rate_limit_wait(Duration::from_millis(10))
        .secondary_rate_limit_backoff(Duration::from_millis(1))
        .build()
        .expect("client")
}

async fn refused_with(headers: Vec<(&'static str, &'static str)>) -> Error {
    let server = raw::serve("127.0.0.1", move |_, _| {
        let headers = headers
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        (
            "403 Forbidden".into(),
            headers,
            "{\"message\":\"slow down\"}".into(),
        )
    })
    .await;
    client(&server.base)
        .user()
        .list()
        .await
        .expect_err("a refusal")
}

#[tokio::test]
async fn absurd_rate_limit_headers_give_an_error_that_prints() {
    for headers in [
        vec![("retry-after", "18446744073709551615")],
        vec![("retry-after", "Fri, 31 Dec 9999 23:59:59 GMT")],
        vec![
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "18446744073709551615"),
        ],
        vec![
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "253402300800"),
        ],
        vec![("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "-5")],
    ] {
        let err = refused_with(headers.clone()).await;
        assert_eq!(err.code(), "RATE_LIMITED", "{headers:?}: {err}");
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains("tok_SECRET_123"), "{headers:?}");
    }
}

#[test]
fn a_rate_limited_error_prints_for_any_time() {
    let far = [
        0u64,
        1,
        253_402_300_799,
        253_402_300_800,
        u32::MAX as u64 * 1000,
        i64::MAX as u64,
    ];
    for secs in far {
        let Some(at) = UNIX_EPOCH.checked_add(Duration::from_secs(secs)) else {
            continue;
        };
        let err = Error::RateLimited {
            retry_at: Some(at),
            api: None,
        };
        assert!(!err.to_string().is_empty());
    }
    let before = UNIX_EPOCH
        .checked_sub(Duration::from_secs(10))
        .unwrap_or(UNIX_EPOCH);
    let err = Error::RateLimited {
        retry_at: Some(before),
        api: None,
    };
    assert!(err.to_string().contains("rate limited"));
    let now = Error::RateLimited {
        retry_at: Some(SystemTime::now()),
        api: None,
    };
    assert!(now.to_string().contains("GMT"), "{now}");
}

#[tokio::test]
async fn a_link_to_a_sibling_path_is_not_followed() {
    let server = raw::serve("127.0.0.1", |line, port| {
        let mut headers = vec![("Content-Type".to_owned(), "application/json".to_owned())];
        if line.starts_with("GET /api/v3/") {
            headers.push((
                "Link".into(),
                format!("<http://127.0.0.1:{port}/api/v3evil/user/codespaces/secrets?page=2>; rel=\"next\""),
            ));
        }
        ("200 OK".into(), headers, "{\"total_count\":0,\"secrets\":[]}".into())
    })
    .await;
    let err = client(&format!("{}/api/v3", server.base))
        .user()
        .list()
        .await
        .unwrap_err();
    assert_eq!(err.code(), "DECODE", "{err}");
    assert_eq!(
        server.seen.lock().expect("log").len(),
        1,
        "the sibling path was not asked"
    );
}

/// A server that accepts the connection and never answers.
fn stalled() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
        }
    });
    base
}

#[tokio::test]
async fn a_stalled_server_is_given_up_at_the_deadline_with_how_far_it_got() {
    let client = Client::builder()
        .token("tok_SECRET_123")
        .base_url(stalled())
        .timeout(Duration::from_secs(30))
        .deadline(Duration::from_millis(300))
        .build()
        .expect("client");
    let started = std::time::Instant::now();
    let err = client.user().get("A").await.expect_err("deadline");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(err.code(), "TRANSPORT", "{err}");
    assert!(err.to_string().contains("0.3 s deadline"), "{err}");
    assert!(err.to_string().contains("1 attempt(s)"), "{err}");
}

#[tokio::test]
async fn a_list_that_trickles_pages_ends_at_the_deadline() {
    let server = raw::serve("127.0.0.1", |line, port| {
        std::thread::sleep(Duration::from_millis(120));
        let page: u32 = line
            .split("&page=")
            .nth(1)
            .and_then(|p| p.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|p| p.parse().ok())
            .unwrap_or(1);
        let next = format!(
            "<http://127.0.0.1:{port}/user/codespaces/secrets?per_page=100&page={}>; rel=\"next\"",
            page + 1
        );
        let headers = vec![
            ("Content-Type".to_owned(), "application/json".to_owned()),
            ("Link".to_owned(), next),
        ];
        (
            "200 OK".into(),
            headers,
            "{\"total_count\":0,\"secrets\":[]}".into(),
        )
    })
    .await;
    let client = Client::builder()
        .token("tok_SECRET_123")
        .base_url(&server.base)
        .deadline(Duration::from_millis(700))
        .build()
        .expect("client");
    let err = client.user().list().await.expect_err("deadline");
    assert_eq!(err.code(), "TRANSPORT", "{err}");
    assert!(err.to_string().contains("complete page(s)"), "{err}");
}

/// A device-flow endpoint answering junk, a huge body, or a token that cannot be a header:
/// each is a clear error, never a hang or a panic.
#[tokio::test]
async fn a_broken_device_flow_server_gives_clear_errors() {
    use codespaces_secrets::{CancelHandle, DeviceFlowOptions, device_flow};
    let code = "{\"device_code\":\"d\",\"user_code\":\"U-1\",\"verification_uri\":\"x\",\"expires_in\":30,\"interval\":0}";
    let cases: [(&str, String, String, &str); 4] = [
        (
            "junk code answer",
            "not json".into(),
            String::new(),
            "DECODE",
        ),
        (
            "huge code answer",
            "x".repeat(200_000),
            String::new(),
            "DECODE",
        ),
        (
            "junk poll answer",
            code.into(),
            "{\"neither\":1}".into(),
            "DECODE",
        ),
        (
            "unsendable token",
            code.into(),
            "{\"access_token\":\"has space\"}".into(),
            "DECODE",
        ),
    ];
    for (case, first, poll, expected) in cases {
        let server = raw::serve("127.0.0.1", move |line, _| {
            let body = match line.contains("/login/device/code") {
                true => first.clone(),
                false => poll.clone(),
            };
            ("200 OK".into(), raw::json(), body)
        })
        .await;
        let options = DeviceFlowOptions {
            client_id: "Iv1".into(),
            base_url: Some(server.base.clone()),
            ..DeviceFlowOptions::default()
        };
        let err = device_flow(options, |_| {}, &CancelHandle::new())
            .await
            .expect_err(case);
        assert_eq!(err.code(), expected, "{case}: {err}");
    }
}
