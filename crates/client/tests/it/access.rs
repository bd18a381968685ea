//! Updates change only the value: organization secrets keep their visibility and selected
//! repositories (GitHub resets both on a PUT that omits them), user secrets keep their list;
//! explicit options win; the reads this costs are counted. And GitHub's eventual consistency:
//! a 404 right after our own write is retried.

use std::time::Duration;

use crate::common::*;
use codespaces_secrets::{SetOptions, SetOutcome, SyncOptions, Visibility};
use codespaces_secrets_emulator::Faults;

/// `METHOD path` of each API request since the log was last cleared.
fn requests(emu: &codespaces_secrets_emulator::Emulator) -> Vec<String> {
    api_log(emu)
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect()
}

fn repo_ids(emu: &codespaces_secrets_emulator::Emulator, name: &str) -> Vec<i64> {
    emu.secrets(&org_scope())
        .into_iter()
        .find(|s| s.name == name)
        .map(|s| s.selected_repository_ids)
        .unwrap_or_default()
}

fn visibility(emu: &codespaces_secrets_emulator::Emulator, name: &str) -> Option<Visibility> {
    emu.secrets(&org_scope())
        .into_iter()
        .find(|s| s.name == name)
        .and_then(|s| s.visibility)
}

fn demo_repos(emu: &codespaces_secrets_emulator::Emulator) -> (i64, i64) {
    let a = emu.repo_id(ORG, "octo-repo").expect("demo repo");
    let b = emu.repo_id(ORG, "octo-service").expect("demo repo");
    (a, b)
}

const SECRET: &str = "/orgs/octo-org/codespaces/secrets/K";

#[tokio::test]
async fn set_keeps_an_org_secrets_selected_repositories_and_visibility() {
    let emu = emulator();
    let org = client(&emu).org(ORG);
    let (a, b) = demo_repos(&emu);
    let selected = SetOptions::new()
        .visibility(Visibility::Selected)
        .repositories([a, b]);
    org.set_with("K", "a", selected).await.unwrap();

    emu.clear_log();
    assert_eq!(org.set("K", "b").await.unwrap(), SetOutcome::Updated);
    assert_eq!(stored(&emu, &org_scope(), "K").as_deref(), Some("b"));
    assert_eq!(visibility(&emu, "K"), Some(Visibility::Selected));
    assert_eq!(repo_ids(&emu, "K"), [a, b]);
    // One read of the secret, one of its repositories, one write (the key is cached).
    assert_eq!(
        requests(&emu),
        [
            format!("GET {SECRET}"),
            format!("GET {SECRET}/repositories"),
            format!("PUT {SECRET}"),
        ]
    );

    // `all` stays `all`, with one read and no repository list.
    org.set_with("K", "c", SetOptions::new().visibility(Visibility::All))
        .await
        .unwrap();
    emu.clear_log();
    org.set("K", "d").await.unwrap();
    assert_eq!(visibility(&emu, "K"), Some(Visibility::All));
    assert_eq!(
        requests(&emu),
        [format!("GET {SECRET}"), format!("PUT {SECRET}")]
    );
}

#[tokio::test]
async fn explicit_options_win_and_need_no_read() {
    let emu = emulator();
    let org = client(&emu).org(ORG);
    let (a, b) = demo_repos(&emu);
    org.set_with(
        "K",
        "a",
        SetOptions::new()
            .visibility(Visibility::Selected)
            .repositories([a, b]),
    )
    .await
    .unwrap();

    // Only a visibility: it changes, and nothing is read first.
    emu.clear_log();
    org.set_with("K", "b", SetOptions::new().visibility(Visibility::All))
        .await
        .unwrap();
    assert_eq!(visibility(&emu, "K"), Some(Visibility::All));
    assert_eq!(requests(&emu), [format!("PUT {SECRET}")]);

    // Only repositories: they mean `selected`.
    emu.clear_log();
    org.set_with("K", "c", SetOptions::new().repositories([b]))
        .await
        .unwrap();
    assert_eq!(visibility(&emu, "K"), Some(Visibility::Selected));
    assert_eq!(repo_ids(&emu, "K"), [b]);
    assert_eq!(requests(&emu), [format!("PUT {SECRET}")]);

    // `selected` without ids keeps the current ones (the caller did not ask to drop them).
    emu.clear_log();
    org.set_with("K", "d", SetOptions::new().visibility(Visibility::Selected))
        .await
        .unwrap();
    assert_eq!(repo_ids(&emu, "K"), [b]);
    assert_eq!(requests(&emu).len(), 3, "{:?}", requests(&emu));

    // An explicit empty list empties it.
    org.set_with("K", "e", SetOptions::new().repositories([]))
        .await
        .unwrap();
    assert!(repo_ids(&emu, "K").is_empty());
    assert_eq!(stored(&emu, &org_scope(), "K").as_deref(), Some("e"));

    let err = org
        .set_with(
            "K",
            "f",
            SetOptions::new()
                .visibility(Visibility::All)
                .repositories([a]),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "INVALID_INPUT", "{err}");
}

#[tokio::test]
async fn a_new_org_secret_is_private() {
    let emu = emulator();
    let org = client(&emu).org(ORG);
    org.public_key().await.unwrap();
    emu.clear_log();
    assert_eq!(org.set("NEW", "v").await.unwrap(), SetOutcome::Created);
    assert_eq!(visibility(&emu, "NEW"), Some(Visibility::Private));
    assert_eq!(
        requests(&emu),
        [
            "GET /orgs/octo-org/codespaces/secrets/NEW".to_owned(),
            "PUT /orgs/octo-org/codespaces/secrets/NEW".to_owned(),
        ]
    );
}

/// Three existing secrets (all, selected with two repositories, private) and a new one.
async fn seed_org(org: &codespaces_secrets::Secrets<codespaces_secrets::Org>, a: i64, b: i64) {
    let with = |v| SetOptions::new().visibility(v);
    let seeds = [
        ("EVERYONE", with(Visibility::All)),
        ("CHOSEN", with(Visibility::Selected).repositories([a, b])),
        ("HIDDEN", with(Visibility::Private)),
    ];
    for (name, options) in seeds {
        org.set_with(name, "1", options).await.expect("seeded");
    }
}

fn assert_access_kept(emu: &codespaces_secrets_emulator::Emulator, a: i64, b: i64) {
    assert_eq!(visibility(emu, "EVERYONE"), Some(Visibility::All));
    assert_eq!(visibility(emu, "CHOSEN"), Some(Visibility::Selected));
    assert_eq!(repo_ids(emu, "CHOSEN"), [a, b]);
    assert_eq!(visibility(emu, "HIDDEN"), Some(Visibility::Private));
    assert_eq!(visibility(emu, "FRESH"), Some(Visibility::Private));
    for name in ["EVERYONE", "CHOSEN", "HIDDEN", "FRESH"] {
        assert_eq!(
            stored(emu, &org_scope(), name).as_deref(),
            Some("2"),
            "{name}"
        );
    }
}

const PAIRS: [(&str, &str); 4] = [
    ("EVERYONE", "2"),
    ("CHOSEN", "2"),
    ("HIDDEN", "2"),
    ("FRESH", "2"),
];

#[tokio::test]
async fn set_many_keeps_access_with_one_list_and_one_read_per_selected_secret() {
    let emu = emulator();
    let org = client(&emu).org(ORG);
    let (a, b) = demo_repos(&emu);
    seed_org(&org, a, b).await;

    emu.clear_log();
    let report = org.set_many(PAIRS).await.unwrap();
    assert!(report.is_success(), "{report}");
    assert_eq!(report.created, ["FRESH"]);
    assert_access_kept(&emu, a, b);
    let sent = requests(&emu);
    assert_eq!(
        sent.iter()
            .filter(|r| r.starts_with("GET"))
            .collect::<Vec<_>>(),
        [
            "GET /orgs/octo-org/codespaces/secrets",
            "GET /orgs/octo-org/codespaces/secrets/CHOSEN/repositories",
        ]
    );
    assert_eq!(sent.iter().filter(|r| r.starts_with("PUT")).count(), 4);
    assert_eq!(sent.len(), 6);
}

#[tokio::test]
async fn sync_keeps_access_too() {
    let emu = emulator();
    let org = client(&emu).org(ORG);
    let (a, b) = demo_repos(&emu);
    seed_org(&org, a, b).await;

    emu.clear_log();
    let report = org.sync(PAIRS, SyncOptions::default()).await.unwrap();
    assert!(report.result.is_success(), "{report}");
    assert_access_kept(&emu, a, b);
    // The sync's own list serves for the visibilities: one list, one repository read, 4 PUTs.
    assert_eq!(requests(&emu).len(), 6, "{:?}", requests(&emu));
}

#[tokio::test]
async fn a_user_secret_keeps_its_repositories_without_a_read() {
    let emu = emulator();
    let user = client(&emu).user();
    let hello = emu.repo_id(OWNER, REPO).unwrap();
    user.set_with("API_KEY", "1", SetOptions::new().repositories([hello]))
        .await
        .unwrap();
    emu.clear_log();
    user.set("API_KEY", "2").await.unwrap();
    assert_eq!(requests(&emu).len(), 1, "{:?}", requests(&emu));
    let stored = emu.secrets(&user_scope(&emu));
    assert_eq!(stored[0].selected_repository_ids, [hello]);
    assert_eq!(stored[0].value.expose(), b"2");
}

#[tokio::test]
async fn a_404_right_after_our_write_is_retried() {
    let emu = emulator();
    emu.set_faults(Faults {
        hide_fresh_writes: Some(Duration::from_millis(400)),
        ..Faults::default()
    })
    .expect("valid faults");
    let org = client(&emu).org(ORG);
    let (a, b) = demo_repos(&emu);
    org.set_with(
        "K",
        "a",
        SetOptions::new()
            .visibility(Visibility::Selected)
            .repositories([a, b]),
    )
    .await
    .unwrap();
    // The lagging read would say "no such secret" and the update would make it private;
    // retried, it keeps the repositories.
    org.set("K", "b").await.unwrap();
    assert_eq!(visibility(&emu, "K"), Some(Visibility::Selected));
    assert_eq!(repo_ids(&emu, "K"), [a, b]);
    let statuses: Vec<u16> = api_log(&emu)
        .iter()
        .filter(|r| r.method == "GET" && r.path == SECRET)
        .map(|r| r.status)
        .collect();
    assert!(statuses.starts_with(&[404]), "{statuses:?}");
    assert_eq!(statuses.last(), Some(&200), "{statuses:?}");

    org.set("K", "c").await.unwrap();
    assert_eq!(org.get("K").await.unwrap().name, "K");

    // A 404 for a secret this client did not just write comes back at once.
    emu.clear_log();
    let err = org.get("NEVER_WRITTEN").await.unwrap_err();
    assert_eq!(err.code(), "NOT_FOUND");
    assert_eq!(api_log(&emu).len(), 1);
}
