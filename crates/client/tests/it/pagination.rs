//! Paging: one request for 100 secrets, several for longer lists, each page fetched once.

use crate::common::*;
use codespaces_secrets::{SetOptions, Visibility};
use futures_util::TryStreamExt;

#[tokio::test]
async fn a_hundred_secrets_are_listed_in_one_request() {
    let emu = emulator();
    let repo = client(&emu).repo(OWNER, REPO);
    let pairs: Vec<(String, String)> = (0..100)
        .map(|i| (format!("S{i:03}"), "v".to_owned()))
        .collect();
    repo.set_many(pairs).await.unwrap();
    emu.clear_log();
    let listed = repo.list().await.unwrap();
    assert_eq!(listed.len(), 100);
    let log = api_log(&emu);
    assert_eq!(log.len(), 1);
    assert!(
        log[0]
            .query
            .as_deref()
            .unwrap_or_default()
            .contains("per_page=100")
    );
}

#[tokio::test]
async fn long_lists_are_followed_page_by_page() {
    let emu = emulator();
    let org = client(&emu).org(ORG);
    let ids: Vec<i64> = (0..230)
        .map(|i| emu.add_repo(ORG, &format!("repo-{i}")))
        .collect();
    let options = SetOptions::new()
        .visibility(Visibility::Selected)
        .repositories(ids.clone());
    org.set_with("WIDE", "v", options).await.unwrap();
    emu.clear_log();
    let mut listed: Vec<i64> = org
        .repositories("WIDE")
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    listed.sort();
    assert_eq!(listed, ids);
    let pages: Vec<String> = api_log(&emu)
        .into_iter()
        .map(|r| r.query.unwrap_or_default())
        .collect();
    assert_eq!(pages.len(), 3, "{pages:?}");
    assert!(
        pages[1].contains("page=2") && pages[2].contains("page=3"),
        "{pages:?}"
    );
}

#[tokio::test]
async fn the_stream_yields_items_lazily() {
    let emu = emulator();
    let user = client(&emu).user();
    user.set_many([("A", "1"), ("B", "2"), ("C", "3")])
        .await
        .unwrap();
    let mut stream = user.list_stream();
    let mut names = Vec::new();
    while let Some(secret) = stream.try_next().await.unwrap() {
        names.push(secret.name);
    }
    names.sort();
    assert_eq!(names, ["A", "B", "C"]);
}
