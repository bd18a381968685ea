//! Requests made as the GitHub App itself (a fresh JWT per attempt): installation lookups and
//! the token exchange. They go through the unauthenticated sender, so minting a token never
//! waits on the authenticated transport that asked for it.
// Without `app-signing` (the mobile library) no App can exist to use this, so nothing
// calls it there; it still compiles, and the linker drops it.
#![cfg_attr(not(feature = "app-signing"), allow(dead_code))]

use codespaces_secrets_core::models::GitHubErrorBody;

use super::github_app::GitHubApp;
use crate::error::HttpError;
use crate::request::ApiRequest;
use crate::response::ApiResponse;
use crate::sender::{Call, Credential, Sender};
use crate::token::Token;

/// The App's JWT as a sender credential. A refused JWT is not retried: a new one would be
/// signed with the same key and clock.
struct AppJwt<'a>(&'a GitHubApp);

impl Credential for AppJwt<'_> {
    type Ticket = ();

    async fn token(&self) -> Result<(Token, ()), HttpError> {
        Ok((self.0.jwt()?, ()))
    }

    async fn refused(&self, _: ()) -> bool {
        false
    }
}

/// Sends `request` as `app`, within a deadline of its own.
pub(super) async fn send_as_app(
    sender: &Sender,
    request: ApiRequest,
    app: &GitHubApp,
) -> Result<ApiResponse, HttpError> {
    let url = sender.url_of(&request);
    let call = Call {
        if_none_match: None,
        operation: request.operation,
        method: request.method,
        url: &url,
        body: request.body.as_ref(),
        deadline: sender.deadline(),
        pages: 0,
    };
    sender
        .send(call, &AppJwt(app))
        .await
        .map_err(explain_jwt_refusal)
}

/// GitHub's 401 to a JWT names the claim it disliked; add what to check, since the usual
/// causes are on the caller's side.
fn explain_jwt_refusal(error: HttpError) -> HttpError {
    match error {
        HttpError::Refused(mut refusal) if refusal.status == 401 => {
            let said = refusal
                .body
                .as_ref()
                .map(|b| b.message.clone())
                .unwrap_or_default();
            let hint = "GitHub refused the App's JWT: check the app id, that the private key is this App's current key, and this machine's clock";
            let message = match said.is_empty() {
                true => hint.to_owned(),
                false => format!("{said} ({hint})"),
            };
            match refusal.body.as_mut() {
                Some(body) => body.message = message,
                None => {
                    refusal.body = Some(GitHubErrorBody {
                        message,
                        ..GitHubErrorBody::default()
                    })
                }
            }
            HttpError::Refused(refusal)
        }
        other => other,
    }
}
