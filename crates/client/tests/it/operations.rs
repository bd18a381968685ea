//! Every operation in all three scopes, end to end against the emulator, values proven by
//! reading them back decrypted.

use crate::common::*;
use codespaces_secrets::{SetOptions, SetOutcome, Visibility};

#[tokio::test]
async fn repository_secrets_full_lifecycle() {
    let emu = emulator();
    let repo = client(&emu).repo(OWNER, REPO);

    let key = repo.public_key().await.unwrap();
    assert_eq!(Some(key.clone()), emu.public_key(&repo_scope()));

    assert_eq!(
        repo.set("db_url", "postgres://one").await.unwrap(),
        SetOutcome::Created
    );
    assert_eq!(
        stored(&emu, &repo_scope(), "DB_URL").as_deref(),
        Some("postgres://one")
    );
    assert_eq!(
        repo.set("DB_URL", "postgres://two").await.unwrap(),
        SetOutcome::Updated
    );
    assert_eq!(
        stored(&emu, &repo_scope(), "DB_URL").as_deref(),
        Some("postgres://two")
    );

    let secret = repo.get("Db_Url").await.unwrap();
    assert_eq!(secret.name, "DB_URL");
    assert!(secret.updated_at >= secret.created_at);

    let names: Vec<String> = repo
        .list()
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, ["DB_URL"]);

    repo.delete("db_url").await.unwrap();
    assert!(repo.list().await.unwrap().is_empty());
    let err = repo.get("DB_URL").await.unwrap_err();
    assert_eq!(err.code(), "NOT_FOUND");
    assert_eq!(err.status(), Some(404));
    assert!(err.request_id().is_some());
}

#[tokio::test]
async fn user_secrets_with_selected_repositories() {
    let emu = emulator();
    let user = client(&emu).user();
    let hello = emu.repo_id(OWNER, REPO).unwrap();
    let spoon = emu.repo_id(OWNER, "Spoon-Knife").unwrap();

    let options = SetOptions::new().repositories([hello]);
    assert_eq!(
        user.set_with("API_KEY", "k-1", options).await.unwrap(),
        SetOutcome::Created
    );
    assert_eq!(
        stored(&emu, &user_scope(&emu), "API_KEY").as_deref(),
        Some("k-1")
    );
    let secret = user.get("API_KEY").await.unwrap();
    assert_eq!(secret.visibility, Visibility::Selected);
    assert!(
        secret
            .selected_repositories_url
            .unwrap()
            .ends_with("/user/codespaces/secrets/API_KEY/repositories")
    );

    let ids = |repos: Vec<codespaces_secrets::MinimalRepository>| {
        let mut ids: Vec<i64> = repos.into_iter().map(|r| r.id).collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(user.repositories("API_KEY").await.unwrap()), [hello]);
    user.add_repository("API_KEY", spoon).await.unwrap();
    let mut both = vec![hello, spoon];
    both.sort();
    assert_eq!(ids(user.repositories("API_KEY").await.unwrap()), both);
    user.remove_repository("API_KEY", hello).await.unwrap();
    assert_eq!(ids(user.repositories("API_KEY").await.unwrap()), [spoon]);
    user.set_repositories("API_KEY", [hello, spoon])
        .await
        .unwrap();
    assert_eq!(ids(user.repositories("API_KEY").await.unwrap()), both);
    user.set_repositories("API_KEY", []).await.unwrap();
    assert!(user.repositories("API_KEY").await.unwrap().is_empty());

    assert_eq!(
        user.set("API_KEY", "k-2").await.unwrap(),
        SetOutcome::Updated
    );
    assert_eq!(
        stored(&emu, &user_scope(&emu), "API_KEY").as_deref(),
        Some("k-2")
    );
    assert_eq!(user.list().await.unwrap().len(), 1);
    user.delete("API_KEY").await.unwrap();
    assert!(user.list().await.unwrap().is_empty());
}

#[tokio::test]
async fn organization_secrets_with_visibility_and_repositories() {
    let emu = emulator();
    let org = client(&emu).org(ORG);
    let repo_a = emu.repo_id(ORG, "octo-repo").unwrap();
    let repo_b = emu.repo_id(ORG, "octo-service").unwrap();

    // Default visibility is private, as with the GitHub CLI.
    assert_eq!(
        org.set("NPM_TOKEN", "npm-1").await.unwrap(),
        SetOutcome::Created
    );
    assert_eq!(
        org.get("NPM_TOKEN").await.unwrap().visibility,
        Visibility::Private
    );
    assert_eq!(
        stored(&emu, &org_scope(), "NPM_TOKEN").as_deref(),
        Some("npm-1")
    );

    // Managing repositories needs visibility `selected`: GitHub answers 409.
    let err = org.add_repository("NPM_TOKEN", repo_a).await.unwrap_err();
    assert_eq!(err.code(), "CONFLICT", "{err}");

    let selected = SetOptions::new()
        .visibility(Visibility::Selected)
        .repositories([repo_a]);
    assert_eq!(
        org.set_with("NPM_TOKEN", "npm-2", selected).await.unwrap(),
        SetOutcome::Updated
    );
    let secret = org.get("NPM_TOKEN").await.unwrap();
    assert_eq!(secret.visibility, Visibility::Selected);
    assert!(secret.selected_repositories_url.is_some());
    let listed: Vec<i64> = org
        .repositories("NPM_TOKEN")
        .await
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(listed, [repo_a]);
    org.add_repository("NPM_TOKEN", repo_b).await.unwrap();
    assert_eq!(org.repositories("NPM_TOKEN").await.unwrap().len(), 2);
    org.remove_repository("NPM_TOKEN", repo_a).await.unwrap();
    let listed: Vec<i64> = org
        .repositories("NPM_TOKEN")
        .await
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(listed, [repo_b]);
    org.set_repositories("NPM_TOKEN", [repo_a, repo_b])
        .await
        .unwrap();
    assert_eq!(org.repositories("NPM_TOKEN").await.unwrap().len(), 2);

    let all = SetOptions::new().visibility(Visibility::All);
    org.set_with("NPM_TOKEN", "npm-3", all).await.unwrap();
    assert_eq!(
        org.get("NPM_TOKEN").await.unwrap().visibility,
        Visibility::All
    );
    assert_eq!(
        stored(&emu, &org_scope(), "NPM_TOKEN").as_deref(),
        Some("npm-3")
    );
    assert_eq!(org.list().await.unwrap().len(), 1);
    org.delete("NPM_TOKEN").await.unwrap();
    assert!(org.list().await.unwrap().is_empty());
}

#[tokio::test]
async fn one_key_request_serves_many_sets_and_a_rotated_key_is_refetched_once() {
    let emu = emulator();
    let repo = client(&emu).repo(OWNER, REPO);
    repo.set("A", "1").await.unwrap();
    repo.set("B", "2").await.unwrap();
    let key_fetches = |emu: &codespaces_secrets_emulator::Emulator| {
        api_log(emu)
            .iter()
            .filter(|r| r.path.ends_with("/public-key"))
            .count()
    };
    assert_eq!(key_fetches(&emu), 1);

    let before = emu.public_key(&repo_scope()).unwrap();
    emu.rotate_key(&repo_scope());
    assert_ne!(
        emu.public_key(&repo_scope()).unwrap().key_id(),
        before.key_id()
    );
    emu.clear_log();
    assert_eq!(repo.set("A", "rotated").await.unwrap(), SetOutcome::Updated);
    assert_eq!(stored(&emu, &repo_scope(), "A").as_deref(), Some("rotated"));
    let log = api_log(&emu);
    let statuses: Vec<(String, u16)> = log.iter().map(|r| (r.method.clone(), r.status)).collect();
    assert_eq!(
        statuses,
        [
            ("PUT".into(), 422),
            ("GET".into(), 200),
            ("PUT".into(), 204)
        ],
        "stale key: one refusal, one key fetch, one successful retry"
    );
}

#[tokio::test]
async fn the_token_reaches_only_its_own_resources() {
    let emu = emulator();
    let client = client(&emu);
    let err = client
        .repo("hubot", "hubot-scripts")
        .list()
        .await
        .unwrap_err();
    assert_eq!(err.code(), "NOT_FOUND");
    let err = client.org("no-such-org").public_key().await.unwrap_err();
    assert_eq!(err.code(), "NOT_FOUND");

    let bad = builder(&emu).token("ghp_wrong").build().unwrap();
    let err = bad.user().list().await.unwrap_err();
    assert_eq!(err.code(), "UNAUTHORIZED");
    assert_eq!(err.status(), Some(401));
    assert!(!err.to_string().contains("ghp_wrong"));
}

#[tokio::test]
async fn values_of_every_size_arrive_intact() {
    let emu = emulator();
    let repo = client(&emu).repo(OWNER, REPO);
    let cases: Vec<(String, Vec<u8>)> = vec![
        ("EMPTY".into(), Vec::new()),
        ("UTF8".into(), "pässwörd 秘密 🔑".as_bytes().to_vec()),
        ("BINARY".into(), (0..=255u8).collect()),
        ("MAX".into(), vec![b'x'; 48 * 1024]),
    ];
    for (name, value) in &cases {
        repo.set(name.as_str(), value.clone()).await.unwrap();
        assert_eq!(
            emu.secret_value(&repo_scope(), name).unwrap().expose(),
            value.as_slice(),
            "{name}"
        );
    }
}

#[tokio::test]
async fn concurrent_first_sets_share_one_key_request() {
    let emu = emulator();
    let repo = client(&emu).repo(OWNER, REPO);
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let repo = repo.clone();
            tokio::spawn(async move { repo.set(format!("PAR_{i}"), "v").await })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    let key_requests = api_log(&emu)
        .iter()
        .filter(|r| r.path.ends_with("/public-key"))
        .count();
    assert_eq!(key_requests, 1);
    assert_eq!(emu.secrets(&repo_scope()).len(), 20);
}
