//! `codespaces-secrets-emulator`: the emulator as a command. Prints `GITHUB_API_URL=...` and
//! `GITHUB_TOKEN=...` on stdout (ready for `eval`/`source`), a summary on stderr, then serves
//! until killed.
#![forbid(unsafe_code)]

use std::io::Write as _;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use codespaces_secrets_emulator::{
    Emulator, EmulatorConfig, Faults, Latency, PrimaryRateLimit, SecondaryRateLimit,
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
    #[arg(long = "repo", value_name = "OWNER/NAME", value_parser = parse_repo)]
    repos: Vec<(String, String)>,
    /// Add an organization the demo user belongs to (repeatable).
    #[arg(long = "org", value_name = "NAME")]
    orgs: Vec<String>,
    /// Start without the demo repositories and organization.
    #[arg(long)]
    no_demo_data: bool,

    /// Seed for every random fault (same seed + same requests = same faults).
    #[arg(long, default_value_t = 0, help_heading = "Faults")]
    seed: u64,
    /// Add this latency to every API request.
    #[arg(
        long,
        value_name = "MS",
        help_heading = "Faults",
        conflicts_with = "latency_range_ms"
    )]
    latency_ms: Option<u64>,
    /// Add a latency drawn uniformly from MIN..MAX milliseconds.
    #[arg(long, value_name = "MIN-MAX", value_parser = parse_range, help_heading = "Faults")]
    latency_range_ms: Option<(u64, u64)>,
    /// Fraction of API requests answered 500/502/503 (before any change).
    #[arg(long, default_value_t = 0.0, value_parser = parse_rate, help_heading = "Faults")]
    error_rate: f64,
    /// Fraction of API requests whose connection is dropped mid-response (after the change).
    #[arg(long, default_value_t = 0.0, value_parser = parse_rate, help_heading = "Faults")]
    drop_rate: f64,
    /// Primary rate limit: this many requests per window, then 403 with x-ratelimit-remaining: 0.
    #[arg(long, value_name = "N", help_heading = "Faults")]
    rate_limit: Option<u32>,
    /// Primary rate-limit window.
    #[arg(
        long,
        value_name = "SECS",
        default_value_t = 3600,
        help_heading = "Faults"
    )]
    rate_limit_window_secs: u64,
    /// Secondary rate limit: refuse a write sooner than this after the previous one.
    #[arg(long, value_name = "MS", help_heading = "Faults")]
    secondary_min_interval_ms: Option<u64>,
    /// Secondary rate limit: refuse a write while this many are in flight (0 = no limit).
    #[arg(long, value_name = "N", help_heading = "Faults")]
    secondary_max_concurrent: Option<usize>,
    /// Secondary rate limit: status of a refusal.
    #[arg(long, value_name = "403|429", default_value_t = 403, value_parser = parse_status, help_heading = "Faults")]
    secondary_status: u16,
    /// Secondary rate limit: the retry-after of a refusal.
    #[arg(
        long,
        value_name = "SECS",
        default_value_t = 60,
        help_heading = "Faults"
    )]
    secondary_retry_after_secs: u64,
    /// Eventual consistency: a secret written less than this long ago answers 404 to a GET.
    #[arg(long, value_name = "MS", help_heading = "Faults")]
    hide_fresh_writes_ms: Option<u64>,
}

fn parse_repo(text: &str) -> Result<(String, String), String> {
    match text.split_once('/') {
        Some((owner, name)) if !owner.is_empty() && !name.is_empty() && !name.contains('/') => {
            Ok((owner.to_owned(), name.to_owned()))
        }
        _ => Err(format!("expected OWNER/NAME, got {text:?}")),
    }
}

fn parse_range(text: &str) -> Result<(u64, u64), String> {
    let bad = || format!("expected MIN-MAX in milliseconds, got {text:?}");
    let (min, max) = text.split_once('-').ok_or_else(bad)?;
    let min = min.trim().parse().map_err(|_| bad())?;
    let max = max.trim().parse().map_err(|_| bad())?;
    if min > max {
        return Err(bad());
    }
    Ok((min, max))
}

fn parse_rate(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(rate) if (0.0..=1.0).contains(&rate) => Ok(rate),
        _ => Err(format!("expected a fraction between 0 and 1, got {text:?}")),
    }
}

fn parse_status(text: &str) -> Result<u16, String> {
    match text {
        "403" => Ok(403),
        "429" => Ok(429),
        _ => Err(format!("expected 403 or 429, got {text:?}")),
    }
}

impl Args {
    fn faults(&self) -> Faults {
        let latency = match (self.latency_ms, self.latency_range_ms) {
            (Some(ms), _) => Some(Latency::Fixed(Duration::from_millis(ms))),
            (None, Some((min, max))) => Some(Latency::Uniform {
                min: Duration::from_millis(min),
                max: Duration::from_millis(max),
            }),
            (None, None) => None,
        };
        let secondary_on =
            self.secondary_min_interval_ms.is_some() || self.secondary_max_concurrent.is_some();
        Faults {
            seed: self.seed,
            latency,
            server_error_rate: self.error_rate,
            drop_connection_rate: self.drop_rate,
            primary_rate_limit: self.rate_limit.map(|limit| PrimaryRateLimit {
                limit,
                window: Duration::from_secs(self.rate_limit_window_secs),
            }),
            secondary_rate_limit: secondary_on.then(|| SecondaryRateLimit {
                min_write_interval: Duration::from_millis(
                    self.secondary_min_interval_ms.unwrap_or(0),
                ),
                max_concurrent_writes: self.secondary_max_concurrent.unwrap_or(0),
                status: self.secondary_status,
                retry_after: Duration::from_secs(self.secondary_retry_after_secs),
            }),
            hide_fresh_writes: self.hide_fresh_writes_ms.map(Duration::from_millis),
        }
    }

    fn config(&self) -> EmulatorConfig {
        EmulatorConfig {
            port: self.port,
            token: self.token.clone(),
            user_login: self.user.clone(),
            repos: self.repos.clone(),
            orgs: self.orgs.clone(),
            faults: self.faults(),
            seed_demo_data: !self.no_demo_data,
        }
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    let emulator = match Emulator::start(args.config()) {
        Ok(emulator) => emulator,
        Err(error) => {
            eprintln!("codespaces-secrets-emulator: cannot start: {error}");
            return ExitCode::FAILURE;
        }
    };
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
