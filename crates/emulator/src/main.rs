//! `codespaces-secrets-emulator`: the emulator as a command. Prints `GITHUB_API_URL=...` and
//! `GITHUB_TOKEN=...` on stdout (ready for `eval`/`source`), a summary on stderr, then serves
//! until killed. `--register-app FILE` also registers a GitHub App and writes its credentials
//! to FILE before those lines appear.
#![forbid(unsafe_code)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::error::ErrorKind;
use clap::{CommandFactory as _, Parser};
use codespaces_secrets_core::RepoRef;
use codespaces_secrets_emulator::{
    API_VERSIONS, Emulator, EmulatorConfig, Faults, FaultsError, Latency, PrimaryRateLimit,
    RegisteredApp, RepoSpec, SecondaryRateLimit, WriteQuota,
};

/// A local server that behaves like GitHub's Codespaces secrets REST API.
#[derive(Debug, Parser)]
#[command(name = "codespaces-secrets-emulator", version, about)]
struct Args {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// The demo user's token (generated when absent).
    #[arg(long)]
    token: Option<String>,
    /// The demo user's login.
    #[arg(long, default_value = "octocat")]
    user: String,
    /// Add a repository (repeatable). An unknown OWNER becomes an organization the demo user belongs to.
    #[arg(long = "repo", value_name = "OWNER/NAME")]
    repos: Vec<RepoRef>,
    /// Add the repositories of a JSON file: `[{"owner", "name", "topics"?, "archived"?,
    /// "private"?}, ...]`. Unknown owners are handled as for --repo.
    #[arg(long, value_name = "FILE")]
    repositories: Option<PathBuf>,
    /// Add a repository with these topics (repeatable), e.g. `acme/api=backend,rust`.
    #[arg(long, value_name = "OWNER/NAME=T1,T2", value_parser = parse_repo_topics)]
    repo_topics: Vec<RepoSpec>,
    /// Add an organization the demo user belongs to (repeatable).
    #[arg(long = "org", value_name = "NAME")]
    orgs: Vec<String>,
    /// The REST API versions served (comma-separated); others are refused with 400, and a
    /// request without X-GitHub-Api-Version gets the oldest served.
    #[arg(
        long,
        value_name = "V,V",
        value_delimiter = ',',
        value_parser = clap::builder::PossibleValuesParser::new(API_VERSIONS.iter().copied()),
        default_values_t = API_VERSIONS.iter().map(|v| (*v).to_owned())
    )]
    api_versions: Vec<String>,
    /// Start without the demo repositories and organization.
    #[arg(long)]
    no_demo_data: bool,
    /// Register a GitHub App at start and write `{"id", "client_id", "slug", "private_key_pem"}`
    /// (the key as PKCS#1 PEM) to FILE, readable by its owner only. Install it with
    /// `POST /_emulator/apps/{id}/installations`.
    #[arg(long, value_name = "FILE")]
    register_app: Option<PathBuf>,
    #[command(flatten)]
    faults: FaultArgs,
}

/// The fault flags. They only say what was asked for; [`Faults::validate`] decides what is
/// valid, and [`SecondaryRateLimit::default`] fills a secondary limit's unset parts.
#[derive(Debug, clap::Args)]
#[command(next_help_heading = "Faults")]
struct FaultArgs {
    /// Seed for every random fault (same seed + same requests = same faults).
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Add this latency to every API request.
    #[arg(long, value_name = "MS", conflicts_with = "latency_range_ms")]
    latency_ms: Option<u64>,
    /// Add a latency drawn uniformly from MIN..MAX milliseconds.
    #[arg(long, value_name = "MIN-MAX", value_parser = parse_range)]
    latency_range_ms: Option<(u64, u64)>,
    /// Fraction (0..1) of API requests answered 500/502/503 (before any change).
    #[arg(long, value_name = "F", default_value_t = 0.0)]
    error_rate: f64,
    /// Fraction (0..1) of API requests whose connection is dropped mid-response (after the change).
    #[arg(long, value_name = "F", default_value_t = 0.0)]
    drop_rate: f64,
    /// Primary rate limit: this many requests per window, then 403 with x-ratelimit-remaining: 0.
    #[arg(long, value_name = "N")]
    rate_limit: Option<u32>,
    /// Primary rate-limit window.
    #[arg(long, value_name = "SECS", default_value_t = 3600)]
    rate_limit_window_secs: u64,
    /// Secondary rate limit: refuse a write sooner than this after the previous one. Any
    /// secondary flag turns the limit on; unset ones follow GitHub's guidance (1000 ms apart,
    /// one at a time, 403, retry-after 60 s).
    #[arg(long, value_name = "MS")]
    secondary_min_interval_ms: Option<u64>,
    /// Secondary rate limit: refuse a write while this many are in flight (0 = no limit).
    #[arg(long, value_name = "N")]
    secondary_max_concurrent: Option<usize>,
    /// Secondary rate limit: status of a refusal.
    #[arg(long, value_name = "403|429")]
    secondary_status: Option<u16>,
    /// Secondary rate limit: the retry-after of a refusal.
    #[arg(long, value_name = "SECS")]
    secondary_retry_after_secs: Option<u64>,
    /// Write quota: GitHub's caps on content-creating requests (secrets and selected
    /// repositories), 80 a minute and 500 an hour, then 403 with retry-after. Any
    /// --write-quota flag turns it on; unset ones take GitHub's numbers and real time.
    #[arg(long)]
    write_quota: bool,
    /// Write quota: requests allowed per (scaled) minute.
    #[arg(long, value_name = "N")]
    write_quota_per_minute: Option<u32>,
    /// Write quota: requests allowed per (scaled) hour.
    #[arg(long, value_name = "N")]
    write_quota_per_hour: Option<u32>,
    /// Write quota: how many times faster than real time its windows run (3600 = an hour
    /// lasts a second); retry-after is in real seconds.
    #[arg(long, value_name = "F")]
    write_quota_time_scale: Option<f64>,
    /// Eventual consistency: a secret written less than this long ago answers 404 to a GET.
    #[arg(long, value_name = "MS")]
    hide_fresh_writes_ms: Option<u64>,
}

/// `OWNER/NAME=T1,T2`: a repository and its topics (none after `=` is allowed).
fn parse_repo_topics(text: &str) -> Result<RepoSpec, String> {
    let (repo, topics) = text
        .split_once('=')
        .ok_or_else(|| format!("expected OWNER/NAME=TOPIC,TOPIC, got {text:?}"))?;
    let repo = repo.parse().map_err(|error| format!("{error}"))?;
    Ok(RepoSpec::new(repo).topics(topics.split(',').filter(|t| !t.trim().is_empty())))
}

/// The `--repositories` file's specs; a file that cannot be read or parsed is a usage error.
fn read_repositories(path: &Path) -> Result<Vec<RepoSpec>, clap::Error> {
    let refuse = |why: String| {
        Args::command().error(
            ErrorKind::ValueValidation,
            format!("--repositories {}: {why}", path.display()),
        )
    };
    let text = std::fs::read_to_string(path).map_err(|error| refuse(error.to_string()))?;
    serde_json::from_str(&text).map_err(|error| refuse(error.to_string()))
}

/// `MIN-MAX`, two whole numbers; whether MIN <= MAX is [`Faults::validate`]'s to say.
fn parse_range(text: &str) -> Result<(u64, u64), String> {
    let bad = || format!("expected MIN-MAX in milliseconds, got {text:?}");
    let (min, max) = text.split_once('-').ok_or_else(bad)?;
    let min = min.trim().parse().map_err(|_| bad())?;
    let max = max.trim().parse().map_err(|_| bad())?;
    Ok((min, max))
}

impl FaultArgs {
    fn latency(&self) -> Option<Latency> {
        match (self.latency_ms, self.latency_range_ms) {
            (Some(ms), _) => Some(Latency::Fixed(Duration::from_millis(ms))),
            (None, Some((min, max))) => Some(Latency::Uniform {
                min: Duration::from_millis(min),
                max: Duration::from_millis(max),
            }),
            (None, None) => None,
        }
    }

    /// On when any secondary flag is given; what is not given comes from the default.
    fn secondary(&self) -> Option<SecondaryRateLimit> {
        let given = self.secondary_min_interval_ms.is_some()
            || self.secondary_max_concurrent.is_some()
            || self.secondary_status.is_some()
            || self.secondary_retry_after_secs.is_some();
        let d = SecondaryRateLimit::default();
        given.then(|| SecondaryRateLimit {
            min_write_interval: self
                .secondary_min_interval_ms
                .map_or(d.min_write_interval, Duration::from_millis),
            max_concurrent_writes: self
                .secondary_max_concurrent
                .unwrap_or(d.max_concurrent_writes),
            status: self.secondary_status.unwrap_or(d.status),
            retry_after: self
                .secondary_retry_after_secs
                .map_or(d.retry_after, Duration::from_secs),
        })
    }

    /// On when any write-quota flag is given; what is not given comes from the default.
    fn write_quota(&self) -> Option<WriteQuota> {
        let given = self.write_quota
            || self.write_quota_per_minute.is_some()
            || self.write_quota_per_hour.is_some()
            || self.write_quota_time_scale.is_some();
        let d = WriteQuota::default();
        given.then(|| WriteQuota {
            per_minute: self.write_quota_per_minute.unwrap_or(d.per_minute),
            per_hour: self.write_quota_per_hour.unwrap_or(d.per_hour),
            time_scale: self.write_quota_time_scale.unwrap_or(d.time_scale),
        })
    }

    /// The faults asked for, checked; a refusal names the flag and [`Faults::validate`]'s reason.
    fn faults(&self) -> Result<Faults, clap::Error> {
        let faults = Faults {
            seed: self.seed,
            latency: self.latency(),
            server_error_rate: self.error_rate,
            drop_connection_rate: self.drop_rate,
            primary_rate_limit: self.rate_limit.map(|limit| PrimaryRateLimit {
                limit,
                window: Duration::from_secs(self.rate_limit_window_secs),
            }),
            secondary_rate_limit: self.secondary(),
            write_quota: self.write_quota(),
            hide_fresh_writes: self.hide_fresh_writes_ms.map(Duration::from_millis),
        };
        faults.validate().map_err(|error| {
            let message = format!("{}: {error}", flag_of(&error));
            Args::command().error(ErrorKind::ValueValidation, message)
        })?;
        Ok(faults)
    }
}

/// The flag behind a field [`Faults::validate`] refused.
fn flag_of(error: &FaultsError) -> &'static str {
    match error.field() {
        "server_error_rate" => "--error-rate",
        "drop_connection_rate" => "--drop-rate",
        "latency" => "--latency-range-ms",
        "primary_rate_limit.window" => "--rate-limit-window-secs",
        "secondary_rate_limit.status" => "--secondary-status",
        "write_quota.per_minute" => "--write-quota-per-minute",
        "write_quota.per_hour" => "--write-quota-per-hour",
        "write_quota.time_scale" => "--write-quota-time-scale",
        _ => "a fault flag",
    }
}

impl Args {
    /// `--repositories` then `--repo-topics`; a repository named twice takes the last spec.
    fn repositories(&self) -> Result<Vec<RepoSpec>, clap::Error> {
        let mut specs = match &self.repositories {
            Some(path) => read_repositories(path)?,
            None => Vec::new(),
        };
        specs.extend(self.repo_topics.iter().cloned());
        Ok(specs)
    }

    fn config(&self) -> Result<EmulatorConfig, clap::Error> {
        Ok(EmulatorConfig {
            port: self.port,
            token: self.token.clone(),
            user_login: self.user.clone(),
            repos: self.repos.clone(),
            repositories: self.repositories()?,
            orgs: self.orgs.clone(),
            faults: self.faults.faults()?,
            api_versions: self.api_versions.clone(),
            seed_demo_data: !self.no_demo_data,
        })
    }
}

/// Writes the app's credentials to `path`: created readable by its owner only (a private key
/// is in it), and narrowed to that if the file already existed.
fn write_app_file(path: &Path, app: &RegisteredApp) -> std::io::Result<()> {
    let body = serde_json::json!({
        "id": app.id,
        "client_id": app.client_id,
        "slug": app.slug,
        "private_key_pem": app.private_key_pem,
    });
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt as _, PermissionsExt as _};
        options.mode(0o600);
        let mut file = options.open(path)?;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        writeln!(file, "{body:#}")?;
    }
    #[cfg(not(unix))]
    writeln!(options.open(path)?, "{body:#}")?;
    Ok(())
}

fn main() -> ExitCode {
    let args = Args::parse();
    let config = args.config().unwrap_or_else(|error| error.exit());
    let emulator = match Emulator::start(config) {
        Ok(emulator) => emulator,
        Err(error) => {
            eprintln!("codespaces-secrets-emulator: cannot start: {error}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(path) = &args.register_app {
        let app = emulator.register_app();
        if let Err(error) = write_app_file(path, &app) {
            eprintln!(
                "codespaces-secrets-emulator: cannot write {}: {error}",
                path.display()
            );
            return ExitCode::FAILURE;
        }
        eprintln!(
            "registered GitHub App {} (client id {}); its credentials are in {}",
            app.id,
            app.client_id,
            path.display()
        );
    }
    // The token is a test credential for this emulator only; printing it is the point.
    let mut out = std::io::stdout().lock();
    let printed = writeln!(out, "GITHUB_API_URL={}", emulator.base_url())
        .and_then(|()| writeln!(out, "GITHUB_TOKEN={}", emulator.token()))
        .and_then(|()| out.flush());
    drop(out);
    if printed.is_err() {
        eprintln!("codespaces-secrets-emulator: cannot write to stdout");
        return ExitCode::FAILURE;
    }
    eprintln!(
        "codespaces-secrets-emulator listening on {} as user {:?}{}; control routes under {}/_emulator/; Ctrl-C stops it",
        emulator.base_url(),
        emulator.user_login(),
        if args.no_demo_data {
            ""
        } else {
            " (demo data: the user's Hello-World and Spoon-Knife, org octo-org with octo-repo and octo-service, hubot/hubot-scripts)"
        },
        emulator.base_url(),
    );
    // Serve until the process is killed; the server runs on the emulator's own thread.
    loop {
        std::thread::park();
    }
}
