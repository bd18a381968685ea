//! `repos NAME [--set IDS | --add ID | --remove ID] [--json]`.

use codespaces_secrets::{Secrets, SelectableScope};

use super::Target;
use crate::args::ReposArgs;
use crate::failure::Failure;
use crate::output;

/// Lists or changes the repositories that may use a user or organization secret.
pub(crate) async fn run(target: &Target, args: ReposArgs) -> Result<(), Failure> {
    match target {
        Target::User(secrets) => run_in(secrets, args).await,
        Target::Org(secrets) => run_in(secrets, args).await,
        Target::Repo(_) => Err(Failure::usage(
            "repos applies to --user and --org secrets; a repository secret belongs to its repository",
        )),
    }
}

async fn run_in<K: SelectableScope>(secrets: &Secrets<K>, args: ReposArgs) -> Result<(), Failure> {
    let name = &args.name;
    let canonical = name.canonical();
    if let Some(ids) = args.set {
        let count = ids.0.len();
        secrets.set_repositories(name, ids.0).await?;
        output::line(&format!(
            "{canonical} may now be used by {count} selected repositories"
        ))
    } else if let Some(id) = args.add {
        secrets.add_repository(name, id).await?;
        output::line(&format!("added repository {id} to {canonical}"))
    } else if let Some(id) = args.remove {
        secrets.remove_repository(name, id).await?;
        output::line(&format!("removed repository {id} from {canonical}"))
    } else {
        let repositories = secrets.repositories(name).await?;
        if args.json {
            output::json(&repositories)
        } else if repositories.is_empty() {
            eprintln!("no selected repositories");
            Ok(())
        } else {
            output::repositories_table(&repositories)
        }
    }
}
