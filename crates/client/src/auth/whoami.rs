//! Who a token belongs to, for `auth status` and for a tool that wants to greet its user.

use codespaces_secrets_transport::{ApiRequest, Method};
use serde::Deserialize;

use crate::{Client, Error};

#[derive(Deserialize)]
struct AuthenticatedUser {
    login: String,
}

impl Client {
    /// The login of the user the credentials act as (`GET /user`). An installation token or
    /// a GitHub App has no user: that is an `INVALID_INPUT` error, before any request.
    ///
    /// ```no_run
    /// # async fn run(client: codespaces_secrets::Client) -> codespaces_secrets::Result<()> {
    /// println!("signed in as {}", client.user_login().await?);
    /// # Ok(()) }
    /// ```
    pub async fn user_login(&self) -> Result<String, Error> {
        let request = ApiRequest::new("get-authenticated-user", Method::Get, vec!["user".into()]);
        let response = self.inner.transport.send(request).await?;
        Ok(response.json::<AuthenticatedUser>()?.login)
    }
}
