//! The OAuth device flow on the emulator's own origin: codes for a registered app's client id,
//! GitHub's polling answers (pending, slow down, denied, expired, used up) and a new user token
//! once a test approves — the part a person plays on github.com.

use codespaces_secrets_emulator::{AuthSettings, DeviceCodeStatus, RegisteredApp, Scope};
use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::*;

const GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

/// Starts a flow for `app` with GitHub's form body; returns the answer.
async fn start(h: &Harness, app: &RegisteredApp) -> Value {
    let response = h
        .post_form(
            "/login/device/code",
            &[("client_id", &app.client_id), ("scope", "codespace")],
        )
        .await;
    json_of(response, 200).await
}

async fn poll(h: &Harness, app: &RegisteredApp, device_code: &str) -> Value {
    let response = h
        .post_form(
            "/login/oauth/access_token",
            &[
                ("client_id", &app.client_id),
                ("device_code", device_code),
                ("grant_type", GRANT),
            ],
        )
        .await;
    json_of(response, 200).await
}

fn code_of(started: &Value) -> (String, String) {
    (
        started["device_code"]
            .as_str()
            .expect("device_code")
            .to_owned(),
        started["user_code"].as_str().expect("user_code").to_owned(),
    )
}

fn no_poll_interval(h: &Harness) {
    h.emulator.set_auth_settings(AuthSettings {
        device_poll_interval: 0,
        ..AuthSettings::default()
    });
}

#[tokio::test]
async fn pending_then_slow_down_then_approved_gives_a_working_user_token() {
    let h = Harness::new();
    let app = h.emulator.register_app();
    no_poll_interval(&h);
    let started = start(&h, &app).await;
    let (device_code, user_code) = code_of(&started);
    assert_eq!(device_code.len(), 40);
    assert!(device_code.bytes().all(|b| b.is_ascii_hexdigit()));
    assert!(
        user_code.len() == 9 && &user_code[4..5] == "-",
        "{user_code}"
    );
    assert_eq!(
        started["verification_uri"],
        format!("{}/login/device", h.emulator.base_url())
    );
    assert_eq!(started["expires_in"], 900);
    assert_eq!(started["interval"], 0);

    let pending = poll(&h, &app, &device_code).await;
    assert_eq!(pending["error"], "authorization_pending");
    assert!(pending["error_description"].is_string() && pending["error_uri"].is_string());
    let listed = json_of(
        h.emulator_control(Method::GET, "/device-codes", None).await,
        200,
    )
    .await;
    assert_eq!(
        listed,
        json!([{"user_code": user_code, "client_id": app.client_id, "scope": "codespace", "status": "pending"}])
    );

    let slowed = h
        .emulator_control(
            Method::POST,
            &format!("/device-codes/{user_code}/slow-down"),
            None,
        )
        .await;
    assert_eq!(slowed.status(), 204);
    let slow = poll(&h, &app, &device_code).await;
    assert_eq!(slow["error"], "slow_down");
    assert_eq!(slow["interval"], 5);

    let approved = h
        .emulator_control(
            Method::POST,
            &format!("/device-codes/{user_code}/approve"),
            None,
        )
        .await;
    assert_eq!(approved.status(), 204);
    assert_eq!(
        h.emulator.device_codes()[0].status,
        DeviceCodeStatus::Approved
    );
    // The interval is 5 s now; rather than wait, move the emulator's clock on.
    h.emulator.set_auth_settings(AuthSettings {
        clock_skew: 6,
        ..h.emulator.auth_settings()
    });
    // JSON bodies are read as well as forms.
    let granted = h
        .http
        .post(h.url("/login/oauth/access_token"))
        .header("Accept", "application/json")
        .json(&json!({"client_id": app.client_id, "device_code": device_code, "grant_type": GRANT}))
        .send()
        .await
        .expect("exchange");
    let granted = json_of(granted, 200).await;
    let token = granted["access_token"]
        .as_str()
        .expect("access_token")
        .to_owned();
    assert!(token.starts_with("ghu_") && token.len() == 40, "{granted}");
    assert_eq!(granted["token_type"], "bearer");
    assert_eq!(granted["scope"], "codespace");

    // The token is the approving user's.
    let as_user = Harness {
        emulator: h.emulator,
        http: h.http.clone(),
        token: token.clone(),
    };
    assert_eq!(
        json_of(as_user.get("/user").await, 200).await["login"],
        "octocat"
    );
    let put = as_user
        .put_secret("/user/codespaces/secrets", "FROM_DEVICE", b"yes", json!({}))
        .await;
    assert_eq!(put.status(), 201);
    assert!(
        as_user
            .emulator
            .secret_value(&Scope::user("octocat"), "FROM_DEVICE")
            .is_some()
    );

    // Used up: a second exchange is refused.
    h_poll_again(&as_user, &app, &device_code).await;

    let log = as_user.emulator.request_log();
    for path in ["/login/device/code", "/login/oauth/access_token"] {
        assert!(
            log.iter()
                .any(|r| r.method == "POST" && r.path == path && r.status == 200),
            "{path}"
        );
    }
    let shown = serde_json::to_string(&log).expect("log JSON");
    assert!(
        !shown.contains(&device_code) && !shown.contains(&token),
        "{shown}"
    );
}

async fn h_poll_again(h: &Harness, app: &RegisteredApp, device_code: &str) {
    h.emulator.set_auth_settings(AuthSettings {
        clock_skew: 60,
        ..h.emulator.auth_settings()
    });
    assert_eq!(
        poll(h, app, device_code).await["error"],
        "bad_verification_code"
    );
}

#[tokio::test]
async fn polling_faster_than_the_interval_slows_down() {
    let h = Harness::new();
    let app = h.emulator.register_app();
    let started = start(&h, &app).await;
    assert_eq!(started["interval"], 5);
    let (device_code, _) = code_of(&started);
    assert_eq!(
        poll(&h, &app, &device_code).await["error"],
        "authorization_pending"
    );
    let slow = poll(&h, &app, &device_code).await;
    assert_eq!(
        (slow["error"].as_str(), slow["interval"].as_u64()),
        (Some("slow_down"), Some(10))
    );
    let slower = poll(&h, &app, &device_code).await;
    assert_eq!(slower["interval"], 15);
}

#[tokio::test]
async fn denied_codes_answer_access_denied() {
    let h = Harness::new();
    let app = h.emulator.register_app();
    no_poll_interval(&h);
    let (device_code, user_code) = code_of(&start(&h, &app).await);
    assert!(h.emulator.deny_device_code(&user_code));
    assert_eq!(
        h.emulator.device_codes()[0].status,
        DeviceCodeStatus::Denied
    );
    assert_eq!(poll(&h, &app, &device_code).await["error"], "access_denied");
    let denied = h
        .emulator_control(
            Method::POST,
            &format!("/device-codes/{user_code}/deny"),
            None,
        )
        .await;
    assert_eq!(denied.status(), 204);
}

#[tokio::test]
async fn codes_expire_after_their_lifetime() {
    let h = Harness::new();
    let app = h.emulator.register_app();
    h.emulator.set_auth_settings(AuthSettings {
        device_poll_interval: 0,
        device_code_lifetime: std::time::Duration::from_secs(30),
        ..AuthSettings::default()
    });
    let started = start(&h, &app).await;
    assert_eq!(started["expires_in"], 30);
    let (device_code, user_code) = code_of(&started);
    h.emulator.approve_device_code(&user_code, None);
    h.emulator.set_auth_settings(AuthSettings {
        clock_skew: 31,
        ..h.emulator.auth_settings()
    });
    assert_eq!(poll(&h, &app, &device_code).await["error"], "expired_token");
}

#[tokio::test]
async fn approval_may_name_another_user() {
    let h = Harness::new();
    let app = h.emulator.register_app();
    no_poll_interval(&h);
    let (device_code, user_code) = code_of(&start(&h, &app).await);
    let approve = h
        .emulator_control(
            Method::POST,
            &format!("/device-codes/{}/approve", user_code.to_lowercase()),
            Some(json!({"login": "mona"})),
        )
        .await;
    assert_eq!(approve.status(), 204);
    let token = poll(&h, &app, &device_code).await["access_token"]
        .as_str()
        .expect("token")
        .to_owned();
    let me = h
        .request_as(&token, Method::GET, "/user")
        .send()
        .await
        .expect("GET /user");
    assert_eq!(json_of(me, 200).await["login"], "mona");
    // Decided and used: nothing left to approve.
    assert!(!h.emulator.approve_device_code(&user_code, None));
}

/// The `error` of one exchange with these parameters.
async fn exchange(h: &Harness, client: &str, code: &str, grant: &str) -> Value {
    let form = [
        ("client_id", client),
        ("device_code", code),
        ("grant_type", grant),
    ];
    json_of(h.post_form("/login/oauth/access_token", &form).await, 200).await["error"].clone()
}

#[tokio::test]
async fn wrong_clients_grants_and_codes_are_refused() {
    let h = Harness::new();
    let app = h.emulator.register_app();
    no_poll_interval(&h);
    let unknown = h
        .post_form("/login/device/code", &[("client_id", "Iv23linope")])
        .await;
    assert_eq!(json_of(unknown, 404).await, json!({"error": "Not Found"}));
    let (device_code, _) = code_of(&start(&h, &app).await);
    assert_eq!(
        exchange(&h, "Iv23linope", &device_code, GRANT).await,
        "incorrect_client_credentials"
    );
    assert_eq!(
        exchange(&h, &app.client_id, &device_code, "authorization_code").await,
        "unsupported_grant_type"
    );
    assert_eq!(
        exchange(&h, &app.client_id, "0000", GRANT).await,
        "incorrect_device_code"
    );
    // Another app's client id does not fit this code.
    let other = h.emulator.register_app();
    assert_eq!(
        exchange(&h, &other.client_id, &device_code, GRANT).await,
        "incorrect_device_code"
    );
    for action in ["approve", "deny", "slow-down"] {
        let missing = h
            .emulator_control(
                Method::POST,
                &format!("/device-codes/ZZZZ-0000/{action}"),
                None,
            )
            .await;
        assert_eq!(missing.status(), 404, "{action}");
    }
}
