//! The README's main job: a whole Codespaces-secrets lifecycle, printed step by step.
//!
//! ```text
//! cargo run --example quickstart            # offline, against the built-in emulator
//! GITHUB_TOKEN=... CODESPACES_SECRETS_DEMO_REPO=owner/repo cargo run --example quickstart
//!                                           # the real API; everything it creates is deleted
//! ```
//!
//! On the real API, set `CODESPACES_SECRETS_DEMO_REPO_ID` to that repository's id to see the
//! user secret's selected-repositories step with a repository in it.

use std::time::Duration;

use codespaces_secrets::{Client, SetOptions, SyncOptions};
use codespaces_secrets_emulator::{Emulator, EmulatorConfig};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Where the demo runs: the in-process emulator, or GitHub itself.
struct Target {
    client: Client,
    owner: String,
    repo: String,
    /// Kept alive for the whole demo when running offline.
    _emulator: Option<Emulator>,
}

fn target() -> Result<Target> {
    let token = std::env::var("GITHUB_TOKEN").ok().filter(|t| !t.is_empty());
    if token.is_some() {
        let spec = std::env::var("CODESPACES_SECRETS_DEMO_REPO")
            .map_err(|_| "with GITHUB_TOKEN set, name a repository in CODESPACES_SECRETS_DEMO_REPO=owner/repo")?;
        let (owner, repo) = spec
            .split_once('/')
            .ok_or("CODESPACES_SECRETS_DEMO_REPO must be owner/repo")?;
        println!(
            "Using the GitHub API at {} on {owner}/{repo}",
            Client::from_env()?.base_url()
        );
        return Ok(Target {
            client: Client::from_env()?,
            owner: owner.into(),
            repo: repo.into(),
            _emulator: None,
        });
    }
    let emulator = Emulator::start(EmulatorConfig::default())?;
    println!(
        "No GITHUB_TOKEN: started the emulator at {}",
        emulator.base_url()
    );
    let client = Client::builder()
        .token(emulator.token())
        .base_url(emulator.base_url())
        // GitHub wants writes a second apart; the local emulator does not need the wait.
        .write_interval(Duration::ZERO)
        .build()?;
    Ok(Target {
        client,
        owner: emulator.user_login(),
        repo: "Hello-World".into(),
        _emulator: Some(emulator),
    })
}

#[tokio::main]
async fn main() -> Result<()> {
    let target = target()?;
    let repo = target.client.repo(&target.owner, &target.repo);
    let user = target.client.user();

    step("1. Fetch the repository's public key");
    let key = repo.public_key().await?;
    println!("   key_id {} / key {}", key.key_id(), key.to_base64());

    step("2. Set a secret: sealed locally with the key, then stored");
    println!(
        "   DEMO_API_KEY -> {}",
        repo.set("DEMO_API_KEY", "k-123-first").await?
    );

    step("3. Set it again: same name, new value");
    println!(
        "   DEMO_API_KEY -> {}",
        repo.set("demo_api_key", "k-456-second").await?
    );

    step("4. List the repository's secrets (names and dates; GitHub never returns values)");
    for secret in repo.list().await? {
        println!("   {:<24} updated {}", secret.name, secret.updated_at);
    }

    step("5. A user secret, visible to selected repositories");
    let repos_of_user = repo_ids(&target).await?;
    let options = SetOptions::new().repositories(repos_of_user.iter().copied().take(1));
    println!(
        "   DEMO_USER_TOKEN -> {}",
        user.set_with("DEMO_USER_TOKEN", "u-789", options).await?
    );
    for listed in user.repositories("DEMO_USER_TOKEN").await? {
        println!("   visible to {} (id {})", listed.full_name, listed.id);
    }

    step("6. Sync from a .env file (dry run, then for real, then again: nothing to send)");
    let work = std::env::temp_dir().join(format!("quickstart-{}", std::process::id()));
    std::fs::create_dir_all(&work)?;
    let env = work.join("demo.env");
    std::fs::write(
        &env,
        "DEMO_API_KEY=k-789-synced\nDEMO_DB_URL=postgres://demo\n",
    )?;
    // The state makes re-syncs incremental; it holds keyed fingerprints, never values.
    let options = SyncOptions {
        state: Some(work.join("state.json")),
        state_key_file: Some(work.join("state.key")),
        ..SyncOptions::default()
    };
    let dry_run = SyncOptions {
        dry_run: true,
        ..options.clone()
    };
    let plan = repo.sync_env_file(&env, dry_run).await?;
    println!("{}", indent(&plan.to_string()));
    let applied = repo.sync_env_file(&env, options.clone()).await?;
    println!("   {}", applied.result);
    let again = repo.sync_env_file(&env, options).await?;
    println!("{}", indent(&again.to_string()));
    std::fs::remove_dir_all(&work)?;

    step("7. Delete everything the demo created");
    for name in ["DEMO_API_KEY", "DEMO_DB_URL"] {
        repo.delete(name).await?;
        println!("   deleted {name}");
    }
    user.delete("DEMO_USER_TOKEN").await?;
    println!("   deleted DEMO_USER_TOKEN");
    println!(
        "\nDone: {} secrets left in {}/{}.",
        repo.list().await?.len(),
        target.owner,
        target.repo
    );
    Ok(())
}

/// Ids of repositories the demo user secret is shown to: the emulator's demo repository, or on
/// GitHub the id in `CODESPACES_SECRETS_DEMO_REPO_ID` (none if unset).
async fn repo_ids(target: &Target) -> Result<Vec<i64>> {
    match &target._emulator {
        Some(emulator) => Ok(emulator
            .repo_id(&target.owner, &target.repo)
            .into_iter()
            .collect()),
        None => Ok(std::env::var("CODESPACES_SECRETS_DEMO_REPO_ID")
            .ok()
            .and_then(|id| id.parse().ok())
            .into_iter()
            .collect()),
    }
}

fn step(title: &str) {
    println!("\n{title}");
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("   {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}
