//! Resuming: an apply killed after k writes, or stopped at `max_writes`, leaves a state from
//! which the next apply sends the rest only; a small write budget makes the apply wait.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use codespaces_secrets::fleet::{ApplyOptions, WriteLimits};

use super::support::*;

#[tokio::test]
async fn an_apply_killed_after_k_writes_resumes_with_the_rest() {
    let fleet = Fleet::new("killed");
    let manifest = fleet.manifest();
    let plan = fleet.plan(&manifest).await;
    let total = plan.summary.totals.writes as usize;
    let client = fleet.client.clone();
    let options = fleet.apply_options();
    // The process dies right after the 7th change (its state already saved).
    let killed = tokio::spawn(async move {
        client
            .apply(&plan, &options, |p| {
                if p.waiting.is_none() && p.done == 7 {
                    panic!("killed");
                }
            })
            .await
    })
    .await;
    assert!(killed.expect_err("the apply died").is_panic());
    assert_eq!(fleet.writes(), 7);

    let plan = fleet.plan(&manifest).await;
    assert_eq!(
        plan.summary.totals.writes as usize,
        total - 7,
        "{}",
        plan.summary
    );
    fleet.apply(&plan).await;
    assert_eq!(fleet.writes(), total, "nothing written twice");
    assert!(!fleet.plan(&manifest).await.summary.has_changes());
}

#[tokio::test]
async fn max_writes_stops_and_the_next_apply_resumes() {
    let fleet = Fleet::new("maxwrites");
    let manifest = fleet.manifest();
    let plan = fleet.plan(&manifest).await;
    let total = plan.summary.totals.writes;
    let options = ApplyOptions {
        max_writes: Some(10),
        ..fleet.apply_options()
    };
    let report = fleet
        .client
        .apply(&plan, &options, |_| {})
        .await
        .expect("apply");
    assert_eq!(report.writes, 10);
    assert_eq!(report.remaining as u64, total - 10);
    assert_eq!(fleet.writes(), 10);
    let plan = fleet.plan(&manifest).await;
    assert_eq!(plan.summary.totals.writes, total - 10);
    fleet.apply(&plan).await;
    assert_eq!(fleet.writes() as u64, total);
}

#[tokio::test]
async fn a_full_hourly_budget_waits_for_the_window() {
    let fleet = Fleet::new("budget");
    let manifest = fleet.manifest();
    let plan = fleet.plan(&manifest).await;
    // An "hour" of 1.5 s holding 11 writes: the 12th waits for the 1st to leave the window,
    // and the 23rd is at least two windows after the 1st.
    let options = ApplyOptions {
        limits: Some(WriteLimits {
            per_minute: 80,
            per_hour: 11,
            minute: Duration::from_secs(60),
            hour: Duration::from_millis(1500),
            min_interval: Duration::ZERO,
        }),
        ..fleet.apply_options()
    };
    let waits = Arc::new(Mutex::new(Vec::new()));
    let seen = waits.clone();
    let started = Instant::now();
    let report = fleet
        .client
        .apply(&plan, &options, move |p| {
            if let Some(wait) = p.waiting {
                seen.lock().expect("lock").push((wait, p.eta));
            }
        })
        .await
        .expect("apply");
    assert!(report.is_success());
    assert_eq!(report.writes, plan.summary.totals.writes);
    let waits = waits.lock().expect("lock");
    assert!(!waits.is_empty());
    assert!(
        waits
            .iter()
            .all(|(wait, eta)| !wait.is_zero() && eta >= wait)
    );
    assert!(started.elapsed() >= Duration::from_millis(3000));
}

#[tokio::test]
async fn a_state_that_cannot_be_saved_stops_the_apply_and_keeps_the_report() {
    let fleet = Fleet::new("unsaved");
    let plan = fleet.plan(&fleet.manifest()).await;
    let state = fleet.dir.path("state.json");
    let report = fleet
        .client
        .apply(&plan, &fleet.apply_options(), |p| {
            // After two changes the state file's place is taken by a folder: no save can
            // replace it (not even as root).
            if p.waiting.is_none() && p.done == 2 {
                std::fs::remove_file(&state).expect("state");
                std::fs::create_dir_all(state.join("blocker")).expect("dir");
            }
        })
        .await
        .expect("the apply returns its report");
    let error = report.state_error.as_ref().expect("a state error");
    assert!(error.to_string().contains("state.json"), "{error}");
    assert!(!report.is_success());
    assert_eq!(
        report.writes, 3,
        "the third write was sent, then its record failed"
    );
    assert_eq!(report.items.len(), 3, "the report lists what was sent");
    assert_eq!(fleet.writes(), 3, "and nothing after");
    assert!(report.remaining > 0);
}

#[tokio::test]
async fn an_apply_keeping_to_the_servers_hourly_cap_is_never_refused() {
    use codespaces_secrets_emulator::{EmulatorConfig, Faults, WriteQuota};
    // The emulator's hour lasts 1.5 s (time scale 2400) and holds 11 writes, as GitHub's
    // holds 500; the apply keeps to the same cap and waits instead of being refused.
    let emu = codespaces_secrets_emulator::Emulator::start(EmulatorConfig {
        faults: Faults {
            write_quota: Some(WriteQuota {
                per_minute: 80,
                per_hour: 11,
                time_scale: 2400.0,
            }),
            ..Faults::default()
        },
        ..EmulatorConfig::default()
    })
    .expect("emulator");
    let fleet = Fleet::on(emu, "quota");
    let plan = fleet.plan(&fleet.manifest()).await;
    let options = ApplyOptions {
        limits: Some(WriteLimits {
            per_minute: 80,
            per_hour: 11,
            minute: Duration::from_millis(25),
            hour: Duration::from_millis(1500),
            min_interval: Duration::ZERO,
        }),
        ..fleet.apply_options()
    };
    let report = fleet
        .client
        .apply(&plan, &options, |_| {})
        .await
        .expect("apply");
    assert!(report.is_success(), "{report:?}");
    let refused = crate::common::api_log(&fleet.emu)
        .iter()
        .filter(|r| r.status == 403)
        .count();
    assert_eq!(refused, 0, "never over the cap");
    assert_eq!(fleet.writes() as u64, plan.summary.totals.writes);
}
