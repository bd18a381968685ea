//! The emulator's settings (start-up options and faults) as plain JavaScript objects.

use std::time::Duration;

use codespaces_secrets::{Error, RepoRef};
use codespaces_secrets_emulator as emu;
use napi_derive::napi;

/// Settings for `new Emulator()`; everything is optional.
#[napi(object)]
#[derive(Default)]
pub struct EmulatorOptions {
    /// Port on 127.0.0.1; 0 or absent picks a free one.
    pub port: Option<u16>,
    /// The demo user's token; generated (`ghp_...`) when absent.
    pub token: Option<String>,
    /// The demo user's login. Default: `octocat`.
    pub user_login: Option<String>,
    /// Extra repositories, `"owner/name"`; an unknown owner becomes an organization of the demo user.
    pub repos: Option<Vec<String>>,
    /// Extra organizations; the demo user is a member of each.
    pub orgs: Option<Vec<String>>,
    /// Seed the demo data (`octocat/Hello-World` = 1296269, `octocat/Spoon-Knife`,
    /// `octo-org` with `octo-repo` and `octo-service`). Default: true.
    pub seed_demo_data: Option<bool>,
    /// Faults active from the first request.
    pub faults: Option<Faults>,
}

/// How the emulator misbehaves; absent fields mean no such fault. Values the emulator refuses
/// (a rate outside 0..1, a status other than 403 or 429) throw `INVALID_INPUT`.
#[napi(object)]
#[derive(Default)]
pub struct Faults {
    /// Seed of every random fault: the same seed and requests give the same faults.
    pub seed: Option<u32>,
    /// Delay added to every API request.
    pub latency_ms: Option<u32>,
    /// With `latencyMs`: the delay is drawn uniformly from `latencyMs..=latencyMaxMs`.
    pub latency_max_ms: Option<u32>,
    /// Fraction (0..1) of requests answered 500, 502 or 503 before any change.
    pub server_error_rate: Option<f64>,
    /// Fraction (0..1) of requests applied and then left without an answer.
    pub drop_connection_rate: Option<f64>,
    /// After `limit` requests in `windowMs`: 403 with `x-ratelimit-remaining: 0`.
    pub primary_rate_limit: Option<PrimaryRateLimit>,
    /// GitHub's secondary limit on writes (403/429 with `retry-after`).
    pub secondary_rate_limit: Option<SecondaryRateLimit>,
    /// Eventual consistency: a secret written less than this long ago answers 404 to a GET.
    pub hide_fresh_writes_ms: Option<u32>,
}

/// A primary rate limit: `limit` requests per `windowMs`.
#[napi(object)]
pub struct PrimaryRateLimit {
    /// Requests allowed per window.
    pub limit: u32,
    /// The window's length.
    pub window_ms: u32,
}

/// A secondary rate limit on writes; absent fields take GitHub's guidance (1000 ms apart, one
/// at a time, status 403, `retry-after` 60 s).
#[napi(object)]
pub struct SecondaryRateLimit {
    /// A write sooner than this after the previous one is refused.
    pub min_write_interval_ms: Option<u32>,
    /// A write while this many are in flight is refused (0 = no limit).
    pub max_concurrent_writes: Option<u32>,
    /// 403 or 429.
    pub status: Option<u16>,
    /// The `retry-after` sent (rounded up to whole seconds).
    pub retry_after_ms: Option<u32>,
}

fn ms(ms: u32) -> Duration {
    Duration::from_millis(ms.into())
}

impl From<Faults> for emu::Faults {
    fn from(f: Faults) -> Self {
        let latency = f.latency_ms.map(|min| match f.latency_max_ms {
            Some(max) => emu::Latency::Uniform {
                min: ms(min),
                max: ms(max),
            },
            None => emu::Latency::Fixed(ms(min)),
        });
        Self {
            seed: f.seed.unwrap_or(0).into(),
            latency,
            server_error_rate: f.server_error_rate.unwrap_or(0.0),
            drop_connection_rate: f.drop_connection_rate.unwrap_or(0.0),
            primary_rate_limit: f.primary_rate_limit.map(|p| emu::PrimaryRateLimit {
                limit: p.limit,
                window: ms(p.window_ms),
            }),
            secondary_rate_limit: f.secondary_rate_limit.map(|s| {
                let d = emu::SecondaryRateLimit::default();
                emu::SecondaryRateLimit {
                    min_write_interval: s.min_write_interval_ms.map_or(d.min_write_interval, ms),
                    max_concurrent_writes: s
                        .max_concurrent_writes
                        .map_or(d.max_concurrent_writes, |n| n as usize),
                    status: s.status.unwrap_or(d.status),
                    retry_after: s.retry_after_ms.map_or(d.retry_after, ms),
                }
            }),
            hide_fresh_writes: f.hide_fresh_writes_ms.map(ms),
            ..emu::Faults::default()
        }
    }
}

/// Faults the emulator refused ([`emu::Faults::validate`]), as the SDK's invalid-input error
/// (`INVALID_INPUT` in JavaScript).
pub(crate) fn refused(error: emu::FaultsError) -> Error {
    Error::invalid_input("faults", error.to_string())
}

impl EmulatorOptions {
    pub(crate) fn into_config(self) -> Result<emu::EmulatorConfig, Error> {
        let d = emu::EmulatorConfig::default();
        let faults: emu::Faults = self.faults.map(Into::into).unwrap_or_default();
        faults.validate().map_err(refused)?;
        let repos = self
            .repos
            .unwrap_or_default()
            .iter()
            .map(|r| r.parse::<RepoRef>())
            .collect::<Result<_, _>>()?;
        Ok(emu::EmulatorConfig {
            port: self.port.unwrap_or(d.port),
            token: self.token,
            user_login: self.user_login.unwrap_or(d.user_login),
            repos,
            orgs: self.orgs.unwrap_or_default(),
            faults,
            seed_demo_data: self.seed_demo_data.unwrap_or(d.seed_demo_data),
            ..d
        })
    }
}

/// `"owner/name"` as its two parts, checked by the SDK's one parser.
pub(crate) fn owner_and_name(full_name: &str) -> Result<(String, String), Error> {
    let repo: RepoRef = full_name.parse()?;
    Ok((repo.owner().to_owned(), repo.name().to_owned()))
}
