//! `deviceFlow(options)`: the OAuth device flow, how a CLI or desktop app gets a user token
//! (user secrets need one) without a password or a client secret.

use std::time::Duration;

use codespaces_secrets as sdk;
use napi::bindgen_prelude::{ClassInstance, FnArgs, Function, JsObjectValue, Object, PromiseRaw};
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::{Env, Status};
use napi_derive::napi;

use crate::client::millis;
use crate::error::promise;
use crate::login::{CancelHandle, DeviceLogin};

/// What to log in to, and as which app.
#[napi(object, object_to_js = false)]
pub struct DeviceFlowOptions<'a> {
    /// The client id of an OAuth app or GitHub App with "Enable Device Flow" checked.
    pub client_id: String,
    /// OAuth scopes; user Codespaces secrets need `codespace`. Default (absent or empty):
    /// `['codespace']`. A GitHub App's user tokens carry the App's permissions instead.
    pub scopes: Option<Vec<String>>,
    /// The API root the token is for. Default: `GITHUB_API_URL`, else `https://api.github.com`.
    pub base_url: Option<String>,
    /// The web origin serving `/login/device`. Default: derived from the API root
    /// (`api.github.com` → `github.com`, `api.SUB.ghe.com` → `SUB.ghe.com`, else the same origin).
    pub web_url: Option<String>,
    /// Time allowed per HTTP request. Default: 30000.
    pub timeout_ms: Option<i64>,
    /// Shows the user the code, on the JavaScript thread, once GitHub issued it (an exception
    /// it throws is reported like one from an event listener; the login goes on). Default:
    /// prints `Open <verificationUri> and enter <userCode>` to stderr.
    #[napi(ts_type = "(code: DeviceCode) => void")]
    pub on_code: Option<ThreadsafeFunction<DeviceCode, (), DeviceCode, Status, false>>,
    /// Stops the wait when cancelled: the Promise rejects with `LOGIN_FAILED`, reason
    /// `cancelled`.
    pub cancel: Option<ClassInstance<'a, CancelHandle>>,
    /// Stops the wait when aborted, like `cancel`.
    #[napi(ts_type = "AbortSignal")]
    pub signal: Option<Object<'a>>,
}

/// The code to show the user: they open `verificationUri` and type `userCode`.
#[napi(object)]
pub struct DeviceCode {
    /// The code the user types, e.g. `WDJB-MJHT`.
    pub user_code: String,
    /// Where they type it, e.g. `https://github.com/login/device`.
    pub verification_uri: String,
    /// How long the code stays valid.
    pub expires_in_ms: i64,
    /// How often GitHub allows polling (the flow keeps to it, slowing down when told).
    pub interval_ms: i64,
}

/// Why a login ended without a token: the `reason` of a `LOGIN_FAILED` error.
#[napi(string_enum = "lowercase")]
pub enum LoginFailure {
    /// The user pressed Cancel on GitHub's page.
    Denied,
    /// The code expired before the user approved it.
    Expired,
    /// `cancel` or `signal` ended the wait.
    Cancelled,
    /// GitHub refused the client (unknown client id, device flow not enabled for the app).
    Refused,
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

impl From<&sdk::DeviceCode> for DeviceCode {
    fn from(code: &sdk::DeviceCode) -> Self {
        Self {
            user_code: code.user_code.clone(),
            verification_uri: code.verification_uri.clone(),
            expires_in_ms: ms(code.expires_in),
            interval_ms: ms(code.interval),
        }
    }
}

/// `EventTarget.addEventListener(type, listener)`.
type AddEventListener<'a> = Function<'a, FnArgs<(&'a str, Function<'a, (), ()>)>, ()>;

/// Cancels `handle` when `signal` aborts (at once if it already has).
pub(crate) fn follow(
    env: &Env,
    signal: &Object<'_>,
    handle: &sdk::CancelHandle,
) -> napi::Result<()> {
    if signal.get_named_property::<Option<bool>>("aborted")? == Some(true) {
        handle.cancel();
        return Ok(());
    }
    let handle = handle.clone();
    let on_abort = env.create_function_from_closure::<(), (), _>("abort", move |_| {
        handle.cancel();
        Ok(())
    })?;
    let listen: AddEventListener<'_> = signal.get_named_property("addEventListener")?;
    listen.apply(signal, ("abort", on_abort).into())
}

/// Logs a user in with the OAuth device flow: asks GitHub for a code, hands it to `onCode`,
/// then polls at GitHub's pace until the user approves it on GitHub's page. Resolves with the
/// user's token; rejects with `LOGIN_FAILED` (and a `reason`) when the user denies it, the code
/// expires, or `cancel` / `signal` ends the wait, or with `INVALID_INPUT` for bad options.
#[napi]
pub fn device_flow<'env>(
    env: &'env Env,
    options: DeviceFlowOptions<'_>,
) -> napi::Result<PromiseRaw<'env, DeviceLogin>> {
    let cancel = match &options.cancel {
        Some(handle) => handle.inner.clone(),
        None => sdk::CancelHandle::new(),
    };
    if let Some(signal) = &options.signal {
        follow(env, signal, &cancel)?;
    }
    let on_code = options.on_code;
    let settings = millis("timeoutMs", options.timeout_ms).map(|timeout| sdk::DeviceFlowOptions {
        client_id: options.client_id,
        scopes: options.scopes.unwrap_or_default(),
        base_url: options.base_url,
        web_url: options.web_url,
        timeout,
    });
    let show = move |code: &sdk::DeviceCode| match on_code {
        Some(callback) => {
            callback.call(code.into(), ThreadsafeFunctionCallMode::NonBlocking);
        }
        None => eprintln!(
            "Open {} and enter {}",
            code.verification_uri, code.user_code
        ),
    };
    let call = async move { sdk::device_flow(settings?, show, &cancel).await };
    promise(env, call, DeviceLogin::from)
}
