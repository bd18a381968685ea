//! `scope.listStream()`: the SDK's paged list stream as a JavaScript async iterable.

use std::future::Future;
use std::sync::Arc;

use codespaces_secrets::{self as sdk, Error};
use futures_util::StreamExt;
use futures_util::lock::Mutex;
use futures_util::stream::BoxStream;
use napi::bindgen_prelude::{AsyncGenerator, ToNapiValue};
use napi::{Env, sys};
use napi_derive::napi;

use crate::error::to_js;

/// Secrets one at a time, the next page fetched only when needed:
/// `for await (const secret of scope.listStream()) { ... }`. An error ends the iteration by
/// rejecting with the same `Error` (with `code`, `status`, `requestId`) a Promise would.
#[napi(async_iterator)]
pub struct SecretStream {
    pages: Arc<Mutex<BoxStream<'static, Result<sdk::SecretInfo, Error>>>>,
}

impl SecretStream {
    pub(crate) fn new(pages: BoxStream<'static, Result<sdk::SecretInfo, Error>>) -> Self {
        Self {
            pages: Arc::new(Mutex::new(pages)),
        }
    }
}

/// One item as it reaches JavaScript: the secret, or the error that ends the listing.
///
/// napi converts yielded items on the JavaScript thread, which is where an `Error` object with
/// our properties can be built; failing the conversion rejects `next()` with it. The type
/// shares its name with `models::SecretInfo` on purpose: napi writes `index.d.ts` from the
/// Rust spelling of `Yield`, so JavaScript sees `AsyncGenerator<SecretInfo>`.
pub struct SecretInfo(Result<sdk::SecretInfo, Error>);

impl ToNapiValue for SecretInfo {
    unsafe fn to_napi_value(env: sys::napi_env, item: Self) -> napi::Result<sys::napi_value> {
        match item.0 {
            // SAFETY: napi passes the live env of the calling (JavaScript) thread.
            Ok(secret) => unsafe { crate::models::SecretInfo::to_napi_value(env, secret.into()) },
            Err(error) => Err(to_js(&Env::from_raw(env), &error)),
        }
    }
}

#[napi]
impl AsyncGenerator for SecretStream {
    type Yield = SecretInfo;
    type Next = ();
    type Return = ();

    fn next(
        &mut self,
        _value: Option<()>,
    ) -> impl Future<Output = napi::Result<Option<SecretInfo>>> + Send + 'static {
        let pages = Arc::clone(&self.pages);
        async move { Ok(pages.lock().await.next().await.map(SecretInfo)) }
    }
}
