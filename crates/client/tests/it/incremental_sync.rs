//! Incremental sync: with a state, a value is written only when the scope lacks it, it differs
//! from what this tool last wrote, or it changed on GitHub since; the state holds keyed
//! fingerprints only, is private, locked, and saved after each write.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common::*;
use base64::Engine;
use codespaces_secrets::{SyncAction, SyncOptions, WriteReason};
use codespaces_secrets_emulator::Emulator;

/// A private folder for one test's state and key files.
struct Dir(PathBuf);

impl Dir {
    fn new(test: &str) -> Self {
        let path = std::env::temp_dir().join(format!("cs-incr-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("temp dir");
        Self(path)
    }

    fn options(&self, key: &str) -> SyncOptions {
        SyncOptions {
            state: Some(self.0.join("state.json")),
            state_key_file: Some(self.0.join(key)),
            ..SyncOptions::default()
        }
    }

    fn state(&self) -> PathBuf {
        self.0.join("state.json")
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// 100 secrets; two values are the kind a dictionary guesses at once.
fn pairs() -> Vec<(String, String)> {
    (0..100)
        .map(|i| {
            let value = match i {
                0 => "1".to_owned(),
                1 => "true".to_owned(),
                _ => format!("value-{i}-of-the-hundred"),
            };
            (format!("S{i:03}"), value)
        })
        .collect()
}

fn writes(emu: &Emulator) -> usize {
    applied_writes(emu).len()
}

#[tokio::test]
async fn a_resync_sends_one_list_and_writes_only_what_changed() {
    let emu = emulator();
    let dir = Dir::new("resync");
    let repo = client(&emu).repo(OWNER, REPO);
    let first = repo.sync(pairs(), dir.options("key")).await.unwrap();
    assert_eq!(first.result.created.len(), 100, "{first}");

    // Nothing changed: one list request, no write, no key request.
    emu.clear_log();
    let second = repo.sync(pairs(), dir.options("key")).await.unwrap();
    assert_eq!(second.unchanged.len(), 100);
    assert!(
        second
            .plan
            .iter()
            .all(|c| c.action == SyncAction::Unchanged)
    );
    assert!(
        second
            .to_string()
            .ends_with("0 created, 0 updated, 100 unchanged, 0 deleted, 0 failed")
    );
    let log = api_log(&emu);
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0].method, "GET");

    // Three values changed: exactly three writes, each for that reason.
    let mut changed = pairs();
    for i in [3, 50, 99] {
        changed[i].1 = format!("new-value-{i}");
    }
    emu.clear_log();
    let third = repo
        .sync(changed.clone(), dir.options("key"))
        .await
        .unwrap();
    assert_eq!(writes(&emu), 3);
    assert_eq!(third.result.updated, ["S003", "S050", "S099"]);
    let reasons: Vec<_> = third.changes().map(|c| c.reason).collect();
    assert_eq!(reasons, [Some(WriteReason::Changed); 3]);
    assert_eq!(
        stored(&emu, &repo_scope(), "S050").as_deref(),
        Some("new-value-50")
    );
    // The plan's list, three writes (the key is cached), and one list that records the new
    // `updated_at`s.
    assert_eq!(api_log(&emu).len(), 1 + 3 + 1, "{:?}", api_log(&emu));

    emu.clear_log();
    let counted = emu.primary_requests_counted();
    repo.sync(changed, dir.options("key")).await.unwrap();
    assert_eq!(writes(&emu), 0);
    // The list is read conditionally: after our own writes the stamp's list refreshed what is
    // kept, so this re-sync's one list is a 304, free of the primary rate limit.
    let log = api_log(&emu);
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0].status, 304);
    assert_eq!(emu.primary_requests_counted(), counted);
}

#[tokio::test]
async fn changes_made_elsewhere_are_undone() {
    let emu = emulator();
    let dir = Dir::new("elsewhere");
    let repo = client(&emu).repo(OWNER, REPO);
    repo.sync(pairs(), dir.options("key")).await.unwrap();

    // Someone edits one secret in the web UI and deletes another.
    let value = codespaces_secrets::SecretValue::new("edited by hand").unwrap();
    assert!(emu.overwrite_secret(&repo_scope(), "S010", value));
    client(&emu).repo(OWNER, REPO).delete("S020").await.unwrap();

    emu.clear_log();
    let report = repo.sync(pairs(), dir.options("key")).await.unwrap();
    assert_eq!(writes(&emu), 2, "{report}");
    assert_eq!(report.result.updated, ["S010"]);
    assert_eq!(report.result.created, ["S020"]);
    let reason = |name: &str| {
        report
            .plan
            .iter()
            .find(|c| c.name == name)
            .and_then(|c| c.reason)
    };
    assert_eq!(reason("S010"), Some(WriteReason::ChangedElsewhere));
    assert_eq!(reason("S020"), Some(WriteReason::New));
    assert_eq!(
        stored(&emu, &repo_scope(), "S010").as_deref(),
        Some("value-10-of-the-hundred")
    );
    assert_eq!(
        stored(&emu, &repo_scope(), "S020").as_deref(),
        Some("value-20-of-the-hundred")
    );
}

#[tokio::test]
async fn a_state_read_with_another_key_rewrites_everything_once() {
    let emu = emulator();
    let dir = Dir::new("other-key");
    let repo = client(&emu).repo(OWNER, REPO);
    repo.sync(pairs(), dir.options("key-one")).await.unwrap();

    emu.clear_log();
    let report = repo.sync(pairs(), dir.options("key-two")).await.unwrap();
    assert_eq!(writes(&emu), 100);
    assert!(
        report
            .changes()
            .all(|c| c.reason == Some(WriteReason::Changed))
    );

    emu.clear_log();
    repo.sync(pairs(), dir.options("key-two")).await.unwrap();
    assert_eq!(writes(&emu), 0);
    // Force writes every value whatever the state says.
    let forced = SyncOptions {
        force: true,
        ..dir.options("key-two")
    };
    let report = repo.sync(pairs(), forced).await.unwrap();
    assert_eq!(writes(&emu), 100);
    assert!(
        report
            .changes()
            .all(|c| c.reason == Some(WriteReason::Forced))
    );
}

#[tokio::test]
async fn an_interrupted_run_resumes_where_it_stopped() {
    let emu = emulator();
    let dir = Dir::new("resume");
    // Paced writes, so the run waits between writes and can be stopped there.
    let paced = builder(&emu)
        .write_interval(Duration::from_millis(50))
        .build()
        .unwrap()
        .repo(OWNER, REPO);
    let (stop, mut stopped) = tokio::sync::mpsc::unbounded_channel();
    let run = paced.sync_with_progress(pairs(), dir.options("key"), move |p| {
        if p.done == 10 {
            let _ = stop.send(());
        }
    });
    tokio::select! {
        biased;
        _ = stopped.recv() => {}
        _ = run => panic!("the run should have been stopped after 10 writes"),
    }
    assert_eq!(writes(&emu), 10);

    emu.clear_log();
    let resumed = client(&emu)
        .repo(OWNER, REPO)
        .sync(pairs(), dir.options("key"))
        .await
        .unwrap();
    assert_eq!(writes(&emu), 90, "{resumed}");
    assert_eq!(resumed.unchanged.len(), 10);
    assert_eq!(emu.secrets(&repo_scope()).len(), 100);
}

/// Every common unkeyed digest of `value`, in hex and base64.
fn unkeyed_digests(value: &[u8]) -> Vec<String> {
    use sha2::Digest;
    let raw: Vec<Vec<u8>> = vec![
        sha2::Sha256::digest(value).to_vec(),
        sha2::Sha512::digest(value).to_vec(),
        sha1::Sha1::digest(value).to_vec(),
        md5::Md5::digest(value).to_vec(),
        blake2::Blake2b512::digest(value).to_vec(),
        blake2::Blake2s256::digest(value).to_vec(),
    ];
    let engines = [
        base64::engine::general_purpose::STANDARD,
        base64::engine::general_purpose::STANDARD_NO_PAD,
        base64::engine::general_purpose::URL_SAFE_NO_PAD,
    ];
    let mut all = Vec::new();
    for digest in raw {
        all.push(digest.iter().map(|b| format!("{b:02x}")).collect());
        all.extend(engines.iter().map(|e| e.encode(&digest)));
    }
    all
}

fn assert_private(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .expect("file exists")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{}", path.display());
    }
}

#[tokio::test]
async fn the_state_holds_no_value_and_no_unkeyed_digest() {
    let emu = emulator();
    let dir = Dir::new("leak");
    let repo = client(&emu).repo(OWNER, REPO);
    repo.sync(pairs(), dir.options("key")).await.unwrap();
    let text = std::fs::read_to_string(dir.state()).unwrap().to_lowercase();
    assert!(text.contains("s099"), "the state records every name");
    for (name, value) in pairs() {
        if value.len() >= 8 {
            assert!(
                !text.contains(&value.to_lowercase()),
                "{name}'s value is in the state"
            );
        }
        for digest in unkeyed_digests(value.as_bytes()) {
            assert!(
                !text.contains(&digest.to_lowercase()),
                "an unkeyed digest of {name}"
            );
        }
    }
    assert_private(&dir.state());
    assert_private(&dir.0.join("key"));
}

#[tokio::test]
async fn a_dry_run_with_state_plans_every_kind_and_sends_nothing() {
    let emu = emulator();
    let dir = Dir::new("dry");
    let repo = client(&emu).repo(OWNER, REPO);
    repo.sync(
        [("KEEP", "k"), ("EDIT", "e"), ("STALE", "s")],
        dir.options("key"),
    )
    .await
    .unwrap();
    let before = std::fs::read(dir.state()).unwrap();

    emu.clear_log();
    let dry = SyncOptions {
        dry_run: true,
        prune: true,
        ..dir.options("key")
    };
    let plan = repo
        .sync([("KEEP", "k"), ("EDIT", "e2"), ("ADD", "a")], dry)
        .await
        .unwrap();
    let text = plan.to_string();
    let words: Vec<String> = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(
        words,
        [
            "unchanged KEEP",
            "update EDIT (changed)",
            "create ADD",
            "delete STALE",
            "dry run: 3 changes planned, 1 unchanged, nothing sent",
        ]
    );
    // Columns line up: every name starts at the same place.
    assert!(
        text.lines()
            .take(4)
            .all(|l| l.find(char::is_uppercase) == Some(10)),
        "{text}"
    );
    assert_eq!(api_log(&emu).len(), 1, "only the list");
    assert_eq!(
        std::fs::read(dir.state()).unwrap(),
        before,
        "a dry run leaves the state"
    );

    let applied = repo
        .sync(
            [("KEEP", "k"), ("EDIT", "e2"), ("ADD", "a")],
            SyncOptions {
                prune: true,
                ..dir.options("key")
            },
        )
        .await
        .unwrap();
    assert_eq!(applied.result.deleted, ["STALE"]);
    let state = std::fs::read_to_string(dir.state()).unwrap();
    assert!(!state.contains("STALE"), "a pruned secret leaves the state");
}

#[tokio::test]
async fn a_state_in_use_by_another_sync_is_refused_before_any_request() {
    let emu = emulator();
    let dir = Dir::new("locked");
    let lock = std::fs::File::create(dir.0.join("state.json.lock")).unwrap();
    lock.lock().unwrap();
    emu.clear_log();
    let err = client(&emu)
        .repo(OWNER, REPO)
        .sync([("A", "1")], dir.options("key"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "INVALID_INPUT");
    assert!(
        err.to_string().contains("another sync is using it"),
        "{err}"
    );
    assert!(api_log(&emu).is_empty());
    lock.unlock().unwrap();
    client(&emu)
        .repo(OWNER, REPO)
        .sync([("A", "1")], dir.options("key"))
        .await
        .unwrap();
}

#[tokio::test]
async fn a_bad_state_or_key_is_refused_before_any_request() {
    let emu = emulator();
    let dir = Dir::new("bad");
    let repo = client(&emu).repo(OWNER, REPO);
    std::fs::write(dir.0.join("short.key"), "c2hvcnQ=\n").unwrap();
    emu.clear_log();
    let err = repo
        .sync([("A", "1")], dir.options("short.key"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("32 random bytes"), "{err}");
    std::fs::write(dir.state(), "not json").unwrap();
    let err = repo
        .sync([("A", "1")], dir.options("key"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("remove it to start over"), "{err}");
    assert!(api_log(&emu).is_empty());
}

#[tokio::test]
async fn org_secrets_keep_their_access_and_unchanged_ones_cost_nothing() {
    use codespaces_secrets::{SetOptions, Visibility};
    let emu = emulator();
    let dir = Dir::new("org");
    let org = client(&emu).org(ORG);
    let a = emu.repo_id(ORG, "octo-repo").unwrap();
    org.set_with("CHOSEN", "1", SetOptions::new().repositories([a]))
        .await
        .unwrap();
    org.sync([("CHOSEN", "2"), ("OTHER", "2")], dir.options("key"))
        .await
        .unwrap();
    emu.clear_log();
    org.sync([("CHOSEN", "2"), ("OTHER", "2")], dir.options("key"))
        .await
        .unwrap();
    assert_eq!(api_log(&emu).len(), 1);
    let chosen = emu
        .secrets(&org_scope())
        .into_iter()
        .find(|s| s.name == "CHOSEN")
        .unwrap();
    assert_eq!(chosen.visibility, Some(Visibility::Selected));
    assert_eq!(chosen.selected_repository_ids, [a]);
    assert_eq!(chosen.value.expose(), b"2");
}
