//! On a terminal, sync draws a progress bar on stderr (names only, never values). Needs
//! util-linux `script` to provide the terminal; skipped where it is missing.

use crate::common;

use std::process::Command;

use crate::common::{BIN, TempDir, emulator, stored};

#[test]
fn sync_draws_a_progress_bar_on_a_terminal() {
    let has_script = Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !cfg!(target_os = "linux") || !has_script {
        eprintln!("skipped: no util-linux `script` to provide a terminal");
        return;
    }
    let emu = emulator();
    let dir = TempDir::new("tty");
    let env_file = dir.write(
        "tty.env",
        "TTY_ONE=tty-value-1\nTTY_TWO=tty-value-2\nTTY_THREE=tty-value-3\n",
    );
    let command_line = format!("{BIN} --user sync --env-file {}", env_file.display());
    let output = Command::new("script")
        .args(["-qec", &command_line, "/dev/null"])
        .env("GITHUB_API_URL", emu.base_url())
        .env("GITHUB_TOKEN", emu.token())
        .env_remove("GH_TOKEN")
        .env("CODESPACES_SECRETS_WRITE_INTERVAL_MS", "100")
        .env("XDG_STATE_HOME", dir.path().join("state"))
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .output()
        .expect("script runs");
    let terminal = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{terminal}");
    assert!(
        terminal.contains("] 3/3 TTY_THREE"),
        "no progress bar: {terminal}"
    );
    assert!(
        terminal.contains("3 created, 0 updated, 0 unchanged, 0 deleted, 0 failed"),
        "{terminal}"
    );
    assert!(
        !terminal.contains("tty-value"),
        "a value reached the terminal: {terminal}"
    );
    assert!(
        !terminal.contains(&emu.token()),
        "the token reached the terminal"
    );
    let user = common::Scope::user(emu.user_login());
    assert_eq!(
        stored(&emu, &user, "TTY_TWO").as_deref(),
        Some("tty-value-2")
    );
}
