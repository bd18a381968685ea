//! The fleet both fleet benches use: 200 repositories of one organization (topic
//! `codespaces`) on an emulator answering after 20 ms, a manifest putting 3 secrets in each and
//! 1 organization secret in 50 of them, and a client with pacing off.

use std::time::Duration;

use codespaces_secrets::Client;
use codespaces_secrets_emulator::{Emulator, EmulatorConfig, Faults, Latency, RepoSpec};

pub const ORG: &str = "bench-org";
pub const REPOS: usize = 200;
pub const SELECTED: usize = 50;
pub const SECRETS: [&str; 3] = ["NPM_TOKEN", "SENTRY_DSN", "DATADOG_KEY"];

/// The emulator holding the fleet's repositories, 20 ms per request.
pub fn emulator() -> Emulator {
    let faults = Faults {
        latency: Some(Latency::Fixed(Duration::from_millis(20))),
        ..Faults::default()
    };
    let emu = Emulator::start(EmulatorConfig {
        faults,
        ..EmulatorConfig::default()
    })
    .expect("emulator");
    let specs: Vec<RepoSpec> = (0..REPOS)
        .map(|i| {
            let repo = format!("{ORG}/svc-{i:03}").parse().expect("valid");
            RepoSpec::new(repo).topics(["codespaces"])
        })
        .collect();
    emu.add_repositories(&specs);
    emu
}

/// A client of `emu` with pacing off (GitHub's pace would make a first apply last an hour).
pub fn client(emu: &Emulator) -> Client {
    Client::builder()
        .token(emu.token())
        .base_url(emu.base_url())
        .write_interval(Duration::ZERO)
        .build()
        .expect("client")
}

/// The manifest; values come from `NAME.txt` beside it.
pub fn manifest_text() -> String {
    let mut text = String::from("version = 1\nname = \"bench\"\n");
    for name in SECRETS {
        text.push_str(&format!(
            "[secrets.{name}]\nfrom = {{ file = \"{name}.txt\" }}\nrepos_where = [{{ org = \"{ORG}\", name = \"svc-*\", topics = [\"codespaces\"] }}]\n"
        ));
    }
    let selected: Vec<String> = (0..SELECTED).map(|i| format!("\"svc-{i:03}\"")).collect();
    text.push_str(&format!(
        "[secrets.ORG_SHARED]\nfrom = {{ file = \"ORG_SHARED.txt\" }}\norgs = {{ {ORG} = {{ visibility = \"selected\", repos = [{}] }} }}\n",
        selected.join(", ")
    ));
    text
}

/// Writes the manifest (`fleet.toml`) and every value file into `dir`.
pub fn write_fleet(dir: &std::path::Path) {
    std::fs::create_dir_all(dir).expect("dir");
    std::fs::write(dir.join("fleet.toml"), manifest_text()).expect("manifest");
    for name in SECRETS.iter().chain(&["ORG_SHARED"]) {
        std::fs::write(dir.join(format!("{name}.txt")), format!("{name}-1")).expect("value");
    }
}
