//! The OAuth device flow against the emulator's `/login/device/code` and
//! `/login/oauth/access_token`: pending, slow_down, approval, denial, expiry, cancellation.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{api_log, emulator, stored, user_scope};
use codespaces_secrets::{
    CancelHandle, Client, DeviceCode, DeviceFlowOptions, LoginFailure, device_flow,
};
use codespaces_secrets_emulator::{AuthSettings, Emulator};

fn options(emu: &Emulator, client_id: &str) -> DeviceFlowOptions {
    DeviceFlowOptions {
        client_id: client_id.to_owned(),
        base_url: Some(emu.base_url()),
        ..DeviceFlowOptions::default()
    }
}

fn settle(emu: &Emulator, interval: u32, lifetime: Duration) {
    emu.set_auth_settings(AuthSettings {
        device_poll_interval: interval,
        device_code_lifetime: lifetime,
        ..AuthSettings::default()
    });
}

fn polls(emu: &Emulator) -> usize {
    api_log(emu)
        .iter()
        .filter(|r| r.path == "/login/oauth/access_token")
        .count()
}

fn login_reason(error: &codespaces_secrets::Error) -> Option<LoginFailure> {
    match error {
        codespaces_secrets::Error::Login { reason, .. } => Some(*reason),
        _ => None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pending_then_slow_down_then_approved_gives_a_working_user_token() {
    let emu = Arc::new(emulator());
    settle(&emu, 0, Duration::from_secs(60));
    let app = emu.register_app();
    let shown: Arc<Mutex<Option<DeviceCode>>> = Arc::default();
    let seen = shown.clone();
    // The user's side: after a pending poll, GitHub says slow down; then the user approves.
    let user = {
        let emu = emu.clone();
        let shown = shown.clone();
        std::thread::spawn(move || {
            let wait_for = |n: usize| {
                while polls(&emu) < n {
                    std::thread::sleep(Duration::from_millis(5));
                }
            };
            wait_for(1);
            let code = shown.lock().expect("lock").clone().expect("code shown");
            assert!(emu.slow_down_device_code(&code.user_code));
            let before = polls(&emu);
            wait_for(before + 1);
            assert!(emu.approve_device_code(&code.user_code, None));
        })
    };
    let started = Instant::now();
    let login = device_flow(
        options(&emu, &app.client_id),
        |code| *seen.lock().expect("lock") = Some(code.clone()),
        &CancelHandle::new(),
    )
    .await
    .expect("approved");
    user.join().expect("user thread");
    assert!(
        started.elapsed() >= Duration::from_secs(5),
        "slow_down added 5 s"
    );
    let code = shown.lock().expect("lock").clone().expect("code");
    assert!(code.verification_uri.ends_with("/login/device"), "{code:?}");
    assert!(!format!("{login:?}").contains(login.token()));
    let client = Client::builder()
        .token(login.token())
        .base_url(emu.base_url())
        .write_interval(Duration::ZERO)
        .build()
        .expect("client");
    assert_eq!(client.user_login().await.expect("whoami"), emu.user_login());
    client
        .user()
        .set("FROM_DEVICE", "ok")
        .await
        .expect("user secret");
    assert_eq!(
        stored(&emu, &user_scope(&emu), "FROM_DEVICE").as_deref(),
        Some("ok")
    );
}

#[tokio::test]
async fn a_denied_login_is_a_login_error() {
    let emu = emulator();
    settle(&emu, 0, Duration::from_secs(60));
    let app = emu.register_app();
    let error = device_flow(
        options(&emu, &app.client_id),
        |code| assert!(emu.deny_device_code(&code.user_code)),
        &CancelHandle::new(),
    )
    .await
    .expect_err("denied");
    assert_eq!(login_reason(&error), Some(LoginFailure::Denied), "{error}");
    assert_eq!(error.code(), "LOGIN_FAILED");
}

#[tokio::test]
async fn an_expired_code_is_a_login_error() {
    let emu = emulator();
    settle(&emu, 1, Duration::from_secs(1));
    let app = emu.register_app();
    let error = device_flow(options(&emu, &app.client_id), |_| {}, &CancelHandle::new())
        .await
        .expect_err("expired");
    assert_eq!(login_reason(&error), Some(LoginFailure::Expired), "{error}");
    assert!(error.to_string().contains("run the login again"), "{error}");
}

#[tokio::test]
async fn cancelling_ends_the_wait_at_once() {
    let emu = emulator();
    settle(&emu, 30, Duration::from_secs(60));
    let app = emu.register_app();
    let cancel = CancelHandle::new();
    let trigger = cancel.clone();
    let started = Instant::now();
    let error = device_flow(
        options(&emu, &app.client_id),
        move |_| {
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(200));
                trigger.cancel();
            });
        },
        &cancel,
    )
    .await
    .expect_err("cancelled");
    assert_eq!(
        login_reason(&error),
        Some(LoginFailure::Cancelled),
        "{error}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "did not wait out the interval"
    );
}

#[tokio::test]
async fn an_unknown_client_id_is_refused() {
    let emu = emulator();
    let error = device_flow(
        options(&emu, "Iv23liNoSuchApp0000"),
        |_| {},
        &CancelHandle::new(),
    )
    .await
    .expect_err("unknown client");
    assert_eq!(login_reason(&error), Some(LoginFailure::Refused), "{error}");
    assert!(error.to_string().contains("client id"), "{error}");
}
