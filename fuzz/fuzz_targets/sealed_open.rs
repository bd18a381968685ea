//! A sealed value the emulator receives: opening any text never panics.
#![no_main]

use std::sync::OnceLock;

use codespaces_secrets_core::{KeyId, KeyPair};
use libfuzzer_sys::fuzz_target;

fn pair() -> &'static KeyPair {
    static PAIR: OnceLock<KeyPair> = OnceLock::new();
    PAIR.get_or_init(|| KeyPair::generate(KeyId::new("1")))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = pair().open(&text);
});
