//! Reading a `.env` file without ever echoing a value.

use std::path::Path;

use crate::Error;

/// Reads `KEY=value` pairs with dotenv syntax, refusing an unreadable or malformed file.
pub(crate) fn read_env_file(path: &Path) -> Result<Vec<(String, String)>, Error> {
    let invalid = |message: String| Error::invalid_input("env_file", message);
    let file = std::fs::File::open(path)
        .map_err(|e| invalid(format!("cannot read {}: {e}", path.display())))?;
    parse_env(file, &path.display().to_string())
}

/// `KEY=value` pairs from `reader` (`name` says where they came from, in errors).
pub(crate) fn parse_env(
    reader: impl std::io::Read,
    name: &str,
) -> Result<Vec<(String, String)>, Error> {
    let invalid = |message: String| Error::invalid_input("env_file", message);
    let entries = dotenvy::from_read_iter(reader);
    let mut pairs = Vec::new();
    for entry in entries {
        let pair = entry.map_err(|e| {
            invalid(format!(
                "{name} is not a valid .env file: {}",
                describe_parse_error(&e, pairs.len() + 1)
            ))
        })?;
        pairs.push(pair);
    }
    Ok(pairs)
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
