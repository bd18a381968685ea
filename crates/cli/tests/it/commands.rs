//! Every command in every scope, run as the real binary against the emulator; values proven by
//! reading them back decrypted.

use crate::common::{Cli, Scope, TempDir, args, emulator, run, scopes, stored, writes};

#[test]
fn set_get_list_delete_in_every_scope() {
    let emu = emulator();
    for (scope_flags, scope) in scopes(&emu) {
        let set = Cli::new(&emu, &args(&scope_flags, &["set", "api_key"]))
            .stdin(b"value-from-stdin\n")
            .run()
            .ok();
        assert!(set.stdout.starts_with("created API_KEY in "), "{set:#?}");
        assert_eq!(
            stored(&emu, &scope, "API_KEY").as_deref(),
            Some("value-from-stdin")
        );

        let again = run(
            &emu,
            &args(
                &scope_flags,
                &["set", "API_KEY", "--value", "value-from-flag"],
            ),
        )
        .ok();
        assert!(
            again.stdout.starts_with("updated API_KEY in "),
            "{again:#?}"
        );
        assert_eq!(
            stored(&emu, &scope, "api_key").as_deref(),
            Some("value-from-flag")
        );
        again.never_shows("value-from-flag");

        let table = run(&emu, &args(&scope_flags, &["list"])).ok();
        let mut lines = table.stdout.lines();
        assert!(
            lines.next().is_some_and(|h| h.starts_with("NAME")),
            "{table:#?}"
        );
        assert!(
            lines.next().is_some_and(|l| l.starts_with("API_KEY ")),
            "{table:#?}"
        );

        let listed = run(&emu, &args(&scope_flags, &["list", "--json"]))
            .ok()
            .json();
        let names: Vec<&str> = listed
            .as_array()
            .expect("a JSON array")
            .iter()
            .filter_map(|s| s["name"].as_str())
            .collect();
        assert_eq!(names, ["API_KEY"]);

        let got = run(&emu, &args(&scope_flags, &["get", "api_key", "--json"]))
            .ok()
            .json();
        assert_eq!(got["name"], "API_KEY");
        assert!(got["updated_at"].is_string(), "{got}");
        assert_eq!(
            got.get("visibility").is_some(),
            !matches!(scope, Scope::Repo { .. })
        );
        let shown = run(&emu, &args(&scope_flags, &["get", "API_KEY"])).ok();
        assert!(shown.stdout.contains("API_KEY"), "{shown:#?}");

        let deleted = run(&emu, &args(&scope_flags, &["delete", "Api_Key"])).ok();
        assert!(
            deleted.stdout.starts_with("deleted API_KEY in "),
            "{deleted:#?}"
        );
        assert_eq!(stored(&emu, &scope, "API_KEY"), None);
        let empty = run(&emu, &args(&scope_flags, &["list", "--json"]))
            .ok()
            .json();
        assert_eq!(empty, serde_json::json!([]));
        let empty_table = run(&emu, &args(&scope_flags, &["list"])).ok();
        assert_eq!(empty_table.stdout, "");
    }
}

#[test]
fn stdin_loses_exactly_one_trailing_newline() {
    let emu = emulator();
    let scope = Scope::repo("octocat", "Hello-World");
    let cases: [(&[u8], &str); 6] = [
        (b"plain", "plain"),
        (b"one\n", "one"),
        (b"two\n\n", "two\n"),
        (b"crlf\r\n", "crlf"),
        (b"multi\nline\n", "multi\nline"),
        (b"  spaced  \n", "  spaced  "),
    ];
    for (input, expected) in cases {
        Cli::new(
            &emu,
            &["--repo", "octocat/Hello-World", "set", "STDIN_VALUE"],
        )
        .stdin(input)
        .run()
        .ok()
        .never_shows(expected.trim());
        assert_eq!(
            stored(&emu, &scope, "STDIN_VALUE").as_deref(),
            Some(expected),
            "input {input:?}"
        );
    }
    // An empty stdin is an empty value, which GitHub accepts.
    Cli::new(&emu, &["--repo", "octocat/Hello-World", "set", "EMPTY"])
        .run()
        .ok();
    assert_eq!(stored(&emu, &scope, "EMPTY").as_deref(), Some(""));
}

#[test]
fn user_secret_repositories() {
    let emu = emulator();
    let hello = emu.repo_id("octocat", "Hello-World").expect("demo repo");
    let spoon = emu.repo_id("octocat", "Spoon-Knife").expect("demo repo");
    let user = Scope::user(emu.user_login());
    let selected = |name: &str| {
        emu.secrets(&user)
            .into_iter()
            .find(|s| s.name == name)
            .map(|s| s.selected_repository_ids)
    };

    run(
        &emu,
        &[
            "--user",
            "set",
            "TOKEN",
            "--value",
            "t-1",
            "--repos",
            &hello.to_string(),
        ],
    )
    .ok();
    assert_eq!(selected("TOKEN"), Some(vec![hello]));
    assert_eq!(stored(&emu, &user, "TOKEN").as_deref(), Some("t-1"));

    run(
        &emu,
        &["--user", "repos", "TOKEN", "--add", &spoon.to_string()],
    )
    .ok();
    assert_eq!(selected("TOKEN"), Some(sorted(vec![hello, spoon])));

    let listed = run(&emu, &["--user", "repos", "TOKEN", "--json"])
        .ok()
        .json();
    let mut ids: Vec<i64> = listed
        .as_array()
        .expect("a JSON array")
        .iter()
        .filter_map(|r| r["id"].as_i64())
        .collect();
    ids.sort_unstable();
    assert_eq!(ids, sorted(vec![hello, spoon]));
    let table = run(&emu, &["--user", "repos", "TOKEN"]).ok();
    assert!(table.stdout.contains("octocat/Hello-World"), "{table:#?}");
    assert!(table.stdout.contains("octocat/Spoon-Knife"), "{table:#?}");

    run(
        &emu,
        &["--user", "repos", "TOKEN", "--remove", &hello.to_string()],
    )
    .ok();
    assert_eq!(selected("TOKEN"), Some(vec![spoon]));

    run(
        &emu,
        &[
            "--user",
            "repos",
            "TOKEN",
            "--set",
            &format!("{hello},{spoon}"),
        ],
    )
    .ok();
    assert_eq!(selected("TOKEN"), Some(sorted(vec![hello, spoon])));

    run(&emu, &["--user", "repos", "TOKEN", "--set", ""]).ok();
    assert_eq!(selected("TOKEN"), Some(vec![]));
    let none = run(&emu, &["--user", "repos", "TOKEN", "--json"])
        .ok()
        .json();
    assert_eq!(none, serde_json::json!([]));
}

#[test]
fn org_secret_visibility_and_repositories() {
    let emu = emulator();
    let repo = emu.repo_id("octo-org", "octo-repo").expect("demo repo");
    let service = emu.repo_id("octo-org", "octo-service").expect("demo repo");
    let org = Scope::org("octo-org");
    let secret = |name: &str| {
        emu.secrets(&org)
            .into_iter()
            .find(|s| s.name == name)
            .expect("stored")
    };

    run(
        &emu,
        &["--org", "octo-org", "set", "DEFAULTED", "--value", "d"],
    )
    .ok();
    assert_eq!(
        secret("DEFAULTED")
            .visibility
            .map(|v| v.to_string())
            .as_deref(),
        Some("private")
    );

    run(
        &emu,
        &[
            "--org",
            "octo-org",
            "set",
            "EVERYWHERE",
            "--value",
            "e",
            "--visibility",
            "all",
        ],
    )
    .ok();
    assert_eq!(
        secret("EVERYWHERE")
            .visibility
            .map(|v| v.to_string())
            .as_deref(),
        Some("all")
    );

    // --repos alone implies `selected`.
    run(
        &emu,
        &[
            "--org",
            "octo-org",
            "set",
            "CHOSEN",
            "--value",
            "c",
            "--repos",
            &repo.to_string(),
        ],
    )
    .ok();
    let chosen = secret("CHOSEN");
    assert_eq!(
        chosen.visibility.map(|v| v.to_string()).as_deref(),
        Some("selected")
    );
    assert_eq!(chosen.selected_repository_ids, vec![repo]);
    assert_eq!(stored(&emu, &org, "CHOSEN").as_deref(), Some("c"));

    let got = run(&emu, &["--org", "octo-org", "get", "CHOSEN", "--json"])
        .ok()
        .json();
    assert_eq!(got["visibility"], "selected");

    run(
        &emu,
        &[
            "--org",
            "octo-org",
            "repos",
            "CHOSEN",
            "--add",
            &service.to_string(),
        ],
    )
    .ok();
    assert_eq!(
        secret("CHOSEN").selected_repository_ids,
        sorted(vec![repo, service])
    );
    let listed = run(&emu, &["--org", "octo-org", "repos", "CHOSEN", "--json"])
        .ok()
        .json();
    assert_eq!(listed.as_array().map(Vec::len), Some(2));
    run(
        &emu,
        &[
            "--org",
            "octo-org",
            "repos",
            "CHOSEN",
            "--remove",
            &repo.to_string(),
        ],
    )
    .ok();
    assert_eq!(secret("CHOSEN").selected_repository_ids, vec![service]);
    run(
        &emu,
        &[
            "--org",
            "octo-org",
            "repos",
            "CHOSEN",
            "--set",
            &repo.to_string(),
        ],
    )
    .ok();
    assert_eq!(secret("CHOSEN").selected_repository_ids, vec![repo]);
    let table = run(&emu, &["--org", "octo-org", "repos", "CHOSEN"]).ok();
    assert!(table.stdout.contains("octo-org/octo-repo"), "{table:#?}");
}

#[test]
fn sync_in_every_scope() {
    let emu = emulator();
    let dir = TempDir::new("sync");
    let env_file = dir.write(
        ".env",
        "# settings\nDB_URL=postgres://db/one\nGREETING=\"hello world\"\nexport api_token=tok-123\n",
    );
    let env_path = env_file.to_str().expect("UTF-8 path");
    for (scope_flags, scope) in scopes(&emu) {
        run(
            &emu,
            &args(&scope_flags, &["set", "STALE", "--value", "old-value"]),
        )
        .ok();
        run(
            &emu,
            &args(
                &scope_flags,
                &["set", "DB_URL", "--value", "postgres://db/zero"],
            ),
        )
        .ok();
        emu.clear_log();

        let plan = run(
            &emu,
            &args(
                &scope_flags,
                &["sync", "--env-file", env_path, "--dry-run", "--prune"],
            ),
        )
        .ok();
        assert_eq!(writes(&emu), 0, "a dry run sends no write: {plan:#?}");
        // Words, not spacing: the SDK's report decides the layout.
        let lines: Vec<String> = plan
            .stdout
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        assert_eq!(
            lines,
            [
                // Set outside `sync`, so the state has no record of its value.
                "update DB_URL (untracked)",
                "create GREETING",
                "create API_TOKEN",
                "delete STALE",
                "dry run: 4 changes planned, 0 unchanged, nothing sent",
            ],
            "{plan:#?}"
        );
        assert_eq!(plan.stderr, "", "no progress bar without a terminal");
        for value in ["postgres://db/one", "hello world", "tok-123", "old-value"] {
            plan.never_shows(value);
        }
        assert_eq!(
            stored(&emu, &scope, "DB_URL").as_deref(),
            Some("postgres://db/zero")
        );

        let applied = run(
            &emu,
            &args(&scope_flags, &["sync", "--env-file", env_path, "--prune"]),
        )
        .ok();
        assert!(
            applied
                .stdout
                .ends_with("2 created, 1 updated, 0 unchanged, 1 deleted, 0 failed\n"),
            "{applied:#?}"
        );
        assert_eq!(applied.stderr, "", "no progress bar without a terminal");
        assert_eq!(
            stored(&emu, &scope, "DB_URL").as_deref(),
            Some("postgres://db/one")
        );
        assert_eq!(
            stored(&emu, &scope, "GREETING").as_deref(),
            Some("hello world")
        );
        assert_eq!(
            stored(&emu, &scope, "API_TOKEN").as_deref(),
            Some("tok-123")
        );
        assert_eq!(stored(&emu, &scope, "STALE"), None);

        // Without --prune nothing is deleted; the state (on by default) knows the values
        // were sent by the last sync, so nothing is sent again.
        run(&emu, &args(&scope_flags, &["set", "EXTRA", "--value", "x"])).ok();
        emu.clear_log();
        let again = run(&emu, &args(&scope_flags, &["sync", "--env-file", env_path])).ok();
        assert!(
            again
                .stdout
                .ends_with("0 created, 0 updated, 3 unchanged, 0 deleted, 0 failed\n"),
            "{again:#?}"
        );
        assert_eq!(writes(&emu), 0, "{again:#?}");
        assert_eq!(stored(&emu, &scope, "EXTRA").as_deref(), Some("x"));
        // --force and --no-state send every value.
        for flag in ["--force", "--no-state"] {
            let sent = run(
                &emu,
                &args(&scope_flags, &["sync", "--env-file", env_path, flag]),
            )
            .ok();
            assert!(
                sent.stdout
                    .ends_with("0 created, 3 updated, 0 unchanged, 0 deleted, 0 failed\n"),
                "{flag}: {sent:#?}"
            );
        }
    }
}

#[test]
fn sync_with_failed_items_exits_1_after_reporting_each() {
    let emu = emulator();
    let dir = TempDir::new("sync-limit");
    // GitHub allows 100 secrets per repository: the 101st is refused.
    let lines: String = (0..101).map(|i| format!("S{i:03}=value-{i}\n")).collect();
    let env_file = dir.write(".env", &lines);
    let run = run(
        &emu,
        &[
            "--repo",
            "octocat/Spoon-Knife",
            "sync",
            "--env-file",
            env_file.to_str().expect("UTF-8 path"),
        ],
    )
    .fails_with(1);
    assert!(
        run.stdout
            .contains("100 created, 0 updated, 0 unchanged, 0 deleted, 1 failed"),
        "{run:#?}"
    );
    assert!(run.stdout.contains("  S100: "), "{run:#?}");
    assert!(
        run.stderr.contains("failed for 1 of 101 changes"),
        "{run:#?}"
    );
    run.never_shows("value-100");
    assert_eq!(
        emu.secrets(&Scope::repo("octocat", "Spoon-Knife")).len(),
        100
    );
}

#[test]
fn sync_json_reports_the_plan_and_each_outcome() {
    let emu = emulator();
    let dir = TempDir::new("sync-json");
    let repo_flags = ["--repo", "octocat/Spoon-Knife"];
    run(
        &emu,
        &args(&repo_flags, &["set", "KEEP", "--value", "k-old"]),
    )
    .ok();
    run(
        &emu,
        &args(&repo_flags, &["set", "STALE", "--value", "s-old"]),
    )
    .ok();
    let env_file = dir.write(".env", "KEEP=k-new\nFRESH=f-new\n");
    let env_path = env_file.to_str().expect("UTF-8 path");
    emu.clear_log();

    let plan = run(
        &emu,
        &args(
            &repo_flags,
            &[
                "sync",
                "--env-file",
                env_path,
                "--prune",
                "--dry-run",
                "--json",
            ],
        ),
    )
    .ok();
    assert_eq!(writes(&emu), 0, "a dry run sends no write: {plan:#?}");
    assert_eq!(
        plan.json(),
        serde_json::json!({
            "dry_run": true,
            "plan": [
                {"name": "KEEP", "action": "update", "reason": "untracked"},
                {"name": "FRESH", "action": "create", "reason": "new"},
                {"name": "STALE", "action": "delete"},
            ],
            "created": [], "updated": [], "unchanged": [], "deleted": [], "failed": [],
        })
    );

    let applied = run(
        &emu,
        &args(
            &repo_flags,
            &["sync", "--env-file", env_path, "--prune", "--json"],
        ),
    )
    .ok();
    let report = applied.json();
    assert_eq!(report["dry_run"], false);
    assert_eq!(report["created"], serde_json::json!(["FRESH"]));
    assert_eq!(report["updated"], serde_json::json!(["KEEP"]));
    assert_eq!(report["deleted"], serde_json::json!(["STALE"]));
    assert_eq!(report["failed"], serde_json::json!([]));
    let repo = Scope::repo("octocat", "Spoon-Knife");
    assert_eq!(stored(&emu, &repo, "KEEP").as_deref(), Some("k-new"));
    assert_eq!(stored(&emu, &repo, "STALE"), None);
    for value in ["k-new", "f-new", "k-old", "s-old"] {
        applied.never_shows(value);
    }

    // A refused item: listed with the SDK's code and GitHub's status, and the run exits 1.
    let full: String = (0..99).map(|i| format!("S{i:03}=value-{i}\n")).collect();
    let over = dir.write("over.env", &full);
    let refused = run(
        &emu,
        &args(
            &repo_flags,
            &[
                "sync",
                "--env-file",
                over.to_str().expect("UTF-8 path"),
                "--json",
            ],
        ),
    )
    .fails_with(1);
    let report = refused.json();
    assert_eq!(
        report["created"].as_array().map(Vec::len),
        Some(98),
        "{refused:#?}"
    );
    let failed = report["failed"].as_array().expect("failed is a list");
    assert_eq!(failed.len(), 1, "{refused:#?}");
    assert_eq!(failed[0]["name"], "S098");
    assert_eq!(failed[0]["code"], "VALIDATION_FAILED");
    assert_eq!(failed[0]["status"], 422);
    assert!(failed[0]["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert!(
        refused.stderr.contains("failed for 1 of 99 changes"),
        "{refused:#?}"
    );
    refused.never_shows("value-98");
}

#[test]
fn help_documents_the_environment_and_exit_codes() {
    let help = Cli::bare(&["--help"]).run().ok();
    for needle in [
        "GITHUB_TOKEN",
        "GH_TOKEN",
        "GITHUB_API_URL",
        "CODESPACES_SECRETS_WRITE_INTERVAL_MS",
        "--write-interval-ms",
        "Exit status",
    ] {
        assert!(help.stdout.contains(needle), "{needle} missing: {help:#?}");
    }
    let version = Cli::bare(&["--version"]).run().ok();
    assert!(
        version.stdout.starts_with("codespaces-secrets "),
        "{version:#?}"
    );
}

#[test]
fn write_interval_flag_and_environment_are_honoured() {
    let emu = emulator();
    let dir = TempDir::new("interval");
    let env_file = dir.write(".env", "A=1\nB=2\nC=3\n");
    let path = env_file.to_str().expect("UTF-8 path");
    let started = std::time::Instant::now();
    Cli::new(
        &emu,
        &[
            "--write-interval-ms",
            "150",
            "--user",
            "sync",
            "--env-file",
            path,
        ],
    )
    .env("CODESPACES_SECRETS_WRITE_INTERVAL_MS", None)
    .run()
    .ok();
    assert!(started.elapsed() >= std::time::Duration::from_millis(300));
    let started = std::time::Instant::now();
    Cli::new(&emu, &["--user", "sync", "--env-file", path, "--no-state"])
        .env("CODESPACES_SECRETS_WRITE_INTERVAL_MS", Some("150"))
        .run()
        .ok();
    assert!(started.elapsed() >= std::time::Duration::from_millis(300));
}

fn sorted(mut ids: Vec<i64>) -> Vec<i64> {
    ids.sort_unstable();
    ids
}

/// The issue users hit: updating an org secret's value must not change who can read it.
#[test]
fn updating_an_org_secrets_value_keeps_who_can_read_it() {
    let emu = emulator();
    let repo = emu.repo_id("octo-org", "octo-repo").expect("demo repo");
    let service = emu.repo_id("octo-org", "octo-service").expect("demo repo");
    let ids = format!("{repo},{service}");
    let org = ["--org", "octo-org"];
    run(
        &emu,
        &args(
            &org,
            &[
                "set",
                "K",
                "--value",
                "a",
                "--visibility",
                "selected",
                "--repos",
                &ids,
            ],
        ),
    )
    .ok();
    run(&emu, &args(&org, &["set", "K", "--value", "b"])).ok();
    let got = run(&emu, &args(&org, &["get", "K", "--json"])).ok().json();
    assert_eq!(got["visibility"], "selected");
    let listed = run(&emu, &args(&org, &["repos", "K", "--json"]))
        .ok()
        .json();
    let mut listed: Vec<i64> = listed
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|r| r["id"].as_i64())
        .collect();
    listed.sort_unstable();
    assert_eq!(listed, sorted(vec![repo, service]));
    assert_eq!(
        stored(&emu, &Scope::org("octo-org"), "K").as_deref(),
        Some("b")
    );

    run(
        &emu,
        &args(&org, &["set", "ALL", "--value", "a", "--visibility", "all"]),
    )
    .ok();
    let dir = TempDir::new("org-sync");
    let env = dir.write("org.env", "ALL=b\nK=c\n");
    run(
        &emu,
        &args(
            &org,
            &[
                "sync",
                "--env-file",
                env.to_str().expect("UTF-8"),
                "--no-state",
            ],
        ),
    )
    .ok();
    let all = run(&emu, &args(&org, &["get", "ALL", "--json"]))
        .ok()
        .json();
    assert_eq!(all["visibility"], "all");
    let listed = run(&emu, &args(&org, &["repos", "K", "--json"]))
        .ok()
        .json();
    assert_eq!(listed.as_array().map(Vec::len), Some(2));
}
