//! Every vector in `../shared/vectors/sealed-box.json`, made by libsodium itself.

use crate::common::{field, shared_json};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use codespaces_secrets_core::{Error, KeyPair, KeyProblem, PublicKey, SecretValue};

fn vectors() -> serde_json::Value {
    shared_json("vectors/sealed-box.json")
}

fn list<'a>(v: &'a serde_json::Value, name: &str) -> &'a Vec<serde_json::Value> {
    let items = v[name].as_array().expect("vector list");
    assert!(!items.is_empty(), "no {name} vectors");
    items
}

#[test]
fn libsodium_sealed_boxes_open_to_their_plaintext() {
    let v = vectors();
    for case in list(&v, "open") {
        let name = field(case, "name");
        let pair = KeyPair::from_secret_base64("v", field(case, "secret_key")).expect(name);
        assert_eq!(
            pair.public_key().to_base64(),
            field(case, "public_key"),
            "{name}"
        );
        let expected = STANDARD.decode(field(case, "plaintext_b64")).expect(name);
        let opened = pair
            .open(field(case, "sealed_b64"))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(opened.expose(), expected.as_slice(), "{name}");
    }
}

#[test]
fn our_seals_to_the_vector_keys_open_with_their_secret_keys() {
    let v = vectors();
    for case in list(&v, "open") {
        let name = field(case, "name");
        let pair = KeyPair::from_secret_base64("v", field(case, "secret_key")).expect(name);
        let key = PublicKey::parse("v", field(case, "public_key")).expect(name);
        let plaintext = STANDARD.decode(field(case, "plaintext_b64")).expect(name);
        let sealed = key
            .seal(&SecretValue::new(plaintext.clone()).expect(name))
            .expect(name);
        assert_eq!(
            pair.open(&sealed.encrypted_value).expect(name).expose(),
            plaintext.as_slice()
        );
    }
}

#[test]
fn damaged_or_misaddressed_boxes_are_refused_clearly() {
    let v = vectors();
    for case in list(&v, "must_not_open") {
        let name = field(case, "name");
        let pair = KeyPair::from_secret_base64("v", field(case, "secret_key")).expect(name);
        let err = pair.open(field(case, "sealed_b64")).expect_err(name);
        assert!(
            matches!(err, Error::OpenFailed | Error::SealedTooShort { .. }),
            "{name}: unexpected {err:?}"
        );
        let message = err.to_string();
        assert!(
            message.starts_with("sealed value"),
            "{name}: unclear message {message:?}"
        );
    }
}

#[test]
fn invalid_public_keys_are_refused_saying_what_is_wrong() {
    let v = vectors();
    for case in list(&v, "invalid_public_keys") {
        let name = field(case, "name");
        let key = field(case, "key");
        let err = PublicKey::parse("1", key).expect_err(name);
        let Error::InvalidPublicKey(problem) = &err else {
            panic!("{name}: wrong error kind {err:?}");
        };
        let decoded = STANDARD.decode(key).ok();
        match (problem, decoded) {
            (KeyProblem::Empty, _) => assert!(key.is_empty(), "{name}"),
            (KeyProblem::NotBase64(_), None) => {}
            (KeyProblem::WrongLength { found }, Some(bytes)) => {
                assert_eq!(*found, bytes.len(), "{name}");
                assert!(
                    err.to_string().contains(&format!("{found} bytes")),
                    "{name}: {err}"
                );
            }
            other => panic!("{name}: problem does not match the key: {other:?}"),
        }
    }
}

#[test]
fn the_docs_example_key_is_refused_as_33_bytes() {
    let err = PublicKey::parse("1", "2Sg8iYjAxxmI2LvUXpJjkYrMxURPc8r+dB7TJyvv1234").unwrap_err();
    assert_eq!(
        err,
        Error::InvalidPublicKey(KeyProblem::WrongLength { found: 33 })
    );
    assert_eq!(
        err.to_string(),
        "invalid public key: the key decodes to 33 bytes; an X25519 public key is exactly 32 \
         bytes; fetch the scope's public key again"
    );
}

#[test]
fn overhead_matches_the_vectors() {
    let v = vectors();
    let overhead = v["ciphertext_overhead_bytes"].as_u64().expect("overhead") as usize;
    assert_eq!(overhead, codespaces_secrets_core::SEAL_OVERHEAD);
    for case in list(&v, "open") {
        let sealed = STANDARD.decode(field(case, "sealed_b64")).expect("b64");
        let plain = STANDARD.decode(field(case, "plaintext_b64")).expect("b64");
        assert_eq!(sealed.len(), plain.len() + overhead);
    }
}
