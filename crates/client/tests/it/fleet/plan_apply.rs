//! Plan and apply over a fleet of two organizations: counts, values read back, incremental
//! re-plans, selectors following topics, changes made elsewhere.

use codespaces_secrets::Visibility;
use codespaces_secrets::fleet::{ChangeAction, ChangeReason, PlanOptions};
use codespaces_secrets_emulator::Scope;

use super::support::*;

fn count(plan: &codespaces_secrets::fleet::Plan, action: ChangeAction) -> usize {
    plan.summary
        .changes
        .iter()
        .filter(|c| c.action == action)
        .count()
}

#[tokio::test]
async fn plan_counts_what_apply_writes_and_every_target_holds_the_value() {
    let fleet = Fleet::new("first");
    let manifest = fleet.manifest();
    let plan = fleet.plan(&manifest).await;
    assert!(plan.summary.errors.is_empty(), "{:?}", plan.summary.errors);
    assert_eq!(fleet.writes(), 0, "a plan writes nothing");
    assert_eq!(count(&plan, ChangeAction::Create), NPM_TARGETS + 2);
    assert_eq!(plan.summary.totals.writes, (NPM_TARGETS + 2) as u64);
    assert!(plan.summary.totals.reads > 0);
    // 32 writes at one a second.
    assert_eq!(plan.summary.totals.seconds, 31);

    let report = fleet.apply(&plan).await;
    assert_eq!(report.writes, plan.summary.totals.writes);
    assert_eq!(fleet.writes() as u64, plan.summary.totals.writes);

    for i in (0..40).filter(|i| *i != 5 && !(30..40).contains(i)) {
        let scope = Scope::repo(ALPHA, format!("svc-{i:02}"));
        assert_eq!(
            fleet.value(&scope, "NPM_TOKEN").as_deref(),
            Some("npm-value-1"),
            "svc-{i:02}"
        );
    }
    for left_out in ["svc-05", "svc-30", "svc-39", "svc-40", "svc-59"] {
        let scope = Scope::repo(ALPHA, left_out);
        assert_eq!(fleet.value(&scope, "NPM_TOKEN"), None, "{left_out}");
    }
    let hello = Scope::repo("octocat", "Hello-World");
    assert_eq!(
        fleet.value(&hello, "NPM_TOKEN").as_deref(),
        Some("npm-value-1")
    );
    let beta = Scope::org(BETA);
    assert_eq!(
        fleet.value(&beta, "SHARED_KEY").as_deref(),
        Some("shared-value-1")
    );
    let user = Scope::user(fleet.emu.user_login());
    assert_eq!(
        fleet.value(&user, "DEV_TOKEN").as_deref(),
        Some("dev-value-1")
    );

    let org = fleet.client.org(BETA);
    let secret = org.get("SHARED_KEY").await.expect("org secret");
    assert_eq!(secret.visibility, Visibility::Selected);
    let mut names: Vec<String> = org
        .repositories("SHARED_KEY")
        .await
        .expect("repos")
        .into_iter()
        .map(|r| r.full_name)
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["beta-org/app-01", "beta-org/app-02", "beta-org/app-03"]
    );
    let user_repos = fleet
        .client
        .user()
        .repositories("DEV_TOKEN")
        .await
        .expect("repos");
    assert_eq!(user_repos.len(), 1);
    assert_eq!(user_repos[0].full_name, "octocat/Hello-World");

    // Nothing changed: zero writes, and check would exit 0.
    let again = fleet.plan(&manifest).await;
    assert_eq!(again.summary.totals.writes, 0, "{}", again.summary);
    assert!(!again.summary.has_changes());
    assert_eq!(count(&again, ChangeAction::Unchanged), NPM_TARGETS + 2);
}

#[tokio::test]
async fn a_changed_value_is_written_to_its_targets_only() {
    let fleet = Fleet::new("changed");
    let manifest = fleet.manifest();
    fleet.converge(&manifest).await;
    let before = fleet.writes();

    fleet.dir.write("npm.txt", "npm-value-2");
    let plan = fleet.plan(&manifest).await;
    assert!(plan.summary.has_changes(), "check would exit 3");
    assert_eq!(count(&plan, ChangeAction::Update), NPM_TARGETS);
    assert!(
        plan.summary
            .changes
            .iter()
            .filter(|c| c.action == ChangeAction::Update)
            .all(|c| c.reason == Some(ChangeReason::Changed) && c.name == "NPM_TOKEN")
    );
    fleet.apply(&plan).await;
    assert_eq!(fleet.writes() - before, NPM_TARGETS);
    let scope = Scope::repo(ALPHA, "svc-00");
    assert_eq!(
        fleet.value(&scope, "NPM_TOKEN").as_deref(),
        Some("npm-value-2")
    );
    assert!(!fleet.plan(&manifest).await.summary.has_changes());
}

#[tokio::test]
async fn selectors_follow_topics_and_prune_what_leaves() {
    let fleet = Fleet::new("topics");
    let manifest = fleet.manifest();
    fleet.converge(&manifest).await;

    // svc-45 gains the topic: one create.
    assert!(
        fleet
            .emu
            .set_repository_topics(ALPHA, "svc-45", &["codespaces"])
    );
    let plan = fleet.plan(&manifest).await;
    let write = only_write(&plan);
    assert_eq!(write.scope, "repos/alpha-org/svc-45");
    assert_eq!(write.action, ChangeAction::Create);
    fleet.apply(&plan).await;
    let svc45 = Scope::repo(ALPHA, "svc-45");
    assert_eq!(
        fleet.value(&svc45, "NPM_TOKEN").as_deref(),
        Some("npm-value-1")
    );

    // svc-00 loses it: the secret this manifest wrote there is deleted (prune = true).
    assert!(
        fleet
            .emu
            .set_repository_topics(ALPHA, "svc-00", &["backend"])
    );
    let plan = fleet.plan(&manifest).await;
    let write = only_write(&plan);
    assert_eq!(write.scope, "repos/alpha-org/svc-00");
    assert_eq!(write.action, ChangeAction::Delete);
    assert_eq!(write.reason, Some(ChangeReason::Pruned));
    fleet.apply(&plan).await;
    assert_eq!(
        fleet.value(&Scope::repo(ALPHA, "svc-00"), "NPM_TOKEN"),
        None
    );
}

#[tokio::test]
async fn a_value_changed_elsewhere_is_written_back() {
    let fleet = Fleet::new("elsewhere");
    let manifest = fleet.manifest();
    fleet.converge(&manifest).await;
    // Someone sets it by hand a second later (GitHub's times have whole seconds).
    next_second().await;
    fleet
        .client
        .repo(ALPHA, "svc-01")
        .set("NPM_TOKEN", "by-hand")
        .await
        .expect("set by hand");
    let plan = fleet.plan(&manifest).await;
    let write = only_write(&plan);
    assert_eq!(write.scope, "repos/alpha-org/svc-01");
    assert_eq!(write.reason, Some(ChangeReason::ChangedElsewhere));
    fleet.apply(&plan).await;
    let scope = Scope::repo(ALPHA, "svc-01");
    assert_eq!(
        fleet.value(&scope, "NPM_TOKEN").as_deref(),
        Some("npm-value-1")
    );
}

#[tokio::test]
async fn without_a_state_existing_values_are_untracked_and_nothing_is_owned() {
    let fleet = Fleet::new("nostate");
    let manifest = fleet.manifest();
    fleet.converge(&manifest).await;
    let options = PlanOptions::default();
    let plan = fleet.client.plan(&manifest, &options).await.expect("plan");
    assert_eq!(count(&plan, ChangeAction::Update), NPM_TARGETS + 2);
    assert!(
        plan.summary
            .changes
            .iter()
            .all(|c| c.action != ChangeAction::Delete)
    );
}

#[tokio::test]
async fn selector_and_repository_mistakes_are_plan_errors_and_apply_refuses() {
    let fleet = Fleet::new("mistakes");
    let manifest = fleet.manifest_text(
        "bad.toml",
        r#"version = 1
name = "platform"
[secrets.A]
from = { file = "npm.txt" }
repos = ["octocat/no-such-repo"]
repos_where = [{ org = "alpha-org", name = "web-*" }]
orgs = { beta-org = { visibility = "selected", repos = ["app-01", "app-99"] } }
user = { repos = ["nobody-here/nothing"] }
"#,
    );
    let plan = fleet.plan(&manifest).await;
    let kinds: Vec<&str> = plan.summary.errors.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == "selector_matched_nothing")
            .count(),
        1,
        "{kinds:?}"
    );
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == "repository_not_found")
            .count(),
        3,
        "{kinds:?}"
    );
    assert!(
        plan.summary
            .errors
            .iter()
            .any(|e| e.message.contains("app-99"))
    );
    assert!(
        plan.summary
            .errors
            .iter()
            .any(|e| e.message.contains("line 6"))
    );
    let error = fleet
        .client
        .apply(&plan, &fleet.apply_options(), |_| {})
        .await
        .expect_err("refused");
    assert_eq!(error.code(), "INVALID_INPUT");
    assert_eq!(fleet.writes(), 0);
}

#[tokio::test]
async fn lint_and_shadowing_are_warnings() {
    let fleet = Fleet::new("lint");
    fleet.dir.write("nl.txt", "value\r\n");
    fleet.dir.write("empty.txt", "");
    let manifest = fleet.manifest_text(
        "lint.toml",
        r#"version = 1
name = "platform"
[secrets.NL]
from = { file = "nl.txt" }
repos = ["beta-org/app-01"]
orgs = { beta-org = { visibility = "selected", repos = ["app-01"] } }
[secrets.EMPTY]
from = { file = "empty.txt" }
repos = ["beta-org/app-02"]
"#,
    );
    let plan = fleet.plan(&manifest).await;
    let kinds: Vec<&str> = plan.summary.warnings.iter().map(|w| w.kind).collect();
    for kind in [
        "trailing_newline",
        "carriage_return",
        "empty_value",
        "shadowed",
    ] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
    assert!(plan.summary.errors.is_empty());
}
