//! The SDK's errors become CodespacesSecretsError without losing the kind, the message or
//! GitHub's data.

use std::time::{Duration, SystemTime};

use codespaces_secrets::models::GitHubErrorBody;
use codespaces_secrets::{ApiError, Error};
use codespaces_secrets_ffi::CodespacesSecretsError;

fn api(status: u16) -> ApiError {
    let body = GitHubErrorBody {
        message: "Not Found".into(),
        documentation_url: Some("https://docs.github.com/rest".into()),
        ..GitHubErrorBody::default()
    };
    ApiError::new("get-repo-secret", status, Some(body), Some("ABCD:1".into()))
}

#[test]
fn every_kind_keeps_the_sdk_code_and_message() {
    let errors = [
        Error::invalid_input("name", "bad"),
        Error::from_api(api(401)),
        Error::from_api(api(403)),
        Error::from_api(api(404)),
        Error::from_api(api(409)),
        Error::from_api(api(422)),
        Error::from_api(api(429)),
        Error::from_api(api(502)),
        Error::from_api(api(418)),
        Error::Transport {
            operation: "list",
            message: "refused".into(),
            source: None,
        },
        Error::Decode {
            operation: "list",
            message: "not json".into(),
            source: None,
        },
        Error::Encryption("no randomness".into()),
    ];
    for error in errors {
        let converted = CodespacesSecretsError::from(error.clone());
        assert_eq!(converted.code(), error.code(), "{error:?}");
        assert_eq!(converted.to_string(), error.to_string());
    }
}

#[test]
fn api_errors_carry_status_request_id_and_documentation() {
    match CodespacesSecretsError::from(Error::from_api(api(404))) {
        CodespacesSecretsError::NotFound {
            status,
            request_id,
            documentation_url,
            reason,
        } => {
            assert_eq!(status, 404);
            assert_eq!(request_id.as_deref(), Some("ABCD:1"));
            assert_eq!(
                documentation_url.as_deref(),
                Some("https://docs.github.com/rest")
            );
            assert!(reason.contains("HTTP 404: Not Found"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let limited = Error::RateLimited {
        retry_at: Some(at),
        api: Some(Box::new(api(403))),
    };
    match CodespacesSecretsError::from(limited) {
        CodespacesSecretsError::RateLimited {
            retry_at, status, ..
        } => assert_eq!((retry_at, status), (Some(at), Some(403))),
        other => panic!("{other:?}"),
    }
    match CodespacesSecretsError::from(Error::invalid_input("base_url", "http://x")) {
        CodespacesSecretsError::InvalidInput { field, .. } => assert_eq!(field, "base_url"),
        other => panic!("{other:?}"),
    }
}
