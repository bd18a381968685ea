//! `.env` sync: the plan, a dry run that writes nothing, apply, and prune.

use crate::common::*;
use codespaces_secrets::{SyncAction, SyncOptions};

fn env_file(content: &str) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("cs-sync-{}.env", std::process::id()));
    std::fs::write(&path, content).expect("write the .env file");
    path
}

#[tokio::test]
async fn dry_run_plans_and_sends_no_write_then_apply_and_prune() {
    let emu = emulator();
    let repo = client(&emu).repo(OWNER, REPO);
    repo.set_many([("KEEP", "old"), ("STALE", "x")])
        .await
        .unwrap();
    let path = env_file("# comment\nKEEP=new\nexport ADDED=\"quoted value\"\nmulti='a b'\n");

    emu.clear_log();
    let plan = repo
        .sync_env_file(
            &path,
            SyncOptions {
                dry_run: true,
                prune: true,
                ..SyncOptions::default()
            },
        )
        .await
        .unwrap();
    let actions: Vec<(String, SyncAction)> = plan
        .plan
        .iter()
        .map(|c| (c.name.clone(), c.action))
        .collect();
    assert_eq!(
        actions,
        [
            ("KEEP".into(), SyncAction::Update),
            ("ADDED".into(), SyncAction::Create),
            ("MULTI".into(), SyncAction::Create),
            ("STALE".into(), SyncAction::Delete),
        ]
    );
    assert!(
        plan.to_string()
            .contains("dry run: 4 changes planned, 0 unchanged, nothing sent")
    );
    assert!(
        api_log(&emu).iter().all(|r| !r.write),
        "a dry run wrote something"
    );
    assert_eq!(stored(&emu, &repo_scope(), "KEEP").as_deref(), Some("old"));

    let done = repo
        .sync_env_file(
            &path,
            SyncOptions {
                dry_run: false,
                prune: true,
                ..SyncOptions::default()
            },
        )
        .await
        .unwrap();
    assert!(done.result.is_success(), "{done}");
    assert_eq!(done.result.updated, ["KEEP"]);
    assert_eq!(done.result.created, ["ADDED", "MULTI"]);
    assert_eq!(done.result.deleted, ["STALE"]);
    assert_eq!(stored(&emu, &repo_scope(), "KEEP").as_deref(), Some("new"));
    assert_eq!(
        stored(&emu, &repo_scope(), "ADDED").as_deref(),
        Some("quoted value")
    );
    assert_eq!(stored(&emu, &repo_scope(), "MULTI").as_deref(), Some("a b"));
    assert!(stored(&emu, &repo_scope(), "STALE").is_none());

    // Without prune, secrets the file does not name stay.
    repo.set("EXTRA", "e").await.unwrap();
    let again = repo
        .sync_env_file(&path, SyncOptions::default())
        .await
        .unwrap();
    assert!(again.plan.iter().all(|c| c.action == SyncAction::Update));
    assert_eq!(stored(&emu, &repo_scope(), "EXTRA").as_deref(), Some("e"));
    std::fs::remove_file(path).unwrap();
}
