//! Text a server controls never reaches the terminal as control characters: names in a
//! listing and the message of an error are shown escaped, on their own line.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

use crate::common::Cli;

/// A server on 127.0.0.1 that answers every request with `status` and `body`.
fn hostile(status: &'static str, body: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let reply = format!(
                "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = (&stream).write_all(reply.as_bytes());
        }
    });
    base
}

fn run(base: &str, args: &[&str]) -> (String, String) {
    let output = Cli::bare(args)
        .env("GITHUB_API_URL", Some(base))
        .env("GITHUB_TOKEN", Some("tok_SECRET_123"))
        .run();
    (output.stdout, output.stderr)
}

fn assert_no_controls(text: &str) {
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "a control character reached the terminal: {text:?}"
    );
}

#[test]
fn names_in_a_listing_are_escaped_one_row_each() {
    let base = hostile(
        "200 OK",
        r#"{"total_count":1,"secrets":[{"name":"EVIL\u001b]0;pwned\u0007\nFAKE_ROW","created_at":"2020-01-01T00:00:00Z","updated_at":"2020-01-01T00:00:00Z"}]}"#,
    );
    let (stdout, _) = run(&base, &["--repo", "octocat/hello-world", "list"]);
    assert_no_controls(&stdout);
    assert_eq!(stdout.lines().count(), 2, "a header and one row: {stdout}");
    assert!(
        stdout.contains("EVIL\\x1b]0;pwned\\x07\\nFAKE_ROW"),
        "{stdout}"
    );
}

#[test]
fn an_error_message_is_escaped() {
    let base = hostile(
        "404 Not Found",
        r#"{"message":"Not Found\u001b[2J\u001b[H\nerror: fake","documentation_url":"https://docs.github.com"}"#,
    );
    let (_, stderr) = run(&base, &["--repo", "octocat/hello-world", "get", "X"]);
    assert_no_controls(&stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("Not Found\\x1b[2J"), "{stderr}");
}

#[test]
fn timeout_gives_up_on_a_stalled_server_with_exit_1() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        let held: Vec<_> = listener.incoming().flatten().collect();
        drop(held);
    });
    let started = std::time::Instant::now();
    let run = Cli::bare(&["--timeout", "0.5", "--user", "get", "X"])
        .env("GITHUB_API_URL", Some(&base))
        .env("GITHUB_TOKEN", Some("tok_SECRET_123"))
        .run();
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stderr.contains("0.5 s deadline"), "{run:#?}");
    let refused = Cli::bare(&["--timeout", "-1", "--user", "list"]).run();
    assert_eq!(refused.code, 2, "{refused:#?}");
}
