//! PEM armour: base64 in 64-character lines between `-----BEGIN label-----` and
//! `-----END label-----`, as OpenSSL and GitHub write private keys.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// `der` as a PEM block labelled `label`, ending with a newline.
pub(crate) fn encode(label: &str, der: &[u8]) -> String {
    let text = STANDARD.encode(der);
    let mut pem = format!("-----BEGIN {label}-----\n");
    // Base64 is ASCII, so every 64-byte chunk is valid UTF-8.
    for line in text.as_bytes().chunks(64) {
        pem.push_str(&String::from_utf8_lossy(line));
        pem.push('\n');
    }
    pem.push_str(&format!("-----END {label}-----\n"));
    pem
}

#[cfg(test)]
pub(crate) fn decode(pem: &str) -> Vec<u8> {
    let body: String = pem
        .lines()
        .filter(|line| !line.starts_with("-----"))
        .collect();
    STANDARD.decode(body).expect("PEM body is base64")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_64_characters() {
        let pem = encode("TEST", &[0xAB; 100]);
        let lines: Vec<&str> = pem.lines().collect();
        assert_eq!(lines.first(), Some(&"-----BEGIN TEST-----"));
        assert_eq!(lines.last(), Some(&"-----END TEST-----"));
        assert_eq!(lines[1].len(), 64);
        assert!(lines[2].len() <= 64);
        assert!(pem.ends_with('\n'));
        assert_eq!(decode(&pem), vec![0xAB; 100]);
    }
}
