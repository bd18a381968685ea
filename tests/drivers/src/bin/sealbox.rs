//! A tiny command-line sealed box, so other languages' libsodium can check ours.
//!
//! ```text
//! sealbox seal PUBLIC_KEY_B64   < plaintext          > sealed box, base64
//! sealbox open SECRET_KEY_B64   < sealed box, base64 > plaintext
//! ```
//! Used by `tests/interop/` (PyNaCl opens what we seal, and we open what PyNaCl seals).

use std::io::{Read, Write};
use std::process::ExitCode;

use codespaces_secrets_core::{Error, KeyPair};

fn run(mode: &str, key: &str, input: Vec<u8>) -> Result<Vec<u8>, Error> {
    match mode {
        "seal" => codespaces_secrets_core::seal(key, input).map(String::into_bytes),
        "open" => {
            let text = String::from_utf8_lossy(&input);
            let pair = KeyPair::from_secret_base64("cli", key.trim())?;
            pair.open(text.trim()).map(|v| v.expose().to_vec())
        }
        _ => unreachable!("checked by main"),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [mode, key] = args.as_slice() else {
        eprintln!("usage: sealbox seal PUBLIC_KEY_B64 | open SECRET_KEY_B64 (input on stdin)");
        return ExitCode::from(2);
    };
    if mode != "seal" && mode != "open" {
        eprintln!("unknown mode {mode:?}: expected seal or open");
        return ExitCode::from(2);
    }
    let mut input = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut input) {
        eprintln!("cannot read stdin: {e}");
        return ExitCode::FAILURE;
    }
    match run(mode, key, input) {
        Ok(out) => {
            let written = std::io::stdout()
                .write_all(&out)
                .and_then(|()| std::io::stdout().flush());
            if let Err(e) = written {
                eprintln!("cannot write stdout: {e}");
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("sealbox: {e}");
            ExitCode::FAILURE
        }
    }
}
