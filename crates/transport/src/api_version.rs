//! The REST API versions this SDK can ask for (`X-GitHub-Api-Version`), and what a server's
//! refusal of one means.

use codespaces_secrets_core::models::GitHubErrorBody;

use crate::error::HttpError;

/// Every REST API version the SDK can send, oldest first. GitHub serves them side by side, and
/// the Codespaces-secrets operations and their schemas are identical in all of them.
pub const API_VERSIONS: &[&str] = &["2022-11-28", "2026-03-10"];

/// The version sent unless another is chosen: GitHub's own default (what a request without the
/// header gets), supported until at least March 2028 — so every GitHub Enterprise Server and
/// proxy that speaks the API at all serves it.
pub const DEFAULT_API_VERSION: &str = "2022-11-28";

/// The chosen version, else [`DEFAULT_API_VERSION`]; anything not in [`API_VERSIONS`] is
/// refused here, before a request could carry it.
pub fn api_version(chosen: Option<&str>) -> Result<&'static str, HttpError> {
    let Some(chosen) = chosen else {
        return Ok(DEFAULT_API_VERSION);
    };
    let trimmed = chosen.trim();
    API_VERSIONS
        .iter()
        .find(|known| **known == trimmed)
        .copied()
        .ok_or_else(|| {
            HttpError::config(
                "api_version",
                format!(
                    "{chosen:?} is not a REST API version this SDK speaks; choose one of {} (default {DEFAULT_API_VERSION})",
                    API_VERSIONS.join(", ")
                ),
            )
        })
}

/// A 400 whose message is about the API version (GitHub's `API version X is not supported.`)
/// gets what GitHub cannot say: which version this client sent and how to pick another. The
/// status and kind stay those of an API answer — a request was sent, and the version is valid,
/// only not served by this server — so it is not an input error found before any request.
pub(crate) fn explain_version_refusal(error: HttpError, sent: &str) -> HttpError {
    let HttpError::Refused(mut refusal) = error else {
        return error;
    };
    let is_about_version = refusal.status == 400
        && refusal.body.as_ref().is_some_and(|body| {
            let message = body.message.to_ascii_lowercase();
            message.contains("api version")
                || message.contains("api-version")
                || body
                    .documentation_url
                    .as_deref()
                    .is_some_and(|url| url.contains("api-versions"))
        });
    if !is_about_version {
        return HttpError::Refused(refusal);
    }
    let others: Vec<&str> = API_VERSIONS
        .iter()
        .copied()
        .filter(|v| *v != sent)
        .collect();
    let hint = format!(
        "this client sent X-GitHub-Api-Version {sent}, which the server does not serve; choose another with the api_version setting (apiVersion in Node, Kotlin and Swift; --api-version or GITHUB_API_VERSION for the CLI): {}",
        others.join(", ")
    );
    let body = refusal.body.get_or_insert_with(GitHubErrorBody::default);
    body.message = format!("{} ({hint})", body.message.trim_end());
    HttpError::Refused(refusal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Refusal;

    fn refused(status: u16, message: &str) -> HttpError {
        HttpError::Refused(Box::new(Refusal {
            operation: "get-user-public-key",
            status,
            body: Some(GitHubErrorBody {
                message: message.to_owned(),
                ..GitHubErrorBody::default()
            }),
            request_id: None,
            rate_limited: None,
        }))
    }

    fn message(error: &HttpError) -> String {
        match error {
            HttpError::Refused(refusal) => refusal.body.as_ref().unwrap().message.clone(),
            other => panic!("not a refusal: {other:?}"),
        }
    }

    #[test]
    fn known_versions_pass_and_others_are_refused() {
        assert_eq!(api_version(None).unwrap(), "2022-11-28");
        assert_eq!(api_version(Some("2026-03-10")).unwrap(), "2026-03-10");
        assert_eq!(api_version(Some(" 2022-11-28\n")).unwrap(), "2022-11-28");
        for wrong in [
            "",
            "2023-01-01",
            "latest",
            "2022-11-28; x=1",
            "2026-03-10\r\nX-Evil: 1",
        ] {
            let error = api_version(Some(wrong)).unwrap_err();
            let text = error.to_string();
            assert!(text.starts_with("invalid api_version: "), "{text}");
            assert!(text.contains("2022-11-28, 2026-03-10"), "{text}");
        }
    }

    #[test]
    fn a_refused_version_names_what_was_sent_and_the_others() {
        let error = explain_version_refusal(
            refused(400, "API version 2026-03-10 is not supported."),
            "2026-03-10",
        );
        let said = message(&error);
        assert!(
            said.starts_with("API version 2026-03-10 is not supported. ("),
            "{said}"
        );
        assert!(
            said.contains("sent X-GitHub-Api-Version 2026-03-10"),
            "{said}"
        );
        assert!(said.contains("api_version setting"), "{said}");
        assert!(said.ends_with(": 2022-11-28)"), "{said}");
    }

    #[test]
    fn other_refusals_are_left_alone() {
        for (status, text) in [
            (400, "Problems parsing JSON"),
            (404, "API version? Not Found"),
        ] {
            let error = explain_version_refusal(refused(status, text), "2022-11-28");
            assert_eq!(message(&error), text);
        }
    }
}
