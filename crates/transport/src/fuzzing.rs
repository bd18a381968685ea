//! Entry points for the fuzz targets in `fuzz/` (not part of the API; hidden from the docs).

use std::time::Duration;

use reqwest::header::HeaderMap;

use crate::rate_limit::{classify, wait_for};

/// Reads a refused response's rate-limit signals and computes the wait, as the transport does
/// for every refusal: no header value may panic.
pub fn rate_limit(status: u16, headers: &HeaderMap, message: &str) {
    let signal = classify(status, headers, message);
    for waits in [0, 3, 40] {
        let _ = wait_for(&signal, Duration::from_secs(60), waits);
    }
}
