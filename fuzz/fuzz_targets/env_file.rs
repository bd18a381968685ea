//! A `.env` file: parsing and describing its error never panic, and the error never quotes a
//! line (a value may be on it).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = codespaces_secrets::fuzzing::env_text(data) {
        let shown = e.to_string();
        // A line that failed to parse is never echoed whole.
        if let Ok(text) = std::str::from_utf8(data) {
            for line in text.lines().filter(|l| l.len() > 24 && l.contains('=')) {
                assert!(!shown.contains(line), "the error quotes a line");
            }
        }
    }
});
