//! Type-checks the Android JNI entry point of the Kotlin/Swift library (`AndroidTls.nativeInit`).
#[cfg(target_os = "android")]
#[path = "../../../../bindings/uniffi/src/android.rs"]
pub mod android;
