//! SDK errors as JavaScript `Error`s with a stable `code`, and Promises that reject with them.
//!
//! napi's own conversion gives an `Error` only a `code`, so the object is built here (on the
//! JavaScript thread) and handed to napi as an already-made JavaScript value, which it rejects
//! or throws as is.

use std::future::Future;

use codespaces_secrets::Error;
use napi::Env;
use napi::bindgen_prelude::{JsObjectValue, JsValue, PromiseRaw, ToNapiValue};

/// The JavaScript `Error` for an SDK error: `message`, `code`, and `status`, `requestId`,
/// `documentationUrl` when GitHub answered, `reason` for a failed login. The message never
/// holds a token, a key or a value.
pub(crate) fn to_js(env: &Env, error: &Error) -> napi::Error {
    build(env, error).unwrap_or_else(|failed| failed)
}

fn build(env: &Env, error: &Error) -> napi::Result<napi::Error> {
    let mut object = env.create_error(napi::Error::from_reason(error.to_string()))?;
    object.set_named_property("code", error.code())?;
    if let Some(status) = error.status() {
        object.set_named_property("status", u32::from(status))?;
    }
    if let Some(id) = error.request_id() {
        object.set_named_property("requestId", id)?;
    }
    if let Some(url) = error.documentation_url() {
        object.set_named_property("documentationUrl", url)?;
    }
    if let Error::Login { reason, .. } = error {
        object.set_named_property("reason", reason.as_str())?;
    }
    Ok(napi::Error::from(object.to_unknown()))
}

/// Runs an SDK call on napi's tokio runtime. The Promise resolves with `convert(value)` or
/// rejects with the error from [`to_js`]; it never throws synchronously.
pub(crate) fn promise<'env, T, V>(
    env: &'env Env,
    call: impl Future<Output = Result<T, Error>> + Send + 'static,
    convert: impl FnOnce(T) -> V + 'static,
) -> napi::Result<PromiseRaw<'env, V>>
where
    T: Send + 'static,
    V: ToNapiValue,
{
    env.spawn_future_with_callback(async move { Ok(call.await) }, move |env, result| {
        result.map(convert).map_err(|error| to_js(env, &error))
    })
}

/// Turns an SDK result into a thrown JavaScript error, for synchronous functions.
pub(crate) fn throw<T>(env: &Env, result: Result<T, Error>) -> napi::Result<T> {
    result.map_err(|error| to_js(env, &error))
}
