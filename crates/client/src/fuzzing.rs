//! Entry points for the fuzz targets in `fuzz/` (not part of the API; hidden from the docs).

use crate::Error;

/// Parses `.env` text as `sync_env_file` does, and formats the error if it fails: neither may
/// panic, and the error must never quote the text.
pub fn env_text(text: &[u8]) -> Result<Vec<(String, String)>, Error> {
    let parsed = crate::sync::env_file::parse_env(text, "fuzz.env");
    if let Err(e) = &parsed {
        let _ = e.to_string();
    }
    parsed
}
