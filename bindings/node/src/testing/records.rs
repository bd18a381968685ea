//! The emulator's scopes and records as plain JavaScript objects.

use codespaces_secrets::Error;
use codespaces_secrets_emulator as emu;
use napi_derive::napi;

use crate::convert::timestamp;
use crate::models::Visibility;
use crate::testing::options::owner_and_name;

/// Which secrets: exactly one of `{ user: 'octocat' }`, `{ repo: 'octocat/Hello-World' }`,
/// `{ org: 'octo-org' }`.
#[napi(object)]
pub struct EmulatorScope {
    /// A user's login.
    pub user: Option<String>,
    /// `owner/name`.
    pub repo: Option<String>,
    /// An organization's name.
    pub org: Option<String>,
}

/// A secret as the emulator stored it, decrypted.
#[napi(object)]
pub struct StoredSecret {
    /// Upper-case.
    pub name: String,
    /// The plaintext (invalid UTF-8 replaced; `secretBytes` gives the exact bytes).
    pub value: String,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub updated_at: String,
    /// Absent for repository secrets.
    pub visibility: Option<Visibility>,
    /// Ascending.
    pub selected_repository_ids: Vec<i64>,
}

/// One API request the emulator answered (never a token or a value).
#[napi(object)]
pub struct LoggedRequest {
    /// The `x-github-request-id` it was answered with.
    pub request_id: String,
    /// `GET`, `PUT`, `DELETE`, ...
    pub method: String,
    /// As sent.
    pub path: String,
    /// Without `?`.
    pub query: Option<String>,
    /// The status answered.
    pub status: u16,
    /// Whether the method mutates.
    pub write: bool,
    /// The authenticated login.
    pub login: Option<String>,
    /// `server_error`, `dropped_connection`, `primary_rate_limit` or `secondary_rate_limit`.
    pub fault: Option<String>,
}

impl TryFrom<EmulatorScope> for emu::Scope {
    type Error = Error;
    fn try_from(s: EmulatorScope) -> Result<Self, Error> {
        match (s.user, s.repo, s.org) {
            (Some(login), None, None) => Ok(Self::user(login)),
            (None, Some(repo), None) => owner_and_name(&repo).map(|(o, r)| Self::repo(o, r)),
            (None, None, Some(org)) => Ok(Self::org(org)),
            _ => Err(Error::invalid_input(
                "scope",
                "give exactly one of user, repo, org",
            )),
        }
    }
}

impl From<emu::StoredSecret> for StoredSecret {
    fn from(s: emu::StoredSecret) -> Self {
        Self {
            value: String::from_utf8_lossy(s.value.expose()).into_owned(),
            name: s.name,
            created_at: timestamp(s.created_at),
            updated_at: timestamp(s.updated_at),
            visibility: s.visibility.map(Into::into),
            selected_repository_ids: s.selected_repository_ids,
        }
    }
}

impl From<emu::LoggedRequest> for LoggedRequest {
    fn from(r: emu::LoggedRequest) -> Self {
        Self {
            request_id: r.request_id,
            method: r.method,
            path: r.path,
            query: r.query,
            status: r.status,
            write: r.write,
            login: r.login,
            fault: r.fault.map(|f| f.as_str().to_owned()),
        }
    }
}
