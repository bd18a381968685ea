//! Any request to the emulator (method, path, body), authenticated or not: it answers, never
//! panics. First line: `METHOD PATH`; the rest is the body.
#![no_main]

use std::sync::OnceLock;

use axum::body::Body;
use axum::http::Request;
use libfuzzer_sys::fuzz_target;
use tower::ServiceExt;

/// One emulator for the whole run (building its key pairs per input would be most of the
/// time); its state grows as inputs create secrets, within GitHub's limits.
fn emulator() -> &'static (axum::Router, String) {
    static EMULATOR: OnceLock<(axum::Router, String)> = OnceLock::new();
    EMULATOR.get_or_init(codespaces_secrets_emulator::fuzzing::router_and_token)
}

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .expect("a runtime")
    })
}

fuzz_target!(|data: &[u8]| {
    let (head, body) = match data.iter().position(|b| *b == b'\n') {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let head = String::from_utf8_lossy(head);
    let (method, path) = head.split_once(' ').unwrap_or(("GET", &head));
    let (router, token) = emulator();
    let router = router.clone();
    let Ok(request) = Request::builder()
        .method(method)
        .uri(path)
        .header("authorization", format!("Bearer {token}"))
        .header("user-agent", "fuzz")
        .header("content-type", "application/json")
        .body(Body::from(body.to_vec()))
    else {
        return;
    };
    runtime().block_on(async move {
        let _ = router.oneshot(request).await;
    });
});
