//! Invalid faults are refused through every path — the library, `PUT /_emulator/faults` and the
//! binary's flags — with one message, [`Faults::validate`]'s; a secondary limit's unset parts
//! come from [`SecondaryRateLimit::default`] on each path.

use std::process::Command;
use std::time::Duration;

use codespaces_secrets_emulator::{
    Emulator, EmulatorConfig, Faults, Latency, PrimaryRateLimit, SecondaryRateLimit, WriteQuota,
};
use serde_json::{Value, json};

use crate::harness::*;

/// One mistake, spelled for each path: the Rust value, the control route's JSON, the flags.
struct Mistake {
    faults: Faults,
    json: Value,
    flags: &'static [&'static str],
}

fn mistakes() -> Vec<Mistake> {
    vec![
        Mistake {
            faults: Faults {
                server_error_rate: 1.5,
                ..Faults::default()
            },
            json: json!({ "server_error_rate": 1.5 }),
            flags: &["--error-rate", "1.5"],
        },
        Mistake {
            faults: Faults {
                drop_connection_rate: -0.25,
                ..Faults::default()
            },
            json: json!({ "drop_connection_rate": -0.25 }),
            flags: &["--drop-rate=-0.25"],
        },
        Mistake {
            faults: Faults {
                latency: Some(Latency::Uniform {
                    min: Duration::from_millis(9),
                    max: Duration::from_millis(1),
                }),
                ..Faults::default()
            },
            json: json!({ "latency": { "min_ms": 9, "max_ms": 1 } }),
            flags: &["--latency-range-ms", "9-1"],
        },
        Mistake {
            faults: Faults {
                primary_rate_limit: Some(PrimaryRateLimit {
                    limit: 1,
                    window: Duration::ZERO,
                }),
                ..Faults::default()
            },
            json: json!({ "primary_rate_limit": { "limit": 1, "window_ms": 0 } }),
            flags: &["--rate-limit", "1", "--rate-limit-window-secs", "0"],
        },
        Mistake {
            faults: Faults {
                secondary_rate_limit: Some(SecondaryRateLimit {
                    status: 500,
                    ..SecondaryRateLimit::default()
                }),
                ..Faults::default()
            },
            json: json!({ "secondary_rate_limit": { "status": 500 } }),
            flags: &["--secondary-status", "500"],
        },
        Mistake {
            faults: Faults {
                write_quota: Some(WriteQuota {
                    time_scale: 0.0,
                    ..WriteQuota::default()
                }),
                ..Faults::default()
            },
            json: json!({ "write_quota": { "time_scale": 0.0 } }),
            flags: &["--write-quota-time-scale", "0"],
        },
        Mistake {
            faults: Faults {
                write_quota: Some(WriteQuota {
                    per_minute: 0,
                    ..WriteQuota::default()
                }),
                ..Faults::default()
            },
            json: json!({ "write_quota": { "per_minute": 0 } }),
            flags: &["--write-quota-per-minute", "0"],
        },
    ]
}

fn message_of(faults: &Faults) -> String {
    faults.validate().expect_err("a mistake").to_string()
}

#[test]
fn the_library_refuses_and_keeps_the_faults_in_force() {
    let emulator = Emulator::start(EmulatorConfig::default()).expect("start");
    let in_force = Faults {
        seed: 5,
        server_error_rate: 0.5,
        ..Faults::default()
    };
    emulator.set_faults(in_force.clone()).expect("valid faults");
    for mistake in mistakes() {
        let expected = message_of(&mistake.faults);
        let refused = emulator.set_faults(mistake.faults).expect_err(&expected);
        assert_eq!(refused.to_string(), expected);
        assert_eq!(emulator.faults(), in_force, "{expected}");
    }
}

#[test]
fn start_refuses_invalid_faults_as_invalid_input() {
    for mistake in mistakes() {
        let expected = message_of(&mistake.faults);
        let refused = Emulator::start(EmulatorConfig {
            faults: mistake.faults,
            ..EmulatorConfig::default()
        })
        .expect_err(&expected);
        assert_eq!(refused.kind(), std::io::ErrorKind::InvalidInput);
        assert_eq!(refused.to_string(), expected);
    }
}

#[tokio::test]
async fn the_control_route_answers_422_with_the_same_message() {
    let h = Harness::new();
    for mistake in mistakes() {
        let expected = message_of(&mistake.faults);
        let response = h
            .http
            .put(h.url("/_emulator/faults"))
            .json(&mistake.json)
            .send()
            .await
            .expect("PUT faults");
        let body = json_of(response, 422).await;
        assert_eq!(body["message"], expected.as_str());
        assert_eq!(h.emulator.faults(), Faults::default(), "{expected}");
    }
}

#[test]
fn the_binary_refuses_the_flags_with_the_same_message() {
    for mistake in mistakes() {
        let expected = message_of(&mistake.faults);
        let output = Command::new(env!("CARGO_BIN_EXE_codespaces-secrets-emulator"))
            .args(mistake.flags)
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(output.stdout.is_empty());
        assert!(stderr.contains(&expected), "{expected:?} not in {stderr}");
        assert!(stderr.contains(mistake.flags[0].split('=').next().unwrap_or("")));
    }
}

#[tokio::test]
async fn a_partial_secondary_limit_takes_the_defaults() {
    let h = Harness::new();
    let response = h
        .http
        .put(h.url("/_emulator/faults"))
        .json(&json!({ "secondary_rate_limit": { "status": 429 } }))
        .send()
        .await
        .expect("PUT faults");
    json_of(response, 200).await;
    assert_eq!(
        h.emulator.faults().secondary_rate_limit,
        Some(SecondaryRateLimit {
            status: 429,
            ..SecondaryRateLimit::default()
        })
    );
}
