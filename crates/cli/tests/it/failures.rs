//! Every failure: a non-zero exit (2 for invalid input, 1 for the rest), one line on stderr,
//! never the token or a value, and for invalid input no request at all.

use crate::common::{Cli, Emulator, Scope, TempDir, emulator};
use codespaces_secrets_emulator::Faults;

/// A value that must never be printed.
const VALUE: &str = "sup3r-s3cret-value";

/// Runs a command that must be refused before any request: exit 2, one line, an empty
/// emulator log, neither the token nor [`VALUE`] in the output. Returns stderr.
#[track_caller]
fn refused(emu: &Emulator, cli: Cli<'_>) -> String {
    emu.clear_log();
    let run = cli.run().fails_with(2);
    run.never_shows(&emu.token()).never_shows(VALUE);
    assert!(
        emu.request_log().is_empty(),
        "a request was sent: {:#?} for {run:#?}",
        emu.request_log()
    );
    run.stderr
}

#[test]
fn invalid_names_are_refused_before_any_request() {
    let emu = emulator();
    for (name, reason) in [
        ("GITHUB_TOKEN", "reserved"),
        ("github_thing", "reserved"),
        ("1ST", "digit"),
        ("bad-name", "'-'"),
        ("has space", "' '"),
        ("", "empty"),
        ("naïve", "only letters, digits and '_'"),
    ] {
        for scope in [
            &["--user"][..],
            &["--repo", "octocat/Hello-World"],
            &["--org", "octo-org"],
        ] {
            let mut set: Vec<&str> = scope.to_vec();
            set.extend(["set", name, "--value", VALUE]);
            let stderr = refused(&emu, Cli::new(&emu, &set));
            assert!(stderr.contains(reason), "{name:?}: {stderr}");
            // Also from stdin, and for the other commands that take a name.
            let mut set_stdin: Vec<&str> = scope.to_vec();
            set_stdin.extend(["set", name]);
            refused(&emu, Cli::new(&emu, &set_stdin).stdin(VALUE.as_bytes()));
            for command in ["get", "delete"] {
                let mut other: Vec<&str> = scope.to_vec();
                other.extend([command, name]);
                refused(&emu, Cli::new(&emu, &other));
            }
        }
        refused(&emu, Cli::new(&emu, &["--user", "repos", name]));
    }
}

#[test]
fn invalid_scopes_are_refused_before_any_request() {
    let emu = emulator();
    for spec in [
        "octocat",
        "octocat/",
        "/Hello-World",
        "a/b/c",
        "",
        "bad owner/repo",
        "octocat/bad repo",
        "-x/repo",
    ] {
        let flag = format!("--repo={spec}");
        let stderr = refused(&emu, Cli::new(&emu, &[&flag, "list"]));
        assert!(
            stderr.contains("OWNER/REPO") || stderr.contains("not a"),
            "{spec:?}: {stderr}"
        );
    }
    for org in ["", "bad org", "-org", "a/b"] {
        let flag = format!("--org={org}");
        refused(&emu, Cli::new(&emu, &[&flag, "list"]));
    }
    // No scope, two scopes, no command, an unknown command.
    refused(&emu, Cli::new(&emu, &["list"]));
    refused(
        &emu,
        Cli::new(&emu, &["--user", "--org", "octo-org", "list"]),
    );
    refused(&emu, Cli::new(&emu, &["--user"]));
    refused(&emu, Cli::new(&emu, &["--user", "frobnicate"]));
}

#[test]
fn invalid_repository_ids_are_refused_before_any_request() {
    let emu = emulator();
    for ids in [
        "abc",
        "1,x",
        "1,,2",
        "0",
        "-4",
        "1.5",
        "99999999999999999999",
    ] {
        let stderr = refused(
            &emu,
            Cli::new(&emu, &["--user", "repos", "TOKEN", "--set", ids]),
        );
        assert!(stderr.contains("not a repository id"), "{ids:?}: {stderr}");
        refused(
            &emu,
            Cli::new(
                &emu,
                &[
                    "--org", "octo-org", "set", "TOKEN", "--value", VALUE, "--repos", ids,
                ],
            ),
        );
    }
    for id in ["abc", "0", "-1", ""] {
        refused(
            &emu,
            Cli::new(&emu, &["--user", "repos", "TOKEN", "--add", id]),
        );
        refused(
            &emu,
            Cli::new(
                &emu,
                &["--org", "octo-org", "repos", "TOKEN", "--remove", id],
            ),
        );
    }
    // Only one change at a time.
    refused(
        &emu,
        Cli::new(
            &emu,
            &["--user", "repos", "TOKEN", "--add", "1", "--remove", "2"],
        ),
    );
}

#[test]
fn options_that_do_not_fit_the_scope_are_refused_before_any_request() {
    let emu = emulator();
    let repo = ["--repo", "octocat/Hello-World"];
    for extra in [&["--repos", "1"][..], &["--visibility", "all"]] {
        let mut args: Vec<&str> = repo.to_vec();
        args.extend(["set", "X", "--value", VALUE]);
        args.extend(extra);
        refused(&emu, Cli::new(&emu, &args));
    }
    let stderr = refused(
        &emu,
        Cli::new(&emu, &["--repo", "octocat/Hello-World", "repos", "X"]),
    );
    assert!(stderr.contains("--user and --org"), "{stderr}");
    let stderr = refused(
        &emu,
        Cli::new(&emu, &["--user", "set", "X", "--visibility", "private"]).stdin(VALUE.as_bytes()),
    );
    assert!(stderr.contains("--visibility"), "{stderr}");
    refused(
        &emu,
        Cli::new(
            &emu,
            &[
                "--org",
                "octo-org",
                "set",
                "X",
                "--visibility",
                "all",
                "--repos",
                "1",
            ],
        )
        .stdin(VALUE.as_bytes()),
    );
    refused(
        &emu,
        Cli::new(
            &emu,
            &["--org", "octo-org", "set", "X", "--visibility", "secret"],
        ),
    );
}

#[test]
fn a_value_in_the_wrong_place_is_not_echoed() {
    let emu = emulator();
    let stderr = refused(&emu, Cli::new(&emu, &["--user", "set", "NAME", VALUE]));
    assert!(stderr.contains("--value or on stdin"), "{stderr}");
    let flag = format!("--valeu={VALUE}");
    refused(&emu, Cli::new(&emu, &["--user", "set", "NAME", &flag]));
}

#[test]
fn oversized_values_are_refused_before_any_request() {
    let emu = emulator();
    let big = "v".repeat(48 * 1024 + 1);
    let stderr = refused(
        &emu,
        Cli::new(&emu, &["--repo", "octocat/Hello-World", "set", "BIG"]).stdin(big.as_bytes()),
    );
    assert!(stderr.contains("48 KB"), "{stderr}");
    assert!(!stderr.contains("vvvv"), "{stderr}");
    refused(
        &emu,
        Cli::new(&emu, &["--user", "set", "BIG", "--value", &big]),
    );
    // Exactly 48 KB, plus the trimmed newline, is fine.
    let limit = format!("{}\n", "v".repeat(48 * 1024));
    Cli::new(&emu, &["--repo", "octocat/Hello-World", "set", "BIG"])
        .stdin(limit.as_bytes())
        .run()
        .ok();
}

#[test]
fn missing_or_unusable_settings_are_refused_before_any_request() {
    let emu = emulator();
    let url = emu.base_url();

    let stderr = refused(&emu, Cli::bare(&["--api-url", &url, "--user", "list"]));
    assert!(stderr.contains("GITHUB_TOKEN"), "{stderr}");
    refused(
        &emu,
        Cli::bare(&["--api-url", &url, "--user", "list"]).env("GH_TOKEN", Some("   ")),
    );

    for bad_url in [
        "http://example.com",
        "http://10.0.0.1:8080/api/v3",
        "ftp://127.0.0.1",
        "not a url",
        "https://user:pass@example.com",
        "",
    ] {
        let stderr = refused(
            &emu,
            Cli::new(
                &emu,
                &["--api-url", bad_url, "--user", "set", "X", "--value", VALUE],
            ),
        );
        assert!(stderr.contains("base_url"), "{bad_url:?}: {stderr}");
    }
    // GITHUB_API_URL is checked the same way.
    refused(
        &emu,
        Cli::new(&emu, &["--user", "list"]).env("GITHUB_API_URL", Some("http://example.com")),
    );

    let stderr = refused(
        &emu,
        Cli::new(&emu, &["--user", "list"])
            .env("CODESPACES_SECRETS_WRITE_INTERVAL_MS", Some("soon")),
    );
    assert!(
        stderr.contains("CODESPACES_SECRETS_WRITE_INTERVAL_MS"),
        "{stderr}"
    );
    refused(
        &emu,
        Cli::new(&emu, &["--write-interval-ms", "-1", "--user", "list"]),
    );
}

#[test]
fn bad_env_files_are_refused_before_any_request() {
    let emu = emulator();
    let dir = TempDir::new("envfiles");
    let missing = dir.path().join("does-not-exist.env");
    let stderr = refused(
        &emu,
        Cli::new(
            &emu,
            &[
                "--user",
                "sync",
                "--env-file",
                missing.to_str().expect("UTF-8"),
            ],
        ),
    );
    assert!(stderr.contains("does-not-exist.env"), "{stderr}");

    for (file, contents) in [
        ("reserved.env", format!("GITHUB_PAT={VALUE}\n")),
        ("digit.env", format!("9LIVES={VALUE}\n")),
        ("twice.env", format!("A={VALUE}\na={VALUE}\n")),
        ("unterminated.env", format!("A=\"{VALUE}\n")),
        ("too-big.env", format!("A={}\n", "v".repeat(48 * 1024 + 1))),
    ] {
        let path = dir.write(file, &contents);
        for dry_run in [false, true] {
            let mut args = vec![
                "--org",
                "octo-org",
                "sync",
                "--env-file",
                path.to_str().expect("UTF-8"),
                "--prune",
            ];
            if dry_run {
                args.push("--dry-run");
            }
            let stderr = refused(&emu, Cli::new(&emu, &args));
            assert!(!stderr.contains("vvvv"), "{stderr}");
        }
    }
    refused(&emu, Cli::new(&emu, &["--user", "sync"]));
}

/// GitHub's refusals exit 1 with one line that quotes the request id GitHub sent.
#[track_caller]
fn api_failure(emu: &Emulator, cli: Cli<'_>, expect: &str) {
    emu.clear_log();
    let run = cli.run().fails_with(1);
    run.never_shows(&emu.token()).never_shows(VALUE);
    assert!(run.stderr.contains(expect), "expected {expect:?}: {run:#?}");
    let log = emu.request_log();
    let last = log.last().expect("a request was sent");
    assert!(
        run.stderr.contains(&last.request_id),
        "request id {} missing: {run:#?}",
        last.request_id
    );
}

#[test]
fn api_refusals_exit_1_with_the_request_id() {
    let emu = emulator();
    api_failure(
        &emu,
        Cli::new(&emu, &["--repo", "octocat/Hello-World", "get", "MISSING"]),
        "NOT_FOUND",
    );
    api_failure(
        &emu,
        Cli::new(&emu, &["--user", "delete", "MISSING"]),
        "NOT_FOUND",
    );
    api_failure(
        &emu,
        Cli::new(&emu, &["--repo", "hubot/hubot-scripts", "list"]),
        "NOT_FOUND",
    );
    api_failure(
        &emu,
        Cli::new(&emu, &["--org", "no-such-org", "set", "X"]).stdin(VALUE.as_bytes()),
        "NOT_FOUND",
    );
    api_failure(
        &emu,
        Cli::new(&emu, &["--user", "repos", "MISSING"]),
        "NOT_FOUND",
    );
    api_failure(
        &emu,
        Cli::new(
            &emu,
            &[
                "--user",
                "set",
                "X",
                "--value",
                VALUE,
                "--repos",
                "987654321",
            ],
        ),
        "NOT_FOUND",
    );

    let wrong = "ghp_wrongwrongwrongwrongwrongwrong0000";
    emu.clear_log();
    let run = Cli::new(&emu, &["--user", "set", "X", "--value", VALUE])
        .env("GITHUB_TOKEN", Some(wrong))
        .run()
        .fails_with(1);
    run.never_shows(wrong).never_shows(VALUE);
    assert!(run.stderr.contains("UNAUTHORIZED"), "{run:#?}");
    // GH_TOKEN is used when GITHUB_TOKEN is absent.
    let run = Cli::new(&emu, &["--user", "list"])
        .env("GITHUB_TOKEN", None)
        .env("GH_TOKEN", Some(wrong))
        .run()
        .fails_with(1);
    run.never_shows(wrong);
    Cli::new(&emu, &["--user", "list"])
        .env("GITHUB_TOKEN", None)
        .env("GH_TOKEN", Some(&emu.token()))
        .run()
        .ok();
}

#[test]
fn an_unreachable_server_exits_1() {
    let emu = emulator();
    let url = emu.base_url();
    let token = emu.token();
    drop(emu);
    let run = Cli::bare(&["--api-url", &url, "--user", "list"])
        .env("GITHUB_TOKEN", Some(&token))
        .run()
        .fails_with(1);
    run.never_shows(&token);
    assert!(run.stderr.contains("TRANSPORT"), "{run:#?}");
}

#[test]
fn server_errors_after_retries_exit_1() {
    let emu = emulator();
    emu.set_faults(Faults {
        server_error_rate: 1.0,
        ..Faults::default()
    })
    .expect("valid faults");
    let run = Cli::new(&emu, &["--repo", "octocat/Hello-World", "set", "X"])
        .stdin(VALUE.as_bytes())
        .run()
        .fails_with(1);
    run.never_shows(&emu.token()).never_shows(VALUE);
    assert!(run.stderr.contains("SERVER_ERROR"), "{run:#?}");
    assert_eq!(
        emu.secret_value(&Scope::repo("octocat", "Hello-World"), "X"),
        None
    );
}
