//! Cancelling an apply: it stops between two changes (or during a wait for a write window),
//! with the state saved, so the next plan needs only the rest.

use std::time::{Duration, Instant};

use codespaces_secrets::CancelHandle;
use codespaces_secrets::fleet::{ApplyOptions, WriteLimits};

use super::support::*;

#[tokio::test]
async fn a_cancelled_apply_stops_between_writes_and_the_next_resumes() {
    let fleet = Fleet::new("cancel");
    let manifest = fleet.manifest();
    let plan = fleet.plan(&manifest).await;
    let total = plan.summary.totals.writes;
    let cancel = CancelHandle::new();
    let options = ApplyOptions {
        cancel: Some(cancel.clone()),
        ..fleet.apply_options()
    };
    let report = fleet
        .client
        .apply(&plan, &options, |p| {
            if p.waiting.is_none() && p.done == 4 {
                cancel.cancel();
            }
        })
        .await
        .expect("apply");
    assert!(report.cancelled);
    assert_eq!(report.items.len(), 4);
    assert_eq!(report.writes, 4);
    assert_eq!(report.remaining as u64, total - 4);
    assert_eq!(fleet.writes(), 4, "nothing sent after the cancel");

    let plan = fleet.plan(&manifest).await;
    assert_eq!(
        plan.summary.totals.writes,
        total - 4,
        "the state kept the 4"
    );
    let report = fleet.apply(&plan).await;
    assert!(!report.cancelled);
    assert_eq!(fleet.writes() as u64, total, "nothing written twice");
}

#[tokio::test]
async fn a_cancel_ends_a_wait_for_the_write_window_at_once() {
    let fleet = Fleet::new("cancelwait");
    let plan = fleet.plan(&fleet.manifest()).await;
    let cancel = CancelHandle::new();
    // Two writes an "hour" of 60 s: the third waits a minute, unless cancelled.
    let options = ApplyOptions {
        limits: Some(WriteLimits {
            per_hour: 2,
            min_interval: Duration::ZERO,
            ..WriteLimits::default()
        }),
        cancel: Some(cancel.clone()),
        ..fleet.apply_options()
    };
    let started = Instant::now();
    let report = fleet
        .client
        .apply(&plan, &options, |p| {
            if p.waiting.is_some() {
                cancel.cancel();
            }
        })
        .await
        .expect("apply");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(report.cancelled);
    assert_eq!(report.writes, 2);
    assert_eq!(fleet.writes(), 2);
}
