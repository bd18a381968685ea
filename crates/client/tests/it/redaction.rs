//! The token and the plaintexts appear in no Debug, Display or error output.

use crate::common::*;
use codespaces_secrets::{Client, SecretValue};
use codespaces_secrets_emulator::Faults;

const PLAINTEXT: &str = "plaintext-that-must-never-be-printed";

fn assert_clean(what: &str, text: &str, token: &str) {
    assert!(!text.contains(token), "{what} shows the token: {text}");
    assert!(!text.contains(PLAINTEXT), "{what} shows the value: {text}");
}

#[tokio::test]
async fn no_output_carries_the_token_or_a_value() {
    let emu = emulator();
    let token = emu.token();
    let client = client(&emu);
    assert_clean("client", &format!("{client:?}"), &token);
    assert_clean("builder", &format!("{:?}", builder(&emu)), &token);
    assert_clean("scope", &format!("{:?}", client.repo(OWNER, REPO)), &token);
    let value = SecretValue::new(PLAINTEXT).unwrap();
    assert_clean("value", &format!("{value:?} {value}"), &token);

    // Errors of every origin: GitHub refusals, validation, faults.
    let repo = client.repo(OWNER, REPO);
    repo.set("KEEP", PLAINTEXT).await.unwrap();
    let mut errors = vec![
        repo.get("MISSING").await.unwrap_err(),
        repo.set("GITHUB_X", PLAINTEXT).await.unwrap_err(),
        repo.set("BIG", PLAINTEXT.repeat(2000)).await.unwrap_err(),
        client
            .repo("hubot", "hubot-scripts")
            .set("X", PLAINTEXT)
            .await
            .unwrap_err(),
    ];
    let unauthorized = Client::builder()
        .token("ghp_wrong_token_1234")
        .base_url(emu.base_url())
        .build()
        .unwrap();
    let err = unauthorized.user().set("X", PLAINTEXT).await.unwrap_err();
    assert_clean("401", &format!("{err:?} {err}"), "ghp_wrong_token_1234");
    emu.set_faults(Faults {
        server_error_rate: 1.0,
        ..Faults::default()
    })
    .expect("valid faults");
    let fragile = builder(&emu).max_retries(0).build().unwrap();
    errors.push(
        fragile
            .repo(OWNER, REPO)
            .set("KEEP", PLAINTEXT)
            .await
            .unwrap_err(),
    );
    for err in &errors {
        assert_clean(err.code(), &format!("{err:?} / {err}"), &token);
    }
}
