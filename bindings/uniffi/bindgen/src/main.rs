//! `uniffi-bindgen`, built from the same uniffi version as `codespaces-secrets-ffi` (the root
//! Cargo.toml pins it once), so the generated Kotlin and Swift always match the library's
//! scaffolding. Run `generate --library <cdylib> --language kotlin|swift --out-dir <dir>`.
#![forbid(unsafe_code)]

fn main() {
    uniffi::uniffi_bindgen_main()
}
