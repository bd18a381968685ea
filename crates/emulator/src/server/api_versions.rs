//! GitHub's REST API versions: the one list of those the emulator knows, and which of them a
//! server serves — all by default; fewer to test a client against a server that lacks one.

use std::fmt;

use axum::http::HeaderValue;

/// Every REST API version the emulator can serve, oldest first. GitHub serves both; the
/// Codespaces-secrets operations and their schemas are identical in them.
pub const API_VERSIONS: &[&str] = &["2022-11-28", "2026-03-10"];

/// Why a list of versions to serve was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiVersionsError(String);

impl fmt::Display for ApiVersionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ApiVersionsError {}

/// The versions a server serves, in [`API_VERSIONS`] order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Served(Vec<&'static str>);

impl Default for Served {
    fn default() -> Self {
        Self(API_VERSIONS.to_vec())
    }
}

impl Served {
    /// The versions named, each one the emulator knows; at least one.
    pub(crate) fn new<S: AsRef<str>>(versions: &[S]) -> Result<Self, ApiVersionsError> {
        for version in versions {
            let version = version.as_ref();
            if !API_VERSIONS.contains(&version) {
                return Err(ApiVersionsError(format!(
                    "API version {version:?} is not one the emulator knows ({})",
                    API_VERSIONS.join(", ")
                )));
            }
        }
        let served: Vec<&'static str> = API_VERSIONS
            .iter()
            .copied()
            .filter(|known| versions.iter().any(|v| v.as_ref() == *known))
            .collect();
        if served.is_empty() {
            return Err(ApiVersionsError(
                "at least one API version must be served".to_owned(),
            ));
        }
        Ok(Self(served))
    }

    /// The versions served, oldest first.
    pub(crate) fn list(&self) -> Vec<String> {
        self.0.iter().map(|v| (*v).to_owned()).collect()
    }

    /// The version a request gets: the one its `X-GitHub-Api-Version` names, or without the
    /// header the oldest served (GitHub's default, 2022-11-28, when it is served). A version
    /// not served is returned as sent, for the 400 that refuses it.
    pub(crate) fn select(&self, asked: Option<&HeaderValue>) -> Result<&'static str, String> {
        let Some(asked) = asked else {
            // Never empty (see `new`); the fallback only satisfies the type.
            return Ok(self.0.first().copied().unwrap_or(API_VERSIONS[0]));
        };
        let text = String::from_utf8_lossy(asked.as_bytes()).into_owned();
        self.0
            .iter()
            .copied()
            .find(|served| *served == text.trim())
            .ok_or(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_version_is_served_by_default_and_the_oldest_is_the_default() {
        let served = Served::default();
        assert_eq!(served.list(), API_VERSIONS);
        assert_eq!(served.select(None), Ok("2022-11-28"));
        let newer = HeaderValue::from_static("2026-03-10");
        assert_eq!(served.select(Some(&newer)), Ok("2026-03-10"));
        let unknown = HeaderValue::from_static("2099-01-01");
        assert_eq!(served.select(Some(&unknown)), Err("2099-01-01".to_owned()));
    }

    #[test]
    fn a_server_can_lack_a_version() {
        let served = Served::new(&["2026-03-10"]).expect("known");
        assert_eq!(served.select(None), Ok("2026-03-10"));
        let older = HeaderValue::from_static("2022-11-28");
        assert!(served.select(Some(&older)).is_err());
        assert!(Served::new(&["2022-11-28", "2022-11-28"]).is_ok());
        assert!(Served::new::<&str>(&[]).is_err());
        let unknown = Served::new(&["1999-01-01"]).expect_err("unknown");
        assert!(
            unknown.to_string().contains("2022-11-28, 2026-03-10"),
            "{unknown}"
        );
    }
}
