//! The HTTP server every feature sits behind: the accept loop ([`serve()`]), the gate in front
//! of every route (authentication, versions, rate limits, faults, `ETag`s, GitHub's headers,
//! the request log), the shared [`ServerState`], and what answers are made of — bodies, errors,
//! JSON renderings, pagination.

pub(crate) mod api_versions;
pub(crate) mod body;
pub(crate) mod conditional;
pub(crate) mod errors;
pub(crate) mod gate;
pub(crate) mod log;
pub(crate) mod pagination;
pub(crate) mod rate_limit;
pub(crate) mod render;
mod routes;
pub(crate) mod serve;
mod state;

pub(crate) use routes::router;
pub(crate) use serve::serve;
pub(crate) use state::ServerState;
