//! `GET|PUT|DELETE /_emulator/faults`: the faults as JSON. This file only translates; what is
//! valid is [`Faults::validate`]'s to say, and a secondary limit's absent fields come from
//! [`SecondaryRateLimit::default`].

use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use bytes::Bytes;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{message, parse};
use crate::faults::{Faults, Latency, PrimaryRateLimit, SecondaryRateLimit, WriteQuota};
use crate::server::ServerState;
use crate::server::errors::json_response;

/// Faults as JSON: durations in milliseconds (`retry_after_s` in seconds, as the header).
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct FaultsJson {
    seed: u64,
    latency: Option<LatencyJson>,
    server_error_rate: f64,
    drop_connection_rate: f64,
    primary_rate_limit: Option<PrimaryJson>,
    secondary_rate_limit: Option<SecondaryJson>,
    /// Left out when off, so the answer is what it was before the quota existed.
    #[serde(skip_serializing_if = "Option::is_none")]
    write_quota: Option<QuotaJson>,
    hide_fresh_writes_ms: Option<u64>,
}

/// Absent fields take [`WriteQuota::default`]'s values.
#[derive(Debug, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct QuotaJson {
    per_minute: u32,
    per_hour: u32,
    time_scale: f64,
}

impl Default for QuotaJson {
    fn default() -> Self {
        WriteQuota::default().into()
    }
}

impl From<WriteQuota> for QuotaJson {
    fn from(q: WriteQuota) -> Self {
        Self {
            per_minute: q.per_minute,
            per_hour: q.per_hour,
            time_scale: q.time_scale,
        }
    }
}

impl From<QuotaJson> for WriteQuota {
    fn from(q: QuotaJson) -> Self {
        Self {
            per_minute: q.per_minute,
            per_hour: q.per_hour,
            time_scale: q.time_scale,
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
enum LatencyJson {
    Fixed { fixed_ms: u64 },
    Uniform { min_ms: u64, max_ms: u64 },
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PrimaryJson {
    limit: u32,
    window_ms: u64,
}

/// Absent fields take [`SecondaryRateLimit::default`]'s values.
#[derive(Debug, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct SecondaryJson {
    min_write_interval_ms: u64,
    max_concurrent_writes: usize,
    status: u16,
    retry_after_s: u64,
}

impl Default for SecondaryJson {
    fn default() -> Self {
        SecondaryRateLimit::default().into()
    }
}

fn ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

impl From<SecondaryRateLimit> for SecondaryJson {
    fn from(s: SecondaryRateLimit) -> Self {
        Self {
            min_write_interval_ms: ms(s.min_write_interval),
            max_concurrent_writes: s.max_concurrent_writes,
            status: s.status,
            retry_after_s: s.retry_after.as_secs(),
        }
    }
}

impl From<SecondaryJson> for SecondaryRateLimit {
    fn from(s: SecondaryJson) -> Self {
        Self {
            min_write_interval: Duration::from_millis(s.min_write_interval_ms),
            max_concurrent_writes: s.max_concurrent_writes,
            status: s.status,
            retry_after: Duration::from_secs(s.retry_after_s),
        }
    }
}

impl From<Latency> for LatencyJson {
    fn from(l: Latency) -> Self {
        match l {
            Latency::Fixed(d) => Self::Fixed { fixed_ms: ms(d) },
            Latency::Uniform { min, max } => Self::Uniform {
                min_ms: ms(min),
                max_ms: ms(max),
            },
        }
    }
}

impl From<LatencyJson> for Latency {
    fn from(l: LatencyJson) -> Self {
        match l {
            LatencyJson::Fixed { fixed_ms } => Self::Fixed(Duration::from_millis(fixed_ms)),
            LatencyJson::Uniform { min_ms, max_ms } => Self::Uniform {
                min: Duration::from_millis(min_ms),
                max: Duration::from_millis(max_ms),
            },
        }
    }
}

impl From<&Faults> for FaultsJson {
    fn from(f: &Faults) -> Self {
        Self {
            seed: f.seed,
            latency: f.latency.map(Into::into),
            server_error_rate: f.server_error_rate,
            drop_connection_rate: f.drop_connection_rate,
            primary_rate_limit: f.primary_rate_limit.map(|p| PrimaryJson {
                limit: p.limit,
                window_ms: ms(p.window),
            }),
            secondary_rate_limit: f.secondary_rate_limit.map(Into::into),
            write_quota: f.write_quota.map(Into::into),
            hide_fresh_writes_ms: f.hide_fresh_writes.map(ms),
        }
    }
}

impl From<FaultsJson> for Faults {
    fn from(f: FaultsJson) -> Self {
        Self {
            seed: f.seed,
            latency: f.latency.map(Into::into),
            server_error_rate: f.server_error_rate,
            drop_connection_rate: f.drop_connection_rate,
            primary_rate_limit: f.primary_rate_limit.map(|p| PrimaryRateLimit {
                limit: p.limit,
                window: Duration::from_millis(p.window_ms),
            }),
            secondary_rate_limit: f.secondary_rate_limit.map(Into::into),
            write_quota: f.write_quota.map(Into::into),
            hide_fresh_writes: f.hide_fresh_writes_ms.map(Duration::from_millis),
        }
    }
}

fn current(server: &ServerState) -> Response {
    let current = FaultsJson::from(server.faults().faults());
    json_response(StatusCode::OK, &json!(current))
}

pub(super) async fn read(State(server): State<ServerState>) -> Response {
    current(&server)
}

/// Replaces the faults; 422 with [`Faults::validate`]'s message when they are refused.
pub(super) async fn write(State(server): State<ServerState>, body: Bytes) -> Response {
    let parsed: FaultsJson = match parse(&body) {
        Ok(parsed) => parsed,
        Err(why) => return message(StatusCode::UNPROCESSABLE_ENTITY, &why),
    };
    match server.set_faults(parsed.into()) {
        Ok(()) => current(&server),
        Err(refused) => message(StatusCode::UNPROCESSABLE_ENTITY, &refused.to_string()),
    }
}

pub(super) async fn clear(State(server): State<ServerState>) -> Response {
    // No faults are always valid.
    let _ = server.set_faults(Faults::default());
    current(&server)
}
