//! `list [--json]`.

use serde::Serialize;

use super::Target;
use crate::failure::Failure;
use crate::output::{self, SecretRow};

/// Prints every secret of the scope (all pages).
pub(crate) async fn run(target: &Target, json: bool) -> Result<(), Failure> {
    each_scope!(target, secrets => show(&secrets.list().await?, json))
}

fn show<S: Serialize + SecretRow>(secrets: &[S], json: bool) -> Result<(), Failure> {
    if json {
        output::json(&secrets)
    } else if secrets.is_empty() {
        eprintln!("no secrets");
        Ok(())
    } else {
        output::secrets_table(secrets)
    }
}
