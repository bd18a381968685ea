//! What happens to every API request before and after its operation: request id, User-Agent and
//! token checks, rate limits, injected faults, `ETag`s and 304s, GitHub's headers, and the
//! request log. The OAuth
//! web endpoints (`/login/...`) are only given a request id and logged.

use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use chrono::Utc;

use crate::auth::credentials::{MISSING_USER_AGENT, authenticate, has_user_agent, wants_jwt};
use crate::server::ServerState;
use crate::server::conditional;
use crate::server::errors::{GENERIC_DOCS, github_error};
use crate::server::log::{InjectedFault, LoggedRequest, loggable_query};
use crate::server::rate_limit::Quota;
use crate::server::rate_limit::{Refusal, WriteRules};
use crate::server::serve::DropConnection;

const USER_AGENT_DOCS: &str =
    "https://docs.github.com/rest/overview/resources-in-the-rest-api#user-agent-required";
const VERSION_DOCS: &str = "https://docs.github.com/rest/about-the-rest-api/api-versions";
const PRIMARY_DOCS: &str = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limit";
const SECONDARY_DOCS: &str = "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits";

/// Paths under this prefix are the emulator's own control routes: no auth, faults or logging.
pub(crate) const CONTROL_PREFIX: &str = "/_emulator";

pub(crate) fn is_control(path: &str) -> bool {
    path == CONTROL_PREFIX
        || path
            .strip_prefix(CONTROL_PREFIX)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// Paths under this prefix are GitHub's web host (github.com), where the OAuth device flow
/// lives; the emulator serves them on its own origin.
const WEB_PREFIX: &str = "/login";

fn is_web(path: &str) -> bool {
    path == WEB_PREFIX
        || path
            .strip_prefix(WEB_PREFIX)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// Whether a write creates content as GitHub's secondary limits count it: anything on the
/// secrets and selected-repository routes (never the App or device-flow endpoints).
fn creates_content(path: &str) -> bool {
    path.contains("/codespaces/secrets")
}

fn is_write(method: &Method) -> bool {
    matches!(
        *method,
        Method::PUT | Method::DELETE | Method::POST | Method::PATCH
    )
}

/// An admitted write; while it lives it counts as in flight for the secondary rate limit.
struct WriteSlot {
    server: ServerState,
    caller: String,
}

impl WriteSlot {
    fn admit(
        server: &ServerState,
        caller: &str,
        rules: WriteRules,
        now: Instant,
    ) -> Result<Self, Refusal> {
        server.writes().admit(caller, rules, now)?;
        Ok(Self {
            server: server.clone(),
            caller: caller.to_owned(),
        })
    }
}

impl Drop for WriteSlot {
    fn drop(&mut self) {
        self.server.writes().finish(&self.caller);
    }
}

/// The middleware in front of every route.
pub(crate) async fn gate(
    State(server): State<ServerState>,
    mut request: Request,
    next: Next,
) -> Response {
    if is_control(request.uri().path()) {
        return next.run(request).await;
    }
    if is_web(request.uri().path()) {
        return web(server, request, next).await;
    }
    let now = Instant::now();
    let started_at = Utc::now();
    let request_id = server.next_request_id();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let query = loggable_query(request.uri().query());
    let write = is_write(&method);
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    let version = server
        .api_versions()
        .select(request.headers().get("x-github-api-version"));

    let (draw, faults) = {
        let mut engine = server.faults();
        (engine.draw(), engine.faults().clone())
    };
    let auth = authenticate(request.headers(), &server.state(), wants_jwt(&path));
    let caller = auth.as_ref().ok().map(|who| who.key.clone());
    let mut quota = server
        .primary()
        .hit(caller.as_deref(), faults.primary_rate_limit, now);

    let mut fault = None;
    let mut slot = None;
    let mut retry_after = None;
    let refusal = if !has_user_agent(request.headers()) {
        Some(github_error(
            StatusCode::FORBIDDEN,
            MISSING_USER_AGENT,
            USER_AGENT_DOCS,
        ))
    } else if let Err(asked) = &version {
        Some(github_error(
            StatusCode::BAD_REQUEST,
            &format!("API version {asked} is not supported."),
            VERSION_DOCS,
        ))
    } else {
        match &auth {
            Err(failure) => Some(github_error(
                StatusCode::UNAUTHORIZED,
                failure.message(),
                GENERIC_DOCS,
            )),
            Ok(who) if quota.exceeded => {
                fault = Some(InjectedFault::PrimaryRateLimit);
                let account_id = server.state().account(&who.key).map_or(0, |a| a.id);
                Some(github_error(
                    StatusCode::FORBIDDEN,
                    &format!(
                        "API rate limit exceeded for user ID {account_id}. If you reach out to GitHub Support for help, please include the request ID {request_id} and timestamp {}.",
                        started_at.format("%Y-%m-%d %H:%M:%S UTC")
                    ),
                    PRIMARY_DOCS,
                ))
            }
            Ok(_) if draw.server_error.is_some() => {
                fault = Some(InjectedFault::ServerError);
                let status = draw
                    .server_error
                    .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                let message = match status {
                    StatusCode::BAD_GATEWAY => "Bad Gateway",
                    StatusCode::SERVICE_UNAVAILABLE => "Service Unavailable",
                    _ => "Server Error",
                };
                Some(github_error(status, message, GENERIC_DOCS))
            }
            Ok(who) if write => {
                let rules = WriteRules {
                    pacing: faults.secondary_rate_limit,
                    quota: faults.write_quota,
                    creates_content: creates_content(&path),
                };
                match WriteSlot::admit(&server, &who.key, rules, now) {
                    Ok(admitted) => {
                        slot = Some(admitted);
                        None
                    }
                    Err(refusal) => {
                        fault = Some(InjectedFault::SecondaryRateLimit);
                        retry_after = Some(refusal.wait());
                        // A pacing refusal has its configured status; the quota's is 403.
                        let status = match refusal {
                            Refusal::Pacing(_) => faults
                                .secondary_rate_limit
                                .and_then(|s| StatusCode::from_u16(s.status).ok()),
                            Refusal::Quota(_) => None,
                        }
                        .unwrap_or(StatusCode::FORBIDDEN);
                        Some(github_error(
                            status,
                            &format!(
                                "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID {request_id}."
                            ),
                            SECONDARY_DOCS,
                        ))
                    }
                }
            }
            Ok(_) => None,
        }
    };

    if let Some(delay) = draw.latency {
        tokio::time::sleep(delay).await;
    }
    let mut response = match refusal {
        Some(response) => response,
        None => {
            if let Ok(who) = &auth {
                request.extensions_mut().insert(who.clone());
            }
            next.run(request).await
        }
    };
    drop(slot);

    if conditional::tagged(&method, response.status()) {
        let not_modified;
        (response, not_modified) = conditional::tag(response, if_none_match.as_ref()).await;
        if not_modified {
            // GitHub's rule: an authorized conditional request answered 304 costs nothing.
            quota = server.primary().refund(caller.as_deref(), quota);
        }
    }
    let selected = version.ok();
    decorate(
        response.headers_mut(),
        &request_id,
        selected,
        quota,
        retry_after,
    );
    if draw.drop_connection {
        response.extensions_mut().insert(DropConnection);
        fault = Some(InjectedFault::DroppedConnection);
    }
    server.log().push(LoggedRequest {
        request_id,
        method: method.to_string(),
        path,
        query,
        status: response.status().as_u16(),
        write,
        login: auth.ok().map(|who| who.login),
        fault,
        started_at,
        ended_at: Utc::now(),
    });
    response
}

/// A request to the web host: not the API, so no User-Agent, version or token checks, no rate
/// limits and no faults (those are the API's) — but a request id and a log entry, so tests can
/// see how a client polled.
async fn web(server: ServerState, request: Request, next: Next) -> Response {
    let started_at = Utc::now();
    let request_id = server.next_request_id();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let query = loggable_query(request.uri().query());
    let mut response = next.run(request).await;
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response
            .headers_mut()
            .insert(HeaderName::from_static("x-github-request-id"), value);
    }
    server.log().push(LoggedRequest {
        request_id,
        write: is_write(&method),
        method: method.to_string(),
        path,
        query,
        status: response.status().as_u16(),
        login: None,
        fault: None,
        started_at,
        ended_at: Utc::now(),
    });
    response
}

/// GitHub's headers on every answer.
fn decorate(
    headers: &mut HeaderMap,
    request_id: &str,
    version: Option<&str>,
    quota: Quota,
    retry_after: Option<Duration>,
) {
    let mut set = |name: &'static str, value: String| {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(HeaderName::from_static(name), value);
        }
    };
    set("x-github-request-id", request_id.to_owned());
    // A refused version selects none.
    if let Some(version) = version {
        set("x-github-api-version-selected", version.to_owned());
    }
    set("x-github-media-type", "github.v3; format=json".to_owned());
    set("x-ratelimit-limit", quota.limit.to_string());
    set("x-ratelimit-remaining", quota.remaining.to_string());
    set("x-ratelimit-used", quota.used.to_string());
    set("x-ratelimit-reset", quota.reset.to_string());
    set("x-ratelimit-resource", "core".to_owned());
    if let Some(wait) = retry_after {
        // Whole seconds, rounded up, so a client never retries too early.
        let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        set("retry-after", secs.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::{is_control, is_web};

    #[test]
    fn web_prefix_is_exact() {
        assert!(is_web("/login/device/code"));
        assert!(is_web("/login/oauth/access_token"));
        assert!(!is_web("/logins"));
        assert!(!is_web("/user/login"));
    }

    #[test]
    fn control_prefix_is_exact() {
        assert!(is_control("/_emulator"));
        assert!(is_control("/_emulator/log"));
        assert!(!is_control("/_emulatorx"));
        assert!(!is_control("/user/codespaces/secrets"));
    }
}
