//! Ownership: prune deletes only what this manifest wrote, never another manifest's or anyone
//! else's secrets, never a protected name; `additive` keeps repositories someone else added.

use codespaces_secrets::fleet::{ChangeAction, ChangeReason};
use codespaces_secrets_emulator::Scope;

use super::support::*;

const ONE_REPO: &str = r#"version = 1
name = "platform"
prune = true
protect = ["KEEP_*"]
[secrets.NPM_TOKEN]
from = { file = "npm.txt" }
repos = ["beta-org/app-01", "beta-org/app-02"]
[secrets.KEEP_ME]
from = { file = "npm.txt" }
repos = ["beta-org/app-01"]
[secrets.DROP_ME]
from = { file = "npm.txt" }
repos = ["beta-org/app-01"]
"#;

#[tokio::test]
async fn prune_deletes_only_owned_unprotected_secrets() {
    let fleet = Fleet::new("prune");
    let app01 = Scope::repo(BETA, "app-01");
    // Someone else's secret in a target, before and after.
    fleet
        .client
        .repo(BETA, "app-01")
        .set("THEIRS", "not-ours")
        .await
        .expect("set");
    let manifest = fleet.manifest_text("one.toml", ONE_REPO);
    let plan = fleet.plan(&manifest).await;
    let unmanaged: Vec<_> = plan
        .summary
        .changes
        .iter()
        .filter(|c| c.action == ChangeAction::Unmanaged)
        .collect();
    assert_eq!(unmanaged.len(), 1);
    assert_eq!(unmanaged[0].name, "THEIRS");
    fleet.apply(&plan).await;

    // Drop KEEP_ME (protected) and DROP_ME from the manifest.
    let fewer = ONE_REPO
        .split("[secrets.KEEP_ME]")
        .next()
        .expect("head")
        .to_owned();
    let manifest = fleet.manifest_text("one.toml", &fewer);
    let plan = fleet.plan(&manifest).await;
    let deletes: Vec<_> = plan
        .summary
        .changes
        .iter()
        .filter(|c| c.action == ChangeAction::Delete)
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(deletes, ["DROP_ME"], "{}", plan.summary);
    assert!(
        plan.summary
            .warnings
            .iter()
            .any(|w| w.kind == "not_pruned" && w.name.as_deref() == Some("KEEP_ME"))
    );
    fleet.apply(&plan).await;
    assert_eq!(fleet.value(&app01, "DROP_ME"), None);
    assert!(fleet.value(&app01, "KEEP_ME").is_some(), "protected");
    assert_eq!(
        fleet.value(&app01, "THEIRS").as_deref(),
        Some("not-ours"),
        "unmanaged"
    );
    assert!(fleet.value(&app01, "NPM_TOKEN").is_some());
}

#[tokio::test]
async fn two_manifests_sharing_a_state_never_prune_each_other() {
    let fleet = Fleet::new("two");
    let first = fleet.manifest_text(
        "first.toml",
        "version = 1\nname = \"first\"\nprune = true\n[secrets.FIRST_ONE]\nfrom = { file = \"npm.txt\" }\nrepos = [\"beta-org/app-07\"]\n",
    );
    let second = fleet.manifest_text(
        "second.toml",
        "version = 1\nname = \"second\"\nprune = true\n[secrets.SECOND_ONE]\nfrom = { file = \"npm.txt\" }\nrepos = [\"beta-org/app-07\"]\n",
    );
    fleet.converge(&first).await;
    fleet.converge(&second).await;
    let scope = Scope::repo(BETA, "app-07");
    for manifest in [&first, &second, &first] {
        let plan = fleet.plan(manifest).await;
        assert!(!plan.summary.has_changes(), "{}", plan.summary);
        fleet.apply(&plan).await;
    }
    assert!(fleet.value(&scope, "FIRST_ONE").is_some());
    assert!(fleet.value(&scope, "SECOND_ONE").is_some());
    // The second drops its secret: only its own goes.
    let second_empty = fleet.manifest_text(
        "second.toml",
        "version = 1\nname = \"second\"\nprune = true\n[secrets.OTHER]\nfrom = { file = \"npm.txt\" }\nrepos = [\"beta-org/app-08\"]\n",
    );
    fleet.converge(&second_empty).await;
    assert!(fleet.value(&scope, "FIRST_ONE").is_some());
    assert_eq!(fleet.value(&scope, "SECOND_ONE"), None);
}

fn selected_manifest(membership: &str, repos: &str) -> String {
    format!(
        "version = 1\nname = \"platform\"\n[secrets.SHARED_KEY]\nfrom = {{ file = \"shared.txt\" }}\norgs = {{ beta-org = {{ visibility = \"selected\", repos = [{repos}], membership = \"{membership}\" }} }}\n"
    )
}

async fn selected_names(fleet: &Fleet) -> Vec<String> {
    let mut names: Vec<String> = fleet
        .client
        .org(BETA)
        .repositories("SHARED_KEY")
        .await
        .expect("repos")
        .into_iter()
        .map(|r| r.name)
        .collect();
    names.sort();
    names
}

/// The path of SHARED_KEY in beta-org, or of one of its selected repositories.
fn shared_key_path(fleet: &Fleet, repo: Option<&str>) -> String {
    let base = "/orgs/beta-org/codespaces/secrets/SHARED_KEY";
    match repo {
        Some(full) => format!("{base}/repositories/{}", fleet.repo_id(full)),
        None => base.to_owned(),
    }
}

#[tokio::test]
async fn additive_membership_keeps_what_someone_else_added() {
    let fleet = Fleet::new("additive");
    let manifest = fleet.manifest_text(
        "m.toml",
        &selected_manifest("additive", "\"app-01\", \"app-02\""),
    );
    fleet.converge(&manifest).await;

    // The manifest drops app-02 (it added it) and adds app-03: repositories only.
    let manifest = fleet.manifest_text(
        "m.toml",
        &selected_manifest("additive", "\"app-01\", \"app-03\""),
    );
    let plan = fleet.plan(&manifest).await;
    let change = only_write(&plan);
    assert_eq!(change.action, ChangeAction::Access, "{}", plan.summary);
    let access = change.access.as_ref().expect("access");
    assert_eq!(access.added, ["beta-org/app-03"]);
    assert_eq!(access.removed, ["beta-org/app-02"]);
    // Applied a second later, so GitHub's `updated_at` visibly moves with it.
    next_second().await;
    let before = fleet.writes();
    fleet.apply(&plan).await;
    assert_eq!(
        fleet.writes_after(before),
        [
            format!("PUT {}", shared_key_path(&fleet, Some("beta-org/app-03"))),
            format!(
                "DELETE {}",
                shared_key_path(&fleet, Some("beta-org/app-02"))
            ),
        ],
        "one add, one remove; the value is not written"
    );
    assert_eq!(selected_names(&fleet).await, ["app-01", "app-03"]);
    let plan = fleet.plan(&manifest).await;
    assert!(
        !plan.summary.has_changes(),
        "apply read back the updated_at its own access change moved: {}",
        plan.summary
    );

    // Someone adds app-50. GitHub moves `updated_at` and cannot say whether the value changed
    // too, so the value is written again — keeping app-50, which the manifest did not add.
    next_second().await;
    let other = fleet.repo_id("beta-org/app-50");
    fleet
        .client
        .org(BETA)
        .add_repository("SHARED_KEY", other)
        .await
        .expect("someone adds app-50");
    let manifest = fleet.manifest_text(
        "m.toml",
        &selected_manifest("additive", "\"app-01\", \"app-04\""),
    );
    let plan = fleet.plan(&manifest).await;
    let change = only_write(&plan);
    assert_eq!(change.action, ChangeAction::Update, "{}", plan.summary);
    assert_eq!(change.reason, Some(ChangeReason::ChangedElsewhere));
    let access = change.access.as_ref().expect("access");
    assert_eq!(access.added, ["beta-org/app-04"]);
    assert_eq!(access.removed, ["beta-org/app-03"]);
    let before = fleet.writes();
    fleet.apply(&plan).await;
    assert_eq!(
        fleet.writes_after(before),
        [format!("PUT {}", shared_key_path(&fleet, None))],
        "one PUT carries the value and the repositories"
    );
    assert_eq!(selected_names(&fleet).await, ["app-01", "app-04", "app-50"]);
    assert_eq!(
        fleet.value(&Scope::org(BETA), "SHARED_KEY").as_deref(),
        Some("shared-value-1")
    );
    assert!(!fleet.plan(&manifest).await.summary.has_changes());
}

#[tokio::test]
async fn exact_membership_removes_what_someone_else_added() {
    let fleet = Fleet::new("exact");
    let manifest = fleet.manifest_text(
        "m.toml",
        &selected_manifest("exact", "\"app-01\", \"app-02\""),
    );
    fleet.converge(&manifest).await;
    next_second().await;
    let other = fleet.repo_id("beta-org/app-50");
    fleet
        .client
        .org(BETA)
        .add_repository("SHARED_KEY", other)
        .await
        .expect("someone adds app-50");
    let plan = fleet.plan(&manifest).await;
    let change = only_write(&plan);
    // GitHub moved `updated_at`: the value is written again, with exactly the manifest's list.
    assert_eq!(change.action, ChangeAction::Update, "{}", plan.summary);
    assert_eq!(change.reason, Some(ChangeReason::ChangedElsewhere));
    assert_eq!(
        change.access.as_ref().expect("access").removed,
        ["beta-org/app-50"]
    );
    let before = fleet.writes();
    fleet.apply(&plan).await;
    assert_eq!(
        fleet.writes_after(before),
        [format!("PUT {}", shared_key_path(&fleet, None))]
    );
    assert_eq!(selected_names(&fleet).await, ["app-01", "app-02"]);

    // The list alone: one set of the list, no value.
    let manifest = fleet.manifest_text(
        "m.toml",
        &selected_manifest("exact", "\"app-01\", \"app-03\""),
    );
    let plan = fleet.plan(&manifest).await;
    assert_eq!(
        only_write(&plan).action,
        ChangeAction::Access,
        "{}",
        plan.summary
    );
    next_second().await;
    let before = fleet.writes();
    fleet.apply(&plan).await;
    assert_eq!(
        fleet.writes_after(before),
        [format!(
            "PUT {}/repositories",
            shared_key_path(&fleet, None)
        )]
    );
    assert_eq!(selected_names(&fleet).await, ["app-01", "app-03"]);
    assert!(!fleet.plan(&manifest).await.summary.has_changes());

    // A visibility change goes without the value too.
    let private = fleet.manifest_text(
        "m.toml",
        "version = 1\nname = \"platform\"\n[secrets.SHARED_KEY]\nfrom = { file = \"shared.txt\" }\norgs = { beta-org = { visibility = \"private\" } }\n",
    );
    let plan = fleet.plan(&private).await;
    let change = only_write(&plan);
    assert_eq!(change.action, ChangeAction::Access, "{}", plan.summary);
    let visibility = change
        .access
        .as_ref()
        .and_then(|a| a.visibility.as_ref())
        .expect("visibility");
    assert_eq!(
        (visibility.from.as_str(), visibility.to.as_str()),
        ("selected", "private")
    );
    next_second().await;
    fleet.apply(&plan).await;
    let secret = fleet.client.org(BETA).get("SHARED_KEY").await.expect("get");
    assert_eq!(secret.visibility, codespaces_secrets::Visibility::Private);
    let scope = Scope::org(BETA);
    assert_eq!(
        fleet.value(&scope, "SHARED_KEY").as_deref(),
        Some("shared-value-1")
    );
    assert!(!fleet.plan(&private).await.summary.has_changes());
}
