//! Where GitHub's web pages (the device-flow endpoints) are, given the API root.

use url::Url;

use crate::base_url::BaseUrl;
use crate::error::HttpError;

/// The web origin of an API root: `https://api.github.com` → `https://github.com`,
/// `https://api.SUB.ghe.com` → `https://SUB.ghe.com`, anything else (GitHub Enterprise Server
/// at `/api/v3`, the emulator) → its own origin.
pub fn web_origin(api: &BaseUrl) -> Result<BaseUrl, HttpError> {
    let url = Url::parse(api.as_str())
        .map_err(|e| HttpError::config("base_url", format!("cannot be parsed again ({e})")))?;
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    let origin = if host == "api.github.com" {
        "https://github.com".to_owned()
    } else if let Some(sub) = host
        .strip_prefix("api.")
        .filter(|rest| rest.ends_with(".ghe.com"))
    {
        format!("https://{sub}")
    } else {
        url.origin().ascii_serialization()
    };
    BaseUrl::parse(&origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn web(api: &str) -> String {
        let base = BaseUrl::parse(api).expect("base");
        web_origin(&base).expect("origin").as_str().to_owned()
    }

    #[test]
    fn github_and_ghe_cloud_and_everything_else() {
        assert_eq!(web("https://api.github.com"), "https://github.com");
        assert_eq!(web("https://API.GitHub.com/"), "https://github.com");
        assert_eq!(web("https://api.octo.ghe.com"), "https://octo.ghe.com");
        assert_eq!(
            web("https://ghe.example.com/api/v3"),
            "https://ghe.example.com"
        );
        assert_eq!(web("http://127.0.0.1:8123"), "http://127.0.0.1:8123");
        assert_eq!(web("https://api.ghe.com.evil"), "https://api.ghe.com.evil");
    }
}
