//! `new Client({ app })`: a GitHub App as the client's credentials.

use codespaces_secrets as sdk;
use napi::bindgen_prelude::Either;
use napi_derive::napi;

/// A GitHub App to act as, instead of a token: the client signs a JWT with the App's key and
/// exchanges it for short-lived installation tokens, cached and renewed before they expire.
/// Organization and repository secrets only; `client.user` calls fail with `INVALID_INPUT`
/// before any request (user secrets need a user token, e.g. from `deviceFlow`).
#[napi(object)]
pub struct GitHubApp {
    /// The App's numeric id (`123456` or `'123456'`) or its client id (`'Iv23li...'`).
    #[napi(ts_type = "string | number")]
    pub app_id: Either<String, i64>,
    /// The private key GitHub generated for the App, as PEM text: PKCS#1 (`BEGIN RSA PRIVATE
    /// KEY`) or PKCS#8 (`BEGIN PRIVATE KEY`). A key that does not parse throws `INVALID_INPUT`
    /// quoting none of it.
    pub private_key: String,
    /// The installation to act as. Default: found per call from the organization or
    /// repository (`GET /orgs/{org}/installation`, `GET /repos/{owner}/{repo}/installation`),
    /// once each.
    pub installation_id: Option<i64>,
}

impl TryFrom<GitHubApp> for sdk::GitHubApp {
    type Error = sdk::Error;

    fn try_from(app: GitHubApp) -> Result<Self, sdk::Error> {
        let app_id = match app.app_id {
            Either::A(id) => id,
            Either::B(id) if id > 0 => id.to_string(),
            Either::B(_) => return Err(sdk::Error::invalid_input("appId", "must be 1 or more")),
        };
        let installation = app.installation_id.map(u64::try_from).transpose();
        let installation = installation
            .map_err(|_| sdk::Error::invalid_input("installationId", "must be 0 or more"))?;
        Self::new(app_id, &app.private_key, installation)
    }
}
