//! What a valid [`Faults`] is. One check for every way faults are set — [`crate::Emulator::start`]
//! and [`crate::Emulator::set_faults`], `PUT /_emulator/faults`, the binary's flags, the Python
//! and Node helpers — so they all refuse the same values with the same message.

use std::fmt;

use super::{Faults, Latency};

/// Why a [`Faults`] value was refused: which field, and what is wrong with it.
///
/// Its text names the field as [`Faults`] spells it, e.g. `server_error_rate must be between 0
/// and 1, got 1.5`; the control route answers 422 with exactly this text, and the binary and the
/// bindings report it as their invalid-input error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultsError {
    field: &'static str,
    problem: String,
}

impl FaultsError {
    fn new(field: &'static str, problem: String) -> Self {
        Self { field, problem }
    }

    /// The refused field, e.g. `server_error_rate` or `secondary_rate_limit.status`.
    pub fn field(&self) -> &'static str {
        self.field
    }
}

impl fmt::Display for FaultsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.field, self.problem)
    }
}

impl std::error::Error for FaultsError {}

/// A fraction of requests: finite and within `0..=1`.
fn rate(field: &'static str, value: f64) -> Result<(), FaultsError> {
    if value.is_finite() && (0.0..=1.0).contains(&value) {
        Ok(())
    } else {
        Err(FaultsError::new(
            field,
            format!("must be between 0 and 1, got {value}"),
        ))
    }
}

impl Faults {
    /// Checks that the faults make sense: rates within `0..=1`, a uniform latency's `min` not
    /// above its `max`, a primary window longer than zero, a secondary status of 403 or 429, a
    /// write quota of at least one request per window on a clock that runs (`time_scale`
    /// finite and above 0).
    ///
    /// ```
    /// use codespaces_secrets_emulator::Faults;
    /// let careless = Faults { server_error_rate: 1.5, ..Faults::default() };
    /// let error = careless.validate().unwrap_err();
    /// assert_eq!(error.to_string(), "server_error_rate must be between 0 and 1, got 1.5");
    /// ```
    pub fn validate(&self) -> Result<(), FaultsError> {
        rate("server_error_rate", self.server_error_rate)?;
        rate("drop_connection_rate", self.drop_connection_rate)?;
        if let Some(Latency::Uniform { min, max }) = self.latency
            && max < min
        {
            return Err(FaultsError::new(
                "latency",
                format!("max ({max:?}) must not be less than min ({min:?})"),
            ));
        }
        if let Some(primary) = self.primary_rate_limit
            && primary.window.is_zero()
        {
            return Err(FaultsError::new(
                "primary_rate_limit.window",
                "must be longer than zero".to_owned(),
            ));
        }
        if let Some(secondary) = self.secondary_rate_limit
            && !matches!(secondary.status, 403 | 429)
        {
            return Err(FaultsError::new(
                "secondary_rate_limit.status",
                format!("must be 403 or 429, got {}", secondary.status),
            ));
        }
        if let Some(quota) = self.write_quota {
            for (field, cap) in [
                ("write_quota.per_minute", quota.per_minute),
                ("write_quota.per_hour", quota.per_hour),
            ] {
                if cap == 0 {
                    return Err(FaultsError::new(field, "must be at least 1".to_owned()));
                }
            }
            if !(quota.time_scale.is_finite() && quota.time_scale > 0.0) {
                return Err(FaultsError::new(
                    "write_quota.time_scale",
                    format!("must be a number above 0, got {}", quota.time_scale),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::faults::{PrimaryRateLimit, SecondaryRateLimit, WriteQuota};

    fn refused(faults: Faults) -> String {
        faults.validate().expect_err("must be refused").to_string()
    }

    #[test]
    fn sensible_faults_pass() {
        let faults = Faults {
            server_error_rate: 1.0,
            drop_connection_rate: 0.0,
            latency: Some(Latency::Uniform {
                min: Duration::from_millis(5),
                max: Duration::from_millis(5),
            }),
            primary_rate_limit: Some(PrimaryRateLimit {
                limit: 0,
                window: Duration::from_secs(1),
            }),
            secondary_rate_limit: Some(SecondaryRateLimit {
                status: 429,
                ..SecondaryRateLimit::default()
            }),
            ..Faults::default()
        };
        assert_eq!(faults.validate(), Ok(()));
        assert_eq!(Faults::default().validate(), Ok(()));
    }

    #[test]
    fn each_mistake_is_named() {
        let rates = |error, drop| Faults {
            server_error_rate: error,
            drop_connection_rate: drop,
            ..Faults::default()
        };
        assert_eq!(
            refused(rates(-0.1, 0.0)),
            "server_error_rate must be between 0 and 1, got -0.1"
        );
        assert_eq!(
            refused(rates(0.0, f64::NAN)),
            "drop_connection_rate must be between 0 and 1, got NaN"
        );
        assert_eq!(
            refused(Faults {
                latency: Some(Latency::Uniform {
                    min: Duration::from_millis(9),
                    max: Duration::from_millis(1),
                }),
                ..Faults::default()
            }),
            "latency max (1ms) must not be less than min (9ms)"
        );
        assert_eq!(
            refused(Faults {
                primary_rate_limit: Some(PrimaryRateLimit {
                    limit: 1,
                    window: Duration::ZERO,
                }),
                ..Faults::default()
            }),
            "primary_rate_limit.window must be longer than zero"
        );
        let error = Faults {
            secondary_rate_limit: Some(SecondaryRateLimit {
                status: 500,
                ..SecondaryRateLimit::default()
            }),
            ..Faults::default()
        }
        .validate()
        .expect_err("500");
        assert_eq!(error.field(), "secondary_rate_limit.status");
        assert_eq!(
            error.to_string(),
            "secondary_rate_limit.status must be 403 or 429, got 500"
        );
        let quota = |quota: WriteQuota| Faults {
            write_quota: Some(quota),
            ..Faults::default()
        };
        assert_eq!(
            refused(quota(WriteQuota {
                per_hour: 0,
                ..WriteQuota::default()
            })),
            "write_quota.per_hour must be at least 1"
        );
        for scale in [0.0, -1.0, f64::INFINITY] {
            assert_eq!(
                refused(quota(WriteQuota {
                    time_scale: scale,
                    ..WriteQuota::default()
                })),
                format!("write_quota.time_scale must be a number above 0, got {scale}")
            );
        }
    }
}
