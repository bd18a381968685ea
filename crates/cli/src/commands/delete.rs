//! `delete NAME`.

use codespaces_secrets::SecretName;

use super::Target;
use crate::failure::Failure;
use crate::output;

/// Deletes one secret.
pub(crate) async fn run(target: &Target, name: &SecretName) -> Result<(), Failure> {
    each_scope!(target, secrets => secrets.delete(name).await?);
    output::line(&format!(
        "deleted {} in {}",
        name.canonical(),
        target.describe()
    ))
}
