//! Turning argument text into checked values, so bad input stops before any request.

use std::convert::Infallible;
use std::fmt;

use codespaces_secrets::{RepoRef, SecretName};

/// A list of repository ids; a newtype so clap takes it as one comma-separated value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RepoIds(pub(crate) Vec<i64>);

/// Text that must never be printed (`--value`): its `Debug` is redacted, and parsing it never
/// fails, so clap never quotes it in an error.
#[derive(Clone)]
pub(crate) struct HiddenText(pub(crate) String);

impl fmt::Debug for HiddenText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// Accepts any text as a [`HiddenText`].
pub(crate) fn hidden_text(raw: &str) -> Result<HiddenText, Infallible> {
    Ok(HiddenText(raw.to_owned()))
}

/// A secret name, checked against GitHub's rules.
pub(crate) fn parse_name(raw: &str) -> Result<SecretName, String> {
    SecretName::new(raw).map_err(|e| e.to_string())
}

/// `OWNER/REPO`, with GitHub's rules for both names (the SDK's one parser).
pub(crate) fn parse_repo(raw: &str) -> Result<RepoRef, String> {
    raw.parse::<RepoRef>().map_err(|e| e.to_string())
}

/// An organization name: not empty (its characters are checked by the client).
pub(crate) fn parse_org(raw: &str) -> Result<String, String> {
    if raw.trim().is_empty() {
        return Err("the organization name is empty".to_owned());
    }
    Ok(raw.to_owned())
}

/// A positive number of seconds, fractions allowed (`--timeout 2.5`).
pub(crate) fn parse_seconds(raw: &str) -> Result<std::time::Duration, String> {
    match raw.trim().parse::<f64>() {
        Ok(secs) if secs > 0.0 && secs.is_finite() => {
            std::time::Duration::try_from_secs_f64(secs).map_err(|e| e.to_string())
        }
        _ => Err(format!(
            "{:?} is not a positive number of seconds",
            raw.trim()
        )),
    }
}

/// One repository id: a positive integer.
pub(crate) fn parse_id(raw: &str) -> Result<i64, String> {
    match raw.trim().parse::<i64>() {
        Ok(id) if id > 0 => Ok(id),
        _ => Err(format!(
            "{:?} is not a repository id (a positive integer)",
            raw.trim()
        )),
    }
}

/// Comma-separated repository ids; the empty string is the empty list.
pub(crate) fn parse_ids(raw: &str) -> Result<RepoIds, String> {
    if raw.trim().is_empty() {
        return Ok(RepoIds(Vec::new()));
    }
    raw.split(',')
        .map(parse_id)
        .collect::<Result<_, _>>()
        .map(RepoIds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repo_specs() {
        let repo = parse_repo("octocat/hello-world").expect("valid");
        assert_eq!((repo.owner(), repo.name()), ("octocat", "hello-world"));
        for bad in [
            "", "octocat", "/repo", "owner/", "a/b/c", "/", "-x/y", "x/..",
        ] {
            assert!(parse_repo(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn ids() {
        assert_eq!(parse_ids("1, 2,3"), Ok(RepoIds(vec![1, 2, 3])));
        assert_eq!(parse_ids(""), Ok(RepoIds(vec![])));
        for bad in ["a", "1,,2", "1,x", "0", "-5", "1.5", "99999999999999999999"] {
            assert!(parse_ids(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn hidden_text_is_never_printed() {
        let text = hidden_text("hunter2").unwrap_or_else(|e| match e {});
        assert_eq!(format!("{text:?}"), "[redacted]");
    }
}
