//! Drives all 23 operations through this SDK against `GITHUB_API_URL` — used by the Prism
//! contract run (`tests/contract/prism_scenario.py`) with Prism in front of the emulator, so the
//! requests our client itself builds are validated against GitHub's OpenAPI description.
//!
//! Expects the emulator's demo data (repository ids 1296269-1296272). Exits non-zero on the first
//! unexpected answer.

use std::time::Duration;

use codespaces_secrets::{Client, SetOptions, Visibility};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

const HELLO: i64 = 1296269;
const SPOON: i64 = 1296270;
const OCTO_REPO: i64 = 1296271;
const OCTO_SERVICE: i64 = 1296272;

fn done(operation: &str) {
    println!("  ok  {operation}");
}

#[tokio::main]
async fn main() -> Result<()> {
    // The emulator does not limit writes here; Prism adds its own latency.
    let client = Client::builder().write_interval(Duration::ZERO).build()?;

    let user = client.user();
    user.public_key().await?;
    done("get-public-key-for-authenticated-user");
    user.set_with(
        "CONTRACT_USER",
        "u1",
        SetOptions::new().repositories([HELLO]),
    )
    .await?;
    user.set("CONTRACT_USER", "u2").await?;
    done("create-or-update-secret-for-authenticated-user (201, 204)");
    user.get("CONTRACT_USER").await?;
    done("get-secret-for-authenticated-user");
    user.list().await?;
    done("list-secrets-for-authenticated-user");
    user.repositories("CONTRACT_USER").await?;
    done("list-repositories-for-secret-for-authenticated-user");
    user.add_repository("CONTRACT_USER", SPOON).await?;
    done("add-repository-for-secret-for-authenticated-user");
    user.remove_repository("CONTRACT_USER", HELLO).await?;
    done("remove-repository-for-secret-for-authenticated-user");
    user.set_repositories("CONTRACT_USER", [HELLO, SPOON])
        .await?;
    done("set-repositories-for-secret-for-authenticated-user");
    user.delete("CONTRACT_USER").await?;
    done("delete-secret-for-authenticated-user");

    let repo = client.repo("octocat", "Hello-World");
    repo.public_key().await?;
    done("get-repo-public-key");
    repo.set_many([("CONTRACT_REPO", "r1"), ("CONTRACT_REPO_2", "r2")])
        .await?;
    repo.set("CONTRACT_REPO", "r3").await?;
    done("create-or-update-repo-secret (201, 204)");
    repo.get("CONTRACT_REPO").await?;
    done("get-repo-secret");
    repo.list().await?;
    done("list-repo-secrets");
    repo.delete("CONTRACT_REPO").await?;
    repo.delete("CONTRACT_REPO_2").await?;
    done("delete-repo-secret");

    let org = client.org("octo-org");
    org.public_key().await?;
    done("get-org-public-key");
    // A new org secret with its visibility given: no look-up first. (A plain `set` of a new
    // org secret first GETs it, and GitHub's 404 for a missing org secret is a status the
    // OpenAPI file does not document for get-org-secret; updates below take that path.)
    let private = SetOptions::new().visibility(Visibility::Private);
    org.set_with("CONTRACT_ORG", "o1", private).await?;
    let conflict = org
        .add_repository("CONTRACT_ORG", OCTO_REPO)
        .await
        .err()
        .map(|e| e.code());
    if conflict != Some("CONFLICT") {
        return Err(format!("expected a 409 for a non-selected secret, got {conflict:?}").into());
    }
    done("add-selected-repo-to-org-secret (409 while visibility is private)");
    let selected = SetOptions::new()
        .visibility(Visibility::Selected)
        .repositories([OCTO_REPO]);
    org.set_with("CONTRACT_ORG", "o2", selected).await?;
    done("create-or-update-org-secret (201, 204)");
    org.get("CONTRACT_ORG").await?;
    done("get-org-secret");
    org.list().await?;
    done("list-org-secrets");
    org.repositories("CONTRACT_ORG").await?;
    done("list-selected-repos-for-org-secret");
    org.add_repository("CONTRACT_ORG", OCTO_SERVICE).await?;
    done("add-selected-repo-to-org-secret");
    org.remove_repository("CONTRACT_ORG", OCTO_REPO).await?;
    done("remove-selected-repo-from-org-secret");
    org.set_repositories("CONTRACT_ORG", [OCTO_REPO, OCTO_SERVICE])
        .await?;
    done("set-selected-repos-for-org-secret");
    // An update that keeps access: get, list its repositories, PUT with both.
    org.set("CONTRACT_ORG", "o3").await?;
    done("create-or-update-org-secret (value only: visibility and repositories re-sent)");
    org.delete("CONTRACT_ORG").await?;
    done("delete-org-secret");
    println!("all 23 operations sent by the SDK were answered as expected");
    Ok(())
}
