//! What a create-or-update PUT must get right: keys, sealed values, names, sizes, limits.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use codespaces_secrets_core::{KeyPair, MAX_VALUE_BYTES, SecretValue};
use codespaces_secrets_emulator::Scope;
use serde_json::json;

use crate::harness::*;

#[tokio::test]
async fn sealed_values_must_open_with_the_current_key() {
    let h = Harness::new();
    let (key_id, key) = h.public_key(REPO).await;
    let path = format!("{REPO}/S");

    // Not base64 (the spec's pattern), or base64 with whitespace.
    for bad in ["not base64!", "c2VjcmV0\n", "c2VjcmV0=", ""] {
        let response = h
            .put(&path, json!({ "encrypted_value": bad, "key_id": key_id }))
            .await;
        expect_validation(response, "encrypted_value").await;
    }
    // Base64 but not a sealed box.
    let response = h
        .put(
            &path,
            json!({ "encrypted_value": "c2VjcmV0", "key_id": key_id }),
        )
        .await;
    expect_validation(response, "encrypted_value").await;
    // Sealed to another key.
    let other = KeyPair::generate("other");
    let sealed =
        codespaces_secrets_core::seal(&other.public_key().to_base64(), b"v").expect("seal");
    let response = h
        .put(
            &path,
            json!({ "encrypted_value": sealed, "key_id": key_id }),
        )
        .await;
    expect_validation(response, "encrypted_value").await;
    // Tampered: one bit flipped.
    let mut bytes = STANDARD
        .decode(codespaces_secrets_core::seal(&key, b"value").expect("seal"))
        .expect("base64");
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    let response = h
        .put(
            &path,
            json!({ "encrypted_value": STANDARD.encode(&bytes), "key_id": key_id }),
        )
        .await;
    expect_validation(response, "encrypted_value").await;
    // Right value, wrong key_id.
    let sealed = codespaces_secrets_core::seal(&key, b"v").expect("seal");
    let response = h
        .put(&path, json!({ "encrypted_value": sealed, "key_id": "123" }))
        .await;
    expect_validation(response, "key_id").await;
    // A value without key_id.
    let response = h.put(&path, json!({ "encrypted_value": sealed })).await;
    expect_invalid_request(response, "\"key_id\" wasn't supplied.").await;
    // key_id must be a string.
    let response = h
        .put(&path, json!({ "encrypted_value": sealed, "key_id": 123 }))
        .await;
    expect_invalid_request(response, "For 'properties/key_id', 123 is not a string.").await;

    assert!(
        h.emulator
            .secrets(&Scope::repo("octocat", "Hello-World"))
            .is_empty()
    );
    // And the right one.
    let response = h
        .put(
            &path,
            json!({ "encrypted_value": sealed, "key_id": key_id }),
        )
        .await;
    assert_eq!(response.status(), 201);
}

#[tokio::test]
async fn rotated_keys_invalidate_old_key_ids() {
    let h = Harness::new();
    let scope = Scope::user("octocat");
    let (old_id, old_key) = h.public_key(USER).await;
    h.emulator.rotate_key(&scope);
    let (new_id, new_key) = h.public_key(USER).await;
    assert_ne!(old_id, new_id);
    assert_ne!(old_key, new_key);
    let sealed = codespaces_secrets_core::seal(&old_key, b"v").expect("seal");
    let response = h
        .put(
            &format!("{USER}/S"),
            json!({ "encrypted_value": sealed, "key_id": old_id }),
        )
        .await;
    expect_validation(response, "key_id").await;
    // Sealed to the old key but labelled with the new id: does not open.
    let response = h
        .put(
            &format!("{USER}/S"),
            json!({ "encrypted_value": sealed, "key_id": new_id }),
        )
        .await;
    expect_validation(response, "encrypted_value").await;
    assert_eq!(h.put_secret(USER, "S", b"v", json!({})).await.status(), 201);
}

#[tokio::test]
async fn values_up_to_48_kb() {
    let h = Harness::new();
    let scope = Scope::repo("octocat", "Hello-World");
    let max = vec![b'x'; MAX_VALUE_BYTES];
    let response = h.put_secret(REPO, "BIG", &max, json!({})).await;
    assert_eq!(response.status(), 201);
    assert_eq!(
        h.emulator.secret_value(&scope, "BIG").expect("stored"),
        SecretValue::new(max).expect("value")
    );
    let too_big = vec![b'x'; MAX_VALUE_BYTES + 1];
    let response = h.put_secret(REPO, "TOO_BIG", &too_big, json!({})).await;
    expect_validation(response, "encrypted_value").await;
    // Far too big: refused by length without being opened.
    let huge = vec![b'x'; 200 * 1024];
    let response = h.put_secret(REPO, "HUGE", &huge, json!({})).await;
    expect_validation(response, "encrypted_value").await;
    assert_eq!(h.emulator.secrets(&scope).len(), 1);
}

#[tokio::test]
async fn empty_and_binary_values_round_trip() {
    let h = Harness::new();
    let scope = Scope::repo("octocat", "Hello-World");
    assert_eq!(
        h.put_secret(REPO, "EMPTY", b"", json!({})).await.status(),
        201
    );
    let binary: Vec<u8> = (0..=255).collect();
    assert_eq!(
        h.put_secret(REPO, "BINARY", &binary, json!({}))
            .await
            .status(),
        201
    );
    let unicode = "pässwörd 🔑".as_bytes();
    assert_eq!(
        h.put_secret(REPO, "UNICODE", unicode, json!({}))
            .await
            .status(),
        201
    );
    assert!(
        h.emulator
            .secret_value(&scope, "EMPTY")
            .expect("stored")
            .is_empty()
    );
    assert_eq!(
        h.emulator
            .secret_value(&scope, "BINARY")
            .expect("stored")
            .expose(),
        &binary[..]
    );
    assert_eq!(
        h.emulator
            .secret_value(&scope, "UNICODE")
            .expect("stored")
            .expose(),
        unicode
    );
}

#[tokio::test]
async fn names_follow_githubs_rules() {
    let h = Harness::new();
    for bad in [
        "1ABC",
        "GITHUB_TOKEN",
        "github_x",
        "WITH-DASH",
        "WITH%20SPACE",
        "%C3%A9T%C3%A9",
    ] {
        let response = h.put_secret(REPO, bad, b"v", json!({})).await;
        expect_validation(response, "name").await;
    }
    for good in ["a", "_LEADING", "MiXeD_123", "GITHUBX"] {
        let response = h.put_secret(REPO, good, b"v", json!({})).await;
        assert_eq!(response.status(), 201, "{good}");
    }
    let names: Vec<String> = h
        .emulator
        .secrets(&Scope::repo("octocat", "Hello-World"))
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, ["A", "GITHUBX", "MIXED_123", "_LEADING"]);
}

#[tokio::test]
async fn names_are_case_insensitive() {
    let h = Harness::new();
    assert_eq!(
        h.put_secret(USER, "token", b"1", json!({})).await.status(),
        201
    );
    // The same secret in another case: an update.
    assert_eq!(
        h.put_secret(USER, "TOKEN", b"2", json!({})).await.status(),
        204
    );
    assert_eq!(
        h.put_secret(USER, "ToKeN", b"3", json!({})).await.status(),
        204
    );
    let stored = h.emulator.secrets(&Scope::user("octocat"));
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].name, "TOKEN");
    assert_eq!(stored[0].value.expose(), b"3");
    assert_eq!(
        json_of(h.get(&format!("{USER}/tOkEn")).await, 200).await["name"],
        "TOKEN"
    );
}

#[tokio::test]
async fn at_most_100_secrets_per_scope() {
    let h = Harness::new();
    let scope = Scope::repo("octocat", "Hello-World");
    for i in 0..100 {
        let response = h
            .put_secret(REPO, &format!("S{i:03}"), b"v", json!({}))
            .await;
        assert_eq!(response.status(), 201, "secret {i}");
    }
    let response = h.put_secret(REPO, "ONE_TOO_MANY", b"v", json!({})).await;
    expect_validation(response, "name").await;
    // Updating an existing one is still fine.
    assert_eq!(
        h.put_secret(REPO, "S000", b"w", json!({})).await.status(),
        204
    );
    assert_eq!(h.emulator.secrets(&scope).len(), 100);
    // Another scope has its own budget.
    assert_eq!(h.put_secret(USER, "S", b"v", json!({})).await.status(), 201);
}

#[tokio::test]
async fn creating_needs_a_value_and_user_puts_need_key_id() {
    let h = Harness::new();
    let (key_id, _) = h.public_key(USER).await;
    let response = h
        .put(&format!("{USER}/S"), json!({ "key_id": key_id }))
        .await;
    expect_validation(response, "encrypted_value").await;
    let response = h.put(&format!("{REPO}/S"), json!({})).await;
    expect_validation(response, "encrypted_value").await;
    // User PUTs require key_id even without a value.
    let response = h.put(&format!("{USER}/S"), json!({})).await;
    expect_invalid_request(response, "\"key_id\" wasn't supplied.").await;

    // With an existing secret, a PUT without a value changes only the selection.
    let hello = h
        .emulator
        .repo_id("octocat", "Hello-World")
        .expect("demo repo");
    assert_eq!(
        h.put_secret(USER, "S", b"keep", json!({})).await.status(),
        201
    );
    let response = h
        .put(
            &format!("{USER}/S"),
            json!({ "key_id": key_id, "selected_repository_ids": [hello] }),
        )
        .await;
    assert_eq!(response.status(), 204);
    let stored = h.emulator.secrets(&Scope::user("octocat"));
    assert_eq!(stored[0].value.expose(), b"keep");
    assert_eq!(stored[0].selected_repository_ids, vec![hello]);
}

#[tokio::test]
async fn updated_at_moves_and_created_at_stays() {
    let h = Harness::new();
    assert_eq!(h.put_secret(REPO, "S", b"1", json!({})).await.status(), 201);
    let before = h.emulator.secrets(&Scope::repo("octocat", "Hello-World"))[0].clone();
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    assert_eq!(h.put_secret(REPO, "S", b"2", json!({})).await.status(), 204);
    let after = h.emulator.secrets(&Scope::repo("octocat", "Hello-World"))[0].clone();
    assert_eq!(before.created_at, after.created_at);
    assert!(after.updated_at > before.updated_at);
}
