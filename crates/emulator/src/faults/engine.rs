//! The faults in force and the seeded generator they draw from, one draw per API request.

use std::time::Duration;

use axum::http::StatusCode;

use super::{Faults, FaultsError, Latency};
use crate::faults::rng::SplitMix64;

/// The random part of the faults for one request, drawn when it arrives.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct FaultDraw {
    pub(crate) latency: Option<Duration>,
    pub(crate) server_error: Option<StatusCode>,
    pub(crate) drop_connection: bool,
}

/// The configured faults plus the generator they draw from. Only valid faults get here: a
/// uniform latency's bounds are ordered, so drawing from them cannot underflow.
#[derive(Debug)]
pub(crate) struct FaultEngine {
    faults: Faults,
    rng: SplitMix64,
}

const SERVER_ERRORS: [StatusCode; 3] = [
    StatusCode::INTERNAL_SERVER_ERROR,
    StatusCode::BAD_GATEWAY,
    StatusCode::SERVICE_UNAVAILABLE,
];

impl FaultEngine {
    /// Checks the faults ([`Faults::validate`]) and starts the generator from their seed.
    pub(crate) fn new(faults: Faults) -> Result<Self, FaultsError> {
        faults.validate()?;
        Ok(Self {
            rng: SplitMix64::new(faults.seed),
            faults,
        })
    }

    pub(crate) fn faults(&self) -> &Faults {
        &self.faults
    }

    /// Draws this request's faults. Always four draws, so one request's outcome never shifts
    /// the next request's.
    pub(crate) fn draw(&mut self) -> FaultDraw {
        let latency_roll = self.rng.next_f64();
        let error_roll = self.rng.next_f64();
        let error_kind = self.rng.next_u64();
        let drop_roll = self.rng.next_f64();
        let latency = self.faults.latency.map(|latency| match latency {
            Latency::Fixed(d) => d,
            Latency::Uniform { min, max } => min + (max - min).mul_f64(latency_roll),
        });
        let server_error = (error_roll < self.faults.server_error_rate).then(|| {
            let index = usize::try_from(error_kind % SERVER_ERRORS.len() as u64).unwrap_or(0);
            SERVER_ERRORS[index]
        });
        FaultDraw {
            latency,
            server_error,
            drop_connection: drop_roll < self.faults.drop_connection_rate,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draws(faults: Faults, n: usize) -> Vec<(Option<Duration>, Option<StatusCode>, bool)> {
        let mut engine = FaultEngine::new(faults).expect("valid faults");
        (0..n)
            .map(|_| {
                let d = engine.draw();
                (d.latency, d.server_error, d.drop_connection)
            })
            .collect()
    }

    #[test]
    fn a_seed_reproduces_the_same_faults() {
        let faults = Faults {
            seed: 99,
            latency: Some(Latency::Uniform {
                min: Duration::from_millis(1),
                max: Duration::from_millis(9),
            }),
            server_error_rate: 0.3,
            drop_connection_rate: 0.2,
            ..Faults::default()
        };
        assert_eq!(draws(faults.clone(), 200), draws(faults, 200));
    }

    #[test]
    fn rates_roughly_match() {
        let faults = Faults {
            seed: 1,
            server_error_rate: 0.25,
            ..Faults::default()
        };
        let errors = draws(faults, 10_000)
            .iter()
            .filter(|d| d.1.is_some())
            .count();
        assert!((2_200..2_800).contains(&errors), "{errors}");
    }

    #[test]
    fn default_faults_never_fire() {
        assert!(
            draws(Faults::default(), 1000)
                .iter()
                .all(|d| d.0.is_none() && d.1.is_none() && !d.2)
        );
    }

    #[test]
    fn invalid_faults_never_reach_the_engine() {
        let careless = Faults {
            latency: Some(Latency::Uniform {
                min: Duration::from_millis(9),
                max: Duration::from_millis(1),
            }),
            ..Faults::default()
        };
        assert!(FaultEngine::new(careless).is_err());
    }
}
