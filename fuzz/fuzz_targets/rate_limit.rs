//! Rate-limit headers from the server (`retry-after`, `x-ratelimit-*`): no value panics.
#![no_main]

use codespaces_secrets_transport::fuzzing::rate_limit;
use libfuzzer_sys::fuzz_target;
use reqwest::header::{HeaderMap, HeaderValue};

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|b| *b == b'\n');
    let mut headers = HeaderMap::new();
    for name in ["retry-after", "x-ratelimit-reset", "x-ratelimit-remaining"] {
        if let Some(Ok(value)) = parts.next().map(HeaderValue::from_bytes) {
            headers.insert(name, value);
        }
    }
    let message = String::from_utf8_lossy(parts.next().unwrap_or_default());
    for status in [403, 429, 500] {
        rate_limit(status, &headers, &message);
    }
});
