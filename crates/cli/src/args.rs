//! The command line as clap sees it: scopes, commands and their flags.

use std::path::PathBuf;

use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};
use codespaces_secrets::{RepoRef, SecretName, Visibility};

use crate::parse::{HiddenText, RepoIds, hidden_text, parse_id, parse_ids, parse_name};
use crate::parse::{parse_org, parse_repo, parse_seconds};

/// Printed after `--help`: where settings come from and what the exit status means.
const AFTER_HELP: &str = "\
Environment:
  GITHUB_TOKEN, GH_TOKEN                 the token (GITHUB_TOKEN first); never taken as a flag.
                                         Without either: the login `auth login` stored, then
                                         `gh auth token` when the GitHub CLI is installed
  GITHUB_APP_ID                          like --app-id (act as a GitHub App)
  GITHUB_APP_PRIVATE_KEY_PATH            like --app-key
  GITHUB_APP_PRIVATE_KEY                 the App's PEM itself, when no key file is given
  GITHUB_APP_INSTALLATION_ID             like --installation-id
  GITHUB_API_URL                         the API root when --api-url is not given
  GITHUB_API_VERSION                     like --api-version
  CODESPACES_SECRETS_WRITE_INTERVAL_MS   like --write-interval-ms

Exit status:
  0  success
  1  GitHub refused the request, a network error, or some items of a sync failed
  2  invalid input or usage (bad name, scope, id, URL, file, missing token); nothing was sent

Examples:
  printf '%s' \"$DB_URL\" | codespaces-secrets --repo octocat/hello-world set DB_URL
  codespaces-secrets --org octo-org set NPM_TOKEN --visibility selected --repos 1296269 < token.txt
  codespaces-secrets --user list --json
  codespaces-secrets --repo octocat/hello-world sync --env-file .env --prune --dry-run
  codespaces-secrets --repo octocat/hello-world sync --env-file .env --no-state --force
  codespaces-secrets --repo octocat/hello-world sync --env-file .env --json > sync-report.json
  codespaces-secrets --org octo-org --app-id 123456 --app-key app.pem list
  codespaces-secrets auth login --client-id Iv23liEXAMPLE";

/// Manage GitHub Codespaces secrets: values are sealed with the scope's public key before they
/// leave this machine, and writes are paced the way GitHub asks.
#[derive(Debug, Parser)]
#[command(name = "codespaces-secrets", version, after_help = AFTER_HELP)]
#[command(group(ArgGroup::new("scope").args(["user", "repo", "org"])))]
pub(crate) struct Cli {
    /// API root [default: $GITHUB_API_URL, else https://api.github.com]; http:// only to
    /// loopback hosts
    #[arg(long, value_name = "URL")]
    pub(crate) api_url: Option<String>,

    /// REST API version to ask for (X-GitHub-Api-Version): 2022-11-28 or 2026-03-10
    /// [default: $GITHUB_API_VERSION, else 2022-11-28, GitHub's default]
    #[arg(long, value_name = "VERSION")]
    pub(crate) api_version: Option<String>,

    /// The authenticated user's secrets
    #[arg(long)]
    pub(crate) user: bool,

    /// A repository's secrets
    #[arg(long, value_name = "OWNER/REPO", value_parser = parse_repo)]
    pub(crate) repo: Option<RepoRef>,

    /// An organization's secrets
    #[arg(long, value_name = "ORG", value_parser = parse_org)]
    pub(crate) org: Option<String>,

    /// Minimum time between two writes, in milliseconds [default: 1000, GitHub's rule; also
    /// $CODESPACES_SECRETS_WRITE_INTERVAL_MS]. Lower it only against the emulator or a server
    /// you control
    #[arg(long, value_name = "MS")]
    pub(crate) write_interval_ms: Option<u64>,

    /// Give up on one operation (with its retries, rate-limit waits and pages; in a sync, each
    /// item) after this many seconds [default: 300]
    #[arg(long, value_name = "SECS", value_parser = parse_seconds)]
    pub(crate) timeout: Option<std::time::Duration>,

    /// Act as this GitHub App (its numeric id or client id) instead of with a token
    /// [default: $GITHUB_APP_ID]
    #[arg(long, value_name = "ID")]
    pub(crate) app_id: Option<String>,

    /// The App's private key file (the .pem GitHub generated) [default:
    /// $GITHUB_APP_PRIVATE_KEY_PATH, else the PEM in $GITHUB_APP_PRIVATE_KEY]
    #[arg(long, value_name = "FILE")]
    pub(crate) app_key: Option<PathBuf>,

    /// The App installation to act as [default: $GITHUB_APP_INSTALLATION_ID, else the one on
    /// the --org or --repo given]
    #[arg(long, value_name = "N")]
    pub(crate) installation_id: Option<u64>,

    /// What to do
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Where the secrets live, once clap has checked that exactly one scope flag was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Scope {
    /// `--user`
    User,
    /// `--repo OWNER/REPO`
    Repo(RepoRef),
    /// `--org ORG`
    Org(String),
}

impl Cli {
    /// The scope chosen; `None` only if clap's required group was bypassed.
    pub(crate) fn scope(&self) -> Option<Scope> {
        match (&self.repo, &self.org) {
            (Some(repo), _) => Some(Scope::Repo(repo.clone())),
            (None, Some(org)) => Some(Scope::Org(org.clone())),
            (None, None) if self.user => Some(Scope::User),
            (None, None) => None,
        }
    }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// List the scope's secrets (names and dates: GitHub never returns values)
    List {
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Show one secret's metadata
    Get {
        /// The secret's name
        #[arg(value_parser = parse_name)]
        name: SecretName,
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Create or update a secret; the value is read from stdin unless --value is given
    Set(SetArgs),
    /// Delete a secret
    Delete {
        /// The secret's name
        #[arg(value_parser = parse_name)]
        name: SecretName,
    },
    /// List the repositories that may use a user or organization secret, or change the list
    Repos(ReposArgs),
    /// Make the scope's secrets match a .env file (create and update; --prune also deletes)
    Sync(SyncArgs),
    /// Log in with the device flow, show where the token comes from, log out (no scope needed)
    #[command(subcommand)]
    Auth(AuthCommand),
    /// Plan a fleet manifest: what apply would change, per scope and name (reads only; no
    /// scope flag: the manifest names its scopes)
    #[command(after_help = FLEET_HELP)]
    Plan(FleetArgs),
    /// Like plan, for schedulers: exit 0 in sync, 3 when anything would change
    #[command(after_help = FLEET_HELP)]
    Check(FleetArgs),
    /// Carry out a plan: a saved one (apply PLAN) or a fresh one (apply -f FILE --yes)
    #[command(after_help = FLEET_HELP)]
    Apply(ApplyArgs),
}

/// Printed after the fleet commands' `--help`.
const FLEET_HELP: &str = "\
Exit status (plan, check, apply):
  0  done, or (check) everything is in sync
  1  GitHub refused a request or the network failed; (apply) some changes failed or the state
     could not be saved after a write (the report lists what was sent)
  2  bad input: the manifest (file, line and key are named), a value source that failed, a
     selector that matched nothing, a repository that does not exist, a stale saved plan,
     or apply without --yes and without a terminal; nothing was written
  3  (check) something would change

The manifest (TOML):
  version = 1
  name = \"platform\"               # owner of what it writes: prune never touches others' secrets
  prune = true                      # delete owned secrets it no longer puts somewhere
  protect = [\"NPM_*\"]             # names prune never deletes
  [secrets.NPM_TOKEN]
  from = { env = \"NPM_TOKEN\" }    # or { file = \"p\" } | { dotenv = \".env\", key = \"K\" }
                                    #  | { command = [\"op\", \"read\", \"op://ci/npm\"], timeout_secs = 30 }
  repos = [\"octocat/hello-world\"]
  repos_where = [{ org = \"octo-org\", name = \"svc-*\", topics = [\"codespaces\"], exclude = [\"svc-legacy\"] }]
  orgs = { octo-org = { visibility = \"selected\", repos = [\"api\"], membership = \"additive\" } }
  user = { repos = [\"octocat/hello-world\"] }

Examples:
  codespaces-secrets plan -f fleet.toml
  codespaces-secrets plan -f fleet.toml --out plan.json && codespaces-secrets apply plan.json
  codespaces-secrets apply -f fleet.toml --yes --max-writes 400
  codespaces-secrets check -f fleet.toml --json > drift.json";

/// `plan|check -f FILE [--json] [--out PLAN] [--state PATH | --no-state] [--force]`.
#[derive(Debug, Args)]
pub(crate) struct FleetArgs {
    /// The manifest (TOML)
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub(crate) file: PathBuf,

    /// Print the plan as JSON
    #[arg(long)]
    pub(crate) json: bool,

    /// Also save the plan (what it observed and keyed fingerprints, no value) for `apply PLAN`
    #[arg(long, value_name = "PLAN")]
    pub(crate) out: Option<PathBuf>,

    #[command(flatten)]
    pub(crate) state: StateArgs,
}

/// `apply (-f FILE --yes | PLAN) [--state PATH | --no-state] [--max-writes N] [--json]`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("what").args(["file", "plan"]).required(true)))]
pub(crate) struct ApplyArgs {
    /// A plan saved by `plan --out`: refused if anything it observed has moved since
    pub(crate) plan: Option<PathBuf>,

    /// The manifest: plan it now and apply (needs --yes, or a terminal to confirm)
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub(crate) file: Option<PathBuf>,

    /// Apply a fresh plan without asking
    #[arg(long)]
    pub(crate) yes: bool,

    /// Stop after this many write requests; the next apply resumes
    #[arg(long, value_name = "N")]
    pub(crate) max_writes: Option<u64>,

    /// Keep to at most this many writes a minute [default: 80, GitHub's limit]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub(crate) writes_per_minute: Option<u32>,

    /// Keep to at most this many writes an hour [default: 500, GitHub's limit]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub(crate) writes_per_hour: Option<u32>,

    /// Print the plan and what happened to each change as JSON
    #[arg(long)]
    pub(crate) json: bool,

    #[command(flatten)]
    pub(crate) state: StateArgs,
}

/// Where the fleet state lives.
#[derive(Debug, Args)]
pub(crate) struct StateArgs {
    /// The state: what this tool wrote where and for which manifest (keyed fingerprints and
    /// GitHub's timestamps, never a value) [default: the sync state,
    /// $XDG_STATE_HOME/codespaces-secrets/state.json]
    #[arg(long, value_name = "PATH", conflicts_with = "no_state")]
    pub(crate) state: Option<PathBuf>,

    /// Keep no state: every existing value counts as untracked (written again), nothing is
    /// owned, so nothing is pruned
    #[arg(long)]
    pub(crate) no_state: bool,

    /// Write every value even when the state says it is in place
    #[arg(long)]
    pub(crate) force: bool,

    /// Read every list in full: no If-None-Match with the ETags kept beside the state (by
    /// default an unchanged list is a 304, which costs no rate limit)
    #[arg(long)]
    pub(crate) no_conditional_reads: bool,
}

/// `auth login | status | logout | token`.
#[derive(Debug, Subcommand)]
pub(crate) enum AuthCommand {
    /// Log in through the browser (OAuth device flow) and store the token for later commands
    /// (a file only you can read, in the configuration directory)
    Login {
        /// The client id of an OAuth app or GitHub App with device flow enabled
        #[arg(long, value_name = "ID")]
        client_id: String,
        /// OAuth scopes to ask for, comma-separated
        #[arg(
            long,
            value_name = "SCOPES",
            default_value = "codespace",
            value_delimiter = ','
        )]
        scopes: Vec<String>,
        /// The web origin serving /login/device [default: from the API root: github.com for
        /// api.github.com]
        #[arg(long, value_name = "URL")]
        web_url: Option<String>,
    },
    /// Where the credentials come from and who they act as (never prints the token)
    Status,
    /// Forget the stored login for this host
    Logout,
    /// Print the token the other commands would use, for scripts
    Token,
}

/// `set NAME [--value V] [--repos IDS] [--visibility V]`.
#[derive(Debug, Args)]
pub(crate) struct SetArgs {
    /// The secret's name
    #[arg(value_parser = parse_name)]
    pub(crate) name: SecretName,

    /// The value. Prefer stdin (one trailing newline is trimmed): a value given here is visible
    /// to other local users and kept in shell history
    #[arg(long, value_name = "VALUE", value_parser = hidden_text)]
    pub(crate) value: Option<HiddenText>,

    /// Repository ids that may use the secret, comma-separated (user and organization secrets;
    /// implies --visibility selected for an organization)
    #[arg(long, value_name = "IDS", value_parser = parse_ids, allow_negative_numbers = true)]
    pub(crate) repos: Option<RepoIds>,

    /// Which repositories of the organization may use the secret [default: private, or
    /// selected with --repos]
    #[arg(long, value_enum)]
    pub(crate) visibility: Option<VisibilityArg>,
}

/// `--visibility`, spelled as GitHub spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum VisibilityArg {
    /// Every repository of the organization
    All,
    /// Private and internal repositories
    Private,
    /// Only the repositories listed with --repos or `repos --set`
    Selected,
}

impl From<VisibilityArg> for Visibility {
    fn from(arg: VisibilityArg) -> Self {
        match arg {
            VisibilityArg::All => Visibility::All,
            VisibilityArg::Private => Visibility::Private,
            VisibilityArg::Selected => Visibility::Selected,
        }
    }
}

/// `repos NAME [--set IDS | --add ID | --remove ID] [--json]`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("change").args(["set", "add", "remove"])))]
pub(crate) struct ReposArgs {
    /// The secret's name
    #[arg(value_parser = parse_name)]
    pub(crate) name: SecretName,

    /// Replace the list with these repository ids, comma-separated ("" for none)
    #[arg(long, value_name = "IDS", value_parser = parse_ids, allow_negative_numbers = true)]
    pub(crate) set: Option<RepoIds>,

    /// Let one more repository use the secret
    #[arg(long, value_name = "ID", value_parser = parse_id, allow_negative_numbers = true)]
    pub(crate) add: Option<i64>,

    /// Stop one repository from using the secret
    #[arg(long, value_name = "ID", value_parser = parse_id, allow_negative_numbers = true)]
    pub(crate) remove: Option<i64>,

    /// Print the list as JSON instead of a table
    #[arg(long, conflicts_with = "change")]
    pub(crate) json: bool,
}

/// `sync --env-file FILE [--dry-run] [--prune] [--state PATH | --no-state] [--force] [--json]`.
#[derive(Debug, Args)]
pub(crate) struct SyncArgs {
    /// The .env file: KEY=value lines in dotenv syntax
    #[arg(long, value_name = "FILE")]
    pub(crate) env_file: PathBuf,

    /// Print the plan and send no write
    #[arg(long)]
    pub(crate) dry_run: bool,

    /// Also delete the scope's secrets that the file does not name
    #[arg(long)]
    pub(crate) prune: bool,

    /// The state that makes syncs incremental: values this tool wrote that did not change
    /// since are not sent again. It holds keyed fingerprints and GitHub's timestamps, never a
    /// value; its key is $CODESPACES_SECRETS_STATE_KEY or a 0600 file in the config directory
    /// [default: $XDG_STATE_HOME/codespaces-secrets/state.json, else
    /// ~/.local/state/codespaces-secrets/state.json]
    #[arg(long, value_name = "PATH", conflicts_with = "no_state")]
    pub(crate) state: Option<PathBuf>,

    /// Keep no state: send every value the file names
    #[arg(long)]
    pub(crate) no_state: bool,

    /// Send every value even when the state says it is unchanged
    #[arg(long)]
    pub(crate) force: bool,

    /// Print the plan and the outcome of each change as JSON (for scripts and CI logs)
    #[arg(long)]
    pub(crate) json: bool,
}
