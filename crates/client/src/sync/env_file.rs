//! Reading a `.env` file without ever echoing a value.

use std::io::Read as _;
use std::path::Path;

use codespaces_secrets_core::MAX_VALUE_BYTES;

use crate::Error;
use crate::visible_text::visible_text;

/// Reads `KEY=value` pairs with dotenv syntax, refusing an unreadable or malformed file.
pub(crate) fn read_env_file(path: &Path) -> Result<Vec<(String, String)>, Error> {
    let invalid = |message: String| Error::invalid_input("env_file", message);
    let file = std::fs::File::open(path)
        .map_err(|e| invalid(format!("cannot read {}: {e}", path.display())))?;
    parse_env(file, &path.display().to_string())
}

/// Larger than any real desired set (100 secrets of at most 48 KB each).
const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// dotenv syntax substitutes `$NAME` (earlier entries, the environment) in unquoted and
/// double-quoted values, so `A=$A$A` doubles a value per line: found by fuzzing, a 500-byte
/// file asked for gigabytes. With this many substitutions at most, and every value checked
/// against the 48 KB limit as soon as it is read, the growth is bounded.
const MAX_SUBSTITUTIONS: usize = 4096;

/// `KEY=value` pairs from `reader` (`name` says where they came from, in errors).
pub(crate) fn parse_env(
    reader: impl std::io::Read,
    name: &str,
) -> Result<Vec<(String, String)>, Error> {
    let invalid = |message: String| Error::invalid_input("env_file", message);
    let mut text = Vec::new();
    reader
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut text)
        .map_err(|e| invalid(format!("cannot read {name}: {e}")))?;
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(invalid(format!(
            "{name} is larger than {} MiB; a scope holds at most 100 secrets of 48 KB",
            MAX_FILE_BYTES / 1024 / 1024
        )));
    }
    if bytecount(&text, b'$') > MAX_SUBSTITUTIONS {
        return Err(invalid(format!(
            "{name} has more than {MAX_SUBSTITUTIONS} `$` substitutions; put literal values in single quotes"
        )));
    }
    let mut pairs = Vec::new();
    for entry in dotenvy::from_read_iter(text.as_slice()) {
        let pair = entry.map_err(|e| {
            invalid(format!(
                "{name} is not a valid .env file: {}",
                describe_parse_error(&e, pairs.len() + 1)
            ))
        })?;
        if pair.1.len() > MAX_VALUE_BYTES {
            return Err(invalid(format!(
                "{name}: the value of {} is {} bytes, over GitHub's limit of {MAX_VALUE_BYTES} (after `$` substitution)",
                visible_text(&pair.0),
                pair.1.len()
            )));
        }
        pairs.push(pair);
    }
    Ok(pairs)
}

fn bytecount(text: &[u8], byte: u8) -> usize {
    text.iter().filter(|b| **b == byte).count()
}

/// dotenvy's own message quotes the whole offending line, value included; this names only the
/// entry's key (when it looks like one) and where parsing stopped.
fn describe_parse_error(error: &dotenvy::Error, entry: usize) -> String {
    match error {
        dotenvy::Error::LineParse(line, at) => {
            let key = line
                .split_once('=')
                .map(|(key, _)| key.trim())
                .map(|key| key.strip_prefix("export ").unwrap_or(key).trim())
                .filter(|key| !key.is_empty())
                .filter(|key| key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
            let which = match key {
                Some(key) => format!("entry {entry} ({key})"),
                None => format!("entry {entry}"),
            };
            format!(
                "{which} does not parse (at character {at} of its line; the line is not shown, it may hold a secret)"
            )
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_env;

    /// Found by fuzzing (fuzz/artifacts/env_file/oom-0ece341a...): each line doubled the value
    /// before, and parsing asked for gigabytes.
    #[test]
    fn doubling_substitutions_are_stopped_at_the_value_limit() {
        let mut text = String::from("A=0123456789\n");
        text.push_str(&"A=$A$A\n".repeat(40));
        let started = std::time::Instant::now();
        let err = parse_env(text.as_bytes(), "test.env").expect_err("refused");
        assert!(
            err.to_string().contains("over GitHub's limit of 49152"),
            "{err}"
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        let many = "A=$B\n".repeat(5000);
        let err = parse_env(many.as_bytes(), "test.env").expect_err("refused");
        assert!(err.to_string().contains("substitutions"), "{err}");
    }

    #[test]
    fn the_fuzzers_input_is_refused_quickly() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../fuzz/regressions/env_file-oom-doubling"
        );
        let text = std::fs::read(path).expect("the saved input");
        assert!(parse_env(text.as_slice(), "fuzz.env").is_err());
    }
}
