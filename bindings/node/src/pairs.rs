//! The secrets `setMany` and `sync` take: a plain object `{ NAME: value }` or a `Map`, each
//! value a string or a `Buffer`, in the caller's order.
//!
//! napi would read a `Map` as an object without keys, so the entries are listed by JavaScript
//! itself — `Array.from(map)` or `Object.entries(object)`, both in insertion order — and read
//! on the JavaScript thread, before the Promise's work starts.

use codespaces_secrets::Error;
use napi::bindgen_prelude::{Buffer, Either, Function, JsObjectValue, JsValue, Unknown};
use napi::{Env, ValueType};

/// One entry as JavaScript hands it over.
type Entry = (String, Either<String, Buffer>);

/// The entries of `secrets` as names and plaintext bytes, in order. Anything but an
/// object of strings and `Buffer`s is `INVALID_INPUT` (the Promise rejects; the message names
/// no value). Duplicate names (in any case) are left for the SDK to refuse, as it refuses any
/// bad name or value, before any request.
pub(crate) fn entries(env: &Env, secrets: Unknown<'_>) -> Result<Vec<(String, Vec<u8>)>, Error> {
    if !secrets.get_type().is_ok_and(|t| t == ValueType::Object) {
        return Err(invalid());
    }
    let entries = listed(env, secrets).map_err(|_| invalid())?;
    Ok(entries
        .into_iter()
        .map(|(name, value)| (name, bytes(value)))
        .collect())
}

/// napi's own message would name the JavaScript value found, which may be a secret's.
fn invalid() -> Error {
    Error::invalid_input(
        "secrets",
        "expected { NAME: value } or a Map of names to values (strings or Buffers)",
    )
}

/// `Array.from(secrets)` for a `Map`, else `Object.entries(secrets)`.
fn listed(env: &Env, secrets: Unknown<'_>) -> napi::Result<Vec<Entry>> {
    let global = env.get_global()?;
    let map: Function<'_> = global.get_named_property("Map")?;
    let (holder, method) = if secrets.instanceof(map)? {
        ("Array", "from")
    } else {
        ("Object", "entries")
    };
    let holder: Function<'_> = global.get_named_property(holder)?;
    let list: Function<'_, Unknown<'_>, Vec<Entry>> = holder.get_named_property(method)?;
    list.call(secrets)
}

/// A value as `set` takes it: text as UTF-8, a `Buffer` as is.
pub(crate) fn bytes(value: Either<String, Buffer>) -> Vec<u8> {
    match value {
        Either::A(text) => text.into_bytes(),
        Either::B(bytes) => bytes.to_vec(),
    }
}
