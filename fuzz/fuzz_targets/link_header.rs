//! A `Link` header from the server: finding `rel="next"` never panics.
#![no_main]

use codespaces_secrets_transport::next_link;
use libfuzzer_sys::fuzz_target;
use reqwest::header::{HeaderMap, HeaderValue};

fuzz_target!(|data: &[u8]| {
    if let Ok(value) = HeaderValue::from_bytes(data) {
        let mut headers = HeaderMap::new();
        headers.insert("link", value);
        let _ = next_link(&headers);
    }
});
