//! With every trace level on, an App's private key, its JWTs and its installation tokens, and
//! a device-flow token, appear in no span or event the SDK emits.

use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::{ORG, emulator, org_scope};
use codespaces_secrets::{CancelHandle, Client, DeviceFlowOptions, GitHubApp, device_flow};
use codespaces_secrets_emulator::AuthSettings;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Every field of every span and event, as text.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<String>>);

impl Visit for Recorder {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let mut text = self.0.lock().expect("lock");
        let _ = writeln!(text, "{}={value:?}", field.name());
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        span.record(&mut self.clone());
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        values.record(&mut self.clone());
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        event.record(&mut self.clone());
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

#[tokio::test]
async fn traces_carry_no_key_jwt_or_token() {
    let emu = emulator();
    emu.set_auth_settings(AuthSettings {
        installation_token_lifetime: Duration::from_secs(2),
        device_poll_interval: 0,
        ..AuthSettings::default()
    });
    let app = emu.register_app();
    emu.install_app(app.id, &org_scope());
    let recorder = Recorder::default();
    let _guard = tracing::subscriber::set_default(recorder.clone());

    let given = GitHubApp::new(app.id.to_string(), &app.private_key_pem, None).expect("key");
    let client = Client::builder()
        .app(given)
        .base_url(emu.base_url())
        .write_interval(Duration::ZERO)
        .build()
        .expect("client");
    client.org(ORG).set("TRACED", "v").await.expect("set");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    client
        .org(ORG)
        .set("TRACED", "w")
        .await
        .expect("set after a refresh");
    let login = device_flow(
        DeviceFlowOptions {
            client_id: app.client_id.clone(),
            base_url: Some(emu.base_url()),
            ..DeviceFlowOptions::default()
        },
        |code| assert!(emu.approve_device_code(&code.user_code, None)),
        &CancelHandle::new(),
    )
    .await
    .expect("login");

    let traces = recorder.0.lock().expect("lock").clone();
    assert!(
        traces.contains("minted an installation token"),
        "traces were recorded: {traces}"
    );
    for line in app
        .private_key_pem
        .lines()
        .filter(|l| !l.starts_with("-----"))
    {
        assert!(!traces.contains(line), "a key line in traces");
    }
    assert!(!traces.contains("eyJ"), "a JWT in traces");
    assert!(!traces.contains("ghs_"), "an installation token in traces");
    assert!(
        !traces.contains(login.token()),
        "the device-flow token in traces"
    );
}
