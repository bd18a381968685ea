//! `auth login | status | logout | token`: the device-flow login and the stored token.

use std::io::Write as _;

use codespaces_secrets::{
    CancelHandle, CredentialSource, DeviceFlowOptions, LoginStore, device_flow, find_token,
    web_host,
};

use crate::args::{AuthCommand, Cli};
use crate::connect;
use crate::failure::Failure;

/// Runs one `auth` command.
pub(crate) async fn run(cli: &Cli, command: &AuthCommand) -> Result<(), Failure> {
    match command {
        AuthCommand::Login {
            client_id,
            scopes,
            web_url,
        } => login(cli, client_id, scopes, web_url).await,
        AuthCommand::Status => status(cli).await,
        AuthCommand::Logout => logout(cli),
        AuthCommand::Token => token(cli),
    }
}

fn store() -> Result<LoginStore, Failure> {
    LoginStore::default_location()
        .ok_or_else(|| Failure::usage("no configuration directory: set XDG_CONFIG_HOME or HOME"))
}

/// The device flow: the code and URL go to stderr (stdout stays clean for scripts), the token
/// to the store, never to the terminal.
async fn login(
    cli: &Cli,
    client_id: &str,
    scopes: &[String],
    web_url: &Option<String>,
) -> Result<(), Failure> {
    let store = store()?;
    let options = DeviceFlowOptions {
        client_id: client_id.to_owned(),
        scopes: scopes.to_vec(),
        base_url: cli.api_url.clone(),
        web_url: web_url.clone(),
        timeout: None,
    };
    let login = device_flow(
        options,
        |code| {
            eprintln!(
                "First copy your one-time code: {}\nThen open {} in a browser and enter it. Waiting (the code expires in {} min)...",
                code.user_code,
                code.verification_uri,
                code.expires_in.as_secs().div_ceil(60)
            );
            let _ = std::io::stderr().flush();
        },
        &CancelHandle::new(),
    )
    .await?;
    let path = login.save(&store)?;
    eprintln!(
        "Logged in to {}; the token is stored in {} (readable by you only).",
        login.host(),
        path.display()
    );
    Ok(())
}

async fn status(cli: &Cli) -> Result<(), Failure> {
    let client = connect::client(cli)?;
    let source = client.credential_source().clone();
    println!("API: {}", client.base_url());
    println!("Credentials: {source}");
    let who = match &source {
        CredentialSource::App => "a GitHub App's installation (no user)".to_owned(),
        _ => match client.user_login().await {
            Ok(login) => format!("user {login}"),
            Err(e) => format!("unknown ({e})"),
        },
    };
    println!("Acting as: {who}");
    Ok(())
}

fn logout(cli: &Cli) -> Result<(), Failure> {
    let host = web_host(cli.api_url.clone())?;
    let store = store()?;
    match store.remove(&host)? {
        true => eprintln!(
            "Logged out of {host}: removed {}.",
            store.path_for(&host).display()
        ),
        false => eprintln!("No stored login for {host}."),
    }
    for variable in ["GITHUB_TOKEN", "GH_TOKEN"] {
        if std::env::var(variable).is_ok_and(|v| !v.trim().is_empty()) {
            eprintln!("Note: {variable} is set and is still used.");
        }
    }
    Ok(())
}

/// Prints the token for a script (`GH_TOKEN=$(codespaces-secrets auth token) ...`).
fn token(cli: &Cli) -> Result<(), Failure> {
    let (token, source) = find_token(cli.api_url.clone())?;
    println!("{}", token.as_str());
    eprintln!("(from {source})");
    Ok(())
}
