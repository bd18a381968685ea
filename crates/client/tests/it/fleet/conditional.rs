//! Conditional reads and the rate budget: an unchanged fleet re-checked costs the token no
//! primary rate limit; a change elsewhere costs exactly its scope's list; our own writes never
//! hide behind a kept answer; without a state (or an ETag) reads are plain; a plan says when
//! the apply needs more than the token has left, and the apply waits for the reset.

use std::time::{Duration, Instant};

use codespaces_secrets::fleet::{ApplyOptions, ChangeAction, ChangeReason, PlanOptions};
use codespaces_secrets_emulator::{Emulator, EmulatorConfig, Faults, PrimaryRateLimit, RepoSpec};

use super::support::*;
use crate::raw;

const BIG: &str = r#"version = 1
name = "platform"
[secrets.NPM_TOKEN]
from = { file = "npm.txt" }
repos_where = [{ org = "big-org", name = "svc-*" }]
"#;

fn big_fleet(test: &str, faults: Faults) -> Fleet {
    let emu = Emulator::start(EmulatorConfig {
        faults,
        ..EmulatorConfig::default()
    })
    .expect("emulator");
    let specs: Vec<RepoSpec> = (0..200)
        .map(|i| RepoSpec::new(format!("big-org/svc-{i:03}").parse().expect("valid")))
        .collect();
    emu.add_repositories(&specs);
    let fleet = Fleet::on(emu, test);
    fleet.dir.write("big.toml", BIG);
    fleet
}

#[tokio::test]
async fn an_unchanged_fleet_costs_no_primary_rate_limit() {
    let fleet = big_fleet("cond-200", Faults::default());
    let manifest = fleet.manifest_text("big.toml", BIG);
    fleet.converge(&manifest).await;
    // The plan after the apply fills the cache for every list it reads.
    fleet.plan(&manifest).await;

    let counted = fleet.emu.primary_requests_counted();
    let check = fleet.plan(&manifest).await;
    assert!(!check.summary.has_changes());
    let totals = &check.summary.totals;
    // One list per scope, plus the organization's two pages of repositories.
    assert_eq!(totals.reads, 200 + 2, "{totals:?}");
    assert_eq!(totals.not_modified, totals.reads, "every read was a 304");
    assert_eq!(
        fleet.emu.primary_requests_counted(),
        counted,
        "a free check"
    );

    // A value changed elsewhere: exactly that scope's list is a 200.
    next_second().await;
    fleet
        .client
        .repo("big-org", "svc-042")
        .set("NPM_TOKEN", "by-hand")
        .await
        .expect("set by hand");
    let counted = fleet.emu.primary_requests_counted();
    let plan = fleet.plan(&manifest).await;
    assert_eq!(fleet.emu.primary_requests_counted(), counted + 1);
    assert_eq!(
        plan.summary.totals.not_modified,
        plan.summary.totals.reads - 1
    );
    let write = only_write(&plan);
    assert_eq!(write.scope, "repos/big-org/svc-042");
    assert_eq!(write.reason, Some(ChangeReason::ChangedElsewhere));

    // Our own write: the kept list of that scope must not stand in for the fresh one.
    fleet.apply(&plan).await;
    let after = fleet.plan(&manifest).await;
    assert!(!after.summary.has_changes(), "{}", after.summary);
    let scope = codespaces_secrets_emulator::Scope::repo("big-org", "svc-042");
    assert_eq!(
        fleet.value(&scope, "NPM_TOKEN").as_deref(),
        Some("npm-value-1")
    );
}

#[tokio::test]
async fn without_a_state_reads_are_plain() {
    let fleet = big_fleet("cond-nostate", Faults::default());
    let manifest = fleet.manifest_text("big.toml", BIG);
    fleet.converge(&manifest).await;
    for _ in 0..2 {
        let counted = fleet.emu.primary_requests_counted();
        let plan = fleet
            .client
            .plan(&manifest, &PlanOptions::default())
            .await
            .expect("plan");
        assert_eq!(plan.summary.totals.not_modified, 0);
        assert_eq!(
            fleet.emu.primary_requests_counted() - counted,
            plan.summary.totals.reads
        );
    }
    let off = PlanOptions {
        conditional_reads: Some(false),
        ..fleet.options()
    };
    let plan = fleet.client.plan(&manifest, &off).await.expect("plan");
    assert_eq!(
        plan.summary.totals.not_modified, 0,
        "the setting turns them off"
    );
}

/// A server answering one repository's empty secret list, with or without an ETag.
async fn one_repo_server(etag: bool) -> raw::RawServer {
    raw::serve("127.0.0.1", move |line, _| {
        let mut headers = vec![("Content-Type".to_owned(), "application/json".to_owned())];
        if etag {
            headers.push(("ETag".to_owned(), "W/\"abc\"".to_owned()));
        }
        if line.starts_with("GET /repos/o/r/codespaces/secrets") {
            (
                "200 OK".into(),
                headers,
                "{\"total_count\":0,\"secrets\":[]}".into(),
            )
        } else {
            (
                "404 Not Found".into(),
                headers,
                "{\"message\":\"Not Found\"}".into(),
            )
        }
    })
    .await
}

fn raw_client(base: &str) -> codespaces_secrets::Client {
    codespaces_secrets::Client::builder()
        .token("tok")
        .base_url(base)
        .write_interval(Duration::ZERO)
        .build()
        .expect("client")
}

#[tokio::test]
async fn no_if_none_match_without_a_state_or_without_etags() {
    let dir = Dir::new("cond-raw");
    dir.write("v.txt", "v");
    dir.write(
        "m.toml",
        "version = 1\nname = \"p\"\n[secrets.A]\nfrom = { file = \"v.txt\" }\nrepos = [\"o/r\"]\n",
    );
    let manifest = codespaces_secrets::fleet::Manifest::from_file(dir.path("m.toml")).expect("m");
    let with_state = PlanOptions {
        state: Some(dir.path("state.json")),
        state_key_file: Some(dir.path("state.key")),
        ..PlanOptions::default()
    };
    for (etag, options) in [(true, PlanOptions::default()), (false, with_state.clone())] {
        let server = one_repo_server(etag).await;
        let client = raw_client(&server.base);
        for _ in 0..2 {
            let plan = client.plan(&manifest, &options).await.expect("plan");
            assert_eq!(plan.summary.changes[0].action, ChangeAction::Create);
        }
        let seen = server.seen.lock().expect("log");
        assert_eq!(seen.len(), 2);
        assert!(
            seen.iter().all(|s| s.header("if-none-match").is_none()),
            "etag {etag}"
        );
    }
    // With a state and ETags, the second plan asks conditionally.
    let server = one_repo_server(true).await;
    let client = raw_client(&server.base);
    for _ in 0..2 {
        client.plan(&manifest, &with_state).await.expect("plan");
    }
    let seen = server.seen.lock().expect("log");
    assert_eq!(seen[1].header("if-none-match"), Some("W/\"abc\""));
}

#[tokio::test]
async fn a_reset_past_any_clock_fails_at_once_saying_so() {
    let server = raw::serve("127.0.0.1", |_, _| {
        (
            "403 Forbidden".into(),
            vec![
                ("x-ratelimit-remaining".to_owned(), "0".to_owned()),
                (
                    "x-ratelimit-reset".to_owned(),
                    "18446744073709551615".to_owned(),
                ),
            ],
            "{\"message\":\"API rate limit exceeded\"}".into(),
        )
    })
    .await;
    let started = Instant::now();
    let error = raw_client(&server.base)
        .user()
        .list()
        .await
        .expect_err("refused");
    assert_eq!(error.code(), "RATE_LIMITED");
    assert!(
        error.to_string().contains("too far in the future"),
        "{error}"
    );
    assert!(started.elapsed() < Duration::from_secs(2), "no back-off");
    assert_eq!(server.seen.lock().expect("log").len(), 1, "no retry");
}

#[tokio::test]
async fn a_plan_says_when_the_token_runs_short_and_the_apply_waits_for_the_reset() {
    // 50 requests every 3 s: the plan (about 32 reads) leaves less than the apply needs.
    let faults = Faults {
        primary_rate_limit: Some(PrimaryRateLimit {
            limit: 50,
            window: Duration::from_secs(3),
        }),
        ..Faults::default()
    };
    let emu = Emulator::start(EmulatorConfig {
        faults,
        ..EmulatorConfig::default()
    })
    .expect("emulator");
    let fleet = Fleet::on(emu, "cond-budget");
    let plan = fleet.plan(&fleet.manifest()).await;
    let totals = &plan.summary.totals;
    let left = totals
        .rate_remaining
        .expect("the emulator says what is left");
    assert!(totals.points > left, "{totals:?}");
    assert!(
        plan.summary
            .warnings
            .iter()
            .any(|w| w.kind == "rate_budget"),
        "{:?}",
        plan.summary.warnings
    );
    let waited = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let seen = waited.clone();
    let report = fleet
        .client
        .apply(
            &plan,
            &ApplyOptions {
                ..fleet.apply_options()
            },
            move |p| {
                if p.waiting.is_some() {
                    seen.store(true, std::sync::atomic::Ordering::Relaxed);
                }
            },
        )
        .await
        .expect("apply");
    assert!(report.is_success(), "{report:?}");
    assert!(
        waited.load(std::sync::atomic::Ordering::Relaxed),
        "it waited for the reset"
    );
    let refused = crate::common::api_log(&fleet.emu)
        .iter()
        .filter(|r| r.status == 403 || r.status == 429)
        .count();
    assert_eq!(refused, 0, "never ran the token dry");
}
