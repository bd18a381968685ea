//! What the sender asks of whoever authenticates its requests. The sender defines it and the
//! authentication layer implements it, so the sender never imports authentication.

use std::future::Future;

use crate::error::HttpError;
use crate::token::Token;

/// The token for each attempt of one request. Asked before every attempt, so a token that
/// expires mid-operation is replaced without the caller noticing.
pub(crate) trait Credential: Sync {
    /// Names the token an attempt carried, so a 401 retires exactly that one and not a
    /// newer token another request already minted.
    type Ticket: Copy + Send + Sync;

    /// The token for the next attempt.
    fn token(&self) -> impl Future<Output = Result<(Token, Self::Ticket), HttpError>> + Send;

    /// GitHub refused the token named by `ticket` with a 401: forget it if it is still the
    /// one in use. Returns whether one more attempt with a new token makes sense.
    fn refused(&self, ticket: Self::Ticket) -> impl Future<Output = bool> + Send;
}
