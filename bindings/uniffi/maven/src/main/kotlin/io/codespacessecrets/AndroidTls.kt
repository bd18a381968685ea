package io.codespacessecrets

/**
 * Android only: hands the app's `Context` to the TLS certificate verifier before the first
 * request. On Android, HTTPS certificates are checked by the platform's own trust manager
 * (user-installed and enterprise CAs included), which the Rust library reaches over JNI; it needs
 * the application's `Context` once. Call it early, e.g. in `Application.onCreate`:
 *
 * ```kotlin
 * AndroidTls.init(applicationContext)
 * ```
 *
 * On the JVM (Linux, macOS, Windows) certificates are checked against the OS trust store with no
 * set-up, and this object is never needed. `context` is typed `Any` so this jar needs no Android
 * SDK; pass an `android.content.Context`.
 */
public object AndroidTls {
    @Volatile private var initialized = false

    /** Idempotent; safe from any thread. Throws if the library or the verifier cannot start. */
    @JvmStatic
    @Synchronized
    public fun init(context: Any) {
        if (initialized) return
        // The same library JNA loads for the generated bindings; JNI finds `nativeInit` in it.
        System.loadLibrary("codespaces_secrets_ffi")
        nativeInit(context)
        initialized = true
    }

    // Implemented in Rust: bindings/uniffi/src/android.rs (Java_io_codespacessecrets_AndroidTls_nativeInit).
    @JvmStatic
    private external fun nativeInit(context: Any)
}
