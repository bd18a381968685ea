//! Plaintexts never appear in Debug, Display or error output.

use codespaces_secrets_core::{Error, KeyPair, SecretValue};

const PLAINTEXT: &str = "correct-horse-battery-staple";

#[test]
fn values_print_as_redacted() {
    let value = SecretValue::new(PLAINTEXT).expect("value");
    for shown in [
        format!("{value:?}"),
        format!("{value:#?}"),
        value.to_string(),
        format!("{value}"),
    ] {
        assert!(!shown.contains(PLAINTEXT), "{shown}");
        assert!(shown.contains("[redacted]"), "{shown}");
    }
}

#[test]
fn errors_about_values_never_carry_them() {
    let big = PLAINTEXT.repeat(2000);
    let err = SecretValue::new(big.as_str()).unwrap_err();
    for shown in [format!("{err:?}"), err.to_string()] {
        assert!(!shown.contains(PLAINTEXT), "{shown}");
    }
    let pair = KeyPair::generate("k");
    let other = KeyPair::generate("k2");
    let sealed = other
        .public_key()
        .seal(&SecretValue::new(PLAINTEXT).expect("v"))
        .expect("seal");
    let err: Error = pair.open(&sealed.encrypted_value).unwrap_err();
    assert!(!format!("{err:?} {err}").contains(PLAINTEXT));
}

#[test]
fn key_pairs_never_print_their_secret_key() {
    let pair = KeyPair::generate("k");
    let secret = pair.secret_base64();
    let shown = format!("{pair:?}");
    assert!(!shown.contains(&secret), "{shown}");
    assert!(shown.contains("[redacted]"));
}

#[test]
fn sealed_values_and_keys_print_no_plaintext() {
    let pair = KeyPair::generate("k");
    let sealed = pair
        .public_key()
        .seal(&SecretValue::new(PLAINTEXT).expect("v"))
        .expect("seal");
    assert!(!format!("{sealed:?} {:?}", pair.public_key()).contains(PLAINTEXT));
}
