//! Android: the TLS verifier's start-up, called from Kotlin as `AndroidTls.init(context)`.
//!
//! rustls-platform-verifier checks certificates on Android through the platform's
//! `X509TrustManager`, which it reaches over JNI with the application's `Context` and class
//! loader; until it has them, every HTTPS request fails. uniffi's calls go through JNA, which
//! cannot hand over a `JNIEnv` and a Java object, so this is a plain JNI function in the same
//! library: `io.codespacessecrets.AndroidTls` (shipped in the jar and the AAR) declares it as
//! `external fun nativeInit(context: Any)` and loads the library with `System.loadLibrary`.
//!
//! Compiled for `target_os = "android"` only, with this crate's two Android-only dependencies
//! (`jni` and `rustls-platform-verifier`, the versions reqwest already links); the AAR build is
//! in `bindings/uniffi/android/README.md`.

use jni::EnvUnowned;
use jni::errors::ThrowRuntimeExAndDefault;
use jni::objects::{JClass, JObject};

/// `AndroidTls.nativeInit(context)`: stores the JVM, the `Context` and its class loader for the
/// verifier. A second call is a no-op; a JNI failure becomes a `RuntimeException` in Kotlin.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_codespacessecrets_AndroidTls_nativeInit<'caller>(
    mut env: EnvUnowned<'caller>,
    _class: JClass<'caller>,
    context: JObject<'caller>,
) {
    env.with_env(|env| rustls_platform_verifier::android::init_with_env(env, context))
        .resolve::<ThrowRuntimeExAndDefault>()
}
