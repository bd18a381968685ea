//! The emulator for Python tests (`codespaces_secrets.testing`): the in-process server, the
//! Apps it registers, and what it stored and saw. Test support, apart from the SDK's glue.

pub(crate) mod auth;
pub(crate) mod emulator;
pub(crate) mod models;
