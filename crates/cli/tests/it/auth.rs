//! `auth login | status | token | logout`, the App flags and variables, and the credential
//! chain, through the built binary against the emulator.

use std::io::{BufRead as _, BufReader, Read as _};
use std::path::PathBuf;

use crate::common::{Cli, Emulator, Scope, emulator, home_dir, stored};
use codespaces_secrets_emulator::AuthSettings;

/// A home of its own for each test: the stored login lives in its config directory.
fn config_dir(name: &str) -> PathBuf {
    home_dir(name).join("config")
}

/// The CLI against the emulator with no token anywhere: only what the test gives it.
fn tokenless<'a>(emu: &Emulator, home: &str, args: &[&str]) -> Cli<'a> {
    Cli::bare(args)
        .env("GITHUB_API_URL", Some(&emu.base_url()))
        .home(home)
}

fn login_file(emu: &Emulator, home: &str) -> PathBuf {
    config_dir(home)
        .join("codespaces-secrets")
        .join("logins")
        .join(format!("127.0.0.1_{}.token", emu.port()))
}

/// Runs `auth login`, approving the code it prints as the emulator's default user.
fn log_in(emu: &Emulator, home: &str, client_id: &str) -> String {
    let mut child = tokenless(emu, home, &["auth", "login", "--client-id", client_id]).spawn();
    let mut stderr = BufReader::new(child.stderr.take().expect("stderr"));
    let mut first = String::new();
    stderr.read_line(&mut first).expect("the code line");
    let code = first
        .trim()
        .rsplit(' ')
        .next()
        .expect("the code ends the line")
        .to_owned();
    assert!(emu.approve_device_code(&code, None), "{first}");
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).expect("the rest");
    let status = child.wait().expect("exit");
    assert!(status.success(), "{first}{rest}");
    format!("{first}{rest}")
}

#[test]
fn login_status_token_logout_round_trip() {
    let emu = emulator();
    emu.set_auth_settings(AuthSettings {
        device_poll_interval: 0,
        ..AuthSettings::default()
    });
    let app = emu.register_app();
    let home = "auth-round-trip";
    let said = log_in(&emu, home, &app.client_id);
    assert!(said.contains("/login/device"), "{said}");
    let file = login_file(&emu, home);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&file)
            .expect("stored")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{}", file.display());
    }
    let token = std::fs::read_to_string(&file).expect("token file");
    assert!(token.starts_with("ghu_"));
    assert!(!said.contains(token.trim()), "login never prints the token");

    let status = tokenless(&emu, home, &["auth", "status"]).run().ok();
    assert!(status.stdout.contains("stored login"), "{status:#?}");
    assert!(
        status
            .stdout
            .contains(&format!("user {}", emu.user_login())),
        "{status:#?}"
    );
    status.never_shows(token.trim());

    tokenless(
        &emu,
        home,
        &["--user", "set", "STORED_LOGIN", "--value", "v"],
    )
    .run()
    .ok();
    let user = Scope::user(emu.user_login());
    assert_eq!(stored(&emu, &user, "STORED_LOGIN").as_deref(), Some("v"));

    let printed = tokenless(&emu, home, &["auth", "token"]).run().ok();
    assert_eq!(printed.stdout.trim(), token.trim());

    tokenless(&emu, home, &["auth", "logout"]).run().ok();
    assert!(!file.exists());
    tokenless(&emu, home, &["auth", "status"])
        .run()
        .fails_with(2);
}

#[test]
fn app_flags_and_variables_act_as_the_installation() {
    let emu = emulator();
    let app = emu.register_app();
    let installation = emu.install_app(app.id, &Scope::org("octo-org"));
    let home = "auth-app";
    let key = config_dir(home).with_file_name("app.pem");
    std::fs::create_dir_all(key.parent().expect("dir")).expect("dir");
    std::fs::write(&key, &app.private_key_pem).expect("key file");
    let id = app.id.to_string();
    let key_arg = key.to_str().expect("utf-8 path");

    tokenless(
        &emu,
        home,
        &[
            "--org",
            "octo-org",
            "--app-id",
            &id,
            "--app-key",
            key_arg,
            "set",
            "BY_FLAGS",
            "--value",
            "1",
        ],
    )
    .run()
    .ok();
    tokenless(
        &emu,
        home,
        &["--org", "octo-org", "set", "BY_VARIABLES", "--value", "2"],
    )
    .env("GITHUB_APP_ID", Some(&id))
    .env("GITHUB_APP_PRIVATE_KEY", Some(&app.private_key_pem))
    .env(
        "GITHUB_APP_INSTALLATION_ID",
        Some(&installation.to_string()),
    )
    .run()
    .ok();
    let org = Scope::org("octo-org");
    assert_eq!(stored(&emu, &org, "BY_FLAGS").as_deref(), Some("1"));
    assert_eq!(stored(&emu, &org, "BY_VARIABLES").as_deref(), Some("2"));

    let user = tokenless(
        &emu,
        home,
        &["--user", "--app-id", &id, "--app-key", key_arg, "list"],
    )
    .run()
    .fails_with(2);
    assert!(
        user.stderr.contains("user secrets need a user token"),
        "{user:#?}"
    );
    let missing_key = tokenless(&emu, home, &["--org", "octo-org", "--app-id", &id, "list"])
        .run()
        .fails_with(2);
    assert!(missing_key.stderr.contains("--app-key"), "{missing_key:#?}");
    let status = tokenless(
        &emu,
        home,
        &["--app-id", &id, "--app-key", key_arg, "auth", "status"],
    )
    .run()
    .ok();
    assert!(status.stdout.contains("GitHub App"), "{status:#?}");
    status.never_shows("PRIVATE KEY");
}

#[cfg(unix)]
#[test]
fn the_chain_ends_with_the_github_cli() {
    use std::os::unix::fs::PermissionsExt as _;
    let emu = emulator();
    let home = "auth-gh";
    let bin = config_dir(home).with_file_name("bin");
    std::fs::create_dir_all(&bin).expect("bin");
    let gh = bin.join("gh");
    let token = emu.token();
    std::fs::write(
        &gh,
        format!("#!/bin/sh\n[ \"$1 $2\" = \"auth token\" ] && echo {token}\n"),
    )
    .expect("gh");
    std::fs::set_permissions(&gh, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let path = bin.to_str().expect("utf-8").to_owned();

    let status = tokenless(&emu, home, &["auth", "status"])
        .env("PATH", Some(&path))
        .run()
        .ok();
    assert!(status.stdout.contains("GitHub CLI"), "{status:#?}");
    status.never_shows(&token);
    let env_first = tokenless(&emu, home, &["auth", "status"])
        .env("PATH", Some(&path))
        .env("GH_TOKEN", Some(&token))
        .run()
        .ok();
    assert!(env_first.stdout.contains("GH_TOKEN"), "{env_first:#?}");
    let nothing = tokenless(&emu, home, &["--user", "list"])
        .run()
        .fails_with(2);
    assert!(nothing.stderr.contains("auth login"), "{nothing:#?}");
}
