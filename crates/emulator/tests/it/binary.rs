//! The `codespaces-secrets-emulator` command: start-up output, flags, start time.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

struct Running {
    child: Child,
    base_url: String,
    token: String,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(args: &[&str]) -> (Running, Duration) {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_codespaces-secrets-emulator"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn the emulator");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let mut next = |prefix: &str| -> String {
        let line = lines.next().expect("a line").expect("utf-8");
        line.strip_prefix(prefix)
            .unwrap_or_else(|| panic!("expected {prefix}..., got {line}"))
            .to_owned()
    };
    let base_url = next("GITHUB_API_URL=");
    let token = next("GITHUB_TOKEN=");
    let elapsed = started.elapsed();
    (
        Running {
            child,
            base_url,
            token,
        },
        elapsed,
    )
}

/// A tiny blocking HTTP/1.1 GET, so these tests need no async runtime.
fn get(running: &Running, path: &str) -> (u16, Value) {
    let address = running.base_url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nUser-Agent: tests\r\nAuthorization: Bearer {}\r\nConnection: close\r\n\r\n",
        running.token
    )
    .expect("write");
    let mut raw = String::new();
    stream.read_to_string(&mut raw).expect("read");
    let status = raw[9..12].parse().expect("status");
    let body = raw.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or("");
    (status, serde_json::from_str(body).unwrap_or(Value::Null))
}

#[test]
fn prints_url_and_token_and_starts_in_under_a_second() {
    let (running, elapsed) = start(&[]);
    assert!(running.base_url.starts_with("http://127.0.0.1:"));
    assert!(running.token.starts_with("ghp_"));
    assert!(elapsed < Duration::from_secs(1), "started in {elapsed:?}");
    let (status, body) = get(&running, "/user/codespaces/secrets");
    assert_eq!(status, 200);
    assert_eq!(body["total_count"], 0);
    let (status, _) = get(&running, "/repos/octocat/Hello-World/codespaces/secrets");
    assert_eq!(status, 200, "demo data exists by default");
}

#[test]
fn flags_seed_the_state() {
    let (running, _) = start(&[
        "--token",
        "flag-token",
        "--user",
        "alice",
        "--repo",
        "alice/app",
        "--repo",
        "acme/site",
        "--org",
        "initech",
        "--no-demo-data",
    ]);
    assert_eq!(running.token, "flag-token");
    for path in [
        "/repos/alice/app/codespaces/secrets",
        "/repos/acme/site/codespaces/secrets",
        "/orgs/acme/codespaces/secrets",
        "/orgs/initech/codespaces/secrets",
    ] {
        assert_eq!(get(&running, path).0, 200, "{path}");
    }
    assert_eq!(
        get(&running, "/repos/alice/Hello-World/codespaces/secrets").0,
        404
    );
    assert_eq!(get(&running, "/orgs/octo-org/codespaces/secrets").0, 404);
    let (_, info) = get(&running, "/_emulator/info");
    assert_eq!(info["user_login"], "alice");
}

#[test]
fn fault_flags() {
    let (running, _) = start(&["--error-rate", "1", "--seed", "3"]);
    let (status, body) = get(&running, "/user/codespaces/secrets");
    assert!([500, 502, 503].contains(&status), "{status}");
    assert!(body["message"].is_string());
    let (_, faults) = get(&running, "/_emulator/faults");
    assert_eq!(faults["seed"], 3);
    assert_eq!(faults["server_error_rate"], 1.0);

    let (running, _) = start(&[
        "--latency-range-ms",
        "5-10",
        "--rate-limit",
        "1",
        "--rate-limit-window-secs",
        "60",
        "--secondary-min-interval-ms",
        "1000",
        "--secondary-status",
        "429",
        "--drop-rate",
        "0",
    ]);
    let (_, faults) = get(&running, "/_emulator/faults");
    assert_eq!(
        faults["latency"],
        serde_json::json!({ "min_ms": 5, "max_ms": 10 })
    );
    assert_eq!(faults["primary_rate_limit"]["limit"], 1);
    assert_eq!(faults["secondary_rate_limit"]["status"], 429);
    assert_eq!(
        faults["secondary_rate_limit"]["min_write_interval_ms"],
        1000
    );
    assert_eq!(get(&running, "/user/codespaces/secrets").0, 200);
    assert_eq!(get(&running, "/user/codespaces/secrets").0, 403);
}

#[test]
fn any_secondary_flag_turns_the_limit_on_with_the_defaults_for_the_rest() {
    let (running, _) = start(&["--secondary-status", "429"]);
    let (_, faults) = get(&running, "/_emulator/faults");
    assert_eq!(
        faults["secondary_rate_limit"],
        serde_json::json!({
            "min_write_interval_ms": 1000,
            "max_concurrent_writes": 1,
            "status": 429,
            "retry_after_s": 60,
        })
    );
}

#[test]
fn bad_flags_are_refused() {
    for args in [
        &["--repo", "no-slash"][..],
        &["--repo=-bad/name"],
        &["--repo", "a/b/c"],
        &["--error-rate", "2"],
        &["--secondary-status", "500"],
        &["--latency-range-ms", "9-1"],
        &["--latency-ms", "5", "--latency-range-ms", "1-2"],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_codespaces-secrets-emulator"))
            .args(args)
            .output()
            .expect("run");
        assert!(!output.status.success(), "{args:?} must be refused");
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn register_app_writes_the_apps_credentials_for_its_owner_only() {
    let dir = std::env::temp_dir().join(format!("emulator-app-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("app.json");
    let (running, _) = start(&["--register-app", file.to_str().expect("UTF-8 path")]);
    let text = std::fs::read_to_string(&file).expect("written before the URL is printed");
    let app: Value = serde_json::from_str(&text).expect("JSON");
    assert!(app["id"].is_u64());
    assert!(
        app["client_id"]
            .as_str()
            .is_some_and(|c| c.starts_with("Iv23li"))
    );
    assert!(app["slug"].is_string());
    let pem = app["private_key_pem"].as_str().expect("key");
    assert!(pem.starts_with("-----BEGIN RSA PRIVATE KEY-----"));
    crate::app_support::load_key(pem);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&file)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    drop(running);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn repositories_come_from_a_file_and_from_flags() {
    let file = std::env::temp_dir().join(format!("emulator-repos-{}.json", std::process::id()));
    std::fs::write(
        &file,
        r#"[{"owner": "fleet", "name": "api", "topics": ["backend"]}, {"owner": "fleet", "name": "old", "archived": true}]"#,
    )
    .expect("write the file");
    let (running, _) = start(&[
        "--repositories",
        file.to_str().expect("utf-8 path"),
        "--repo-topics",
        "fleet/web=frontend,React",
    ]);
    let (status, body) = get(&running, "/orgs/fleet/repos");
    let _ = std::fs::remove_file(&file);
    assert_eq!(status, 200, "{body}");
    let summary: Vec<(String, Value, Value)> = body
        .as_array()
        .expect("array")
        .iter()
        .map(|r| {
            (
                r["name"].as_str().expect("name").to_owned(),
                r["topics"].clone(),
                r["archived"].clone(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "api".to_owned(),
                serde_json::json!(["backend"]),
                Value::Bool(false)
            ),
            ("old".to_owned(), serde_json::json!([]), Value::Bool(true)),
            (
                "web".to_owned(),
                serde_json::json!(["frontend", "react"]),
                Value::Bool(false)
            ),
        ]
    );
}

#[test]
fn a_bad_repositories_file_is_a_usage_error() {
    let status = Command::new(env!("CARGO_BIN_EXE_codespaces-secrets-emulator"))
        .args(["--repositories", "/nonexistent/repos.json"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run");
    assert_eq!(status.code(), Some(2));
}

#[test]
fn api_versions_can_be_narrowed_by_flag() {
    let (running, _) = start(&["--api-versions", "2026-03-10"]);
    // Without the header, the oldest served version.
    let (status, _) = get(&running, "/user/codespaces/secrets");
    assert_eq!(status, 200);
    let status = Command::new(env!("CARGO_BIN_EXE_codespaces-secrets-emulator"))
        .args(["--api-versions", "2022-11-28,2021-01-01"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run");
    assert_eq!(status.code(), Some(2));
}
