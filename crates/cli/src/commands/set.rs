//! `set NAME [--value V] [--repos IDS] [--visibility V]`.

use std::io::{IsTerminal, Read};

use codespaces_secrets::{SecretValue, SetOptions, Visibility};

use super::Target;
use crate::args::SetArgs;
use crate::failure::Failure;
use crate::output;

/// Seals and stores one value, read from `--value` or stdin.
pub(crate) async fn run(target: &Target, args: SetArgs) -> Result<(), Failure> {
    // Options are checked before the value is read, so a usage error does not wait on stdin.
    let options = options_for(target, &args)?;
    let value = match args.value {
        Some(text) => SecretValue::new(text.0).map_err(codespaces_secrets::Error::from)?,
        None => read_stdin()?,
    };
    let name = &args.name;
    let outcome = match target {
        Target::User(secrets) => secrets.set_with(name, value, options).await?,
        Target::Org(secrets) => secrets.set_with(name, value, options).await?,
        Target::Repo(secrets) => secrets.set(name, value).await?,
    };
    output::line(&format!(
        "{outcome} {} in {}",
        name.canonical(),
        target.describe()
    ))
}

/// `--repos` and `--visibility` for the scope, refusing combinations GitHub has no meaning for.
fn options_for(target: &Target, args: &SetArgs) -> Result<SetOptions, Failure> {
    let ids = args.repos.as_ref().map(|ids| ids.0.clone());
    let visibility = args.visibility.map(Visibility::from);
    match target {
        Target::Repo(_) if ids.is_some() || visibility.is_some() => Err(Failure::usage(
            "--repos and --visibility apply to --user and --org secrets; a repository secret belongs to its repository",
        )),
        Target::User(_) if visibility.is_some() => Err(Failure::usage(
            "--visibility applies to --org secrets; choose a user secret's repositories with --repos",
        )),
        Target::Org(_) => {
            let visibility = match (visibility, &ids) {
                (None, Some(_)) => Some(Visibility::Selected),
                (Some(v), Some(_)) if v != Visibility::Selected => {
                    return Err(Failure::usage(format!(
                        "--repos needs --visibility selected, not {v}"
                    )));
                }
                (v, _) => v,
            };
            Ok(SetOptions {
                visibility,
                selected_repository_ids: ids,
            })
        }
        _ => Ok(SetOptions {
            visibility: None,
            selected_repository_ids: ids,
        }),
    }
}

/// The value from stdin, with one trailing newline (`\n` or `\r\n`) removed, as `echo` and
/// here-strings add one.
fn read_stdin() -> Result<SecretValue, Failure> {
    let mut stdin = std::io::stdin().lock();
    if stdin.is_terminal() {
        eprintln!("Type or paste the value, then press Ctrl-D (it will be visible as you type):");
    }
    let mut bytes = Vec::new();
    stdin
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::other(format!("cannot read the value from stdin: {e}")))?;
    if bytes.ends_with(b"\n") {
        bytes.pop();
        if bytes.ends_with(b"\r") {
            bytes.pop();
        }
    }
    Ok(SecretValue::new(bytes).map_err(codespaces_secrets::Error::from)?)
}
