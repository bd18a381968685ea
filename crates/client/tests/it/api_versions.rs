//! The REST API version is a setting: both versions GitHub serves work, the one chosen is the
//! one sent, a server that lacks it gets a clear error, and an unknown one never leaves.

use crate::common::*;
use codespaces_secrets::{API_VERSIONS, ClientSettings, DEFAULT_API_VERSION, Error};

#[test]
fn the_sdk_speaks_the_versions_github_serves_and_defaults_to_githubs_default() {
    assert_eq!(API_VERSIONS, ["2022-11-28", "2026-03-10"]);
    assert_eq!(DEFAULT_API_VERSION, "2022-11-28");
    assert_eq!(
        API_VERSIONS,
        codespaces_secrets_emulator::API_VERSIONS,
        "the SDK and its emulator speak the same versions"
    );
}

#[tokio::test]
async fn every_operation_kind_works_at_each_version() {
    let emu = emulator();
    for version in API_VERSIONS {
        let client = builder(&emu).api_version(*version).build().unwrap();
        assert_eq!(client.api_version(), *version);
        let name = format!("AT_{}", version.replace('-', "_"));
        let value = format!("sent at {version}");
        let repo = client.repo(OWNER, REPO);
        repo.set(name.as_str(), value.as_str()).await.unwrap();
        assert_eq!(repo.get(name.as_str()).await.unwrap().name, name);
        assert!(repo.list().await.unwrap().iter().any(|s| s.name == name));
        assert_eq!(
            stored(&emu, &repo_scope(), &name).as_deref(),
            Some(value.as_str())
        );
        let user = client.user();
        user.set("USER_SECRET", value.as_str()).await.unwrap();
        user.add_repository("USER_SECRET", emu.repo_id(OWNER, REPO).unwrap())
            .await
            .unwrap();
        assert_eq!(user.repositories("USER_SECRET").await.unwrap().len(), 1);
        client
            .org(ORG)
            .set("ORG_SECRET", value.as_str())
            .await
            .unwrap();
        assert_eq!(
            stored(&emu, &org_scope(), "ORG_SECRET").as_deref(),
            Some(value.as_str())
        );
        repo.delete(name.as_str()).await.unwrap();
    }
    // (A first org `set` reads the secret to keep its access: that 404 is expected.)
    assert!(
        api_log(&emu).iter().all(|r| r.status != 400),
        "{:?}",
        api_log(&emu)
    );
}

#[tokio::test]
async fn the_chosen_version_is_the_one_sent() {
    let emu = emulator();
    for served in API_VERSIONS {
        emu.set_api_versions(&[*served]).unwrap();
        for chosen in API_VERSIONS {
            let client = builder(&emu).api_version(*chosen).build().unwrap();
            let answer = client.user().public_key().await;
            assert_eq!(
                answer.is_ok(),
                chosen == served,
                "serving {served}, asking {chosen}"
            );
        }
    }
    // Nothing chosen: GitHub's default.
    emu.set_api_versions(&["2022-11-28"]).unwrap();
    client(&emu).user().public_key().await.unwrap();
    emu.set_api_versions(&["2026-03-10"]).unwrap();
    assert_eq!(
        client(&emu).user().public_key().await.unwrap_err().status(),
        Some(400)
    );
}

#[tokio::test]
async fn a_server_without_the_chosen_version_says_which_was_sent_and_how_to_choose() {
    let emu = emulator();
    emu.set_api_versions(&["2022-11-28"]).unwrap();
    let client = builder(&emu).api_version("2026-03-10").build().unwrap();
    let error = client.repo(OWNER, REPO).set("X", "v").await.unwrap_err();
    // An answer of the server (a request went out, the version is a valid one): API_ERROR.
    assert_eq!(error.code(), "API_ERROR", "{error}");
    assert_eq!(error.status(), Some(400));
    assert!(error.request_id().is_some());
    let message = error.to_string();
    for expected in [
        "API version 2026-03-10 is not supported",
        "sent X-GitHub-Api-Version 2026-03-10",
        "api_version setting",
        "--api-version or GITHUB_API_VERSION",
        ": 2022-11-28)",
    ] {
        assert!(message.contains(expected), "{message:?} lacks {expected:?}");
    }
    assert!(stored(&emu, &repo_scope(), "X").is_none());
}

#[tokio::test]
async fn an_unknown_version_is_refused_before_any_request() {
    let emu = emulator();
    for wrong in [
        "",
        "2023-01-01",
        "latest",
        "2022-11-28; x",
        "2022-11-28\r\nX-Evil: 1",
    ] {
        let error = builder(&emu).api_version(wrong).build().unwrap_err();
        assert!(
            matches!(
                error,
                Error::InvalidInput {
                    field: "api_version",
                    ..
                }
            ),
            "{wrong:?}: {error:?}"
        );
        assert_eq!(error.code(), "INVALID_INPUT");
        let message = error.to_string();
        assert!(message.contains("2022-11-28, 2026-03-10"), "{message}");
        let settings = ClientSettings {
            token: Some(emu.token().to_owned()),
            base_url: Some(emu.base_url().to_owned()),
            api_version: Some(wrong.to_owned()),
            ..ClientSettings::default()
        };
        let error = codespaces_secrets::Client::new(settings).unwrap_err();
        assert_eq!(error.code(), "INVALID_INPUT");
    }
    assert!(api_log(&emu).is_empty(), "{:?}", api_log(&emu));
    // Surrounding whitespace is forgiven (a value read from a file or a variable).
    let client = builder(&emu).api_version(" 2026-03-10\n").build().unwrap();
    assert_eq!(client.api_version(), "2026-03-10");
}
