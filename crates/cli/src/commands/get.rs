//! `get NAME [--json]`.

use codespaces_secrets::SecretName;
use serde::Serialize;

use super::Target;
use crate::failure::Failure;
use crate::output::{self, SecretRow};

/// Prints one secret's metadata (GitHub never returns values).
pub(crate) async fn run(target: &Target, name: &SecretName, json: bool) -> Result<(), Failure> {
    each_scope!(target, secrets => show(&secrets.get(name).await?, json))
}

fn show<S: Serialize + SecretRow>(secret: &S, json: bool) -> Result<(), Failure> {
    if json {
        output::json(secret)
    } else {
        output::secrets_table(std::slice::from_ref(secret))
    }
}
