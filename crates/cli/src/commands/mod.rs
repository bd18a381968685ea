//! One module per command; this one picks the scope handle and dispatches.

use codespaces_secrets::{Client, Org, Repo, Secrets, User};

use crate::args::{Command, Scope};
use crate::failure::Failure;

/// Runs `$body` with `$secrets` bound to the typed handle, whichever scope it is.
macro_rules! each_scope {
    ($target:expr, $secrets:ident => $body:expr) => {
        match $target {
            $crate::commands::Target::User($secrets) => $body,
            $crate::commands::Target::Repo($secrets) => $body,
            $crate::commands::Target::Org($secrets) => $body,
        }
    };
}

/// The scope handle of the chosen scope. Each scope is its own type in the SDK, so commands that
/// work alike everywhere are generic and dispatched with [`each_scope!`].
pub(crate) enum Target {
    /// `--user`
    User(Secrets<User>),
    /// `--repo OWNER/REPO`
    Repo(Secrets<Repo>),
    /// `--org ORG`
    Org(Secrets<Org>),
}

impl Target {
    /// The handle for `scope`.
    pub(crate) fn new(client: &Client, scope: Scope) -> Self {
        match scope {
            Scope::User => Self::User(client.user()),
            Scope::Repo(repo) => Self::Repo(client.repo(repo.owner(), repo.name())),
            Scope::Org(org) => Self::Org(client.org(org)),
        }
    }

    /// The scope as a path, e.g. `repos/octocat/hello-world`, for messages.
    pub(crate) fn describe(&self) -> String {
        each_scope!(self, secrets => secrets.scope())
    }
}

mod delete;
mod get;
mod list;
mod repos;
mod set;
mod sync;

/// Runs one command against one scope.
pub(crate) async fn run(target: &Target, command: Command) -> Result<(), Failure> {
    match command {
        Command::List { json } => list::run(target, json).await,
        Command::Get { name, json } => get::run(target, &name, json).await,
        Command::Set(args) => set::run(target, args).await,
        Command::Delete { name } => delete::run(target, &name).await,
        Command::Repos(args) => repos::run(target, args).await,
        Command::Sync(args) => sync::run(target, args).await,
        // main runs `auth` before choosing a scope; it never reaches a scope handle.
        Command::Auth(_) => Err(Failure::usage("`auth` commands take no scope")),
        Command::Plan(_) | Command::Check(_) | Command::Apply(_) => Err(Failure::usage(
            "plan, check and apply take no scope flag: the manifest names its scopes",
        )),
    }
}
