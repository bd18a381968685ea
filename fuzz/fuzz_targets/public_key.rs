//! A public key as the server sends it: parsing never panics, and a key that parses seals.
#![no_main]

use codespaces_secrets_core::{PublicKey, SecretValue};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(key) = PublicKey::parse("1", &text) {
        let value = SecretValue::new("fuzz").expect("a valid value");
        // Sealing may refuse a key on the twist; it must not panic.
        let _ = key.seal(&value);
    }
});
