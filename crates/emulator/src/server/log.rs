//! The request log: what reached the API, and how it was answered — never a token or a value.

use std::collections::VecDeque;

use chrono::{DateTime, Utc};
use serde::Serialize;

/// At most this many entries are kept; the oldest go first. A fuzzing run makes tens of
/// thousands of requests and the log must not grow without bound.
const CAPACITY: usize = 100_000;

/// One API request as the emulator saw it, or one request of the OAuth device flow
/// (`/login/...`, logged without a `login`). Control routes (`/_emulator/...`) are not logged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoggedRequest {
    /// The `x-github-request-id` sent with the response.
    pub request_id: String,
    /// `GET`, `PUT`, `DELETE`, ...
    pub method: String,
    /// The path, as sent (percent-encoding kept).
    pub path: String,
    /// The query string without `?`, if any (credential parameters such as `access_token` and
    /// `device_code` are redacted).
    pub query: Option<String>,
    /// The status answered (for a dropped connection: the status that was being sent).
    pub status: u16,
    /// Whether the method mutates (PUT, DELETE, POST, PATCH).
    pub write: bool,
    /// The authenticated login, if the token was valid.
    pub login: Option<String>,
    /// The injected fault that shaped the answer, if any.
    pub fault: Option<InjectedFault>,
    /// When the request arrived.
    pub started_at: DateTime<Utc>,
    /// When its answer was ready (after any injected latency).
    pub ended_at: DateTime<Utc>,
}

/// A fault the emulator injected into a request. Serialized as [`InjectedFault::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum InjectedFault {
    /// Answered 500, 502 or 503 without touching state.
    ServerError,
    /// Applied, then the connection was dropped before the answer was complete.
    DroppedConnection,
    /// Refused by the configured primary rate limit.
    PrimaryRateLimit,
    /// Refused by the configured secondary rate limit.
    SecondaryRateLimit,
}

impl InjectedFault {
    /// The fault's name wherever the log is shown (`/_emulator/log`, the language bindings):
    /// `server_error`, `dropped_connection`, `primary_rate_limit` or `secondary_rate_limit`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ServerError => "server_error",
            Self::DroppedConnection => "dropped_connection",
            Self::PrimaryRateLimit => "primary_rate_limit",
            Self::SecondaryRateLimit => "secondary_rate_limit",
        }
    }
}

impl Serialize for InjectedFault {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The bounded log itself.
#[derive(Debug, Default)]
pub(crate) struct RequestLog {
    entries: VecDeque<LoggedRequest>,
}

impl RequestLog {
    pub(crate) fn push(&mut self, entry: LoggedRequest) {
        if self.entries.len() == CAPACITY {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
    }

    pub(crate) fn snapshot(&self) -> Vec<LoggedRequest> {
        self.entries.iter().cloned().collect()
    }

    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }
}

/// Query parameters that carry a credential: a token in a URL (which GitHub once accepted) and
/// the OAuth parameters a client may send in the query instead of the body.
const CREDENTIAL_PARAMETERS: [&str; 5] = [
    "access_token",
    "device_code",
    "client_secret",
    "code",
    "refresh_token",
];

/// The query string as logged: credential parameters are replaced so the log never holds one.
pub(crate) fn loggable_query(query: Option<&str>) -> Option<String> {
    let query = query?;
    let redacted: Vec<String> = query
        .split('&')
        .map(|pair| {
            let key = pair.split('=').next().unwrap_or_default();
            if CREDENTIAL_PARAMETERS
                .iter()
                .any(|name| key.eq_ignore_ascii_case(name))
            {
                format!("{key}=[redacted]")
            } else {
                pair.to_owned()
            }
        })
        .collect();
    Some(redacted.join("&"))
}

#[cfg(test)]
mod tests {
    use super::{InjectedFault, loggable_query};

    #[test]
    fn faults_serialize_as_their_names() {
        for (fault, name) in [
            (InjectedFault::ServerError, "server_error"),
            (InjectedFault::DroppedConnection, "dropped_connection"),
            (InjectedFault::PrimaryRateLimit, "primary_rate_limit"),
            (InjectedFault::SecondaryRateLimit, "secondary_rate_limit"),
        ] {
            assert_eq!(fault.as_str(), name);
            assert_eq!(serde_json::to_value(fault).ok(), Some(name.into()));
        }
    }

    #[test]
    fn tokens_in_queries_are_redacted() {
        assert_eq!(
            loggable_query(Some("per_page=2&access_token=ghp_x&page=1")).as_deref(),
            Some("per_page=2&access_token=[redacted]&page=1")
        );
        assert_eq!(
            loggable_query(Some("client_id=Iv1&device_code=abc")).as_deref(),
            Some("client_id=Iv1&device_code=[redacted]")
        );
        assert_eq!(loggable_query(None), None);
    }
}
