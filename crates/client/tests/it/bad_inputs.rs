//! Bad input of every kind is refused with a clear error before any request: the emulator's
//! log stays empty.

use std::io::Write;

use crate::common::*;
use codespaces_secrets::{Client, Error, SetOptions, SyncOptions, Visibility};

fn assert_invalid(what: &str, result: Result<impl std::fmt::Debug, Error>, expected: &str) {
    let err = result.expect_err(what);
    assert_eq!(err.code(), "INVALID_INPUT", "{what}: {err}");
    let message = err.to_string();
    assert!(
        message.contains(expected),
        "{what}: {message:?} lacks {expected:?}"
    );
}

#[tokio::test]
async fn bad_names_values_ids_and_scopes_never_reach_the_server() {
    let emu = emulator();
    let client = client(&emu);
    let repo = client.repo(OWNER, REPO);
    let user = client.user();
    let org = client.org(ORG);
    let too_big = "x".repeat(48 * 1024 + 1);

    let bad_names = [
        ("", "it is empty"),
        ("GITHUB_TOKEN", "reserved"),
        ("github_x", "reserved"),
        ("Github_Y", "reserved"),
        ("1ABC", "starts with a digit"),
        ("9", "starts with a digit"),
        ("MY-SECRET", "'-'"),
        ("MY SECRET", "' '"),
        ("MY.SECRET", "'.'"),
        ("ÄPFEL", "'Ä'"),
        ("A/B", "'/'"),
        ("NAME\n", "'\\n'"),
        ("semi;colon", "';'"),
    ];
    for (name, expected) in bad_names {
        assert_invalid(name, repo.set(name, "v").await, expected);
        assert_invalid(name, repo.get(name).await, expected);
        assert_invalid(name, repo.delete(name).await, expected);
    }
    assert_invalid("user set", user.set("GITHUB_A", "v").await, "reserved");
    assert_invalid("org repos", org.repositories("1X").await, "digit");

    assert_invalid(
        "value too large",
        repo.set("BIG", too_big.as_str()).await,
        "49153 bytes",
    );
    assert_invalid(
        "bytes too large",
        repo.set("BIG", vec![0u8; 60_000]).await,
        "60000 bytes",
    );

    assert_invalid(
        "repo id 0",
        user.add_repository("A", 0).await,
        "not a repository id",
    );
    assert_invalid(
        "repo id negative",
        user.remove_repository("A", -5).await,
        "-5",
    );
    assert_invalid(
        "set repos with 0",
        user.set_repositories("A", [1, 0]).await,
        "0 is not",
    );
    assert_invalid("org repo id", org.add_repository("A", -1).await, "-1");
    let user_with_bad_id = SetOptions::new().repositories([-2]);
    assert_invalid(
        "user option id",
        user.set_with("A", "v", user_with_bad_id).await,
        "-2",
    );
    let user_visibility = SetOptions::new().visibility(Visibility::All);
    assert_invalid(
        "user visibility",
        user.set_with("A", "v", user_visibility).await,
        "no visibility",
    );
    let org_ids_not_selected = SetOptions::new()
        .visibility(Visibility::All)
        .repositories([1]);
    assert_invalid(
        "org ids need selected",
        org.set_with("A", "v", org_ids_not_selected).await,
        "selected",
    );

    assert_invalid("empty owner", client.repo("", REPO).list().await, "owner");
    assert_invalid(
        "bad owner",
        client.repo("octo cat", REPO).set("A", "v").await,
        "owner",
    );
    assert_invalid(
        "owner dash",
        client.repo("-octo", REPO).public_key().await,
        "owner",
    );
    assert_invalid(
        "long owner",
        client.repo("a".repeat(40), REPO).list().await,
        "owner",
    );
    assert_invalid("empty repo", client.repo(OWNER, "").get("A").await, "repo");
    assert_invalid(
        "dotdot repo",
        client.repo(OWNER, "..").delete("A").await,
        "repo",
    );
    assert_invalid("slash repo", client.repo(OWNER, "a/b").list().await, "repo");
    assert_invalid("bad org", client.org("octo/org").list().await, "org");
    assert_invalid("empty org", client.org("").set("A", "v").await, "org");

    let bulk = repo
        .set_many([("GOOD", "1"), ("GITHUB_BAD", "2"), ("ALSO-BAD", "3")])
        .await;
    assert_invalid("bulk", bulk, "2 of 3 items are invalid, nothing was sent");
    let dup = repo.set_many([("SAME", "1"), ("same", "2")]).await;
    assert_invalid("bulk duplicate", dup, "appears more than once");
    let big = repo
        .set_many([("OK", "1".to_owned()), ("HUGE", too_big.clone())])
        .await;
    assert_invalid("bulk value", big, "49153 bytes");

    assert!(
        api_log(&emu).is_empty(),
        "requests were sent: {:?}",
        api_log(&emu)
    );
}

#[tokio::test]
async fn bad_env_files_are_refused_before_any_request() {
    let emu = emulator();
    let repo = client(&emu).repo(OWNER, REPO);
    let dir = std::env::temp_dir().join(format!("cs-bad-env-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases = [
        ("reserved.env", "GOOD=1\nGITHUB_TOKEN=x\n", "reserved"),
        ("digit.env", "1BAD=x\n", "digit"),
        ("dash.env", "MY-KEY=x\n", "entry 1 does not parse"),
        ("dup.env", "KEY=1\nkey=2\n", "more than once"),
        ("syntax.env", "KEY='unterminated\n", "not a valid .env file"),
        (
            "huge.env",
            &format!("BIG={}\n", "y".repeat(50_000)),
            "50000 bytes",
        ),
    ];
    for (file, content, expected) in cases {
        let path = dir.join(file);
        std::fs::File::create(&path)
            .unwrap()
            .write_all(content.as_bytes())
            .unwrap();
        let options = SyncOptions {
            dry_run: false,
            prune: true,
            ..SyncOptions::default()
        };
        assert_invalid(file, repo.sync_env_file(&path, options).await, expected);
    }
    let missing = dir.join("missing.env");
    assert_invalid(
        "missing",
        repo.sync_env_file(&missing, SyncOptions::default()).await,
        "cannot read",
    );
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(
        api_log(&emu).is_empty(),
        "requests were sent: {:?}",
        api_log(&emu)
    );
}

#[test]
fn bad_configuration_is_refused_when_building() {
    let cases: [(&str, Option<&str>, Option<&str>, &str); 8] = [
        (
            "plain http to a remote host",
            Some("t"),
            Some("http://api.github.com"),
            "clear text",
        ),
        (
            "not a url",
            Some("t"),
            Some("api.github.com"),
            "not a valid URL",
        ),
        ("ftp", Some("t"), Some("ftp://example.com"), "https://"),
        (
            "credentials in url",
            Some("t"),
            Some("https://user:pw@ghe.example.com"),
            "credentials",
        ),
        (
            "query in url",
            Some("t"),
            Some("https://ghe.example.com/api?x=1"),
            "query",
        ),
        (
            "empty token",
            Some("  "),
            Some("https://api.github.com"),
            "empty",
        ),
        (
            "token with a space",
            Some("ab cd"),
            Some("https://api.github.com"),
            "spaces",
        ),
        (
            "token with a newline",
            Some("ab\ncd"),
            Some("https://api.github.com"),
            "spaces",
        ),
    ];
    for (what, token, url, expected) in cases {
        let mut builder = Client::builder();
        if let Some(token) = token {
            builder = builder.token(token);
        }
        if let Some(url) = url {
            builder = builder.base_url(url);
        }
        assert_invalid(what, builder.build(), expected);
    }
    let agent = Client::builder()
        .token("t")
        .base_url("https://x.example")
        .user_agent("bad\nagent");
    assert_invalid("user agent", agent.build(), "user agent");
}
