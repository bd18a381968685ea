//! Saved plans: applied when nothing moved, refused before any write when a target or a value
//! moved; and no plan, saved plan or state holds a value or an unkeyed hash of one.

use base64::Engine;
use codespaces_secrets::fleet::PlanOptions;
use sha1::Digest as _;

use super::support::*;

fn options(fleet: &Fleet) -> PlanOptions {
    fleet.options()
}

#[tokio::test]
async fn a_saved_plan_applies_when_nothing_moved() {
    let fleet = Fleet::new("saved-ok");
    let plan = fleet.plan(&fleet.manifest()).await;
    let path = fleet.dir.path("plan.json");
    plan.save(&path).expect("saved");
    let loaded = fleet
        .client
        .load_saved_plan(&path, &options(&fleet))
        .await
        .expect("not stale");
    assert_eq!(loaded.summary.changes, plan.summary.changes);
    fleet.apply(&loaded).await;
    assert_eq!(fleet.writes() as u64, plan.summary.totals.writes);
}

#[tokio::test]
async fn a_stale_saved_plan_is_refused_before_any_write() {
    let fleet = Fleet::new("saved-stale");
    let manifest = fleet.manifest();
    fleet.converge(&manifest).await;
    fleet.dir.write("npm.txt", "npm-value-2");
    let plan = fleet.plan(&manifest).await;
    let path = fleet.dir.path("plan.json");
    plan.save(&path).expect("saved");
    let before = fleet.writes();

    // The value moves again, and a target changes on GitHub.
    fleet.dir.write("npm.txt", "npm-value-3");
    next_second().await;
    fleet
        .client
        .org(BETA)
        .set("SHARED_KEY", "by-hand")
        .await
        .expect("set by hand");
    let error = fleet
        .client
        .load_saved_plan(&path, &options(&fleet))
        .await
        .expect_err("stale");
    let message = error.to_string();
    assert_eq!(error.code(), "INVALID_INPUT");
    assert!(message.contains("stale"), "{message}");
    assert!(
        message.contains("repos/alpha-org/svc-01 NPM_TOKEN: the value"),
        "{message}"
    );
    assert!(
        message.contains("orgs/beta-org SHARED_KEY: changed on GitHub"),
        "{message}"
    );
    assert_eq!(fleet.writes(), before + 1, "only the hand-made write");
}

#[tokio::test]
async fn a_saved_plan_applied_in_part_resumes() {
    let fleet = Fleet::new("saved-part");
    let plan = fleet.plan(&fleet.manifest()).await;
    let path = fleet.dir.path("plan.json");
    plan.save(&path).expect("saved");
    let options = codespaces_secrets::fleet::ApplyOptions {
        max_writes: Some(5),
        ..fleet.apply_options()
    };
    let first = fleet
        .client
        .load_saved_plan(&path, &fleet.options())
        .await
        .expect("fresh");
    fleet
        .client
        .apply(&first, &options, |_| {})
        .await
        .expect("apply");
    assert_eq!(fleet.writes(), 5);
    let rest = fleet
        .client
        .load_saved_plan(&path, &fleet.options())
        .await
        .expect("what this tool did is not a change of the world");
    fleet.apply(&rest).await;
    assert_eq!(fleet.writes() as u64, plan.summary.totals.writes);
}

/// Every encoding of a value or its common unkeyed digests that must never appear.
fn forbidden(value: &str) -> Vec<String> {
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
    let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
    let sha1 = sha1::Sha1::digest(value.as_bytes());
    let sha256 = sha2::Sha256::digest(value.as_bytes());
    let md5 = md5::Md5::digest(value.as_bytes());
    vec![
        value.to_owned(),
        b64(value.as_bytes()),
        hex(&sha1),
        b64(&sha1),
        hex(&sha256),
        b64(&sha256),
        hex(&md5),
        b64(&md5),
    ]
}

#[tokio::test]
async fn no_plan_saved_plan_or_state_holds_a_value_or_an_unkeyed_hash() {
    let fleet = Fleet::new("leaks");
    let manifest = fleet.manifest();
    let plan = fleet.plan(&manifest).await;
    plan.save(fleet.dir.path("plan.json")).expect("saved");
    fleet.apply(&plan).await;
    let again = fleet.plan(&manifest).await;
    let mut text = serde_json::to_string(&plan.summary).expect("json");
    text.push_str(&serde_json::to_string(&again.summary).expect("json"));
    text.push_str(&plan.summary.to_string());
    text.push_str(&format!("{plan:?}"));
    let saved = std::fs::read_to_string(fleet.dir.path("plan.json")).expect("saved plan");
    let state = std::fs::read_to_string(fleet.dir.path("state.json")).expect("state");
    assert!(saved.contains("\"observed\"") && saved.contains("\"fingerprint\""));
    assert!(state.contains("\"owner\": \"platform\""));
    text.push_str(&saved);
    text.push_str(&state);
    for value in ["npm-value-1", "shared-value-1", "dev-value-1"] {
        for needle in forbidden(value) {
            assert!(!text.contains(&needle), "{value} leaked as {needle}");
        }
    }
}
