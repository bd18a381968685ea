//! Every response body the SDK decodes: any bytes decode or fail, never panic.
#![no_main]

use codespaces_secrets_core::models::{
    CodespacesPublicKey, GitHubErrorBody, OrgSecret, RepoSecret, RepositoryList, SecretList,
    UserSecret,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = serde_json::from_slice::<SecretList<UserSecret>>(data);
    let _ = serde_json::from_slice::<SecretList<RepoSecret>>(data);
    let _ = serde_json::from_slice::<SecretList<OrgSecret>>(data);
    let _ = serde_json::from_slice::<UserSecret>(data);
    let _ = serde_json::from_slice::<OrgSecret>(data);
    let _ = serde_json::from_slice::<RepositoryList>(data);
    let _ = serde_json::from_slice::<GitHubErrorBody>(data);
    if let Ok(key) = serde_json::from_slice::<CodespacesPublicKey>(data) {
        let _ = codespaces_secrets_core::PublicKey::try_from(&key);
    }
});
