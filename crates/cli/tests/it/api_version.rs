//! `--api-version` / `GITHUB_API_VERSION`: the version sent, a server that lacks it, and a
//! value no GitHub serves (refused before any request).

use crate::common::{Cli, emulator, run};

#[test]
fn the_flag_or_the_variable_chooses_the_version_sent() {
    let emu = emulator();
    emu.set_api_versions(&["2026-03-10"]).unwrap();
    run(&emu, &["--api-version", "2026-03-10", "--user", "list"]).ok();
    Cli::new(&emu, &["--user", "list"])
        .env("GITHUB_API_VERSION", Some("2026-03-10"))
        .run()
        .ok();
    // The flag wins over the variable.
    emu.set_api_versions(&["2022-11-28"]).unwrap();
    Cli::new(&emu, &["--api-version", "2022-11-28", "--user", "list"])
        .env("GITHUB_API_VERSION", Some("2026-03-10"))
        .run()
        .ok();
    // Neither: GitHub's default.
    run(&emu, &["--user", "list"]).ok();
}

#[test]
fn a_server_without_the_version_says_which_was_sent_and_how_to_choose() {
    let emu = emulator();
    emu.set_api_versions(&["2026-03-10"]).unwrap();
    let refused = run(&emu, &["--user", "list"]).fails_with(1);
    for expected in [
        "API version 2022-11-28 is not supported",
        "sent X-GitHub-Api-Version 2022-11-28",
        "--api-version or GITHUB_API_VERSION",
        ": 2026-03-10)",
    ] {
        assert!(
            refused.stderr.contains(expected),
            "{refused:#?} lacks {expected:?}"
        );
    }
}

#[test]
fn an_unknown_version_exits_2_before_any_request() {
    let emu = emulator();
    let refused = run(&emu, &["--api-version", "2023-01-01", "--user", "list"]).fails_with(2);
    assert!(refused.stderr.contains("api_version"), "{refused:#?}");
    assert!(
        refused.stderr.contains("2022-11-28, 2026-03-10"),
        "{refused:#?}"
    );
    Cli::new(&emu, &["--user", "list"])
        .env("GITHUB_API_VERSION", Some("latest"))
        .run()
        .fails_with(2);
    assert!(emu.request_log().is_empty(), "{:?}", emu.request_log());
}

#[test]
fn help_names_the_flag_the_variable_and_the_versions() {
    let help = Cli::bare(&["--help"]).run().ok();
    for needle in [
        "--api-version",
        "GITHUB_API_VERSION",
        "2022-11-28",
        "2026-03-10",
    ] {
        assert!(help.stdout.contains(needle), "{needle} missing: {help:#?}");
    }
}
