//! The API base URL: https only (except loopback), any path prefix kept.

use std::fmt;
use std::net::IpAddr;

use url::{Host, Url};

use crate::error::HttpError;

/// A validated API root such as `https://api.github.com` or `https://ghe.example/api/v3`.
///
/// `http://` is accepted only for loopback hosts (the emulator, local proxies), so a token is
/// never sent in clear text over a network.
#[derive(Clone, PartialEq, Eq)]
pub struct BaseUrl(Url);

impl BaseUrl {
    /// Parses and checks a base URL. Trailing slashes are ignored; a path prefix is kept.
    pub fn parse(raw: &str) -> Result<Self, HttpError> {
        let invalid = |why: String| HttpError::config("base_url", why);
        let mut url = Url::parse(raw.trim())
            .map_err(|e| invalid(format!("{raw:?} is not a valid URL ({e})")))?;
        if url.cannot_be_a_base() || url.host().is_none() {
            return Err(invalid(format!("{raw:?} has no host")));
        }
        match url.scheme() {
            "https" => {}
            "http" if is_loopback(&url) => {}
            "http" => {
                return Err(invalid(format!(
                    "{raw:?} uses http:// to a non-loopback host; use https:// so the token is not sent in clear text"
                )));
            }
            other => {
                return Err(invalid(format!(
                    "{raw:?} has scheme {other:?}; use https://"
                )));
            }
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(invalid(
                "the base URL must not carry credentials; pass the token separately".into(),
            ));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(invalid(format!(
                "{raw:?} must not have a query or fragment"
            )));
        }
        let path = url.path().trim_end_matches('/').to_owned();
        url.set_path(&path);
        Ok(Self(url))
    }

    /// The URL of an API path made of segments, each percent-encoded as needed.
    pub fn join(&self, segments: &[&str]) -> Url {
        let mut url = self.0.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        url
    }

    /// Whether `url` is under this base (same scheme, host, port, and the base's path segments
    /// as a prefix of its own), so that a pagination link may be followed with the token.
    /// Segments, not text: `/api/v3evil` is not under `/api/v3`.
    pub fn contains(&self, url: &Url) -> bool {
        let segments = |u: &Url| -> Vec<String> {
            u.path_segments()
                .map(|s| s.filter(|p| !p.is_empty()).map(str::to_owned).collect())
                .unwrap_or_default()
        };
        let (base, other) = (segments(&self.0), segments(url));
        url.scheme() == self.0.scheme()
            && url.host_str() == self.0.host_str()
            && url.port_or_known_default() == self.0.port_or_known_default()
            && other.starts_with(&base)
    }

    /// The path segments of `url` after this base's own (for a URL [`contains`](Self::contains)
    /// accepts), e.g. `["orgs", "acme", "codespaces", "secrets"]`.
    pub fn relative_segments(&self, url: &Url) -> Vec<String> {
        let segments = |u: &Url| -> Vec<String> {
            u.path_segments()
                .map(|s| s.filter(|p| !p.is_empty()).map(decode).collect())
                .unwrap_or_default()
        };
        let base = segments(&self.0).len();
        segments(url).into_iter().skip(base).collect()
    }

    /// The base URL as text, without a trailing slash.
    pub fn as_str(&self) -> &str {
        self.0.as_str().trim_end_matches('/')
    }
}

/// A path segment as sent, decoded (`a%20b` → `a b`), so it names the same account as the
/// segment the request was built from.
fn decode(segment: &str) -> String {
    percent_encoding::percent_decode_str(segment)
        .decode_utf8_lossy()
        .into_owned()
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

impl fmt::Debug for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("BaseUrl").field(&self.as_str()).finish()
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_and_trailing_slashes_are_handled() {
        let base = BaseUrl::parse("https://ghe.example.com/api/v3/").unwrap();
        assert_eq!(base.as_str(), "https://ghe.example.com/api/v3");
        assert_eq!(
            base.join(&["repos", "o", "r", "codespaces", "secrets"])
                .as_str(),
            "https://ghe.example.com/api/v3/repos/o/r/codespaces/secrets"
        );
        let root = BaseUrl::parse("https://api.github.com").unwrap();
        assert_eq!(root.join(&["user"]).as_str(), "https://api.github.com/user");
        assert_eq!(
            root.join(&["orgs", "a b/c"]).as_str(),
            "https://api.github.com/orgs/a%20b%2Fc"
        );
    }

    #[test]
    fn http_only_for_loopback() {
        for ok in [
            "http://127.0.0.1:8080",
            "http://localhost:1",
            "http://[::1]:9/x",
        ] {
            BaseUrl::parse(ok).unwrap();
        }
        for bad in [
            "http://api.github.com",
            "ftp://x",
            "not a url",
            "https://u:p@h",
            "https://h?q=1",
        ] {
            let err = BaseUrl::parse(bad).unwrap_err();
            assert!(
                matches!(
                    err,
                    HttpError::Config {
                        field: "base_url",
                        ..
                    }
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn links_are_followed_only_under_the_base() {
        let base = BaseUrl::parse("https://ghe.example.com/api/v3").unwrap();
        assert!(base.contains(&Url::parse("https://ghe.example.com/api/v3/user?page=2").unwrap()));
        assert!(!base.contains(&Url::parse("https://evil.example.com/api/v3/user").unwrap()));
        assert!(!base.contains(&Url::parse("http://ghe.example.com/api/v3/user").unwrap()));
        assert!(!base.contains(&Url::parse("https://ghe.example.com/other").unwrap()));
        // Path segments, not text: a sibling path that merely starts with the same letters.
        assert!(!base.contains(&Url::parse("https://ghe.example.com/api/v3evil/user").unwrap()));
        assert!(!base.contains(&Url::parse("https://ghe.example.com/api").unwrap()));
        let root = BaseUrl::parse("https://api.github.com").unwrap();
        assert!(root.contains(&Url::parse("https://api.github.com/user?page=2").unwrap()));
    }
}
