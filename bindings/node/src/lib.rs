//! The npm package `codespaces-secrets`: the Rust SDK for Node.js through napi-rs.
//!
//! Conversion only. Each scope method converts its arguments, delegates to one
//! [`codespaces_secrets::AnyScope`] call run on napi's tokio runtime, and converts the result
//! into a plain object, or the error into a JavaScript `Error` with a stable `code`. `index.js`
//! and `index.d.ts` are generated from these files by `napi build` (see `package.json`).
#![deny(missing_docs)]

mod app;
mod client;
mod convert;
mod device_flow;
mod error;
mod fleet;
mod fleet_models;
mod fleet_report;
mod login;
mod models;
mod pairs;
mod scope;
mod scope_bulk;
mod stream;
mod sync_models;
mod testing;

pub use device_flow::device_flow;
use napi::Env;
use napi::bindgen_prelude::{Buffer, Either};
use napi_derive::napi;

/// Seals `plaintext` to a public key (base64, as `publicKey()` returns it) with libsodium's
/// sealed box, and returns the base64 ciphertext GitHub expects as `encrypted_value`.
/// Synchronous; throws `INVALID_INPUT` for a malformed key or a value over 48 KB. The last few
/// keys stay parsed, so sealing many values to one key is cheaper than the first seal.
#[napi]
pub fn seal(
    env: Env,
    public_key_b64: String,
    plaintext: Either<String, Buffer>,
) -> napi::Result<String> {
    let sealed = match &plaintext {
        Either::A(text) => codespaces_secrets::seal_cached(&public_key_b64, text.as_str()),
        Either::B(bytes) => codespaces_secrets::seal_cached(&public_key_b64, bytes.as_ref()),
    };
    error::throw(&env, sealed)
}
