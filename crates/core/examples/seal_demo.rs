//! Seal a value the way GitHub expects it, then open it again as GitHub would — each step shown.
//!
//! `cargo run -p codespaces-secrets-core --example seal_demo`

use codespaces_secrets_core::{KeyPair, PublicKey, SecretName, SecretValue};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("1. GitHub holds a key pair per scope; here is a fresh one (as the emulator makes).");
    let github_side = KeyPair::generate("3380204578043523366");
    let key_json = format!(
        r#"{{"key_id":"{}","key":"{}"}}"#,
        github_side.key_id(),
        github_side.public_key().to_base64()
    );
    println!("   GET .../codespaces/secrets/public-key -> {key_json}");

    println!("2. The SDK parses and checks the key (standard base64, 32 bytes, not low-order).");
    let body: codespaces_secrets_core::models::CodespacesPublicKey =
        serde_json::from_str(&key_json)?;
    let public_key = PublicKey::try_from(&body)?;
    println!("   {public_key:?}");

    println!("3. The name and value are validated before anything is sent.");
    let name = SecretName::new("database_url")?;
    let value = SecretValue::new("postgres://app:s3cr3t@db.internal/app")?;
    println!(
        "   name {name} (stored as {}), value {value:?} ({} bytes)",
        name.canonical(),
        value.len()
    );

    println!("4. Sealed with libsodium's crypto_box_seal construction:");
    let sealed = public_key.seal(&value)?;
    println!(
        "   PUT body: {}",
        serde_json::json!({"encrypted_value": sealed.encrypted_value, "key_id": sealed.key_id})
    );
    println!(
        "   ({} bytes of plaintext became {} bytes sealed: +48)",
        value.len(),
        value.len() + 48
    );

    println!("5. GitHub's side opens it with the secret key:");
    let opened = github_side.open(&sealed.encrypted_value)?;
    assert_eq!(opened, value);
    println!(
        "   opened {} bytes, identical to what was sealed",
        opened.len()
    );

    println!("6. Bad input is refused before any request:");
    for bad in ["GITHUB_TOKEN", "9lives", "my-secret"] {
        if let Err(e) = SecretName::new(bad) {
            println!("   {e}");
        }
    }
    if let Err(e) = PublicKey::parse("1", "2Sg8iYjAxxmI2LvUXpJjkYrMxURPc8r+dB7TJyvv1234") {
        println!("   {e}");
    }
    Ok(())
}
