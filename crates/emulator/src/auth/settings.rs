//! [`AuthSettings`]: the knobs of the emulator's GitHub App and device-flow authentication.

use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};

/// How long the emulator's credentials live and what its clock says, so token refresh, clock
/// drift and device-flow polling can be tested in seconds instead of hours.
///
/// Set with [`crate::Emulator::set_auth_settings`] or `PUT /_emulator/auth-settings`. Changes
/// apply to tokens and device codes issued afterwards; the clock skew applies at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthSettings {
    /// How long an installation token (`ghs_...`) is valid; GitHub's is one hour. Tests of
    /// token refresh set a few seconds.
    pub installation_token_lifetime: Duration,
    /// Seconds added to the real time wherever the emulator reads its clock for
    /// authentication: JWT `iat`/`exp` checks, token and device-code expiry, `expires_at`.
    /// Positive means the server is ahead of the client. Simulates a client whose clock is off.
    pub clock_skew: i64,
    /// The `interval` (seconds) `POST /login/device/code` tells a client to poll at; GitHub's
    /// is 5. Polling faster answers `slow_down`.
    pub device_poll_interval: u32,
    /// How long a device code can be exchanged; GitHub's is 15 minutes.
    pub device_code_lifetime: Duration,
}

impl Default for AuthSettings {
    /// GitHub's own values and no skew.
    fn default() -> Self {
        Self {
            installation_token_lifetime: Duration::from_secs(3600),
            clock_skew: 0,
            device_poll_interval: 5,
            device_code_lifetime: Duration::from_secs(900),
        }
    }
}

impl AuthSettings {
    /// The emulator's (skewed) clock.
    pub(crate) fn now(&self) -> DateTime<Utc> {
        let real = Utc::now();
        TimeDelta::try_seconds(self.clock_skew)
            .and_then(|skew| real.checked_add_signed(skew))
            .unwrap_or(if self.clock_skew < 0 {
                DateTime::<Utc>::MIN_UTC
            } else {
                DateTime::<Utc>::MAX_UTC
            })
    }
}

/// `duration` from `start`, saturating instead of overflowing on absurd settings.
pub(crate) fn after(start: DateTime<Utc>, duration: Duration) -> DateTime<Utc> {
    TimeDelta::from_std(duration)
        .ok()
        .and_then(|delta| start.checked_add_signed(delta))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skew_moves_the_clock() {
        let ahead = AuthSettings {
            clock_skew: 3600,
            ..AuthSettings::default()
        };
        let delta = ahead.now() - Utc::now();
        assert!((3599..=3601).contains(&delta.num_seconds()), "{delta}");
    }

    #[test]
    fn huge_values_saturate() {
        let far = AuthSettings {
            clock_skew: i64::MAX,
            ..AuthSettings::default()
        };
        assert_eq!(far.now(), DateTime::<Utc>::MAX_UTC);
        let start = Utc::now();
        assert_eq!(after(start, Duration::MAX), DateTime::<Utc>::MAX_UTC);
        assert_eq!(
            after(start, Duration::from_secs(2)),
            start + TimeDelta::seconds(2)
        );
    }
}
