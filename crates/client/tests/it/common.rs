//! Shared test setup: an emulator and a client pointed at it with pacing off and short waits.
#![allow(dead_code)]

use std::time::Duration;

use codespaces_secrets::{Client, ClientBuilder};
use codespaces_secrets_emulator::{Emulator, EmulatorConfig, LoggedRequest, Scope};

pub const OWNER: &str = "octocat";
pub const REPO: &str = "Hello-World";
pub const ORG: &str = "octo-org";

pub fn emulator() -> Emulator {
    Emulator::start(EmulatorConfig::default()).expect("emulator starts")
}

/// Settings for tests: no write pacing, fast retries, short rate-limit back-offs.
pub fn builder(emu: &Emulator) -> ClientBuilder {
    Client::builder()
        .token(emu.token())
        .base_url(emu.base_url())
        .write_interval(Duration::ZERO)
        .retry_base_delay(Duration::from_millis(5))
        .secondary_rate_limit_backoff(Duration::from_millis(50))
        .max_rate_limit_wait(Duration::from_secs(5))
        .timeout(Duration::from_secs(5))
}

pub fn client(emu: &Emulator) -> Client {
    builder(emu).build().expect("client builds")
}

pub fn user_scope(emu: &Emulator) -> Scope {
    Scope::user(emu.user_login())
}

pub fn repo_scope() -> Scope {
    Scope::repo(OWNER, REPO)
}

pub fn org_scope() -> Scope {
    Scope::org(ORG)
}

/// The decrypted value the emulator holds, as text.
pub fn stored(emu: &Emulator, scope: &Scope, name: &str) -> Option<String> {
    emu.secret_value(scope, name)
        .map(|v| String::from_utf8(v.expose().to_vec()).expect("utf-8 value"))
}

/// The API requests in the log (inspection routes excluded).
pub fn api_log(emu: &Emulator) -> Vec<LoggedRequest> {
    emu.request_log()
        .into_iter()
        .filter(|r| !r.path.starts_with("/_emulator"))
        .collect()
}

/// Successful writes (PUT/DELETE answered 2xx) in the log.
pub fn applied_writes(emu: &Emulator) -> Vec<LoggedRequest> {
    api_log(emu)
        .into_iter()
        .filter(|r| r.write && (200..300).contains(&r.status))
        .collect()
}
