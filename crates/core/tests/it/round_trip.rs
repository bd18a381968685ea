//! Seal → open round trips across the whole size range, and the shape of what seal produces.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use codespaces_secrets_core::{
    Error, KeyPair, KeyProblem, MAX_VALUE_BYTES, PublicKey, SEAL_OVERHEAD, SecretValue, seal,
};
use proptest::prelude::*;

#[test]
fn every_size_from_empty_to_48_kib_round_trips() {
    let pair = KeyPair::generate("k1");
    let sizes = [
        0, 1, 2, 15, 16, 17, 31, 32, 33, 63, 64, 65, 255, 1000, 4096, 32768, 49151, 49152,
    ];
    for size in sizes {
        let plaintext: Vec<u8> = (0..size).map(|i| (i * 7 + 3) as u8).collect();
        let value = SecretValue::new(plaintext.clone()).expect("within the limit");
        let sealed = pair.public_key().seal(&value).expect("seal");
        assert_eq!(sealed.key_id.as_str(), "k1");
        let raw = STANDARD
            .decode(&sealed.encrypted_value)
            .expect("standard base64");
        assert_eq!(raw.len(), size + SEAL_OVERHEAD, "size {size}");
        assert_eq!(
            pair.open(&sealed.encrypted_value).expect("open").expose(),
            plaintext.as_slice()
        );
    }
}

#[test]
fn two_seals_of_the_same_value_differ() {
    let pair = KeyPair::generate("k");
    let value = SecretValue::new("same").expect("value");
    let a = pair.public_key().seal(&value).expect("seal");
    let b = pair.public_key().seal(&value).expect("seal");
    assert_ne!(a.encrypted_value, b.encrypted_value);
    assert_ne!(
        a.encrypted_value[..44],
        b.encrypted_value[..44],
        "ephemeral keys must differ"
    );
}

#[test]
fn a_value_over_48_kib_is_refused_with_its_size() {
    let err = SecretValue::new(vec![1u8; MAX_VALUE_BYTES + 1]).unwrap_err();
    assert_eq!(
        err,
        Error::ValueTooLarge {
            len: 49153,
            max: 49152
        }
    );
    assert!(err.to_string().contains("49153 bytes"));
    assert!(
        seal(
            &KeyPair::generate("k").public_key().to_base64(),
            vec![1u8; 49153]
        )
        .is_err()
    );
}

#[test]
fn the_convenience_seal_opens_with_the_matching_key() {
    let pair = KeyPair::generate("k");
    let sealed = seal(&pair.public_key().to_base64(), "from a string").expect("seal");
    assert_eq!(pair.open(&sealed).expect("open").expose(), b"from a string");
    assert!(matches!(
        seal("AAAA", "x"),
        Err(Error::InvalidPublicKey(KeyProblem::WrongLength {
            found: 3
        }))
    ));
}

#[test]
fn low_order_keys_are_refused_before_sealing() {
    // The identity and the point of order 2 on Curve25519 (u = 0 and u = 1).
    let mut one = [0u8; 32];
    one[0] = 1;
    for bytes in [[0u8; 32], one] {
        let err = PublicKey::from_bytes("k", bytes).unwrap_err();
        assert_eq!(err, Error::InvalidPublicKey(KeyProblem::LowOrder));
    }
}

#[test]
fn a_box_sealed_to_another_key_does_not_open() {
    let ours = KeyPair::generate("a");
    let theirs = KeyPair::generate("b");
    let sealed = theirs
        .public_key()
        .seal(&SecretValue::new("x").expect("v"))
        .expect("seal");
    assert_eq!(
        ours.open(&sealed.encrypted_value).unwrap_err(),
        Error::OpenFailed
    );
    assert!(matches!(
        ours.open("not base64!"),
        Err(Error::SealedNotBase64(_))
    ));
    assert_eq!(
        ours.open("AAAA").unwrap_err(),
        Error::SealedTooShort { len: 3 }
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any key pair and any plaintext: our seal opens with crypto_box's independent `unseal`.
    #[test]
    fn random_keys_and_values_round_trip(
        secret in prop::array::uniform32(any::<u8>()),
        plaintext in prop::collection::vec(any::<u8>(), 0..2048),
    ) {
        let pair = KeyPair::from_secret_base64("p", &STANDARD.encode(secret)).expect("key");
        let value = SecretValue::new(plaintext.clone()).expect("value");
        let sealed = pair.public_key().seal(&value).expect("seal");
        let opened = pair.open(&sealed.encrypted_value).expect("open");
        prop_assert_eq!(opened.expose(), plaintext.as_slice());
    }
}
